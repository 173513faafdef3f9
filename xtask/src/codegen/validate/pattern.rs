//! The spec's `pattern`s, compiled at generation time into plain data for `nexevo-api`'s
//! matcher, so the SDK needs no regex engine (one was the largest thing it compiled).
//!
//! The subset is what API patterns use: `^` and `$`, literals and escapes, `.`, `\d \w \s`,
//! character classes with ranges and negation, the quantifiers `* + ? {n} {n,} {n,m}`, and
//! groups, plain or optional (`(…)?`), with alternatives inside them (`(a|b)`). Anything else
//! is refused, naming the pattern, so a spec change can never be checked more loosely than it
//! says.

use anyhow::{Context, bail, ensure};
use proc_macro2::TokenStream;
use quote::quote;

/// One step of a compiled pattern (mirrors `nexevo_api::validation::Step`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// Between `min` and `max` (no limit when `None`) characters of `class`.
    Repeat {
        /// The characters allowed.
        class: Class,
        /// Fewest repetitions.
        min: u32,
        /// Most repetitions.
        max: Option<u32>,
    },
    /// Exactly this text.
    Literal(String),
    /// The steps of a group, once or not at all.
    Optional(Vec<Step>),
    /// One of these alternatives (a group with `|`).
    Either(Vec<Vec<Step>>),
}

/// A set of characters: ranges, or everything outside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Class {
    /// Inclusive ranges.
    pub(crate) ranges: Vec<(char, char)>,
    /// Whether the class is every character *not* in `ranges`.
    pub(crate) negated: bool,
}

impl Class {
    fn of(ranges: &[(char, char)]) -> Class {
        Class {
            ranges: ranges.to_vec(),
            negated: false,
        }
    }

    fn literal(c: char) -> Class {
        Class::of(&[(c, c)])
    }

    fn any() -> Class {
        Class {
            ranges: Vec::new(),
            negated: true,
        }
    }
}

/// ECMAScript's `\s`: white space and line terminators.
const SPACE: &[(char, char)] = &[
    ('\t', '\r'),
    (' ', ' '),
    ('\u{a0}', '\u{a0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200a}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202f}', '\u{202f}'),
    ('\u{205f}', '\u{205f}'),
    ('\u{3000}', '\u{3000}'),
    ('\u{feff}', '\u{feff}'),
];
const DIGIT: &[(char, char)] = &[('0', '9')];
const WORD: &[(char, char)] = &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
/// What `.` does not match.
const LINE_TERMINATORS: &[(char, char)] = &[('\n', '\n'), ('\r', '\r'), ('\u{2028}', '\u{2029}')];

/// Compiles `pattern` (ECMAScript syntax, as JSON Schema uses) into steps that match a whole
/// string exactly when the regex matches somewhere in it.
pub(crate) fn compile(pattern: &str) -> anyhow::Result<Vec<Step>> {
    compile_inner(pattern).with_context(|| format!("pattern `{pattern}`"))
}

fn compile_inner(pattern: &str) -> anyhow::Result<Vec<Step>> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut body = chars.as_slice();
    let anchored_start = body.first() == Some(&'^');
    if anchored_start {
        body = &body[1..];
    }
    let anchored_end = body.last() == Some(&'$') && !ends_escaped(&body[..body.len() - 1]);
    if anchored_end {
        body = &body[..body.len() - 1];
    }
    let mut parser = Parser { chars: body, at: 0 };
    let mut steps = parser.sequence()?;
    ensure!(
        parser.peek() != Some('|'),
        "alternation (`|`) is supported inside a group only"
    );
    ensure!(
        parser.at == body.len(),
        "unmatched `)` at character {}",
        parser.at
    );
    // An unanchored end may be followed by anything, and so may an unanchored start precede.
    let anything = Step::Repeat {
        class: Class::any(),
        min: 0,
        max: None,
    };
    if !anchored_start {
        steps.insert(0, anything.clone());
    }
    if !anchored_end {
        steps.push(anything);
    }
    Ok(steps)
}

/// Whether the characters end in an odd number of backslashes (so what follows is escaped).
fn ends_escaped(chars: &[char]) -> bool {
    chars.iter().rev().take_while(|&&c| c == '\\').count() % 2 == 1
}

