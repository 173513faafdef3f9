//! Spend alerts, end to end: a web endpoint (axum) that verifies the signed alerts an embedded
//! sandbox sends when a key's spend crosses 80 % of its monthly cap and then the cap; the
//! webhook's secret is rotated first, so each alert carries both secrets' signatures.
//!
//! `cargo run --example alerts` (always against an embedded sandbox: only a sandbox delivers to
//! a receiver on `http://127.0.0.1`). With `NEXEVO_ALERTS_DUMP=FILE` it also writes the secrets
//! and every delivery as JSON, for a check by another Standard Webhooks implementation (CI's).
#![allow(clippy::print_stdout)] // an example shows its results

use nexevo::Client;
use nexevo::chat::{ChatExt, ChatRequest, Model};
use nexevo::keys::KeysExt;
use nexevo_examples::alerts::Endpoint;
use nexevo_sandbox::Sandbox;
use rust_decimal::Decimal;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::start().await?;
    let mut endpoint = Endpoint::start().await?;
    println!(
        "an alert endpoint at {}, a sandbox at {}\n",
        endpoint.url,
        sandbox.base_url()
    );
    let owner = Client::builder()
        .base_url(sandbox.base_url())
        .api_key(sandbox.demo().api_key.expose())
        .build()?;
    let created = owner.keys().create("alerting").await?;
    let key_id = created.key.key_id;
    let set = || {
        owner
            .keys()
            .update_alert_webhook(&key_id, endpoint.url.as_str())
    };
    let old = set().await?.signing_secret.ok_or("no signing secret")?;
    let new = set().await?.signing_secret.ok_or("no signing secret")?;
    println!("webhook set, then its secret rotated: for 24 h alerts are signed with both");
    endpoint.trust(&[new.expose(), old.expose()])?;

    let client = Client::builder()
        .base_url(sandbox.base_url())
        .api_key(created.full_key.expose())
        .build()?;
    let request = || ChatRequest::new(Model::BALANCED).user("word ".repeat(800));
    let cost = client
        .chat()
        .completions()
        .create(request())
        .await?
        .cost_usd();
    // A cap of 2.4 calls: the second call crosses 80 %, the third the cap.
    let cap = (cost * Decimal::new(24, 1)).round_dp(6);
    owner.keys().update_spend_cap(&key_id, cap).await?;
    println!("each call costs {cost} USD; the key's monthly cap is {cap} USD\n");
    for call in 2..=3 {
        client.chat().completions().create(request()).await?;
        let event = endpoint.next().await?;
        println!(
            "after call {call}: verified {} {} — key {} spent {} of {} USD",
            event.type_,
            event.id,
            event.key_id,
            event.month_to_date_spend_usd,
            event.monthly_spend_cap_usd
        );
    }
    let refused = client.chat().completions().create(request()).await;
    println!(
        "\na fourth call: {}",
        refused.map_or_else(|e| e.to_string(), |_| "served".to_owned())
    );

    if let Some(path) = std::env::var_os("NEXEVO_ALERTS_DUMP") {
        let deliveries: Vec<serde_json::Value> = sandbox
            .webhook_deliveries()
            .iter()
            .map(|d| {
                serde_json::json!({
                    "headers": {
                        "webhook-id": d.event_id,
                        "webhook-timestamp": d.timestamp,
                        "webhook-signature": d.signature,
                    },
                    "body": d.body,
                })
            })
            .collect();
        let dump = serde_json::json!({
            "secrets": [old.expose(), new.expose()],
            "deliveries": deliveries,
        });
        std::fs::write(&path, serde_json::to_vec_pretty(&dump)?)?;
        println!("deliveries written to {}", path.to_string_lossy());
    }
    Ok(())
}
