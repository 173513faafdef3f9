//! Billing: balance, usage by tier, plan, upgrade hint, and a top-up checkout.
//!
//! `cargo run --example billing` (against `NEXEVO_BASE_URL`/`NEXEVO_API_KEY` when set, else an
//! embedded sandbox).
#![allow(clippy::print_stdout)] // an example shows its results

use nexevo::billing::*;
use nexevo_examples::Target;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::connect().await?;
    let client = &target.client;
    println!("Billing, against {}\n", target.describe());

    let balance = client.billing().balance().await?;
    println!("balance: {} {}", balance.balance_usd, balance.currency);

    let usage = client.billing().usage().days(7).await?;
    println!(
        "last {} days: {} requests, {} USD",
        usage.days, usage.total_requests, usage.total_cost_usd
    );
    let tiers = &usage.by_tier;
    println!(
        "  by tier: fast {} / balanced {} / passthrough {} / byok {} USD",
        tiers.fast.cost_usd,
        tiers.balanced.cost_usd,
        tiers.passthrough.cost_usd,
        tiers.byok.cost_usd
    );

    let plan = client.billing().get_plan().await?;
    println!(
        "plan: {} ({} USD a month, {}% off usage)",
        plan.name, plan.monthly_fee_usd, plan.usage_discount_pct
    );

    match client.billing().upgrade_hint().await? {
        Some(hint) => println!(
            "hint: switch to {} and save {}%",
            hint.recommend_plan, hint.savings_pct
        ),
        None => println!("hint: none, this plan is the cheapest for your usage"),
    }

    let session = client
        .billing()
        .checkout(Decimal::new(2000, 2), "topup-example-001")
        .await?;
    println!(
        "checkout: {} USD at {}",
        session.amount_usd, session.checkout_url
    );
    let again = client
        .billing()
        .checkout(Decimal::new(2000, 2), "topup-example-001")
        .await?;
    println!(
        "  retried with the same key: the same session ({})",
        again.checkout_session_id == session.checkout_session_id
    );

    let (balance, meta) = client.billing().balance().with_meta().await?.into_parts();
    println!(
        "balance now: {} USD (request {})",
        balance.balance_usd,
        meta.request_id().unwrap_or("?")
    );
    Ok(())
}
