//! Nothing is applied twice when an answer is lost: every POST the SDK makes, with the
//! connection reset after the sandbox has handled it, is retried with the same
//! `Idempotency-Key` and gets the first answer replayed — received twice, applied once. A
//! builder that made a fresh key per attempt would be applied twice; one that sent no key would
//! not be retried and would fail here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::future::Future;
use std::pin::Pin;

use nexevo::chat::{ChatRequest, Model};
use nexevo::conversations::MessageRole;
use nexevo::feedback::Rating;
use nexevo::orgs::OrgRole;
use nexevo::prelude::*;
use nexevo::{Client, Error};
use nexevo_e2e::{build, sandbox};
use nexevo_sandbox::{Counters, Fault, FaultRule, Sandbox};
use rust_decimal_macros::dec;

type Call = Pin<Box<dyn Future<Output = Result<(), Error>> + Send>>;

/// Injects a reset after handling on `operation`, once, makes the call, and checks the
/// counters. Answers what the call answered, for the caller's own checks.
async fn lost_once(sandbox: &Sandbox, operation: &str, call: Call) {
    sandbox.reset_counters();
    sandbox.faults().push(
        FaultRule::new(Fault::ResetAfterHandling)
            .on(operation)
            .once(),
    );
    if let Err(error) = call.await {
        panic!("{operation}: {error}");
    }
    assert_eq!(
        sandbox.counters(operation),
        Counters {
            received: 2,
            applied: 1
        },
        "{operation}: received twice, applied once"
    );
}

#[tokio::test]
async fn every_post_survives_a_lost_answer_and_is_applied_once() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let anonymous = build(
        Client::builder()
            .base_url(sandbox.base_url())
            .retry_policy(nexevo_e2e::fast_retries()),
    );

    // Accounts.
    let c = anonymous.clone();
    lost_once(
        &sandbox,
        "register",
        Box::pin(async move {
            c.auth()
                .register("lost@acme.com", "lost-password-1")
                .await
                .map(drop)
        }),
    )
    .await;
    let c = anonymous.clone();
    lost_once(
        &sandbox,
        "login",
        Box::pin(async move {
            c.auth()
                .login("lost@acme.com", "lost-password-1")
                .await
                .map(drop)
        }),
    )
    .await;
    let session = anonymous
        .auth()
        .login("lost@acme.com", "lost-password-1")
        .await
        .unwrap();
    let as_user = anonymous.auth().session_client(&session).unwrap();
    let c = as_user.clone();
    lost_once(
        &sandbox,
        "change_password",
        Box::pin(async move {
            c.auth()
                .change_password("lost-password-1", "lost-password-2")
                .await
                .map(drop)
        }),
    )
    .await;
    let c = anonymous.clone();
    let emails_before = sandbox.outbox().len();
    lost_once(
        &sandbox,
        "request_password_reset",
        Box::pin(async move {
            c.auth()
                .request_password_reset("lost@acme.com")
                .await
                .map(drop)
        }),
    )
    .await;
    assert_eq!(sandbox.outbox().len(), emails_before + 1, "one email sent");

    // Keys and billing.
    let c = client.clone();
    lost_once(
        &sandbox,
        "create_key",
        Box::pin(async move { c.keys().create("lost-key").await.map(drop) }),
    )
    .await;
    let before = client.billing().balance().await.unwrap().balance_usd;
    let c = client.clone();
    lost_once(
        &sandbox,
        "create_checkout",
        Box::pin(async move { c.billing().checkout(dec!(10), "lost-topup").await.map(drop) }),
    )
    .await;
    let after = client.billing().balance().await.unwrap().balance_usd;
    assert_eq!(after - before, dec!(10), "credited once");

    // Chat: charged once.
    let c = client.clone();
    let cost = std::sync::Arc::new(std::sync::Mutex::new(None));
    let seen = std::sync::Arc::clone(&cost);
    let before = client.billing().balance().await.unwrap().balance_usd;
    lost_once(
        &sandbox,
        "create_chat_completion",
        Box::pin(async move {
            let completion = c
                .chat()
                .completions()
                .create(ChatRequest::new(Model::FAST).user("lost?"))
                .await?;
            *seen.lock().unwrap() = Some(completion.cost_usd());
            Ok(())
        }),
    )
    .await;
    let cost = cost.lock().unwrap().take().unwrap();
    let after = client.billing().balance().await.unwrap().balance_usd;
    assert_eq!(before - after, cost, "charged once");

    // Conversations and feedback.
    let conversation = client.conversations().create().await.unwrap();
    let c = client.clone();
    lost_once(
        &sandbox,
        "create_conversation",
        Box::pin(async move { c.conversations().create().title("lost").await.map(drop) }),
    )
    .await;
    let c = client.clone();
    let id = conversation.conversation_id.clone();
    lost_once(
        &sandbox,
        "append_message",
        Box::pin(async move {
            c.conversations()
                .append_message(&id, MessageRole::User, "once")
                .await
                .map(drop)
        }),
    )
    .await;
    let detail = client
        .conversations()
        .get(&conversation.conversation_id)
        .await
        .unwrap();
    assert_eq!(detail.messages.len(), 1, "appended once");
    let completion = client
        .chat()
        .completions()
        .create(ChatRequest::new(Model::FAST).user("rate me"))
        .await
        .unwrap();
    let c = client.clone();
    lost_once(
        &sandbox,
        "submit_feedback",
        Box::pin(async move {
            c.feedback()
                .submit_for(&completion, Rating::Up)
                .await
                .map(drop)
        }),
    )
    .await;

    // Organizations.
    let c = client.clone();
    lost_once(
        &sandbox,
        "create_organization",
        Box::pin(async move { c.organizations().create("Lost Inc").await.map(drop) }),
    )
    .await;
    let org = client.organizations().create("Found Inc").await.unwrap();
    let c = client.clone();
    let org_id = org.organization.org_id.clone();
    lost_once(
        &sandbox,
        "invite_member",
        Box::pin(async move {
            c.organizations()
                .invite_member(&org_id, "lost-dev@acme.com", OrgRole::Developer)
                .await
                .map(drop)
        }),
    )
    .await;
}
