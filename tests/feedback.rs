//! Feedback through the SDK against the sandbox: on a generation id, on a completion or a
//! collected stream, and the summary.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use nexevo::chat::{ChatExt, ChatRequest, Model};
use nexevo::feedback::*;
use nexevo_e2e::{build, builder_for, sandbox};
use rust_decimal_macros::dec;

#[tokio::test]
async fn rate_completions_and_streams_then_summarise() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let completion = client
        .chat()
        .completions()
        .create(ChatRequest::new(Model::BALANCED).user("Hello!"))
        .await
        .unwrap();
    let stored = client
        .feedback()
        .submit(completion.generation_id(), Rating::Up)
        .comment("Helpful!")
        .tags(["accurate"])
        .await
        .unwrap();
    assert_eq!(*stored.rating, 1);
    assert_eq!(stored.comment.as_deref(), Some("Helpful!"));

    let streamed = client
        .chat()
        .completions()
        .create_stream(ChatRequest::new(Model::FAST).user("Hi"))
        .await
        .unwrap()
        .collect_message()
        .await
        .unwrap();
    let stored = client
        .feedback()
        .submit_for(&streamed, Rating::Down)
        .tags(["too_verbose", "irrelevant"])
        .await
        .unwrap();
    assert_eq!(*stored.rating, -1);
    let another = client
        .chat()
        .completions()
        .create(ChatRequest::new(Model::FAST).user("Again"))
        .await
        .unwrap();
    client
        .feedback()
        .submit_for(&another, Rating::Up)
        .tags(["accurate"])
        .await
        .unwrap();

    let summary = client.feedback().summary().days(7).await.unwrap();
    assert_eq!((summary.total, summary.up, summary.down), (3, 2, 1));
    assert_eq!(summary.by_tag.get("accurate"), Some(&2));
    assert_eq!(summary.by_tag.get("too_verbose"), Some(&1));
    assert_eq!(
        client.feedback().summary().await.unwrap().days,
        7,
        "7 days by default"
    );
}

/// Thumbs down on what one backend served moves the account's later requests of that tier to
/// another, which the SDK shows on each completion and a collected stream, and the summary
/// counts per backend; another account's routing is its own.
#[tokio::test]
async fn feedback_moves_the_routing_and_the_summary_counts_it_per_backend() {
    use nexevo::chat::RoutingReason;

    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let ask = || {
        client
            .chat()
            .completions()
            .create(ChatRequest::new(Model::BALANCED).user("route me"))
    };
    let mut before = Vec::new();
    for _ in 0..3 {
        let completion = ask().await.unwrap();
        assert_eq!(completion.routed_model(), "nexevo-balanced-1");
        assert_eq!(completion.routing_reason(), Some(&RoutingReason::Default));
        before.push(completion);
    }
    for completion in &before {
        client
            .feedback()
            .submit_for(completion, Rating::Down)
            .await
            .unwrap();
    }
    let mut moved = 0;
    for _ in 0..20 {
        let completion = ask().await.unwrap();
        if completion.routed_model() == "nexevo-balanced-2" {
            assert_eq!(completion.routing_reason(), Some(&RoutingReason::Learned));
            moved += 1;
        } else {
            assert_eq!(completion.routing_reason(), Some(&RoutingReason::Exploring));
        }
    }
    assert!(moved >= 12, "{moved} of 20 moved");
    let streamed = client
        .chat()
        .completions()
        .create_stream(ChatRequest::new(Model::BALANCED).user("streamed"))
        .await
        .unwrap()
        .collect_message()
        .await
        .unwrap();
    assert!(streamed.routing_reason.is_some(), "{streamed:?}");
    assert!(streamed.routed_model.is_some(), "{streamed:?}");

    let summary = client.feedback().summary().await.unwrap();
    assert_eq!(summary.by_model.len(), 1, "{summary:?}");
    let backend = &summary.by_model[0];
    assert_eq!(
        (backend.routed_model.as_str(), backend.up, backend.down),
        ("nexevo-balanced-1", 0, 3)
    );

    let other = sandbox
        .create_account("other@example.com", "password-1234", dec!(10))
        .unwrap();
    let theirs = build(builder_for(&sandbox, other.api_key.expose()));
    let completion = theirs
        .chat()
        .completions()
        .create(ChatRequest::new(Model::BALANCED).user("route me"))
        .await
        .unwrap();
    assert_eq!(completion.routed_model(), "nexevo-balanced-1");
    assert_eq!(completion.routing_reason(), Some(&RoutingReason::Default));
}

#[tokio::test]
async fn only_the_callers_own_generations_can_be_rated() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let error = client
        .feedback()
        .submit("gen_doesnotexist", Rating::Up)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(404));
    let completion = client
        .chat()
        .completions()
        .create(ChatRequest::new(Model::FAST).user("Hi"))
        .await
        .unwrap();
    let other = sandbox
        .create_account("other@acme.com", "other-password", dec!(1))
        .unwrap();
    let stranger = build(builder_for(&sandbox, other.api_key.expose()));
    let error = stranger
        .feedback()
        .submit_for(&completion, Rating::Up)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(404));
}

#[tokio::test]
async fn comments_tags_and_days_are_checked_before_sending() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let cases = [
        (
            client
                .feedback()
                .submit("gen_1", Rating::Up)
                .comment("x".repeat(2001))
                .await
                .unwrap_err(),
            "comment",
        ),
        (
            client
                .feedback()
                .submit("gen_1", Rating::Up)
                .tags(["Not A Tag"])
                .await
                .unwrap_err(),
            "tags[0]",
        ),
        (
            client
                .feedback()
                .submit("gen_1", Rating::Up)
                .tags(["a", "a"])
                .await
                .unwrap_err(),
            "tags",
        ),
        (
            client
                .feedback()
                .submit("gen_1", Rating::Up)
                .tags((0..11).map(|i| format!("t{i}")))
                .await
                .unwrap_err(),
            "tags",
        ),
        (
            client
                .feedback()
                .submit("not-a-generation", Rating::Up)
                .await
                .unwrap_err(),
            "generation_id",
        ),
        (
            client.feedback().summary().days(0).await.unwrap_err(),
            "days",
        ),
    ];
    for (error, field) in cases {
        assert_eq!(error.field(), Some(field), "{error}");
    }
    assert_eq!(sandbox.total_counters().received, 0);
}
