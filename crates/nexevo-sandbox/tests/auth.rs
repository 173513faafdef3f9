//! Auth: register, login, two-factor, logout, password reset, profile, password change, deactivation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::time::Duration;

use crate::common::*;

const PASSWORD: &str = "correct-horse-battery";

/// Registers a new account; answers its email and session token.
async fn register(api: &Api) -> (String, String) {
    let email = unique_email("jane");
    let reply = api
        .post("/v1/auth/register")
        .json(json!({ "email": email, "password": PASSWORD, "full_name": "Jane Doe" }))
        .send()
        .await;
    let session = reply.expect(201);
    (email, session["token"].as_str().unwrap().to_owned())
}

async fn login(api: &Api, body: Value) -> Reply {
    api.post("/v1/auth/login").json(body).send().await
}

#[tokio::test]
async fn register_then_log_in() {
    let (_sandbox, api, _) = start().await;
    let email = unique_email("jane");
    let reply = api
        .post("/v1/auth/register")
        .json(json!({ "email": email, "password": PASSWORD, "full_name": "Jane Doe" }))
        .send()
        .await;
    let session = reply.expect(201).clone();
    assert_eq!(session["token_type"], json!("bearer"));
    assert_eq!(session["user"]["email"], json!(email));
    assert_eq!(session["user"]["full_name"], json!("Jane Doe"));
    assert_eq!(session["user"]["status"], json!("active"));
    assert_eq!(session["user"]["two_factor_enabled"], json!(false));
    let token = session["token"].as_str().unwrap();

    let me = api.get("/v1/auth/me").token(token).send().await;
    assert_eq!(me.expect(200), &session["user"]);

    // The email is taken now.
    let again = api
        .post("/v1/auth/register")
        .json(json!({ "email": email, "password": "another-password" }))
        .send()
        .await;
    again.expect_error(409, "already_exists");

    let reply = login(&api, json!({ "email": email, "password": PASSWORD })).await;
    let second = reply.expect(200);
    assert_ne!(second["token"], session["token"], "a new session");
    assert_eq!(second["user"]["user_id"], session["user"]["user_id"]);
    let second_token = second["token"].as_str().unwrap();
    api.get("/v1/auth/me")
        .token(second_token)
        .send()
        .await
        .expect(200);

    for body in [
        json!({ "email": email, "password": "wrong-password" }),
        json!({ "email": unique_email("nobody"), "password": PASSWORD }),
    ] {
        login(&api, body).await.expect_error(401, "unauthorized");
    }
    // The demo account logs in with its documented credentials.
    let reply = login(
        &api,
        json!({ "email": nexevo_sandbox::DEMO_EMAIL, "password": nexevo_sandbox::DEMO_PASSWORD }),
    )
    .await;
    reply.expect(200);

    for (body, field) in [
        (
            json!({ "email": "not-an-email", "password": PASSWORD }),
            "email",
        ),
        (
            json!({ "email": unique_email("x"), "password": "short" }),
            "password",
        ),
        (
            json!({ "email": unique_email("x"), "password": "p".repeat(129) }),
            "password",
        ),
        (
            json!({ "email": unique_email("x"), "password": PASSWORD, "full_name": "" }),
            "full_name",
        ),
        (json!({ "password": PASSWORD }), "email"),
    ] {
        let reply = api.post("/v1/auth/register").json(body).send().await;
        reply.expect_invalid(field);
    }
    for (body, field) in [
        (json!({ "email": email, "password": "" }), "password"),
        (
            json!({ "email": email, "password": PASSWORD, "totp_code": "12345" }),
            "totp_code",
        ),
        (
            json!({ "email": email, "password": PASSWORD, "totp_code": "abcdef" }),
            "totp_code",
        ),
        (json!({ "email": email }), "password"),
    ] {
        login(&api, body).await.expect_invalid(field);
    }
}

#[tokio::test]
async fn an_unknown_email_costs_a_login_the_same_password_check() {
    let (sandbox, api, _) = start().await;
    let (email, _) = register(&api).await;
    let before = sandbox.password_verifications();
    let known = login(
        &api,
        json!({ "email": email, "password": "wrong-password" }),
    )
    .await;
    known.expect_error(401, "unauthorized");
    assert_eq!(sandbox.password_verifications(), before + 1);
    // No account: the password is verified all the same (against a dummy hash), so the answer
    // takes as long, and it says the same.
    let unknown = login(
        &api,
        json!({ "email": unique_email("nobody"), "password": "wrong-password" }),
    )
    .await;
    unknown.expect_error(401, "unauthorized");
    assert_eq!(
        sandbox.password_verifications(),
        before + 2,
        "an unknown email skipped the password hash"
    );
    assert_eq!(
        unknown.body["error"]["message"],
        known.body["error"]["message"]
    );
}

