//! Chat completions through the SDK against the sandbox: the request builder, tiers and costs,
//! tools and JSON output, streams and every way a stream can end.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::time::Duration;

use futures_util::StreamExt;
use nexevo::billing::BillingExt;
use nexevo::chat::*;
use nexevo::keys::KeysExt;
use nexevo::{Error, ErrorCode, StreamError};
use nexevo_e2e::{build, builder_for, chunk_event, sandbox};
use nexevo_sandbox::{Fault, FaultRule};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn hello(model: Model) -> ChatRequest {
    ChatRequest::new(model)
        .system("You are terse.")
        .user("Hello!")
}

#[tokio::test]
async fn a_completion_carries_its_generation_tier_and_exact_cost() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let completion = client
        .chat()
        .completions()
        .create(hello(Model::BALANCED))
        .await
        .unwrap();
    assert_eq!(
        completion.content(),
        Some("Echo from nexevo/balanced: Hello!")
    );
    assert_eq!(completion.finish_reason(), Some(&FinishReason::Stop));
    assert_eq!(completion.tier(), &Tier::Balanced);
    assert!(completion.generation_id().starts_with("gen_"));
    assert_eq!(
        completion.generation_id_header(),
        Some(completion.generation_id())
    );
    assert!(completion.cost_usd() > Decimal::ZERO);
    assert_eq!(
        completion.usage.total_tokens,
        completion.usage.prompt_tokens + completion.usage.completion_tokens
    );
    let balance = client.billing().balance().await.unwrap().balance_usd;
    assert_eq!(
        balance,
        dec!(100.00) - completion.cost_usd(),
        "charged exactly the cost"
    );
    assert_eq!(sandbox.counters("create_chat_completion").applied, 1);
}

#[tokio::test]
async fn the_model_decides_the_tier_and_a_provider_key_makes_it_byok() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let fast = client
        .chat()
        .completions()
        .create(hello(Model::FAST))
        .await
        .unwrap();
    assert_eq!(fast.tier(), &Tier::Fast);
    let passthrough = client
        .chat()
        .completions()
        .create(hello("openai/gpt-4o-mini".into()))
        .await
        .unwrap();
    assert_eq!(passthrough.tier(), &Tier::Passthrough);
    let byok = client
        .chat()
        .completions()
        .create(hello(Model::named("openai/gpt-4o-mini")).provider_key("sk-provider-0123456789"))
        .await
        .unwrap();
    assert_eq!(byok.tier(), &Tier::Byok);
    let usage = client.billing().usage().days(1).await.unwrap();
    assert_eq!(usage.by_tier.fast.requests, 1);
    assert_eq!(usage.by_tier.passthrough.requests, 1);
    assert_eq!(usage.by_tier.byok.requests, 1);
    assert_eq!(
        usage.total_cost_usd,
        fast.cost_usd() + passthrough.cost_usd() + byok.cost_usd()
    );
}

#[tokio::test]
async fn tools_json_output_stop_sequences_and_max_tokens() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let weather =
        serde_json::json!({ "type": "object", "properties": { "city": { "type": "string" } } });
    let called = client
        .chat()
        .completions()
        .create(
            ChatRequest::new(Model::FAST)
                .user("What is the weather in Paris?")
                .function("get_weather", "Current weather in a city.", weather)
                .force_function("get_weather"),
        )
        .await
        .unwrap();
    assert_eq!(called.finish_reason(), Some(&FinishReason::ToolCalls));
    let call = &called.tool_calls()[0];
    assert_eq!(call.function.name, "get_weather");
    let answered = client
        .chat()
        .completions()
        .create(
            ChatRequest::new(Model::FAST)
                .user("What is the weather in Paris?")
                .assistant_tool_calls(called.tool_calls().to_vec())
                .tool_result(call.id.clone(), "sunny")
                .user("Thanks"),
        )
        .await
        .unwrap();
    assert!(answered.content().is_some());

    let json = client
        .chat()
        .completions()
        .create(hello(Model::FAST).json_object())
        .await
        .unwrap();
    let parsed: serde_json::Value = serde_json::from_str(json.content().unwrap()).unwrap();
    assert!(parsed.get("reply").is_some());

    let stopped = client
        .chat()
        .completions()
        .create(hello(Model::FAST).stop(["Hello"]))
        .await
        .unwrap();
    assert_eq!(stopped.content(), Some("Echo from nexevo/fast: "));
    let short = client
        .chat()
        .completions()
        .create(hello(Model::FAST).max_tokens(2))
        .await
        .unwrap();
    assert_eq!(short.finish_reason(), Some(&FinishReason::Length));

    let models = client.chat().models().await.unwrap();
    assert!(
        models
            .iter()
            .any(|m| m.id == "nexevo/fast" && m.tier == Tier::Fast)
    );
}

