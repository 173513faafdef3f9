//! Chat: deterministic completions, token counts, streaming, tool calls, JSON output, the model catalogue.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use crate::common::*;

fn user(text: &str) -> Value {
    json!({ "model": "nexevo/fast", "messages": [{ "role": "user", "content": text }] })
}

fn with(mut body: Value, extra: Value) -> Value {
    for (name, value) in extra.as_object().unwrap() {
        body[name] = value.clone();
    }
    body
}

async fn complete(api: &Api, key: &str, body: Value) -> Value {
    let reply = api
        .post("/v1/chat/completions")
        .token(key)
        .json(body)
        .send()
        .await;
    assert!(reply.sse.is_none());
    assert!(
        reply
            .header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    reply.expect(200).clone()
}

async fn stream(api: &Api, key: &str, body: Value) -> Reply {
    let reply = api
        .post("/v1/chat/completions")
        .token(key)
        .json(with(body, json!({ "stream": true })))
        .send()
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert!(
        reply
            .header("content-type")
            .unwrap()
            .starts_with("text/event-stream")
    );
    reply
}

/// The sandbox's documented token count: one per started group of four characters.
fn tokens(text: &str) -> u64 {
    text.chars().count().div_ceil(4) as u64
}

#[tokio::test]
async fn a_completion_is_deterministic_and_counted() {
    let (_sandbox, api, key) = start().await;
    let body = json!({
        "model": "nexevo/fast",
        "messages": [
            { "role": "system", "content": "You are terse." },
            { "role": "user", "content": "Hello!" },
            { "role": "assistant", "content": "Hi." },
            { "role": "user", "content": "What is the capital of France?" }
        ],
        "temperature": 0.7,
        "top_p": 1,
        "max_tokens": 256,
        "presence_penalty": 0,
        "frequency_penalty": -0.5,
        "user": "user-42"
    });
    let completion = complete(&api, &key, body.clone()).await;
    assert_eq!(completion["object"], json!("chat.completion"));
    assert_eq!(completion["model"], json!("nexevo/fast"));
    assert!(completion["id"].as_str().unwrap().starts_with("chatcmpl-"));
    let choices = completion["choices"].as_array().unwrap();
    assert_eq!(choices.len(), 1);
    assert_eq!(choices[0]["index"], json!(0));
    assert_eq!(choices[0]["finish_reason"], json!("stop"));
    assert_eq!(choices[0]["message"]["role"], json!("assistant"));
    let content = choices[0]["message"]["content"].as_str().unwrap();
    // The documented deterministic reply: an echo of the last user message.
    assert_eq!(
        content,
        "Echo from nexevo/fast: What is the capital of France?"
    );
    let usage = &completion["usage"];
    let prompt: u64 = [
        "You are terse.",
        "Hello!",
        "Hi.",
        "What is the capital of France?",
    ]
    .iter()
    .map(|text| tokens(text) + 4)
    .sum();
    assert_eq!(usage["prompt_tokens"], json!(prompt));
    assert_eq!(usage["completion_tokens"], json!(tokens(content)));
    assert_eq!(usage["total_tokens"], json!(prompt + tokens(content)));
    assert_eq!(completion["nexevo"]["tier"], json!("fast"));
    assert_eq!(completion["nexevo"]["routed_model"], json!("nexevo-fast-1"));

    // The same request gets the same answer (a new generation, the same text, tokens and cost).
    let again = complete(&api, &key, body).await;
    assert_eq!(again["choices"], completion["choices"]);
    assert_eq!(again["usage"], completion["usage"]);
    assert_eq!(
        again["nexevo"]["cost_usd"],
        completion["nexevo"]["cost_usd"]
    );
    assert_ne!(
        again["nexevo"]["generation_id"],
        completion["nexevo"]["generation_id"]
    );
    assert_ne!(again["id"], completion["id"]);

    // Tiers follow the model, or the provider key.
    let balanced = complete(
        &api,
        &key,
        with(user("hi"), json!({ "model": "nexevo/balanced" })),
    )
    .await;
    assert_eq!(balanced["nexevo"]["tier"], json!("balanced"));
    assert_eq!(
        balanced["nexevo"]["routed_model"],
        json!("nexevo-balanced-1")
    );
    let passthrough = complete(
        &api,
        &key,
        with(user("hi"), json!({ "model": "anthropic/claude-3-5-haiku" })),
    )
    .await;
    assert_eq!(passthrough["nexevo"]["tier"], json!("passthrough"));
    assert_eq!(passthrough["model"], json!("anthropic/claude-3-5-haiku"));
    let reply = api
        .post("/v1/chat/completions")
        .token(&key)
        .header("x-nexevo-provider-key", "sk-provider-0123456789abcdef")
        .json(user("hi"))
        .send()
        .await;
    assert_eq!(reply.expect(200)["nexevo"]["tier"], json!("byok"));
    assert!(
        !reply.text.contains("sk-provider-0123456789abcdef"),
        "never echoed"
    );
}

#[tokio::test]
async fn stop_sequences_and_max_tokens_cut_the_reply() {
    let (_sandbox, api, key) = start().await;
    let stopped = complete(
        &api,
        &key,
        with(user("one two three"), json!({ "stop": ["two", "\n\n"] })),
    )
    .await;
    assert_eq!(
        stopped["choices"][0]["message"]["content"],
        json!("Echo from nexevo/fast: one ")
    );
    assert_eq!(stopped["choices"][0]["finish_reason"], json!("stop"));
    let cut = complete(
        &api,
        &key,
        with(user("a long question indeed"), json!({ "max_tokens": 2 })),
    )
    .await;
    let content = cut["choices"][0]["message"]["content"].as_str().unwrap();
    assert_eq!(content, "Echo fro");
    assert_eq!(cut["choices"][0]["finish_reason"], json!("length"));
    assert_eq!(cut["usage"]["completion_tokens"], json!(2));
}

#[tokio::test]
async fn a_stream_carries_the_same_reply_in_valid_chunks() {
    let (_sandbox, api, key) = start().await;
    let body = user("Tell me something about streams, please.");
    let whole = complete(&api, &key, body.clone()).await;
    let reply = stream(&api, &key, body).await;
    let sse = reply.stream();
    assert!(sse.done, "ends with data: [DONE]");
    assert!(sse.broken_off.is_none() && sse.malformed.is_empty() && sse.errors.is_empty());
    assert!(sse.trailing.is_empty());
    assert!(sse.chunks.len() >= 3, "{:?}", sse.events);

    let generation_id = reply.header("x-nexevo-generation-id").unwrap();
    let first = &sse.chunks[0];
    assert_eq!(first["choices"][0]["delta"]["role"], json!("assistant"));
    for chunk in &sse.chunks {
        assert_eq!(chunk["object"], json!("chat.completion.chunk"));
        assert_eq!(chunk["id"], first["id"], "the same id in every chunk");
        assert_eq!(chunk["created"], first["created"]);
        assert_eq!(chunk["nexevo"]["generation_id"], json!(generation_id));
        assert_eq!(chunk["nexevo"]["tier"], json!("fast"));
    }
    let (last, rest) = sse.chunks.split_last().unwrap();
    for chunk in rest {
        assert!(chunk.get("usage").is_none_or(Value::is_null), "{chunk}");
        assert!(
            chunk["nexevo"].get("cost_usd").is_none_or(Value::is_null),
            "{chunk}"
        );
    }
    assert_eq!(last["usage"], whole["usage"], "usage on the last chunk");
    assert_eq!(last["nexevo"]["cost_usd"], whole["nexevo"]["cost_usd"]);
    assert_eq!(last["choices"][0]["finish_reason"], json!("stop"));
    assert_eq!(
        json!(sse.content()),
        whole["choices"][0]["message"]["content"],
        "the deltas make the non-streamed reply"
    );
}

#[tokio::test]
async fn a_stream_is_charged_like_a_completion() {
    let (_sandbox, api, key) = start().await;
    let before = api.get("/v1/billing/balance").token(&key).send().await;
    let before = money(&before.expect(200)["balance_usd"]);
    let reply = stream(&api, &key, user("charge me")).await;
    let last = reply.stream().chunks.last().unwrap().clone();
    let cost = money(&last["nexevo"]["cost_usd"]);
    let after = api.get("/v1/billing/balance").token(&key).send().await;
    assert_eq!(money(&after.expect(200)["balance_usd"]), before - cost);
    // The streamed generation can be rated.
    api.post("/v1/feedback")
        .token(&key)
        .json(json!({ "generation_id": last["nexevo"]["generation_id"], "rating": 1 }))
        .send()
        .await
        .expect(201);
}

#[tokio::test]
async fn tool_calls() {
    let (_sandbox, api, key) = start().await;
    let tools = json!([
        { "type": "function", "function": { "name": "get_weather", "description": "Current weather in a city.",
          "parameters": { "type": "object", "properties": { "city": { "type": "string" } } } } },
        { "type": "function", "function": { "name": "get_time" } }
    ]);
    let body = json!({
        "model": "nexevo/balanced",
        "messages": [{ "role": "user", "content": "Paris" }],
        "tools": tools,
        "tool_choice": { "type": "function", "function": { "name": "get_time" } }
    });
    let completion = complete(&api, &key, body.clone()).await;
    let choice = &completion["choices"][0];
    assert_eq!(choice["finish_reason"], json!("tool_calls"));
    assert!(choice["message"]["content"].is_null());
    let calls = choice["message"]["tool_calls"].as_array().unwrap();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0]["type"], json!("function"));
    assert_eq!(calls[0]["function"]["name"], json!("get_time"));
    let arguments: Value =
        serde_json::from_str(calls[0]["function"]["arguments"].as_str().unwrap()).unwrap();
    assert_eq!(arguments, json!({ "input": "Paris" }));

    // Streamed, the fragments merge into the same call.
    let reply = stream(&api, &key, body).await;
    let sse = reply.stream();
    assert!(sse.done);
    let (mut id, mut name, mut args) = (None, String::new(), String::new());
    for chunk in &sse.chunks {
        for call in chunk["choices"][0]["delta"]["tool_calls"]
            .as_array()
            .cloned()
            .unwrap_or_default()
        {
            assert_eq!(call["index"], json!(0));
            if let Some(call_id) = call["id"].as_str() {
                id = Some(call_id.to_owned());
            }
            name.push_str(call["function"]["name"].as_str().unwrap_or_default());
            args.push_str(call["function"]["arguments"].as_str().unwrap_or_default());
        }
    }
    assert!(id.is_some());
    assert_eq!(name, "get_time");
    assert_eq!(args, calls[0]["function"]["arguments"].as_str().unwrap());
    assert_eq!(
        sse.chunks.last().unwrap()["choices"][0]["finish_reason"],
        json!("tool_calls")
    );

    // `none` never calls; `required` calls the first; `auto` calls a tool the user names.
    let mode = |choice: &str, text: &str| {
        json!({ "model": "nexevo/fast", "messages": [{ "role": "user", "content": text }],
                "tools": tools, "tool_choice": choice })
    };
    let none = complete(&api, &key, mode("none", "get_weather please")).await;
    assert_eq!(none["choices"][0]["finish_reason"], json!("stop"));
    let required = complete(&api, &key, mode("required", "anything")).await;
    assert_eq!(
        required["choices"][0]["message"]["tool_calls"][0]["function"]["name"],
        json!("get_weather")
    );
    let auto = complete(&api, &key, mode("auto", "what does get_time say?")).await;
    assert_eq!(
        auto["choices"][0]["message"]["tool_calls"][0]["function"]["name"],
        json!("get_time")
    );
    let auto = complete(&api, &key, mode("auto", "just chat")).await;
    assert_eq!(auto["choices"][0]["finish_reason"], json!("stop"));

    // A tool's answer goes back as a `tool` message.
    let call_id = calls[0]["id"].as_str().unwrap();
    let follow_up = json!({
        "model": "nexevo/fast",
        "messages": [
            { "role": "user", "content": "Paris" },
            { "role": "assistant", "content": null, "tool_calls": calls },
            { "role": "tool", "tool_call_id": call_id, "content": "{\"time\":\"12:00\"}" }
        ]
    });
    complete(&api, &key, follow_up).await;
}