#[tokio::test]
async fn two_factor_authentication() {
    let (_sandbox, api, _) = start().await;
    let (email, token) = register(&api).await;
    let status = api.get("/v1/auth/2fa").token(&token).send().await;
    assert_eq!(
        status.expect(200),
        &json!({ "enabled": false, "pending_verification": false })
    );
    // Nothing to verify or disable yet.
    api.post("/v1/auth/2fa/verify")
        .token(&token)
        .json(json!({ "code": "123456" }))
        .send()
        .await
        .expect_error(409, "conflict");
    api.post("/v1/auth/2fa/disable")
        .token(&token)
        .json(json!({ "code": "123456" }))
        .send()
        .await
        .expect_error(409, "conflict");

    let enrolment = api.post("/v1/auth/2fa/enable").token(&token).send().await;
    let enrolment = enrolment.expect(200).clone();
    let secret = enrolment["secret"].as_str().unwrap().to_owned();
    let url = enrolment["otpauth_url"].as_str().unwrap();
    assert!(url.starts_with("otpauth://totp/"), "{url}");
    assert!(url.contains(&format!("secret={secret}")), "{url}");
    let status = api.get("/v1/auth/2fa").token(&token).send().await;
    assert_eq!(
        status.expect(200),
        &json!({ "enabled": false, "pending_verification": true })
    );
    // Not on until verified: login needs no code yet.
    login(&api, json!({ "email": email, "password": PASSWORD }))
        .await
        .expect(200);

    api.post("/v1/auth/2fa/verify")
        .token(&token)
        .json(json!({ "code": wrong_code(&secret) }))
        .send()
        .await
        .expect_invalid("code");
    let verified = api
        .post("/v1/auth/2fa/verify")
        .token(&token)
        .json(json!({ "code": code_at(&secret, -1) }))
        .send()
        .await;
    assert_eq!(
        verified.expect(200),
        &json!({ "enabled": true, "pending_verification": false })
    );
    let me = api.get("/v1/auth/me").token(&token).send().await;
    assert_eq!(me.expect(200)["two_factor_enabled"], json!(true));
    api.post("/v1/auth/2fa/enable")
        .token(&token)
        .send()
        .await
        .expect_error(409, "conflict");

    login(&api, json!({ "email": email, "password": PASSWORD }))
        .await
        .expect_error(401, "two_factor_required");
    login(
        &api,
        json!({ "email": email, "password": PASSWORD, "totp_code": wrong_code(&secret) }),
    )
    .await
    .expect_error(401, "invalid_two_factor_code");
    // A wrong password is refused as such, whatever the code.
    login(
        &api,
        json!({ "email": email, "password": "not-the-password", "totp_code": code_now(&secret) }),
    )
    .await
    .expect_error(401, "unauthorized");
    let reply = login(
        &api,
        json!({ "email": email, "password": PASSWORD, "totp_code": code_now(&secret) }),
    )
    .await;
    assert_eq!(reply.expect(200)["user"]["two_factor_enabled"], json!(true));

    api.post("/v1/auth/2fa/disable")
        .token(&token)
        .json(json!({ "code": wrong_code(&secret) }))
        .send()
        .await
        .expect_invalid("code");
    let disabled = api
        .post("/v1/auth/2fa/disable")
        .token(&token)
        .json(json!({ "code": code_at(&secret, 1) }))
        .send()
        .await;
    assert_eq!(
        disabled.expect(200),
        &json!({ "enabled": false, "pending_verification": false })
    );
    login(&api, json!({ "email": email, "password": PASSWORD }))
        .await
        .expect(200);
    for path in ["/v1/auth/2fa/verify", "/v1/auth/2fa/disable"] {
        for code in [
            json!("12345"),
            json!("1234567"),
            json!("12a456"),
            json!(123456),
        ] {
            api.post(path)
                .token(&token)
                .json(json!({ "code": code }))
                .send()
                .await
                .expect_invalid("code");
        }
    }
}

