//! Structured outputs: answers that conform to the request's schema (checked with an
//! independent JSON Schema validator), tool arguments that conform to the tool's parameters,
//! and schemas outside the strict subset refused with the part at fault.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use crate::common::*;

/// What the SDK sends for a nested Rust type: a struct in `$defs`, a tagged enum as `anyOf`,
/// nullable fields, a list, an integer range, a decimal string, a timestamp, and recursion.
fn order_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "customer": {"type": "string"},
            "placed_at": {"type": "string", "format": "date-time"},
            "total_usd": {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"},
            "priority": {"type": "integer", "minimum": 1, "maximum": 5},
            "note": {"type": ["string", "null"]},
            "ship_to": {"$ref": "#/$defs/Address"},
            "bill_to": {"anyOf": [{"$ref": "#/$defs/Address"}, {"type": "null"}]},
            "lines": {"type": "array", "items": {"$ref": "#/$defs/Line"}, "minItems": 1, "maxItems": 3},
            "status": {"enum": ["open", "shipped"]},
            "payment": {"$ref": "#/$defs/Payment"},
            "related": {"type": "array", "items": {"$ref": "#"}},
        },
        "required": ["customer", "placed_at", "total_usd", "priority", "note", "ship_to", "bill_to",
                     "lines", "status", "payment", "related"],
        "additionalProperties": false,
        "$defs": {
            "Address": {
                "type": "object",
                "properties": {"street": {"type": "string"}, "zip": {"type": "string"}},
                "required": ["street", "zip"],
                "additionalProperties": false,
            },
            "Line": {
                "type": "object",
                "properties": {
                    "sku": {"type": "string"},
                    "quantity": {"type": "integer", "minimum": 1, "exclusiveMaximum": 10},
                    "weight_kg": {"type": "number", "minimum": 0.5, "maximum": 0.75},
                },
                "required": ["sku", "quantity", "weight_kg"],
                "additionalProperties": false,
            },
            "Payment": {"anyOf": [
                {
                    "type": "object",
                    "properties": {"kind": {"type": "string", "const": "card"}, "last4": {"type": "string"}},
                    "required": ["kind", "last4"],
                    "additionalProperties": false,
                },
                {
                    "type": "object",
                    "properties": {"kind": {"type": "string", "const": "invoice"}},
                    "required": ["kind"],
                    "additionalProperties": false,
                },
            ]},
        },
    })
}

fn schema_request(prompt: &str, schema: Value) -> Value {
    json!({
        "model": "nexevo/fast",
        "messages": [{"role": "user", "content": prompt}],
        "response_format": {"type": "json_schema", "json_schema": {"name": "order", "schema": schema, "strict": true}},
    })
}

fn assert_conforms(schema: &Value, value: &Value) {
    let validator = jsonschema::draft202012::new(schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{value}\ndoes not conform:\n{}",
        errors.join("\n")
    );
}

/// The answer to a chat request.
async fn send(api: &Api, key: &str, body: Value) -> Reply {
    api.post("/v1/chat/completions")
        .token(key)
        .json(body)
        .send()
        .await
}

async fn content_of(api: &Api, key: &str, body: Value) -> (String, Value) {
    let reply = send(api, key, body).await;
    let completion = reply.expect(200).clone();
    let choice = &completion["choices"][0];
    let content = choice["message"]["content"].as_str().unwrap().to_owned();
    (content, choice["finish_reason"].clone())
}

#[tokio::test]
async fn an_answer_conforms_to_its_schema_is_deterministic_and_takes_the_prompt() {
    let (_sandbox, api, key) = start().await;
    let schema = order_schema();
    let (content, finish) =
        content_of(&api, &key, schema_request("Ada Lovelace", schema.clone())).await;
    assert_eq!(finish, json!("stop"));
    let value: Value = serde_json::from_str(&content).unwrap();
    assert_conforms(&schema, &value);
    assert_eq!(value["customer"], json!("Ada Lovelace"), "{value}");
    assert!(!value["lines"].as_array().unwrap().is_empty());

    let (again, _) = content_of(&api, &key, schema_request("Ada Lovelace", schema.clone())).await;
    assert_eq!(again, content, "the same request, the same answer");

    // Other prompts choose other branches, and every answer still conforms.
    let mut payments = std::collections::BTreeSet::new();
    for prompt in ["a", "b", "c", "d", "e", "f", "g", "h"] {
        let (content, _) = content_of(&api, &key, schema_request(prompt, schema.clone())).await;
        let value: Value = serde_json::from_str(&content).unwrap();
        assert_conforms(&schema, &value);
        payments.insert(value["payment"]["kind"].as_str().unwrap().to_owned());
    }
    assert_eq!(payments.len(), 2, "both kinds of payment: {payments:?}");
}

