//! API keys: create one (its secret shown once), cap its monthly spend, set an alert webhook
//! and a geo policy, list keys, revoke one.
//!
//! `cargo run --example keys` (against `NEXEVO_BASE_URL`/`NEXEVO_API_KEY` when set, else an
//! embedded sandbox).
#![allow(clippy::print_stdout)] // an example shows its results

use futures_util::TryStreamExt;
use nexevo::keys::*;
use nexevo_examples::Target;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::connect().await?;
    let client = &target.client;
    println!("API keys, against {}\n", target.describe());

    let created = client
        .keys()
        .create("example-key")
        .geo_policy(GeoPolicy::Any)
        .await?;
    println!(
        "created {} ({}); its secret, shown this once: {}…",
        created.key.key_id, created.key.name, created.key.prefix
    );
    let key_id = created.key.key_id;

    let capped = client
        .keys()
        .update_spend_cap(&key_id, Decimal::new(10000, 2))
        .await?;
    println!(
        "monthly cap: {} USD",
        capped
            .monthly_spend_cap_usd
            .map(|c| c.to_string())
            .unwrap_or_default()
    );

    let hooked = client
        .keys()
        .update_alert_webhook(&key_id, "https://your-app.com/billing-alert")
        .await?;
    println!(
        "alert webhook: {}",
        hooked.key.alert_webhook_url.unwrap_or_default()
    );

    match client
        .keys()
        .update_alert_webhook(&key_id, "http://insecure.example/alert")
        .await
    {
        Err(error) if error.is_validation() => {
            println!("an http:// webhook is refused before sending: {error}")
        }
        other => println!("unexpected: {other:?}"),
    }

    let routed = client
        .keys()
        .update_geo_policy(&key_id, GeoPolicy::OverseasOnly)
        .await?;
    println!("geo policy: {}", routed.geo_policy);

    let all: Vec<ApiKey> = client
        .keys()
        .list()
        .limit(10)
        .into_stream()
        .try_collect()
        .await?;
    println!("\n{} keys:", all.len());
    for key in &all {
        println!(
            "  {} {:<14} {} ({})",
            key.key_id, key.name, key.prefix, key.status
        );
    }

    let revoked = client.keys().revoke(&key_id).await?;
    println!("\nrevoked {}: {}", revoked.key_id, revoked.status);
    Ok(())
}