#[tokio::test]
async fn bad_requests_are_refused_before_sending() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let cases = [
        (ChatRequest::new(Model::FAST), "messages"),
        (hello(Model::FAST).temperature(2.5), "temperature"),
        (hello(Model::FAST).max_tokens(0), "max_tokens"),
        (hello(Model::FAST).stop(["a", "b", "c", "d", "e"]), "stop"),
        (hello(Model::named("")), "model"),
        (
            hello(Model::FAST).provider_key("short"),
            "X-Nexevo-Provider-Key",
        ),
        // Schemas that are not JSON objects are refused, not replaced by an empty one.
        (
            hello(Model::FAST)
                .function("a", "first", serde_json::json!({ "type": "object" }))
                .function("b", "second", serde_json::json!("not a schema")),
            "tools[1].function.parameters",
        ),
        (
            hello(Model::FAST).json_schema("answer", serde_json::json!([1, 2]), true),
            "response_format.json_schema.schema",
        ),
    ];
    for (request, field) in cases {
        let error = client
            .chat()
            .completions()
            .create(request.clone())
            .await
            .unwrap_err();
        assert_eq!(error.field(), Some(field), "{error}");
        let error = client
            .chat()
            .completions()
            .create_stream(request)
            .await
            .unwrap_err();
        assert_eq!(error.field(), Some(field), "{error}");
    }
    assert_eq!(sandbox.total_counters().received, 0);
}

#[tokio::test]
async fn a_stream_delivers_the_same_reply_chunk_by_chunk() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let whole = client
        .chat()
        .completions()
        .create(hello(Model::BALANCED))
        .await
        .unwrap();
    let mut stream = client
        .chat()
        .completions()
        .create_stream(hello(Model::BALANCED))
        .await
        .unwrap();
    let header_id = stream.generation_id().unwrap().to_owned();
    let mut text = String::new();
    let mut chunks = 0;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.unwrap();
        assert_eq!(chunk.nexevo.generation_id.as_str(), header_id);
        chunks += 1;
        for choice in chunk.choices {
            text.push_str(choice.delta.content.as_deref().unwrap_or_default());
        }
    }
    assert!(chunks > 2);
    assert_eq!(Some(text.as_str()), whole.content());

    let collected = client
        .chat()
        .completions()
        .create_stream(hello(Model::BALANCED))
        .await
        .unwrap()
        .collect_message()
        .await
        .unwrap();
    assert_eq!(Some(collected.content.as_str()), whole.content());
    assert_eq!(collected.finish_reason, Some(FinishReason::Stop));
    assert_eq!(collected.cost_usd, Some(whole.cost_usd()));
    assert!(collected.generation_id.starts_with("gen_"));
    assert!(collected.usage.is_some());
}

#[tokio::test]
async fn a_streamed_tool_call_is_merged_from_its_fragments() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let request = ChatRequest::new(Model::FAST)
        .user("Weather in Paris, please")
        .function(
            "get_weather",
            "Current weather.",
            serde_json::json!({ "type": "object" }),
        )
        .tool_choice(ToolChoiceMode::Required);
    let whole = client
        .chat()
        .completions()
        .create(request.clone())
        .await
        .unwrap();
    let collected = client
        .chat()
        .completions()
        .create_stream(request)
        .await
        .unwrap()
        .collect_message()
        .await
        .unwrap();
    assert_eq!(collected.tool_calls.len(), 1);
    assert_eq!(collected.tool_calls[0].function.name, "get_weather");
    assert_eq!(
        collected.tool_calls[0].function.arguments,
        whole.tool_calls()[0].function.arguments
    );
    assert_eq!(collected.finish_reason, Some(FinishReason::ToolCalls));
}

