//! The fault plan: 5xx, 429, delays, resets before and after handling, malformed bodies, broken streams, rate limits.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::time::{Duration, Instant};

use crate::common::*;

#[tokio::test]
async fn a_503_once_then_the_answer() {
    let (sandbox, api, key) = start().await;
    sandbox
        .faults()
        .push(FaultRule::new(Fault::Status(503)).on("get_balance").once());
    // Other operations are not affected.
    api.get("/v1/billing/plan")
        .token(&key)
        .send()
        .await
        .expect(200);
    let failed = api.get("/v1/billing/balance").token(&key).send().await;
    failed.expect_error(503, "service_unavailable");
    api.get("/v1/billing/balance")
        .token(&key)
        .send()
        .await
        .expect(200);
    assert_eq!(
        sandbox.counters("get_balance"),
        nexevo_sandbox::Counters {
            received: 2,
            applied: 0
        }
    );

    // Any 5xx; a failed POST applies nothing.
    sandbox
        .faults()
        .push(FaultRule::new(Fault::Status(500)).on("create_key").times(2));
    for _ in 0..2 {
        api.post("/v1/keys")
            .token(&key)
            .json(json!({ "name": "k" }))
            .send()
            .await
            .expect_error(500, "internal_error");
    }
    assert_eq!(sandbox.counters("create_key").applied, 0);
    api.post("/v1/keys")
        .token(&key)
        .json(json!({ "name": "k" }))
        .send()
        .await
        .expect(201);
    assert_eq!(sandbox.counters("create_key").applied, 1);
    sandbox
        .faults()
        .push(FaultRule::new(Fault::Status(502)).on("get_plan").once());
    api.get("/v1/billing/plan")
        .token(&key)
        .send()
        .await
        .expect_error(502, "internal_error");
}

#[tokio::test]
async fn a_429_with_retry_after() {
    let (sandbox, api, key) = start().await;
    sandbox.faults().push(
        FaultRule::new(Fault::RateLimited {
            retry_after_seconds: 7,
        })
        .on("get_balance")
        .once(),
    );
    let limited = api.get("/v1/billing/balance").token(&key).send().await;
    limited.expect_error(429, "rate_limited");
    assert_eq!(limited.header("retry-after"), Some("7"));
    api.get("/v1/billing/balance")
        .token(&key)
        .send()
        .await
        .expect(200);
}

#[tokio::test]
async fn a_delay_before_handling() {
    let (sandbox, api, key) = start().await;
    sandbox.faults().push(
        FaultRule::new(Fault::Delay(Duration::from_millis(200)))
            .on("get_balance")
            .once(),
    );
    let started = Instant::now();
    api.get("/v1/billing/balance")
        .token(&key)
        .send()
        .await
        .expect(200);
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert_eq!(sandbox.counters("get_balance").received, 1);
}

#[tokio::test]
async fn a_reset_before_handling_applies_nothing() {
    let (sandbox, api, key) = start().await;
    sandbox.faults().push(
        FaultRule::new(Fault::ResetBeforeHandling)
            .on("create_key")
            .once(),
    );
    let result = api
        .post("/v1/keys")
        .token(&key)
        .idem("create-1")
        .json(json!({ "name": "lost" }))
        .try_send()
        .await;
    assert!(result.is_err(), "the connection is reset: {result:?}");
    assert_eq!(
        sandbox.counters("create_key"),
        nexevo_sandbox::Counters {
            received: 1,
            applied: 0
        }
    );
    let keys = api.get("/v1/keys").token(&key).send().await;
    assert_eq!(keys.expect(200)["data"].as_array().unwrap().len(), 1);
    // The retry is the first time it is applied.
    api.post("/v1/keys")
        .token(&key)
        .idem("create-1")
        .json(json!({ "name": "lost" }))
        .send()
        .await
        .expect(201);
    assert_eq!(sandbox.counters("create_key").applied, 1);
}

