//! The shared core, end to end against the sandbox: retries and what they never repeat,
//! timeouts, idempotency keys, the error type, response metadata, pagination, organization
//! context, secrets kept out of Debug and logs, and futures that are `Send + 'static`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)] // a test reports by panicking

use std::future::IntoFuture;
use std::time::{Duration, Instant};

use futures_util::TryStreamExt;
use nexevo::auth::AuthExt;
use nexevo::billing::BillingExt;
use nexevo::keys::KeysExt;
use nexevo::orgs::OrganizationsExt;
use nexevo::prelude::*;
use nexevo::{Client, Error, ErrorCode, RetryPolicy, TimeLimit};
use nexevo_api::types::{ChatCompletionRequest, ChatMessage, MessageRole};
use nexevo_core::__private;
use nexevo_e2e::{build, builder_for, fast_retries, sandbox};
use nexevo_sandbox::{Fault, FaultRule};
use rust_decimal_macros::dec;

#[tokio::test]
async fn a_rate_limited_call_waits_for_retry_after_then_succeeds() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    sandbox.faults().push(
        FaultRule::new(Fault::RateLimited {
            retry_after_seconds: 1,
        })
        .on("get_balance")
        .once(),
    );
    let started = Instant::now();
    let (balance, meta) = client
        .billing()
        .balance()
        .with_meta()
        .await
        .unwrap()
        .into_parts();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(balance.balance_usd.to_string(), "100.00");
    assert_eq!(meta.attempts(), 2);
    assert_eq!(sandbox.counters("get_balance").received, 2);
}

#[tokio::test]
async fn a_retry_after_longer_than_the_policy_waits_for_ends_the_call_at_once() {
    let (sandbox, builder) = sandbox().await;
    let client =
        build(builder.retry_policy(fast_retries().max_retry_after(Duration::from_millis(50))));
    sandbox.faults().push(
        FaultRule::new(Fault::RateLimited {
            retry_after_seconds: 30,
        })
        .on("get_balance")
        .once(),
    );
    let started = Instant::now();
    let error = client.billing().balance().await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "did not wait: {:?}",
        started.elapsed()
    );
    let api = error.as_api().unwrap();
    assert_eq!(api.status, 429);
    assert_eq!(api.retry_after, Some(Duration::from_secs(30)), "{error}");
    assert_eq!(sandbox.counters("get_balance").received, 1, "not retried");
}

/// `Retry-After` as fractional seconds or an HTTP date, and `retry-after-ms`, are each waited
/// for (a server answering 429 once, then the balance).
#[tokio::test]
async fn every_form_of_retry_after_is_honoured() {
    // The date is written when its server starts: two to three seconds ahead, in whole seconds.
    let in_three_seconds =
        || httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(3));
    for form in ["fractional seconds", "milliseconds", "an HTTP date"] {
        let (header, at_least) = match form {
            "fractional seconds" => ("retry-after: 0.6".to_owned(), Duration::from_millis(600)),
            "milliseconds" => ("retry-after-ms: 700".to_owned(), Duration::from_millis(700)),
            // At least a second: the date is whole seconds, and time passes before it is read.
            _ => (
                format!("retry-after: {}", in_three_seconds()),
                Duration::from_secs(1),
            ),
        };
        let answered = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = std::sync::Arc::clone(&answered);
        let rate_limit = header.clone();
        let (url, _) = nexevo_e2e::raw_server(move |_| {
            let body = if count.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
                let error = r#"{"error":{"code":"rate_limited","message":"slow down","request_id":"req_1"}}"#;
                format!(
                    "HTTP/1.1 429 Too Many Requests\r\n{rate_limit}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{error}",
                    error.len()
                )
            } else {
                let balance = r#"{"balance_usd":"100.00","currency":"USD","updated_at":"2026-04-27T09:30:00Z"}"#;
                format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{balance}",
                    balance.len()
                )
            };
            body.into_bytes()
        })
        .await;
        let client = build(
            Client::builder()
                .base_url(url)
                .api_key("nx-test")
                .retry_policy(fast_retries()),
        );
        let started = Instant::now();
        let balance = client.billing().balance().await.unwrap();
        assert_eq!(balance.balance_usd, dec!(100.00));
        assert!(
            started.elapsed() >= at_least,
            "{header}: waited only {:?}",
            started.elapsed()
        );
        assert!(started.elapsed() < Duration::from_secs(5), "{header}");
    }
}

