//! Per-call options over real HTTP against the sandbox: a call's timeout, retry policy and
//! attempts, extra headers and `Idempotency-Key` override the client's settings for that call
//! only, on generated and hand-written calls alike.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nexevo::billing::BillingExt;
use nexevo::chat::{ChatExt, ChatRequest, Model};
use nexevo::conversations::ConversationsExt;
use nexevo::keys::KeysExt;
use nexevo::{CallOptions, Error, Idempotent, RetryPolicy, StreamError, StreamOptions, TimeLimit};
use nexevo_e2e::{build, builder_for, sandbox};
use nexevo_sandbox::{Fault, FaultRule};
use rust_decimal_macros::dec;

/// The headers of each request as it leaves the SDK, before it is sent over HTTP.
#[derive(Debug, Clone, Default)]
struct Recorder {
    http: reqwest::Client,
    seen: Arc<Mutex<Vec<reqwest::header::HeaderMap>>>,
}

impl Recorder {
    fn headers(&self, name: &str) -> Vec<Option<String>> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|headers| {
                headers
                    .get(name)
                    .map(|v| v.to_str().unwrap_or_default().to_owned())
            })
            .collect()
    }
}

impl nexevo::RequestSender for Recorder {
    fn send(
        &self,
        request: reqwest::Request,
    ) -> nexevo::BoxFuture<reqwest::Result<reqwest::Response>> {
        self.seen.lock().unwrap().push(request.headers().clone());
        Box::pin(self.http.execute(request))
    }
}

async fn recorded() -> (nexevo_sandbox::Sandbox, nexevo::Client, Recorder) {
    let (sandbox, _) = sandbox().await;
    let recorder = Recorder::default();
    let key = sandbox.demo().api_key.expose().to_owned();
    let client = build(builder_for(&sandbox, &key).sender(recorder.clone()));
    (sandbox, client, recorder)
}

#[tokio::test]
async fn a_call_timeout_overrides_the_clients() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder.attempt_timeout(Duration::from_secs(30)));
    sandbox.faults().push(
        FaultRule::new(Fault::Delay(Duration::from_secs(3)))
            .on("get_balance")
            .once(),
    );
    let started = Instant::now();
    let error = client
        .billing()
        .balance()
        .attempt_timeout(Duration::from_millis(200))
        .max_retries(0)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout { attempts: 1, limit: TimeLimit::Attempt(limit) }
                if limit == Duration::from_millis(200)
        ),
        "{error:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the call's timeout bounded it"
    );
    // The next call has the client's timeout again.
    assert_eq!(
        client.billing().balance().await.unwrap().balance_usd,
        dec!(100.00)
    );
}

#[tokio::test]
async fn a_call_deadline_of_its_own_overrides_the_clients() {
    // The attempt may take 30 s; the call, 500 ms, whatever its retries.
    let (sandbox, builder) = sandbox().await;
    let client = build(
        builder
            .attempt_timeout(Duration::from_secs(30))
            .call_deadline(Duration::from_secs(60)),
    );
    sandbox.faults().push(
        FaultRule::new(Fault::Delay(Duration::from_secs(3)))
            .on("get_balance")
            .once(),
    );
    let started = Instant::now();
    let error = client
        .billing()
        .balance()
        .call_deadline(Duration::from_millis(500))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout { attempts: 1, limit: TimeLimit::CallDeadline(limit) }
                if limit == Duration::from_millis(500)
        ),
        "{error:?}"
    );
    assert!(error.is_timeout());
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the call's deadline bounded it"
    );
    // The next call has the client's limits again.
    assert_eq!(
        client.billing().balance().await.unwrap().balance_usd,
        dec!(100.00)
    );
}

