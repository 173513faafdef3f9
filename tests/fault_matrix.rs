//! The fault matrix of RELIABILITY.md: each fault the sandbox can inject, against a read
//! (`billing().balance()`), a create (`keys().create(..)`), a charge (`billing().checkout(..)`)
//! and a stream (`chat().completions().create_stream(..)`). The sandbox's `received`/`applied`
//! counters and the balance are the witnesses. One test per row; each cell says what it checks.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use nexevo::billing::BillingExt;
use nexevo::chat::{ChatExt, ChatRequest, ChatStream, Model};
use nexevo::keys::KeysExt;
use nexevo::{Client, Error, ErrorCode, Idempotent, RetryPolicy, StreamError, TimeLimit};
use nexevo_e2e::{build, builder_for, fast_retries, sandbox};
use nexevo_sandbox::{Counters, Fault, FaultRule, Sandbox};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const BALANCE: &str = "get_balance";
const CREATE_KEY: &str = "create_key";
const CHECKOUT: &str = "create_checkout";
const CHAT: &str = "create_chat_completion";

fn inject(sandbox: &Sandbox, operation: &str, fault: Fault, times: Option<u32>) {
    let rule = FaultRule::new(fault).on(operation);
    sandbox.faults().push(match times {
        Some(times) => rule.times(times),
        None => rule,
    });
}

fn request() -> ChatRequest {
    ChatRequest::new(Model::FAST).user("Hello, stream!")
}

async fn balance(client: &Client) -> Decimal {
    client.billing().balance().await.unwrap().balance_usd
}

/// The keys named `name` that exist.
async fn keys_named(client: &Client, name: &str) -> usize {
    client
        .keys()
        .list()
        .limit(100)
        .await
        .unwrap()
        .items
        .iter()
        .filter(|k| k.name == name)
        .count()
}

/// Reads a stream to its end: the chunks before the end, and the error it ended with, if any.
async fn drain(mut stream: ChatStream) -> (u64, Option<Error>) {
    let mut chunks = 0;
    while let Some(item) = stream.next().await {
        match item {
            Ok(_) => chunks += 1,
            Err(error) => {
                assert!(
                    stream.next().await.is_none(),
                    "an error item is the last item"
                );
                return (chunks, Some(error));
            }
        }
    }
    (chunks, None)
}

fn counters(sandbox: &Sandbox, operation: &str) -> (u64, u64) {
    let Counters { received, applied } = sandbox.counters(operation);
    (received, applied)
}

#[tokio::test]
async fn row_503_once_then_ok() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    for operation in [BALANCE, CREATE_KEY, CHECKOUT, CHAT] {
        inject(&sandbox, operation, Fault::Status(503), Some(1));
    }
    // balance: retried, Ok.
    assert_eq!(balance(&client).await, dec!(100.00));
    assert_eq!(counters(&sandbox, BALANCE).0, 2);
    // create: retried, Ok, applied once. (The 503 comes before the handler, so this row cannot
    // tell whether the key was reused: the reset-after row, where the first attempt was
    // applied, is the one that shows it.)
    client
        .keys()
        .create("row-503")
        .idempotency_key("row-503-key")
        .await
        .unwrap();
    assert_eq!(counters(&sandbox, CREATE_KEY), (2, 1));
    assert_eq!(keys_named(&client, "row-503").await, 1);
    // checkout: retried, Ok, credited once.
    client
        .billing()
        .checkout(dec!(10), "row-503")
        .await
        .unwrap();
    assert_eq!(counters(&sandbox, CHECKOUT), (2, 1));
    assert_eq!(balance(&client).await, dec!(110.00));
    // stream: retried before the stream starts, Ok.
    let (chunks, error) = drain(
        client
            .chat()
            .completions()
            .create_stream(request())
            .await
            .unwrap(),
    )
    .await;
    assert!(error.is_none() && chunks > 0);
    assert_eq!(counters(&sandbox, CHAT), (2, 1));
}