struct Parser<'a> {
    chars: &'a [char],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> anyhow::Result<char> {
        let c = self.peek().context("the pattern ends too early")?;
        self.at += 1;
        Ok(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// A group's body after its `(`: one sequence, or several separated by `|` (as one
    /// [`Step::Either`]).
    fn group(&mut self) -> anyhow::Result<Vec<Step>> {
        let mut alternatives = vec![self.sequence()?];
        while self.eat('|') {
            alternatives.push(self.sequence()?);
        }
        ensure!(self.eat(')'), "a group is not closed");
        Ok(match alternatives.len() {
            1 => alternatives.pop().unwrap_or_default(),
            _ => vec![Step::Either(alternatives)],
        })
    }

    /// Steps up to the end, a `)` or a `|`.
    fn sequence(&mut self) -> anyhow::Result<Vec<Step>> {
        let mut steps = Vec::new();
        while let Some(c) = self.peek() {
            match c {
                ')' | '|' => break,
                '(' => {
                    self.at += 1;
                    if self.eat('?') {
                        ensure!(self.eat(':'), "only `(?:…)` groups are supported");
                    }
                    let group = self.group()?;
                    match self.quantifier()? {
                        None => group.into_iter().for_each(|step| push(&mut steps, step)),
                        Some((0, Some(1))) => steps.push(Step::Optional(group)),
                        Some(_) => bail!("a group may only be optional (`(…)?`)"),
                    }
                }
                '^' | '$' => bail!("`{c}` is supported only at the start and end"),
                '*' | '+' | '?' | '{' => bail!("`{c}` repeats nothing"),
                _ => {
                    let class = self.atom()?;
                    let (min, max) = self.quantifier()?.unwrap_or((1, Some(1)));
                    push(&mut steps, Step::Repeat { class, min, max });
                }
            }
        }
        Ok(steps)
    }

    /// One character's worth: a literal, an escape, `.` or a class.
    fn atom(&mut self) -> anyhow::Result<Class> {
        match self.next()? {
            '.' => Ok(Class {
                ranges: LINE_TERMINATORS.to_vec(),
                negated: true,
            }),
            '[' => self.class(),
            '\\' => match self.escape()? {
                Escaped::Char(c) => Ok(Class::literal(c)),
                Escaped::Set(ranges, negated) => Ok(Class {
                    ranges: ranges.to_vec(),
                    negated,
                }),
            },
            c => Ok(Class::literal(c)),
        }
    }

    /// After a `[`: the class up to its `]`.
    fn class(&mut self) -> anyhow::Result<Class> {
        let negated = self.eat('^');
        let mut ranges = Vec::new();
        ensure!(
            self.peek() != Some(']'),
            "an empty class (`[]`) is not supported"
        );
        loop {
            let first = match self.next()? {
                ']' => break,
                '\\' => match self.escape()? {
                    Escaped::Char(c) => c,
                    Escaped::Set(set, false) => {
                        ranges.extend_from_slice(set);
                        continue;
                    }
                    Escaped::Set(_, true) => {
                        bail!(
                            "a negated escape (`\\S`, `\\D`, `\\W`) inside a class is not supported"
                        )
                    }
                },
                c => c,
            };
            if self.peek() == Some('-') && self.chars.get(self.at + 1) != Some(&']') {
                self.at += 1;
                let last = match self.next()? {
                    '\\' => match self.escape()? {
                        Escaped::Char(c) => c,
                        Escaped::Set(..) => bail!("a range cannot end in a class escape"),
                    },
                    c => c,
                };
                ensure!(first <= last, "the range `{first}-{last}` is backwards");
                ranges.push((first, last));
            } else {
                ranges.push((first, first));
            }
        }
        Ok(Class { ranges, negated })
    }

    /// After a `\`.
    fn escape(&mut self) -> anyhow::Result<Escaped> {
        Ok(match self.next()? {
            's' => Escaped::Set(SPACE, false),
            'S' => Escaped::Set(SPACE, true),
            'd' => Escaped::Set(DIGIT, false),
            'D' => Escaped::Set(DIGIT, true),
            'w' => Escaped::Set(WORD, false),
            'W' => Escaped::Set(WORD, true),
            't' => Escaped::Char('\t'),
            'n' => Escaped::Char('\n'),
            'r' => Escaped::Char('\r'),
            'f' => Escaped::Char('\u{c}'),
            'v' => Escaped::Char('\u{b}'),
            'u' => {
                let digits: String = (0..4).map(|_| self.next()).collect::<anyhow::Result<_>>()?;
                let code = u32::from_str_radix(&digits, 16)
                    .with_context(|| format!("`\\u{digits}` is not a code point"))?;
                Escaped::Char(char::from_u32(code).context("`\\u` names a surrogate")?)
            }
            c if c.is_ascii_alphanumeric() => bail!("the escape `\\{c}` is not supported"),
            c => Escaped::Char(c),
        })
    }

    /// A quantifier after an atom or group, if there is one: `(min, max)`.
    fn quantifier(&mut self) -> anyhow::Result<Option<(u32, Option<u32>)>> {
        let bounds = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                self.at += 1;
                let min = self.number()?;
                let max = if self.eat(',') {
                    if self.peek() == Some('}') {
                        None
                    } else {
                        Some(self.number()?)
                    }
                } else {
                    Some(min)
                };
                ensure!(self.peek() == Some('}'), "a `{{` quantifier is not closed");
                if let Some(max) = max {
                    ensure!(min <= max, "the quantifier `{{{min},{max}}}` is backwards");
                }
                (min, max)
            }
            _ => return Ok(None),
        };
        self.at += 1;
        // Whether a match exists does not depend on greed, so a lazy `?` changes nothing.
        self.eat('?');
        Ok(Some(bounds))
    }

    fn number(&mut self) -> anyhow::Result<u32> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let digits: String = self.chars[start..self.at].iter().collect();
        digits
            .parse()
            .with_context(|| format!("`{digits}` is not a repetition count"))
    }
}