async fn stream_error(
    sandbox: &nexevo_sandbox::Sandbox,
    client: &nexevo::Client,
    fault: Fault,
) -> (u64, Error) {
    sandbox
        .faults()
        .push(FaultRule::new(fault).on("create_chat_completion").once());
    let mut stream = client
        .chat()
        .completions()
        .create_stream(hello(Model::FAST))
        .await
        .unwrap();
    let mut chunks = 0;
    loop {
        match stream.next().await {
            Some(Ok(_)) => chunks += 1,
            Some(Err(error)) => {
                assert!(
                    stream.next().await.is_none(),
                    "an error is the stream's last item"
                );
                return (chunks, error);
            }
            None => panic!("the stream ended silently after {chunks} chunks"),
        }
    }
}

#[tokio::test]
async fn a_stream_cut_before_done_ends_with_a_truncation_error() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let (chunks, error) = stream_error(
        &sandbox,
        &client,
        Fault::StreamCutBeforeDone { after_chunks: 3 },
    )
    .await;
    assert_eq!(chunks, 3);
    assert!(
        matches!(error, Error::Stream(StreamError::Truncated { chunks: 3 })),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_malformed_chunk_ends_the_stream_with_a_decode_error() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let (chunks, error) = stream_error(
        &sandbox,
        &client,
        Fault::StreamMalformedChunk { after_chunks: 2 },
    )
    .await;
    assert_eq!(chunks, 2);
    assert!(
        matches!(error, Error::Stream(StreamError::Decode(_))),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_error_event_mid_stream_carries_the_servers_code() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let fault = Fault::StreamErrorEvent {
        after_chunks: 2,
        code: "service_unavailable".into(),
    };
    let (chunks, error) = stream_error(&sandbox, &client, fault).await;
    assert_eq!(chunks, 2);
    assert_eq!(error.code(), Some(&ErrorCode::ServiceUnavailable));
    assert!(error.request_id().is_some_and(|id| id.starts_with("req_")));
}

#[tokio::test]
async fn a_connection_reset_mid_stream_is_an_error_and_is_not_resumed() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let (chunks, error) =
        stream_error(&sandbox, &client, Fault::StreamReset { after_chunks: 2 }).await;
    assert_eq!(chunks, 2);
    assert!(
        matches!(error, Error::Stream(StreamError::Connection(_))),
        "{error:?}"
    );
    assert_eq!(
        sandbox.counters("create_chat_completion").received,
        1,
        "not resumed or retried"
    );
}

#[tokio::test]
async fn silence_longer_than_the_idle_timeout_ends_the_stream_but_a_slow_stream_is_never_cut() {
    let (sandbox, builder) = sandbox().await;
    let impatient = build(builder.stream_idle_timeout(Duration::from_millis(100)));
    let (_, error) = stream_error(
        &sandbox,
        &impatient,
        Fault::SlowChunks(Duration::from_millis(300)),
    )
    .await;
    assert!(
        matches!(error, Error::Stream(StreamError::IdleTimeout(_))),
        "{error:?}"
    );
    assert!(error.is_timeout());

    // Each chunk within the idle timeout: the stream runs longer than the idle timeout itself
    // (so the silence clock must restart with every chunk) and longer than the attempt timeout
    // (which bounds a stream only until its head), and completes.
    let idle = Duration::from_millis(300);
    let patient = build(
        builder_for(&sandbox, sandbox.demo().api_key.expose())
            .attempt_timeout(Duration::from_millis(200))
            .stream_idle_timeout(idle),
    );
    sandbox.faults().push(
        FaultRule::new(Fault::SlowChunks(Duration::from_millis(60)))
            .on("create_chat_completion")
            .once(),
    );
    let words = "one two three four five six seven eight nine ten";
    let started = std::time::Instant::now();
    let message = patient
        .chat()
        .completions()
        .create_stream(ChatRequest::new(Model::FAST).user(words))
        .await
        .unwrap()
        .collect_message()
        .await
        .unwrap();
    assert!(started.elapsed() > idle, "{:?}", started.elapsed());
    assert_eq!(message.content, format!("Echo from nexevo/fast: {words}"));
}

