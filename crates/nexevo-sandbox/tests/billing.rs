//! Billing: balance, usage by day and tier, plan, upgrade hint and checkout, personal and of an organization.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use crate::common::*;
use chrono::{Duration, NaiveDate, Utc};

/// The sandbox's documented prices (USD per million tokens), input and output.
fn list_price(tier: &str, model: &str) -> (Decimal, Decimal) {
    match (tier, model) {
        ("fast", _) => (dec!(0.20), dec!(0.60)),
        ("balanced", _) => (dec!(1.00), dec!(3.00)),
        ("byok", _) => (dec!(0.05), dec!(0.05)),
        ("passthrough", "openai/gpt-4o-mini") => (dec!(0.15) * dec!(1.05), dec!(0.60) * dec!(1.05)),
        ("passthrough", _) => (dec!(0.50) * dec!(1.05), dec!(1.50) * dec!(1.05)),
        other => panic!("no price for {other:?}"),
    }
}

/// The exact cost of a completion from its usage and the price table.
fn expected_cost(completion: &Value) -> Decimal {
    let tier = completion["nexevo"]["tier"].as_str().unwrap();
    let model = completion["model"].as_str().unwrap();
    let (input, output) = list_price(tier, model);
    let prompt = Decimal::from(completion["usage"]["prompt_tokens"].as_u64().unwrap());
    let generated = Decimal::from(completion["usage"]["completion_tokens"].as_u64().unwrap());
    (prompt * input + generated * output) / Decimal::from(1_000_000)
}

#[tokio::test]
async fn the_balance_falls_by_exactly_the_sum_of_the_costs() {
    let (_sandbox, api, key) = start().await;
    let before = api.get("/v1/billing/balance").token(&key).send().await;
    let body = before.expect(200);
    assert_eq!(body["balance_usd"], json!("100.00"));
    assert_eq!(body["currency"], json!("USD"));
    assert!(body.get("organization_id").is_none_or(Value::is_null));
    let start_balance = money(&body["balance_usd"]);

    let mut spent = Decimal::ZERO;
    for (model, text) in [
        ("nexevo/fast", "Hello there"),
        (
            "nexevo/balanced",
            "A somewhat longer question about the weather in Paris?",
        ),
        ("openai/gpt-4o-mini", "passthrough"),
        ("some-vendor/unknown-model", "x"),
        ("nexevo/fast", "é ü ñ — unicode counts by characters"),
    ] {
        let completion = api.chat(&key, model, text).await;
        let cost = money(&completion["nexevo"]["cost_usd"]);
        assert_eq!(cost, expected_cost(&completion), "{completion}");
        assert!(cost > Decimal::ZERO);
        spent += cost;
    }
    let after = api.balance(&key).await;
    assert_eq!(after, start_balance - spent);
    // Exact: no rounding anywhere, so the scale of the answer keeps every digit.
    assert_eq!((start_balance - after).normalize(), spent.normalize());
}

