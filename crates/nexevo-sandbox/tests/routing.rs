//! The router learns from feedback: a tier's backend moves away from thumbs down and stays with
//! thumbs up, for the payer who rated only, exploring a fixed share; named models and
//! bring-your-own-key are never re-routed; ratings fade with the sandbox's clock; and the
//! learning state is bounded. Every test fixes the seed and the exploration rate, so none can
//! flake.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::collections::BTreeMap;
use std::time::Duration;

use nexevo_sandbox::SandboxBuilder;

use crate::common::*;

const BALANCED: &str = "nexevo/balanced";

fn routed(exploration: f64) -> SandboxBuilder {
    Sandbox::builder()
        .routing_seed(7)
        .exploration_rate(exploration)
}

/// A generation of `model`: its id, the backend that served it, and why.
struct Served {
    generation_id: String,
    routed_model: String,
    reason: String,
}

async fn ask(api: &Api, token: &str, model: &str) -> Served {
    let completion = api.chat(token, model, "route me").await;
    let nexevo = &completion["nexevo"];
    Served {
        generation_id: nexevo["generation_id"].as_str().unwrap().to_owned(),
        routed_model: nexevo["routed_model"].as_str().unwrap().to_owned(),
        reason: nexevo["routing_reason"].as_str().unwrap().to_owned(),
    }
}

async fn ask_many(api: &Api, token: &str, model: &str, count: usize) -> Vec<Served> {
    let mut served = Vec::with_capacity(count);
    for _ in 0..count {
        served.push(ask(api, token, model).await);
    }
    served
}

async fn rate(api: &Api, token: &str, generation_id: &str, rating: i32) {
    api.post("/v1/feedback")
        .token(token)
        .json(json!({ "generation_id": generation_id, "rating": rating }))
        .send()
        .await
        .expect(201);
}

/// How many of `served` went to each backend, with the reasons given for it.
fn shares(served: &[Served]) -> BTreeMap<String, (usize, Vec<String>)> {
    let mut shares: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
    for s in served {
        let entry = shares.entry(s.routed_model.clone()).or_default();
        entry.0 += 1;
        if !entry.1.contains(&s.reason) {
            entry.1.push(s.reason.clone());
        }
    }
    shares
}

#[tokio::test]
async fn thumbs_down_moves_the_payer_to_another_backend_and_exploring_keeps_trying_it() {
    let sandbox = routed(0.1).start().await.unwrap();
    let (api, demo) = client_of(&sandbox);
    let other = account(&sandbox, Decimal::new(100, 0));
    let other = other.api_key.expose();

    // Before any feedback: today's routing, the tier's first backend.
    let before = ask_many(&api, &demo, BALANCED, 20).await;
    assert!(
        before
            .iter()
            .all(|s| s.routed_model == "nexevo-balanced-1" && s.reason == "default")
    );
    for served in &before {
        rate(&api, &demo, &served.generation_id, -1).await;
    }

    let after = ask_many(&api, &demo, BALANCED, 200).await;
    let shares = shares(&after);
    let (down, down_reasons) = &shares["nexevo-balanced-1"];
    let (other_backend, other_reasons) = &shares["nexevo-balanced-2"];
    assert_eq!(down + other_backend, 200, "{shares:?}");
    // About the exploration rate (0.1 of 200 is 20), and only ever as exploration.
    assert!((8..=36).contains(down), "{shares:?}");
    assert_eq!(down_reasons, &["exploring"]);
    assert_eq!(other_reasons, &["learned"]);

    // Another account's routing is its own.
    let theirs = ask_many(&api, other, BALANCED, 20).await;
    assert!(
        theirs
            .iter()
            .all(|s| s.routed_model == "nexevo-balanced-1" && s.reason == "default")
    );
    // And the rated tier's feedback does not move the other tier.
    let fast = ask(&api, &demo, "nexevo/fast").await;
    assert_eq!(
        (fast.routed_model.as_str(), fast.reason.as_str()),
        ("nexevo-fast-1", "default")
    );
}

#[tokio::test]
async fn thumbs_up_keeps_a_backend_preferred() {
    let sandbox = routed(0.1).start().await.unwrap();
    let (api, demo) = client_of(&sandbox);
    for served in ask_many(&api, &demo, BALANCED, 10).await {
        rate(&api, &demo, &served.generation_id, 1).await;
    }
    let after = ask_many(&api, &demo, BALANCED, 200).await;
    let shares = shares(&after);
    let (kept, reasons) = &shares["nexevo-balanced-1"];
    assert!(*kept >= 164, "{shares:?}");
    assert_eq!(reasons, &["learned"]);
    assert_eq!(shares["nexevo-balanced-2"].1, ["exploring"]);
}