#[tokio::test]
async fn row_429_with_retry_after_1_once() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    for operation in [BALANCE, CREATE_KEY, CHECKOUT, CHAT] {
        inject(
            &sandbox,
            operation,
            Fault::RateLimited {
                retry_after_seconds: 1,
            },
            Some(1),
        );
    }
    let started = Instant::now();
    assert_eq!(balance(&client).await, dec!(100.00));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "balance waited {:?}",
        started.elapsed()
    );
    assert_eq!(counters(&sandbox, BALANCE).0, 2);

    let started = Instant::now();
    client.keys().create("row-429").await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(counters(&sandbox, CREATE_KEY), (2, 1));

    let started = Instant::now();
    client
        .billing()
        .checkout(dec!(10), "row-429")
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(counters(&sandbox, CHECKOUT), (2, 1));

    let started = Instant::now();
    let (_, error) = drain(
        client
            .chat()
            .completions()
            .create_stream(request())
            .await
            .unwrap(),
    )
    .await;
    assert!(error.is_none());
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(counters(&sandbox, CHAT), (2, 1));
    assert_eq!(
        balance(&client).await,
        dec!(110.00) - chat_costs(&client).await
    );
}

/// What the chat calls so far cost, from usage.
async fn chat_costs(client: &Client) -> Decimal {
    client
        .billing()
        .usage()
        .days(1)
        .await
        .unwrap()
        .by_tier
        .fast
        .cost_usd
}

#[tokio::test]
async fn row_reset_before_handled_once() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    for operation in [BALANCE, CREATE_KEY, CHECKOUT, CHAT] {
        inject(&sandbox, operation, Fault::ResetBeforeHandling, Some(1));
    }
    assert_eq!(balance(&client).await, dec!(100.00));
    assert_eq!(counters(&sandbox, BALANCE).0, 2);
    client.keys().create("row-reset-before").await.unwrap();
    assert_eq!(counters(&sandbox, CREATE_KEY), (2, 1));
    assert_eq!(keys_named(&client, "row-reset-before").await, 1);
    client
        .billing()
        .checkout(dec!(10), "row-reset-before")
        .await
        .unwrap();
    assert_eq!(counters(&sandbox, CHECKOUT), (2, 1));
    let (_, error) = drain(
        client
            .chat()
            .completions()
            .create_stream(request())
            .await
            .unwrap(),
    )
    .await;
    assert!(error.is_none());
    assert_eq!(counters(&sandbox, CHAT), (2, 1));
    assert_eq!(
        balance(&client).await,
        dec!(110.00) - chat_costs(&client).await
    );
}

#[tokio::test]
async fn row_reset_after_handled_once() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    for operation in [BALANCE, CREATE_KEY, CHECKOUT] {
        inject(&sandbox, operation, Fault::ResetAfterHandling, Some(1));
    }
    // balance: retried, Ok.
    assert_eq!(balance(&client).await, dec!(100.00));
    assert_eq!(counters(&sandbox, BALANCE).0, 2);
    // create: retried; the replayed answer is the first one (same key id and full key), and
    // the create was applied once.
    let created = client.keys().create("row-reset-after").await.unwrap();
    assert_eq!(counters(&sandbox, CREATE_KEY), (2, 1));
    let listed = client.keys().list().limit(100).await.unwrap().items;
    let only = listed
        .iter()
        .filter(|k| k.name == "row-reset-after")
        .collect::<Vec<_>>();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].key_id, created.key.key_id);
    build(builder_for(&sandbox, created.full_key.expose()))
        .billing()
        .balance()
        .await
        .unwrap();
    // checkout: retried, Ok, credited once.
    client
        .billing()
        .checkout(dec!(10), "row-reset-after")
        .await
        .unwrap();
    assert_eq!(counters(&sandbox, CHECKOUT), (2, 1));
    assert_eq!(balance(&client).await, dec!(110.00));
    // stream: the stream was produced and charged, its answer lost; the retry (same key and
    // body) gets the recorded stream replayed whole — the same generation, charged once.
    inject(&sandbox, CHAT, Fault::ResetAfterHandling, Some(1));
    let before = balance(&client).await;
    let stream = client
        .chat()
        .completions()
        .create_stream(request())
        .await
        .unwrap();
    assert_eq!(stream.meta().header("idempotent-replayed"), Some("true"));
    let generation = stream.generation_id().map(str::to_owned);
    let message = stream.collect_message().await.unwrap();
    assert_eq!(generation.as_deref(), Some(message.generation_id.as_str()));
    assert_eq!(
        message.finish_reason,
        Some(nexevo::chat::FinishReason::Stop)
    );
    let (received, applied) = counters(&sandbox, CHAT);
    assert!(received >= 2, "retried: received {received}");
    assert_eq!(applied, 1);
    assert_eq!(
        before - balance(&client).await,
        message.cost_usd.unwrap(),
        "charged once"
    );
}

