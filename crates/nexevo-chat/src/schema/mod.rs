//! Structured outputs: a JSON Schema in the strict subset the API accepts, from a Rust type or
//! from a schema written elsewhere.
//!
//! [`StrictSchema::of`] derives the schema of any `T: JsonSchema` with `schemars` (feature
//! `typed`, on by default) and rewrites it; [`StrictSchema::from_value`] applies the same
//! rewrite to a schema given as JSON (the CLI's `--schema`). Either refuses, before anything is
//! sent, a schema the subset cannot express, naming the type and the JSON Pointer of the part
//! at fault ([`SchemaError`]).
//!
//! # The subset
//!
//! A schema the API holds an answer to exactly (`strict: true`) uses only these keywords:
//! `type` (JSON types, or a list of them such as `["string", "null"]`), `properties`,
//! `required`, `additionalProperties: false`, `items`, `minItems`, `maxItems`, `enum`, `const`,
//! `anyOf`, `$ref` (to `#` or `#/$defs/…`, recursion allowed) and `$defs` at the root,
//! `description`, and for strings `pattern` and `format` (`date-time`, `date`, `time`,
//! `duration`, `email`, `hostname`, `ipv4`, `ipv6`, `uuid`), for numbers `minimum`, `maximum`,
//! `exclusiveMinimum`, `exclusiveMaximum` and `multipleOf`. Every object is closed and lists
//! every property in `required`; the root is an object. The limits are in [`limits`].
//! Properties come out in name order: `serde_json`'s maps are sorted in this build.
//!
//! # The rewrite
//!
//! | what schemars (or a hand-written schema) says | in the subset |
//! |---|---|
//! | an object | `additionalProperties: false`, every property in `required` |
//! | an `Option<T>` field (`["T", "null"]`, or `anyOf` with `null`), not required | required, still nullable |
//! | a field with `#[serde(default)]`, not required | required: the model always writes it |
//! | `oneOf` (serde-tagged data enums, documented unit variants) | `anyOf`: the tags keep the variants apart |
//! | `allOf` with one schema | that schema, merged into its place |
//! | `$ref` with keywords beside it (a doc comment on a struct-typed field) | the definition copied in its place, one level, the keywords beside it kept; beside `$ref: "#"` they are dropped |
//! | `rust_decimal::Decimal` (a string or a number) | a string of plain digits, `^-?[0-9]+(\.[0-9]+)?$`: never a JSON number read through `f64` |
//! | `$schema`, `$id`, `$comment`, `title`, `default`, `examples`, `deprecated`, `readOnly`, `writeOnly`, `contentEncoding`, `contentMediaType` | dropped |
//! | `uniqueItems` (sets), `minLength`, `maxLength`, `minProperties`, `maxProperties` | dropped: the subset cannot hold the model to them |
//! | integer and number `format`s (`uint8`, `int64`, `double`…) | dropped; the bounds beside them stay |
//! | a string `format` outside the list above (`uri`…) | dropped |
//! | a map with arbitrary keys (`HashMap`, `additionalProperties` a schema, `patternProperties`, `propertyNames`) | refused: [`SchemaProblem::MapWithArbitraryKeys`] |
//! | a tuple (`prefixItems`, `items` as a list) | refused: [`SchemaProblem::Tuple`] |
//! | any value (`serde_json::Value`, the schema `true`) | refused: [`SchemaProblem::AnyValue`] |
//! | a root that is not an object (a `Vec`, an enum, a number) | refused: [`SchemaProblem::RootNotObject`]; wrap it in a struct |
//! | `allOf` with several schemas, `not`, `if`/`then`/`else`, `dependentSchemas`, `unevaluatedProperties`, `contains`, `$defs` below the root, any other keyword | refused: [`SchemaProblem::UnsupportedKeyword`] |

mod strict;

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

/// The subset's limits: a schema over any of them is refused ([`SchemaProblem::OverLimit`]).
pub mod limits {
    /// The deepest a schema nests (object properties, array items and `anyOf` variants), counted
    /// from the root and from each definition in `$defs`.
    pub const MAX_DEPTH: usize = 10;
    /// The most properties all the schema's objects list together.
    pub const MAX_PROPERTIES: usize = 5_000;
    /// The most values all the schema's `enum`s list together.
    pub const MAX_ENUM_VALUES: usize = 1_000;
    /// The most bytes the rewritten schema takes as JSON.
    pub const MAX_SCHEMA_BYTES: usize = 64 * 1024;
    /// The longest a schema's name may be; longer names derived from a type are cut.
    pub const MAX_NAME_CHARS: usize = 64;
}

/// A JSON Schema in the strict subset, with the name it is sent under.
#[derive(Debug, Clone, PartialEq)]
pub struct StrictSchema {
    name: String,
    schema: Value,
}