#[tokio::test]
async fn every_retry_says_which_it_is_and_the_sandbox_records_it() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    sandbox.faults().push(
        FaultRule::new(Fault::Status(503))
            .on("get_balance")
            .times(2),
    );
    client.billing().balance().await.unwrap();
    assert_eq!(sandbox.counters("get_balance").received, 3);
    assert_eq!(
        sandbox.retry_counts("get_balance"),
        [1, 2],
        "the first attempt carries no X-Nexevo-Retry-Count; each retry its number"
    );
    client.billing().balance().await.unwrap();
    assert_eq!(
        sandbox.retry_counts("get_balance"),
        [1, 2],
        "a first attempt"
    );
}

#[tokio::test]
async fn server_errors_are_retried_with_backoff_then_reported_with_the_request_id() {
    let (sandbox, builder) = sandbox().await;
    let policy = RetryPolicy::default()
        .max_retries(2)
        .initial_backoff(Duration::from_millis(100));
    let client = build(builder.retry_policy(policy));

    sandbox
        .faults()
        .push(FaultRule::new(Fault::Status(503)).on("get_balance").once());
    client.billing().balance().await.unwrap();
    assert_eq!(sandbox.counters("get_balance").received, 2);

    sandbox
        .faults()
        .push(FaultRule::new(Fault::Status(503)).on("get_plan"));
    let started = Instant::now();
    let error = client.billing().get_plan().await.unwrap_err();
    // Two waits, each at least half its full backoff: 50 ms + 100 ms.
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "backoff not observed: {:?}",
        started.elapsed()
    );
    let api = error.as_api().expect("an API error");
    assert_eq!(api.status, 503);
    assert_eq!(api.code, ErrorCode::ServiceUnavailable);
    assert_eq!(api.attempts, 3);
    assert!(error.request_id().is_some_and(|id| id.starts_with("req_")));
    assert_eq!(sandbox.counters("get_plan").received, 3);
}

#[tokio::test]
async fn zero_retries_means_one_attempt() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder.retry_policy(RetryPolicy::none()));
    sandbox
        .faults()
        .push(FaultRule::new(Fault::Status(503)).on("get_balance").once());
    let error = client.billing().balance().await.unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert_eq!(sandbox.counters("get_balance").received, 1);
}

#[tokio::test]
async fn a_create_whose_answer_was_lost_is_retried_with_the_same_idempotency_key() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    sandbox.faults().push(
        FaultRule::new(Fault::ResetAfterHandling)
            .on("create_key")
            .once(),
    );
    let created = client.keys().create("lost-answer").await.unwrap();
    let counters = sandbox.counters("create_key");
    assert_eq!(
        (counters.received, counters.applied),
        (2, 1),
        "applied once, answered by replay"
    );
    let keys = client.keys().list().limit(100).await.unwrap();
    assert_eq!(
        keys.items
            .iter()
            .filter(|k| k.name == "lost-answer")
            .count(),
        1
    );
    // The replayed answer is the first one: the key it names authenticates with its secret.
    let as_new_key = build(builder_for(&sandbox, created.full_key.expose()));
    as_new_key.billing().balance().await.unwrap();
}

#[tokio::test]
async fn a_reset_before_handling_is_retried_and_applied_once() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    sandbox.faults().push(
        FaultRule::new(Fault::ResetBeforeHandling)
            .on("create_checkout")
            .once(),
    );
    client
        .billing()
        .checkout(dec!(5), "topup-reset-before")
        .await
        .unwrap();
    let counters = sandbox.counters("create_checkout");
    assert_eq!((counters.received, counters.applied), (2, 1));
    assert_eq!(
        client.billing().balance().await.unwrap().balance_usd,
        dec!(105.00)
    );
}