/// An account with two-factor authentication on: its email, a session and the secret.
async fn with_two_factor(api: &Api) -> (String, String, String) {
    let (email, session) = register(api).await;
    let secret = api.enrol_two_fa(&session).await;
    (email, session, secret)
}

/// The wait a 429 `too_many_attempts` asks for, in whole seconds, checked against its
/// `retry-after-ms`.
#[track_caller]
fn too_many(reply: &Reply) -> u64 {
    reply.expect_error(429, "too_many_attempts");
    let seconds: u64 = reply.header("retry-after").unwrap().parse().unwrap();
    let millis: u64 = reply.header("retry-after-ms").unwrap().parse().unwrap();
    assert!(
        millis <= seconds * 1000 && millis > (seconds - 1) * 1000,
        "{millis} ms, {seconds} s"
    );
    seconds
}

#[tokio::test]
async fn guessing_login_codes_is_slowed_and_a_code_works_once() {
    let (sandbox, api, _) = start().await;
    let (email, _, secret) = with_two_factor(&api).await;
    let attempt = |code: String| {
        login(
            &api,
            json!({ "email": email, "password": PASSWORD, "totp_code": code }),
        )
    };
    // Five wrong codes are checked; the sixth must wait.
    for _ in 0..5 {
        attempt(wrong_code(&secret))
            .await
            .expect_error(401, "invalid_two_factor_code");
    }
    let mut wait = too_many(&attempt(wrong_code(&secret)).await);
    assert_eq!(wait, 1);
    // A guesser who waits as told each time waits twice as long after each wrong code, up to
    // five minutes.
    while wait < 300 {
        sandbox.advance_clock(Duration::from_secs(wait));
        attempt(wrong_code(&secret))
            .await
            .expect_error(401, "invalid_two_factor_code");
        wait = too_many(&attempt(wrong_code(&secret)).await);
    }
    // Meanwhile, no code is checked, however many come.
    for n in 0..300 {
        let reply = attempt(format!("{:06}", (n * 7919) % 1_000_000)).await;
        assert!(too_many(&reply) > 1, "{}", reply.describe());
    }
    // The right code is not even checked during the wait…
    too_many(&attempt(code_now(&secret)).await);
    // …and is once it is over. The same code again is refused: it was used.
    sandbox.advance_clock(Duration::from_secs(300));
    let reply = attempt(code_now(&secret)).await;
    assert_eq!(reply.expect(200)["user"]["email"], json!(email));
    let reused = attempt(code_now(&secret)).await;
    reused.expect_error(401, "invalid_two_factor_code");
    assert!(
        reused.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already used"),
        "{}",
        reused.describe()
    );
    // A wrong password is refused before any code is looked at, and counts for nothing.
    let counts = sandbox.two_factor_counts_kept();
    for _ in 0..20 {
        login(
            &api,
            json!({ "email": email, "password": "not-the-password", "totp_code": "000000" }),
        )
        .await
        .expect_error(401, "unauthorized");
        login(
            &api,
            json!({ "email": unique_email("nobody"), "password": PASSWORD, "totp_code": "000000" }),
        )
        .await
        .expect_error(401, "unauthorized");
    }
    assert_eq!(sandbox.two_factor_counts_kept(), counts);
}

#[tokio::test]
async fn each_wrong_code_doubles_the_wait_up_to_five_minutes() {
    let (sandbox, api, _) = start().await;
    let (_, session, secret) = with_two_factor(&api).await;
    let disable = |code: String| {
        api.post("/v1/auth/2fa/disable")
            .token(&session)
            .json(json!({ "code": code }))
            .send()
    };
    for _ in 0..5 {
        disable(wrong_code(&secret)).await.expect_invalid("code");
    }
    let mut waits = Vec::new();
    for _ in 0..12 {
        let wait = too_many(&disable(wrong_code(&secret)).await);
        waits.push(wait);
        sandbox.advance_clock(Duration::from_secs(wait));
        disable(wrong_code(&secret)).await.expect_invalid("code");
    }
    assert_eq!(
        waits,
        [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300],
        "doubling, capped at five minutes"
    );
    // The right code, once the wait is over, turns it off and clears the count.
    too_many(&disable(code_now(&secret)).await);
    sandbox.advance_clock(Duration::from_secs(300));
    let reply = disable(code_now(&secret)).await;
    assert_eq!(reply.expect(200)["enabled"], json!(false));
}

