//! Conversations: create, read, update, delete, append and list messages, pagination, metadata limits, privacy.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::collections::HashSet;

use crate::common::*;

fn id(conversation: &Value) -> String {
    conversation["conversation_id"].as_str().unwrap().to_owned()
}

async fn append(api: &Api, token: &str, conversation: &str, role: &str, content: &str) -> Value {
    let reply = api
        .post(&format!("/v1/conversations/{conversation}/messages"))
        .token(token)
        .json(json!({ "role": role, "content": content }))
        .send()
        .await;
    reply.expect(201).clone()
}

/// Every page of a listing, following `next_cursor`; answers the items in order.
async fn all_pages(api: &Api, token: &str, path: &str, limit: usize) -> (Vec<Value>, usize) {
    let mut items = Vec::new();
    let mut pages = 0;
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(cursor) => format!("{path}?limit={limit}&cursor={cursor}"),
            None => format!("{path}?limit={limit}"),
        };
        let reply = api.get(&url).token(token).send().await;
        let page = reply.expect(200);
        let data = page["data"].as_array().unwrap();
        assert!(data.len() <= limit);
        pages += 1;
        items.extend(data.iter().cloned());
        match page["next_cursor"].as_str() {
            Some(next) => {
                assert_eq!(data.len(), limit, "only the last page is short");
                cursor = Some(next.to_owned());
            }
            None => break,
        }
    }
    (items, pages)
}

#[tokio::test]
async fn create_read_update_delete() {
    let (sandbox, api, key) = start().await;
    let conversation = api
        .create_conversation(
            &key,
            json!({ "title": "My Session", "metadata": { "user_id": "u_42", "topic": "billing" } }),
        )
        .await;
    let conversation_id = id(&conversation);
    assert_eq!(conversation["title"], json!("My Session"));
    assert_eq!(
        conversation["metadata"],
        json!({ "user_id": "u_42", "topic": "billing" })
    );
    assert_eq!(conversation["message_count"], json!(0));
    let path = format!("/v1/conversations/{conversation_id}");

    let detail = api.get(&path).token(&key).send().await;
    let detail = detail.expect(200);
    assert_eq!(detail["messages"], json!([]));
    assert_eq!(detail["has_more_messages"], json!(false));
    assert_eq!(detail["title"], json!("My Session"));

    // An empty conversation needs nothing.
    let empty = api.create_conversation(&key, json!({})).await;
    assert!(empty.get("title").is_none_or(Value::is_null));
    assert_eq!(empty["metadata"], json!({}));

    // Fields left out are unchanged; the same update twice has the same effect as once.
    let renamed = api
        .patch(&path)
        .token(&key)
        .json(json!({ "title": "Renamed session" }))
        .send()
        .await;
    let renamed = renamed.expect(200).clone();
    assert_eq!(renamed["title"], json!("Renamed session"));
    assert_eq!(renamed["metadata"], conversation["metadata"]);
    let again = api
        .patch(&path)
        .token(&key)
        .json(json!({ "title": "Renamed session" }))
        .send()
        .await;
    let again = again.expect(200);
    for field in [
        "conversation_id",
        "title",
        "metadata",
        "message_count",
        "created_at",
    ] {
        assert_eq!(again[field], renamed[field], "{field}");
    }
    let replaced = api
        .patch(&path)
        .token(&key)
        .json(json!({ "metadata": { "topic": "support" } }))
        .send()
        .await;
    let replaced = replaced.expect(200);
    assert_eq!(
        replaced["metadata"],
        json!({ "topic": "support" }),
        "replaced, not merged"
    );
    assert_eq!(replaced["title"], json!("Renamed session"));

    // Appending only stores: no model is called, nothing is charged.
    let balance = api.get("/v1/billing/balance").token(&key).send().await;
    let balance = balance.expect(200)["balance_usd"].clone();
    let message = append(&api, &key, &conversation_id, "user", "Hello!").await;
    assert_eq!(message["conversation_id"], json!(conversation_id));
    assert_eq!(message["role"], json!("user"));
    assert_eq!(message["content"], json!("Hello!"));
    append(&api, &key, &conversation_id, "assistant", "Hi there!").await;
    assert_eq!(sandbox.counters("create_chat_completion").received, 0);
    let after = api.get("/v1/billing/balance").token(&key).send().await;
    assert_eq!(after.expect(200)["balance_usd"], balance);

    let detail = api.get(&path).token(&key).send().await;
    let detail = detail.expect(200);
    assert_eq!(detail["message_count"], json!(2));
    let contents: Vec<&str> = detail["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["content"].as_str().unwrap())
        .collect();
    assert_eq!(contents, ["Hello!", "Hi there!"]);

    let deleted = api.delete(&path).token(&key).send().await;
    assert_eq!(
        deleted.expect(200),
        &json!({ "conversation_id": conversation_id, "deleted": true })
    );
    api.get(&path)
        .token(&key)
        .send()
        .await
        .expect_error(404, "not_found");
    api.get(&format!("{path}/messages"))
        .token(&key)
        .send()
        .await
        .expect_error(404, "not_found");
    api.delete(&path)
        .token(&key)
        .send()
        .await
        .expect_error(404, "not_found");
}

#[tokio::test]
async fn conversations_are_listed_most_recent_first_without_gaps_or_duplicates() {
    let (_sandbox, api, key) = start().await;
    let mut created = Vec::new();
    for n in 0..25 {
        created.push(id(&api
            .create_conversation(&key, json!({ "title": format!("c{n}") }))
            .await));
    }
    let (items, pages) = all_pages(&api, &key, "/v1/conversations", 10).await;
    assert_eq!(pages, 3);
    let ids: Vec<String> = items.iter().map(id).collect();
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        25,
        "no duplicates"
    );
    assert_eq!(
        ids.iter().collect::<HashSet<_>>(),
        created.iter().collect::<HashSet<_>>(),
        "no gaps"
    );
    let updated: Vec<&str> = items
        .iter()
        .map(|c| c["updated_at"].as_str().unwrap())
        .collect();
    let mut sorted = updated.clone();
    sorted.sort_by(|a, b| {
        let a: chrono::DateTime<chrono::Utc> = a.parse().unwrap();
        let b: chrono::DateTime<chrono::Utc> = b.parse().unwrap();
        b.cmp(&a)
    });
    assert_eq!(updated, sorted, "most recently updated first");

    // A new message moves its conversation to the front.
    let oldest = created[0].clone();
    append(&api, &key, &oldest, "user", "bump").await;
    let reply = api
        .get("/v1/conversations?limit=1")
        .token(&key)
        .send()
        .await;
    let first = reply.expect(200);
    assert_eq!(id(&first["data"][0]), oldest);
    assert!(first["next_cursor"].is_string());

    // The default page is 20.
    let reply = api.get("/v1/conversations").token(&key).send().await;
    assert_eq!(reply.expect(200)["data"].as_array().unwrap().len(), 20);
    let reply = api
        .get("/v1/conversations?limit=100")
        .token(&key)
        .send()
        .await;
    let page = reply.expect(200);
    assert_eq!(page["data"].as_array().unwrap().len(), 25);
    assert_eq!(page["next_cursor"], Value::Null);

    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=abc", "limit"),
        ("limit=-1", "limit"),
        ("limit=4294967296", "limit"),
        ("cursor=", "cursor"),
        ("cursor=a%20b", "cursor"),
        ("cursor=not_ours", "cursor"),
        ("cursor=c_26", "cursor"),
        (&format!("cursor={}", "c".repeat(513)), "cursor"),
    ] {
        let reply = api
            .get(&format!("/v1/conversations?{query}"))
            .token(&key)
            .send()
            .await;
        reply.expect_invalid(field);
    }
}