/// Appends `step`, running single literal characters together into one [`Step::Literal`].
fn push(steps: &mut Vec<Step>, step: Step) {
    let literal = match &step {
        Step::Repeat {
            class,
            min: 1,
            max: Some(1),
        } if !class.negated
            && class.ranges.len() == 1
            && class.ranges[0].0 == class.ranges[0].1 =>
        {
            Some(class.ranges[0].0)
        }
        Step::Literal(text) => {
            if let Some(Step::Literal(before)) = steps.last_mut() {
                before.push_str(text);
                return;
            }
            None
        }
        _ => None,
    };
    match (literal, steps.last_mut()) {
        (Some(c), Some(Step::Literal(before))) => before.push(c),
        (Some(c), _) => steps.push(Step::Literal(c.to_string())),
        (None, _) => steps.push(step),
    }
}

enum Escaped {
    Char(char),
    Set(&'static [(char, char)], bool),
}

/// The steps as a `&[Step]` expression of `nexevo_api::validation`.
pub(crate) fn tokens(steps: &[Step]) -> TokenStream {
    let steps = steps.iter().map(|step| match step {
        Step::Repeat { class, min, max } => {
            let firsts = class.ranges.iter().map(|(first, _)| first);
            let lasts = class.ranges.iter().map(|(_, last)| last);
            let negated = class.negated;
            let max = match max {
                Some(max) => quote!(Some(#max)),
                None => quote!(None),
            };
            quote! {
                Step::Repeat {
                    class: Class { ranges: &[#((#firsts, #lasts)),*], negated: #negated },
                    min: #min,
                    max: #max,
                }
            }
        }
        Step::Literal(text) => quote!(Step::Literal(#text)),
        Step::Optional(group) => {
            let group = tokens(group);
            quote!(Step::Optional(#group))
        }
        Step::Either(alternatives) => {
            let alternatives = alternatives.iter().map(|steps| tokens(steps));
            quote!(Step::Either(&[#(#alternatives),*]))
        }
    });
    quote!(&[#(#steps),*])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeat(ranges: &[(char, char)], min: u32, max: Option<u32>) -> Step {
        Step::Repeat {
            class: Class::of(ranges),
            min,
            max,
        }
    }

    #[test]
    fn an_anchored_pattern_compiles_to_its_steps() {
        assert_eq!(
            compile("^org_[A-Za-z0-9]{1,64}$").unwrap(),
            vec![
                Step::Literal("org_".into()),
                repeat(&[('A', 'Z'), ('a', 'z'), ('0', '9')], 1, Some(64)),
            ]
        );
        assert_eq!(
            compile(r"^-?[0-9]{1,3}(\.[0-9]{1,4})?$").unwrap(),
            vec![
                repeat(&[('-', '-')], 0, Some(1)),
                repeat(&[('0', '9')], 1, Some(3)),
                Step::Optional(vec![
                    Step::Literal(".".into()),
                    repeat(&[('0', '9')], 1, Some(4)),
                ]),
            ]
        );
    }

    #[test]
    fn an_unanchored_pattern_may_match_anywhere() {
        let steps = compile("ab").unwrap();
        assert_eq!(steps.len(), 3);
        assert_eq!(steps[1], Step::Literal("ab".into()));
        assert_eq!(
            steps[0],
            Step::Repeat {
                class: Class::any(),
                min: 0,
                max: None
            }
        );
    }

    #[test]
    fn negated_classes_and_escapes() {
        let steps = compile(r"^[^@\s]+$").unwrap();
        let Step::Repeat { class, .. } = &steps[0] else {
            panic!("{steps:?}")
        };
        assert!(class.negated);
        assert!(class.ranges.contains(&('@', '@')));
        assert!(class.ranges.contains(&('\t', '\r')));
        // An escaped `$` is a literal, not an anchor.
        assert_eq!(compile(r"^a\$$").unwrap(), vec![Step::Literal("a$".into())]);
        assert_eq!(compile(r"^a\$").unwrap().len(), 2);
    }

    #[test]
    fn alternatives_in_a_group_compile_to_one_step() {
        assert_eq!(
            compile(r"^http(s|://(localhost|127\.0\.0\.1))?$").unwrap(),
            vec![
                Step::Literal("http".into()),
                Step::Optional(vec![Step::Either(vec![
                    vec![Step::Literal("s".into())],
                    vec![
                        Step::Literal("://".into()),
                        Step::Either(vec![
                            vec![Step::Literal("localhost".into())],
                            vec![Step::Literal("127.0.0.1".into())],
                        ]),
                    ],
                ])]),
            ]
        );
    }

    #[test]
    fn what_is_not_supported_is_refused_by_name() {
        for pattern in [
            "^a|b$",
            "^(ab)+$",
            "^a{3,2}$",
            "^[]$",
            r"^\bword$",
            "^(?=a)$",
            "^a)$",
            "^(a$",
            "^*$",
        ] {
            let error = compile(pattern).expect_err(pattern);
            assert!(format!("{error:#}").contains(pattern), "{error:#}");
        }
    }
}