#[tokio::test]
async fn another_clients_guessing_holds_the_owner_up_a_minute_at_most() {
    let (sandbox, api, _) = start().await;
    let (_, session, secret) = with_two_factor(&api).await;
    // Someone holding the account's API keys guesses with each in turn.
    let mut stolen = Vec::new();
    for n in 0..4 {
        let reply = api
            .post("/v1/keys")
            .token(&session)
            .json(json!({ "name": format!("stolen-{n}") }))
            .send()
            .await;
        stolen.push(reply.expect(201)["full_key"].as_str().unwrap().to_owned());
    }
    let disable = |token: &str, code: String| {
        api.post("/v1/auth/2fa/disable")
            .token(token)
            .json(json!({ "code": code }))
            .send()
    };
    // Twenty guesses, each key in turn, each waiting as long as it is told to.
    let mut waited = 0;
    for guess in 0..20 {
        let key = &stolen[guess % stolen.len()];
        let mut reply = disable(key, wrong_code(&secret)).await;
        if reply.status == 429 {
            let wait = too_many(&reply);
            waited += wait;
            sandbox.advance_clock(Duration::from_secs(wait));
            reply = disable(key, wrong_code(&secret)).await;
        }
        reply.expect_invalid("code");
    }
    // Past ten, the account's ceiling slowed every key, not only each key's own count.
    assert!(
        waited >= 1 + 2 + 4 + 8 + 16 + 32 + 60 * 3,
        "waited {waited} s"
    );
    // Now a fresh key waits as long as any, and so does the owner's own session — but a
    // minute at most after the latest wrong code, however many there were.
    let fresh = api
        .post("/v1/keys")
        .token(&session)
        .json(json!({ "name": "fresh" }))
        .send()
        .await;
    let fresh = fresh.expect(201)["full_key"].as_str().unwrap().to_owned();
    assert_eq!(too_many(&disable(&fresh, wrong_code(&secret)).await), 60);
    let wait = too_many(&disable(&session, code_now(&secret)).await);
    assert_eq!(wait, 60);
    sandbox.advance_clock(Duration::from_secs(wait));
    let reply = disable(&session, code_now(&secret)).await;
    assert_eq!(reply.expect(200)["enabled"], json!(false));
}

#[tokio::test]
async fn enrolment_codes_count_and_work_once_too() {
    let (sandbox, api, _) = start().await;
    let (email, session) = register(&api).await;
    let secret = api.enable_two_fa(&session).await;
    let verify = |code: String| {
        api.post("/v1/auth/2fa/verify")
            .token(&session)
            .json(json!({ "code": code }))
            .send()
    };
    for _ in 0..5 {
        verify(wrong_code(&secret)).await.expect_invalid("code");
    }
    too_many(&verify(code_now(&secret)).await);
    sandbox.advance_clock(Duration::from_secs(1));
    verify(code_now(&secret)).await.expect(200);
    // The code that turned it on cannot log in or turn it off: it was used.
    login(
        &api,
        json!({ "email": email, "password": PASSWORD, "totp_code": code_now(&secret) }),
    )
    .await
    .expect_error(401, "invalid_two_factor_code");
    let reused = api
        .post("/v1/auth/2fa/disable")
        .token(&session)
        .json(json!({ "code": code_now(&secret) }))
        .send()
        .await;
    reused.expect_invalid("code");
    assert!(
        reused.text.contains("already used"),
        "{}",
        reused.describe()
    );
    // The next step's code works, once.
    login(
        &api,
        json!({ "email": email, "password": PASSWORD, "totp_code": code_at(&secret, 1) }),
    )
    .await
    .expect(200);
}