#[tokio::test]
async fn an_error_status_is_an_error_of_the_call_and_failures_before_the_stream_are_retried() {
    let (sandbox, builder) = sandbox().await;
    // Three faults before the stream, so four attempts.
    let client = build(builder.retry_policy(nexevo_e2e::fast_retries().max_retries(3)));
    sandbox.faults().push(
        FaultRule::new(Fault::Status(503))
            .on("create_chat_completion")
            .once(),
    );
    sandbox.faults().push(
        FaultRule::new(Fault::RateLimited {
            retry_after_seconds: 0,
        })
        .on("create_chat_completion")
        .once(),
    );
    sandbox.faults().push(
        FaultRule::new(Fault::ResetBeforeHandling)
            .on("create_chat_completion")
            .once(),
    );
    let message = client
        .chat()
        .completions()
        .create_stream(hello(Model::FAST))
        .await
        .unwrap()
        .collect_message()
        .await
        .unwrap();
    assert!(!message.content.is_empty());
    let counters = sandbox.counters("create_chat_completion");
    assert_eq!((counters.received, counters.applied), (4, 1));

    // A spend cap: a 402 from the call itself, never a stream, and not retried.
    let capped = client
        .keys()
        .create("capped")
        .monthly_spend_cap(dec!(0.000001))
        .await
        .unwrap();
    let as_capped = build(builder_for(&sandbox, capped.full_key.expose()));
    as_capped
        .chat()
        .completions()
        .create(hello(Model::FAST))
        .await
        .unwrap();
    let before = sandbox.counters("create_chat_completion").received;
    let error = as_capped
        .chat()
        .completions()
        .create_stream(hello(Model::FAST))
        .await
        .unwrap_err();
    assert_eq!(
        (error.status(), error.code()),
        (Some(402), Some(&ErrorCode::SpendCapExceeded))
    );
    assert_eq!(
        sandbox.counters("create_chat_completion").received,
        before + 1
    );
}

#[tokio::test]
async fn dropping_a_stream_closes_its_connection() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    sandbox.faults().push(
        FaultRule::new(Fault::SlowChunks(Duration::from_millis(50)))
            .on("create_chat_completion")
            .once(),
    );
    let mut stream = client
        .chat()
        .completions()
        .create_stream(hello(Model::FAST))
        .await
        .unwrap();
    stream.next().await.unwrap().unwrap();
    drop(stream);
    // The half-read connection cannot go back to the pool: the next call opens another.
    client.billing().balance().await.unwrap();
    assert_eq!(sandbox.connections_accepted(), 2);
}

#[test]
fn a_completion_stream_parses_the_same_however_its_bytes_are_split() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let chunk = |text: &str| {
        format!(
            "data: {{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{}}}}}],\"nexevo\":{{\"generation_id\":\"gen_1\",\"tier\":\"fast\"}}}}\r\n\r\n",
            serde_json::to_string(text).unwrap()
        )
    };
    let body = format!(
        ": keep-alive\n\n{}{}{}data: [DONE]\n\n",
        chunk("héllo"),
        chunk(" wörld"),
        chunk(" 中文")
    );
    let bytes = body.into_bytes();
    let read = |pieces: Vec<Vec<u8>>| {
        runtime.block_on(async {
            let stream =
                futures_util::stream::iter(pieces.into_iter().map(Ok::<_, std::io::Error>));
            let response = reqwest::Response::from(
                http::Response::builder()
                    .status(200)
                    .body(reqwest::Body::wrap_stream(stream))
                    .unwrap(),
            );
            nexevo_chat::__internals::stream_from_response(response, Duration::from_secs(5))
                .collect_message()
                .await
                .unwrap()
                .content
        })
    };
    let whole = read(vec![bytes.clone()]);
    assert_eq!(whole, "héllo wörld 中文");
    for split in 1..bytes.len() {
        assert_eq!(
            read(vec![bytes[..split].to_vec(), bytes[split..].to_vec()]),
            whole,
            "split at {split}"
        );
    }
    assert_eq!(
        read(bytes.iter().map(|b| vec![*b]).collect()),
        whole,
        "one byte per read"
    );
}

/// A server that answers every request with `events` as a `text/event-stream` body (closed
/// after it).
async fn event_stream_server(events: String) -> String {
    let (url, _) = nexevo_e2e::raw_server(move |_| {
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nx-request-id: req_sse\r\nconnection: close\r\n\r\n{events}"
        )
        .into_bytes()
    })
    .await;
    url
}