#[tokio::test]
async fn timeouts_are_per_attempt_and_reported_after_every_attempt() {
    let (sandbox, builder) = sandbox().await;
    let client = build(
        builder
            .attempt_timeout(Duration::from_millis(100))
            .retry_policy(fast_retries().max_retries(1)),
    );
    sandbox
        .faults()
        .push(FaultRule::new(Fault::Delay(Duration::from_millis(400))).on("get_balance"));
    let error = client.billing().balance().await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout { attempts: 2, limit: TimeLimit::Attempt(limit) }
                if limit == Duration::from_millis(100)
        ),
        "{error:?}"
    );
    assert!(error.is_timeout());
    sandbox.faults().clear();
    client.billing().balance().await.unwrap();
}

#[tokio::test]
async fn a_call_deadline_bounds_the_attempts_and_the_waits_between_them() {
    // Every attempt stalls past its 300 ms timeout; ten retries would take over 3 s. The
    // deadline passes during the third attempt (the waits between them are 10–40 ms).
    let (sandbox, builder) = sandbox().await;
    let deadline = Duration::from_millis(800);
    let client = build(
        builder
            .attempt_timeout(Duration::from_millis(300))
            .call_deadline(deadline)
            .retry_policy(fast_retries().max_retries(10)),
    );
    sandbox
        .faults()
        .push(FaultRule::new(Fault::Delay(Duration::from_secs(5))).on("get_balance"));
    let started = Instant::now();
    let error = client.billing().balance().await.unwrap_err();
    let elapsed = started.elapsed();
    let Error::Timeout { attempts, limit } = error else {
        panic!("{error:?}");
    };
    assert_eq!(limit, TimeLimit::CallDeadline(deadline), "{error}");
    assert!((2..=3).contains(&attempts), "{error}");
    assert_eq!(
        sandbox.counters("get_balance").received,
        u64::from(attempts)
    );
    assert!(elapsed < Duration::from_millis(2500), "{elapsed:?}");
    assert!(
        error.to_string().contains("the call's deadline of 800ms"),
        "{error}"
    );
}

#[tokio::test]
async fn a_wait_the_call_deadline_leaves_no_time_for_is_not_waited() {
    // A 429 asking for a second, again and again: with ten retries the call would last ten
    // seconds; with a 2.5 s deadline it makes the attempts that fit and ends with the answer.
    let (sandbox, builder) = sandbox().await;
    let client = build(
        builder
            .call_deadline(Duration::from_millis(2500))
            .retry_policy(fast_retries().max_retries(10)),
    );
    sandbox.faults().push(
        FaultRule::new(Fault::RateLimited {
            retry_after_seconds: 1,
        })
        .on("get_balance"),
    );
    let started = Instant::now();
    let error = client.billing().balance().await.unwrap_err();
    let elapsed = started.elapsed();
    let api = error.as_api().unwrap_or_else(|| panic!("{error:?}"));
    assert_eq!(api.status, 429, "{error}");
    assert!((2..=3).contains(&api.attempts), "{error}");
    assert_eq!(
        sandbox.counters("get_balance").received,
        u64::from(api.attempts)
    );
    assert!(elapsed < Duration::from_millis(2500), "{elapsed:?}");
    assert!(
        elapsed >= Duration::from_secs(1),
        "Retry-After was waited for"
    );
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = build(
        Client::builder()
            .base_url(format!("http://127.0.0.1:{port}"))
            .api_key("nx-live-nothing-listens")
            .retry_policy(fast_retries()),
    );
    let error = client.billing().balance().await.unwrap_err();
    assert!(
        matches!(error, Error::Connection { attempts: 3, .. }),
        "{error:?}"
    );
    assert!(error.request_id().is_none(), "no server answered");
}