#[tokio::test]
async fn logout_ends_only_that_session() {
    let (_sandbox, api, key) = start().await;
    let (email, first) = register(&api).await;
    let reply = login(&api, json!({ "email": email, "password": PASSWORD })).await;
    let second = reply.expect(200)["token"].as_str().unwrap().to_owned();

    api.post("/v1/auth/logout")
        .token(&first)
        .send()
        .await
        .expect(204);
    api.get("/v1/auth/me")
        .token(&first)
        .send()
        .await
        .expect_error(401, "unauthorized");
    api.post("/v1/auth/logout")
        .token(&first)
        .send()
        .await
        .expect_error(401, "unauthorized");
    api.get("/v1/auth/me")
        .token(&second)
        .send()
        .await
        .expect(200);

    // An API key is not a session.
    api.post("/v1/auth/logout")
        .token(&key)
        .send()
        .await
        .expect_invalid("Authorization");
    api.get("/v1/auth/me").token(&key).send().await.expect(200);
    api.post("/v1/auth/logout")
        .send()
        .await
        .expect_error(401, "unauthorized");
}

#[tokio::test]
async fn password_reset_through_the_outbox() {
    let (sandbox, api, _) = start().await;
    let (email, old_session) = register(&api).await;

    // The answer is the same for an unknown email, and nothing is sent.
    let emails_before = sandbox.outbox().len();
    api.post("/v1/auth/password-reset")
        .json(json!({ "email": unique_email("nobody") }))
        .send()
        .await
        .expect(202);
    assert_eq!(sandbox.outbox().len(), emails_before);

    api.post("/v1/auth/password-reset")
        .json(json!({ "email": email }))
        .send()
        .await
        .expect(202);
    let outbox = sandbox.outbox();
    assert_eq!(outbox.len(), emails_before + 1);
    let mail = outbox.last().unwrap();
    assert_eq!(mail.to, email);
    let token = mail.token.clone();

    api.post("/v1/auth/password-reset/confirm")
        .json(json!({ "reset_token": "rst_not-a-real-token", "new_password": "new-password-1" }))
        .send()
        .await
        .expect_error(401, "unauthorized");
    api.post("/v1/auth/password-reset/confirm")
        .json(json!({ "reset_token": token, "new_password": "short" }))
        .send()
        .await
        .expect_invalid("new_password");
    api.post("/v1/auth/password-reset/confirm")
        .json(json!({ "reset_token": token, "new_password": "new-password-1" }))
        .send()
        .await
        .expect(204);

    api.get("/v1/auth/me")
        .token(&old_session)
        .send()
        .await
        .expect_error(401, "unauthorized");
    login(&api, json!({ "email": email, "password": PASSWORD }))
        .await
        .expect_error(401, "unauthorized");
    let reply = login(
        &api,
        json!({ "email": email, "password": "new-password-1" }),
    )
    .await;
    let session = reply.expect(200)["token"].as_str().unwrap().to_owned();
    api.get("/v1/auth/me")
        .token(&session)
        .send()
        .await
        .expect(200);

    // The token works once.
    api.post("/v1/auth/password-reset/confirm")
        .json(json!({ "reset_token": token, "new_password": "new-password-2" }))
        .send()
        .await
        .expect_error(401, "unauthorized");
    login(
        &api,
        json!({ "email": email, "password": "new-password-1" }),
    )
    .await
    .expect(200);

    for (body, field) in [
        (
            json!({ "reset_token": "", "new_password": "new-password-1" }),
            "reset_token",
        ),
        (
            json!({ "reset_token": "r".repeat(257), "new_password": "new-password-1" }),
            "reset_token",
        ),
        (json!({ "new_password": "new-password-1" }), "reset_token"),
    ] {
        api.post("/v1/auth/password-reset/confirm")
            .json(body)
            .send()
            .await
            .expect_invalid(field);
    }
    api.post("/v1/auth/password-reset")
        .json(json!({ "email": "nope" }))
        .send()
        .await
        .expect_invalid("email");
}

#[tokio::test]
async fn the_profile() {
    let (_sandbox, api, key) = start().await;
    let me = api.get("/v1/auth/me").token(&key).send().await;
    let me = me.expect(200).clone();
    assert_eq!(me["email"], json!(nexevo_sandbox::DEMO_EMAIL));
    assert_eq!(me["full_name"], json!("Demo User"));

    let updated = api
        .patch("/v1/auth/me")
        .token(&key)
        .json(json!({ "full_name": "Ada Lovelace" }))
        .send()
        .await;
    let updated = updated.expect(200).clone();
    assert_eq!(updated["full_name"], json!("Ada Lovelace"));
    assert_eq!(updated["user_id"], me["user_id"]);
    let again = api.get("/v1/auth/me").token(&key).send().await;
    assert_eq!(again.expect(200), &updated);

    for body in [
        json!({}),
        json!({ "full_name": "" }),
        json!({ "full_name": "n".repeat(101) }),
        json!({ "full_name": 5 }),
    ] {
        api.patch("/v1/auth/me")
            .token(&key)
            .json(body)
            .send()
            .await
            .expect_invalid("full_name");
    }
    for path in ["/v1/auth/me", "/v1/auth/2fa"] {
        api.get(path).send().await.expect_error(401, "unauthorized");
    }
    api.patch("/v1/auth/me")
        .json(json!({ "full_name": "Nobody" }))
        .send()
        .await
        .expect_error(401, "unauthorized");
}