#[tokio::test]
async fn json_output_formats() {
    let (_sandbox, api, key) = start().await;
    for format in [
        json!({ "type": "json_object" }),
        json!({ "type": "json_schema", "json_schema": { "name": "weather", "schema": { "type": "object" }, "strict": true } }),
    ] {
        let completion = complete(
            &api,
            &key,
            with(user("as JSON"), json!({ "response_format": format })),
        )
        .await;
        let content = completion["choices"][0]["message"]["content"]
            .as_str()
            .unwrap();
        let parsed: Value = serde_json::from_str(content).unwrap();
        assert!(parsed.is_object(), "{content}");
        assert_eq!(parsed["reply"], json!("Echo from nexevo/fast: as JSON"));
    }
    let text = complete(
        &api,
        &key,
        with(
            user("plain"),
            json!({ "response_format": { "type": "text" } }),
        ),
    )
    .await;
    assert_eq!(
        text["choices"][0]["message"]["content"],
        json!("Echo from nexevo/fast: plain")
    );
}

#[tokio::test]
async fn the_model_catalogue() {
    let (sandbox, api, key) = start().await;
    let reply = api.get("/v1/models").token(&key).send().await;
    let list = reply.expect(200);
    assert_eq!(list["object"], json!("list"));
    let models = list["data"].as_array().unwrap();
    let fast = models
        .iter()
        .find(|m| m["id"] == json!("nexevo/fast"))
        .unwrap();
    assert_eq!(fast["tier"], json!("fast"));
    assert_eq!(fast["object"], json!("model"));
    assert_eq!(fast["input_usd_per_million_tokens"], json!("0.20"));
    assert_eq!(fast["output_usd_per_million_tokens"], json!("0.60"));
    let balanced = models
        .iter()
        .find(|m| m["id"] == json!("nexevo/balanced"))
        .unwrap();
    assert_eq!(balanced["tier"], json!("balanced"));
    assert!(models.iter().any(|m| m["tier"] == json!("passthrough")));

    // Every listed model answers, at its tier.
    for model in models {
        let id = model["id"].as_str().unwrap();
        let completion = api.chat(&key, id, "hi").await;
        assert_eq!(completion["nexevo"]["tier"], model["tier"], "{id}");
    }

    // With an organization: members only.
    let org = api.new_organization(&key).await;
    api.get("/v1/models")
        .token(&key)
        .org(&org)
        .send()
        .await
        .expect(200);
    let outsider = account(&sandbox, dec!(1));
    api.get("/v1/models")
        .token(outsider.api_key.expose())
        .org(&org)
        .send()
        .await
        .expect_error(403, "forbidden");
    api.get("/v1/models")
        .token(&key)
        .org("not-an-org")
        .send()
        .await
        .expect_invalid("Nexevo-Organization");
    api.get("/v1/models")
        .send()
        .await
        .expect_error(401, "unauthorized");
}

