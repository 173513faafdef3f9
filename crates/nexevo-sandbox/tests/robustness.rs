//! Robustness: every operation answers input that breaks the spec with a 4xx in the error shape, never a 5xx; a 1,000-request burst.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use crate::common::*;
use futures_util::StreamExt;

/// A value that breaks a schema, and whether plain JSON Schema sees it (the `x-nexevo-*`
/// extensions it does not).
struct Violation {
    why: String,
    value: Value,
    json_schema_sees_it: bool,
}

fn violation(why: impl Into<String>, value: Value) -> Violation {
    Violation {
        why: why.into(),
        value,
        json_schema_sees_it: true,
    }
}

/// Follows `$ref`s.
fn resolve(schema: &Value) -> &Value {
    spec().resolve(schema)
}

/// A valid value of a schema, from its example.
fn example_of(schema: &Value) -> Value {
    let schema = resolve(schema);
    match schema.get("example") {
        Some(example) => example.clone(),
        None => match schema["type"].as_str() {
            Some("string") => json!("x"),
            other => panic!("no example for {other:?}: {schema}"),
        },
    }
}

/// Values that break `schema`, derived from the constraints it states: the wrong JSON type,
/// `null` where it is neither nullable nor optional, unknown enum values, lengths, patterns,
/// bounds, list sizes, uniqueness, and (two levels deep) every field of an object or list item.
fn violations(schema: &Value, required: bool, depth: usize) -> Vec<Violation> {
    let schema = resolve(schema);
    let mut out = Vec::new();
    let nullable = schema["nullable"] == json!(true);
    if required && !nullable {
        out.push(violation("null", Value::Null));
    }
    if schema.get("oneOf").is_some() {
        out.push(violation("neither alternative", json!(12345)));
        return out;
    }
    let u64_of = |name: &str| schema.get(name).and_then(Value::as_u64);
    match schema["type"].as_str().unwrap_or_default() {
        "string" => {
            out.push(violation("a number for a string", json!(12345)));
            if schema.get("enum").is_some() {
                out.push(violation(
                    "an unknown enum value",
                    json!("not-a-known-value"),
                ));
            }
            if let Some(min) = u64_of("minLength").filter(|min| *min > 0) {
                out.push(violation("too short", json!("a".repeat(min as usize - 1))));
            }
            if let Some(max) = u64_of("maxLength") {
                out.push(violation("too long", json!("a".repeat(max as usize + 1))));
            }
            if schema.get("pattern").is_some() {
                out.push(violation("against the pattern", json!("a b")));
            }
        }
        "integer" | "number" => {
            let integer = schema["type"] == json!("integer");
            out.push(violation("a string for a number", json!("12")));
            if let Some(values) = schema["enum"].as_array() {
                let outside = (0..).find(|n| !values.contains(&json!(n))).unwrap();
                out.push(violation("outside the enum", json!(outside)));
            }
            if let Some(min) = schema.get("minimum").and_then(Value::as_i64) {
                let value = if schema["exclusiveMinimum"] == json!(true) {
                    min
                } else {
                    min - 1
                };
                out.push(violation("below the minimum", json!(value)));
            }
            if let Some(max) = schema.get("maximum").and_then(Value::as_i64) {
                out.push(violation("above the maximum", json!(max + 1)));
            }
            if integer {
                out.push(violation("a fraction for an integer", json!(1.5)));
                match schema["format"].as_str() {
                    Some("int32") => out.push(violation("beyond int32", json!(2_147_483_648u64))),
                    Some("uint32") => {
                        out.push(violation("beyond uint32", json!(4_294_967_296u64)));
                    }
                    _ => {}
                }
            }
            if let Some(places) = u64_of("x-nexevo-max-decimal-places") {
                let text = format!("1.{}1", "0".repeat(places as usize));
                out.push(Violation {
                    why: "too many decimal places".into(),
                    value: serde_json::from_str(&text).unwrap(),
                    json_schema_sees_it: false,
                });
            }
        }
        "boolean" => out.push(violation("a string for a boolean", json!("yes"))),
        "array" => {
            out.push(violation(
                "an object for a list",
                json!({ "not": "a list" }),
            ));
            let item = example_of(&schema["items"]);
            if let Some(min) = u64_of("minItems").filter(|min| *min > 0) {
                out.push(violation(
                    "too few items",
                    json!(vec![item.clone(); min as usize - 1]),
                ));
            }
            if let Some(max) = u64_of("maxItems") {
                out.push(violation(
                    "too many items",
                    json!(vec![item.clone(); max as usize + 1]),
                ));
            }
            if schema["uniqueItems"] == json!(true) {
                out.push(violation("a repeated item", json!([item.clone(), item])));
            }
            if depth < 2 {
                for bad in violations(&schema["items"], true, depth + 1) {
                    out.push(Violation {
                        why: format!("an item {}", bad.why),
                        value: json!([bad.value]),
                        json_schema_sees_it: bad.json_schema_sees_it,
                    });
                }
            }
        }
        "object" => {
            out.push(violation(
                "a list for an object",
                json!(["not", "an object"]),
            ));
            if let Some(max) = u64_of("maxProperties") {
                let many: serde_json::Map<String, Value> =
                    (0..=max).map(|n| (format!("k{n}"), json!(n))).collect();
                out.push(violation("too many properties", Value::Object(many)));
            }
            if let Some(max) = u64_of("x-nexevo-max-serialized-bytes") {
                out.push(Violation {
                    why: "too many bytes".into(),
                    value: json!({ "k": "x".repeat(max as usize) }),
                    json_schema_sees_it: false,
                });
            }
            if depth < 2 && schema.get("properties").is_some() {
                let base = example_of(schema);
                for (name, bad) in field_violations(schema, &base, depth + 1) {
                    out.push(Violation {
                        why: format!("{name} {}", bad.why),
                        value: bad.value,
                        json_schema_sees_it: bad.json_schema_sees_it,
                    });
                }
            }
        }
        other => panic!("no violations for type {other:?}: {schema}"),
    }
    out
}