#[tokio::test]
async fn a_reset_after_handling_is_applied_and_replayed_by_its_idempotency_key() {
    let (sandbox, api, key) = start().await;
    sandbox.faults().push(
        FaultRule::new(Fault::ResetAfterHandling)
            .on("create_key")
            .once(),
    );
    let body = json!({ "name": "answer-lost" });
    let result = api
        .post("/v1/keys")
        .token(&key)
        .idem("create-after-reset")
        .json(body.clone())
        .try_send()
        .await;
    assert!(result.is_err(), "the answer is lost: {result:?}");
    assert_eq!(
        sandbox.counters("create_key"),
        nexevo_sandbox::Counters {
            received: 1,
            applied: 1
        },
        "but the key was created"
    );
    let keys = api.get("/v1/keys").token(&key).send().await;
    let keys = keys.expect(200)["data"].as_array().unwrap().clone();
    assert_eq!(keys.len(), 2);
    let created_id = keys[0]["key_id"].clone();

    // The retry replays the lost answer: the same key, with its secret.
    let retry = api
        .post("/v1/keys")
        .token(&key)
        .idem("create-after-reset")
        .json(body.clone())
        .send()
        .await;
    let replayed = retry.expect(201).clone();
    assert_eq!(replayed["key"]["key_id"], created_id);
    let full_key = replayed["full_key"].as_str().unwrap().to_owned();
    assert!(full_key.starts_with(keys[0]["prefix"].as_str().unwrap()));
    let again = api
        .post("/v1/keys")
        .token(&key)
        .idem("create-after-reset")
        .json(body)
        .send()
        .await;
    assert_eq!(again.expect(201), &replayed);
    assert_eq!(
        sandbox.counters("create_key"),
        nexevo_sandbox::Counters {
            received: 3,
            applied: 1
        }
    );
    // The replayed secret is the key's.
    let me = api.get("/v1/keys").token(&full_key).send().await;
    assert_eq!(me.expect(200)["data"].as_array().unwrap().len(), 2);

    // Without an Idempotency-Key a retry makes a second key.
    sandbox.faults().push(
        FaultRule::new(Fault::ResetAfterHandling)
            .on("create_key")
            .once(),
    );
    let body = json!({ "name": "no-key" });
    assert!(
        api.post("/v1/keys")
            .token(&key)
            .json(body.clone())
            .try_send()
            .await
            .is_err()
    );
    api.post("/v1/keys")
        .token(&key)
        .json(body)
        .send()
        .await
        .expect(201);
    assert_eq!(sandbox.counters("create_key").applied, 3);
}

#[tokio::test]
async fn a_malformed_body() {
    let (sandbox, api, key) = start().await;
    sandbox.faults().push(
        FaultRule::new(Fault::MalformedBody)
            .on("get_balance")
            .once(),
    );
    let reply = api
        .get("/v1/billing/balance")
        .token(&key)
        .expect_malformed_body()
        .send()
        .await;
    assert_eq!(reply.status, 200);
    assert!(serde_json::from_str::<Value>(&reply.text).is_err());
    api.get("/v1/billing/balance")
        .token(&key)
        .send()
        .await
        .expect(200);
    // On a POST the change is applied; only the answer is garbled.
    sandbox.faults().push(
        FaultRule::new(Fault::MalformedBody)
            .on("create_conversation")
            .once(),
    );
    let reply = api
        .post("/v1/conversations")
        .token(&key)
        .json(json!({ "title": "garbled" }))
        .expect_malformed_body()
        .send()
        .await;
    assert_eq!(reply.status, 201);
    assert_eq!(sandbox.counters("create_conversation").applied, 1);
    let listed = api.get("/v1/conversations").token(&key).send().await;
    assert_eq!(listed.expect(200)["data"][0]["title"], json!("garbled"));
}

async fn stream_with(sandbox: &Sandbox, api: &Api, key: &str, fault: Fault) -> Reply {
    sandbox
        .faults()
        .push(FaultRule::new(fault).on("create_chat_completion").once());
    let reply = api
        .post("/v1/chat/completions")
        .token(key)
        .json(chat_request("hi", true))
        .send()
        .await;
    assert_eq!(reply.status, 200);
    reply
}

