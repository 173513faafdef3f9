//! Nexevo billing: balance, usage by day and tier, plan, upgrade hint, and top-up checkout.
//! Every amount is a [`Decimal`], exact to the last digit the server sent.
//!
//! ```no_run
//! use nexevo_billing::BillingExt;
//! use nexevo_billing::Decimal;
//!
//! # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
//! let balance = client.billing().balance().await?;
//! println!("{} {}", balance.balance_usd, balance.currency);
//!
//! let usage = client.billing().usage().days(7).await?;
//! for day in &usage.daily {
//!     println!("{}: {} USD (fast {}, balanced {})", day.date, day.cost_usd,
//!         day.by_tier.fast.cost_usd, day.by_tier.balanced.cost_usd);
//! }
//!
//! let session = client.billing().checkout(Decimal::new(20, 0), "topup-2026-04-27-001").await?;
//! println!("pay at {}", session.checkout_url);
//! # Ok(()) }
//! ```
//!
//! With an organization set on the client (`Nexevo-Organization`), every call acts on the
//! organization's account.
//!
//! A checkout's `idempotency_key` is its one key: it is sent as the `Idempotency-Key` too, and
//! the call offers no second one.
//!
//! ```compile_fail,E0599
//! # use nexevo_billing::{BillingExt, Decimal};
//! # use nexevo_core::Idempotent;
//! # fn demo(client: nexevo_core::Client) {
//! let _ = client.billing().checkout(Decimal::new(20, 0), "topup-1").idempotency_key("other");
//! # }
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

// Hand-written: only what the spec cannot say. The calls are generated from it (src/generated.rs).

mod generated;

pub use generated::*;

/// The README's examples, compiled as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