#[tokio::test]
async fn row_delay_beyond_the_timeout_on_every_attempt() {
    let (sandbox, builder) = sandbox().await;
    let client = build(
        builder
            .attempt_timeout(Duration::from_millis(150))
            .stream_idle_timeout(Duration::from_millis(150))
            .retry_policy(fast_retries().max_retries(1)),
    );
    let delay = Fault::Delay(Duration::from_millis(600));
    for operation in [BALANCE, CREATE_KEY, CHECKOUT] {
        inject(&sandbox, operation, delay.clone(), None);
    }
    // balance: a timeout error after the configured attempts.
    let error = client.billing().balance().await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                attempts: 2,
                limit: TimeLimit::Attempt(_)
            }
        ),
        "{error:?}"
    );
    // create: a timeout error; applied at most once.
    let error = client.keys().create("row-delay").await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                attempts: 2,
                limit: TimeLimit::Attempt(_)
            }
        ),
        "{error:?}"
    );
    // checkout: a timeout error; credited at most once.
    let error = client
        .billing()
        .checkout(dec!(10), "row-delay")
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                attempts: 2,
                limit: TimeLimit::Attempt(_)
            }
        ),
        "{error:?}"
    );
    // Let the delayed handlers finish before counting what they applied.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    sandbox.faults().clear();
    assert!(counters(&sandbox, CREATE_KEY).1 <= 1);
    assert!(keys_named(&client, "row-delay").await <= 1);
    assert!(counters(&sandbox, CHECKOUT).1 <= 1);
    assert!(balance(&client).await <= dec!(110.00));
    // stream: silence beyond the idle timeout after the stream began is an idle-timeout item.
    inject(
        &sandbox,
        CHAT,
        Fault::SlowChunks(Duration::from_millis(600)),
        Some(1),
    );
    let (_, error) = drain(
        client
            .chat()
            .completions()
            .create_stream(request())
            .await
            .unwrap(),
    )
    .await;
    assert!(
        matches!(error, Some(Error::Stream(StreamError::IdleTimeout(_)))),
        "{error:?}"
    );
}

#[tokio::test]
async fn row_503_on_every_attempt() {
    let (sandbox, builder) = sandbox().await;
    let policy = RetryPolicy::default()
        .max_retries(2)
        .initial_backoff(Duration::from_millis(40));
    let client = build(builder.retry_policy(policy));
    for operation in [BALANCE, CREATE_KEY, CHECKOUT, CHAT] {
        inject(&sandbox, operation, Fault::Status(503), None);
    }
    let check = |error: Error, started: Instant| {
        let api = error
            .as_api()
            .unwrap_or_else(|| panic!("an API error: {error:?}"));
        assert_eq!((api.status, api.attempts), (503, 3));
        assert!(error.request_id().is_some());
        // Backoff observed: two waits of at least 20 ms and 40 ms.
        assert!(
            started.elapsed() >= Duration::from_millis(60),
            "{:?}",
            started.elapsed()
        );
    };
    let started = Instant::now();
    check(client.billing().balance().await.unwrap_err(), started);
    assert_eq!(counters(&sandbox, BALANCE).0, 3);
    let started = Instant::now();
    check(
        client.keys().create("row-503-all").await.unwrap_err(),
        started,
    );
    assert_eq!(counters(&sandbox, CREATE_KEY), (3, 0), "applied 0 times");
    let started = Instant::now();
    check(
        client
            .billing()
            .checkout(dec!(10), "row-503-all")
            .await
            .unwrap_err(),
        started,
    );
    assert_eq!(counters(&sandbox, CHECKOUT), (3, 0), "credited 0 times");
    let started = Instant::now();
    check(
        client
            .chat()
            .completions()
            .create_stream(request())
            .await
            .unwrap_err(),
        started,
    );
    assert_eq!(counters(&sandbox, CHAT), (3, 0));
    sandbox.faults().clear();
    assert_eq!(balance(&client).await, dec!(100.00));
}

