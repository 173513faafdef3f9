//! Load: 1,000 requests in flight at once, mixed across every area, through clones of one
//! client against the sandbox: every one succeeds, and they share one connection pool.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)] // a test reports by panicking

use std::time::Instant;

use nexevo::chat::{ChatRequest, Model};
use nexevo::conversations::MessageRole;
use nexevo::prelude::*;
use nexevo::{Client, Error};
use nexevo_e2e::{build, sandbox};

const REQUESTS: usize = 1_000;

async fn one(client: Client, index: usize, conversation: String) -> Result<(), Error> {
    match index % 10 {
        0 => client.billing().balance().await.map(drop),
        1 => client.billing().usage().days(7).await.map(drop),
        2 => client.keys().list().await.map(drop),
        3 => client.auth().me().await.map(drop),
        4 => client.chat().models().await.map(drop),
        5 => client.conversations().list().await.map(drop),
        6 => client.feedback().summary().await.map(drop),
        7 => client
            .chat()
            .completions()
            .create(ChatRequest::new(Model::FAST).user(format!("hello {index}")))
            .await
            .map(drop),
        8 => client
            .conversations()
            .append_message(conversation, MessageRole::User, format!("message {index}"))
            .await
            .map(drop),
        _ => client.organizations().list().await.map(drop),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_requests_through_one_client_all_succeed() {
    // Each request in flight holds a socket at both ends; make sure the process may open them.
    let _ = rlimit::increase_nofile_limit(4 * REQUESTS as u64);
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let conversation = client
        .conversations()
        .create()
        .await
        .unwrap()
        .conversation_id
        .to_string();
    let started = Instant::now();
    let tasks: Vec<_> = (0..REQUESTS)
        .map(|index| tokio::spawn(one(client.clone(), index, conversation.clone())))
        .collect();
    let mut failures = Vec::new();
    for task in tasks {
        if let Err(error) = task.await.unwrap() {
            failures.push(error.to_string());
        }
    }
    let elapsed = started.elapsed();
    assert!(
        failures.is_empty(),
        "{} of {REQUESTS} failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    let received = sandbox.total_counters().received;
    assert_eq!(received, REQUESTS as u64 + 1);
    let detail = client.conversations().get(conversation).await.unwrap();
    assert_eq!(detail.message_count, 100, "every append applied once");
    println!(
        "{REQUESTS} concurrent requests: 0 errors in {elapsed:?}; {} connections opened by one client's pool",
        sandbox.connections_accepted()
    );
}
