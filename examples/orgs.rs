//! Organizations: create one, invite a developer, list members, and act on the
//! organization's billing.
//!
//! `cargo run --example orgs` (against `NEXEVO_BASE_URL`/`NEXEVO_API_KEY` when set, else an
//! embedded sandbox).
#![allow(clippy::print_stdout)] // an example shows its results

use nexevo::billing::BillingExt;
use nexevo::orgs::*;
use nexevo_examples::Target;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::connect().await?;
    let client = &target.client;
    println!("Organizations, against {}\n", target.describe());

    let created = client.organizations().create("Acme Inc").await?;
    let org_id = created.organization.org_id;
    println!(
        "created {} ({}), you are its {}",
        org_id, created.organization.name, created.role
    );

    let member = client
        .organizations()
        .invite_member(&org_id, "dev@acme.com", OrgRole::Developer)
        .await?;
    println!(
        "invited {} as {} ({})",
        member.email, member.role, member.status
    );

    let members = client.organizations().list_members(&org_id).await?;
    println!("members:");
    for member in &members.items {
        println!(
            "  {:<24} {:<10} {}",
            member.email.as_str(),
            member.role,
            member.status
        );
    }

    let as_org = client.with_organization(Some(org_id.as_str()));
    let balance = as_org.billing().balance().await?;
    println!("the organization's balance: {} USD", balance.balance_usd);
    Ok(())
}