#[tokio::test]
async fn chat_errors() {
    let (sandbox, api, key) = start().await;
    let outsider = account(&sandbox, dec!(1));
    let org = api.new_organization(&key).await;
    api.post("/v1/chat/completions")
        .token(outsider.api_key.expose())
        .org(&org)
        .json(user("hi"))
        .send()
        .await
        .expect_error(403, "forbidden");
    api.post("/v1/chat/completions")
        .json(user("hi"))
        .send()
        .await
        .expect_error(401, "unauthorized");
    for (body, field) in [
        (
            json!({ "messages": [{ "role": "user", "content": "hi" }] }),
            "model",
        ),
        (with(user("hi"), json!({ "model": "" })), "model"),
        (with(user("hi"), json!({ "model": "has space" })), "model"),
        (json!({ "model": "nexevo/fast" }), "messages"),
        (
            json!({ "model": "nexevo/fast", "messages": [] }),
            "messages",
        ),
        (
            json!({ "model": "nexevo/fast", "messages": "hi" }),
            "messages",
        ),
        (
            json!({ "model": "nexevo/fast", "messages": [{ "role": "wizard", "content": "hi" }] }),
            "messages[0].role",
        ),
        (
            json!({ "model": "nexevo/fast", "messages": [{ "content": "hi" }] }),
            "messages[0].role",
        ),
        (
            json!({ "model": "nexevo/fast", "messages": [{ "role": "user", "name": "bad name" }] }),
            "messages[0].name",
        ),
        (
            with(user("hi"), json!({ "temperature": 2.5 })),
            "temperature",
        ),
        (
            with(user("hi"), json!({ "temperature": -0.1 })),
            "temperature",
        ),
        (with(user("hi"), json!({ "top_p": 1.5 })), "top_p"),
        (with(user("hi"), json!({ "max_tokens": 0 })), "max_tokens"),
        (
            with(user("hi"), json!({ "max_tokens": 131_073 })),
            "max_tokens",
        ),
        (with(user("hi"), json!({ "max_tokens": -1 })), "max_tokens"),
        (
            with(user("hi"), json!({ "presence_penalty": 3 })),
            "presence_penalty",
        ),
        (
            with(user("hi"), json!({ "frequency_penalty": -3 })),
            "frequency_penalty",
        ),
        (with(user("hi"), json!({ "stop": [] })), "stop"),
        (
            with(user("hi"), json!({ "stop": ["a", "b", "c", "d", "e"] })),
            "stop",
        ),
        (with(user("hi"), json!({ "stop": [""] })), "stop[0]"),
        (with(user("hi"), json!({ "tools": [] })), "tools"),
        (
            json!({ "model": "nexevo/fast", "messages": [{ "role": "assistant", "tool_calls": [] }] }),
            "messages[0].tool_calls",
        ),
        (
            json!({ "model": "nexevo/fast", "messages": [{ "role": "assistant", "tool_calls": [{ "id": "c", "type": "function" }] }] }),
            "messages[0].tool_calls[0].function",
        ),
        (
            with(
                user("hi"),
                json!({ "tools": [{ "type": "function", "function": { "name": "bad name" } }] }),
            ),
            "tools[0].function.name",
        ),
        (
            with(
                user("hi"),
                json!({ "tools": [{ "type": "retrieval", "function": { "name": "f" } }] }),
            ),
            "tools[0].type",
        ),
        (
            with(user("hi"), json!({ "tool_choice": "sometimes" })),
            "tool_choice",
        ),
        (
            with(user("hi"), json!({ "response_format": { "type": "xml" } })),
            "response_format.type",
        ),
        (
            with(user("hi"), json!({ "response_format": {} })),
            "response_format.type",
        ),
        (with(user("hi"), json!({ "user": "" })), "user"),
        (with(user("hi"), json!({ "stream": "yes" })), "stream"),
    ] {
        let reply = api
            .post("/v1/chat/completions")
            .token(&key)
            .json(body.clone())
            .send()
            .await;
        assert_eq!(reply.status, 422, "{body} answered {}", reply.text);
        reply.expect_invalid(field);
    }
    for provider_key in ["short", "has space in it"] {
        api.post("/v1/chat/completions")
            .token(&key)
            .header("x-nexevo-provider-key", provider_key)
            .json(user("hi"))
            .send()
            .await
            .expect_invalid("X-Nexevo-Provider-Key");
    }
    assert_eq!(sandbox.counters("create_chat_completion").applied, 0);
}
