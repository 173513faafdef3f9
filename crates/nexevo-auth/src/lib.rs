//! Nexevo accounts: register, log in (with a two-factor code once 2FA is on), log out,
//! password reset, profile, password change, two-factor enrolment, and GDPR deactivation.
//!
//! ```no_run
//! use nexevo_auth::AuthExt;
//!
//! # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
//! let me = client.auth().me().await?;
//! client.auth().update_profile("Jane Doe").await?;
//! client.auth().change_password("old-pwd", "new-pwd-123").await?;
//! let status = client.auth().two_fa_status().await?;
//! println!("{} has 2FA {}", me.email, if status.enabled { "on" } else { "off" });
//! # Ok(()) }
//! ```
//!
//! Logging in answers a session; [`Auth::session_client`] turns it into a client that
//! authenticates as that session and shares the original's connection pool.

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

// Hand-written: only what the spec cannot say. The calls are generated from it (src/generated.rs).

mod generated;

pub use generated::*;

impl Auth {
    /// A client that authenticates as `session` (from [`Auth::login`] or [`Auth::register`]),
    /// sharing this client's connection pool and settings.
    ///
    /// ```no_run
    /// # use nexevo_auth::AuthExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let session = client.auth().login("jane@acme.com", "correct-horse-battery").await?;
    /// let as_jane = client.auth().session_client(&session)?;
    /// let me = as_jane.auth().me().await?;
    /// # Ok(()) }
    /// ```
    pub fn session_client(
        &self,
        session: &AuthSession,
    ) -> nexevo_core::Result<nexevo_core::Client> {
        self.client
            .with_credential(session.token.expose().to_owned())
    }
}

/// The README's examples, compiled as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
