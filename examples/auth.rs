//! Accounts: the profile, two-factor status, a password change, and a session from a login.
//!
//! `cargo run --example auth` (against `NEXEVO_BASE_URL`/`NEXEVO_API_KEY` when set, else an
//! embedded sandbox, whose demo account's password it knows).
#![allow(clippy::print_stdout)] // an example shows its results

use nexevo::auth::*;
use nexevo_examples::Target;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::connect().await?;
    let client = &target.client;
    println!("Accounts, against {}\n", target.describe());

    let me = client.auth().me().await?;
    println!(
        "me: {} <{}> ({})",
        me.full_name.as_deref().unwrap_or("-"),
        me.email,
        me.user_id
    );

    let me = client.auth().update_profile("Jane Doe").await?;
    println!("renamed: {}", me.full_name.as_deref().unwrap_or("-"));

    let status = client.auth().two_fa_status().await?;
    println!("two-factor: {}", if status.enabled { "on" } else { "off" });

    if let Some(sandbox) = &target.sandbox {
        // The sandbox's demo account has a known password: log in, change it, change it back.
        let password = sandbox.demo().password.expose();
        let session = client.auth().login(me.email.as_str(), password).await?;
        println!("logged in; session expires {}", session.expires_at);
        let as_session = client.auth().session_client(&session)?;
        as_session
            .auth()
            .change_password(password, "a-new-password-123")
            .await?;
        as_session
            .auth()
            .change_password("a-new-password-123", password)
            .await?;
        println!("changed the password and back");
        as_session.auth().logout().await?;
        println!("logged out");
    }
    Ok(())
}
