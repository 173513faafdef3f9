//! Accounts through the SDK against the sandbox: every operation, real TOTP codes, and the
//! documented errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use nexevo::auth::*;
use nexevo::billing::BillingExt;
use nexevo::{Client, ErrorCode};
use nexevo_e2e::{build, builder_for, fast_retries, sandbox, totp_code, wrong_totp_code};
use nexevo_sandbox::DEMO_PASSWORD;

fn anonymous(base_url: &str) -> Client {
    build(
        Client::builder()
            .base_url(base_url)
            .retry_policy(fast_retries()),
    )
}

#[tokio::test]
async fn register_me_profile_and_password() {
    let (sandbox, _) = sandbox().await;
    let client = anonymous(sandbox.base_url());
    let session = client
        .auth()
        .register("jane@acme.com", "correct-horse-battery")
        .full_name("Jane")
        .await
        .unwrap();
    assert_eq!(session.user.email.as_str(), "jane@acme.com");
    assert!(!format!("{session:?}").contains(session.token.expose()));
    let jane = client.auth().session_client(&session).unwrap();
    assert_eq!(
        jane.auth().me().await.unwrap().full_name.as_deref(),
        Some("Jane")
    );
    let renamed = jane.auth().update_profile("Jane Doe").await.unwrap();
    assert_eq!(renamed.full_name.as_deref(), Some("Jane Doe"));

    let error = jane
        .auth()
        .change_password("wrong-password", "new-pwd-1234")
        .await
        .unwrap_err();
    assert_eq!(
        (error.status(), error.code()),
        (Some(403), Some(&ErrorCode::InvalidCredentials))
    );
    jane.auth()
        .change_password("correct-horse-battery", "new-pwd-1234")
        .await
        .unwrap();
    let error = client
        .auth()
        .login("jane@acme.com", "correct-horse-battery")
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(401));
    client
        .auth()
        .login("jane@acme.com", "new-pwd-1234")
        .await
        .unwrap();

    let error = client
        .auth()
        .register("jane@acme.com", "another-password")
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(409));
}

#[tokio::test]
async fn two_factor_enrolment_login_and_removal() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    assert!(!client.auth().two_fa_status().await.unwrap().enabled);
    let enrollment = client.auth().enable_two_fa().await.unwrap();
    assert!(
        enrollment
            .otpauth_url
            .expose()
            .starts_with("otpauth://totp/")
    );
    assert!(
        client
            .auth()
            .two_fa_status()
            .await
            .unwrap()
            .pending_verification
    );
    let error = client
        .auth()
        .verify_two_fa(wrong_totp_code(enrollment.secret.expose()))
        .await
        .unwrap_err();
    assert_eq!(error.field(), Some("code"));
    let status = client
        .auth()
        .verify_two_fa(totp_code(enrollment.secret.expose(), -1))
        .await
        .unwrap();
    assert!(status.enabled);

    let anonymous = anonymous(sandbox.base_url());
    let email = sandbox.demo().email.as_str();
    let error = anonymous
        .auth()
        .login(email, DEMO_PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(&ErrorCode::TwoFactorRequired));
    let wrong = if totp_code(enrollment.secret.expose(), 0) == "123456" {
        "654321"
    } else {
        "123456"
    };
    let error = anonymous
        .auth()
        .login(email, DEMO_PASSWORD)
        .totp_code(wrong)
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(&ErrorCode::InvalidTwoFactorCode));
    anonymous
        .auth()
        .login(email, DEMO_PASSWORD)
        .totp_code(totp_code(enrollment.secret.expose(), 0))
        .await
        .unwrap();

    let status = client
        .auth()
        .disable_two_fa(totp_code(enrollment.secret.expose(), 1))
        .await
        .unwrap();
    assert!(!status.enabled);
    anonymous.auth().login(email, DEMO_PASSWORD).await.unwrap();
}

#[tokio::test]
async fn wrong_codes_slow_a_login_which_waits_a_short_wait_and_ends_at_a_long_one() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let secret = client.auth().enable_two_fa().await.unwrap().secret;
    let secret = secret.expose();
    client
        .auth()
        .verify_two_fa(totp_code(secret, -1))
        .await
        .unwrap();
    let anonymous = anonymous(sandbox.base_url());
    let email = sandbox.demo().email.as_str();
    let login = |code: String| anonymous.auth().login(email, DEMO_PASSWORD).totp_code(code);
    for _ in 0..5 {
        let error = login(wrong_totp_code(secret)).await.unwrap_err();
        assert_eq!(error.code(), Some(&ErrorCode::InvalidTwoFactorCode));
    }
    // A second's wait is within the retry policy's `max_retry_after`: the call waits it out
    // and then its code is checked.
    sandbox.reset_counters();
    login(totp_code(secret, 0)).await.unwrap();
    assert_eq!(sandbox.counters("login").received, 2);
    assert_eq!(sandbox.retry_counts("login"), [1]);

    // A guesser who waits as told each time: after eleven more wrong codes the wait is over a
    // minute, longer than the policy waits, and the call ends at once with it.
    for n in 0..11 {
        if n > 0 {
            sandbox.advance_clock(std::time::Duration::from_secs(300));
        }
        let error = login(wrong_totp_code(secret)).await.unwrap_err();
        assert_eq!(error.code(), Some(&ErrorCode::InvalidTwoFactorCode));
    }
    sandbox.reset_counters();
    let started = std::time::Instant::now();
    let error = login(totp_code(secret, 1)).await.unwrap_err();
    assert_eq!(error.status(), Some(429));
    assert_eq!(error.code(), Some(&ErrorCode::TooManyAttempts));
    let asked = error.as_api().unwrap().retry_after.unwrap();
    assert!(
        asked > std::time::Duration::from_secs(30) && asked <= std::time::Duration::from_secs(64),
        "{asked:?}"
    );
    assert_eq!(sandbox.counters("login").received, 1, "not retried");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[tokio::test]
