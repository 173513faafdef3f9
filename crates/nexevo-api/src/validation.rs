//! Checking values against the spec's constraints.
//!
//! The checks themselves are generated (`crate::validate`); this module is what they are made
//! of: where a value sits ([`FieldPath`]), what it broke ([`Rule`]), and one function per kind
//! of constraint ([`check`]).

use std::borrow::Cow;
use std::fmt;

/// A value that can be checked against the spec before it is sent (or when it is received).
pub trait Validate {
    /// Checks the value, naming fields relative to `at`.
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError>;

    /// Checks the value as a whole request body.
    fn validate(&self) -> Result<(), ValidationError> {
        self.validate_at(&FieldPath::Root)
    }
}

/// Where a value sits in a request, built on the stack as checks descend and turned into text
/// (`messages[2].content`) only when a check fails.
#[derive(Debug, Clone, Copy)]
pub enum FieldPath<'a> {
    /// The request body itself.
    Root,
    /// A named field (or parameter) of its parent.
    Field {
        /// The value holding the field.
        parent: &'a FieldPath<'a>,
        /// The field's wire name.
        name: &'static str,
    },
    /// An element of a list.
    Index {
        /// The list.
        parent: &'a FieldPath<'a>,
        /// The element's position.
        index: usize,
    },
}

impl<'a> FieldPath<'a> {
    /// A top-level field or parameter.
    pub const fn top(name: &'static str) -> FieldPath<'static> {
        FieldPath::Field {
            parent: &FieldPath::Root,
            name,
        }
    }

    /// The field `name` of this value.
    pub const fn field(&'a self, name: &'static str) -> FieldPath<'a> {
        FieldPath::Field { parent: self, name }
    }

    /// The element `index` of this list.
    pub const fn index(&'a self, index: usize) -> FieldPath<'a> {
        FieldPath::Index {
            parent: self,
            index,
        }
    }

    fn write(&self, out: &mut String) {
        match self {
            Self::Root => {}
            Self::Field { parent, name } => {
                parent.write(out);
                if !matches!(parent, Self::Root) {
                    out.push('.');
                }
                out.push_str(name);
            }
            Self::Index { parent, index } => {
                parent.write(out);
                out.push('[');
                out.push_str(&index.to_string());
                out.push(']');
            }
        }
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        if out.is_empty() {
            out.push_str("body");
        }
        f.write_str(&out)
    }
}

/// A constraint a value broke.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// Fewer characters than allowed.
    MinLength(u64),
    /// More characters than allowed.
    MaxLength(u64),
    /// Does not match the pattern (an ECMAScript regex, as in the spec).
    Pattern(&'static str),
    /// Does not match the pattern, which the spec also states in words
    /// (`x-nexevo-pattern-says`): the words are what a person is told.
    PatternSaid {
        /// The pattern (an ECMAScript regex, as in the spec).
        pattern: &'static str,
        /// What a value must be, in words ("a key id: `key_` then letters or digits").
        says: &'static str,
    },
    /// Below the minimum (or at it, when exclusive).
    Minimum {
        /// The bound as the spec writes it.
        limit: &'static str,
        /// Whether the bound itself is refused.
        exclusive: bool,
    },
    /// Above the maximum (or at it, when exclusive).
    Maximum {
        /// The bound as the spec writes it.
        limit: &'static str,
        /// Whether the bound itself is refused.
        exclusive: bool,
    },
    /// More decimal places than allowed.
    MaxDecimalPlaces(u32),
    /// Fewer list elements than allowed.
    MinItems(u64),
    /// More list elements than allowed.
    MaxItems(u64),
    /// A list element appears twice.
    UniqueItems,
    /// More object properties than allowed.
    MaxProperties(u64),
    /// Serialized to more bytes of JSON than allowed.
    MaxSerializedBytes(u64),
    /// Not one of the allowed values.
    OneOf(&'static [&'static str]),
    /// One of the values this field refuses (`x-nexevo-refused-values` in the spec).
    NoneOf(&'static [&'static str]),
    /// A rule the spec states in words, described here.
    Described(Cow<'static, str>),
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MinLength(n) => write!(f, "must be at least {n} character{}", plural(*n)),
            Self::MaxLength(n) => write!(f, "must be at most {n} character{}", plural(*n)),
            Self::Pattern(p) => write!(f, "must match {p}"),
            Self::PatternSaid { says, .. } => write!(f, "must be {says}"),
            Self::Minimum {
                limit,
                exclusive: true,
            } => write!(f, "must be greater than {limit}"),
            Self::Minimum {
                limit,
                exclusive: false,
            } => write!(f, "must be at least {limit}"),
            Self::Maximum {
                limit,
                exclusive: true,
            } => write!(f, "must be less than {limit}"),
            Self::Maximum {
                limit,
                exclusive: false,
            } => write!(f, "must be at most {limit}"),
            Self::MaxDecimalPlaces(n) => write!(f, "must have at most {n} decimal places"),
            Self::MinItems(n) => write!(f, "must have at least {n} item{}", plural(*n)),
            Self::MaxItems(n) => write!(f, "must have at most {n} item{}", plural(*n)),
            Self::UniqueItems => f.write_str("must not repeat an item"),
            Self::MaxProperties(n) => write!(f, "must have at most {n} properties"),
            Self::MaxSerializedBytes(n) => write!(f, "must be at most {n} bytes as JSON"),
            Self::OneOf(values) => write!(f, "must be one of {}", values.join(", ")),
            Self::NoneOf(values) => write!(f, "must not be {}", values.join(" or ")),
            Self::Described(text) => f.write_str(text),
        }
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A value broke a constraint of the spec: which field, and which rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    field: String,
    rule: Rule,
}

