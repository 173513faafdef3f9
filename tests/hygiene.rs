//! Secrets never leak, and every attempt is traced. With everything traced at TRACE level
//! (ours and our dependencies'), a tour of every area runs with sentinel secrets of every kind —
//! an API key, a full key, a session token, passwords, a reset token, a provider key, a 2FA
//! secret and its otpauth URL — and then every public type holding one is formatted with `{:?}`
//! and `{}`, and every error with its whole source chain. None of the secrets may appear in any
//! of it. In a test binary of its own: the subscriber is process-wide.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::error::Error as _;
use std::sync::{Arc, Mutex, OnceLock};

use futures_util::StreamExt;
use nexevo::chat::{ChatRequest, Model};
use nexevo::conversations::MessageRole;
use nexevo::feedback::Rating;
use nexevo::orgs::OrgRole;
use nexevo::prelude::*;
use nexevo::{Client, Error};
use nexevo_e2e::{build, builder_for, fast_retries, sandbox, totp_code};
use nexevo_sandbox::{Fault, FaultRule};
use rust_decimal_macros::dec;

/// Everything any subscriber-visible code logged, at every level, since the first test began.
fn traces() -> Arc<Mutex<Vec<u8>>> {
    static BUFFER: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    Arc::clone(BUFFER.get_or_init(|| {
        #[derive(Clone)]
        struct Buffer(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Buffer {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(bytes);
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = Buffer(Arc::clone(&buffer));
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
        buffer
    }))
}

fn logged() -> String {
    String::from_utf8_lossy(&traces().lock().unwrap()).into_owned()
}

/// An error and every error under it, each with `{}` and `{:?}`.
fn with_sources(error: &Error) -> String {
    let mut text = format!("{error}\n{error:?}\n{error:#?}\n");
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!("{cause}\n{cause:?}\n"));
        source = cause.source();
    }
    text
}

#[tokio::test]
async fn every_attempt_is_a_span_with_its_outcome() {
    let _ = traces();
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    sandbox
        .faults()
        .push(FaultRule::new(Fault::Status(503)).on("get_balance").once());
    let answer = client.billing().balance().with_meta().await.unwrap();
    let request_id = answer.meta().request_id().unwrap().to_owned();
    let logs = logged();
    // The log is shared with the other tests of this binary: each span's closing line is found
    // by what only this test's attempts have (the other tests fault `get_balance` with other
    // statuses).
    let closed = |needles: &[&str]| {
        logs.lines()
            .any(|line| line.contains("nexevo.request") && needles.iter().all(|n| line.contains(n)))
    };
    // Each attempt's span is a child of its call's, whose fields the line shows first.
    assert!(
        closed(&[
            "nexevo.operation=\"get_balance\"",
            "http.response.status_code=503",
            "error.type=\"503\"",
        ]),
        "{logs}"
    );
    assert!(
        closed(&[
            "nexevo.operation=\"get_balance\"",
            "http.request.resend_count=1",
            "http.response.status_code=200",
            &request_id,
        ]),
        "{logs}"
    );
}

