//! Rules the spec itself must keep, checked by walking it: the conventions every operation
//! promises, bounds on every request value, and examples that validate against their schemas.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::collections::BTreeSet;

use serde_json::Value;
use xtask::spec::{Spec, for_each_schema};
use xtask::workspace_root;

fn spec() -> Spec {
    Spec::load(&workspace_root()).expect("the spec loads")
}

fn fail_if_any(problems: Vec<String>, what: &str) {
    assert!(problems.is_empty(), "{what}:\n  {}", problems.join("\n  "));
}

/// Walks a request schema, following `$ref`s into components once each.
fn walk_request_schema(
    spec: &Spec,
    schema: &Value,
    location: &str,
    visited: &mut BTreeSet<String>,
    problems: &mut Vec<String>,
) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        if visited.insert(reference.to_owned()) {
            let target = spec.resolve(schema);
            walk_request_schema(spec, target, reference, visited, problems);
        }
        return;
    }
    let has = |key: &str| schema.get(key).is_some();
    match schema.get("type").and_then(Value::as_str) {
        Some("string") if !has("maxLength") && !has("enum") => {
            problems.push(format!("{location}: a request string without maxLength"));
        }
        Some("integer") | Some("number") if !(has("enum") || has("minimum") && has("maximum")) => {
            problems.push(format!(
                "{location}: a request number without minimum and maximum"
            ));
        }
        Some("array") if !has("maxItems") => {
            problems.push(format!("{location}: a request array without maxItems"));
        }
        _ => {}
    }
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        for (name, property) in properties {
            walk_request_schema(
                spec,
                property,
                &format!("{location}.properties.{name}"),
                visited,
                problems,
            );
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(child) = schema.get(key).filter(|c| c.is_object()) {
            walk_request_schema(spec, child, &format!("{location}.{key}"), visited, problems);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for (index, child) in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            walk_request_schema(
                spec,
                child,
                &format!("{location}.{key}[{index}]"),
                visited,
                problems,
            );
        }
    }
}

fn operations(spec: &Spec) -> Vec<(&xtask::spec::Operation, &Value, Option<&Value>)> {
    spec.operations
        .iter()
        .map(|op| {
            let item = &spec.doc["paths"][&op.path];
            (
                op,
                &item[op.http_method.to_ascii_lowercase()],
                item.get("parameters"),
            )
        })
        .collect()
}

#[test]
fn every_request_value_is_bounded() {
    let spec = spec();
    let mut problems = Vec::new();
    for (op, operation, path_parameters) in operations(&spec) {
        let mut visited = BTreeSet::new();
        let parameters = [operation.get("parameters"), path_parameters]
            .into_iter()
            .flatten();
        for parameter in parameters.filter_map(Value::as_array).flatten() {
            let parameter = spec.resolve(parameter);
            let location = format!("{} parameter {}", op.location, parameter["name"]);
            walk_request_schema(
                &spec,
                &parameter["schema"],
                &location,
                &mut visited,
                &mut problems,
            );
        }
        if let Some(body) = operation.get("requestBody") {
            for (media, content) in spec.resolve(body)["content"]
                .as_object()
                .into_iter()
                .flatten()
            {
                let location = format!("{}.requestBody.{media}", op.location);
                walk_request_schema(
                    &spec,
                    &content["schema"],
                    &location,
                    &mut visited,
                    &mut problems,
                );
            }
        }
    }
    problems.sort();
    problems.dedup();
    fail_if_any(problems, "unbounded request values");
}

#[test]
fn no_schema_refuses_unknown_response_fields() {
    let spec = spec();
    let mut problems = Vec::new();
    for_each_schema(&spec.doc, &mut |schema, location| {
        if schema.get("additionalProperties") == Some(&Value::Bool(false)) {
            problems.push(format!(
                "{location}: additionalProperties: false would make clients reject a new field"
            ));
        }
    });
    fail_if_any(problems, "closed schemas");
}

/// A refusal tells a person what a value must be, not a regex: every pattern is also stated in
/// words (`x-nexevo-pattern-says`).
#[test]
fn every_pattern_is_stated_in_words() {
    let spec = spec();
    let mut problems = Vec::new();
    for_each_schema(&spec.doc, &mut |schema, location| {
        if schema.contains_key("pattern") && !schema.contains_key("x-nexevo-pattern-says") {
            problems.push(format!(
                "{location}: a pattern without x-nexevo-pattern-says"
            ));
        }
    });
    fail_if_any(problems, "patterns without words");
}