#[tokio::test]
async fn a_named_model_and_bring_your_own_key_are_never_rerouted_and_train_nothing() {
    let sandbox = routed(0.5).start().await.unwrap();
    let (api, demo) = client_of(&sandbox);
    for _ in 0..5 {
        let named = ask(&api, &demo, "openai/gpt-4o-mini").await;
        assert_eq!(
            (named.routed_model.as_str(), named.reason.as_str()),
            ("openai/gpt-4o-mini", "fixed")
        );
        rate(&api, &demo, &named.generation_id, -1).await;
        let byok = api
            .post("/v1/chat/completions")
            .token(&demo)
            .header("x-nexevo-provider-key", "sk-provider-0123456789")
            .json(json!({ "model": BALANCED, "messages": [{ "role": "user", "content": "hi" }] }))
            .send()
            .await;
        let byok = byok.expect(200);
        assert_eq!(byok["nexevo"]["routed_model"], json!("nexevo-balanced-1"));
        assert_eq!(byok["nexevo"]["routing_reason"], json!("fixed"));
        let generation = byok["nexevo"]["generation_id"].as_str().unwrap().to_owned();
        rate(&api, &demo, &generation, -1).await;
    }
    // Ten thumbs down, none of which trained the router: the tier is still at its default.
    let served = ask(&api, &demo, BALANCED).await;
    assert_eq!(
        (served.routed_model.as_str(), served.reason.as_str()),
        ("nexevo-balanced-1", "default")
    );
}

#[tokio::test]
async fn a_cn_only_keys_choice_stays_within_cn_backends() {
    let sandbox = routed(0.3).start().await.unwrap();
    let (api, demo) = client_of(&sandbox);
    let cn = api
        .create_key(&demo, json!({ "name": "cn", "geo_policy": "cn-only" }))
        .await
        .full_key;
    for served in ask_many(&api, &cn, BALANCED, 10).await {
        assert_eq!(served.routed_model, "nexevo-balanced-cn-1");
        rate(&api, &cn, &served.generation_id, -1).await;
    }
    let after = ask_many(&api, &cn, BALANCED, 100).await;
    let shares = shares(&after);
    assert_eq!(
        shares.keys().collect::<Vec<_>>(),
        ["nexevo-balanced-cn-1", "nexevo-balanced-cn-2"],
        "{shares:?}"
    );
    assert!(shares["nexevo-balanced-cn-2"].0 > shares["nexevo-balanced-cn-1"].0);
    // The account's own (`any`) requests learned from the same payer's ratings, but of `cn`
    // backends: the overseas ones are still at their default.
    let overseas = ask(&api, &demo, BALANCED).await;
    assert_eq!(overseas.reason, "default");
}

#[tokio::test]
async fn streamed_and_unstreamed_answers_agree_on_the_backend_and_the_reason() {
    for (exploration, backend, reason) in [
        (0.0, "nexevo-balanced-2", "learned"),
        (1.0, "nexevo-balanced-1", "exploring"),
    ] {
        let sandbox = routed(exploration).start().await.unwrap();
        let (api, demo) = client_of(&sandbox);
        for served in ask_many(&api, &demo, BALANCED, 3).await {
            rate(&api, &demo, &served.generation_id, -1).await;
        }
        let served = ask(&api, &demo, BALANCED).await;
        assert_eq!(
            (served.routed_model.as_str(), served.reason.as_str()),
            (backend, reason)
        );
        let reply = api
            .post("/v1/chat/completions")
            .token(&demo)
            .json(json!({ "model": BALANCED, "stream": true, "messages": [{ "role": "user", "content": "hi" }] }))
            .send()
            .await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        let chunks = &reply.stream().chunks;
        assert!(!chunks.is_empty());
        for chunk in chunks {
            assert_eq!(chunk["nexevo"]["routed_model"], json!(backend), "{chunk}");
            assert_eq!(chunk["nexevo"]["routing_reason"], json!(reason), "{chunk}");
        }
    }
}

#[tokio::test]
async fn the_summary_counts_feedback_per_backend_once_per_generation() {
    let sandbox = routed(0.0).start().await.unwrap();
    let (api, demo) = client_of(&sandbox);
    let balanced = ask_many(&api, &demo, BALANCED, 3).await;
    let fast = ask(&api, &demo, "nexevo/fast").await;
    let named = ask(&api, &demo, "openai/gpt-4o-mini").await;
    rate(&api, &demo, &balanced[0].generation_id, 1).await;
    rate(&api, &demo, &balanced[1].generation_id, 1).await;
    // Rated again: the new rating replaces the first.
    rate(&api, &demo, &balanced[1].generation_id, -1).await;
    // A replayed submission (the same key) counts once.
    for _ in 0..2 {
        api.post("/v1/feedback")
            .token(&demo)
            .header("idempotency-key", "rate-once")
            .json(json!({ "generation_id": balanced[2].generation_id, "rating": -1 }))
            .send()
            .await
            .expect(201);
    }
    rate(&api, &demo, &fast.generation_id, 1).await;
    rate(&api, &demo, &named.generation_id, -1).await;

    let summary = api
        .get("/v1/feedback/summary")
        .token(&demo)
        .send()
        .await
        .expect(200)
        .clone();
    assert_eq!(
        (summary["up"].clone(), summary["down"].clone()),
        (json!(2), json!(3))
    );
    assert_eq!(
        summary["by_model"],
        json!([
            {"routed_model": "nexevo-balanced-1", "tier": "balanced", "up": 1, "down": 2},
            {"routed_model": "nexevo-fast-1", "tier": "fast", "up": 1, "down": 0},
            {"routed_model": "openai/gpt-4o-mini", "tier": "passthrough", "up": 0, "down": 1},
        ])
    );
    // What the router learned is the same: one up and two down on the first backend, so the
    // next request (no exploration) goes to the other.
    let next = ask(&api, &demo, BALANCED).await;
    assert_eq!(
        (next.routed_model.as_str(), next.reason.as_str()),
        ("nexevo-balanced-2", "learned")
    );
}

