//! From a pattern's text to [`Step`]s.

use std::borrow::Cow;

use crate::{Class, Step};

/// The deepest groups may nest: a pattern's steps are walked recursively, and one from a
/// caller must not be able to exhaust the stack.
const MAX_GROUP_DEPTH: usize = 32;

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

type Outcome<T> = Result<T, String>;

/// Compiles `pattern` into steps that match a whole string exactly when the regex matches
/// somewhere in it.
pub(crate) fn compile(pattern: &str) -> Outcome<Vec<Step>> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut body = chars.as_slice();
    let anchored_start = body.first() == Some(&'^');
    if anchored_start {
        body = &body[1..];
    }
    let anchored_end = match body.split_last() {
        Some(('$', before)) => !ends_escaped(before),
        _ => false,
    };
    if anchored_end {
        body = &body[..body.len() - 1];
    }
    let mut parser = Parser {
        chars: body,
        at: 0,
        depth: 0,
    };
    let mut steps = parser.sequence()?;
    if parser.peek() == Some('|') {
        return Err("alternation (`|`) is supported inside a group only".into());
    }
    if parser.at != body.len() {
        return Err(format!("unmatched `)` at character {}", parser.at));
    }
    // An unanchored end may be followed by anything, and so may an unanchored start precede.
    let anything = Step::Repeat {
        class: Class {
            ranges: Cow::Borrowed(&[]),
            negated: true,
        },
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
    /// Groups open around the parser's place.
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Outcome<char> {
        let c = self.peek().ok_or("the pattern ends too early")?;
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
    fn group(&mut self) -> Outcome<Vec<Step>> {
        self.depth += 1;
        if self.depth > MAX_GROUP_DEPTH {
            return Err(format!("groups nest deeper than {MAX_GROUP_DEPTH}"));
        }
        let mut alternatives = vec![self.sequence()?];
        while self.eat('|') {
            alternatives.push(self.sequence()?);
        }
        if !self.eat(')') {
            return Err("a group is not closed".into());
        }
        self.depth -= 1;
        Ok(match alternatives.len() {
            1 => alternatives.pop().unwrap_or_default(),
            _ => vec![Step::Either(
                alternatives.into_iter().map(Cow::Owned).collect(),
            )],
        })
    }

    /// Steps up to the end, a `)` or a `|`.
    fn sequence(&mut self) -> Outcome<Vec<Step>> {
        let mut steps = Vec::new();
        while let Some(c) = self.peek() {
            match c {
                ')' | '|' => break,
                '(' => {
                    self.at += 1;
                    if self.eat('?') && !self.eat(':') {
                        return Err("only `(?:…)` groups are supported".into());
                    }
                    let group = self.group()?;
                    match self.quantifier()? {
                        None => group.into_iter().for_each(|step| push(&mut steps, step)),
                        Some((0, Some(1))) => steps.push(Step::Optional(Cow::Owned(group))),
                        Some(_) => return Err("a group may only be optional (`(…)?`)".into()),
                    }
                }
                '^' | '$' => return Err(format!("`{c}` is supported only at the start and end")),
                '*' | '+' | '?' | '{' => return Err(format!("`{c}` repeats nothing")),
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
    fn atom(&mut self) -> Outcome<Class> {
        match self.next()? {
            '.' => Ok(Class {
                ranges: Cow::Borrowed(LINE_TERMINATORS),
                negated: true,
            }),
            '[' => self.class(),
            '\\' => match self.escape()? {
                Escaped::Char(c) => Ok(literal_class(c)),
                Escaped::Set(ranges, negated) => Ok(Class {
                    ranges: Cow::Borrowed(ranges),
                    negated,
                }),
            },
            c => Ok(literal_class(c)),
        }
    }

    /// After a `[`: the class up to its `]`.
    fn class(&mut self) -> Outcome<Class> {
        let negated = self.eat('^');
        let mut ranges = Vec::new();
        if self.peek() == Some(']') {
            return Err("an empty class (`[]`) is not supported".into());
        }
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
                        return Err(
                            "a negated escape (`\\S`, `\\D`, `\\W`) inside a class is not supported"
                                .into(),
                        );
                    }
                },
                c => c,
            };
            if self.peek() == Some('-') && self.chars.get(self.at + 1) != Some(&']') {
                self.at += 1;
                let last = match self.next()? {
                    '\\' => match self.escape()? {
                        Escaped::Char(c) => c,
                        Escaped::Set(..) => {
                            return Err("a range cannot end in a class escape".into());
                        }
                    },
                    c => c,
                };
                if first > last {
                    return Err(format!("the range `{first}-{last}` is backwards"));
                }
                ranges.push((first, last));
            } else {
                ranges.push((first, first));
            }
        }
        Ok(Class {
            ranges: Cow::Owned(ranges),
            negated,
        })
    }

    /// After a `\`.
    fn escape(&mut self) -> Outcome<Escaped> {
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
                let digits: String = (0..4).map(|_| self.next()).collect::<Outcome<_>>()?;
                let code = u32::from_str_radix(&digits, 16)
                    .map_err(|_| format!("`\\u{digits}` is not a code point"))?;
                Escaped::Char(char::from_u32(code).ok_or("`\\u` names a surrogate")?)
            }
            c if c.is_ascii_alphanumeric() => {
                return Err(format!("the escape `\\{c}` is not supported"));
            }
            c => Escaped::Char(c),
        })
    }

    /// A quantifier after an atom or group, if there is one: `(min, max)`.
    fn quantifier(&mut self) -> Outcome<Option<(u32, Option<u32>)>> {
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
                if self.peek() != Some('}') {
                    return Err("a `{` quantifier is not closed".into());
                }
                if let Some(max) = max
                    && min > max
                {
                    return Err(format!("the quantifier `{{{min},{max}}}` is backwards"));
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

    fn number(&mut self) -> Outcome<u32> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let digits: String = self.chars[start..self.at].iter().collect();
        digits
            .parse()
            .map_err(|_| format!("`{digits}` is not a repetition count"))
    }
}

