//! What planning reads of an operation in the spec: its parameters, resolved, its request
//! body's schema, and a description with the bounds a user wants to read beside it.

use anyhow::{Result, anyhow};
use serde_json::Value;

use crate::spec::{Operation, Spec, schema_ref_name};

/// A parameter of an operation, resolved.
pub(crate) struct Param {
    /// Its name on the wire (`Idempotency-Key`, `limit`).
    pub(crate) wire: String,
    /// The shared parameter it is (`components.parameters.<component>`).
    pub(crate) component: String,
    /// `path`, `query` or `header`.
    pub(crate) location: String,
    pub(crate) required: bool,
    /// Its description, with its bounds.
    pub(crate) description: String,
    pub(crate) example: Option<Value>,
}

/// The operation's parameters, those of its path first.
pub(crate) fn parameters(spec: &Spec, op: &Operation) -> Result<Vec<Param>> {
    let item = spec.path_item(op);
    let operation = spec.operation(op);
    let mut out = Vec::new();
    for list in [item.get("parameters"), operation.get("parameters")]
        .into_iter()
        .flatten()
    {
        for reference in list.as_array().into_iter().flatten() {
            let component = reference
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/parameters/"))
                .ok_or_else(|| anyhow!("parameters must be $refs to components.parameters"))?;
            let parameter = spec.resolve(reference);
            let get = |key: &str| {
                parameter
                    .get(key)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
            };
            let schema = parameter.get("schema").map(|s| spec.resolve(s));
            out.push(Param {
                wire: get("name").to_owned(),
                component: component.to_owned(),
                location: get("in").to_owned(),
                required: parameter
                    .get("required")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                description: with_bounds(get("description"), schema.unwrap_or(&Value::Null)),
                example: parameter
                    .get("example")
                    .or_else(|| schema.and_then(|s| s.get("example")))
                    .cloned(),
            });
        }
    }
    Ok(out)
}

/// A description with the schema's bounds and default after it, as a user wants to read them
/// on a setter: "Page size (1 to 100; 20 when not set)."
pub(crate) fn with_bounds(description: &str, schema: &Value) -> String {
    let description = description.trim().trim_end_matches('.');
    let number = |key: &str| schema.get(key).map(Value::to_string);
    let mut notes = Vec::new();
    // A description that gives numbers of its own already says its bounds.
    let says_bounds = description.contains(|c: char| c.is_ascii_digit());
    match (number("minimum"), number("maximum")) {
        _ if says_bounds => {}
        (Some(min), Some(max)) => notes.push(format!("{min} to {max}")),
        (None, Some(max)) => notes.push(format!("at most {max}")),
        _ => {}
    }
    match (number("minLength"), number("maxLength")) {
        _ if says_bounds => {}
        (Some(min), Some(max)) if min == max => notes.push(format!("{min} characters")),
        (Some(min), Some(max)) => notes.push(format!("{min} to {max} characters")),
        (None, Some(max)) => notes.push(format!("at most {max} characters")),
        _ => {}
    }
    if let Some(max) = number("maxItems").filter(|_| !says_bounds) {
        notes.push(format!("at most {max} items"));
    }
    if let Some(default) = schema.get("default") {
        notes.push(format!("{default} when not set"));
    }
    if notes.is_empty() {
        format!("{description}.")
    } else {
        format!("{description} ({}).", notes.join("; "))
    }
}

/// Whether the shared parameter `component` is a secret (`format: password`).
pub(crate) fn is_secret_parameter(spec: &Spec, component: &str) -> bool {
    spec.doc
        .pointer(&format!("/components/parameters/{component}/schema/format"))
        .and_then(Value::as_str)
        == Some("password")
}

/// The body schema's name and its resolved schema.
pub(crate) fn request_body(spec: &Spec, operation: &Value) -> Result<Option<(String, Value)>> {
    let Some(body) = operation.get("requestBody") else {
        return Ok(None);
    };
    let schema = spec
        .json_schema(body)
        .ok_or_else(|| anyhow!("the request body must be application/json"))?;
    let name = schema_ref_name(schema)
        .ok_or_else(|| anyhow!("the request body must be a $ref to a named schema"))?;
    Ok(Some((name.to_owned(), spec.resolve(schema).clone())))
}
