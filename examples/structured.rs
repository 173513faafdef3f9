//! Structured outputs and tools, typed: a nested Rust type asked for and received as a value,
//! and a tool loop with two typed tools that ends in a text answer.
//!
//! `cargo run --example structured` (against `NEXEVO_BASE_URL`/`NEXEVO_API_KEY` when set, else
//! an embedded sandbox).
#![allow(clippy::print_stdout)] // an example shows its results

use nexevo::chat::*;
use nexevo::time::Date;
use nexevo_examples::Target;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

/// A trip plan.
#[derive(Debug, Deserialize, JsonSchema)]
struct Trip {
    /// Where to, as the traveller wrote it.
    destination: String,
    starts_on: Date,
    /// Each day's plan, in order.
    days: Vec<Day>,
    budget_usd: Decimal,
    transport: Transport,
    /// Anything the traveller should know, if there is.
    note: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
struct Day {
    activity: String,
    #[schemars(range(min = 0, max = 23))]
    start_hour: u8,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(tag = "mode", rename_all = "snake_case")]
#[allow(dead_code)] // shown through `Debug`
enum Transport {
    Train { class: u8 },
    Flight { airline: String },
    Car,
}

#[derive(Debug, Deserialize, JsonSchema)]
struct CityArguments {
    /// The city's name.
    city: String,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::connect().await?;
    let client = &target.client;
    println!(
        "Structured outputs and tools, against {}\n",
        target.describe()
    );

    let request = ChatRequest::new(Model::FAST).user("Three days in Lyon");
    let parsed = client.chat().completions().parse::<Trip>(request).await?;
    let trip = parsed.value();
    println!(
        "{} from {}: {} days, {} USD, by {:?}{}",
        trip.destination,
        trip.starts_on,
        trip.days.len(),
        trip.budget_usd,
        trip.transport,
        trip.note
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default()
    );
    for day in &trip.days {
        println!("  {:02}:00 {}", day.start_hour, day.activity);
    }
    println!(
        "  generation {}, {} USD\n",
        parsed.completion().generation_id(),
        parsed.completion().cost_usd()
    );

    let tools = ToolRunner::new()
        .tool(
            "get_weather",
            "The weather in a city.",
            |args: CityArguments| async move {
                Ok::<_, std::convert::Infallible>(format!("sunny in {}", args.city))
            },
        )
        .tool(
            "get_time",
            "The local time in a city.",
            |_: CityArguments| async { Ok::<_, std::convert::Infallible>("09:30") },
        );
    let request = ChatRequest::new(Model::FAST).user("get_weather and get_time in Lyon?");
    let run = client
        .chat()
        .completions()
        .run_tools(request, &tools)
        .await?;
    println!("{}", run.completion().content().unwrap_or_default());
    println!(
        "  {} rounds ({}), {} USD in all",
        run.rounds().len(),
        run.generation_ids().join(", "),
        run.cost_usd()
    );
    Ok(())
}
