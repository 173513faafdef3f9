//! Conversations through the SDK against the sandbox: every operation and its errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use futures_util::TryStreamExt;
use nexevo::conversations::*;
use nexevo::{ErrorCode, Paginated};
use nexevo_e2e::{build, builder_for, sandbox};
use rust_decimal_macros::dec;
use serde_json::json;

#[tokio::test]
async fn create_append_list_get_update_delete() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let conversation = client
        .conversations()
        .create()
        .title("My Session")
        .metadata(json!({ "user_id": "u_42", "topic": "billing" }))
        .await
        .unwrap();
    let id = conversation.conversation_id.clone();
    assert_eq!(conversation.title.as_deref(), Some("My Session"));
    assert_eq!(conversation.metadata.0["topic"], "billing");

    for (role, text) in [
        (MessageRole::User, "Hello!"),
        (MessageRole::Assistant, "Hi."),
        (MessageRole::Tool, "42"),
    ] {
        let stored = client
            .conversations()
            .append_message(&id, role.clone(), text)
            .await
            .unwrap();
        assert_eq!(stored.role, role);
    }
    assert_eq!(
        sandbox.counters("create_chat_completion").received,
        0,
        "appending never calls a model"
    );

    let detail = client.conversations().get(&id).await.unwrap();
    assert_eq!(detail.messages.len(), 3);
    assert_eq!(detail.messages[0].content, "Hello!");
    assert!(!detail.has_more_messages);

    let listed = client.conversations().list().limit(20).await.unwrap();
    assert_eq!(listed.items[0].conversation_id, id);

    let updated = client
        .conversations()
        .update(&id)
        .title("Renamed")
        .metadata(json!({ "v": 2 }))
        .await
        .unwrap();
    assert_eq!(updated.title.as_deref(), Some("Renamed"));
    assert_eq!(
        updated.metadata.0,
        json!({ "v": 2 }).as_object().unwrap().clone()
    );

    let deleted = client.conversations().delete(&id).await.unwrap();
    assert!(deleted.deleted);
    assert_eq!(
        client.conversations().get(&id).await.unwrap_err().status(),
        Some(404)
    );
}

#[tokio::test]
async fn messages_and_conversations_page_by_cursor() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let id = client
        .conversations()
        .create()
        .await
        .unwrap()
        .conversation_id;
    for index in 0..45 {
        client
            .conversations()
            .append_message(&id, MessageRole::User, format!("message {index}"))
            .await
            .unwrap();
    }
    let first = client
        .conversations()
        .list_messages(&id)
        .limit(20)
        .await
        .unwrap();
    assert_eq!(first.items.len(), 20);
    let second = client
        .conversations()
        .list_messages(&id)
        .limit(20)
        .cursor(first.next_cursor.unwrap())
        .await
        .unwrap();
    assert_eq!(second.items[0].content, "message 20");
    let all: Vec<StoredMessage> = client
        .conversations()
        .list_messages(&id)
        .limit(7)
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    let texts: Vec<String> = all.iter().map(|m| m.content.clone()).collect();
    assert_eq!(
        texts,
        (0..45).map(|i| format!("message {i}")).collect::<Vec<_>>()
    );

    for _ in 0..4 {
        client.conversations().create().await.unwrap();
    }
    let conversations: Vec<Conversation> = client
        .conversations()
        .list()
        .limit(2)
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(conversations.len(), 5);
}

#[tokio::test]
async fn metadata_must_be_an_object_of_at_most_4_kb() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let error = client
        .conversations()
        .create()
        .metadata(json!(["not", "an", "object"]))
        .await
        .unwrap_err();
    assert_eq!(error.field(), Some("metadata"));
    let big = json!({ "blob": "x".repeat(4100) });
    let error = client
        .conversations()
        .create()
        .metadata(big)
        .await
        .unwrap_err();
    assert_eq!(error.field(), Some("metadata"));
    let error = client.conversations().create().title("").await.unwrap_err();
    assert_eq!(error.field(), Some("title"));
    let error = client
        .conversations()
        .append_message("conv_1", MessageRole::User, "")
        .await
        .unwrap_err();
    assert_eq!(error.field(), Some("content"));
    let error = client
        .conversations()
        .get("not-a-conversation")
        .await
        .unwrap_err();
    assert_eq!(error.field(), Some("conversation_id"));
    assert_eq!(
        sandbox.total_counters().received,
        0,
        "refused before sending"
    );
}

#[tokio::test]
async fn another_accounts_conversation_is_not_found() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let id = client
        .conversations()
        .create()
        .title("mine")
        .await
        .unwrap()
        .conversation_id;
    let other = sandbox
        .create_account("other@acme.com", "other-password", dec!(1))
        .unwrap();
    let stranger = build(builder_for(&sandbox, other.api_key.expose()));
    for error in [
        stranger.conversations().get(&id).await.unwrap_err(),
        stranger
            .conversations()
            .update(&id)
            .title("theirs")
            .await
            .unwrap_err(),
        stranger.conversations().delete(&id).await.unwrap_err(),
        stranger
            .conversations()
            .append_message(&id, MessageRole::User, "hi")
            .await
            .unwrap_err(),
        stranger
            .conversations()
            .list_messages(&id)
            .await
            .unwrap_err(),
    ] {
        assert_eq!(
            (error.status(), error.code()),
            (Some(404), Some(&ErrorCode::NotFound)),
            "{error}"
        );
    }
    assert!(
        stranger
            .conversations()
            .list()
            .await
            .unwrap()
            .items
            .is_empty()
    );
    let nobody = build(builder_for(&sandbox, "nx-live-unknown"));
    assert_eq!(
        nobody.conversations().list().await.unwrap_err().status(),
        Some(401)
    );
}
