//! Test support: checks JSON values against the schemas of `openapi/nexevo.yaml`.
//!
//! The spec's schemas are OpenAPI 3.0 schema objects, which are not plain JSON Schema:
//! `nullable: true` adds `null` to the allowed values, and `example`, `format: decimal` and
//! `x-` extensions are annotations. [`Spec`] converts them once (`nullable` becomes an
//! `anyOf` with `null`; the rest is draft 4, which shares 3.0's boolean `exclusiveMinimum`) and
//! validates with the `jsonschema` crate, so values are checked against the spec itself rather
//! than against our own Rust types.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use serde_json::{Map, Value, json};

/// The spec's text, embedded so a test binary always checks against the spec it was built with.
pub const SPEC_YAML: &str = include_str!("../../../openapi/nexevo.yaml");

/// The spec, ready to check values against its schemas.
pub struct Spec {
    /// The spec as written.
    raw: Value,
    /// `components` converted to JSON Schema, the root every `$ref` resolves against.
    components: Value,
    validators: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
}

impl std::fmt::Debug for Spec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spec").finish_non_exhaustive()
    }
}

impl Spec {
    /// Parses the embedded spec.
    pub fn load() -> Result<Self, String> {
        let raw: Value = serde_yaml::from_str(SPEC_YAML).map_err(|e| format!("spec YAML: {e}"))?;
        let components = raw
            .get("components")
            .map(to_json_schema)
            .unwrap_or_else(|| json!({}));
        Ok(Self {
            raw,
            components,
            validators: Mutex::new(HashMap::new()),
        })
    }

    /// The spec as written.
    pub fn document(&self) -> &Value {
        &self.raw
    }

    /// Checks `value` against the component schema `name`.
    pub fn check_named(&self, name: &str, value: &Value) -> Result<(), String> {
        self.check(
            &json!({ "$ref": format!("#/components/schemas/{name}") }),
            value,
        )
    }

    /// Checks `value` against an OpenAPI 3.0 schema object of this spec (it may `$ref` components).
    pub fn check(&self, schema: &Value, value: &Value) -> Result<(), String> {
        let key = schema.to_string();
        let validator = {
            let mut cache = self
                .validators
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            match cache.get(&key) {
                Some(validator) => Arc::clone(validator),
                None => {
                    let root = json!({
                        "allOf": [to_json_schema(schema)],
                        "components": self.components,
                    });
                    let validator = jsonschema::draft4::options()
                        .should_validate_formats(true)
                        .build(&root)
                        .map_err(|e| format!("schema {key} does not compile: {e}"))?;
                    let validator = Arc::new(validator);
                    cache.insert(key.clone(), Arc::clone(&validator));
                    validator
                }
            }
        };
        let errors: Vec<String> = validator
            .iter_errors(value)
            .map(|e| format!("at {}: {}", e.instance_path(), e))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.join("; "))
        }
    }

    /// The schema of a response: `operation` is `"GET /v1/billing/balance"`, `status` the code.
    /// Falls back to a `4XX`/`5XX` range, and resolves shared responses.
    pub fn response_schema(&self, operation: &str, status: u16) -> Option<Value> {
        let (method, path) = operation.split_once(' ')?;
        let responses = self
            .raw
            .get("paths")?
            .get(path)?
            .get(method.to_ascii_lowercase())?
            .get("responses")?;
        let range = format!("{}XX", status / 100);
        let response = responses
            .get(status.to_string())
            .or_else(|| responses.get(&range))?;
        let response = self.resolve(response);
        response
            .get("content")?
            .get("application/json")?
            .get("schema")
            .cloned()
    }

    /// The request body schema of an operation (`"POST /v1/keys"`).
    pub fn request_schema(&self, operation: &str) -> Option<Value> {
        let (method, path) = operation.split_once(' ')?;
        let body = self
            .raw
            .get("paths")?
            .get(path)?
            .get(method.to_ascii_lowercase())?
            .get("requestBody")?;
        self.resolve(body)
            .get("content")?
            .get("application/json")?
            .get("schema")
            .cloned()
    }

    /// Follows a `$ref` within the spec.
    pub fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        let mut current = value;
        for _ in 0..16 {
            let Some(pointer) = current
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
            else {
                break;
            };
            match self.raw.pointer(pointer) {
                Some(target) => current = target,
                None => break,
            }
        }
        current
    }
}

/// Converts an OpenAPI 3.0 schema object (and everything under it) to JSON Schema draft 4.
pub fn to_json_schema(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, child) in map {
                if key == "example" || key == "nullable" || key.starts_with("x-") {
                    continue;
                }
                let converted = match key.as_str() {
                    // Maps of name → schema, or plain data: convert the values, keep the keys.
                    "properties" | "schemas" | "parameters" | "responses" | "headers"
                    | "content" => child
                        .as_object()
                        .map(|m| {
                            Value::Object(
                                m.iter()
                                    .map(|(k, v)| (k.clone(), to_json_schema(v)))
                                    .collect(),
                            )
                        })
                        .unwrap_or_else(|| child.clone()),
                    "enum" | "required" | "default" => child.clone(),
                    _ => to_json_schema(child),
                };
                out.insert(key.clone(), converted);
            }
            if map.get("nullable").and_then(Value::as_bool) == Some(true) {
                return json!({ "anyOf": [Value::Object(out), { "type": "null" }] });
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(to_json_schema).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullable_allows_null_and_refs_resolve() {
        let spec = Spec::load().unwrap();
        let hint = json!({ "hint": null });
        spec.check_named("UpgradeHintResponse", &hint).unwrap();
        let wrong = json!({ "hint": { "recommend_plan": "pro" } });
        assert!(spec.check_named("UpgradeHintResponse", &wrong).is_err());
        assert!(spec.check_named("Money", &json!("12.50")).is_ok());
        assert!(spec.check_named("Money", &json!(12.5)).is_err());
    }

    #[test]
    fn response_schemas_are_found_by_operation_and_status() {
        let spec = Spec::load().unwrap();
        let ok = spec
            .response_schema("GET /v1/billing/balance", 200)
            .unwrap();
        assert_eq!(ok, json!({ "$ref": "#/components/schemas/Balance" }));
        let unavailable = spec
            .response_schema("GET /v1/billing/balance", 503)
            .unwrap();
        assert_eq!(unavailable, json!({ "$ref": "#/components/schemas/Error" }));
    }
}
