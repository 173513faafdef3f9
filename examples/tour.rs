//! A tour of every area of the Nexevo SDK, in the order of the reference documentation's
//! examples: the account, an API key and (against the embedded sandbox) a spend alert arriving
//! at a local endpoint and verified, billing, an organization, chat (whole and streamed),
//! feedback on what was generated, and a conversation.
//!
//! `cargo run --example tour` runs it against an embedded sandbox; with `NEXEVO_BASE_URL` and
//! `NEXEVO_API_KEY` set it runs against that server instead. It exits non-zero on any failure.
#![allow(clippy::print_stdout)] // a tour shows what it does

use std::io::Write as _;

use futures_util::{StreamExt, TryStreamExt};
use nexevo::chat::{ChatRequest, Model};
use nexevo::conversations::MessageRole;
use nexevo::feedback::Rating;
use nexevo::orgs::OrgRole;
use nexevo::prelude::*;
use nexevo_examples::{Target, routing};
use rust_decimal::Decimal;

fn section(title: &str) {
    println!("\n== {title}");
}

#[tokio::main]
pub(crate) async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::connect().await?;
    let client = &target.client;
    println!("Nexevo SDK tour, against {}", target.describe());

    section("Account");
    let me = client.auth().me().await?;
    println!(
        "signed in as {} <{}> ({})",
        me.full_name.as_deref().unwrap_or("-"),
        me.email,
        me.user_id
    );
    let two_fa = client.auth().two_fa_status().await?;
    println!(
        "two-factor authentication: {}",
        if two_fa.enabled { "on" } else { "off" }
    );

    section("API keys");
    let created = client.keys().create("tour-2026").await?;
    println!(
        "created key {} named {:?}",
        created.key.key_id, created.key.name
    );
    println!("  full key, shown this once: {}", created.full_key.expose());
    let key_id = created.key.key_id;
    let capped = client
        .keys()
        .update_spend_cap(&key_id, Decimal::new(10000, 2))
        .await?;
    println!(
        "  monthly spend cap: {} USD",
        capped
            .monthly_spend_cap_usd
            .map(|cap| cap.to_string())
            .unwrap_or_default()
    );
    let hooked = client
        .keys()
        .update_alert_webhook(&key_id, "https://your-app.com/billing-alert")
        .await?;
    println!(
        "  alert webhook: {}",
        hooked.key.alert_webhook_url.unwrap_or_default()
    );

    if let Some(sandbox) = &target.sandbox {
        section("Spend alerts (the embedded sandbox delivers them to a local endpoint)");
        let mut endpoint = nexevo_examples::alerts::Endpoint::start().await?;
        let alerting = client.keys().create("tour-alerts").await?;
        let secret = client
            .keys()
            .update_alert_webhook(&alerting.key.key_id, endpoint.url.as_str())
            .await?
            .signing_secret
            .ok_or("no signing secret")?;
        endpoint.trust(&[secret.expose()])?;
        let spender = nexevo::Client::builder()
            .base_url(sandbox.base_url())
            .api_key(alerting.full_key.expose())
            .build()?;
        let call = || ChatRequest::new(Model::BALANCED).user("word ".repeat(800));
        let cost = spender
            .chat()
            .completions()
            .create(call())
            .await?
            .cost_usd();
        // 2.4 calls' worth: the next call takes the spend past 80 % of it.
        client
            .keys()
            .update_spend_cap(
                &alerting.key.key_id,
                (cost * Decimal::new(24, 1)).round_dp(6),
            )
            .await?;
        spender.chat().completions().create(call()).await?;
        let event = endpoint.next().await?;
        println!(
            "  {} at {}, signature verified: {} {} of {} USD spent",
            event.type_,
            endpoint.url,
            event.id,
            event.month_to_date_spend_usd,
            event.monthly_spend_cap_usd
        );
    }

    section("Billing");
    let balance = client.billing().balance().await?;
    println!("balance: {} {}", balance.balance_usd, balance.currency);
    let usage = client.billing().usage().days(7).await?;
    let tiers = &usage.by_tier;
    println!(
        "last 7 days: {} requests, {} USD (fast {}, balanced {}, passthrough {}, byok {})",
        usage.total_requests,
        usage.total_cost_usd,
        tiers.fast.cost_usd,
        tiers.balanced.cost_usd,
        tiers.passthrough.cost_usd,
        tiers.byok.cost_usd
    );
    let plan = client.billing().get_plan().await?;
    println!("plan: {} ({} USD a month)", plan.name, plan.monthly_fee_usd);
    match client.billing().upgrade_hint().await? {
        Some(hint) => println!("hint: {}, save {}%", hint.recommend_plan, hint.savings_pct),
        None => println!("hint: none (this plan is the cheapest for your usage)"),
    }
    let checkout = client
        .billing()
        .checkout(Decimal::new(20, 0), "topup-2026-04-27-001")
        .await?;
    println!(
        "checkout: {} USD at {}",
        checkout.amount_usd, checkout.checkout_url
    );
    let again = client
        .billing()
        .checkout(Decimal::new(20, 0), "topup-2026-04-27-001")
        .await?;
    println!(
        "  the same idempotency key again gives the same session: {}",
        again.checkout_session_id == checkout.checkout_session_id
    );

    section("Organizations");
    let org = client.organizations().create("Acme Inc").await?;
    let org_id = org.organization.org_id;
    println!(
        "created {} ({}), you are its {}",
        org_id, org.organization.name, org.role
    );
    let invited = client
        .organizations()
        .invite_member(&org_id, "dev@acme.com", OrgRole::Developer)
        .await?;
    println!("invited {} as {}", invited.email, invited.role);
    let members: Vec<_> = client
        .organizations()
        .list_members(&org_id)
        .into_stream()
        .try_collect()
        .await?;
    for member in &members {
        println!(
            "  member {:<20} {:<10} {}",
            member.email.as_str(),
            member.role,
            member.status
        );
    }

    section("Chat");
    let completion = client
        .chat()
        .completions()
        .create(
            ChatRequest::new(Model::BALANCED)
                .system("You are terse.")
                .user("Hello!"),
        )
        .await?;
    println!("reply: {}", completion.content().unwrap_or_default());
    println!(
        "  generation {} on the {} tier, cost {} USD",
        completion.generation_id(),
        completion.tier(),
        completion.cost_usd()
    );
    print!("streamed: ");
    let mut stream = client
        .chat()
        .completions()
        .create_stream(ChatRequest::new(Model::FAST).user("Tell me something streamed"))
        .await?;
    let streamed_generation = stream.generation_id().unwrap_or_default().to_owned();
    while let Some(chunk) = stream.next().await {
        for choice in chunk?.choices {
            print!("{}", choice.delta.content.unwrap_or_default());
            std::io::stdout().flush()?;
        }
    }
    println!("\n  generation {streamed_generation}");

    section("Feedback");
    client
        .feedback()
        .submit_for(&completion, Rating::Up)
        .comment("Helpful!")
        .tags(["accurate"])
        .await?;
    client
        .feedback()
        .submit(streamed_generation, Rating::Down)
        .tags(["too_verbose"])
        .await?;
    let summary = client.feedback().summary().days(7).await?;
    println!(
        "last 7 days: {} ratings, {} up, {} down",
        summary.total, summary.up, summary.down
    );
    let mut tags: Vec<_> = summary.by_tag.iter().collect();
    tags.sort();
    for (tag, count) in tags {
        println!("  {tag}: {count}");
    }
    // The router learns from it: thumbs down on what one backend served moves the account's
    // later requests of that tier to another.
    let before = routing::balanced_routes(client, 3).await?;
    let demoted = before[0].routed_model().to_owned();
    for completion in before.iter().filter(|c| c.routed_model() == demoted) {
        client
            .feedback()
            .submit_for(completion, Rating::Down)
            .await?;
    }
    println!("routed: {}", routing::describe(&before));
    println!("rated down whatever {demoted} served; routed next:");
    println!(
        "        {}",
        routing::describe(&routing::balanced_routes(client, 3).await?)
    );

    section("Conversations");
    let conversation = client.conversations().create().title("My Session").await?;
    let conversation_id = conversation.conversation_id;
    client
        .conversations()
        .append_message(&conversation_id, MessageRole::User, "Hello!")
        .await?;
    client
        .conversations()
        .append_message(
            &conversation_id,
            MessageRole::Assistant,
            completion.content().unwrap_or_default(),
        )
        .await?;
    let recent = client.conversations().list().limit(20).await?;
    println!(
        "{} conversation(s); the newest is {:?}",
        recent.items.len(),
        recent.items[0].title
    );
    let detail = client.conversations().get(&conversation_id).await?;
    for message in &detail.messages {
        println!("  {:<9} {}", message.role, message.content);
    }

    let balance = client.billing().balance().await?;
    println!("\nDone. Balance now {} USD.", balance.balance_usd);
    Ok(())
}
