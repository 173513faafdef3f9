//! API keys: the secret shown once, revocation, spend caps, alert webhooks, geo policies, organization keys.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::time::Duration;

use crate::common::*;

fn id(key: &Value) -> String {
    key["key_id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_full_key_is_shown_once_and_only_its_prefix_later() {
    let (_sandbox, api, demo) = start().await;
    let NewKey { full_key, key } = api.create_key(&demo, json!({ "name": "prod-2026" })).await;
    let mark = api.mark();
    let key_id = id(&key);
    let prefix = key["prefix"].as_str().unwrap();
    assert!(full_key.starts_with(prefix) && prefix.len() < full_key.len());
    assert_eq!(key["name"], json!("prod-2026"));
    assert_eq!(key["status"], json!("active"));
    assert_eq!(key["geo_policy"], json!("any"));
    assert_eq!(key["month_to_date_spend_usd"], json!("0"));
    assert!(key.get("monthly_spend_cap_usd").is_none(), "no cap: absent");
    assert!(key.get("organization_id").is_none_or(Value::is_null));

    // The new key authenticates.
    let me = api.get("/v1/auth/me").token(&full_key).send().await;
    assert_eq!(me.expect(200)["email"], json!(nexevo_sandbox::DEMO_EMAIL));
    let used = api
        .get(&format!("/v1/keys/{key_id}"))
        .token(&full_key)
        .send()
        .await;
    let shown = used.expect(200);
    assert_eq!(shown["prefix"], json!(prefix));
    assert!(shown["last_used_at"].is_string(), "{shown}");

    let list = api.get("/v1/keys").token(&demo).send().await;
    let listed = list.expect(200)["data"].as_array().unwrap().clone();
    assert_eq!(listed.len(), 2, "the demo's own key and the new one");
    assert_eq!(id(&listed[0]), key_id, "newest first");
    for path in ["spend-cap", "alert-webhook", "geo-policy"] {
        let body = match path {
            "spend-cap" => json!({ "monthly_spend_cap_usd": "10" }),
            "alert-webhook" => json!({ "url": "https://example.com/alert" }),
            _ => json!({ "geo_policy": "overseas-only" }),
        };
        api.put(&format!("/v1/keys/{key_id}/{path}"))
            .token(&demo)
            .json(body)
            .send()
            .await
            .expect(200);
    }
    api.delete(&format!("/v1/keys/{key_id}"))
        .token(&demo)
        .send()
        .await
        .expect(200);
    api.get("/v1/keys").token(&demo).send().await.expect(200);

    let later = api.bodies_since(mark);
    assert!(later.len() >= 8);
    for body in later {
        assert!(
            !body.contains(&full_key),
            "the full key appeared again: {body}"
        );
    }
}

#[tokio::test]
async fn a_revoked_key_stops_authenticating() {
    let (sandbox, api, demo) = start().await;
    let NewKey { full_key, key } = api
        .create_key(&demo, json!({ "name": "short-lived" }))
        .await;
    let key_id = id(&key);
    api.get("/v1/billing/balance")
        .token(&full_key)
        .send()
        .await
        .expect(200);

    let revoked = api
        .delete(&format!("/v1/keys/{key_id}"))
        .token(&demo)
        .send()
        .await;
    let revoked = revoked.expect(200).clone();
    assert_eq!(revoked["status"], json!("revoked"));
    assert!(revoked["revoked_at"].is_string());
    assert_eq!(sandbox.counters("revoke_key").applied, 1);

    for (method, path) in [
        (Method::GET, "/v1/billing/balance"),
        (Method::GET, "/v1/auth/me"),
        (Method::GET, "/v1/keys"),
    ] {
        let reply = api.request(method, path).token(&full_key).send().await;
        reply.expect_error(401, "unauthorized");
    }
    let reply = api
        .post("/v1/chat/completions")
        .token(&full_key)
        .json(json!({ "model": "nexevo/fast", "messages": [{ "role": "user", "content": "hi" }] }))
        .send()
        .await;
    reply.expect_error(401, "unauthorized");

    // Revoking again changes nothing and answers the same.
    let again = api
        .delete(&format!("/v1/keys/{key_id}"))
        .token(&demo)
        .send()
        .await;
    assert_eq!(again.expect(200), &revoked);
    assert_eq!(sandbox.counters("revoke_key").applied, 1);
    let listed = api.get("/v1/keys").token(&demo).send().await;
    let listed = listed.expect(200)["data"].as_array().unwrap().clone();
    assert!(
        listed
            .iter()
            .any(|k| id(k) == key_id && k["status"] == json!("revoked"))
    );
    // A key can revoke itself: its next request is refused.
    let NewKey {
        full_key: self_key,
        key,
    } = api.create_key(&demo, json!({ "name": "self" })).await;
    api.delete(&format!("/v1/keys/{}", id(&key)))
        .token(&self_key)
        .send()
        .await
        .expect(200);
    api.get("/v1/keys")
        .token(&self_key)
        .send()
        .await
        .expect_error(401, "unauthorized");
}

#[tokio::test]
async fn spend_caps_keep_their_precision_and_stop_billable_calls() {
    let (sandbox, api, demo) = start().await;
    let NewKey { full_key, key } = api
        .create_key(
            &demo,
            json!({ "name": "capped", "monthly_spend_cap_usd": "100.00", "geo_policy": "cn-only" }),
        )
        .await;
    let key_id = id(&key);
    assert_eq!(key["monthly_spend_cap_usd"], json!("100.00"));
    assert_eq!(key["geo_policy"], json!("cn-only"));
    let reply = api
        .get(&format!("/v1/keys/{key_id}"))
        .token(&demo)
        .send()
        .await;
    assert_eq!(reply.expect(200)["monthly_spend_cap_usd"], json!("100.00"));
    assert!(reply.text.contains(r#""monthly_spend_cap_usd":"100.00""#));
    for cap in ["100.000000", "0.5", "1234567.123456", "0"] {
        let reply = api
            .put(&format!("/v1/keys/{key_id}/spend-cap"))
            .token(&demo)
            .json(json!({ "monthly_spend_cap_usd": cap }))
            .send()
            .await;
        assert_eq!(reply.expect(200)["monthly_spend_cap_usd"], json!(cap));
    }

    // A cap the first call crosses: it is let through, the next one is not.
    let cap = "0.000001";
    api.put(&format!("/v1/keys/{key_id}/spend-cap"))
        .token(&demo)
        .json(json!({ "monthly_spend_cap_usd": cap }))
        .send()
        .await
        .expect(200);
    let first = api
        .chat(&full_key, "nexevo/balanced", "spend a little")
        .await;
    let cost = money(&first["nexevo"]["cost_usd"]);
    let chat = || {
        api.post("/v1/chat/completions").token(&full_key).json(
            json!({ "model": "nexevo/fast", "messages": [{ "role": "user", "content": "more" }] }),
        )
    };
    let refused = chat().send().await;
    let error = refused.expect_error(402, "spend_cap_exceeded");
    assert!(error["message"].as_str().unwrap().contains(cap), "{error}");
    let streamed = api
        .post("/v1/chat/completions")
        .token(&full_key)
        .json(json!({ "model": "nexevo/fast", "stream": true, "messages": [{ "role": "user", "content": "more" }] }))
        .send()
        .await;
    streamed.expect_error(402, "spend_cap_exceeded");

    // Account operations keep working with the capped key.
    api.get("/v1/billing/balance")
        .token(&full_key)
        .send()
        .await
        .expect(200);
    api.get("/v1/billing/usage")
        .token(&full_key)
        .send()
        .await
        .expect(200);
    api.get("/v1/keys")
        .token(&full_key)
        .send()
        .await
        .expect(200);
    let shown = api
        .get(&format!("/v1/keys/{key_id}"))
        .token(&full_key)
        .send()
        .await;
    assert_eq!(money(&shown.expect(200)["month_to_date_spend_usd"]), cost);
    api.get("/v1/models")
        .token(&full_key)
        .send()
        .await
        .expect(200);
    // Other keys of the account are not capped by it.
    api.chat(&demo, "nexevo/fast", "the demo key is not capped")
        .await;

    // Raising the cap above the month's spend lets calls through.
    api.put(&format!("/v1/keys/{key_id}/spend-cap"))
        .token(&demo)
        .json(json!({ "monthly_spend_cap_usd": "1" }))
        .send()
        .await
        .expect(200);
    chat().send().await.expect(200);
    api.put(&format!("/v1/keys/{key_id}/spend-cap"))
        .token(&demo)
        .json(json!({ "monthly_spend_cap_usd": cap }))
        .send()
        .await
        .expect(200);
    chat().send().await.expect_error(402, "spend_cap_exceeded");

    // Clearing the cap lets calls through.
    let cleared = api
        .put(&format!("/v1/keys/{key_id}/spend-cap"))
        .token(&demo)
        .json(json!({ "clear": true }))
        .send()
        .await;
    assert!(cleared.expect(200).get("monthly_spend_cap_usd").is_none());
    chat().send().await.expect(200);

    // Capped again, then a new month starts: the month's spend starts from zero.
    api.put(&format!("/v1/keys/{key_id}/spend-cap"))
        .token(&demo)
        .json(json!({ "monthly_spend_cap_usd": cap }))
        .send()
        .await
        .expect(200);
    chat().send().await.expect_error(402, "spend_cap_exceeded");
    sandbox.advance_clock(Duration::from_secs(32 * 24 * 3600));
    let shown = api
        .get(&format!("/v1/keys/{key_id}"))
        .token(&full_key)
        .send()
        .await;
    assert_eq!(
        money(&shown.expect(200)["month_to_date_spend_usd"]),
        Decimal::ZERO
    );
    chat().send().await.expect(200);
    chat().send().await.expect_error(402, "spend_cap_exceeded");

    // Exactly one of the cap and `clear`.
    for body in [
        json!({}),
        json!({ "clear": false }),
        json!({ "monthly_spend_cap_usd": "5", "clear": true }),
    ] {
        let reply = api
            .put(&format!("/v1/keys/{key_id}/spend-cap"))
            .token(&demo)
            .json(body)
            .send()
            .await;
        reply.expect_invalid("monthly_spend_cap_usd");
    }
    // A decimal *string* matching the pattern: not a number, an exponent, a sign or null.
    for cap in [
        json!("-1"),
        json!("12345678"),
        json!("1.1234567"),
        json!("abc"),
        json!("1e3"),
        json!("+5"),
        json!("1_000"),
        json!(""),
        json!(100),
        json!(null),
    ] {
        let reply = api
            .put(&format!("/v1/keys/{key_id}/spend-cap"))
            .token(&demo)
            .json(json!({ "monthly_spend_cap_usd": cap }))
            .send()
            .await;
        reply.expect_invalid("monthly_spend_cap_usd");
    }
}

#[tokio::test]
async fn alert_webhooks_must_be_https_or_a_local_receiver() {
    let (_sandbox, api, demo) = start().await;
    let key = api.create_key(&demo, json!({ "name": "hooked" })).await.key;
    let path = format!("/v1/keys/{}/alert-webhook", id(&key));
    let set = api
        .put(&path)
        .token(&demo)
        .json(json!({ "url": "https://your-app.com/billing-alert" }))
        .send()
        .await;
    assert_eq!(
        set.expect(200)["key"]["alert_webhook_url"],
        json!("https://your-app.com/billing-alert")
    );
    assert!(
        set.body["signing_secret"]
            .as_str()
            .is_some_and(|s| s.starts_with("whsec_"))
    );
    for local in [
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://localhost:1",
    ] {
        let reply = api
            .put(&path)
            .token(&demo)
            .json(json!({ "url": local }))
            .send()
            .await;
        assert_eq!(reply.expect(200)["key"]["alert_webhook_url"], json!(local));
    }
    for url in [
        json!("http://your-app.com/billing-alert"),
        json!("http://127.0.0.1.evil.com/hook"),
        json!("http://localhost:99999x"),
        json!("ftp://your-app.com"),
        json!("https://"),
        json!("https://a b.com"),
        json!(42),
    ] {
        let reply = api
            .put(&path)
            .token(&demo)
            .json(json!({ "url": url }))
            .send()
            .await;
        reply.expect_invalid("url");
    }
    // `url` is required, even though it may be null.
    api.put(&path)
        .token(&demo)
        .json(json!({}))
        .send()
        .await
        .expect_invalid("url");
    let unchanged = api
        .get(&format!("/v1/keys/{}", id(&key)))
        .token(&demo)
        .send()
        .await;
    assert_eq!(
        unchanged.expect(200)["alert_webhook_url"],
        json!("http://localhost:1"),
        "the refused ones changed nothing"
    );
    let cleared = api
        .put(&path)
        .token(&demo)
        .json(json!({ "url": null }))
        .send()
        .await;
    let cleared = cleared.expect(200);
    assert!(
        cleared["key"]
            .get("alert_webhook_url")
            .is_none_or(Value::is_null)
    );
    assert!(cleared["signing_secret"].is_null());
}

#[tokio::test]
async fn geo_policies() {
    let (_sandbox, api, demo) = start().await;
    let key = api.create_key(&demo, json!({ "name": "routed" })).await.key;
    let path = format!("/v1/keys/{}/geo-policy", id(&key));
    for policy in ["cn-only", "overseas-only", "any"] {
        let reply = api
            .put(&path)
            .token(&demo)
            .json(json!({ "geo_policy": policy }))
            .send()
            .await;
        assert_eq!(reply.expect(200)["geo_policy"], json!(policy));
    }
    for policy in [json!("mars-only"), json!(""), json!(null), json!(1)] {
        let reply = api
            .put(&path)
            .token(&demo)
            .json(json!({ "geo_policy": policy }))
            .send()
            .await;
        reply.expect_invalid("geo_policy");
    }
    let reply = api
        .post("/v1/keys")
        .token(&demo)
        .json(json!({ "name": "bad", "geo_policy": "moon" }))
        .send()
        .await;
    reply.expect_invalid("geo_policy");
}

#[tokio::test]
async fn keys_are_listed_newest_first_page_by_page() {
    let (_sandbox, api, demo) = start().await;
    let mut created = Vec::new();
    for n in 0..7 {
        let key = api
            .create_key(&demo, json!({ "name": format!("key-{n}") }))
            .await
            .key;
        created.push(id(&key));
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(cursor) => format!("/v1/keys?limit=3&cursor={cursor}"),
            None => "/v1/keys?limit=3".to_owned(),
        };
        let reply = api.get(&path).token(&demo).send().await;
        let page = reply.expect(200);
        let data = page["data"].as_array().unwrap();
        assert!(data.len() <= 3);
        seen.extend(data.iter().map(id));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 8, "seven new keys and the demo's: {seen:?}");
    let mut newest_first = created.clone();
    newest_first.reverse();
    assert_eq!(&seen[..7], &newest_first[..]);
}

#[tokio::test]
async fn another_accounts_key_is_not_found() {
    let (sandbox, api, demo) = start().await;
    let other = account(&sandbox, dec!(1));
    let key = api
        .create_key(other.api_key.expose(), json!({ "name": "theirs" }))
        .await
        .key;
    let key_id = id(&key);
    let not_found = |reply: Reply| {
        reply.expect_error(404, "not_found");
    };
    not_found(
        api.get(&format!("/v1/keys/{key_id}"))
            .token(&demo)
            .send()
            .await,
    );
    not_found(
        api.delete(&format!("/v1/keys/{key_id}"))
            .token(&demo)
            .send()
            .await,
    );
    for (path, body) in [
        ("spend-cap", json!({ "clear": true })),
        ("alert-webhook", json!({ "url": null })),
        ("geo-policy", json!({ "geo_policy": "any" })),
    ] {
        not_found(
            api.put(&format!("/v1/keys/{key_id}/{path}"))
                .token(&demo)
                .json(body)
                .send()
                .await,
        );
    }
    not_found(
        api.get("/v1/keys/key_doesnotexist")
            .token(&demo)
            .send()
            .await,
    );
    // Theirs still works.
    api.get(&format!("/v1/keys/{key_id}"))
        .token(other.api_key.expose())
        .send()
        .await
        .expect(200);
}

#[tokio::test]
async fn an_organizations_keys() {
    let (sandbox, api, owner) = start().await;
    let org = api.new_organization(&owner).await;
    let personal_keys = api.get("/v1/keys").token(&owner).send().await;
    let personal_count = personal_keys.expect(200)["data"].as_array().unwrap().len();

    let reply = api
        .post("/v1/keys")
        .token(&owner)
        .org(&org)
        .json(json!({ "name": "acme-prod" }))
        .send()
        .await;
    let created = reply.expect(201).clone();
    let org_full_key = created["full_key"].as_str().unwrap().to_owned();
    let org_key_id = id(&created["key"]);
    assert_eq!(created["key"]["organization_id"], json!(org));

    let listed = api.get("/v1/keys").token(&owner).org(&org).send().await;
    let listed = listed.expect(200)["data"].as_array().unwrap().clone();
    assert_eq!(
        listed.iter().map(id).collect::<Vec<_>>(),
        vec![org_key_id.clone()]
    );
    let personal = api.get("/v1/keys").token(&owner).send().await;
    let personal = personal.expect(200)["data"].as_array().unwrap().clone();
    assert_eq!(
        personal.len(),
        personal_count,
        "not among the personal keys"
    );
    // In the personal context the organization's key is not found, and vice versa.
    api.get(&format!("/v1/keys/{org_key_id}"))
        .token(&owner)
        .send()
        .await
        .expect_error(404, "not_found");
    let personal_id = id(&personal[0]);
    api.get(&format!("/v1/keys/{personal_id}"))
        .token(&owner)
        .org(&org)
        .send()
        .await
        .expect_error(404, "not_found");
    api.get(&format!("/v1/keys/{org_key_id}"))
        .token(&owner)
        .org(&org)
        .send()
        .await
        .expect(200);

    // The organization's key bills the organization.
    api.post("/v1/billing/checkout")
        .token(&owner)
        .org(&org)
        .json(json!({ "amount_usd": 10, "idempotency_key": "acme-1" }))
        .send()
        .await
        .expect(201);
    let completion = api
        .chat(&org_full_key, "nexevo/fast", "on the company")
        .await;
    let cost = money(&completion["nexevo"]["cost_usd"]);
    let org_balance = api
        .get("/v1/billing/balance")
        .token(&org_full_key)
        .send()
        .await;
    let org_balance = org_balance.expect(200);
    assert_eq!(org_balance["organization_id"], json!(org));
    assert_eq!(money(&org_balance["balance_usd"]), dec!(10) - cost);

    // A developer reads the organization's keys but does not manage them.
    let developer = account(&sandbox, dec!(1));
    api.add_member(&owner, &org, &developer.email, "developer")
        .await;
    let dev = developer.api_key.expose();
    api.get("/v1/keys")
        .token(dev)
        .org(&org)
        .send()
        .await
        .expect(200);
    api.get(&format!("/v1/keys/{org_key_id}"))
        .token(dev)
        .org(&org)
        .send()
        .await
        .expect(200);
    let forbidden = |reply: Reply| {
        reply.expect_error(403, "forbidden");
    };
    manages_no_key(&api, dev, &org, &org_key_id, "dev-key").await;

    // Someone outside the organization gets 403 on every key operation in its context.
    let outsider = account(&sandbox, dec!(1));
    let out = outsider.api_key.expose();
    forbidden(api.get("/v1/keys").token(out).org(&org).send().await);
    forbidden(
        api.get(&format!("/v1/keys/{org_key_id}"))
            .token(out)
            .org(&org)
            .send()
            .await,
    );
    manages_no_key(&api, out, &org, &org_key_id, "intruder").await;
}

/// `token` may not create a key named `name` in `org`, nor revoke or change its key `key_id`:
/// each is 403 `forbidden`.
async fn manages_no_key(api: &Api, token: &str, org: &str, key_id: &str, name: &str) {
    let forbidden = |reply: Reply| {
        reply.expect_error(403, "forbidden");
    };
    forbidden(
        api.post("/v1/keys")
            .token(token)
            .org(org)
            .json(json!({ "name": name }))
            .send()
            .await,
    );
    forbidden(
        api.delete(&format!("/v1/keys/{key_id}"))
            .token(token)
            .org(org)
            .send()
            .await,
    );
    for (path, body) in [
        ("spend-cap", json!({ "clear": true })),
        ("alert-webhook", json!({ "url": null })),
        ("geo-policy", json!({ "geo_policy": "any" })),
    ] {
        forbidden(
            api.put(&format!("/v1/keys/{key_id}/{path}"))
                .token(token)
                .org(org)
                .json(body)
                .send()
                .await,
        );
    }
}

#[tokio::test]
async fn creating_a_key_checks_its_fields() {
    let (_sandbox, api, demo) = start().await;
    for (body, field) in [
        (json!({}), "name"),
        (json!({ "name": "" }), "name"),
        (json!({ "name": "x".repeat(101) }), "name"),
        (json!({ "name": 7 }), "name"),
        (
            json!({ "name": "ok", "monthly_spend_cap_usd": "1.1234567" }),
            "monthly_spend_cap_usd",
        ),
        (
            json!({ "name": "ok", "monthly_spend_cap_usd": "-1" }),
            "monthly_spend_cap_usd",
        ),
        (
            json!({ "name": "ok", "monthly_spend_cap_usd": 100 }),
            "monthly_spend_cap_usd",
        ),
    ] {
        let reply = api.post("/v1/keys").token(&demo).json(body).send().await;
        reply.expect_invalid(field);
    }
    let key = api
        .create_key(&demo, json!({ "name": "x".repeat(100) }))
        .await
        .key;
    assert_eq!(key["name"].as_str().unwrap().len(), 100);
}
