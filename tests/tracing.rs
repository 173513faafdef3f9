//! Tracing: every attempt of a call is a `nexevo.request` span with its operation, method,
//! attempt, status, request id and duration — and no credential or secret ever reaches the
//! logs, at any level. In a test binary of its own because `tracing` caches, process-wide,
//! which call sites a subscriber wants.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use nexevo::auth::AuthExt;
use nexevo::billing::BillingExt;
use nexevo::keys::KeysExt;
use nexevo_e2e::{build, sandbox};
use nexevo_sandbox::{Fault, FaultRule};

/// A `tracing` subscriber that writes everything, at TRACE, into a buffer.
fn capture_traces() -> (tracing::Dispatch, std::sync::Arc<std::sync::Mutex<Vec<u8>>>) {
    use std::sync::{Arc, Mutex};
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
    (tracing::Dispatch::new(subscriber), buffer)
}

#[tokio::test]
async fn every_attempt_is_a_span_with_its_outcome_and_no_secret_is_ever_logged() {
    let (dispatch, buffer) = capture_traces();
    let _guard = tracing::dispatcher::set_default(&dispatch);
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    sandbox
        .faults()
        .push(FaultRule::new(Fault::Status(503)).on("get_balance").once());
    client.billing().balance().await.unwrap();
    let created = client.keys().create("traced").await.unwrap();
    let session = client
        .auth()
        .login(nexevo_sandbox::DEMO_EMAIL, nexevo_sandbox::DEMO_PASSWORD)
        .await
        .unwrap();
    let as_session = client.auth().session_client(&session).unwrap();
    let enrollment = as_session.auth().enable_two_fa().await.unwrap();

    let logs = String::from_utf8(buffer.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("nexevo.request"), "{logs}");
    assert!(
        logs.contains("operation=\"get_balance\"") || logs.contains("operation=get_balance"),
        "{logs}"
    );
    assert!(
        logs.contains("status=503") && logs.contains("status=200"),
        "{logs}"
    );
    assert!(logs.contains("attempt=2"), "{logs}");
    assert!(
        logs.contains("request_id=req_") || logs.contains("request_id=\"req_"),
        "{logs}"
    );
    for secret in [
        sandbox.demo().api_key.expose(),
        created.full_key.expose(),
        session.token.expose(),
        nexevo_sandbox::DEMO_PASSWORD,
        enrollment.secret.expose(),
        enrollment.otpauth_url.expose(),
    ] {
        assert!(!logs.contains(secret), "a secret reached the logs");
    }
}
