//! API keys through the SDK against the sandbox: every operation, and its documented errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use futures_util::TryStreamExt;
use nexevo::ErrorCode;
use nexevo::billing::BillingExt;
use nexevo::keys::*;
use nexevo::orgs::{OrgRole, OrganizationsExt};
use nexevo_e2e::{build, builder_for, sandbox};
use nexevo_sandbox::{Fault, FaultRule};
use rust_decimal_macros::dec;

#[tokio::test]
async fn the_secret_is_shown_once_and_later_reads_show_a_prefix() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let created = client.keys().create("prod-2026").await.unwrap();
    let secret = created.full_key.expose().to_owned();
    assert!(secret.starts_with(&created.key.prefix));
    assert!(
        !format!("{created:?}").contains(&secret),
        "Debug redacts the secret"
    );
    assert_eq!(created.key.status, KeyStatus::Active);
    assert_eq!(created.key.geo_policy, GeoPolicy::Any);

    let fetched = client.keys().get(&created.key.key_id).await.unwrap();
    assert_eq!(fetched.prefix, created.key.prefix);
    let listed: Vec<ApiKey> = client
        .keys()
        .list()
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert!(listed.iter().any(|k| k.key_id == created.key.key_id));
    // The new key works.
    build(
        nexevo::Client::builder()
            .base_url(client.base_url())
            .api_key(secret),
    )
    .billing()
    .balance()
    .await
    .unwrap();
}

#[tokio::test]
async fn spend_caps_are_kept_exactly_and_can_be_cleared() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let key = client
        .keys()
        .create("capped")
        .monthly_spend_cap(dec!(50))
        .await
        .unwrap()
        .key;
    assert_eq!(key.monthly_spend_cap_usd, Some(dec!(50)));
    let updated = client
        .keys()
        .update_spend_cap(&key.key_id, dec!(100.00))
        .await
        .unwrap();
    assert_eq!(updated.monthly_spend_cap_usd.unwrap().to_string(), "100.00");
    let cleared = client.keys().clear_spend_cap(&key.key_id).await.unwrap();
    assert_eq!(cleared.monthly_spend_cap_usd, None);
    let error = client
        .keys()
        .update_spend_cap(&key.key_id, dec!(-1))
        .await
        .unwrap_err();
    assert_eq!(error.field(), Some("monthly_spend_cap_usd"));
}

#[tokio::test]
async fn webhooks_must_be_https_and_geo_policies_change() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let key = client.keys().create("hooked").await.unwrap().key.key_id;
    let hooked = client
        .keys()
        .update_alert_webhook(&key, "https://your-app.com/billing-alert")
        .await
        .unwrap();
    assert_eq!(
        hooked.key.alert_webhook_url.as_deref(),
        Some("https://your-app.com/billing-alert")
    );
    // Its signing secret, shown once; setting it again rotates it.
    let first = hooked.signing_secret.expect("a signing secret");
    assert!(first.expose().starts_with("whsec_"));
    nexevo::keys::webhooks::WebhookVerifier::new(first.expose()).unwrap();
    assert!(
        !format!("{first:?}").contains(&first.expose()[6..]),
        "not in Debug"
    );
    let again = client
        .keys()
        .update_alert_webhook(&key, "https://your-app.com/billing-alert")
        .await
        .unwrap();
    assert_ne!(
        again.signing_secret.unwrap().expose(),
        first.expose(),
        "rotated"
    );
    // For tests, a local receiver over plain HTTP: accepted (by a sandbox only).
    for local in [
        "http://127.0.0.1:8099/alerts",
        "http://localhost:3000/hook",
        "http://localhost",
    ] {
        let local_hook = client
            .keys()
            .update_alert_webhook(&key, local)
            .await
            .unwrap();
        assert_eq!(local_hook.key.alert_webhook_url.as_deref(), Some(local));
    }
    let before = sandbox.counters("update_alert_webhook").received;
    for refused in [
        "http://your-app.com/alert",
        "http://127.0.0.2:80/alert",
        "http://localhost.evil.com/alert",
        "http://localhost:80x/alert",
    ] {
        let error = client
            .keys()
            .update_alert_webhook(&key, refused)
            .await
            .unwrap_err();
        assert!(error.is_validation(), "{refused}: {error}");
    }
    assert_eq!(
        sandbox.counters("update_alert_webhook").received,
        before,
        "refused before sending"
    );
    let cleared = client.keys().clear_alert_webhook(&key).await.unwrap();
    assert_eq!(cleared.key.alert_webhook_url, None);
    assert!(cleared.signing_secret.is_none());
    let routed = client
        .keys()
        .update_geo_policy(&key, GeoPolicy::CnOnly)
        .await
        .unwrap();
    assert_eq!(routed.geo_policy, GeoPolicy::CnOnly);
}

