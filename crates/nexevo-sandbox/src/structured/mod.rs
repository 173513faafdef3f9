//! Structured outputs: the schema a request gives (`response_format.json_schema`, a tool's
//! `parameters`) is checked against the strict subset the API accepts, and the answer is a value
//! that conforms to it: deterministic for a request, derived from the prompt where a string
//! allows it, and always finite.
//!
//! This is the sandbox's own reading of the subset, written apart from the SDK's rewrite
//! (`nexevo_chat::schema`) so that a bug in one is caught by the other.
//!
//! The subset: `type` (JSON types or a list of them), `properties`, `required`,
//! `additionalProperties` (`false`, or absent/`true` only in a schema that is not strict),
//! `items`, `minItems`, `maxItems`, `enum`, `const`, `anyOf`, `$ref` (`#` or `#/$defs/…`) and
//! `$defs` at the root, `description`, `title`, and for strings `pattern` (a regex of
//! `nexevo-pattern`'s subset, written and checked with its matcher) or `format`, for numbers
//! `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`. A strict schema closes every object and requires every
//! property. Limits: 10 levels of nesting, 5,000 properties and 1,000 enum values in all, 64 KiB,
//! and 1,000 characters in a pattern's shortest match.

mod check;
mod write;

use serde_json::Value;

pub(crate) use check::Refusal;
use check::{Checked, MAX_DEPTH};
use write::Writer;

/// A value of `schema`, which must be in the subset (and closed, when `strict`); `prompt`
/// seeds the choices and fills the strings.
pub(crate) fn conforming_value(
    schema: &Value,
    strict: bool,
    prompt: &str,
) -> Result<Value, Refusal> {
    let checked = Checked::new(schema, strict)?;
    Writer::new(&checked, prompt).value(schema, "", MAX_DEPTH + 1)
}