#[tokio::test]
async fn changing_the_password_checks_the_current_one() {
    let (_sandbox, api, _) = start().await;
    let (email, token) = register(&api).await;
    api.post("/v1/auth/change-password")
        .token(&token)
        .json(json!({ "current_password": "not-my-password", "new_password": "brand-new-pass" }))
        .send()
        .await
        .expect_error(403, "invalid_credentials");
    api.post("/v1/auth/change-password")
        .token(&token)
        .json(json!({ "current_password": PASSWORD, "new_password": "short" }))
        .send()
        .await
        .expect_invalid("new_password");
    api.post("/v1/auth/change-password")
        .token(&token)
        .json(json!({ "current_password": PASSWORD, "new_password": "brand-new-pass" }))
        .send()
        .await
        .expect(204);
    login(&api, json!({ "email": email, "password": PASSWORD }))
        .await
        .expect_error(401, "unauthorized");
    login(
        &api,
        json!({ "email": email, "password": "brand-new-pass" }),
    )
    .await
    .expect(200);
    api.post("/v1/auth/change-password")
        .json(json!({ "current_password": PASSWORD, "new_password": "brand-new-pass" }))
        .send()
        .await
        .expect_error(401, "unauthorized");
}

#[tokio::test]
async fn deactivation_stops_every_session_and_key() {
    let (sandbox, api, demo) = start().await;
    let User {
        account: person,
        key,
        session: first,
    } = user(&sandbox, &api, dec!(10)).await;
    let second = api.login(&person.email, ACCOUNT_PASSWORD).await;
    let second_key = api
        .create_key(&first, json!({ "name": "second-key" }))
        .await
        .full_key;

    api.post("/v1/auth/deactivate")
        .token(&first)
        .json(json!({ "password": "wrong-password" }))
        .send()
        .await
        .expect_error(403, "invalid_credentials");
    api.get("/v1/auth/me")
        .token(&first)
        .send()
        .await
        .expect(200);

    let reply = api
        .post("/v1/auth/deactivate")
        .token(&second)
        .json(json!({ "password": ACCOUNT_PASSWORD, "reason": "Moving to another provider." }))
        .send()
        .await;
    let deactivation = reply.expect(200);
    assert_eq!(deactivation["user_id"], json!(person.user_id));
    assert_eq!(deactivation["status"], json!("deactivated"));

    for token in [&first, &second, &key, &second_key] {
        for path in ["/v1/auth/me", "/v1/billing/balance", "/v1/keys"] {
            api.get(path)
                .token(token)
                .send()
                .await
                .expect_error(401, "unauthorized");
        }
        api.post("/v1/chat/completions")
            .token(token)
            .json(json!({ "model": "nexevo/fast", "messages": [{ "role": "user", "content": "hi" }] }))
            .send()
            .await
            .expect_error(401, "unauthorized");
    }
    api.post("/v1/auth/login")
        .json(json!({ "email": person.email, "password": ACCOUNT_PASSWORD }))
        .send()
        .await
        .expect_error(401, "unauthorized");
    // No reset email for a deactivated account.
    let emails = sandbox.outbox().len();
    api.post("/v1/auth/password-reset")
        .json(json!({ "email": person.email }))
        .send()
        .await
        .expect(202);
    assert_eq!(sandbox.outbox().len(), emails);
    // Other accounts are unaffected.
    api.get("/v1/auth/me").token(&demo).send().await.expect(200);

    for (body, field) in [
        (json!({}), "password"),
        (json!({ "password": "" }), "password"),
        (json!({ "password": "x", "reason": "" }), "reason"),
        (
            json!({ "password": "x", "reason": "r".repeat(501) }),
            "reason",
        ),
    ] {
        api.post("/v1/auth/deactivate")
            .token(&demo)
            .json(body)
            .send()
            .await
            .expect_invalid(field);
    }
}

