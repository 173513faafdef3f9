//! Chat: a completion, the same streamed as it is generated, a tool call, and the models.
//!
//! `cargo run --example chat` (against `NEXEVO_BASE_URL`/`NEXEVO_API_KEY` when set, else an
//! embedded sandbox).
#![allow(clippy::print_stdout)] // an example shows its results

use std::io::Write as _;

use futures_util::StreamExt;
use nexevo::chat::*;
use nexevo_examples::Target;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::connect().await?;
    let client = &target.client;
    println!("Chat, against {}\n", target.describe());

    let request = ChatRequest::new(Model::BALANCED)
        .system("You are terse.")
        .user("Hello!");
    let completion = client.chat().completions().create(request.clone()).await?;
    println!("{}", completion.content().unwrap_or_default());
    println!(
        "  {} tier, {} tokens, {} USD, generation {}",
        completion.tier(),
        completion.usage.total_tokens,
        completion.cost_usd(),
        completion.generation_id()
    );

    print!("\nstreamed: ");
    let mut stream = client.chat().completions().create_stream(request).await?;
    while let Some(chunk) = stream.next().await {
        for choice in chunk?.choices {
            print!("{}", choice.delta.content.unwrap_or_default());
            std::io::stdout().flush()?;
        }
    }
    println!();

    let weather =
        serde_json::json!({ "type": "object", "properties": { "city": { "type": "string" } } });
    let called = client
        .chat()
        .completions()
        .create(
            ChatRequest::new(Model::FAST)
                .user("Weather in Paris?")
                .function("get_weather", "Current weather.", weather)
                .force_function("get_weather"),
        )
        .await?;
    for call in called.tool_calls() {
        println!(
            "\ntool call: {}({})",
            call.function.name, call.function.arguments
        );
    }

    println!("\nmodels:");
    for model in client.chat().models().await? {
        println!(
            "  {:<28} {:<12} {} / {} USD per million tokens",
            model.id,
            model.tier,
            model.input_usd_per_million_tokens,
            model.output_usd_per_million_tokens
        );
    }
    Ok(())
}