#[tokio::test]
async fn row_malformed_body_or_chunk() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    for operation in [BALANCE, CREATE_KEY, CHECKOUT] {
        inject(&sandbox, operation, Fault::MalformedBody, Some(1));
    }
    let decode = |error: Error| {
        assert!(
            matches!(
                error,
                Error::Decode {
                    status: 200 | 201,
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(
            error.request_id().is_some(),
            "a decode error names the request"
        );
    };
    decode(client.billing().balance().await.unwrap_err());
    assert_eq!(counters(&sandbox, BALANCE).0, 1, "not retried");
    decode(client.keys().create("row-malformed").await.unwrap_err());
    assert_eq!(counters(&sandbox, CREATE_KEY).0, 1, "not retried");
    decode(
        client
            .billing()
            .checkout(dec!(10), "row-malformed")
            .await
            .unwrap_err(),
    );
    assert_eq!(counters(&sandbox, CHECKOUT).0, 1, "not retried");
    inject(
        &sandbox,
        CHAT,
        Fault::StreamMalformedChunk { after_chunks: 2 },
        Some(1),
    );
    let (chunks, error) = drain(
        client
            .chat()
            .completions()
            .create_stream(request())
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(chunks, 2);
    assert!(
        matches!(error, Some(Error::Stream(StreamError::Decode(_)))),
        "{error:?}"
    );
}

#[tokio::test]
async fn row_stream_cut_before_done() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    inject(
        &sandbox,
        CHAT,
        Fault::StreamCutBeforeDone { after_chunks: 4 },
        Some(1),
    );
    let (chunks, error) = drain(
        client
            .chat()
            .completions()
            .create_stream(request())
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(chunks, 4, "the chunks before the cut arrive");
    assert!(
        matches!(
            error,
            Some(Error::Stream(StreamError::Truncated { chunks: 4 }))
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn row_error_event_mid_stream() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    inject(
        &sandbox,
        CHAT,
        Fault::StreamErrorEvent {
            after_chunks: 1,
            code: "internal_error".into(),
        },
        Some(1),
    );
    let (chunks, error) = drain(
        client
            .chat()
            .completions()
            .create_stream(request())
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(chunks, 1);
    let error = error.expect("an error item");
    assert_eq!(error.code(), Some(&ErrorCode::InternalError));
    assert!(error.request_id().is_some());
}

#[tokio::test]
async fn row_spend_cap_exceeded() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let capped = client
        .keys()
        .create("row-402")
        .monthly_spend_cap(dec!(0.000001))
        .await
        .unwrap();
    let as_capped = build(builder_for(&sandbox, capped.full_key.expose()));
    let (_, error) = drain(
        as_capped
            .chat()
            .completions()
            .create_stream(request())
            .await
            .unwrap(),
    )
    .await;
    assert!(error.is_none(), "the first call is under the cap");
    let before = counters(&sandbox, CHAT).0;
    let error = as_capped
        .chat()
        .completions()
        .create_stream(request())
        .await
        .unwrap_err();
    assert_eq!(
        (error.status(), error.code()),
        (Some(402), Some(&ErrorCode::SpendCapExceeded))
    );
    assert_eq!(
        counters(&sandbox, CHAT).0,
        before + 1,
        "received = 1: not retried"
    );
}