#[tokio::test]
async fn an_undecodable_answer_is_a_decode_error_with_its_request_id_and_not_retried() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    sandbox.faults().push(
        FaultRule::new(Fault::MalformedBody)
            .on("get_balance")
            .once(),
    );
    let error = client.billing().balance().await.unwrap_err();
    assert!(
        matches!(error, Error::Decode { status: 200, .. }),
        "{error:?}"
    );
    assert!(error.request_id().is_some_and(|id| id.starts_with("req_")));
    assert_eq!(sandbox.counters("get_balance").received, 1);
}

#[tokio::test]
async fn client_errors_are_not_retried_and_carry_status_code_message_and_request_id() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let error = client.keys().get("key_doesnotexist").await.unwrap_err();
    let api = error.as_api().unwrap();
    assert_eq!((api.status, &api.code), (404, &ErrorCode::NotFound));
    assert!(!api.message.is_empty());
    assert!(
        api.request_id
            .as_deref()
            .is_some_and(|id| id.starts_with("req_"))
    );
    assert_eq!(sandbox.counters("get_key").received, 1);

    let stranger = build(builder_for(&sandbox, "nx-live-not-a-key"));
    let error = stranger.billing().balance().await.unwrap_err();
    assert_eq!(error.code(), Some(&ErrorCode::Unauthorized));
    assert_eq!(sandbox.counters("get_balance").received, 1);
}

#[tokio::test]
async fn a_spend_cap_refusal_is_never_retried() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let key = client
        .keys()
        .create("capped")
        .monthly_spend_cap(dec!(0.000001))
        .await
        .unwrap();
    let capped = build(builder_for(&sandbox, key.full_key.expose()));
    let chat = |client: Client| async move {
        let body = ChatCompletionRequest {
            model: "nexevo/fast".into(),
            messages: vec![ChatMessage {
                role: MessageRole::User,
                content: Some("Hello!".into()),
                name: None,
                tool_call_id: None,
                tool_calls: Vec::new(),
                refusal: None,
            }],
            frequency_penalty: None,
            max_tokens: None,
            presence_penalty: None,
            response_format: None,
            stop: Vec::new(),
            stream: false,
            temperature: None,
            tool_choice: None,
            tools: Vec::new(),
            top_p: None,
            user: None,
        };
        let key = __private::idempotency_key(None, nexevo_api::validate::params::idempotency_key)
            .unwrap();
        __private::call::<nexevo_api::types::ChatCompletion>(
            &client,
            &__private::RequestOptions::default(),
            "create_chat_completion",
            200,
            &|api| api.create_chat_completion_request(Some(&key), None, None, &body),
        )
        .await
    };
    chat(capped.clone()).await.unwrap();
    let before = sandbox.counters("create_chat_completion").received;
    let error = chat(capped.clone()).await.unwrap_err();
    assert_eq!(error.code(), Some(&ErrorCode::SpendCapExceeded));
    assert_eq!(error.status(), Some(402));
    assert_eq!(
        sandbox.counters("create_chat_completion").received,
        before + 1,
        "refused once, not retried"
    );
    // Account operations keep working with the capped key.
    capped.billing().balance().await.unwrap();
}

#[tokio::test]
async fn bad_arguments_are_refused_before_anything_is_sent() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let cases: Vec<(Error, &str)> = vec![
        (client.keys().create("").await.unwrap_err(), "name"),
        (
            client.keys().create("x".repeat(101)).await.unwrap_err(),
            "name",
        ),
        (
            client
                .keys()
                .update_alert_webhook("key_1", "http://insecure.example")
                .await
                .unwrap_err(),
            "url",
        ),
        (
            client.keys().get("not-a-key-id").await.unwrap_err(),
            "key_id",
        ),
        (client.keys().list().limit(0).await.unwrap_err(), "limit"),
        (client.billing().usage().days(91).await.unwrap_err(), "days"),
        (
            client.billing().checkout(dec!(0), "k").await.unwrap_err(),
            "amount_usd",
        ),
        (
            client
                .billing()
                .checkout(dec!(10000.01), "k")
                .await
                .unwrap_err(),
            "amount_usd",
        ),
        (
            client
                .billing()
                .checkout(dec!(1.005), "k")
                .await
                .unwrap_err(),
            "amount_usd",
        ),
        (
            client
                .billing()
                .checkout(dec!(1), "has space")
                .await
                .unwrap_err(),
            "idempotency_key",
        ),
        (client.organizations().create("").await.unwrap_err(), "name"),
        (
            client
                .organizations()
                .invite_member("org_1", "not-an-email", OrgRoleDev::get())
                .await
                .unwrap_err(),
            "email",
        ),
        (
            client.auth().update_profile("").await.unwrap_err(),
            "full_name",
        ),
        (
            client
                .auth()
                .change_password("old", "short")
                .await
                .unwrap_err(),
            "new_password",
        ),
        (
            client.auth().verify_two_fa("12345").await.unwrap_err(),
            "code",
        ),
    ];
    for (error, field) in cases {
        assert!(error.is_validation(), "{error:?}");
        assert_eq!(error.field(), Some(field), "{error}");
    }
    assert_eq!(
        sandbox.total_counters().received,
        0,
        "nothing reached the server"
    );
}