#[tokio::test]
async fn a_stream_cut_before_done() {
    let (sandbox, api, key) = start().await;
    // A stream fault waits for a streamed request.
    sandbox.faults().push(
        FaultRule::new(Fault::StreamCutBeforeDone { after_chunks: 2 })
            .on("create_chat_completion")
            .once(),
    );
    api.post("/v1/chat/completions")
        .token(&key)
        .json(chat_request("hi", false))
        .send()
        .await
        .expect(200);
    let reply = api
        .post("/v1/chat/completions")
        .token(&key)
        .json(chat_request("hi", true))
        .send()
        .await;
    let sse = reply.stream();
    assert_eq!(sse.chunks.len(), 2, "{:?}", sse.events);
    assert!(!sse.done, "no [DONE]");
    assert!(sse.broken_off.is_none(), "a clean end, just early");
    assert!(sse.chunks.iter().all(|c| c.get("usage").is_none()));
    // The next stream is whole again.
    let whole = api
        .post("/v1/chat/completions")
        .token(&key)
        .json(chat_request("hi", true))
        .send()
        .await;
    assert!(whole.stream().done);
}

#[tokio::test]
async fn a_malformed_chunk() {
    let (sandbox, api, key) = start().await;
    let reply = stream_with(
        &sandbox,
        &api,
        &key,
        Fault::StreamMalformedChunk { after_chunks: 3 },
    )
    .await;
    let sse = reply.stream();
    assert_eq!(sse.chunks.len(), 3);
    assert_eq!(sse.malformed.len(), 1, "{:?}", sse.events);
    assert!(!sse.done);
}

#[tokio::test]
async fn an_error_event_mid_stream() {
    let (sandbox, api, key) = start().await;
    let reply = stream_with(
        &sandbox,
        &api,
        &key,
        Fault::StreamErrorEvent {
            after_chunks: 2,
            code: "service_unavailable".into(),
        },
    )
    .await;
    let sse = reply.stream();
    assert_eq!(sse.chunks.len(), 2);
    assert_eq!(sse.errors.len(), 1, "{:?}", sse.events);
    let error = &sse.errors[0]["error"];
    assert_eq!(error["code"], json!("service_unavailable"));
    assert_eq!(
        error["request_id"].as_str(),
        reply.header("x-request-id"),
        "the error names the request"
    );
    assert_eq!(sse.events.last().unwrap().event.as_deref(), Some("error"));
    assert!(!sse.done);

    let reply = stream_with(
        &sandbox,
        &api,
        &key,
        Fault::StreamErrorEvent {
            after_chunks: 0,
            code: "internal_error".into(),
        },
    )
    .await;
    let sse = reply.stream();
    assert!(sse.chunks.is_empty());
    assert_eq!(sse.errors[0]["error"]["code"], json!("internal_error"));
}

#[tokio::test]
async fn a_stream_reset_mid_way() {
    let (sandbox, api, key) = start().await;
    let reply = stream_with(&sandbox, &api, &key, Fault::StreamReset { after_chunks: 2 }).await;
    let sse = reply.stream();
    assert!(
        sse.broken_off.is_some(),
        "the body breaks off: {:?}",
        sse.events
    );
    assert_eq!(sse.chunks.len(), 2, "the chunks before the reset arrive");
    assert!(!sse.done);
    // The server is fine afterwards.
    api.get("/v1/billing/balance")
        .token(&key)
        .send()
        .await
        .expect(200);
}

