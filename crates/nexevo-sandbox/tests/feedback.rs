//! Feedback: thumbs up/down on the caller's own generations, and the summary by rating and tag.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::time::Duration;

use crate::common::*;

async fn submit(api: &Api, token: &str, body: Value) -> Reply {
    api.post("/v1/feedback")
        .token(token)
        .json(body)
        .send()
        .await
}

async fn summary(api: &Api, token: &str, query: &str) -> Value {
    let reply = api
        .get(&format!("/v1/feedback/summary{query}"))
        .token(token)
        .send()
        .await;
    reply.expect(200).clone()
}

#[tokio::test]
async fn feedback_on_own_generations_and_its_summary() {
    let (sandbox, api, key) = start().await;
    let empty = summary(&api, &key, "").await;
    assert_eq!(
        empty,
        json!({ "days": 7, "total": 0, "up": 0, "down": 0, "by_tag": {} })
    );

    let first = api.generation_id(&key).await;
    let second = api.generation_id(&key).await;
    let third = api.generation_id(&key).await;
    let reply = submit(
        &api,
        &key,
        json!({ "generation_id": first, "rating": 1, "comment": "Helpful!", "tags": ["accurate"] }),
    )
    .await;
    let stored = reply.expect(201);
    assert_eq!(stored["generation_id"], json!(first));
    assert_eq!(stored["rating"], json!(1));
    assert_eq!(stored["comment"], json!("Helpful!"));
    assert_eq!(stored["tags"], json!(["accurate"]));
    submit(
        &api,
        &key,
        json!({ "generation_id": second, "rating": 1, "tags": ["accurate", "too_verbose"] }),
    )
    .await
    .expect(201);
    let reply = submit(&api, &key, json!({ "generation_id": third, "rating": -1 })).await;
    let stored = reply.expect(201);
    assert_eq!(stored["tags"], json!([]));
    assert!(stored.get("comment").is_none_or(Value::is_null));

    let counted = summary(&api, &key, "?days=1").await;
    assert_eq!(
        counted,
        json!({ "days": 1, "total": 3, "up": 2, "down": 1, "by_tag": { "accurate": 2, "too_verbose": 1 },
                "by_model": [{ "routed_model": "nexevo-fast-1", "tier": "fast", "up": 2, "down": 1 }] })
    );

    // Rating a generation again replaces the earlier rating.
    submit(
        &api,
        &key,
        json!({ "generation_id": first, "rating": -1, "tags": ["incorrect"] }),
    )
    .await
    .expect(201);
    let counted = summary(&api, &key, "").await;
    assert_eq!(
        counted,
        json!({ "days": 7, "total": 3, "up": 1, "down": 2, "by_tag": { "accurate": 1, "too_verbose": 1, "incorrect": 1 },
                "by_model": [{ "routed_model": "nexevo-fast-1", "tier": "fast", "up": 1, "down": 2 }] })
    );

    // Someone else's generation is not the caller's to rate, and their ratings are not counted.
    let other = account(&sandbox, dec!(1));
    let theirs = api.generation_id(other.api_key.expose()).await;
    submit(&api, &key, json!({ "generation_id": theirs, "rating": 1 }))
        .await
        .expect_error(404, "not_found");
    submit(
        &api,
        other.api_key.expose(),
        json!({ "generation_id": theirs, "rating": 1, "tags": ["accurate"] }),
    )
    .await
    .expect(201);
    submit(
        &api,
        other.api_key.expose(),
        json!({ "generation_id": second, "rating": -1 }),
    )
    .await
    .expect_error(404, "not_found");
    assert_eq!(summary(&api, &key, "").await["total"], json!(3));
    assert_eq!(
        summary(&api, other.api_key.expose(), "").await,
        json!({ "days": 7, "total": 1, "up": 1, "down": 0, "by_tag": { "accurate": 1 },
                "by_model": [{ "routed_model": "nexevo-fast-1", "tier": "fast", "up": 1, "down": 0 }] })
    );
    // An unknown generation id.
    submit(
        &api,
        &key,
        json!({ "generation_id": "gen_doesnotexist", "rating": 1 }),
    )
    .await
    .expect_error(404, "not_found");

    // The summary covers the last `days` days.
    sandbox.advance_clock(Duration::from_secs(8 * 24 * 3600));
    assert_eq!(summary(&api, &key, "").await["total"], json!(0));
    assert_eq!(summary(&api, &key, "?days=9").await["total"], json!(3));
    assert_eq!(summary(&api, &key, "?days=90").await["days"], json!(90));
}

#[tokio::test]
async fn feedback_requests_are_checked() {
    let (_sandbox, api, key) = start().await;
    let generation_id = api.generation_id(&key).await;
    let with = |extra: Value| {
        let mut body = json!({ "generation_id": generation_id, "rating": 1 });
        for (name, value) in extra.as_object().unwrap() {
            body[name] = value.clone();
        }
        body
    };
    for (body, field) in [
        (with(json!({ "rating": 0 })), "rating"),
        (with(json!({ "rating": 2 })), "rating"),
        (with(json!({ "rating": "1" })), "rating"),
        (with(json!({ "rating": 1.5 })), "rating"),
        (json!({ "generation_id": generation_id }), "rating"),
        (json!({ "rating": 1 }), "generation_id"),
        (with(json!({ "generation_id": "gen_" })), "generation_id"),
        (with(json!({ "generation_id": "abc" })), "generation_id"),
        (with(json!({ "comment": "" })), "comment"),
        (with(json!({ "comment": "c".repeat(2001) })), "comment"),
        (with(json!({ "tags": ["accurate", "accurate"] })), "tags"),
        (with(json!({ "tags": ["Not A Tag"] })), "tags[0]"),
        (with(json!({ "tags": ["ok", "t".repeat(33)] })), "tags[1]"),
        (
            with(json!({ "tags": (0..11).map(|n| format!("t{n}")).collect::<Vec<_>>() })),
            "tags",
        ),
        (with(json!({ "tags": "accurate" })), "tags"),
    ] {
        submit(&api, &key, body).await.expect_invalid(field);
    }
    let ten: Vec<String> = (0..10).map(|n| format!("t{n}")).collect();
    submit(
        &api,
        &key,
        with(json!({ "tags": ten, "comment": "c".repeat(2000) })),
    )
    .await
    .expect(201);
    for query in ["?days=0", "?days=91", "?days=x"] {
        api.get(&format!("/v1/feedback/summary{query}"))
            .token(&key)
            .send()
            .await
            .expect_invalid("days");
    }
    submit(&api, "nx-live-nope", with(json!({})))
        .await
        .expect_error(401, "unauthorized");
    api.get("/v1/feedback/summary")
        .send()
        .await
        .expect_error(401, "unauthorized");
}