impl ValidationError {
    /// A broken rule at a field. Crate-private: the generated validators build their errors
    /// with it; anyone else names the field ([`Self::at_field`]).
    pub(crate) fn new(at: &FieldPath<'_>, rule: Rule) -> Self {
        Self {
            field: at.to_string(),
            rule,
        }
    }

    /// A broken rule at a field named directly (`"monthly_spend_cap_usd"`).
    pub fn at_field(field: impl Into<String>, rule: Rule) -> Self {
        Self {
            field: field.into(),
            rule,
        }
    }

    /// The field, as a path into the request (`messages[2].content`), or the parameter name.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The rule it broke.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.field, self.rule)
    }
}

impl std::error::Error for ValidationError {}

/// An open enum's knowledge of its own values (implemented by every open enum).
pub trait Known {
    /// Whether the value is one this version knows.
    fn is_known(&self) -> bool;
    /// The values this version knows.
    fn known_values(&self) -> &'static [&'static str];
}

/// The spec's regexes: compiled by the generator into `static` [`Pattern`]s of this crate's
/// validators (see `nexevo_pattern` for the subset), so validating needs no regex engine.
pub use nexevo_pattern::{Class, Pattern, Step};

/// One function per kind of constraint, called by the generated validators.
pub mod check {
    use rust_decimal::Decimal;

    use super::{FieldPath, Known, Pattern, Rule, ValidationError};

    /// A numeric bound: its value, its text in the spec, and whether it is exclusive.
    #[derive(Debug, Clone, Copy)]
    pub struct Bound<T> {
        /// The bound.
        pub value: T,
        /// The bound as the spec writes it, for messages.
        pub text: &'static str,
        /// Whether the bound itself is refused.
        pub exclusive: bool,
    }

    type Outcome = Result<(), ValidationError>;

    /// Length in characters (Unicode scalar values, as JSON Schema counts them).
    pub fn length(text: &str, min: Option<u64>, max: Option<u64>, at: &FieldPath<'_>) -> Outcome {
        let length = u64::try_from(text.chars().count()).unwrap_or(u64::MAX);
        if let Some(min) = min.filter(|min| length < *min) {
            return Err(ValidationError::new(at, Rule::MinLength(min)));
        }
        if let Some(max) = max.filter(|max| length > *max) {
            return Err(ValidationError::new(at, Rule::MaxLength(max)));
        }
        Ok(())
    }