#[tokio::test]
async fn numbers_keep_to_their_bounds_and_steps_and_an_empty_range_is_refused() {
    let (_sandbox, api, key) = start().await;
    let schema = json!({
        "type": "object",
        "properties": {
            "quarter": {"type": "number", "minimum": 0.1, "maximum": 0.9, "multipleOf": 0.25},
            "open_interval": {"type": "number", "exclusiveMinimum": 0.5, "exclusiveMaximum": 0.75},
            "big_step": {"type": "integer", "minimum": 1000, "multipleOf": 7},
            "negative": {"type": "integer", "maximum": -5},
            "huge": {"type": "integer", "minimum": 100_000_000_000_i64},
        },
        "required": ["quarter", "open_interval", "big_step", "negative", "huge"],
        "additionalProperties": false,
    });
    for prompt in ["one", "two", "three"] {
        let (content, _) = content_of(&api, &key, schema_request(prompt, schema.clone())).await;
        assert_conforms(&schema, &serde_json::from_str(&content).unwrap());
    }
    let empty = json!({
        "type": "object",
        "properties": {"n": {"type": "integer", "minimum": 1.2, "maximum": 1.8}},
        "required": ["n"],
        "additionalProperties": false,
    });
    let reply = send(&api, &key, schema_request("x", empty)).await;
    let error = reply.expect_error(422, "validation_failed");
    assert_eq!(
        error["field"],
        json!("response_format.json_schema.schema/n"),
        "{error}"
    );
}

#[tokio::test]
async fn strings_match_their_patterns_and_take_the_prompt_where_it_matches() {
    let (_sandbox, api, key) = start().await;
    let patterns = [
        r"^[A-Z]{3}-\d{4}(-v\d)?$",
        r"^[^@\s]+@[a-z]+\.(com|org|net)$",
        r"^#[0-9a-f]{6}$",
        r"^(EUR|USD|JPY)$",
        r"sku",
        r"^\u00e9t\u00e9 [a-z]{2,}$",
        r"^.{1,3}$",
        r"^-?[0-9]+(\.[0-9]+)?$",
    ];
    let properties: serde_json::Map<String, Value> = patterns
        .iter()
        .enumerate()
        .map(|(i, pattern)| {
            (
                format!("p{i}"),
                json!({"type": "array", "items": {"type": "string", "pattern": pattern}, "minItems": 3}),
            )
        })
        .collect();
    let names: Vec<&String> = properties.keys().collect();
    let schema = json!({
        "type": "object",
        "properties": properties,
        "required": names,
        "additionalProperties": false,
    });
    let mut written = std::collections::BTreeSet::new();
    for prompt in ["one", "two", "three", "four"] {
        let (content, _) = content_of(&api, &key, schema_request(prompt, schema.clone())).await;
        let value: Value = serde_json::from_str(&content).unwrap();
        // The validator checks every `pattern` with its own regex engine.
        assert_conforms(&schema, &value);
        let (again, _) = content_of(&api, &key, schema_request(prompt, schema.clone())).await;
        assert_eq!(again, content, "the same request, the same answer");
        for strings in value.as_object().unwrap().values() {
            written.extend(strings.as_array().unwrap().iter().map(Value::to_string));
        }
    }
    assert!(
        written.len() > 2 * patterns.len(),
        "prompts and places choose different strings: {written:?}"
    );

    // Where the prompt matches the pattern, the string is the prompt.
    let (content, _) = content_of(&api, &key, schema_request("ABC-1234", schema.clone())).await;
    let value: Value = serde_json::from_str(&content).unwrap();
    assert_eq!(value["p0"][0], json!("ABC-1234"), "{value}");
}

#[tokio::test]
async fn a_streamed_answer_carries_the_same_value() {
    let (_sandbox, api, key) = start().await;
    let body = schema_request("streamed", order_schema());
    let (content, _) = content_of(&api, &key, body.clone()).await;
    let mut streamed = body;
    streamed["stream"] = json!(true);
    let reply = send(&api, &key, streamed).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert!(reply.stream().done);
    assert_eq!(reply.stream().content(), content);
}