#[tokio::test]
async fn without_an_opentelemetry_layer_an_array_is_its_json_text() {
    let _ = traces();
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let completion = client
        .chat()
        .completions()
        .create(
            ChatRequest::new(Model::FAST)
                .user("arrays as text")
                .stop(["zzz-never"]),
        )
        .await
        .unwrap();
    let logs = logged();
    let closed = logs
        .lines()
        .find(|line| line.contains(completion.generation_id()) && line.contains("close"))
        .unwrap_or_else(|| panic!("the chat span closed: {logs}"));
    assert!(
        closed.contains(r#"otel.name="chat nexevo/fast""#),
        "{closed}"
    );
    assert!(
        closed.contains(r#"gen_ai.response.finish_reasons="[\"stop\"]""#),
        "{closed}"
    );
    assert!(
        closed.contains(r#"gen_ai.request.stop_sequences="[\"zzz-never\"]""#),
        "{closed}"
    );
}

#[tokio::test]
async fn no_secret_reaches_logs_debug_display_or_errors() {
    let _ = traces();
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let mut shown = Vec::<String>::new();
    let mut secrets = vec![
        sandbox.demo().api_key.expose().to_owned(),
        nexevo_sandbox::DEMO_PASSWORD.to_owned(),
    ];
    let anonymous = build(
        Client::builder()
            .base_url(sandbox.base_url())
            .retry_policy(fast_retries()),
    );

    // Accounts: a password, a session, 2FA, a password reset.
    let password = "SENTINEL-password-0001";
    let new_password = "SENTINEL-password-0002";
    secrets.extend([password.to_owned(), new_password.to_owned()]);
    let session = anonymous
        .auth()
        .register("hygiene@acme.com", password)
        .full_name("Hy Giene")
        .await
        .unwrap();
    secrets.push(session.token.expose().to_owned());
    shown.push(format!("{session:?}"));
    let as_user = anonymous.auth().session_client(&session).unwrap();
    shown.push(format!("{as_user:?} {as_user:#?}"));
    let enrollment = as_user.auth().enable_two_fa().await.unwrap();
    secrets.extend([
        enrollment.secret.expose().to_owned(),
        enrollment.otpauth_url.expose().to_owned(),
    ]);
    shown.push(format!(
        "{enrollment:?} {} {}",
        enrollment.secret, enrollment.otpauth_url
    ));
    as_user
        .auth()
        .verify_two_fa(totp_code(enrollment.secret.expose(), -1))
        .await
        .unwrap();
    let second = anonymous
        .auth()
        .login("hygiene@acme.com", password)
        .totp_code(totp_code(enrollment.secret.expose(), 0))
        .await
        .unwrap();
    secrets.push(second.token.expose().to_owned());
    shown.push(format!("{second:?}"));
    anonymous
        .auth()
        .request_password_reset("hygiene@acme.com")
        .await
        .unwrap();
    let reset = sandbox.outbox().last().unwrap().token.clone();
    secrets.push(reset.clone());
    anonymous
        .auth()
        .confirm_password_reset(reset.as_str(), new_password)
        .await
        .unwrap();
    let error = anonymous
        .auth()
        .login("hygiene@acme.com", password)
        .await
        .unwrap_err();
    shown.push(with_sources(&error));

    // Keys: a full key.
    let created = client
        .keys()
        .create("hygiene")
        .monthly_spend_cap(dec!(100.00))
        .await
        .unwrap();
    secrets.push(created.full_key.expose().to_owned());
    shown.push(format!("{created:?} {created:#?} {}", created.full_key));
    let as_key = build(builder_for(&sandbox, created.full_key.expose()));
    shown.push(format!("{as_key:?}"));

    // Chat with a provider key, whole and streamed, and with a lost first answer.
    let provider_key = "sk-SENTINEL-provider-key-0001";
    secrets.push(provider_key.to_owned());
    let request = ChatRequest::new(Model::named("openai/gpt-4o-mini"))
        .user("Hello!")
        .provider_key(provider_key);
    shown.push(format!("{request:?} {request:#?}"));
    sandbox.faults().push(
        FaultRule::new(Fault::ResetBeforeHandling)
            .on("create_chat_completion")
            .once(),
    );
    let completion = client
        .chat()
        .completions()
        .create(request.clone())
        .await
        .unwrap();
    shown.push(format!("{completion:?}"));
    let mut stream = client
        .chat()
        .completions()
        .create_stream(request)
        .await
        .unwrap();
    shown.push(format!("{stream:?}"));
    while let Some(chunk) = stream.next().await {
        shown.push(format!("{:?}", chunk.unwrap()));
    }
    client
        .feedback()
        .submit_for(&completion, Rating::Up)
        .await
        .unwrap();

    // The rest of the tour.
    client
        .billing()
        .checkout(dec!(5), "hygiene-topup")
        .await
        .unwrap();
    let org = client
        .organizations()
        .create("Hygiene Inc")
        .await
        .unwrap()
        .organization
        .org_id;
    client
        .organizations()
        .invite_member(&org, "dev@hygiene.com", OrgRole::Developer)
        .await
        .unwrap();
    let conversation = client
        .conversations()
        .create()
        .title("clean")
        .await
        .unwrap();
    client
        .conversations()
        .append_message(&conversation.conversation_id, MessageRole::User, "hi")
        .await
        .unwrap();

    // Errors of every kind, with their sources.
    let errors = vec![
        client.keys().get("key_missing").await.unwrap_err(),
        client
            .auth()
            .change_password(password, "short")
            .await
            .unwrap_err(),
        build(builder_for(&sandbox, "nx-live-SENTINEL-unknown-key"))
            .billing()
            .balance()
            .await
            .unwrap_err(),
        build(
            Client::builder()
                .base_url("http://127.0.0.1:1")
                .api_key("nx-live-SENTINEL-unreachable")
                .retry_policy(fast_retries()),
        )
        .billing()
        .balance()
        .await
        .unwrap_err(),
        {
            sandbox.faults().push(
                FaultRule::new(Fault::MalformedBody)
                    .on("get_balance")
                    .once(),
            );
            client.billing().balance().await.unwrap_err()
        },
        {
            sandbox.faults().push(
                FaultRule::new(Fault::StreamErrorEvent {
                    after_chunks: 1,
                    code: "internal_error".into(),
                })
                .once(),
            );
            let mut stream = client
                .chat()
                .completions()
                .create_stream(
                    ChatRequest::new(Model::FAST)
                        .user("x")
                        .provider_key(provider_key),
                )
                .await
                .unwrap();
            let mut failure = None;
            while let Some(item) = stream.next().await {
                if let Err(error) = item {
                    failure = Some(error);
                }
            }
            failure.unwrap()
        },
    ];
    secrets.extend([
        "nx-live-SENTINEL-unknown-key".to_owned(),
        "nx-live-SENTINEL-unreachable".to_owned(),
    ]);
    for error in &errors {
        shown.push(with_sources(error));
    }
    let sandbox_account = sandbox
        .create_account("seen@acme.com", "SENTINEL-password-0003", dec!(1))
        .unwrap();
    secrets.extend([
        sandbox_account.api_key.expose().to_owned(),
        "SENTINEL-password-0003".to_owned(),
    ]);
    shown.push(format!("{sandbox_account:?} {sandbox:?}"));

    let logs = logged();
    assert!(logs.contains("nexevo.request"), "tracing was captured");
    assert!(
        logs.len() > 10_000,
        "everything was traced ({} bytes)",
        logs.len()
    );
    let everything = format!("{logs}\n{}", shown.join("\n"));
    for secret in &secrets {
        assert!(!secret.is_empty());
        if let Some(at) = everything.find(secret.as_str()) {
            let start = at.saturating_sub(600);
            panic!(
                "a secret leaked: …{}…",
                &everything[start..(at + secret.len() + 40).min(everything.len())]
            );
        }
    }
}

/// Records each request as a custom sender sees it — `{:?}` of the whole request, the form a
/// user's own recording or logging sender would write — then sends it.
#[derive(Debug, Clone)]
struct Recorder {
    http: reqwest::Client,
    seen: Arc<Mutex<Vec<String>>>,
}

impl nexevo::RequestSender for Recorder {
    fn send(
        &self,
        request: reqwest::Request,
    ) -> nexevo::BoxFuture<reqwest::Result<reqwest::Response>> {
        let secret_headers = nexevo_api::SECRET_HEADERS
            .iter()
            .chain(&["authorization"])
            .filter_map(|name| {
                request
                    .headers()
                    .get(*name)
                    .map(|v| (name, v.is_sensitive()))
            })
            .map(|(name, sensitive)| format!("{name} sensitive={sensitive}"))
            .collect::<Vec<_>>()
            .join(" ");
        self.seen
            .lock()
            .unwrap()
            .push(format!("{request:?}\n{secret_headers}"));
        Box::pin(self.http.execute(request))
    }
}

#[tokio::test]
async fn a_custom_sender_never_sees_a_secret_header_in_clear() {
    let (sandbox, _) = sandbox().await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let api_key = sandbox.demo().api_key.expose().to_owned();
    let client = build(builder_for(&sandbox, &api_key).sender(Recorder {
        http: reqwest::Client::new(),
        seen: Arc::clone(&seen),
    }));
    let provider_key = "sk-SENTINEL-provider-key-0002";
    let request = ChatRequest::new(Model::FAST)
        .user("x")
        .provider_key(provider_key);
    client
        .chat()
        .completions()
        .create(request.clone())
        .await
        .unwrap();
    let mut stream = client
        .chat()
        .completions()
        .create_stream(request)
        .await
        .unwrap();
    while let Some(chunk) = stream.next().await {
        chunk.unwrap();
    }

    let seen = seen.lock().unwrap().join("\n");
    assert_eq!(
        seen.matches("x-nexevo-provider-key sensitive=true").count(),
        2,
        "both calls sent the provider key, marked sensitive: {seen}"
    );
    assert_eq!(seen.matches("authorization sensitive=true").count(), 2);
    for secret in [provider_key, api_key.as_str()] {
        assert!(!seen.contains(secret), "a secret leaked: {seen}");
    }
}

/// Every secret the SDK takes is one type, `Secret`, so a secret it answered goes back in as
/// it is, never exposed on the way: a new key into a client, a session token into a derived
/// client, a provider key into a request, a webhook's signing secret into its verifier. Each
/// works against the sandbox, and none shows in what holds it.
#[tokio::test]
async fn every_secret_goes_in_as_the_secret_it_came_out_as() {
    let _ = traces();
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let created = client.keys().create("in-as-a-secret").await.unwrap();
    let key: nexevo::Secret = created.full_key;
    let with_key = build(
        Client::builder()
            .base_url(sandbox.base_url())
            .api_key(key.clone())
            .retry_policy(fast_retries()),
    );
    with_key.billing().balance().await.unwrap();

    let anonymous = build(
        Client::builder()
            .base_url(sandbox.base_url())
            .retry_policy(fast_retries()),
    );
    let session = anonymous
        .auth()
        .register("one-secret@acme.com", "SENTINEL-password-0003")
        .await
        .unwrap();
    let token: nexevo::Secret = session.token.clone();
    let as_user = anonymous.with_credential(token.clone()).unwrap();
    assert_eq!(
        as_user.auth().me().await.unwrap().email.0,
        "one-secret@acme.com"
    );

    let provider_key = nexevo::Secret::new("sk-provider-SENTINEL-0004");
    let request = ChatRequest::new(Model::named("openai/gpt-4o-mini"))
        .user("Hi")
        .provider_key(provider_key.clone());
    let byok = with_key
        .chat()
        .completions()
        .create(request.clone())
        .await
        .unwrap();
    assert_eq!(byok.tier(), &nexevo::chat::Tier::Byok);

    let hooked = client
        .keys()
        .update_alert_webhook(&created.key.key_id, "https://your-app.com/billing-alert")
        .await
        .unwrap();
    let signing: nexevo::Secret = hooked.signing_secret.expect("a signing secret");
    let verifier = nexevo::keys::webhooks::WebhookVerifier::new(signing.clone())
        .and_then(|verifier| verifier.also_accept(signing.clone()))
        .unwrap();

    let shown = format!("{with_key:?} {as_user:?} {request:?} {verifier:?}");
    for secret in [&key, &token, &provider_key, &signing] {
        assert!(!shown.contains(secret.expose()), "{shown}");
    }
}