#[tokio::test]
async fn a_stream_idle_timeout_of_its_own_overrides_the_clients() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder.stream_idle_timeout(Duration::from_secs(60)));
    sandbox.faults().push(
        FaultRule::new(Fault::SlowChunks(Duration::from_millis(600)))
            .on("create_chat_completion")
            .once(),
    );
    let started = Instant::now();
    let error = client
        .chat()
        .completions()
        .create_stream(ChatRequest::new(Model::FAST).user("slow"))
        .stream_idle_timeout(Duration::from_millis(150))
        .await
        .unwrap()
        .collect_message()
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Stream(StreamError::IdleTimeout(idle)) if idle == Duration::from_millis(150)
        ),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_call_retries_as_its_own_policy_says() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    sandbox
        .faults()
        .push(FaultRule::new(Fault::Status(503)).on("get_plan").times(2));
    let error = client
        .billing()
        .get_plan()
        .max_retries(0)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert_eq!(sandbox.counters("get_plan").received, 1, "one attempt");

    let error = client
        .billing()
        .get_plan()
        .retry_policy(RetryPolicy::none())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert_eq!(
        sandbox.counters("get_plan").received,
        2,
        "one attempt again"
    );

    // The client's policy (two retries) rides out a third 503.
    sandbox
        .faults()
        .push(FaultRule::new(Fault::Status(503)).on("get_plan").times(2));
    client.billing().get_plan().await.unwrap();
    assert_eq!(sandbox.counters("get_plan").received, 5);
}

#[tokio::test]
async fn extra_headers_are_sent_with_that_call_only() {
    let (_sandbox, client, recorder) = recorded().await;
    client
        .billing()
        .balance()
        .header("x-trace-id", "trace-42")
        .await
        .unwrap();
    client.billing().balance().await.unwrap();
    // A hand-written call takes them too.
    client
        .chat()
        .completions()
        .create(ChatRequest::new(Model::FAST).user("Hi"))
        .header("x-trace-id", "trace-43")
        .await
        .unwrap();
    assert_eq!(
        recorder.headers("x-trace-id"),
        [
            Some("trace-42".to_owned()),
            None,
            Some("trace-43".to_owned())
        ]
    );
}

#[tokio::test]
async fn a_header_with_a_setting_of_its_own_is_refused_before_sending() {
    let (sandbox, client, _) = recorded().await;
    for name in ["Authorization", "idempotency-key", "Content-Type"] {
        let error = client
            .billing()
            .balance()
            .header(name, "x")
            .await
            .unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{name}: {error:?}");
    }
    let error = client
        .billing()
        .balance()
        .header("not a header", "x")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");
    assert_eq!(sandbox.total_counters().received, 0);
}

#[tokio::test]
async fn every_call_but_a_get_carries_an_idempotency_key_the_same_on_each_attempt() {
    let (sandbox, client, recorder) = recorded().await;
    let key = client.keys().create("options").await.unwrap().key.key_id;
    let conversation = client.conversations().create().await.unwrap();
    sandbox.faults().push(
        FaultRule::new(Fault::Status(503))
            .on("update_spend_cap")
            .once(),
    );
    client
        .keys()
        .update_spend_cap(&key, dec!(5.00))
        .await
        .unwrap();
    client
        .conversations()
        .update(&conversation.conversation_id)
        .title("renamed")
        .idempotency_key("my-patch-key")
        .await
        .unwrap();
    client
        .conversations()
        .delete(&conversation.conversation_id)
        .await
        .unwrap();
    client.keys().get(&key).await.unwrap();

    let keys = recorder.headers("idempotency-key");
    let [
        create_key,
        create_conversation,
        put_first,
        put_retry,
        patch,
        delete,
        get,
    ] = keys.as_slice()
    else {
        panic!("seven requests: {keys:?}");
    };
    for key in [create_key, create_conversation, put_first, delete] {
        assert!(key.as_deref().is_some_and(|k| k.len() == 36), "{keys:?}");
    }
    assert_eq!(put_first, put_retry, "a retry reuses the key");
    assert_ne!(create_key, create_conversation, "each call has its own");
    assert_eq!(patch.as_deref(), Some("my-patch-key"));
    assert_eq!(*get, None, "a GET carries none");
}

/// A key reused with another request is the API's 409, not retried; the sandbox documents it
/// (a strict sandbox fails this test if the operation's responses do not list it).
#[tokio::test]
async fn a_key_reused_with_another_request_is_a_conflict() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let key_id = client.keys().create("k").await.unwrap().key.key_id;
    client
        .keys()
        .update_spend_cap(&key_id, dec!(5))
        .idempotency_key("cap-1")
        .await
        .unwrap();
    let error = client
        .keys()
        .update_spend_cap(&key_id, dec!(6))
        .idempotency_key("cap-1")
        .await
        .unwrap_err();
    let api = error.as_api().unwrap();
    assert_eq!(
        (api.status, api.code.to_string().as_str()),
        (409, "idempotency_conflict")
    );
    assert_eq!(
        sandbox.counters("update_spend_cap").received,
        2,
        "not retried"
    );
    assert!(sandbox.undocumented_answers().is_empty());
}
