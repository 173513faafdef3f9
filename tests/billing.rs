//! Billing through the SDK against the sandbox: every operation, and its documented errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use nexevo::billing::*;
use nexevo::keys::KeysExt;
use nexevo::orgs::OrganizationsExt;
use nexevo::{ErrorCode, RetryPolicy};
use nexevo_e2e::{build, builder_for, sandbox};
use nexevo_sandbox::{Fault, FaultRule};
use rust_decimal_macros::dec;

#[tokio::test]
async fn balance_usage_plan_and_hint() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let balance = client.billing().balance().await.unwrap();
    assert_eq!(
        balance.balance_usd.to_string(),
        "100.00",
        "the scale is kept"
    );
    assert_eq!(balance.currency, "USD");

    let usage = client.billing().usage().await.unwrap();
    assert_eq!(usage.days, 7, "7 days by default");
    assert_eq!(usage.daily.len(), 7);
    let usage = client.billing().usage().days(30).await.unwrap();
    assert_eq!(usage.daily.len(), 30);
    assert_eq!(usage.total_requests, 0);

    let plan = client.billing().get_plan().await.unwrap();
    assert_eq!(plan.plan_id, PlanId::Payg);
    assert!(client.billing().upgrade_hint().await.unwrap().is_none());
}

#[tokio::test]
async fn checkout_credits_exactly_once_per_idempotency_key() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let first = client
        .billing()
        .checkout(dec!(20.10), "topup-2026-04-27-001")
        .await
        .unwrap();
    assert_eq!(first.amount_usd.to_string(), "20.10");
    assert!(first.checkout_url.starts_with("https://"));
    let again = client
        .billing()
        .checkout(dec!(20.10), "topup-2026-04-27-001")
        .await
        .unwrap();
    assert_eq!(again.checkout_session_id, first.checkout_session_id);
    assert_eq!(
        client.billing().balance().await.unwrap().balance_usd,
        dec!(120.10)
    );
    assert_eq!(sandbox.counters("create_checkout").applied, 1);

    let error = client
        .billing()
        .checkout(dec!(30), "topup-2026-04-27-001")
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(409));
    assert_eq!(error.code(), Some(&ErrorCode::IdempotencyConflict));
    assert_eq!(
        client.billing().balance().await.unwrap().balance_usd,
        dec!(120.10)
    );
}

#[tokio::test]
async fn a_lost_checkout_answer_is_retried_and_credited_once() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    sandbox.faults().push(
        FaultRule::new(Fault::ResetAfterHandling)
            .on("create_checkout")
            .once(),
    );
    client
        .billing()
        .checkout(dec!(5), "topup-lost")
        .await
        .unwrap();
    assert_eq!(
        client.billing().balance().await.unwrap().balance_usd,
        dec!(105.00)
    );
    let counters = sandbox.counters("create_checkout");
    assert_eq!((counters.received, counters.applied), (2, 1));
}

#[tokio::test]
async fn rate_limited_calls_are_retried_until_they_succeed() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    for operation in [
        "get_balance",
        "get_usage",
        "get_plan",
        "get_upgrade_hint",
        "create_checkout",
    ] {
        sandbox.faults().push(
            FaultRule::new(Fault::RateLimited {
                retry_after_seconds: 0,
            })
            .on(operation)
            .once(),
        );
    }
    client.billing().balance().await.unwrap();
    client.billing().usage().await.unwrap();
    client.billing().get_plan().await.unwrap();
    client.billing().upgrade_hint().await.unwrap();
    client
        .billing()
        .checkout(dec!(1), "topup-429")
        .await
        .unwrap();
    for operation in [
        "get_balance",
        "get_usage",
        "get_plan",
        "get_upgrade_hint",
        "create_checkout",
    ] {
        assert_eq!(sandbox.counters(operation).received, 2, "{operation}");
    }
}

#[tokio::test]
async fn an_unknown_key_is_401_and_a_foreign_organization_403() {
    let (sandbox, builder) = sandbox().await;
    let stranger = build(builder_for(&sandbox, "nx-live-unknown"));
    for error in [
        stranger.billing().balance().await.unwrap_err(),
        stranger.billing().usage().await.unwrap_err(),
        stranger.billing().get_plan().await.unwrap_err(),
        stranger.billing().upgrade_hint().await.unwrap_err(),
        stranger.billing().checkout(dec!(1), "k").await.unwrap_err(),
    ] {
        assert_eq!(error.status(), Some(401), "{error}");
    }
    let client = build(builder);
    let foreign = client.with_organization(Some("org_someoneelse"));
    assert_eq!(
        foreign.billing().balance().await.unwrap_err().status(),
        Some(403)
    );
}

#[tokio::test]
async fn an_organization_has_its_own_balance_and_its_developers_cannot_top_it_up() {
    let (sandbox, builder) = sandbox().await;
    let owner = build(builder);
    let org = owner
        .organizations()
        .create("Acme")
        .await
        .unwrap()
        .organization
        .org_id;
    let dev = sandbox
        .create_account("dev@acme.com", "dev-password-1", dec!(1))
        .unwrap();
    owner
        .organizations()
        .invite_member(&org, "dev@acme.com", nexevo::orgs::OrgRole::Developer)
        .await
        .unwrap();

    let as_org = owner.with_organization(Some(org.as_str()));
    as_org
        .billing()
        .checkout(dec!(50), "org-topup")
        .await
        .unwrap();
    assert_eq!(
        as_org.billing().balance().await.unwrap().balance_usd,
        dec!(50)
    );
    assert_eq!(
        owner.billing().balance().await.unwrap().balance_usd,
        dec!(100.00)
    );

    let developer =
        build(builder_for(&sandbox, dev.api_key.expose())).with_organization(Some(org.as_str()));
    assert_eq!(
        developer.billing().balance().await.unwrap().balance_usd,
        dec!(50)
    );
    let error = developer
        .billing()
        .checkout(dec!(1), "dev-topup")
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(403));
    // A developer may still use and list the organization's keys.
    developer.keys().list().await.unwrap();
}

#[tokio::test]
async fn the_server_refuses_what_the_client_would_not_send() {
    // The same rules hold on both sides: with the client's checks bypassed (a raw generated
    // call), the server answers 422 naming the field.
    let (sandbox, builder) = sandbox().await;
    let client = build(builder.retry_policy(RetryPolicy::none()));
    let error = nexevo_core::__private::call::<nexevo_api::types::Usage>(
        &client,
        &nexevo_core::__private::RequestOptions::default(),
        "get_usage",
        200,
        &|api| api.get_usage_request(Some(0), None),
    )
    .await
    .unwrap_err();
    assert_eq!((error.status(), error.field()), (Some(422), Some("days")));
    assert_eq!(sandbox.counters("get_usage").received, 1);
}