async fn logout_ends_a_session_but_is_refused_for_an_api_key() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let session = client
        .auth()
        .login(sandbox.demo().email.as_str(), DEMO_PASSWORD)
        .await
        .unwrap();
    let as_session = client.auth().session_client(&session).unwrap();
    as_session.auth().me().await.unwrap();
    as_session.auth().logout().await.unwrap();
    assert_eq!(
        as_session.auth().me().await.unwrap_err().status(),
        Some(401)
    );
    let error = client.auth().logout().await.unwrap_err();
    assert_eq!(error.status(), Some(422));
}

#[tokio::test]
async fn password_reset_by_emailed_token() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let email = sandbox.demo().email.clone();
    let session = client
        .auth()
        .login(email.as_str(), DEMO_PASSWORD)
        .await
        .unwrap();
    let old_session = client.auth().session_client(&session).unwrap();
    let anonymous = anonymous(sandbox.base_url());
    anonymous
        .auth()
        .request_password_reset(email.as_str())
        .await
        .unwrap();
    anonymous
        .auth()
        .request_password_reset("nobody@nowhere.dev")
        .await
        .unwrap();
    let outbox = sandbox.outbox();
    assert_eq!(outbox.len(), 1, "only the real account gets an email");
    let token = outbox[0].token.clone();
    anonymous
        .auth()
        .confirm_password_reset(token.as_str(), "brand-new-password")
        .await
        .unwrap();
    assert_eq!(
        old_session.auth().me().await.unwrap_err().status(),
        Some(401),
        "sessions end"
    );
    anonymous
        .auth()
        .login(email.as_str(), "brand-new-password")
        .await
        .unwrap();
    let error = anonymous
        .auth()
        .confirm_password_reset(token.as_str(), "another-password")
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(401), "a token works once");
}

#[tokio::test]
async fn deactivation_stops_every_session_and_key() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let session = client
        .auth()
        .login(sandbox.demo().email.as_str(), DEMO_PASSWORD)
        .await
        .unwrap();
    let as_session = client.auth().session_client(&session).unwrap();
    let error = client
        .auth()
        .deactivate("wrong-password")
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(&ErrorCode::InvalidCredentials));
    let deactivated = client
        .auth()
        .deactivate(DEMO_PASSWORD)
        .reason("testing")
        .await
        .unwrap();
    assert_eq!(deactivated.status, AccountStatus::Deactivated);
    assert_eq!(
        client.billing().balance().await.unwrap_err().status(),
        Some(401),
        "the API key stopped"
    );
    assert_eq!(
        as_session.auth().me().await.unwrap_err().status(),
        Some(401),
        "the session stopped"
    );
    let error = anonymous(sandbox.base_url())
        .auth()
        .login(sandbox.demo().email.as_str(), DEMO_PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(401));
}

#[tokio::test]
async fn unauthenticated_calls_are_401() {
    let (sandbox, _) = sandbox().await;
    let stranger = build(builder_for(&sandbox, "nx-live-unknown"));
    for error in [
        stranger.auth().me().await.unwrap_err(),
        stranger.auth().two_fa_status().await.unwrap_err(),
        stranger.auth().enable_two_fa().await.unwrap_err(),
        stranger.auth().update_profile("x").await.unwrap_err(),
        stranger
            .auth()
            .change_password("a", "bbbbbbbb")
            .await
            .unwrap_err(),
        stranger.auth().deactivate("a").await.unwrap_err(),
    ] {
        assert_eq!(error.status(), Some(401), "{error}");
    }
}

#[tokio::test]
async fn changing_the_password_ends_every_other_session_and_keeps_the_callers() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let email = sandbox.demo().email.clone();
    let mut sessions = Vec::new();
    for _ in 0..3 {
        let session = client
            .auth()
            .login(email.as_str(), DEMO_PASSWORD)
            .await
            .unwrap();
        sessions.push(client.auth().session_client(&session).unwrap());
    }
    let [caller, other, another] = sessions.as_slice() else {
        unreachable!("three sessions")
    };
    caller
        .auth()
        .change_password(DEMO_PASSWORD, "a-new-password-2026")
        .await
        .unwrap();
    caller.auth().me().await.unwrap();
    for ended in [other, another] {
        assert_eq!(ended.auth().me().await.unwrap_err().status(), Some(401));
    }
    // The demo's API key is not a session: it still works.
    client.billing().balance().await.unwrap();

    // Changed with an API key, it ends every session.
    let session = client
        .auth()
        .login(email.as_str(), "a-new-password-2026")
        .await
        .unwrap();
    let session = client.auth().session_client(&session).unwrap();
    client
        .auth()
        .change_password("a-new-password-2026", "yet-another-password")
        .await
        .unwrap();
    for ended in [&session, caller] {
        assert_eq!(ended.auth().me().await.unwrap_err().status(), Some(401));
    }
}