#[tokio::test]
async fn slow_chunks() {
    let (sandbox, api, key) = start().await;
    let whole = api
        .post("/v1/chat/completions")
        .token(&key)
        .json(chat_request("hi", true))
        .send()
        .await;
    let frames = whole.stream().events.len() as u32 + 1; // and the keep-alive comment
    let started = Instant::now();
    let reply = stream_with(
        &sandbox,
        &api,
        &key,
        Fault::SlowChunks(Duration::from_millis(25)),
    )
    .await;
    assert!(started.elapsed() >= Duration::from_millis(25) * frames);
    let sse = reply.stream();
    assert!(sse.done);
    assert_eq!(sse.content(), whole.stream().content());
}

#[tokio::test]
async fn every_operation_can_fail_with_a_5xx_or_a_429() {
    let (sandbox, api, _) = start().await;
    let ids = PathIds::default();
    for op in nexevo_api::OPERATIONS {
        let path = concrete_path(op, &ids);
        for (fault, status, code) in [
            (Fault::Status(503), 503, "service_unavailable"),
            (Fault::Status(500), 500, "internal_error"),
            (
                Fault::RateLimited {
                    retry_after_seconds: 2,
                },
                429,
                "rate_limited",
            ),
        ] {
            sandbox
                .faults()
                .push(FaultRule::new(fault).on(op.id).once());
            // The fault comes before anything is checked: no credentials or body needed.
            let reply = api.request(method_of(op), &path).send().await;
            assert_eq!(reply.operation.map(|o| o.id), Some(op.id));
            reply.expect_error(status, code);
        }
        assert_eq!(sandbox.counters(op.id).received, 3, "{}", op.id);
        assert_eq!(sandbox.counters(op.id).applied, 0, "{}", op.id);
    }
    assert_eq!(
        sandbox.total_counters().received,
        3 * nexevo_api::OPERATIONS.len() as u64
    );
    sandbox.reset_counters();
    assert_eq!(
        sandbox.total_counters(),
        nexevo_sandbox::Counters::default()
    );
}

#[tokio::test]
async fn a_rule_for_every_operation() {
    let (sandbox, api, key) = start().await;
    sandbox
        .faults()
        .push(FaultRule::new(Fault::Status(503)).times(2));
    api.get("/v1/billing/plan")
        .token(&key)
        .send()
        .await
        .expect_error(503, "service_unavailable");
    api.get("/v1/keys")
        .token(&key)
        .send()
        .await
        .expect_error(503, "service_unavailable");
    api.get("/v1/keys").token(&key).send().await.expect(200);

    // Until cleared.
    sandbox.faults().push(FaultRule::new(Fault::Status(503)));
    for _ in 0..3 {
        api.get("/v1/models")
            .token(&key)
            .send()
            .await
            .expect_error(503, "service_unavailable");
    }
    sandbox.faults().clear();
    api.get("/v1/models").token(&key).send().await.expect(200);
}

#[tokio::test]
async fn a_low_rate_limit_answers_429() {
    let sandbox = Sandbox::builder()
        .rate_limit(3, Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let (api, key) = client_of(&sandbox);
    for remaining in ["2", "1", "0"] {
        let reply = api.get("/v1/billing/balance").token(&key).send().await;
        reply.expect(200);
        assert_eq!(reply.header("x-ratelimit-limit"), Some("3"));
        assert_eq!(reply.header("x-ratelimit-remaining"), Some(remaining));
        let reset: u64 = reply.header("x-ratelimit-reset").unwrap().parse().unwrap();
        assert!(reset <= 60);
    }
    let limited = api.get("/v1/billing/balance").token(&key).send().await;
    limited.expect_error(429, "rate_limited");
    let retry_after: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after));
    assert_eq!(limited.header("x-ratelimit-remaining"), Some("0"));
    // Limited requests are not acted on.
    let limited = api
        .post("/v1/keys")
        .token(&key)
        .json(json!({ "name": "over" }))
        .send()
        .await;
    limited.expect_error(429, "rate_limited");
    assert_eq!(sandbox.counters("create_key").received, 0);
    // The limit is per credential.
    let other = account(&sandbox, dec!(1));
    api.get("/v1/billing/balance")
        .token(other.api_key.expose())
        .send()
        .await
        .expect(200);
}