#[tokio::test]
async fn messages_are_listed_oldest_first_page_by_page() {
    let (_sandbox, api, key) = start().await;
    let conversation = id(&api
        .create_conversation(&key, json!({ "title": "long" }))
        .await);
    let mut sent = Vec::new();
    for n in 0..101 {
        let role = if n % 2 == 0 { "user" } else { "assistant" };
        let content = format!("message {n}");
        append(&api, &key, &conversation, role, &content).await;
        sent.push(content);
    }
    let path = format!("/v1/conversations/{conversation}/messages");
    for limit in [7, 50, 100] {
        let (items, pages) = all_pages(&api, &key, &path, limit).await;
        assert_eq!(pages, 101usize.div_ceil(limit));
        let contents: Vec<&str> = items
            .iter()
            .map(|m| m["content"].as_str().unwrap())
            .collect();
        assert_eq!(contents, sent, "oldest first, no gaps or duplicates");
        let ids: HashSet<&str> = items
            .iter()
            .map(|m| m["message_id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), 101);
    }
    let detail = api
        .get(&format!("/v1/conversations/{conversation}"))
        .token(&key)
        .send()
        .await;
    let detail = detail.expect(200);
    assert_eq!(detail["message_count"], json!(101));
    assert_eq!(detail["messages"].as_array().unwrap().len(), 100);
    assert_eq!(detail["has_more_messages"], json!(true));
    assert_eq!(detail["messages"][99]["content"], json!("message 99"));

    for (body, field) in [
        (json!({ "role": "user" }), "content"),
        (json!({ "role": "user", "content": "" }), "content"),
        (
            json!({ "role": "user", "content": "x".repeat(100_001) }),
            "content",
        ),
        (json!({ "role": "robot", "content": "hi" }), "role"),
        (json!({ "content": "hi" }), "role"),
    ] {
        api.post(&path)
            .token(&key)
            .json(body)
            .send()
            .await
            .expect_invalid(field);
    }
    let longest = append(&api, &key, &conversation, "tool", &"x".repeat(100_000)).await;
    assert_eq!(longest["role"], json!("tool"));
}

#[tokio::test]
async fn metadata_is_at_most_4_kb() {
    let (_sandbox, api, key) = start().await;
    // `{"k":"…"}` is the value's length plus 8 bytes.
    let exactly = json!({ "k": "x".repeat(4096 - 8) });
    assert_eq!(exactly.to_string().len(), 4096);
    let conversation = api
        .create_conversation(&key, json!({ "metadata": exactly }))
        .await;
    assert_eq!(conversation["metadata"], exactly);
    let over = json!({ "k": "x".repeat(4096 - 7) });
    api.post("/v1/conversations")
        .token(&key)
        .json(json!({ "metadata": over }))
        .send()
        .await
        .expect_invalid("metadata");
    let path = format!("/v1/conversations/{}", id(&conversation));
    api.patch(&path)
        .token(&key)
        .json(json!({ "metadata": over }))
        .send()
        .await
        .expect_invalid("metadata");
    let unchanged = api.get(&path).token(&key).send().await;
    assert_eq!(unchanged.expect(200)["metadata"], exactly);

    let many: serde_json::Map<String, Value> =
        (0..65).map(|n| (format!("k{n}"), json!(n))).collect();
    api.post("/v1/conversations")
        .token(&key)
        .json(json!({ "metadata": many }))
        .send()
        .await
        .expect_invalid("metadata");
    let sixty_four: serde_json::Map<String, Value> =
        (0..64).map(|n| (format!("k{n}"), json!(n))).collect();
    api.create_conversation(&key, json!({ "metadata": sixty_four }))
        .await;
    for metadata in [json!([1, 2]), json!("text"), json!(7)] {
        api.post("/v1/conversations")
            .token(&key)
            .json(json!({ "metadata": metadata }))
            .send()
            .await
            .expect_invalid("metadata");
    }
    for title in [json!(""), json!("t".repeat(201)), json!(5)] {
        api.post("/v1/conversations")
            .token(&key)
            .json(json!({ "title": title }))
            .send()
            .await
            .expect_invalid("title");
        api.patch(&path)
            .token(&key)
            .json(json!({ "title": title }))
            .send()
            .await
            .expect_invalid("title");
    }
}

#[tokio::test]
async fn another_accounts_conversation_is_not_found() {
    let (sandbox, api, key) = start().await;
    let other = account(&sandbox, dec!(1));
    let theirs = id(&api
        .create_conversation(other.api_key.expose(), json!({ "title": "private" }))
        .await);
    append(&api, other.api_key.expose(), &theirs, "user", "secret").await;
    let path = format!("/v1/conversations/{theirs}");
    let messages = format!("{path}/messages");
    let replies = [
        api.get(&path).token(&key).send().await,
        api.patch(&path)
            .token(&key)
            .json(json!({ "title": "mine now" }))
            .send()
            .await,
        api.delete(&path).token(&key).send().await,
        api.get(&messages).token(&key).send().await,
        api.post(&messages)
            .token(&key)
            .json(json!({ "role": "user", "content": "hi" }))
            .send()
            .await,
    ];
    for reply in replies {
        reply.expect_error(404, "not_found");
        assert!(!reply.text.contains("secret"));
    }
    let listed = api.get("/v1/conversations").token(&key).send().await;
    assert_eq!(listed.expect(200)["data"], json!([]));
    // Still theirs, untouched.
    let detail = api.get(&path).token(other.api_key.expose()).send().await;
    let detail = detail.expect(200);
    assert_eq!(detail["title"], json!("private"));
    assert_eq!(detail["message_count"], json!(1));

    // Unknown and malformed ids.
    api.get("/v1/conversations/conv_doesnotexist")
        .token(&key)
        .send()
        .await
        .expect_error(404, "not_found");
    for bad in [
        "conv_",
        "chat_123",
        "conv_a-b",
        &format!("conv_{}", "a".repeat(65)),
    ] {
        api.get(&format!("/v1/conversations/{bad}"))
            .token(&key)
            .send()
            .await
            .expect_invalid("conversation_id");
    }
    for (method, path) in [
        (Method::GET, "/v1/conversations"),
        (Method::GET, "/v1/conversations/conv_x"),
        (Method::DELETE, "/v1/conversations/conv_x"),
        (Method::GET, "/v1/conversations/conv_x/messages"),
    ] {
        api.request(method, path)
            .send()
            .await
            .expect_error(401, "unauthorized");
    }
}