impl StrictSchema {
    /// The strict schema of `T`, named after it (`T::schema_name()`, with any character the
    /// API does not take in a name replaced by `_`).
    ///
    /// ```
    /// # use nexevo_chat::schema::StrictSchema;
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct Forecast {
    ///     /// The city, as the user wrote it.
    ///     city: String,
    ///     high_celsius: i8,
    ///     rain: Option<bool>,
    /// }
    ///
    /// let schema = StrictSchema::of::<Forecast>()?;
    /// assert_eq!(schema.name(), "Forecast");
    /// assert_eq!(schema.schema()["additionalProperties"], false);
    /// assert_eq!(schema.schema()["required"], serde_json::json!(["city", "high_celsius", "rain"]));
    /// # Ok::<(), nexevo_chat::schema::SchemaError>(())
    /// ```
    #[cfg(feature = "typed")]
    pub fn of<T: schemars::JsonSchema + ?Sized>() -> Result<Self, SchemaError> {
        let schema = schemars::SchemaGenerator::default().into_root_schema_for::<T>();
        let name = name_from_type(&T::schema_name());
        Self::rewrite(name, schema.to_value(), Some(std::any::type_name::<T>()))
    }

    /// The strict form of a schema written elsewhere (a file, another tool), under `name`
    /// (1 to 64 of `A-Z a-z 0-9 _ -`).
    pub fn from_value(name: impl Into<String>, schema: Value) -> Result<Self, SchemaError> {
        let name = name.into();
        check_name(&name)?;
        Self::rewrite(name, schema, None)
    }

    /// The same schema under another name (1 to 64 of `A-Z a-z 0-9 _ -`).
    pub fn with_name(mut self, name: impl Into<String>) -> Result<Self, SchemaError> {
        let name = name.into();
        check_name(&name)?;
        self.name = name;
        Ok(self)
    }

    fn rewrite(
        name: String,
        mut schema: Value,
        type_name: Option<&str>,
    ) -> Result<Self, SchemaError> {
        strict::rewrite_root(&mut schema).map_err(|mut error| {
            error.type_name = type_name.map(str::to_owned);
            error
        })?;
        Ok(Self { name, schema })
    }

    /// The name the schema is sent under.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The schema, in the strict subset.
    pub fn schema(&self) -> &Value {
        &self.schema
    }

    /// The name and the schema.
    pub fn into_parts(self) -> (String, Value) {
        (self.name, self.schema)
    }
}

#[cfg(feature = "typed")]
/// `schemars`' name for a type (`Wrapper_for_Item`, `Point`) as a name the API takes.
fn name_from_type(type_name: &str) -> String {
    let name: String = type_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(limits::MAX_NAME_CHARS)
        .collect();
    if name.is_empty() {
        "output".to_owned()
    } else {
        name
    }
}

fn check_name(name: &str) -> Result<(), SchemaError> {
    let valid = !name.is_empty()
        && name.chars().count() <= limits::MAX_NAME_CHARS
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if valid {
        Ok(())
    } else {
        Err(SchemaError::new(
            "",
            SchemaProblem::InvalidName {
                name: name.to_owned(),
            },
        ))
    }
}

/// Why a schema cannot be a strict structured output: the Rust type (for a derived schema), the
/// JSON Pointer of the part at fault in the schema as given, and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    type_name: Option<String>,
    path: String,
    problem: SchemaProblem,
}

impl SchemaError {
    fn new(path: &str, problem: SchemaProblem) -> Self {
        Self {
            type_name: None,
            path: path.to_owned(),
            problem,
        }
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
    /// Not a schema where one must be (a number, a list, `false`, an unknown type name).
    NotASchema,
    /// Over one of the subset's [`limits`].
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
            Self::NotASchema => f.write_str("not a schema"),
            Self::OverLimit { limit, most } => write!(f, "over the limit of {most} {limit}"),
            Self::InvalidName { name } => write!(
                f,
                "the name {name:?} is not 1 to 64 of A-Z a-z 0-9 _ -"
            ),
        }
    }
}

/// Which of the subset's [`limits`] a schema is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SchemaLimit {
    /// [`limits::MAX_DEPTH`].
    Depth,
    /// [`limits::MAX_PROPERTIES`].
    Properties,
    /// [`limits::MAX_ENUM_VALUES`].
    EnumValues,
    /// [`limits::MAX_SCHEMA_BYTES`].
    Bytes,
}

impl fmt::Display for SchemaLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Depth => "levels of nesting",
            Self::Properties => "properties in all",
            Self::EnumValues => "enum values in all",
            Self::Bytes => "bytes of schema",
        })
    }
}

#[cfg(all(test, feature = "typed"))]
mod tests;