/// Copies of a valid object `base`, each with one field broken or one required field left out,
/// with the field's name.
fn field_violations(schema: &Value, base: &Value, depth: usize) -> Vec<(String, Violation)> {
    let schema = resolve(schema);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for (name, property) in schema["properties"].as_object().unwrap() {
        for bad in violations(property, required.contains(&name.as_str()), depth) {
            let mut value = base.clone();
            value[name] = bad.value;
            out.push((
                name.clone(),
                Violation {
                    why: bad.why,
                    value,
                    json_schema_sees_it: bad.json_schema_sees_it,
                },
            ));
        }
    }
    for name in required {
        let mut value = base.clone();
        value.as_object_mut().unwrap().remove(name);
        out.push((name.to_owned(), violation("missing", value)));
    }
    out
}

/// Texts that break a parameter's schema (a query, header or path value is text).
fn parameter_violations(schema: &Value) -> Vec<(String, String)> {
    let schema = resolve(schema);
    let mut out = Vec::new();
    match schema["type"].as_str().unwrap_or_default() {
        "integer" => {
            out.push(("not a number".into(), "abc".into()));
            out.push(("a fraction".into(), "1.5".into()));
            out.push(("negative".into(), "-1".into()));
            out.push(("empty".into(), String::new()));
            if let Some(min) = schema["minimum"].as_i64() {
                out.push(("below the minimum".into(), (min - 1).to_string()));
            }
            if let Some(max) = schema["maximum"].as_i64() {
                out.push(("above the maximum".into(), (max + 1).to_string()));
            }
            out.push(("beyond uint32".into(), "4294967296".into()));
        }
        "string" => {
            if let Some(min) = schema["minLength"].as_u64().filter(|min| *min > 0) {
                out.push(("too short".into(), "a".repeat(min as usize - 1)));
            }
            if let Some(max) = schema["maxLength"].as_u64() {
                out.push(("too long".into(), "a".repeat(max as usize + 1)));
            }
            if schema.get("pattern").is_some() {
                out.push(("against the pattern".into(), "a b".into()));
            }
        }
        other => panic!("no parameter violations for {other:?}"),
    }
    out
}

