//! Conversations: create one, append messages, list them page by page, read it back.
//!
//! `cargo run --example conversations` (against `NEXEVO_BASE_URL`/`NEXEVO_API_KEY` when set,
//! else an embedded sandbox).
#![allow(clippy::print_stdout)] // an example shows its results

use futures_util::TryStreamExt;
use nexevo::conversations::*;
use nexevo_examples::Target;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::connect().await?;
    let client = &target.client;
    println!("Conversations, against {}\n", target.describe());

    let conversation = client
        .conversations()
        .create()
        .title("My Session")
        .metadata(serde_json::json!({ "user_id": "u_42", "topic": "billing" }))
        .await?;
    let id = conversation.conversation_id;
    println!("created {id} ({:?})", conversation.title);

    for (role, text) in [
        (MessageRole::User, "Hello!"),
        (MessageRole::Assistant, "Hi, how can I help?"),
        (MessageRole::User, "Just testing."),
    ] {
        client
            .conversations()
            .append_message(&id, role, text)
            .await?;
    }
    let messages: Vec<StoredMessage> = client
        .conversations()
        .list_messages(&id)
        .limit(2)
        .into_stream()
        .try_collect()
        .await?;
    println!("{} messages, read two per page:", messages.len());
    for message in &messages {
        println!("  {:<9} {}", message.role, message.content);
    }

    let renamed = client
        .conversations()
        .update(&id)
        .title("Renamed session")
        .await?;
    println!("renamed to {:?}", renamed.title);
    let detail = client.conversations().get(&id).await?;
    println!(
        "read back: {} messages, metadata {}",
        detail.messages.len(),
        serde_json::Value::Object(detail.metadata.0)
    );
    client.conversations().delete(&id).await?;
    println!("deleted {id}");
    Ok(())
}
