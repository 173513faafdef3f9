//! Why a schema cannot be a strict structured output.

use std::borrow::Cow;
use std::fmt;

/// Why a schema cannot be a strict structured output: the Rust type (for a derived schema), the
/// JSON Pointer of the part at fault in the schema as given, and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    type_name: Option<String>,
    path: String,
    problem: SchemaProblem,
}

impl SchemaError {
    pub(super) fn new(path: &str, problem: SchemaProblem) -> Self {
        Self {
            type_name: None,
            path: path.to_owned(),
            problem,
        }
    }

    /// The same error, of the schema derived from the Rust type `name`.
    pub(super) fn of_type(mut self, name: Option<&str>) -> Self {
        self.type_name = name.map(str::to_owned);
        self
    }

    /// The Rust type whose schema it is, when it was derived from one.
    pub fn type_name(&self) -> Option<&str> {
        self.type_name.as_deref()
    }

    /// Where in the schema (a JSON Pointer, `""` for the root; definitions under `/$defs/…`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What the subset cannot say.
    pub fn problem(&self) -> &SchemaProblem {
        &self.problem
    }
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let subject: Cow<'_, str> = match &self.type_name {
            Some(name) => format!("the schema of `{name}`").into(),
            None => "the schema".into(),
        };
        let at = if self.path.is_empty() {
            "at its root".to_owned()
        } else {
            format!("at {}", self.path)
        };
        write!(
            f,
            "{subject} cannot be a strict structured output: {at}, {}",
            self.problem
        )
    }
}

impl std::error::Error for SchemaError {}

/// What the strict subset cannot express.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SchemaProblem {
    /// A map with arbitrary keys (`HashMap`, `BTreeMap`, a flattened map): every object of the
    /// subset lists its properties.
    MapWithArbitraryKeys,
    /// A tuple (`prefixItems`): the subset's arrays have one item schema.
    Tuple,
    /// Any JSON value (`serde_json::Value`, the schema `true`).
    AnyValue,
    /// The root is not an object (a list, a union, a scalar): wrap it in a struct.
    RootNotObject,
    /// A keyword outside the subset.
    UnsupportedKeyword {
        /// The keyword.
        keyword: String,
    },
    /// A `$ref` to nothing in the schema's `$defs`.
    UnresolvedReference {
        /// The reference as written.
        reference: String,
    },
    /// A `pattern` outside the subset's regexes (see the module's docs), or one no string
    /// matches.
    UnsupportedPattern {
        /// The pattern as written.
        pattern: String,
        /// What is wrong with it.
        problem: String,
    },
    /// Not a schema where one must be (a number, a list, `false`, an unknown type name).
    NotASchema,
    /// Over one of the subset's [`limits`](super::limits).
    OverLimit {
        /// Which limit.
        limit: SchemaLimit,
        /// The most it allows.
        most: usize,
    },
    /// A name the API does not take (1 to 64 of `A-Z a-z 0-9 _ -`).
    InvalidName {
        /// The name given.
        name: String,
    },
}

impl fmt::Display for SchemaProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MapWithArbitraryKeys => f.write_str(
                "a map with arbitrary keys (the subset lists every property of an object; use a struct)",
            ),
            Self::Tuple => {
                f.write_str("a tuple (prefixItems; use a struct with named fields)")
            }
            Self::AnyValue => f.write_str("any JSON value (the subset needs a type)"),
            Self::RootNotObject => {
                f.write_str("the root is not an object (wrap the value in a struct)")
            }
            Self::UnsupportedKeyword { keyword } => {
                write!(f, "`{keyword}` is not in the strict subset")
            }
            Self::UnresolvedReference { reference } => {
                write!(f, "`{reference}` refers to nothing in `$defs`")
            }
            Self::UnsupportedPattern { pattern, problem } => {
                write!(f, "the pattern `{pattern}` is not in the subset: {problem}")
            }
            Self::NotASchema => f.write_str("not a schema"),
            Self::OverLimit { limit, most } => write!(f, "over the limit of {most} {limit}"),
            Self::InvalidName { name } => write!(
                f,
                "the name {name:?} is not 1 to 64 of A-Z a-z 0-9 _ -"
            ),
        }
    }
}

/// Which of the subset's [`limits`](super::limits) a schema is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SchemaLimit {
    /// [`super::limits::MAX_DEPTH`].
    Depth,
    /// [`super::limits::MAX_PROPERTIES`].
    Properties,
    /// [`super::limits::MAX_ENUM_VALUES`].
    EnumValues,
    /// [`super::limits::MAX_SCHEMA_BYTES`].
    Bytes,
    /// [`super::limits::MAX_PATTERN_MATCH_CHARS`].
    PatternMatchChars,
}

impl fmt::Display for SchemaLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Depth => "levels of nesting",
            Self::Properties => "properties in all",
            Self::EnumValues => "enum values in all",
            Self::Bytes => "bytes of schema",
            Self::PatternMatchChars => "characters in a pattern's shortest match",
        })
    }
}