    /// Matches the spec's pattern (anywhere in the text, as JSON Schema does; ours are anchored).
    pub fn pattern(text: &str, pattern: &'static Pattern, at: &FieldPath<'_>) -> Outcome {
        if pattern.is_match(text) {
            Ok(())
        } else {
            Err(ValidationError::new(at, Rule::Pattern(pattern.source())))
        }
    }

    /// [`pattern`], for a pattern the spec also states in words: a refusal says them.
    pub fn pattern_said(
        text: &str,
        pattern: &'static Pattern,
        says: &'static str,
        at: &FieldPath<'_>,
    ) -> Outcome {
        if pattern.is_match(text) {
            Ok(())
        } else {
            Err(ValidationError::new(
                at,
                Rule::PatternSaid {
                    pattern: pattern.source(),
                    says,
                },
            ))
        }
    }

    /// One of a closed list of strings.
    pub fn one_of_str(text: &str, values: &'static [&'static str], at: &FieldPath<'_>) -> Outcome {
        if values.contains(&text) {
            Ok(())
        } else {
            Err(ValidationError::new(at, Rule::OneOf(values)))
        }
    }

    /// None of the values a field refuses.
    pub fn none_of_str(text: &str, values: &'static [&'static str], at: &FieldPath<'_>) -> Outcome {
        if values.contains(&text) {
            Err(ValidationError::new(at, Rule::NoneOf(values)))
        } else {
            Ok(())
        }
    }

    /// One of a closed list of integers.
    pub fn one_of_int(value: i128, values: &'static [i128], at: &FieldPath<'_>) -> Outcome {
        if values.contains(&value) {
            return Ok(());
        }
        let text: Vec<String> = values.iter().map(ToString::to_string).collect();
        Err(ValidationError::new(
            at,
            Rule::Described(format!("must be one of {}", text.join(", ")).into()),
        ))
    }

    /// An open enum value this version knows: an `Unknown` one is never sent.
    pub fn known(value: &impl Known, at: &FieldPath<'_>) -> Outcome {
        if value.is_known() {
            Ok(())
        } else {
            Err(ValidationError::new(at, Rule::OneOf(value.known_values())))
        }
    }

    fn range<T: PartialOrd>(
        value: T,
        min: Option<Bound<T>>,
        max: Option<Bound<T>>,
        at: &FieldPath<'_>,
    ) -> Outcome {
        if let Some(min) = min {
            let below = if min.exclusive {
                value <= min.value
            } else {
                value < min.value
            };
            if below {
                return Err(ValidationError::new(
                    at,
                    Rule::Minimum {
                        limit: min.text,
                        exclusive: min.exclusive,
                    },
                ));
            }
        }
        if let Some(max) = max {
            let above = if max.exclusive {
                value >= max.value
            } else {
                value > max.value
            };
            if above {
                return Err(ValidationError::new(
                    at,
                    Rule::Maximum {
                        limit: max.text,
                        exclusive: max.exclusive,
                    },
                ));
            }
        }
        Ok(())
    }

    /// An integer within bounds.
    pub fn int_range(
        value: i128,
        min: Option<Bound<i128>>,
        max: Option<Bound<i128>>,
        at: &FieldPath<'_>,
    ) -> Outcome {
        range(value, min, max, at)
    }

    /// A float within bounds (NaN is never within any).
    pub fn float_range(
        value: f64,
        min: Option<Bound<f64>>,
        max: Option<Bound<f64>>,
        at: &FieldPath<'_>,
    ) -> Outcome {
        if value.is_nan() {
            return Err(ValidationError::new(
                at,
                Rule::Described("must be a number".into()),
            ));
        }
        range(value, min, max, at)
    }

    /// A decimal within bounds, compared exactly.
    pub fn decimal_range(
        value: Decimal,
        min: Option<Bound<Decimal>>,
        max: Option<Bound<Decimal>>,
        at: &FieldPath<'_>,
    ) -> Outcome {
        range(value, min, max, at)
    }

    /// A decimal with at most `places` decimal places (trailing zeros do not count).
    pub fn decimal_places(value: Decimal, places: u32, at: &FieldPath<'_>) -> Outcome {
        if value.normalize().scale() <= places {
            Ok(())
        } else {
            Err(ValidationError::new(at, Rule::MaxDecimalPlaces(places)))
        }
    }

    /// A list length within bounds.
    pub fn items(length: usize, min: Option<u64>, max: Option<u64>, at: &FieldPath<'_>) -> Outcome {
        let length = u64::try_from(length).unwrap_or(u64::MAX);
        if let Some(min) = min.filter(|min| length < *min) {
            return Err(ValidationError::new(at, Rule::MinItems(min)));
        }
        if let Some(max) = max.filter(|max| length > *max) {
            return Err(ValidationError::new(at, Rule::MaxItems(max)));
        }
        Ok(())
    }

    /// No element twice. Lists with this rule are short (their `maxItems` is small), so the
    /// quadratic comparison is cheaper than hashing.
    pub fn unique<T: PartialEq>(items: &[T], at: &FieldPath<'_>) -> Outcome {
        for (index, item) in items.iter().enumerate() {
            if items[..index].contains(item) {
                return Err(ValidationError::new(at, Rule::UniqueItems));
            }
        }
        Ok(())
    }

    /// At most `max` object properties.
    pub fn properties(count: usize, max: u64, at: &FieldPath<'_>) -> Outcome {
        if u64::try_from(count).unwrap_or(u64::MAX) > max {
            return Err(ValidationError::new(at, Rule::MaxProperties(max)));
        }
        Ok(())
    }

    /// At most `max` bytes once serialized as JSON (counted without building the text).
    pub fn serialized_size(value: &impl serde::Serialize, max: u64, at: &FieldPath<'_>) -> Outcome {
        struct Counter(u64);
        impl std::io::Write for Counter {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0 = self
                    .0
                    .saturating_add(u64::try_from(bytes.len()).unwrap_or(u64::MAX));
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut counter = Counter(0);
        let fits = serde_json::to_writer(&mut counter, value).is_ok() && counter.0 <= max;
        if fits {
            Ok(())
        } else {
            Err(ValidationError::new(at, Rule::MaxSerializedBytes(max)))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow::Borrowed;

    use super::*;

    #[test]
    fn paths_render_only_what_is_needed() {
        let root = FieldPath::Root;
        let messages = root.field("messages");
        let third = messages.index(2);
        let content = third.field("content");
        assert_eq!(content.to_string(), "messages[2].content");
        assert_eq!(
            FieldPath::top("Idempotency-Key").to_string(),
            "Idempotency-Key"
        );
        assert_eq!(root.to_string(), "body");
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let at = FieldPath::top("name");
        assert!(check::length("日本語", Some(1), Some(3), &at).is_ok());
        let error = check::length("", Some(1), Some(3), &at).unwrap_err();
        assert_eq!(error.to_string(), "name must be at least 1 character");
        assert_eq!(*error.rule(), Rule::MinLength(1));
    }

    /// A pattern written as the generator writes one.
    static DECIMAL: Pattern = Pattern::from_compiled(
        "^-?[0-9]{1,3}(\\.[0-9]{1,2})?$",
        &[
            Step::Repeat {
                class: Class {
                    ranges: Borrowed(&[('-', '-')]),
                    negated: false,
                },
                min: 0,
                max: Some(1),
            },
            Step::Repeat {
                class: Class {
                    ranges: Borrowed(&[('0', '9')]),
                    negated: false,
                },
                min: 1,
                max: Some(3),
            },
            Step::Optional(Borrowed(&[
                Step::Literal(Borrowed(".")),
                Step::Repeat {
                    class: Class {
                        ranges: Borrowed(&[('0', '9')]),
                        negated: false,
                    },
                    min: 1,
                    max: Some(2),
                },
            ])),
        ],
    );

    /// Characters to build test strings from: those the spec's patterns mention, and some they
    /// refuse (space, a no-break space, a line feed, a CJK character).
    const ALPHABET: &[char] = &[
        'a', 'e', 'g', 'n', 'o', 'r', 'k', 'y', 'c', 'u', 'h', 't', 'p', 's', 'Z', '0', '7', '9',
        '_', '-', '.', '@', ':', '/', '!', '~', ' ', '\t', '\u{a0}', '\n', '日',
    ];

    proptest::proptest! {
        /// Every pattern of the spec, as the generator compiled it, answers as a real ECMAScript
        /// regex engine does — on strings it describes and on the same strings slightly broken.
        #[test]
        fn spec_patterns_agree_with_a_regex_engine(
            seed in proptest::prelude::any::<u64>(),
            edits in proptest::collection::vec(
                (proptest::prelude::any::<u32>(), proptest::prelude::any::<u32>()),
                0..3,
            ),
        ) {
            for pattern in crate::generated::validate::PATTERNS {
                let regex = regress::Regex::new(pattern.source()).map_err(|e| {
                    proptest::test_runner::TestCaseError::fail(e.to_string())
                })?;
                let text = pattern.example(seed, 200).unwrap_or_default();
                let mut chars: Vec<char> = text.chars().collect();
                for &(position, pick) in &edits {
                    let position = position as usize % (chars.len() + 1);
                    let c = ALPHABET[pick as usize % ALPHABET.len()];
                    match pick % 3 {
                        0 => chars.insert(position, c),
                        1 if position < chars.len() => chars[position] = c,
                        _ if position < chars.len() => drop(chars.remove(position)),
                        _ => {}
                    }
                }
                let text: String = chars.into_iter().collect();
                proptest::prop_assert_eq!(
                    pattern.is_match(&text),
                    regex.find(&text).is_some(),
                    "pattern {} on {:?}",
                    pattern.source(),
                    text
                );
            }
        }
    }

    #[test]
    fn a_static_pattern_matches_whole_strings() {
        for yes in ["0", "-1", "999", "12.5", "-12.50", "7.0"] {
            assert!(DECIMAL.is_match(yes), "{yes}");
        }
        for no in ["", "-", "1000", "1.", "1.234", ".5", "1.5x", "x1", "١٢"] {
            assert!(!DECIMAL.is_match(no), "{no}");
        }
        assert_eq!(DECIMAL.source(), "^-?[0-9]{1,3}(\\.[0-9]{1,2})?$");
    }

    #[test]
    fn patterns_and_bounds() {
        let at = FieldPath::top("amount");
        assert!(check::pattern("12.5", &DECIMAL, &at).is_ok());
        assert_eq!(
            check::pattern("12.345", &DECIMAL, &at).unwrap_err().rule(),
            &Rule::Pattern("^-?[0-9]{1,3}(\\.[0-9]{1,2})?$")
        );
        let at = FieldPath::top("url");
        let positive = Some(check::Bound {
            value: 0i128,
            text: "0",
            exclusive: true,
        });
        assert!(check::int_range(1, positive, None, &at).is_ok());
        assert_eq!(
            check::int_range(0, positive, None, &at)
                .unwrap_err()
                .to_string(),
            "url must be greater than 0"
        );
        assert!(check::float_range(f64::NAN, None, None, &at).is_err());
    }

    #[test]
    fn serialized_size_counts_json_bytes() {
        let at = FieldPath::top("metadata");
        let small = serde_json::json!({ "a": "b" });
        assert!(check::serialized_size(&small, 9, &at).is_ok());
        assert!(check::serialized_size(&small, 8, &at).is_err());
    }
}