/// Role values for the table above.
struct OrgRoleDev;
impl OrgRoleDev {
    fn get() -> nexevo::orgs::OrgRole {
        nexevo::orgs::OrgRole::Developer
    }
}

#[tokio::test]
async fn a_successful_call_tells_its_request_id_and_rate_limit() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let response = client.billing().balance().with_meta().await.unwrap();
    let meta = response.meta();
    assert_eq!(meta.status(), 200);
    assert!(meta.request_id().is_some_and(|id| id.starts_with("req_")));
    let limit = meta.rate_limit().expect("rate-limit headers");
    assert!(limit.remaining < limit.limit);
    assert_eq!(meta.attempts(), 1);
    assert_eq!(response.currency, "USD", "derefs to the value");
}

#[tokio::test]
async fn lists_page_by_cursor_and_stream_every_item_once() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    for index in 0..24 {
        client
            .keys()
            .create(format!("key-{index:02}"))
            .await
            .unwrap();
    }
    let first = client.keys().list().limit(10).await.unwrap();
    assert_eq!(first.items.len(), 10);
    let second = client
        .keys()
        .list()
        .limit(10)
        .cursor(first.next_cursor.clone().unwrap())
        .await
        .unwrap();
    assert_eq!(second.items.len(), 10);
    assert!(
        first
            .items
            .iter()
            .all(|a| second.items.iter().all(|b| a.key_id != b.key_id))
    );

    let all: Vec<_> = client
        .keys()
        .list()
        .limit(7)
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 25, "24 created and the sandbox's own");
    let mut ids: Vec<_> = all.iter().map(|k| k.key_id.to_string()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 25, "no item twice");
}

#[tokio::test]
async fn an_organization_on_the_client_scopes_keys_and_billing() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let org = client
        .organizations()
        .create("Acme Inc")
        .await
        .unwrap()
        .organization
        .org_id;
    let as_org = client.with_organization(Some(org.as_str()));
    let key = as_org.keys().create("org-key").await.unwrap().key;
    assert_eq!(key.organization_id.as_deref(), Some(org.as_str()));
    assert_eq!(as_org.keys().list().await.unwrap().items.len(), 1);
    assert!(
        client
            .keys()
            .list()
            .await
            .unwrap()
            .items
            .iter()
            .all(|k| k.name != "org-key")
    );
    assert_eq!(
        as_org.billing().balance().await.unwrap().balance_usd,
        dec!(0)
    );
    assert_eq!(
        client.billing().balance().await.unwrap().balance_usd,
        dec!(100.00)
    );

    let strangers = client.with_organization(Some("org_notmine"));
    let error = strangers.billing().balance().await.unwrap_err();
    assert_eq!(error.status(), Some(403));

    let malformed = client.with_organization(Some("acme"));
    let error = malformed.billing().balance().await.unwrap_err();
    assert_eq!(error.field(), Some("Nexevo-Organization"));
}

