//! The fields of an operation's answer in the order the spec writes them, for the CLI's tables
//! and summaries (`generated::answer_fields`). The spec is read as JSON, whose objects are
//! sorted by key; each schema's property order comes from the document as written
//! (`Spec::keys_in_order`). And the secrets an answer holds, which the CLI prints once or
//! stores.

use anyhow::{Result, anyhow};
use serde_json::Value;

use crate::spec::{Operation, Spec};

/// The JSON pointer to the schema of an operation's first successful JSON answer (as
/// `Spec::success_schema` finds it), a shared response followed to its component.
pub(crate) fn success_schema_pointer(spec: &Spec, op: &Operation) -> Option<String> {
    let responses = spec.operation(op).get("responses")?.as_object()?;
    responses
        .iter()
        .filter(|(status, _)| status.starts_with('2'))
        .find_map(|(status, response)| {
            let response = match response.get("$ref").and_then(Value::as_str) {
                Some(reference) => reference.strip_prefix('#')?.to_owned(),
                None => format!("{}/responses/{status}", op.pointer()),
            };
            let schema = format!("{response}/content/application~1json/schema");
            spec.doc.pointer(&schema).map(|_| schema)
        })
}

/// The plain fields of the schema at `pointer`, each by its dotted path (`[]` for a list's
/// items), in the order the spec writes them: an object's properties in turn, the parts of an
/// `allOf`/`oneOf`/`anyOf` in turn, each field once.
pub(crate) fn answer_fields(
    spec: &Spec,
    pointer: String,
    path: String,
    depth: usize,
    out: &mut Vec<String>,
) {
    if depth > 12 {
        return; // a recursive schema: a table shows no field that deep
    }
    let Some(schema) = spec.doc.pointer(&pointer) else {
        return;
    };
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        if let Some(target) = reference.strip_prefix('#') {
            answer_fields(spec, target.to_owned(), path, depth + 1, out);
        }
        return;
    }
    let mut composite = false;
    if schema.get("properties").is_some_and(Value::is_object) {
        composite = true;
        for name in spec.keys_in_order(&format!("{pointer}/properties")) {
            let inner = format!(
                "{pointer}/properties/{}",
                name.replace('~', "~0").replace('/', "~1")
            );
            let path = if path.is_empty() {
                name
            } else {
                format!("{path}.{name}")
            };
            answer_fields(spec, inner, path, depth + 1, out);
        }
    }
    if schema.get("items").is_some() {
        composite = true;
        answer_fields(
            spec,
            format!("{pointer}/items"),
            format!("{path}[]"),
            depth + 1,
            out,
        );
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        let parts = schema
            .get(key)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        for index in 0..parts {
            composite = true;
            answer_fields(
                spec,
                format!("{pointer}/{key}/{index}"),
                path.clone(),
                depth + 1,
                out,
            );
        }
    }
    // A list of plain values is one field (a cell lists them).
    let leaf = path.strip_suffix("[]").unwrap_or(&path).to_owned();
    if !composite && !out.contains(&leaf) {
        out.push(leaf);
    }
}

/// The secrets (`format: password`) in an answer's schema, each with its dotted path (`[]` for a
/// list's items) and its `x-nexevo-answer-secret`, which each must have.
pub(crate) fn answer_secrets(
    spec: &Spec,
    schema: &Value,
    path: String,
    depth: usize,
    out: &mut Vec<(String, String)>,
) -> Result<()> {
    if depth > 12 {
        return Ok(()); // a recursive schema: no secret is that deep
    }
    let resolved = spec.resolve(schema);
    if resolved.get("format").and_then(Value::as_str) == Some("password") {
        let kind = resolved
            .get("x-nexevo-answer-secret")
            .or_else(|| schema.get("x-nexevo-answer-secret"))
            .and_then(Value::as_str)
            .ok_or_else(|| {
                anyhow!(
                    "the answer's secret `{path}` needs `x-nexevo-answer-secret` (shown-once or session), so the CLI knows whether to print it"
                )
            })?;
        out.push((path, kind.to_owned()));
        return Ok(());
    }
    let join = |name: &str| {
        if path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    if let Some(properties) = resolved.get("properties").and_then(Value::as_object) {
        for (name, property) in properties {
            answer_secrets(spec, property, join(name), depth + 1, out)?;
        }
    }
    if let Some(items) = resolved.get("items") {
        answer_secrets(spec, items, format!("{path}[]"), depth + 1, out)?;
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for part in resolved
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            answer_secrets(spec, part, path.clone(), depth + 1, out)?;
        }
    }
    Ok(())
}