#[tokio::test]
async fn sessions_expire_but_keys_do_not() {
    let (sandbox, api, key) = start().await;
    let (_, token) = register(&api).await;
    api.get("/v1/auth/me")
        .token(&token)
        .send()
        .await
        .expect(200);
    sandbox.advance_clock(Duration::from_secs(31 * 24 * 3600));
    api.get("/v1/auth/me")
        .token(&token)
        .send()
        .await
        .expect_error(401, "unauthorized");
    api.get("/v1/auth/me").token(&key).send().await.expect(200);
}

#[tokio::test]
async fn expired_sessions_are_pruned() {
    let (sandbox, api, _) = start().await;
    let (email, _) = register(&api).await;
    for _ in 0..150 {
        api.login(&email, PASSWORD).await;
    }
    assert_eq!(sandbox.sessions_kept(), 151);
    // Thirty days on, every one of them has expired: the next login finds them gone.
    sandbox.advance_clock(Duration::from_secs(31 * 24 * 3600));
    let live = api.login(&email, PASSWORD).await;
    assert_eq!(sandbox.sessions_kept(), 1, "expired sessions are kept");
    api.get("/v1/auth/me").token(&live).send().await.expect(200);
    // A logged-out session is gone at once.
    api.post("/v1/auth/logout")
        .token(&live)
        .send()
        .await
        .expect(204);
    assert_eq!(sandbox.sessions_kept(), 0);
}

#[tokio::test]
async fn reset_tokens_and_the_outbox_stay_bounded() {
    let (sandbox, api, _) = start().await;
    let (email, _) = register(&api).await;
    let reset = || {
        api.post("/v1/auth/password-reset")
            .json(json!({ "email": email }))
            .send()
    };
    // An account holds its five newest tokens; older ones stop working.
    for _ in 0..8 {
        reset().await.expect(202);
    }
    assert_eq!(
        sandbox.reset_tokens_kept(),
        5,
        "one account's tokens are capped"
    );
    let outbox = sandbox.outbox();
    let oldest = outbox[outbox.len() - 8].token.clone();
    let newest = outbox[outbox.len() - 1].token.clone();
    let confirm = |token: &str, password: &str| {
        api.post("/v1/auth/password-reset/confirm")
            .json(json!({ "reset_token": token, "new_password": password }))
            .send()
    };
    confirm(&oldest, "new-password-1")
        .await
        .expect_error(401, "unauthorized");
    // Using one spends them all: the password it set is the account's now.
    confirm(&newest, "new-password-2").await.expect(204);
    assert_eq!(sandbox.reset_tokens_kept(), 0, "used tokens are kept");
    let second_newest = outbox[outbox.len() - 2].token.clone();
    confirm(&second_newest, "new-password-3")
        .await
        .expect_error(401, "unauthorized");

    // An hour on, unused tokens have expired: the next request finds them gone.
    for _ in 0..3 {
        reset().await.expect(202);
    }
    sandbox.advance_clock(Duration::from_secs(3600 + 60));
    let other = account(&sandbox, dec!(1));
    api.post("/v1/auth/password-reset")
        .json(json!({ "email": other.email }))
        .send()
        .await
        .expect(202);
    assert_eq!(sandbox.reset_tokens_kept(), 1, "expired tokens are kept");

    // The outbox keeps the newest emails, oldest first.
    for _ in 0..nexevo_sandbox::OUTBOX_CAPACITY {
        reset().await.expect(202);
    }
    let outbox = sandbox.outbox();
    assert_eq!(outbox.len(), nexevo_sandbox::OUTBOX_CAPACITY);
    assert!(
        outbox.iter().all(|mail| mail.to == email),
        "the oldest go first"
    );
    assert_eq!(sandbox.reset_tokens_kept(), 6);
}

#[tokio::test]
async fn bearer_tokens_that_do_not_authenticate() {
    let (_sandbox, api, key) = start().await;
    for authorization in [
        "".to_owned(),
        "Bearer".to_owned(),
        "Bearer ".to_owned(),
        "Basic dXNlcjpwYXNz".to_owned(),
        format!("Token {key}"),
        "Bearer nx-live-0000000000000000000000000000000000000000".to_owned(),
        "Bearer nxs_000000000000000000000000000000000000000000000000".to_owned(),
    ] {
        api.get("/v1/auth/me")
            .header("authorization", &authorization)
            .send()
            .await
            .expect_error(401, "unauthorized");
    }
    api.get("/v1/auth/me")
        .header_bytes("authorization", b"Bearer \xff\xfe")
        .send()
        .await
        .expect_error(401, "unauthorized");
}