#[tokio::test]
async fn a_revoked_key_stops_authenticating() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let created = client.keys().create("short-lived").await.unwrap();
    let as_key = build(builder_for(&sandbox, created.full_key.expose()));
    as_key.billing().balance().await.unwrap();
    let revoked = client.keys().revoke(&created.key.key_id).await.unwrap();
    assert_eq!(revoked.status, KeyStatus::Revoked);
    let error = as_key.billing().balance().await.unwrap_err();
    assert_eq!(error.code(), Some(&ErrorCode::Unauthorized));
}

#[tokio::test]
async fn unknown_keys_are_404_and_developers_cannot_manage_organization_keys() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    for error in [
        client.keys().get("key_missing").await.unwrap_err(),
        client.keys().revoke("key_missing").await.unwrap_err(),
        client
            .keys()
            .update_spend_cap("key_missing", dec!(1))
            .await
            .unwrap_err(),
        client
            .keys()
            .update_alert_webhook("key_missing", "https://a.b/c")
            .await
            .unwrap_err(),
        client
            .keys()
            .update_geo_policy("key_missing", GeoPolicy::Any)
            .await
            .unwrap_err(),
    ] {
        assert_eq!(error.status(), Some(404), "{error}");
    }
    let org = client
        .organizations()
        .create("Acme")
        .await
        .unwrap()
        .organization
        .org_id;
    let dev = sandbox
        .create_account("dev@acme.com", "dev-password-1", dec!(1))
        .unwrap();
    client
        .organizations()
        .invite_member(&org, "dev@acme.com", OrgRole::Developer)
        .await
        .unwrap();
    let developer =
        build(builder_for(&sandbox, dev.api_key.expose())).with_organization(Some(org.as_str()));
    let error = developer.keys().create("not-allowed").await.unwrap_err();
    assert_eq!(error.status(), Some(403));
    let stranger = build(builder_for(&sandbox, "nx-live-unknown"));
    assert_eq!(
        stranger.keys().list().await.unwrap_err().status(),
        Some(401)
    );
}

#[tokio::test]
async fn rate_limited_key_calls_are_retried_and_creates_are_applied_once() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    sandbox.faults().push(
        FaultRule::new(Fault::RateLimited {
            retry_after_seconds: 0,
        })
        .on("create_key")
        .once(),
    );
    sandbox
        .faults()
        .push(FaultRule::new(Fault::Status(503)).on("create_key").once());
    let created = client.keys().create("persistent").await.unwrap();
    let counters = sandbox.counters("create_key");
    assert_eq!((counters.received, counters.applied), (3, 1));
    let keys = client.keys().list().await.unwrap().items;
    assert_eq!(keys.iter().filter(|k| k.name == "persistent").count(), 1);
    assert!(keys.iter().any(|k| k.key_id == created.key.key_id));
}

#[tokio::test]
async fn a_caller_supplied_idempotency_key_makes_repeated_creates_one_key() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let first = client
        .keys()
        .create("once")
        .idempotency_key("create-once-1")
        .await
        .unwrap();
    let second = client
        .keys()
        .create("once")
        .idempotency_key("create-once-1")
        .await
        .unwrap();
    assert_eq!(first.key.key_id, second.key.key_id);
    assert_eq!(first.full_key.expose(), second.full_key.expose());
    assert_eq!(sandbox.counters("create_key").applied, 1);
    let error = client
        .keys()
        .create("other")
        .idempotency_key("create-once-1")
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(&ErrorCode::IdempotencyConflict));
}