#[tokio::test]
async fn max_tokens_too_small_for_the_value_cuts_it_with_finish_reason_length() {
    let (_sandbox, api, key) = start().await;
    let mut body = schema_request("cut", order_schema());
    body["max_tokens"] = json!(5);
    let (content, finish) = content_of(&api, &key, body).await;
    assert_eq!(finish, json!("length"));
    assert_eq!(content.chars().count(), 20, "{content}");
    assert!(
        serde_json::from_str::<Value>(&content).is_err(),
        "{content}"
    );
}

#[tokio::test]
async fn a_tool_calls_arguments_conform_to_its_parameters() {
    let (_sandbox, api, key) = start().await;
    let parameters = json!({
        "type": "object",
        "properties": {
            "city": {"type": "string"},
            "unit": {"enum": ["celsius", "fahrenheit"]},
            "days": {"type": "integer", "minimum": 1, "maximum": 7},
        },
        "required": ["city", "unit", "days"],
        "additionalProperties": false,
    });
    let body = json!({
        "model": "nexevo/fast",
        "messages": [{"role": "user", "content": "forecast for Paris"}],
        "tools": [{"type": "function", "function": {"name": "forecast", "parameters": parameters}}],
        "tool_choice": "required",
    });
    let reply = send(&api, &key, body).await;
    let completion = reply.expect(200);
    let call = &completion["choices"][0]["message"]["tool_calls"][0]["function"];
    assert_eq!(call["name"], json!("forecast"));
    let arguments: Value = serde_json::from_str(call["arguments"].as_str().unwrap()).unwrap();
    assert_conforms(&parameters, &arguments);
    assert_eq!(arguments["city"], json!("forecast for Paris"));
}

#[tokio::test]
async fn a_schema_outside_the_subset_is_refused_naming_the_part_at_fault() {
    let (_sandbox, api, key) = start().await;
    let closed = |properties: Value| {
        let names: Vec<String> = properties.as_object().unwrap().keys().cloned().collect();
        json!({"type": "object", "properties": properties, "required": names, "additionalProperties": false})
    };
    let cases = [
        // Strict, but an object left open.
        (
            json!({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}),
            "",
            "additionalProperties",
        ),
        // Strict, but a property not required.
        (
            json!({"type": "object", "properties": {"a": {"type": "string"}}, "required": [], "additionalProperties": false}),
            "/required",
            "every property",
        ),
        // A map.
        (
            closed(
                json!({"scores": {"type": "object", "additionalProperties": {"type": "integer"}}}),
            ),
            "/properties/scores/additionalProperties",
            "map",
        ),
        // A keyword outside the subset.
        (
            closed(json!({"a": {"type": "string", "not": {"const": "x"}}})),
            "/properties/a/not",
            "`not`",
        ),
        // A pattern outside the subset's regexes, one beside a format, and one whose
        // shortest match is over the limit.
        (
            closed(json!({"a": {"type": "string", "pattern": "^(ab)+$"}})),
            "/properties/a/pattern",
            "a group may only be optional",
        ),
        (
            closed(json!({"a": {"type": "string", "pattern": "^[0-9]+$", "format": "date"}})),
            "/properties/a/pattern",
            "beside `format`",
        ),
        (
            closed(json!({"a": {"type": "string", "pattern": "^x{1001}$"}})),
            "/properties/a/pattern",
            "over 1000 characters",
        ),
        // No finite value: a required reference to itself.
        (
            json!({"type": "object", "properties": {"next": {"$ref": "#"}}, "required": ["next"], "additionalProperties": false}),
            "",
            "no finite value",
        ),
        // A reference to nothing.
        (
            closed(json!({"a": {"$ref": "#/$defs/Missing"}})),
            "/properties/a/$ref",
            "refers to nothing",
        ),
        // The root is not an object.
        (
            json!({"type": "array", "items": {"type": "string"}}),
            "",
            "root",
        ),
    ];
    for (schema, path, says) in cases {
        let reply = send(&api, &key, schema_request("x", schema.clone())).await;
        let error = reply.expect_error(422, "validation_failed");
        let field = format!("response_format.json_schema.schema{path}");
        assert_eq!(error["field"], json!(field), "{schema}: {error}");
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(says), "{schema}: {message}");
    }

    // A small schema whose smallest value is huge (100 × 100 × 100 strings), and one whose
    // lists cannot be any length: refused at once, never written.
    let list_of = |items: Value| json!({"type": "array", "items": items, "minItems": 100});
    let huge = closed(json!({"cube": list_of(list_of(list_of(json!({"type": "string"}))))}));
    let reply = send(&api, &key, schema_request("x", huge)).await;
    let error = reply.expect_error(422, "validation_failed");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("more than 10000 values"),
        "{error}"
    );
    let empty = closed(
        json!({"a": {"type": "array", "items": {"type": "string"}, "minItems": 3, "maxItems": 2}}),
    );
    let reply = send(&api, &key, schema_request("x", empty)).await;
    let error = reply.expect_error(422, "validation_failed");
    assert_eq!(
        error["field"],
        json!("response_format.json_schema.schema/properties/a"),
        "{error}"
    );

    // Nested deeper than the limit.
    let mut deep = json!({"type": "string"});
    for _ in 0..11 {
        deep = closed(json!({"a": deep}));
    }
    let reply = send(&api, &key, schema_request("x", deep)).await;
    let error = reply.expect_error(422, "validation_failed");
    assert!(
        error["message"].as_str().unwrap().contains("deeper"),
        "{error}"
    );

    // A tool's parameters are held to the subset as well, before anything is charged.
    let body = json!({
        "model": "nexevo/fast",
        "messages": [{"role": "user", "content": "x"}],
        "tools": [{"type": "function", "function": {"name": "t", "parameters": {"type": "object", "properties": {"a": {"type": "string", "format": "uri"}}}}}],
    });
    let reply = send(&api, &key, body).await;
    let error = reply.expect_error(422, "validation_failed");
    assert_eq!(
        error["field"],
        json!("tools[0].function.parameters/properties/a/format")
    );
}