#[tokio::test]
async fn every_authenticated_operation_refuses_a_bad_token() {
    let (sandbox, api, _) = start().await;
    let context = Context::new(&sandbox, &api).await;

    // A revoked key, a deactivated account's key and session, a logged-out session.
    let created = api
        .create_key(&context.key, json!({ "name": "to-revoke" }))
        .await;
    let revoked = created.full_key.clone();
    api.delete(&format!("/v1/keys/{}", created.id()))
        .token(&context.key)
        .send()
        .await
        .expect(200);
    let gone = user(&sandbox, &api, dec!(1)).await;
    api.post("/v1/auth/deactivate")
        .token(&gone.session)
        .json(json!({ "password": ACCOUNT_PASSWORD }))
        .send()
        .await
        .expect(200);
    let logged_out = api.login(&context.email, ACCOUNT_PASSWORD).await;
    api.post("/v1/auth/logout")
        .token(&logged_out)
        .send()
        .await
        .expect(204);
    let expiring = api.login(&context.email, ACCOUNT_PASSWORD).await;

    let bad_tokens: [(&str, Option<&str>); 6] = [
        ("no token", None),
        (
            "an unknown token",
            Some("nx-live-00000000000000000000000000000000"),
        ),
        ("a revoked key", Some(&revoked)),
        ("a deactivated account's key", Some(&gone.key)),
        ("a deactivated account's session", Some(&gone.session)),
        ("a logged-out session", Some(&logged_out)),
    ];
    let authenticated: Vec<_> = nexevo_api::OPERATIONS
        .iter()
        .filter(|op| {
            spec().document()["paths"][op.path][op.method.to_ascii_lowercase()]["security"]
                != json!([])
        })
        .collect();
    assert_eq!(authenticated.len(), 40);
    let request = |op: &nexevo_api::ApiOperation, token: Option<&str>| {
        let mut call = api.request(method_of(op), &concrete_path(op, &context.ids));
        if let Some(token) = token {
            call = call.token(token);
        }
        if let Some(body) = context.body(op) {
            call = call.json(body);
        }
        call
    };
    sandbox.reset_counters();
    for op in &authenticated {
        for (why, token) in bad_tokens {
            let reply = request(op, token).send().await;
            assert_eq!(reply.status, 401, "{} with {why}: {}", op.id, reply.text);
            reply.expect_error(401, "unauthorized");
        }
    }
    // An expired session.
    sandbox.advance_clock(Duration::from_secs(31 * 24 * 3600));
    for op in &authenticated {
        request(op, Some(&expiring))
            .send()
            .await
            .expect_error(401, "unauthorized");
    }
    assert_eq!(sandbox.total_counters().applied, 0, "nothing was applied");
}

#[tokio::test]
async fn accounts_made_in_code_follow_the_registration_rules() {
    let (sandbox, api, _) = start().await;
    let made = sandbox
        .create_account(
            "Coded@Acme.com",
            "coded-password",
            rust_decimal::Decimal::ONE,
        )
        .unwrap();
    assert_eq!(made.email, "coded@acme.com");
    api.post("/v1/auth/login")
        .json(json!({ "email": "coded@acme.com", "password": "coded-password" }))
        .send()
        .await
        .expect(200);
    let taken = sandbox
        .create_account(
            "coded@acme.com",
            "coded-password",
            rust_decimal::Decimal::ONE,
        )
        .unwrap_err();
    assert!(
        matches!(taken, nexevo_sandbox::SandboxError::EmailTaken(_)),
        "{taken}"
    );
    for (email, password, field) in [
        ("not-an-email", "long-enough-1", "email"),
        ("short@acme.com", "short", "password"),
    ] {
        let refused = sandbox
            .create_account(email, password, rust_decimal::Decimal::ONE)
            .unwrap_err();
        assert!(
            matches!(&refused, nexevo_sandbox::SandboxError::Invalid(why) if why.contains(field)),
            "{refused}"
        );
    }
}