#[tokio::test]
async fn a_session_from_a_login_is_a_client_sharing_the_settings() {
    let (sandbox, builder) = sandbox().await;
    let anonymous = build(builder_for(&sandbox, "unused").base_url(sandbox.base_url()));
    let session = anonymous
        .auth()
        .login(nexevo_sandbox::DEMO_EMAIL, nexevo_sandbox::DEMO_PASSWORD)
        .await
        .unwrap();
    let as_session = anonymous.auth().session_client(&session).unwrap();
    assert_eq!(
        as_session.auth().me().await.unwrap().email.as_str(),
        nexevo_sandbox::DEMO_EMAIL
    );
    drop(builder);
}

/// `Client::from_env` reads the real environment, which a test may only change in a process of
/// its own: this test runs [`from_env_child`] again with the variables set.
#[tokio::test(flavor = "multi_thread")]
async fn from_env_reads_the_key_the_base_url_and_the_organization() {
    let (sandbox, _) = sandbox().await;
    let base_url = sandbox.base_url().to_owned();
    // The child blocks this thread; the sandbox keeps serving on the runtime's other one.
    let run = move |key: Option<String>| {
        let base_url = base_url.clone();
        tokio::task::block_in_place(move || {
            let mut child = std::process::Command::new(std::env::current_exe().unwrap());
            child
                .args([
                    "core::from_env_child",
                    "--exact",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env("NEXEVO_E2E_CHILD", "1")
                .env("NEXEVO_BASE_URL", base_url)
                .env_remove("NEXEVO_ORGANIZATION");
            match key {
                Some(key) => child.env("NEXEVO_API_KEY", key),
                None => child.env_remove("NEXEVO_API_KEY"),
            };
            let output = child.output().unwrap();
            (
                output.status.success(),
                String::from_utf8_lossy(&output.stdout).into_owned(),
            )
        })
    };
    let (ok, output) = run(Some(sandbox.demo().api_key.expose().to_owned()));
    assert!(ok && output.contains("balance 100.00"), "{output}");
    let (ok, output) = run(None);
    assert!(
        ok && output.contains("refused: configuration: NEXEVO_API_KEY is not set"),
        "{output}"
    );
    assert_eq!(sandbox.counters("get_balance").received, 1);
}

#[tokio::test]
async fn from_env_child() {
    if std::env::var_os("NEXEVO_E2E_CHILD").is_none() {
        return; // only meaningful when run by the test above
    }
    match Client::from_env() {
        Ok(client) => {
            let balance = client.billing().balance().await.unwrap();
            println!("balance {}", balance.balance_usd);
        }
        Err(error) => println!("refused: {error}"),
    }
}

#[test]
fn a_client_is_cheap_to_share_and_its_futures_and_streams_are_send_and_static() {
    fn shareable<T: Clone + Send + Sync + 'static>() {}
    fn send_static<T: Send + 'static>(_: T) {}
    shareable::<Client>();
    let client = Client::builder().api_key("nx-live-x").build().unwrap();
    send_static(client.billing().balance().into_future());
    send_static(
        client
            .billing()
            .checkout(dec!(1), "k")
            .with_meta()
            .into_future(),
    );
    send_static(client.keys().create("k").into_future());
    send_static(client.keys().list().into_stream());
    send_static(client.organizations().list_members("org_1").into_stream());
    send_static(client.auth().me().into_future());
}

#[test]
fn secrets_never_show_in_debug() {
    let builder = Client::builder().api_key("nx-live-SENTINEL-KEY");
    assert!(!format!("{builder:?}").contains("SENTINEL"));
    let client = builder.build().unwrap();
    assert!(!format!("{client:?} {client:#?}").contains("SENTINEL"));
    let with_session = client.with_credential("nxs_SENTINEL_SESSION").unwrap();
    assert!(!format!("{with_session:?}").contains("SENTINEL"));
}

#[test]
fn a_base_url_that_is_not_http_is_refused() {
    for url in ["not a url", "ftp://example.com", "http://"] {
        let error = Client::builder().base_url(url).build().unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{url}: {error:?}");
    }
}

/// A bearer token over plain HTTP crosses the network readable by anyone on the path: the
/// client refuses a non-loopback `http://` base URL unless told it is on purpose. The host here
/// resolves to the sandbox on 127.0.0.1, so nothing leaves the machine either way.
#[tokio::test]
async fn plain_http_beyond_this_machine_needs_an_opt_in() {
    let sandbox = nexevo_sandbox::Sandbox::builder()
        .allow_host("gateway.example.test")
        .start()
        .await
        .unwrap();
    let port = reqwest::Url::parse(sandbox.base_url())
        .unwrap()
        .port()
        .unwrap();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .resolve(
            "gateway.example.test",
            std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        )
        .build()
        .unwrap();
    let remote = |url: &str| {
        Client::builder()
            .base_url(url)
            .api_key(sandbox.demo().api_key.expose())
            .http_client(http.clone())
    };
    let base_url = format!("http://gateway.example.test:{port}");
    let error = remote(&base_url).build().unwrap_err();
    assert!(
        matches!(&error, Error::InsecureBaseUrl { base_url: refused } if *refused == base_url),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("NEXEVO_ALLOW_INSECURE_HTTP"),
        "{error}"
    );
    assert_eq!(sandbox.total_counters().received, 0);

    let opted_in = build(remote(&base_url).allow_insecure_http(true));
    opted_in.billing().balance().await.unwrap();
    assert_eq!(sandbox.total_counters().received, 1, "sent when opted in");

    for loopback in [
        "http://localhost:1",
        "http://LOCALHOST.:1",
        "http://app.localhost:1",
        "http://127.0.0.2:1",
        "http://2130706433:1",
        "http://[::1]:1",
        "http://[::ffff:127.0.0.1]:1",
    ] {
        remote(loopback)
            .build()
            .unwrap_or_else(|e| panic!("{loopback}: {e}"));
    }
    for beyond in [
        "http://10.0.0.1",
        "http://169.254.169.254",
        "http://localhost.example.com",
        "http://[::ffff:10.0.0.1]",
        "http://[fe80::1]",
        "http://api.nexevo.ai",
    ] {
        let error = remote(beyond).build().unwrap_err();
        assert!(
            matches!(error, Error::InsecureBaseUrl { .. }),
            "{beyond}: {error:?}"
        );
    }
    remote("https://api.nexevo.ai").build().unwrap();
}

#[tokio::test]
async fn clones_share_one_connection_pool() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    for _ in 0..10 {
        let clone = client.clone();
        clone.billing().balance().await.unwrap();
        clone.keys().list().await.unwrap();
        client
            .with_organization(None)
            .billing()
            .get_plan()
            .await
            .unwrap();
    }
    assert_eq!(sandbox.total_counters().received, 30);
    assert_eq!(
        sandbox.connections_accepted(),
        1,
        "one pooled connection served every call"
    );
}

/// `nexevo-api`'s generated `async fn`s send with the low-level client's own `reqwest::Client`,
/// with no transport to supply: given the credential as that client's default header, a call
/// reaches the sandbox once and answers the decoded value.
#[tokio::test]
async fn the_low_level_client_sends_with_its_own_http_client() {
    use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};

    let (sandbox, _) = sandbox().await;
    let bearer = format!("Bearer {}", sandbox.demo().api_key.expose());
    let mut authorization = HeaderValue::from_str(&bearer).unwrap();
    authorization.set_sensitive(true);
    let http = reqwest::Client::builder()
        .default_headers(HeaderMap::from_iter([(AUTHORIZATION, authorization)]))
        .build()
        .unwrap();
    let api = nexevo_api::Client::new_with_client(sandbox.base_url(), http);
    let balance = api.get_balance(None).await.unwrap().into_inner();
    assert_eq!(balance.balance_usd.to_string(), "100.00");
    assert_eq!(sandbox.counters("get_balance").received, 1);
}