fn literal_class(c: char) -> Class {
    Class {
        ranges: Cow::Owned(vec![(c, c)]),
        negated: false,
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
                before.to_mut().push_str(text);
                return;
            }
            None
        }
        _ => None,
    };
    match (literal, steps.last_mut()) {
        (Some(c), Some(Step::Literal(before))) => before.to_mut().push(c),
        (Some(c), _) => steps.push(Step::Literal(Cow::Owned(c.to_string()))),
        (None, _) => steps.push(step),
    }
}

enum Escaped {
    Char(char),
    Set(&'static [(char, char)], bool),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeat(ranges: &[(char, char)], min: u32, max: Option<u32>) -> Step {
        Step::Repeat {
            class: Class {
                ranges: Cow::Owned(ranges.to_vec()),
                negated: false,
            },
            min,
            max,
        }
    }

    fn literal(text: &str) -> Step {
        Step::Literal(Cow::Owned(text.to_owned()))
    }

    #[test]
    fn an_anchored_pattern_compiles_to_its_steps() {
        assert_eq!(
            compile("^org_[A-Za-z0-9]{1,64}$").unwrap(),
            vec![
                literal("org_"),
                repeat(&[('A', 'Z'), ('a', 'z'), ('0', '9')], 1, Some(64)),
            ]
        );
        assert_eq!(
            compile(r"^-?[0-9]{1,3}(\.[0-9]{1,4})?$").unwrap(),
            vec![
                repeat(&[('-', '-')], 0, Some(1)),
                repeat(&[('0', '9')], 1, Some(3)),
                Step::Optional(Cow::Owned(vec![
                    literal("."),
                    repeat(&[('0', '9')], 1, Some(4)),
                ])),
            ]
        );
    }

    #[test]
    fn an_unanchored_pattern_may_match_anywhere() {
        let steps = compile("ab").unwrap();
        assert_eq!(steps.len(), 3);
        assert_eq!(steps[1], literal("ab"));
        let Step::Repeat {
            class,
            min: 0,
            max: None,
        } = &steps[0]
        else {
            panic!("{steps:?}")
        };
        assert!(class.negated && class.ranges.is_empty());
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
        assert_eq!(compile(r"^a\$$").unwrap(), vec![literal("a$")]);
        assert_eq!(compile(r"^a\$").unwrap().len(), 2);
    }

    #[test]
    fn alternatives_in_a_group_compile_to_one_step() {
        let either = |alternatives: Vec<Vec<Step>>| {
            Step::Either(alternatives.into_iter().map(Cow::Owned).collect())
        };
        assert_eq!(
            compile(r"^http(s|://(localhost|127\.0\.0\.1))?$").unwrap(),
            vec![
                literal("http"),
                Step::Optional(Cow::Owned(vec![either(vec![
                    vec![literal("s")],
                    vec![
                        literal("://"),
                        either(vec![vec![literal("localhost")], vec![literal("127.0.0.1")]]),
                    ],
                ])])),
            ]
        );
    }

    #[test]
    fn what_is_not_supported_is_refused() {
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
            "^a{99999999999}$",
            r"^\u12$",
        ] {
            assert!(compile(pattern).is_err(), "{pattern}");
        }
    }

    #[test]
    fn deep_groups_are_refused_not_recursed_into() {
        let deep = format!("^{}a{}$", "(".repeat(100_000), ")".repeat(100_000));
        assert_eq!(
            compile(&deep).unwrap_err(),
            format!("groups nest deeper than {MAX_GROUP_DEPTH}")
        );
        let fine = format!("^{}a{}$", "(".repeat(32), ")".repeat(32));
        assert_eq!(compile(&fine).unwrap(), vec![literal("a")]);
    }
}