#[tokio::test]
async fn usage_by_day_splits_by_tier() {
    let (_sandbox, api, key) = start().await;
    let mut costs: std::collections::HashMap<&str, (Decimal, u64)> = Default::default();
    let calls: [(&str, Option<&str>); 6] = [
        ("nexevo/fast", None),
        ("nexevo/fast", None),
        ("nexevo/balanced", None),
        ("mistral/mistral-large", None),
        ("nexevo/balanced", Some("sk-provider-0123456789abcdef")),
        ("openai/gpt-4o-mini", Some("sk-provider-0123456789abcdef")),
    ];
    for (model, provider_key) in calls {
        let mut call = api.post("/v1/chat/completions").token(&key).json(
            json!({ "model": model, "messages": [{ "role": "user", "content": "count me" }] }),
        );
        if let Some(provider_key) = provider_key {
            call = call.header("x-nexevo-provider-key", provider_key);
        }
        let reply = call.send().await;
        let completion = reply.expect(200);
        let tier = completion["nexevo"]["tier"].as_str().unwrap();
        let expected_tier = match (model, provider_key) {
            (_, Some(_)) => "byok",
            ("nexevo/fast", _) => "fast",
            ("nexevo/balanced", _) => "balanced",
            _ => "passthrough",
        };
        assert_eq!(tier, expected_tier, "{completion}");
        let tier: &'static str = match tier {
            "fast" => "fast",
            "balanced" => "balanced",
            "passthrough" => "passthrough",
            _ => "byok",
        };
        let slot = costs.entry(tier).or_default();
        slot.0 += money(&completion["nexevo"]["cost_usd"]);
        slot.1 += 1;
    }
    let total: Decimal = costs.values().map(|(cost, _)| *cost).sum();

    let today = Utc::now().date_naive();
    for days in [None, Some(1), Some(7), Some(90)] {
        let path = match days {
            Some(days) => format!("/v1/billing/usage?days={days}"),
            None => "/v1/billing/usage".to_owned(),
        };
        let reply = api.get(&path).token(&key).send().await;
        let usage = reply.expect(200);
        let days = days.unwrap_or(7);
        assert_eq!(usage["days"], json!(days));
        assert_eq!(money(&usage["total_cost_usd"]), total);
        assert_eq!(usage["total_requests"], json!(6));
        let daily = usage["daily"].as_array().unwrap();
        assert_eq!(
            daily.len(),
            days as usize,
            "one row per day, empty days included"
        );
        for (index, row) in daily.iter().enumerate() {
            let date: NaiveDate = row["date"].as_str().unwrap().parse().unwrap();
            let back = i64::from(days) - 1 - index as i64;
            assert_eq!(
                date,
                today - Duration::days(back),
                "oldest first, ending today"
            );
        }
        let last = daily.last().unwrap();
        assert_eq!(money(&last["cost_usd"]), total);
        assert_eq!(last["requests"], json!(6));
        for tier in ["fast", "balanced", "passthrough", "byok"] {
            let (cost, requests) = costs.get(tier).copied().unwrap_or_default();
            for by_tier in [&usage["by_tier"], &last["by_tier"]] {
                assert_eq!(money(&by_tier[tier]["cost_usd"]), cost, "{tier}");
                assert_eq!(by_tier[tier]["requests"], json!(requests), "{tier}");
            }
        }
        for row in &daily[..daily.len() - 1] {
            assert_eq!(money(&row["cost_usd"]), Decimal::ZERO);
            assert_eq!(row["requests"], json!(0));
        }
    }
    assert_eq!(costs["fast"].1, 2);
    assert_eq!(costs["balanced"].1, 1);
    assert_eq!(costs["passthrough"].1, 1);
    assert_eq!(costs["byok"].1, 2);

    for bad in ["days=0", "days=91", "days=abc", "days=-1", "days=7.5"] {
        let reply = api
            .get(&format!("/v1/billing/usage?{bad}"))
            .token(&key)
            .send()
            .await;
        reply.expect_invalid("days");
    }
}

#[tokio::test]
async fn the_plan_and_the_upgrade_hint() {
    let (_sandbox, api, key) = start().await;
    let reply = api.get("/v1/billing/plan").token(&key).send().await;
    let plan = reply.expect(200);
    assert_eq!(plan["plan_id"], json!("payg"));
    assert_eq!(money(&plan["monthly_fee_usd"]), Decimal::ZERO);
    assert_eq!(plan["usage_discount_pct"], json!("0"));

    api.chat(&key, "nexevo/balanced", "a little usage").await;
    let reply = api.get("/v1/billing/upgrade-hint").token(&key).send().await;
    // Pay-as-you-go is the cheapest plan for a few cents of usage.
    assert_eq!(reply.expect(200), &json!({ "hint": null }));
}

