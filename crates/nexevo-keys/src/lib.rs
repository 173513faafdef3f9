//! Nexevo API keys: create one (its secret is shown once), list, get, revoke; set a monthly
//! spend cap, a spend alert webhook (HTTPS only) and a geo routing policy; and verify the
//! signed alerts that webhook receives ([`webhooks`]).
//!
//! ```no_run
//! use nexevo_keys::KeysExt;
//! use nexevo_keys::Decimal;
//!
//! # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
//! let created = client.keys().create("prod-2026").await?;
//! // The only time the secret is shown: store it now.
//! let secret = created.full_key.expose();
//! # let _ = secret;
//! let key_id = created.key.key_id;
//! client.keys().update_spend_cap(&key_id, Decimal::new(10000, 2)).await?;
//! client.keys().update_alert_webhook(&key_id, "https://your-app.com/billing-alert").await?;
//! # Ok(()) }
//! ```
//!
//! With an organization set on the client (`Nexevo-Organization`), keys are the organization's.

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

// Hand-written: only what the spec cannot say. The calls are generated from it (src/generated.rs).

mod generated;
pub mod webhooks;

pub use generated::*;
pub use nexevo_api::types::{AlertEvent, AlertEventType, AlertWebhook};

impl Keys {
    /// Removes the key's spend cap.
    ///
    /// ```no_run
    /// # use nexevo_keys::KeysExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let key = client.keys().clear_spend_cap("key_5b7e9c").await?;
    /// assert!(key.monthly_spend_cap_usd.is_none());
    /// # Ok(()) }
    /// ```
    pub fn clear_spend_cap(&self, key_id: impl Into<KeyId>) -> UpdateSpendCap {
        let mut call = self.update_spend_cap(key_id, Decimal::ZERO);
        call.body.monthly_spend_cap_usd = None;
        call.body.clear = true;
        call
    }

    /// Removes the key's alert webhook.
    ///
    /// ```no_run
    /// # use nexevo_keys::KeysExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// client.keys().clear_alert_webhook("key_5b7e9c").await?;
    /// # Ok(()) }
    /// ```
    pub fn clear_alert_webhook(&self, key_id: impl Into<KeyId>) -> UpdateAlertWebhook {
        let mut call = self.update_alert_webhook(key_id, String::new());
        call.body.url = None;
        call
    }
}

/// The README's examples, compiled as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
