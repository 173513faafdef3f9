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
//!
//! A `pattern` is a regex of the subset the spec's own patterns use (the SDK checks both
//! with one matcher, `nexevo_api::validation::Pattern`): `^` and `$` at the ends, literals and
//! escapes, `.`, `\d \D \w \W \s \S`, classes with ranges and negation, the quantifiers
//! `* + ? {n} {n,} {n,m}`, and groups that occur once or are optional (`(…)`, `(…)?`) with
//! alternatives inside (`(a|b)`), nested at most 32 deep. Some string of at most
//! [`limits::MAX_PATTERN_MATCH_CHARS`] characters must match it.
//!
//! Properties keep the order of `serde_json`'s maps: sorted by name, unless the application
//! turns on `serde_json`'s `preserve_order` feature, when a struct's fields keep the order they
//! are declared in (a model writes them in schema order, which matters when one field, its
//! reasoning say, should come before another). The SDK does not turn it on for you: it would
//! change every map of the application.
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
//! | a string `format` outside the list above (`uri`…), or beside a `pattern` | dropped: a string takes one or the other, and a pattern says more |
//! | a map with arbitrary keys (`HashMap`, `additionalProperties` a schema, `patternProperties`, `propertyNames`) | refused: [`SchemaProblem::MapWithArbitraryKeys`] |
//! | a `pattern` outside the regexes above, or one no string matches | refused: [`SchemaProblem::UnsupportedPattern`] |
//! | a `pattern` whose shortest match is longer than [`limits::MAX_PATTERN_MATCH_CHARS`] | refused: [`SchemaProblem::OverLimit`] |
//! | a tuple (`prefixItems`, `items` as a list) | refused: [`SchemaProblem::Tuple`] |
//! | any value (`serde_json::Value`, the schema `true`) | refused: [`SchemaProblem::AnyValue`] |
//! | a root that is not an object (a `Vec`, an enum, a number) | refused: [`SchemaProblem::RootNotObject`]; wrap it in a struct |
//! | `allOf` with several schemas, `not`, `if`/`then`/`else`, `dependentSchemas`, `unevaluatedProperties`, `contains`, `$defs` below the root, any other keyword | refused: [`SchemaProblem::UnsupportedKeyword`] |

mod error;
pub mod limits;
mod strict;

use serde_json::Value;

pub use error::{SchemaError, SchemaLimit, SchemaProblem};

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
        strict::rewrite_root(&mut schema).map_err(|error| error.of_type(type_name))?;
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

#[cfg(all(test, feature = "typed"))]
mod tests;
