//! Nothing is unbounded: every read of an answer's body ends within its time bound and its size
//! bound, against any server. The servers here misbehave in ways the sandbox cannot: a body
//! that stalls, never ends, or breaks off halfway.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use nexevo::billing::BillingExt;
use nexevo::chat::{ChatExt, ChatRequest, Model, StreamOptions};
use nexevo::conversations::ConversationsExt;
use nexevo::{Client, Error, RetryPolicy, TimeLimit};
use nexevo_e2e::{Step, chunk_event, fast_retries, scripted_server};

const BALANCE: &str = r#"{"balance_usd":"42.123456","currency":"USD","organization_id":null,"updated_at":"2026-04-27T09:30:00Z"}"#;
const CONVERSATION: &str = r#"{"conversation_id":"conv_0123456789abcdef","metadata":{},"message_count":0,"created_at":"2026-04-27T09:30:00Z","updated_at":"2026-04-27T09:30:00Z"}"#;

fn head(status: &str, extra: &str) -> Vec<u8> {
    format!("HTTP/1.1 {status}\r\ncontent-type: application/json\r\nx-request-id: req_bounded\r\n{extra}\r\n").into_bytes()
}

fn chunked_head(status: &str, content_type: &str) -> Vec<u8> {
    format!("HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\nx-request-id: req_bounded\r\ntransfer-encoding: chunked\r\n\r\n").into_bytes()
}

fn chunk(data: &str) -> Vec<u8> {
    format!("{:x}\r\n{data}\r\n", data.len()).into_bytes()
}

fn client(base_url: &str) -> nexevo::ClientBuilder {
    Client::builder()
        .base_url(base_url)
        .api_key("nx-test-bounded")
        .retry_policy(fast_retries())
}

fn stream_request() -> ChatRequest {
    ChatRequest::new(Model::FAST).user("hello")
}

/// Fails the test if `call` does not finish well within `bound`.
async fn within<T>(bound: Duration, call: impl std::future::IntoFuture<Output = T>) -> T {
    tokio::time::timeout(bound, call)
        .await
        .unwrap_or_else(|_| panic!("the call was still waiting after {bound:?}"))
}