/// Asserts a refusal: a 4xx in the error shape (the client already checked it against the spec),
/// and for a 422 a `field` that starts with `field` when given.
#[track_caller]
fn assert_refused(reply: &Reply, what: &str, field: Option<&str>) {
    assert!(
        (400..500).contains(&reply.status),
        "{what}: expected a 4xx, got {}: {}",
        reply.status,
        reply.text
    );
    if let Some(field) = field {
        assert_eq!(reply.status, 422, "{what}: {}", reply.text);
        let named = reply.body["error"]["field"].as_str().unwrap_or_default();
        assert!(
            named == field
                || named.starts_with(&format!("{field}."))
                || named.starts_with(&format!("{field}[")),
            "{what}: the error names {named:?}, not {field:?}: {}",
            reply.text
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn input_that_breaks_the_spec_is_refused_with_a_4xx() {
    let (sandbox, api, _) = start().await;
    let mut sent = 0;
    for op in nexevo_api::OPERATIONS {
        let context = Context::new(&sandbox, &api).await;
        let path = concrete_path(op, &context.ids);
        let body = context.body(op);
        let operation = format!("{} {}", op.method, op.path);
        let request_schema = spec().request_schema(&operation);
        assert_eq!(request_schema.is_some(), body.is_some(), "{}", op.id);
        let with_body = |call: Call| match &body {
            Some(body) => call.json(body.clone()),
            None => call,
        };

        // Bodies: every field broken in every way its schema allows, then bodies that are not
        // the right JSON at all.
        if let (Some(schema), Some(base)) = (&request_schema, &body) {
            spec()
                .check(schema, base)
                .unwrap_or_else(|e| panic!("{}: the base body is invalid: {e}", op.id));
            for (field, bad) in field_violations(schema, base, 0) {
                let what = format!("{}: {field} {}", op.id, bad.why);
                if bad.json_schema_sees_it {
                    assert!(
                        spec().check(schema, &bad.value).is_err(),
                        "{what}: not a violation: {}",
                        bad.value
                    );
                }
                let reply = context.call(&api, op, &path).json(bad.value).send().await;
                assert_refused(&reply, &what, Some(&field));
                sent += 1;
            }
            for (why, raw) in [
                ("an empty body", Vec::new()),
                ("not JSON", b"not json".to_vec()),
                ("a list", b"[]".to_vec()),
                ("null", b"null".to_vec()),
                ("a string", b"\"text\"".to_vec()),
                ("a number", b"42".to_vec()),
                ("truncated JSON", b"{\"a\":".to_vec()),
                ("trailing characters", b"{} {}".to_vec()),
                ("invalid UTF-8", b"{\"a\":\"\xff\"}".to_vec()),
            ] {
                let reply = context
                    .call(&api, op, &path)
                    .raw(raw, Some("application/json"))
                    .send()
                    .await;
                assert_refused(&reply, &format!("{}: {why}", op.id), None);
                sent += 1;
            }
        }

        // Parameters: path ids, query parameters and headers that break their schemas.
        for parameter in parameters(op) {
            let name = parameter["name"].as_str().unwrap();
            let location = parameter["in"].as_str().unwrap();
            let mut texts = parameter_violations(&parameter["schema"]);
            if location == "path" {
                texts.push(("invalid UTF-8".into(), "%FF%FE".into()));
            }
            for (why, text) in texts {
                let what = format!("{}: {location} {name} {why}: {text:?}", op.id);
                let call = match location {
                    "path" => {
                        let encoded = text.replace(' ', "%20");
                        let template = op.path.replace(&format!("{{{name}}}"), &encoded);
                        context.call(&api, op, &fill_path(&template, &context.ids))
                    }
                    "query" => {
                        let encoded = text.replace(' ', "%20");
                        context.call(&api, op, &format!("{path}?{name}={encoded}"))
                    }
                    "header" => context.call(&api, op, &path).header(name, &text),
                    other => panic!("parameter in {other}"),
                };
                let reply = with_body(call).send().await;
                assert_refused(&reply, &what, Some(name));
                sent += 1;
            }
            if location == "header" {
                let what = format!("{}: header {name} not ASCII", op.id);
                let call = context
                    .call(&api, op, &path)
                    .header_bytes(name, b"caf\xc3\xa9-caf\xc3\xa9");
                let reply = with_body(call).send().await;
                assert_refused(&reply, &what, Some(name));
                sent += 1;
            }
        }
    }
    assert!(sent >= 700, "only {sent} requests");
    // Nothing that was refused was applied: no key beyond the contexts' own, no checkout.
    assert_eq!(sandbox.counters("create_checkout").applied, 0);
    assert_eq!(sandbox.counters("transfer_owner").applied, 0);
    assert_eq!(sandbox.counters("deactivate_account").applied, 0);
}

#[tokio::test]
async fn headers_an_operation_does_not_take_are_ignored() {
    let (sandbox, api, _) = start().await;
    for op in nexevo_api::OPERATIONS {
        // These need state a fresh context does not have (a reset token, a pending enrolment).
        if ["confirm_password_reset", "verify_two_fa", "disable_two_fa"].contains(&op.id) {
            continue;
        }
        let declared: Vec<&str> = parameters(op)
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        let success: u16 = responses_of(op)
            .as_object()
            .unwrap()
            .keys()
            .find_map(|status| status.parse().ok().filter(|s| (200..300).contains(s)))
            .unwrap();
        let context = Context::new(&sandbox, &api).await;
        let path = concrete_path(op, &context.ids);
        let mut call = context.call(&api, op, &path);
        if let Some(body) = context.body(op) {
            call = call.json(body);
        }
        for (name, value) in [
            ("Nexevo-Organization", "not an org"),
            ("X-Nexevo-Provider-Key", "x"),
            ("Idempotency-Key", ""),
        ] {
            if !declared.contains(&name) {
                call = call.header(name, value);
            }
        }
        let reply = call.send().await;
        assert_eq!(reply.status, success, "{}: {}", op.id, reply.text);
    }
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_in_the_error_shape() {
    let (_sandbox, api, key) = start().await;
    for (method, path) in [
        (Method::GET, "/"),
        (Method::GET, "/v1"),
        (Method::GET, "/v1/nothing-here"),
        (Method::GET, "/v1/keys/"),
        (Method::GET, "/v2/billing/balance"),
        (Method::PUT, "/v1/billing/balance"),
        (Method::DELETE, "/v1/auth/me"),
        (Method::POST, "/v1/models"),
    ] {
        let reply = api.request(method.clone(), path).token(&key).send().await;
        assert!(
            (400..500).contains(&reply.status),
            "{method} {path}: {}",
            reply.text
        );
        spec().check_named("Error", &reply.body).unwrap();
    }
}

#[tokio::test]
async fn deeply_nested_json_does_not_bring_the_server_down() {
    let (_sandbox, api, key) = start().await;
    let deep = |depth: usize| format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    // In the metadata it is far over 4 KB: refused.
    let reply = api
        .post("/v1/conversations")
        .token(&key)
        .raw(
            format!(r#"{{"metadata":{{"k":{}}}}}"#, deep(100_000)).into_bytes(),
            Some("application/json"),
        )
        .send()
        .await;
    assert_refused(&reply, "metadata nested 100,000 deep", None);
    // In a field the schema does not name, it is allowed; whatever the answer, not a 5xx.
    let reply = api
        .post("/v1/chat/completions")
        .token(&key)
        .raw(
            format!(
                r#"{{"model":"nexevo/fast","messages":[{{"role":"user","content":"hi"}}],"x":{}}}"#,
                deep(100_000)
            )
            .into_bytes(),
            Some("application/json"),
        )
        .send()
        .await;
    assert!(reply.status < 500, "{}", reply.text);
    api.get("/v1/auth/me").token(&key).send().await.expect(200);
}

#[tokio::test]
async fn a_body_over_the_size_limit_is_refused() {
    let (_sandbox, api, key) = start().await;
    let huge = format!(
        r#"{{"title":"t","metadata":{{"k":"{}"}}}}"#,
        "x".repeat(17 * 1024 * 1024)
    );
    let reply = api
        .post("/v1/conversations")
        .token(&key)
        .raw(huge.into_bytes(), Some("application/json"))
        .send()
        .await;
    assert!((400..500).contains(&reply.status), "{}", reply.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_1000_mixed_requests() {
    let (sandbox, api, key) = start().await;
    let conversation = api
        .create_conversation(&key, json!({ "title": "burst" }))
        .await["conversation_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reply = api
        .post("/v1/organizations")
        .token(&key)
        .json(json!({ "name": "Burst Inc" }))
        .send()
        .await;
    let org = reply.expect(201)["organization"]["org_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let generation = api.chat(&key, "nexevo/fast", "seed").await["nexevo"]["generation_id"].clone();
    let before = api.get("/v1/billing/balance").token(&key).send().await;
    let before = money(&before.expect(200)["balance_usd"]);
    sandbox.reset_counters();

    const KINDS: usize = 16;
    let requests = (0..1000).map(|n| {
        let api = api.clone();
        let key = key.clone();
        let conversation = conversation.clone();
        let org = org.clone();
        let generation = generation.clone();
        async move {
            let call = match n % KINDS {
                0 => api.get("/v1/billing/balance").token(&key),
                1 => api.get("/v1/billing/usage?days=30").token(&key),
                2 => api
                    .post("/v1/chat/completions")
                    .token(&key)
                    .json(json!({ "model": "nexevo/fast", "messages": [{ "role": "user", "content": format!("burst {n}") }] })),
                3 => api
                    .post("/v1/chat/completions")
                    .token(&key)
                    .json(json!({ "model": "nexevo/balanced", "stream": true, "messages": [{ "role": "user", "content": "stream" }] })),
                4 => api.get("/v1/keys?limit=5").token(&key),
                5 => api
                    .post("/v1/keys")
                    .token(&key)
                    .idem(&format!("burst-key-{n}"))
                    .json(json!({ "name": format!("burst-{n}") })),
                6 => api
                    .post(&format!("/v1/conversations/{conversation}/messages"))
                    .token(&key)
                    .json(json!({ "role": "user", "content": format!("m{n}") })),
                7 => api
                    .get(&format!("/v1/conversations/{conversation}/messages?limit=10"))
                    .token(&key),
                8 => api.get("/v1/conversations").token(&key),
                9 => api.get("/v1/models").token(&key),
                10 => api.get("/v1/auth/me").token(&key),
                11 => api
                    .post("/v1/billing/checkout")
                    .token(&key)
                    .json(json!({ "amount_usd": 1, "idempotency_key": format!("burst-{n}") })),
                12 => api.get(&format!("/v1/organizations/{org}/members")).token(&key),
                13 => api.get("/v1/billing/balance").token(&key).org(&org),
                14 => api
                    .post("/v1/feedback")
                    .token(&key)
                    .json(json!({ "generation_id": generation, "rating": 1, "tags": ["burst"] })),
                _ => api.get("/v1/feedback/summary").token(&key),
            };
            (n, call.send().await)
        }
    });
    // At most 128 in flight, so the test needs no more file descriptors than CI allows.
    let replies: Vec<(usize, Reply)> = futures_util::stream::iter(requests)
        .buffer_unordered(128)
        .collect()
        .await;
    assert_eq!(replies.len(), 1000);
    let mut spent = Decimal::ZERO;
    for (n, reply) in &replies {
        assert!(
            (200..300).contains(&reply.status),
            "request {n}: {}",
            reply.describe()
        );
        if n % KINDS == 2 {
            spent += money(&reply.body["nexevo"]["cost_usd"]);
        }
        if n % KINDS == 3 {
            let sse = reply.stream();
            assert!(sse.done);
            spent += money(&sse.chunks.last().unwrap()["nexevo"]["cost_usd"]);
        }
    }
    let total = sandbox.total_counters();
    assert_eq!(total.received, 1000);

    // The state adds up: every top-up credited once, every call charged exactly.
    let top_ups = Decimal::from(replies.iter().filter(|(n, _)| n % KINDS == 11).count());
    let after = api.get("/v1/billing/balance").token(&key).send().await;
    assert_eq!(
        money(&after.expect(200)["balance_usd"]),
        before + top_ups - spent
    );
    let appended = replies.iter().filter(|(n, _)| n % KINDS == 6).count();
    let detail = api
        .get(&format!("/v1/conversations/{conversation}"))
        .token(&key)
        .send()
        .await;
    assert_eq!(detail.expect(200)["message_count"], json!(appended));
    let created = replies.iter().filter(|(n, _)| n % KINDS == 5).count();
    assert_eq!(sandbox.counters("create_key").applied, created as u64);
}

#[tokio::test]
async fn a_clock_moved_as_far_as_it_goes_still_answers_every_kind_of_request() {
    let (sandbox, api, key) = start().await;
    // Twice: the offset must neither overflow the clock nor wrap back to the past.
    sandbox.advance_clock(std::time::Duration::MAX);
    api.get("/v1/billing/balance")
        .token(&key)
        .send()
        .await
        .expect(200);
    sandbox.advance_clock(std::time::Duration::MAX);
    let email = unique_email("future");
    let session = api
        .post("/v1/auth/register")
        .json(json!({ "email": email, "password": "future-password" }))
        .send()
        .await;
    let token = session.expect(201)["token"].as_str().unwrap().to_owned();
    let expires_at = session.expect(201)["expires_at"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        expires_at.as_str() <= "9999-12-31T23:59:59Z",
        "{expires_at}"
    );
    assert!(
        expires_at.as_str() > "9000",
        "the clock moved far ahead: {expires_at}"
    );
    api.get("/v1/auth/me")
        .token(&token)
        .send()
        .await
        .expect(200);
    api.get("/v1/billing/balance")
        .token(&key)
        .send()
        .await
        .expect(200);
    api.post("/v1/keys")
        .token(&key)
        .json(json!({ "name": "far", "monthly_spend_cap_usd": "5.00" }))
        .send()
        .await
        .expect(201);
    api.post("/v1/chat/completions")
        .token(&key)
        .json(json!({ "model": "nexevo/fast", "messages": [{ "role": "user", "content": "hi" }] }))
        .send()
        .await
        .expect(200);
}