#[test]
fn every_operation_keeps_the_conventions() {
    let spec = spec();
    let mut problems = Vec::new();
    let area_header = |area: &str| matches!(area, "keys" | "billing" | "chat");
    for (op, operation, path_parameters) in operations(&spec) {
        let id = &op.operation_id;
        let names: BTreeSet<String> = [operation.get("parameters"), path_parameters]
            .into_iter()
            .flatten()
            .filter_map(Value::as_array)
            .flatten()
            .map(|p| {
                spec.resolve(p)["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        if op.http_method != "GET" && !names.contains("Idempotency-Key") {
            problems.push(format!(
                "{id}: a {} without the Idempotency-Key header (every call but a GET has one)",
                op.http_method
            ));
        }
        if area_header(&op.area) != names.contains("Nexevo-Organization") {
            problems.push(format!(
                "{id}: Nexevo-Organization belongs exactly to keys, billing and chat"
            ));
        }
        let public = operation
            .get("security")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty);
        let responses = operation["responses"].as_object().expect("responses");
        let mut required = vec!["429", "5XX"];
        if !public {
            required.push("401");
        }
        let has_input = !names.is_empty() || operation.get("requestBody").is_some();
        if has_input {
            required.push("422");
        }
        // A reused key with another request is a 409 `idempotency_conflict`, whatever else
        // the operation does.
        if names.contains("Idempotency-Key") {
            required.push("409");
        }
        if let Some(body) = operation.get("requestBody") {
            // A body is read only as JSON (415), up to its stated size (413), in time (408).
            required.extend(["408", "413", "415"]);
            let schema = spec.resolve(&spec.resolve(body)["content"]["application/json"]["schema"]);
            match schema["x-nexevo-max-serialized-bytes"].as_u64() {
                None => problems.push(format!(
                    "{id}: its body's schema states no x-nexevo-max-serialized-bytes"
                )),
                Some(max) => {
                    let figure = format!("{max}")
                        .as_bytes()
                        .rchunks(3)
                        .rev()
                        .map(|digits| std::str::from_utf8(digits).unwrap())
                        .collect::<Vec<_>>()
                        .join(",");
                    let description = schema["description"].as_str().unwrap_or_default();
                    if !description.contains(&format!("({figure} bytes")) {
                        problems.push(format!(
                            "{id}: its body's description does not say in words that it is at most {figure} bytes"
                        ));
                    }
                }
            }
        }
        for status in required {
            if !responses.contains_key(status) {
                problems.push(format!("{id}: no {status} response"));
            }
        }
        for (status, response) in responses {
            let response = spec.resolve(response);
            let headers = response.get("headers").and_then(Value::as_object);
            let header_names: BTreeSet<&str> = headers
                .into_iter()
                .flatten()
                .map(|(k, _)| k.as_str())
                .collect();
            for header in [
                "X-Request-Id",
                "X-RateLimit-Limit",
                "X-RateLimit-Remaining",
                "X-RateLimit-Reset",
            ] {
                if !header_names.contains(header) {
                    problems.push(format!("{id} {status}: no {header} header"));
                }
            }
            if status == "429" && !header_names.contains("Retry-After") {
                problems.push(format!("{id} 429: no Retry-After header"));
            }
            if !status.starts_with('2') {
                let schema = &response["content"]["application/json"]["schema"]["$ref"];
                if schema != "#/components/schemas/Error" {
                    problems.push(format!(
                        "{id} {status}: the error response must use the shared Error schema"
                    ));
                }
            }
        }
        if id == "createChatCompletion" {
            let ok = spec.resolve(&responses["200"]);
            if ok["headers"].get("X-Nexevo-Generation-Id").is_none() {
                problems.push(format!("{id}: no X-Nexevo-Generation-Id on 200"));
            }
            if ok["content"].get("text/event-stream").is_none() {
                problems.push(format!(
                    "{id}: no text/event-stream answer for stream: true"
                ));
            }
        }
    }
    fail_if_any(problems, "operations breaking the conventions");
}

#[test]
fn money_is_a_decimal_string_and_never_a_float() {
    let spec = spec();
    let mut problems = Vec::new();
    for_each_schema(&spec.doc, &mut |schema, location| {
        let named_money = location.ends_with("_usd") || location.contains("_usd.");
        let is_ref = schema.contains_key("$ref") || schema.contains_key("allOf");
        if named_money && !is_ref {
            problems.push(format!("{location}: a money field must reference a decimal schema (Money, SpendCap, CheckoutAmount)"));
        }
        if schema.get("type").and_then(Value::as_str) == Some("number")
            && schema.get("format").and_then(Value::as_str) != Some("decimal")
            && (location.contains("usd")
                || location.contains("cost")
                || location.contains("amount"))
        {
            problems.push(format!("{location}: money must not be a float"));
        }
    });
    for (name, schema) in spec.schemas() {
        if schema.get("format").and_then(Value::as_str) == Some("decimal") {
            let kind = schema["type"].as_str().unwrap_or_default();
            let allowed = kind == "string" || name == "CheckoutAmount";
            if !allowed {
                problems.push(format!("components.schemas.{name}: decimal money travels as a string (only the checkout amount is a number, as the seed has it)"));
            }
        }
    }
    fail_if_any(problems, "money fields");
}

/// Every `example` in the spec, with the schema it illustrates.
fn examples(spec: &Spec) -> Vec<(String, Value, Value)> {
    let mut out = Vec::new();
    for_each_schema(&spec.doc, &mut |schema, location| {
        if let Some(example) = schema.get("example") {
            let mut bare = schema.clone();
            bare.remove("example");
            out.push((location.to_owned(), Value::Object(bare), example.clone()));
        }
    });
    let mut holders: Vec<(String, &Value)> = Vec::new();
    for section in ["parameters", "headers"] {
        for (name, holder) in spec.doc["components"][section]
            .as_object()
            .into_iter()
            .flatten()
        {
            holders.push((format!("components.{section}.{name}"), holder));
        }
    }
    for (location, holder) in holders {
        if let Some(example) = holder.get("example") {
            out.push((location, holder["schema"].clone(), example.clone()));
        }
    }
    for (name, response) in spec.doc["components"]["responses"]
        .as_object()
        .into_iter()
        .flatten()
    {
        for (media, content) in response["content"].as_object().into_iter().flatten() {
            if let Some(example) = content.get("example") {
                out.push((
                    format!("components.responses.{name}.{media}"),
                    content["schema"].clone(),
                    example.clone(),
                ));
            }
        }
    }
    out
}

#[test]
fn every_example_validates_against_its_schema() {
    let spec = spec();
    let checker = spec_check::Spec::load().unwrap();
    let examples = examples(&spec);
    assert!(
        examples.len() > 150,
        "expected examples throughout the spec, found {}",
        examples.len()
    );
    let mut problems = Vec::new();
    for (location, schema, example) in &examples {
        if let Err(error) = checker.check(schema, example) {
            problems.push(format!("{location}: example {example} is invalid: {error}"));
        }
    }
    fail_if_any(problems, "invalid examples");
}

#[test]
fn every_component_schema_has_an_example_and_a_description() {
    let spec = spec();
    let mut problems = Vec::new();
    for (name, schema) in spec.schemas() {
        for key in ["example", "description"] {
            if schema.get(key).is_none() {
                problems.push(format!("components.schemas.{name} has no {key}"));
            }
        }
    }
    fail_if_any(problems, "undocumented schemas");
}

#[test]
fn the_surface_has_every_area_and_more_than_forty_operations() {
    let spec = spec();
    assert_eq!(
        spec.areas,
        [
            "chat",
            "conversations",
            "auth",
            "keys",
            "billing",
            "organizations",
            "feedback"
        ]
    );
    assert!(
        spec.operations.len() >= 40,
        "{} operations",
        spec.operations.len()
    );
    for area in &spec.areas {
        assert!(
            spec.operations.iter().any(|op| &op.area == area),
            "no operation in {area}"
        );
    }
}

/// The `x-nexevo-*` extensions, each with where it may stand and what its value must be. The
/// table ARCHITECTURE.md documents; a new extension needs a row here and there.
type Extension = (&'static str, &'static str, fn(&Value) -> bool);

const EXTENSIONS: &[Extension] = &[
    ("x-nexevo-method", "operation", |v| {
        v.as_str().is_some_and(is_snake_case)
    }),
    ("x-nexevo-answer", "operation", |v| {
        v.as_str().is_some_and(is_snake_case)
    }),
    ("x-nexevo-idempotency-key", "operation", |v| {
        v.as_str().is_some_and(is_snake_case)
    }),
    ("x-nexevo-positional", "operation", |v| {
        v.as_array()
            .is_some_and(|l| l.iter().all(|n| n.as_str().is_some_and(is_snake_case)))
    }),
    ("x-nexevo-setters", "operation", |v| {
        v.as_object().is_some_and(|m| {
            m.values()
                .all(|n| n.is_null() || n.as_str().is_some_and(is_snake_case))
        })
    }),
    ("x-nexevo-ask-when", "operation", |v| {
        v.as_object().is_some_and(|m| {
            m.len() == 1
                && m.iter().all(|(code, field)| {
                    is_snake_case(code) && field.as_str().is_some_and(is_snake_case)
                })
        })
    }),
    ("x-nexevo-cli-words", "operation", |v| {
        v.as_object().is_some_and(|m| {
            !m.is_empty()
                && m.iter()
                    .all(|(from, to)| !from.is_empty() && to.is_string())
        })
    }),
    ("x-nexevo-confirm", "operation", |v| {
        v.as_str()
            .is_some_and(|s| s.ends_with('.') && s.len() <= 200)
    }),
    ("x-nexevo-hand-written", "operation", |v| {
        v.as_str().is_some_and(|s| !s.is_empty())
    }),
    ("x-nexevo-event-data", "media type", |v| {
        v.get("$ref")
            .and_then(Value::as_str)
            .is_some_and(|r| r.starts_with("#/components/schemas/"))
    }),
    ("x-nexevo-handle", "tag", |v| {
        v.as_str().is_some_and(|s| {
            s.starts_with(|c: char| c.is_ascii_uppercase())
                && s.chars().all(|c| c.is_ascii_alphanumeric())
        })
    }),
    ("x-nexevo-max-decimal-places", "schema", |v| {
        v.as_u64().is_some()
    }),
    ("x-nexevo-max-serialized-bytes", "schema", |v| {
        v.as_u64().is_some()
    }),
    ("x-nexevo-answer-secret", "schema", |v| {
        matches!(v.as_str(), Some("shown-once" | "session"))
    }),
    ("x-nexevo-pattern-says", "schema", |v| {
        v.as_str()
            .is_some_and(|s| !s.is_empty() && !s.ends_with('.'))
    }),
    ("x-nexevo-value-names", "schema", |v| {
        v.as_object().is_some_and(|m| {
            !m.is_empty()
                && m.iter().all(|(name, value)| {
                    is_snake_case(name) && (value.is_number() || value.is_string())
                })
        })
    }),
    ("x-nexevo-refused-values", "schema", |v| {
        v.as_object().is_some_and(|m| {
            m.values()
                .all(|l| l.as_array().is_some_and(|l| l.iter().all(Value::is_string)))
        })
    }),
];

fn is_snake_case(text: &str) -> bool {
    !text.is_empty()
        && text.starts_with(|c: char| c.is_ascii_lowercase())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Every `x-nexevo-*` key in the document, with its JSON pointer.
fn extensions(value: &Value, pointer: String, out: &mut Vec<(String, String, Value)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_pointer =
                    format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                if key.starts_with("x-nexevo-") {
                    out.push((key.clone(), pointer.clone(), child.clone()));
                } else {
                    extensions(child, child_pointer, out);
                }
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                extensions(child, format!("{pointer}/{index}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_extension_is_a_documented_one_in_its_place_with_a_value_of_its_kind() {
    let spec = spec();
    let mut found = Vec::new();
    extensions(&spec.doc, String::new(), &mut found);
    let mut problems = Vec::new();
    for (key, pointer, value) in &found {
        let place = match pointer.split('/').collect::<Vec<_>>().as_slice() {
            ["", "paths", _, method]
                if ["get", "put", "post", "patch", "delete"].contains(method) =>
            {
                "operation"
            }
            ["", "tags", _] => "tag",
            ["", "paths", _, _, "responses", _, "content", _] => "media type",
            ["", "components", "schemas", ..] => "schema",
            ["", "components", "parameters", _, "schema", ..] => "schema",
            _ => "elsewhere",
        };
        match EXTENSIONS.iter().find(|(name, _, _)| name == key) {
            None => problems.push(format!("{pointer}: `{key}` is not a documented extension")),
            Some((_, expected, _)) if *expected != place => problems.push(format!(
                "{pointer}: `{key}` belongs on a {expected}, not a {place}"
            )),
            Some((_, _, valid)) if !valid(value) => {
                problems.push(format!("{pointer}: `{key}` has a malformed value {value}"))
            }
            Some(_) => {}
        }
    }
    assert!(
        found.len() > 10,
        "the spec's extensions were found ({})",
        found.len()
    );
    fail_if_any(problems, "extensions");
    let architecture = std::fs::read_to_string(workspace_root().join("ARCHITECTURE.md")).unwrap();
    for (name, _, _) in EXTENSIONS {
        assert!(
            architecture.contains(&format!("`{name}`")),
            "ARCHITECTURE.md documents `{name}`"
        );
    }
}

/// A stream's body is text: a validating proxy that read its schema as an object would refuse
/// every stream. Each event's data is described beside it, by `x-nexevo-event-data`.
#[test]
fn a_stream_is_described_as_text_with_its_events_data_beside_it() {
    let spec = spec();
    let mut streams = 0;
    let mut problems = Vec::new();
    for (op, operation, _) in operations(&spec) {
        for (status, response) in operation["responses"].as_object().into_iter().flatten() {
            let response = spec.resolve(response);
            let Some(media) = response.pointer("/content/text~1event-stream") else {
                continue;
            };
            streams += 1;
            let at = format!("{} {status} text/event-stream", op.operation_id);
            if media.pointer("/schema/type").and_then(Value::as_str) != Some("string") {
                problems.push(format!("{at}: its schema must be `type: string`"));
            }
            if media.get("x-nexevo-event-data").is_none() {
                problems.push(format!(
                    "{at}: no x-nexevo-event-data naming its events' schema"
                ));
            }
        }
    }
    assert!(streams > 0, "the spec has a stream");
    fail_if_any(problems, "streams");
}

/// What the server refuses beyond the schemas is written in the spec, so that a tool generating
/// requests from it sees the same rules as the server: where each rule is stated, and the words
/// that state it.
#[test]
fn the_spec_states_what_the_server_refuses_beyond_its_schemas() {
    let spec = spec();
    let operation = |id: &str| -> String {
        let paths = spec.doc["paths"].as_object().expect("paths");
        paths
            .values()
            .flat_map(|item| item.as_object().into_iter().flat_map(|ops| ops.values()))
            .find(|op| op["operationId"] == id)
            .and_then(|op| op["description"].as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let cursor = spec.doc["components"]["parameters"]["Cursor"]["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let rules: [(&str, String, &[&str]); 6] = [
        (
            "the Cursor parameter",
            cursor,
            &["previous page", "made up", "422"],
        ),
        ("logout", operation("logout"), &["session token", "422"]),
        (
            "verifyTwoFa",
            operation("verifyTwoFa"),
            &["pending", "409", "30-second", "422"],
        ),
        (
            "disableTwoFa",
            operation("disableTwoFa"),
            &["409", "30-second", "422"],
        ),
        (
            "createCheckout",
            operation("createCheckout"),
            &[
                "at most 10000",
                "two",
                "must then match",
                "owner or an admin",
            ],
        ),
        (
            "updateAlertWebhook",
            operation("updateAlertWebhook"),
            &[
                "public host",
                "422",
                "169.254.0.0/16",
                "IPv4-mapped",
                "localhost",
                "user name",
                "resolves to must pass",
                "No redirect",
                "changed",
            ],
        ),
    ];
    let mut problems = Vec::new();
    for (place, text, words) in &rules {
        for word in *words {
            if !text.contains(word) {
                problems.push(format!("{place} does not say {word:?}: {text:?}"));
            }
        }
    }
    fail_if_any(problems, "refusals the spec does not state");
}