/// Each retry is told to `on_retry` before its wait, with the attempt that failed, its status
/// and the wait: the server's when it asked for one, else the policy's backoff.
#[tokio::test]
async fn each_retry_is_told_before_its_wait() {
    use std::sync::{Arc, Mutex};

    let (sandbox, builder) = sandbox().await;
    sandbox.faults().push(
        FaultRule::new(Fault::Status(503))
            .on("get_balance")
            .times(2),
    );
    sandbox.faults().push(
        FaultRule::new(Fault::RateLimited {
            retry_after_seconds: 1,
        })
        .on("get_plan")
        .times(1),
    );
    let notices = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&notices);
    let client = build(
        builder
            .retry_policy(fast_retries())
            .on_retry(move |notice| seen.lock().unwrap().push(notice.clone())),
    );
    client.billing().balance().await.unwrap();
    client.billing().get_plan().await.unwrap();
    let notices = notices.lock().unwrap().clone();
    let told: Vec<_> = notices
        .iter()
        .map(|n| (n.operation, n.attempt, n.status, n.server_asked))
        .collect();
    assert_eq!(
        told,
        [
            ("get_balance", 1, Some(503), false),
            ("get_balance", 2, Some(503), false),
            ("get_plan", 1, Some(429), true),
        ]
    );
    assert!(
        notices[..2]
            .iter()
            .all(|n| n.wait <= Duration::from_millis(100))
    );
    assert_eq!(notices[2].wait, Duration::from_secs(1));
}