async fn stream_from(url: &str, max_event_bytes: usize) -> Vec<Result<ChatCompletionChunk, Error>> {
    let client = build(
        nexevo::Client::builder()
            .base_url(url)
            .api_key("nx-test")
            .retry_policy(nexevo::RetryPolicy::none()),
    );
    let stream = client
        .chat()
        .completions()
        .create_stream(ChatRequest::new(Model::FAST).user("Hi"))
        .max_event_bytes(max_event_bytes)
        .await
        .unwrap();
    stream.collect().await
}

#[tokio::test]
async fn events_of_other_names_are_skipped_as_the_sse_standard_says() {
    let body = format!(
        "{}event: ping\ndata: {{\"at\": 1}}\n\n{}event: message\n{}data: [DONE]\n\n",
        chunk_event("Hel"),
        chunk_event("lo"),
        chunk_event("!")
    );
    let items = stream_from(&event_stream_server(body).await, 64 * 1024).await;
    let texts: Vec<String> = items
        .into_iter()
        .map(|item| {
            item.unwrap().choices[0]
                .delta
                .content
                .clone()
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(texts, ["Hel", "lo", "!"]);
}

#[tokio::test]
async fn an_error_event_is_recognised_whatever_its_whitespace() {
    for error in [
        r#"{ "error" : {"code": "internal_error", "message": "boom", "request_id": "req_x"} }"#,
        "{\n\"error\":{\"code\":\"internal_error\",\"message\":\"boom\",\"request_id\":\"req_x\"}}",
    ] {
        let data: String = error
            .lines()
            .map(|line| format!("data: {line}\n"))
            .collect();
        let body = format!("{}{data}\n", chunk_event("Hi"));
        let items = stream_from(&event_stream_server(body).await, 64 * 1024).await;
        let [
            Ok(_),
            Err(Error::Stream(StreamError::Server {
                code,
                message,
                request_id,
            })),
        ] = items.as_slice()
        else {
            panic!("a chunk, then the server's error: {items:?}");
        };
        assert_eq!(*code, ErrorCode::InternalError);
        assert_eq!(message, "boom");
        assert_eq!(request_id.as_deref(), Some("req_x"));
    }
}

#[tokio::test]
async fn comment_lines_do_not_count_toward_an_events_size_cap() {
    let padding = ":".repeat(4096);
    let body = format!(
        "{padding}\n{}: {padding}\n{}data: [DONE]\n\n",
        chunk_event("Hi"),
        chunk_event("!")
    );
    let items = stream_from(&event_stream_server(body).await, 1024).await;
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items.iter().all(Result::is_ok), "{items:?}");
    // An event's own bytes still count.
    let big = chunk_event(&"x".repeat(2048));
    let items = stream_from(&event_stream_server(big).await, 1024).await;
    assert!(
        matches!(
            items.as_slice(),
            [Err(Error::Stream(StreamError::EventTooLarge {
                limit: 1024
            }))]
        ),
        "{items:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeat_of_a_stream_still_being_produced_waits_for_it_and_gets_its_replay() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    sandbox.faults().push(
        FaultRule::new(Fault::SlowChunks(Duration::from_millis(60)))
            .on("create_chat_completion")
            .once(),
    );
    let request = || {
        ChatRequest::new(Model::FAST)
            .user("Tell me a story.")
            .idempotency_key("one-story")
    };
    let first = client
        .chat()
        .completions()
        .create_stream(request())
        .await
        .unwrap();
    // The first stream is still being produced: the repeat is told to wait, waits, and then
    // reads the recorded stream.
    let repeat = client
        .chat()
        .completions()
        .create_stream(request())
        .max_retries(30)
        .await
        .unwrap();
    assert!(repeat.meta().attempts() >= 2, "it waited and asked again");
    assert_eq!(repeat.meta().header("idempotent-replayed"), Some("true"));
    let (first, repeat) = (
        first.collect_message().await.unwrap(),
        repeat.collect_message().await.unwrap(),
    );
    assert_eq!(first, repeat);
    assert_eq!(sandbox.counters("create_chat_completion").applied, 1);
}