#[tokio::test]
async fn every_tool_the_message_names_is_called_in_one_turn_and_results_end_the_loop() {
    let (_sandbox, api, key) = start().await;
    let city = json!({"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"], "additionalProperties": false});
    let tools = json!([
        {"type": "function", "function": {"name": "get_weather", "parameters": city, "strict": true}},
        {"type": "function", "function": {"name": "get_time", "parameters": city, "strict": true}},
        {"type": "function", "function": {"name": "unused"}},
    ]);
    let ask = json!({"role": "user", "content": "get_weather and get_time for Lyon"});
    let body = json!({"model": "nexevo/fast", "messages": [ask], "tools": tools});
    let reply = send(&api, &key, body.clone()).await;
    let message = reply.expect(200)["choices"][0]["message"].clone();
    let calls = message["tool_calls"].as_array().unwrap();
    let names: Vec<&str> = calls
        .iter()
        .map(|c| c["function"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["get_weather", "get_time"]);
    let ids: std::collections::BTreeSet<&str> =
        calls.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2, "distinct ids: {ids:?}");
    for call in calls {
        let arguments: Value =
            serde_json::from_str(call["function"]["arguments"].as_str().unwrap()).unwrap();
        assert_conforms(&city, &arguments);
    }

    // Streamed, the fragments carry each call's index and assemble into the same calls.
    let mut streamed = body.clone();
    streamed["stream"] = json!(true);
    let reply = send(&api, &key, streamed).await;
    let mut assembled: Vec<(String, String)> = Vec::new();
    for chunk in &reply.stream().chunks {
        for delta in chunk["choices"][0]["delta"]["tool_calls"]
            .as_array()
            .cloned()
            .unwrap_or_default()
        {
            let index = delta["index"].as_u64().unwrap() as usize;
            if assembled.len() <= index {
                assembled.resize(index + 1, (String::new(), String::new()));
            }
            if let Some(name) = delta["function"]["name"].as_str() {
                assembled[index].0.push_str(name);
            }
            if let Some(part) = delta["function"]["arguments"].as_str() {
                assembled[index].1.push_str(part);
            }
        }
    }
    let expected: Vec<(String, String)> = calls
        .iter()
        .map(|c| {
            (
                c["function"]["name"].as_str().unwrap().to_owned(),
                c["function"]["arguments"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(assembled, expected);

    // The results go back as `tool` messages: the next answer is text that quotes them.
    let mut follow_up = body;
    follow_up["messages"] = json!([
        ask,
        message,
        {"role": "tool", "tool_call_id": calls[0]["id"], "content": "sunny"},
        {"role": "tool", "tool_call_id": calls[1]["id"], "content": "09:30"},
    ]);
    let reply = send(&api, &key, follow_up).await;
    let choice = &reply.expect(200)["choices"][0];
    assert_eq!(choice["finish_reason"], json!("stop"));
    let text = choice["message"]["content"].as_str().unwrap();
    assert!(text.contains("sunny") && text.contains("09:30"), "{text}");
}