/// A request by method and path is its operation: checked by its validators before sending,
/// keyed for idempotency, and answered as JSON; a path the spec does not know is refused.
#[tokio::test]
async fn a_request_by_method_and_path_is_the_operation_it_names() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let balance = client.request("GET", "/v1/billing/balance").await.unwrap();
    assert_eq!(balance["balance_usd"], "100.00", "{balance}");

    let create = || {
        client
            .request("POST", "/v1/keys")
            .header("Idempotency-Key", "raw-create-1")
            .json(serde_json::json!({"name": "raw"}))
    };
    let first = create().await.unwrap();
    let again = create().await.unwrap();
    assert_eq!(first["key"]["key_id"], again["key"]["key_id"]);
    assert_eq!(sandbox.counters("create_key").applied, 1);

    sandbox.reset_counters();
    let refused = client
        .request("POST", "/v1/keys")
        .json(serde_json::json!({"name": ""}))
        .await;
    assert!(matches!(refused, Err(Error::Validation(_))), "{refused:?}");
    let unknown = client.request("GET", "/v1/nowhere").await;
    assert!(
        matches!(unknown, Err(Error::UnknownOperation { .. })),
        "{unknown:?}"
    );
    assert_eq!(sandbox.total_counters().received, 0);
}

/// The trace of each exchange never shows a secret the request or answer carried; a dry run
/// shows the request and sends nothing.
#[tokio::test]
async fn the_http_trace_redacts_every_secret_and_a_dry_run_sends_nothing() {
    let (sandbox, builder) = sandbox().await;
    let key = sandbox.demo().api_key.expose().to_owned();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<nexevo::HttpEvent>::new()));
    let record = std::sync::Arc::clone(&seen);
    let client = build(builder.on_http(move |event| record.lock().unwrap().push(event.clone())));
    let created = client.keys().create("traced").await.unwrap();
    let full_key = created.full_key.expose().to_owned();
    let events = format!("{:?}", seen.lock().unwrap());
    assert!(events.contains("create_key"), "{events}");
    for secret in [key.as_str(), full_key.as_str()] {
        assert!(
            !events.contains(secret),
            "the trace shows a secret: {events}"
        );
    }

    sandbox.reset_counters();
    let shown = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let into = std::sync::Arc::clone(&shown);
    let dry = build(
        builder_for(&sandbox, &key)
            .dry_run(true)
            .on_http(move |event| {
                if let nexevo::HttpEvent::Request(request) = event {
                    *into.lock().unwrap() = request.curl();
                }
            }),
    );
    let outcome = dry.keys().create("dry").await;
    assert!(matches!(outcome, Err(Error::DryRun)), "{outcome:?}");
    assert_eq!(sandbox.total_counters().received, 0);
    let curl = shown.lock().unwrap().clone();
    assert!(
        curl.contains("$NEXEVO_API_KEY") && !curl.contains(&key),
        "{curl}"
    );
}
