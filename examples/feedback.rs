//! Feedback: rate a completion and a streamed one, summarise the week, and watch the router
//! learn: thumbs down on every generation one backend served moves the next requests of the
//! same tier to another.
//!
//! `cargo run --example feedback` (against `NEXEVO_BASE_URL`/`NEXEVO_API_KEY` when set, else an
//! embedded sandbox).
#![allow(clippy::print_stdout)] // an example shows its results

use nexevo::chat::{ChatExt, ChatRequest, Model};
use nexevo::feedback::*;
use nexevo_examples::Target;
use nexevo_examples::routing::{balanced_routes, describe};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::connect().await?;
    let client = &target.client;
    println!("Feedback, against {}\n", target.describe());

    println!("The router learns from feedback:");
    let before = balanced_routes(client, 3).await?;
    println!("  before: {}", describe(&before));
    for completion in &before {
        client
            .feedback()
            .submit_for(completion, Rating::Down)
            .await?;
    }
    println!("  each rated down");
    let after = balanced_routes(client, 5).await?;
    println!("  after:  {}\n", describe(&after));

    let completion = client
        .chat()
        .completions()
        .create(ChatRequest::new(Model::BALANCED).user("Hello!"))
        .await?;
    let stored = client
        .feedback()
        .submit_for(&completion, Rating::Up)
        .comment("Helpful!")
        .tags(["accurate"])
        .await?;
    println!("rated {} up ({})", stored.generation_id, stored.feedback_id);

    let streamed = client
        .chat()
        .completions()
        .create_stream(ChatRequest::new(Model::FAST).user("Hi"))
        .await?
        .collect_message()
        .await?;
    client
        .feedback()
        .submit_for(&streamed, Rating::Down)
        .tags(["too_verbose"])
        .await?;
    println!("rated {} down", streamed.generation_id);

    let summary = client.feedback().summary().days(7).await?;
    println!(
        "\nlast {} days: {} ratings, {} up, {} down",
        summary.days, summary.total, summary.up, summary.down
    );
    for (tag, count) in &summary.by_tag {
        println!("  {tag}: {count}");
    }
    for model in &summary.by_model {
        println!(
            "  {} ({}): {} up, {} down",
            model.routed_model, model.tier, model.up, model.down
        );
    }
    Ok(())
}
