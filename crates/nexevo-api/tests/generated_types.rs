//! What the generated types promise: exact money, open enums, secrets kept out of Debug, and
//! the spec's constraints checked by the generated validators.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking
#![cfg(all(
    feature = "keys",
    feature = "billing",
    feature = "chat",
    feature = "feedback"
))]

use nexevo_api::types::{
    ApiKey, CheckoutRequest, CreateKeyRequest, CreatedKey, GeoPolicy, SubmitFeedbackRequest,
    UpgradeHintResponse,
};
use nexevo_api::validation::Rule;
use nexevo_api::{DecimalNumber, Validate, validate};
use rust_decimal_macros::dec;
use serde_json::json;

fn api_key(geo_policy: &str, cap: serde_json::Value) -> serde_json::Value {
    json!({
        "key_id": "key_5b7e9c",
        "name": "prod-2026",
        "prefix": "nx-live-3f9a",
        "status": "active",
        "monthly_spend_cap_usd": cap,
        "month_to_date_spend_usd": "12.345678",
        "geo_policy": geo_policy,
        "created_at": "2026-04-27T09:30:00Z",
        "a_field_from_a_newer_server": {"ignored": true}
    })
}

#[test]
fn money_keeps_its_scale_both_ways() {
    let key: ApiKey = serde_json::from_value(api_key("any", json!("100.00"))).unwrap();
    assert_eq!(key.monthly_spend_cap_usd, Some(dec!(100.00)));
    assert_eq!(key.month_to_date_spend_usd, dec!(12.345678));
    let back = serde_json::to_value(&key).unwrap();
    assert_eq!(back["monthly_spend_cap_usd"], json!("100.00"));
    assert_eq!(back["month_to_date_spend_usd"], json!("12.345678"));
}

#[test]
fn a_null_cap_is_none() {
    let key: ApiKey = serde_json::from_value(api_key("any", json!(null))).unwrap();
    assert_eq!(key.monthly_spend_cap_usd, None);
}

#[test]
fn an_unknown_enum_value_does_not_fail_the_response() {
    let key: ApiKey = serde_json::from_value(api_key("eu-only", json!(null))).unwrap();
    assert_eq!(key.geo_policy.as_str(), "eu-only");
    assert!(!key.geo_policy.is_known());
    let known: ApiKey = serde_json::from_value(api_key("cn-only", json!(null))).unwrap();
    assert_eq!(known.geo_policy, GeoPolicy::CnOnly);
}

#[test]
fn the_checkout_amount_is_an_exact_json_number() {
    let request = CheckoutRequest {
        amount_usd: DecimalNumber::new(dec!(20.10)),
        idempotency_key: "topup-2026-04-27-001".into(),
    };
    let body = serde_json::to_string(&request).unwrap();
    assert_eq!(
        body,
        r#"{"amount_usd":20.10,"idempotency_key":"topup-2026-04-27-001"}"#
    );
    let back: CheckoutRequest = serde_json::from_str(&body).unwrap();
    assert_eq!(back.amount_usd.value().to_string(), "20.10");
}

#[test]
fn secrets_are_sent_but_never_shown() {
    let created: CreatedKey = serde_json::from_value(json!({
        "full_key": "nx-live-SENTINEL",
        "key": api_key("any", json!(null)),
    }))
    .unwrap();
    assert!(!format!("{created:?}").contains("SENTINEL"));
    assert_eq!(created.full_key.expose(), "nx-live-SENTINEL");
    assert!(
        serde_json::to_string(&created)
            .unwrap()
            .contains("SENTINEL")
    );
}

#[test]
fn a_null_hint_parses() {
    let none: UpgradeHintResponse = serde_json::from_value(json!({ "hint": null })).unwrap();
    assert!(none.hint.is_none());
}

#[test]
fn validators_name_the_field_and_the_rule() {
    let long = CreateKeyRequest {
        name: "x".repeat(101),
        monthly_spend_cap_usd: None,
        geo_policy: None,
    };
    let error = long.validate().unwrap_err();
    assert_eq!(error.field(), "name");
    assert_eq!(*error.rule(), Rule::MaxLength(100));

    let negative_cap = CreateKeyRequest {
        name: "prod".into(),
        monthly_spend_cap_usd: Some(dec!(-1)),
        geo_policy: None,
    };
    assert_eq!(
        negative_cap.validate().unwrap_err().field(),
        "monthly_spend_cap_usd"
    );

    let fine = CreateKeyRequest {
        name: "prod".into(),
        monthly_spend_cap_usd: Some(dec!(100.00)),
        geo_policy: Some(GeoPolicy::Any),
    };
    fine.validate().unwrap();

    let zero = CheckoutRequest {
        amount_usd: DecimalNumber::new(dec!(0)),
        idempotency_key: "k".into(),
    };
    assert_eq!(
        zero.validate().unwrap_err().to_string(),
        "amount_usd must be greater than 0"
    );

    assert_eq!(
        validate::params::days(0).unwrap_err().to_string(),
        "days must be at least 1"
    );
    assert!(validate::params::days(90).is_ok());
    assert_eq!(
        validate::params::key_id("k_1").unwrap_err().field(),
        "key_id"
    );
    assert!(validate::params::idempotency_key("has space").is_err());
}

#[test]
fn nested_and_listed_values_are_checked_with_their_path() {
    let feedback: SubmitFeedbackRequest = serde_json::from_value(json!({
        "generation_id": "gen_1",
        "rating": 2,
        "tags": ["accurate"]
    }))
    .unwrap();
    assert_eq!(
        feedback.validate().unwrap_err().to_string(),
        "rating must be one of 1, -1"
    );

    let repeated: SubmitFeedbackRequest = serde_json::from_value(json!({
        "generation_id": "gen_1", "rating": 1, "tags": ["accurate", "accurate"]
    }))
    .unwrap();
    assert_eq!(*repeated.validate().unwrap_err().rule(), Rule::UniqueItems);

    let bad_tag: SubmitFeedbackRequest = serde_json::from_value(json!({
        "generation_id": "gen_1", "rating": -1, "tags": ["accurate", "Too Verbose"]
    }))
    .unwrap();
    assert_eq!(bad_tag.validate().unwrap_err().field(), "tags[1]");

    let chat: nexevo_api::types::ChatCompletionRequest = serde_json::from_value(json!({
        "model": "nexevo/fast",
        "messages": [{"role": "user", "content": "hi"}, {"role": "robot", "content": "hi"}]
    }))
    .unwrap();
    assert_eq!(chat.validate().unwrap_err().field(), "messages[1].role");
}