#[tokio::test]
async fn checkout_credits_once_per_idempotency_key() {
    let (sandbox, api, key) = start().await;
    let before = api.balance(&key).await;

    // A raw body: `json!` would write 20.10 through f64 as 20.1.
    let body = br#"{"amount_usd": 20.10, "idempotency_key": "topup-2026-04-27-001"}"#.to_vec();
    let first = api
        .post("/v1/billing/checkout")
        .token(&key)
        .raw(body.clone(), Some("application/json"))
        .send()
        .await;
    let session = first.expect(201).clone();
    assert_eq!(session["amount_usd"], json!("20.10"), "the amount is exact");
    assert_eq!(session["idempotency_key"], json!("topup-2026-04-27-001"));
    assert!(
        session["checkout_url"]
            .as_str()
            .unwrap()
            .ends_with(session["checkout_session_id"].as_str().unwrap())
    );
    assert_eq!(api.balance(&key).await, before + dec!(20.10));
    assert_eq!(sandbox.counters("create_checkout").applied, 1);

    // The same key and amount: the same session, credited once.
    let again = api
        .post("/v1/billing/checkout")
        .token(&key)
        .raw(body, Some("application/json"))
        .send()
        .await;
    assert_eq!(
        again.expect(201)["checkout_session_id"],
        session["checkout_session_id"]
    );
    // The amount is compared as a decimal: 20.1 is the same amount as 20.10.
    let same_amount = api
        .post("/v1/billing/checkout")
        .token(&key)
        .raw(
            br#"{"amount_usd": 20.1, "idempotency_key": "topup-2026-04-27-001"}"#.to_vec(),
            Some("application/json"),
        )
        .send()
        .await;
    assert_eq!(
        same_amount.expect(201)["checkout_session_id"],
        session["checkout_session_id"]
    );
    assert_eq!(api.balance(&key).await, before + dec!(20.10));
    assert_eq!(sandbox.counters("create_checkout").applied, 1);

    // The same key with another amount.
    let other = api
        .post("/v1/billing/checkout")
        .token(&key)
        .json(json!({ "amount_usd": 30, "idempotency_key": "topup-2026-04-27-001" }))
        .send()
        .await;
    other.expect_error(409, "idempotency_conflict");

    // The header form: it must match the body's key.
    let mismatch = api
        .post("/v1/billing/checkout")
        .token(&key)
        .idem("topup-header-1")
        .json(json!({ "amount_usd": 5, "idempotency_key": "topup-body-1" }))
        .send()
        .await;
    mismatch.expect_invalid("Idempotency-Key");
    let matching = api
        .post("/v1/billing/checkout")
        .token(&key)
        .idem("topup-2")
        .json(json!({ "amount_usd": 5, "idempotency_key": "topup-2" }))
        .send()
        .await;
    let second = matching.expect(201).clone();
    assert_ne!(
        second["checkout_session_id"],
        session["checkout_session_id"]
    );
    let replay = api
        .post("/v1/billing/checkout")
        .token(&key)
        .idem("topup-2")
        .json(json!({ "amount_usd": 5, "idempotency_key": "topup-2" }))
        .send()
        .await;
    assert_eq!(replay.expect(201), &second);
    let conflict = api
        .post("/v1/billing/checkout")
        .token(&key)
        .idem("topup-2")
        .json(json!({ "amount_usd": 6, "idempotency_key": "topup-2" }))
        .send()
        .await;
    conflict.expect_error(409, "idempotency_conflict");
    assert_eq!(api.balance(&key).await, before + dec!(25.10));
    assert_eq!(sandbox.counters("create_checkout").applied, 2);

    // Amounts: > 0, ≤ 10000, at most two decimal places, a JSON number.
    for amount in ["0", "-5", "10000.01", "20.001", "\"20\"", "1e400", "null"] {
        let reply = api
            .post("/v1/billing/checkout")
            .token(&key)
            .raw(
                format!(r#"{{"amount_usd": {amount}, "idempotency_key": "bad-{amount}"}}"#)
                    .into_bytes(),
                Some("application/json"),
            )
            .send()
            .await;
        reply.expect_invalid("amount_usd");
    }
    let max = api
        .post("/v1/billing/checkout")
        .token(&key)
        .json(json!({ "amount_usd": 10000, "idempotency_key": "topup-max" }))
        .send()
        .await;
    assert_eq!(max.expect(201)["amount_usd"], json!("10000"));
}

#[tokio::test]
async fn a_chat_without_balance_is_refused_until_a_top_up() {
    let (sandbox, api, _) = start().await;
    let broke = account(&sandbox, Decimal::ZERO);
    let key = broke.api_key.expose();
    let reply = api
        .post("/v1/chat/completions")
        .token(key)
        .json(json!({ "model": "nexevo/fast", "messages": [{ "role": "user", "content": "hi" }] }))
        .send()
        .await;
    reply.expect_error(402, "insufficient_balance");
    assert_eq!(api.balance(key).await, Decimal::ZERO);
    // Account operations keep working.
    api.get("/v1/keys").token(key).send().await.expect(200);

    api.post("/v1/billing/checkout")
        .token(key)
        .json(json!({ "amount_usd": 1, "idempotency_key": "first-top-up" }))
        .send()
        .await
        .expect(201);
    let completion = api.chat(key, "nexevo/fast", "hi").await;
    let cost = money(&completion["nexevo"]["cost_usd"]);
    assert_eq!(api.balance(key).await, dec!(1) - cost);
}

#[tokio::test]
async fn an_organization_has_its_own_balance() {
    let (sandbox, api, key) = start().await;
    let org = api.new_organization(&key).await;
    let personal = api.balance(&key).await;

    let reply = api
        .get("/v1/billing/balance")
        .token(&key)
        .org(&org)
        .send()
        .await;
    let body = reply.expect(200);
    assert_eq!(body["organization_id"], json!(org));
    assert_eq!(money(&body["balance_usd"]), Decimal::ZERO);

    // Nothing to spend yet.
    let reply = api
        .post("/v1/chat/completions")
        .token(&key)
        .org(&org)
        .json(json!({ "model": "nexevo/fast", "messages": [{ "role": "user", "content": "hi" }] }))
        .send()
        .await;
    reply.expect_error(402, "insufficient_balance");

    api.post("/v1/billing/checkout")
        .token(&key)
        .org(&org)
        .json(json!({ "amount_usd": 50, "idempotency_key": "org-top-up" }))
        .send()
        .await
        .expect(201);
    let reply = api
        .post("/v1/chat/completions")
        .token(&key)
        .org(&org)
        .json(json!({ "model": "nexevo/fast", "messages": [{ "role": "user", "content": "hi" }] }))
        .send()
        .await;
    let cost = money(&reply.expect(200)["nexevo"]["cost_usd"]);

    let org_balance = api
        .get("/v1/billing/balance")
        .token(&key)
        .org(&org)
        .send()
        .await;
    assert_eq!(
        money(&org_balance.expect(200)["balance_usd"]),
        dec!(50) - cost
    );
    assert_eq!(
        api.balance(&key).await,
        personal,
        "the personal balance is untouched"
    );
    let usage = api
        .get("/v1/billing/usage?days=1")
        .token(&key)
        .org(&org)
        .send()
        .await;
    let usage = usage.expect(200);
    assert_eq!(usage["total_requests"], json!(1));
    assert_eq!(usage["by_tier"]["fast"]["requests"], json!(1));
    let personal_usage = api.get("/v1/billing/usage").token(&key).send().await;
    assert_eq!(personal_usage.expect(200)["total_requests"], json!(0));
    for path in ["/v1/billing/plan", "/v1/billing/upgrade-hint"] {
        api.get(path).token(&key).org(&org).send().await.expect(200);
    }

    // A member who is not a manager can read the balance but not top it up.
    let developer = account(&sandbox, dec!(1));
    api.add_member(&key, &org, &developer.email, "developer")
        .await;
    let dev_key = developer.api_key.expose();
    let reply = api
        .get("/v1/billing/balance")
        .token(dev_key)
        .org(&org)
        .send()
        .await;
    assert_eq!(money(&reply.expect(200)["balance_usd"]), dec!(50) - cost);
    let reply = api
        .post("/v1/billing/checkout")
        .token(dev_key)
        .org(&org)
        .json(json!({ "amount_usd": 5, "idempotency_key": "dev-top-up" }))
        .send()
        .await;
    reply.expect_error(403, "forbidden");

    // Someone outside the organization gets 403 on every billing operation.
    let outsider = account(&sandbox, dec!(1));
    let outsider_key = outsider.api_key.expose();
    for path in [
        "/v1/billing/balance",
        "/v1/billing/usage",
        "/v1/billing/plan",
        "/v1/billing/upgrade-hint",
    ] {
        let reply = api.get(path).token(outsider_key).org(&org).send().await;
        reply.expect_error(403, "forbidden");
    }
    let reply = api
        .post("/v1/billing/checkout")
        .token(outsider_key)
        .org(&org)
        .json(json!({ "amount_usd": 5, "idempotency_key": "outsider" }))
        .send()
        .await;
    reply.expect_error(403, "forbidden");
    // An organization that does not exist is not the caller's either.
    let reply = api
        .get("/v1/billing/balance")
        .token(&key)
        .org("org_doesnotexist")
        .send()
        .await;
    reply.expect_error(403, "forbidden");
    // A malformed header is a 422 naming it.
    let reply = api
        .get("/v1/billing/balance")
        .token(&key)
        .org("acme")
        .send()
        .await;
    reply.expect_invalid("Nexevo-Organization");
}

#[tokio::test]
async fn billing_needs_a_valid_token() {
    let (sandbox, api, _) = start().await;
    let gone = user(&sandbox, &api, dec!(1)).await;
    api.post("/v1/auth/deactivate")
        .token(&gone.session)
        .json(json!({ "password": ACCOUNT_PASSWORD }))
        .send()
        .await
        .expect(200);
    for path in [
        "/v1/billing/balance",
        "/v1/billing/usage",
        "/v1/billing/plan",
        "/v1/billing/upgrade-hint",
    ] {
        api.get(path).send().await.expect_error(401, "unauthorized");
        api.get(path)
            .token("nx-live-not-a-key")
            .send()
            .await
            .expect_error(401, "unauthorized");
        api.get(path)
            .token(&gone.key)
            .send()
            .await
            .expect_error(401, "unauthorized");
    }
    api.post("/v1/billing/checkout")
        .json(json!({ "amount_usd": 5, "idempotency_key": "anon" }))
        .send()
        .await
        .expect_error(401, "unauthorized");
}