#[tokio::test]
async fn a_streams_error_answer_whose_body_never_ends_is_bounded_by_the_idle_timeout() {
    let (url, seen) = scripted_server(|_, _| {
        vec![
            Step::Write(chunked_head("402 Payment Required", "application/json")),
            Step::Write(chunk(r#"{"error":{"code":"insufficient_balance","#)),
            Step::Hang,
        ]
    })
    .await;
    let client = client(&url)
        .stream_idle_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let started = Instant::now();
    let error = within(
        Duration::from_secs(10),
        client.chat().completions().create_stream(stream_request()),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout { attempts: 1, limit: TimeLimit::StreamIdle(idle) }
                if idle == Duration::from_millis(300)
        ),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(seen.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_streams_head_is_bounded_by_the_attempt_timeout_not_the_idle_timeout() {
    // The head comes after 600 ms: later than the 200 ms idle timeout, which bounds silences
    // once the stream has begun, and within the attempt's 3 s.
    let (url, _) = scripted_server(|_, _| {
        vec![
            Step::Sleep(Duration::from_millis(600)),
            Step::Write(chunked_head("200 OK", "text/event-stream")),
            Step::Write(chunk(&chunk_event("late but fine"))),
            Step::Write(chunk("data: [DONE]\n\n")),
            Step::Write(b"0\r\n\r\n".to_vec()),
        ]
    })
    .await;
    let patient = client(&url)
        .attempt_timeout(Duration::from_secs(3))
        .stream_idle_timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let stream = within(
        Duration::from_secs(10),
        patient.chat().completions().create_stream(stream_request()),
    )
    .await
    .unwrap();
    let message = within(Duration::from_secs(10), stream.collect_message())
        .await
        .unwrap();
    assert_eq!(message.content, "late but fine");

    // A head that never comes ends the call at the attempt timeout.
    let (url, seen) = scripted_server(|_, _| vec![Step::Hang]).await;
    let impatient = client(&url)
        .attempt_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = within(
        Duration::from_secs(10),
        impatient
            .chat()
            .completions()
            .create_stream(stream_request()),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout { attempts: 1, limit: TimeLimit::Attempt(limit) }
                if limit == Duration::from_millis(300)
        ),
        "{error:?}"
    );
    assert_eq!(seen.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_call_deadline_bounds_a_stream_until_its_head_and_its_error_body() {
    // No head, attempt after attempt; then an error answer whose body never ends, read within
    // a 60 s idle timeout: the 700 ms deadline ends both.
    let deadline = Duration::from_millis(700);
    for hang_before_head in [true, false] {
        let (url, seen) = scripted_server(move |_, _| {
            if hang_before_head {
                vec![Step::Hang]
            } else {
                vec![
                    Step::Write(chunked_head("402 Payment Required", "application/json")),
                    Step::Write(chunk(r#"{"error":{"code":"insufficient_balance","#)),
                    Step::Hang,
                ]
            }
        })
        .await;
        let client = client(&url)
            .attempt_timeout(Duration::from_millis(300))
            .stream_idle_timeout(Duration::from_secs(60))
            .call_deadline(deadline)
            .retry_policy(fast_retries().max_retries(10))
            .build()
            .unwrap();
        let started = Instant::now();
        let error = within(
            Duration::from_secs(10),
            client.chat().completions().create_stream(stream_request()),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(error, Error::Timeout { limit: TimeLimit::CallDeadline(limit), .. } if limit == deadline),
            "{error:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(3));
        let attempts = seen.load(Ordering::SeqCst);
        if hang_before_head {
            assert!((2..=3).contains(&attempts), "{attempts} attempts");
        } else {
            assert_eq!(attempts, 1, "a 402 is not retried");
        }
    }
}

#[tokio::test]
async fn a_reset_while_reading_a_gets_body_is_retried() {
    let (url, seen) = scripted_server(|attempt, _| {
        let length = format!("content-length: {}\r\n", BALANCE.len());
        if attempt == 0 {
            vec![
                Step::Write(head("200 OK", &length)),
                Step::Write(BALANCE.as_bytes()[..20].to_vec()),
                Step::Sleep(Duration::from_millis(50)),
                Step::Reset,
            ]
        } else {
            vec![Step::Write(
                [head("200 OK", &length), BALANCE.into()].concat(),
            )]
        }
    })
    .await;
    let client = client(&url).build().unwrap();
    let balance = within(Duration::from_secs(10), client.billing().balance())
        .await
        .unwrap();
    assert_eq!(balance.balance_usd.to_string(), "42.123456");
    assert_eq!(seen.load(Ordering::SeqCst), 2, "one retry");
}

#[tokio::test]
async fn a_timeout_while_reading_a_keyed_posts_body_is_retried() {
    let (url, seen) = scripted_server(|attempt, _| {
        let length = format!("content-length: {}\r\n", CONVERSATION.len());
        if attempt == 0 {
            vec![
                Step::Write(head("201 Created", &length)),
                Step::Write(CONVERSATION.as_bytes()[..20].to_vec()),
                Step::Hang,
            ]
        } else {
            vec![Step::Write(
                [head("201 Created", &length), CONVERSATION.into()].concat(),
            )]
        }
    })
    .await;
    let client = client(&url)
        .attempt_timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let conversation = within(Duration::from_secs(10), client.conversations().create())
        .await
        .unwrap();
    assert_eq!(
        conversation.conversation_id.to_string(),
        "conv_0123456789abcdef"
    );
    assert_eq!(seen.load(Ordering::SeqCst), 2, "one retry");
}

#[tokio::test]
async fn a_streams_error_answer_whose_body_is_endless_is_cut_at_the_error_limit() {
    let (url, _) = scripted_server(|_, _| {
        vec![
            Step::Write(chunked_head("402 Payment Required", "text/html")),
            Step::Repeat(chunk(&"<p>pay up</p>".repeat(300))),
        ]
    })
    .await;
    let client = client(&url)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = within(
        Duration::from_secs(10),
        client.chat().completions().create_stream(stream_request()),
    )
    .await
    .unwrap_err();
    match &error {
        Error::AnswerTooLarge {
            status: 402,
            limit,
            request_id,
        } => {
            assert_eq!(*limit, nexevo::BodyLimits::default().error);
            assert_eq!(request_id.as_deref(), Some("req_bounded"));
        }
        other => panic!("expected AnswerTooLarge, got {other:?}"),
    }
    assert_eq!(error.status(), Some(402));
}

#[tokio::test]
async fn an_answer_over_the_answer_limit_ends_the_call_unretried_whether_declared_or_not() {
    let limits = nexevo::BodyLimits {
        answer: 64,
        ..Default::default()
    };
    // Declared: refused before its body is read.
    let (declared, seen_declared) = scripted_server(|_, _| {
        let length = format!("content-length: {}\r\n", BALANCE.len());
        vec![Step::Write(
            [head("200 OK", &length), BALANCE.into()].concat(),
        )]
    })
    .await;
    // Chunked, and endless: cut at the limit.
    let (endless, seen_endless) = scripted_server(|_, _| {
        vec![
            Step::Write(chunked_head("200 OK", "application/json")),
            Step::Repeat(chunk(r#"{"balance_usd":"1","#)),
        ]
    })
    .await;
    for (url, seen) in [(declared, seen_declared), (endless, seen_endless)] {
        let client = client(&url).body_limits(limits).build().unwrap();
        let error = within(Duration::from_secs(10), client.billing().balance())
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                Error::AnswerTooLarge {
                    status: 200,
                    limit: 64,
                    ..
                }
            ),
            "{error:?}"
        );
        assert_eq!(error.request_id(), Some("req_bounded"));
        assert_eq!(seen.load(Ordering::SeqCst), 1, "not retried");
    }
    // Under the limit, the same answer reads.
    let (url, _) = scripted_server(|_, _| {
        let length = format!("content-length: {}\r\n", BALANCE.len());
        vec![Step::Write(
            [head("200 OK", &length), BALANCE.into()].concat(),
        )]
    })
    .await;
    let roomy = nexevo::BodyLimits {
        answer: BALANCE.len(),
        ..Default::default()
    };
    let client = client(&url).body_limits(roomy).build().unwrap();
    assert!(client.billing().balance().await.is_ok());
}

#[tokio::test]
async fn an_error_answer_over_the_error_limit_is_retried_by_its_status_then_reported() {
    let (url, seen) = scripted_server(|_, _| {
        let page = "<html>".repeat(2_000);
        let length = format!("content-length: {}\r\n", page.len());
        vec![Step::Write(
            [head("503 Service Unavailable", &length), page.into_bytes()].concat(),
        )]
    })
    .await;
    let limits = nexevo::BodyLimits {
        error: 1_000,
        ..Default::default()
    };
    let client = client(&url)
        .body_limits(limits)
        .retry_policy(fast_retries().max_retries(2))
        .build()
        .unwrap();
    let error = within(Duration::from_secs(10), client.billing().balance())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::AnswerTooLarge {
                status: 503,
                limit: 1_000,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(seen.load(Ordering::SeqCst), 3, "the 503 was retried");
}

/// A stream that pings every 150 ms for `pings` times, then completes.
async fn pinging_stream(pings: usize) -> String {
    let (url, _) = scripted_server(move |_, _| {
        let mut steps = vec![Step::Write(chunked_head("200 OK", "text/event-stream"))];
        for _ in 0..pings {
            steps.push(Step::Write(chunk(": thinking\n\n")));
            steps.push(Step::Sleep(Duration::from_millis(150)));
        }
        steps.push(Step::Write(chunk(&chunk_event("done"))));
        steps.push(Step::Write(chunk("data: [DONE]\n\n")));
        steps.push(Step::Write(b"0\r\n\r\n".to_vec()));
        steps
    })
    .await;
    url
}

#[tokio::test]
async fn keep_alive_comments_rearm_the_idle_timeout_and_streams_have_no_deadline_by_default() {
    // Ten pings over 1.5 s, with an idle timeout of 400 ms: alive all along.
    let url = pinging_stream(10).await;
    let client = client(&url)
        .stream_idle_timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let stream = client
        .chat()
        .completions()
        .create_stream(stream_request())
        .await
        .unwrap();
    let message = within(Duration::from_secs(10), stream.collect_message())
        .await
        .unwrap();
    assert_eq!(message.content, "done");
}

#[tokio::test]
async fn a_stream_deadline_bounds_a_server_that_only_sends_keep_alives() {
    // Pings for 30 s: only a deadline ends it.
    let url = pinging_stream(200).await;
    for per_call in [true, false] {
        let mut builder = client(&url).stream_idle_timeout(Duration::from_millis(400));
        if !per_call {
            builder = builder.stream_deadline(Duration::from_millis(700));
        }
        let client = builder.build().unwrap();
        let mut call = client.chat().completions().create_stream(stream_request());
        if per_call {
            call = call.stream_deadline(Duration::from_millis(700));
        }
        let started = Instant::now();
        let stream = call.await.unwrap();
        let error = within(Duration::from_secs(10), stream.collect_message())
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                Error::Stream(nexevo::StreamError::Deadline(d)) if d == Duration::from_millis(700)
            ),
            "{error:?}"
        );
        assert!(error.is_timeout());
        assert!(started.elapsed() < Duration::from_secs(3));
    }
}

#[tokio::test]
async fn collect_message_stops_at_its_size_limit() {
    let (sandbox, builder) = nexevo_e2e::sandbox().await;
    let client = builder.build().unwrap();
    let long = ChatRequest::new(Model::FAST).user("Tell me a long story about the sea.");
    let whole = client
        .chat()
        .completions()
        .create_stream(long.clone())
        .await
        .unwrap()
        .collect_message()
        .await
        .unwrap();
    assert!(whole.content.len() > 16, "{}", whole.content);
    let error = client
        .chat()
        .completions()
        .create_stream(long)
        .max_message_bytes(16)
        .await
        .unwrap()
        .collect_message()
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Stream(nexevo::StreamError::MessageTooLarge { limit: 16 })
        ),
        "{error:?}"
    );
    drop(sandbox);
}