#[tokio::test]
async fn ratings_fade_with_the_sandboxs_clock() {
    let sandbox = routed(0.0).start().await.unwrap();
    let (api, demo) = client_of(&sandbox);
    for served in ask_many(&api, &demo, BALANCED, 5).await {
        rate(&api, &demo, &served.generation_id, -1).await;
    }
    assert_eq!(
        ask(&api, &demo, BALANCED).await.routed_model,
        "nexevo-balanced-2"
    );
    sandbox.advance_clock(Duration::from_secs(24 * 3600));
    assert_eq!(
        ask(&api, &demo, BALANCED).await.routed_model,
        "nexevo-balanced-2"
    );
    // Nine weeks later (a weight halves every week), the ratings are forgotten.
    sandbox.advance_clock(Duration::from_secs(63 * 24 * 3600));
    let served = ask(&api, &demo, BALANCED).await;
    assert_eq!(
        (served.routed_model.as_str(), served.reason.as_str()),
        ("nexevo-balanced-1", "default")
    );
}

#[tokio::test]
async fn learning_state_stays_bounded_and_can_be_turned_off() {
    let sandbox = routed(0.0).routing_payers_cap(3).start().await.unwrap();
    let (api, _) = client_of(&sandbox);
    let mut keys = Vec::new();
    for _ in 0..6 {
        let account = account(&sandbox, Decimal::new(100, 0));
        let key = account.api_key.expose().to_owned();
        for served in ask_many(&api, &key, BALANCED, 2).await {
            rate(&api, &key, &served.generation_id, -1).await;
        }
        keys.push(key);
        assert!(sandbox.routing_payers_kept() <= 3);
    }
    assert_eq!(sandbox.routing_payers_kept(), 3);
    // The least recent payers were forgotten: back to the default; the latest still learned.
    assert_eq!(ask(&api, &keys[0], BALANCED).await.reason, "default");
    assert_eq!(ask(&api, &keys[5], BALANCED).await.reason, "learned");

    let off = routed(0.5).learning(false).start().await.unwrap();
    let (api, demo) = client_of(&off);
    for served in ask_many(&api, &demo, BALANCED, 5).await {
        rate(&api, &demo, &served.generation_id, -1).await;
    }
    for served in ask_many(&api, &demo, BALANCED, 20).await {
        assert_eq!(
            (served.routed_model.as_str(), served.reason.as_str()),
            ("nexevo-balanced-1", "default")
        );
    }

    let error = match routed(1.5).start().await {
        Ok(_) => panic!("an exploration rate of 1.5 started"),
        Err(error) => error,
    };
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
}

/// A request made for an organization is the organization's to route: the member's ratings of
/// it train the organization's routing, not the member's own.
#[tokio::test]
async fn an_organizations_generations_train_the_organizations_routing() {
    let sandbox = routed(0.0).start().await.unwrap();
    let (api, demo) = client_of(&sandbox);
    let org = api.new_organization(&demo).await;
    api.post("/v1/billing/checkout")
        .token(&demo)
        .org(&org)
        .json(json!({ "amount_usd": 50, "idempotency_key": "org-top-up" }))
        .send()
        .await
        .expect(201);
    let for_org = || async {
        let reply = api
            .post("/v1/chat/completions")
            .token(&demo)
            .org(&org)
            .json(json!({ "model": BALANCED, "messages": [{ "role": "user", "content": "hi" }] }))
            .send()
            .await;
        reply.expect(200)["nexevo"].clone()
    };
    let mut served = Vec::new();
    for _ in 0..3 {
        let nexevo = for_org().await;
        assert_eq!(nexevo["routed_model"], json!("nexevo-balanced-1"));
        served.push(nexevo["generation_id"].as_str().unwrap().to_owned());
    }
    for generation in &served {
        rate(&api, &demo, generation, -1).await;
    }
    let nexevo = for_org().await;
    assert_eq!(
        (&nexevo["routed_model"], &nexevo["routing_reason"]),
        (&json!("nexevo-balanced-2"), &json!("learned"))
    );
    // The member's own requests are another payer's: untouched.
    let own = ask(&api, &demo, BALANCED).await;
    assert_eq!(
        (own.routed_model.as_str(), own.reason.as_str()),
        ("nexevo-balanced-1", "default")
    );
}
