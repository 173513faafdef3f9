//! The Nexevo SDK for Rust.
//!
//! Nexevo is an LLM API gateway: OpenAI-compatible chat completions routed across tiers, plus
//! the account side — auth, API keys, billing, organizations. Each area is a Cargo feature, so
//! an application compiles only what it uses:
//!
//! ```toml
//! nexevo = { version = "0.1", features = ["billing"] }
//! ```
//!
//! ```no_run
//! # #[cfg(feature = "billing")]
//! # async fn demo() -> nexevo::Result<()> {
//! use nexevo::billing::*;
//!
//! let client = nexevo::Client::from_env()?; // NEXEVO_API_KEY, NEXEVO_BASE_URL
//! let balance = client.billing().balance().await?;
//! println!("{} USD", balance.balance_usd);
//! # Ok(()) }
//! ```
//!
//! | feature | module | calls |
//! |---|---|---|
//! | `auth` | [`auth`] | register, login (2FA), logout, password reset, me, profile, password, 2FA, deactivation |
//! | `keys` | [`keys`] | create (secret shown once), list, get, revoke, spend cap, alert webhook, geo policy |
//! | `billing` | [`billing`] | balance, usage by day and tier, plan, upgrade hint, checkout |
//! | `orgs` | [`orgs`] | create, list, get, invite, members, remove, change role, transfer ownership |
//! | `chat` | [`chat`] | completions (streamed or not), models |
//! | `conversations` | [`conversations`] | create, list, get, update, delete, append and list messages |
//! | `feedback` | [`feedback`] | submit (on a generation id or a completion), summary |
//! | `full` | all of them | |
//! | `rustls` (default), `native-tls` | | the TLS backend |
//! | `otel` | [`telemetry`] | the OpenTelemetry GenAI metrics; spans need no feature |
//!
//! Every call is a builder: required arguments go in the method, optional ones are builder
//! methods, and `.await` sends it (`.with_meta().await` also answers the request id and rate
//! limit). Every builder also takes per-call options ([`CallOptions`]: `attempt_timeout`,
//! `call_deadline`, `retry_policy`, `max_retries`, `header`; on calls that change something,
//! [`Idempotent`]: `idempotency_key`; on a stream, [`StreamOptions`]: `stream_idle_timeout`,
//! `stream_deadline`). [`Client`] is cheap to clone and shares one connection pool; its retries, timeouts and
//! credentials are set once on [`Client::builder`].

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

/// The repository README's code, compiled as doctests so it cannot rot.
#[cfg(all(doctest, feature = "full", feature = "otel"))]
#[doc = include_str!("../../../README.md")]
pub struct RepositoryReadmeDoctests;

/// This crate's README (the one crates.io shows), compiled as doctests too.
#[cfg(all(doctest, feature = "chat", feature = "billing"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use nexevo_core::{
    ALLOW_INSECURE_HTTP_VAR, ApiError, ApiOperation, BodyLimits, BoxFuture, CallOptions, Client,
    ClientBuilder, DEFAULT_BASE_URL, Date, Error, ErrorCode, HasGenerationId, HttpEvent,
    Idempotent, ItemStream, Operation, Page, Paginated, REDACTED, RateLimit, RawRequest, RawTarget,
    RequestSender, Response, ResponseMeta, Result, RetryNotice, RetryPolicy, SDK_USER_AGENT,
    Secret, StreamError, StreamOptions, TimeLimit, Timeouts, Timestamp, TracedRequest,
    TracedResponse, UnknownValue, UnknownVariant, ValidationError, ValueFuture, WithMeta,
    fresh_idempotency_key, insecure_http_allowed_by_env, is_loopback_url, telemetry, time,
    validation,
};

/// Account management: `client.auth()`.
#[cfg(feature = "auth")]
pub mod auth {
    pub use nexevo_auth::*;
    pub use nexevo_core::{CallOptions, Idempotent, Operation, Paginated};
}

/// API keys: `client.keys()`.
#[cfg(feature = "keys")]
pub mod keys {
    pub use nexevo_core::{CallOptions, Idempotent, Operation, Paginated};
    pub use nexevo_keys::*;
}

/// Billing: `client.billing()`.
#[cfg(feature = "billing")]
pub mod billing {
    pub use nexevo_billing::*;
    pub use nexevo_core::{CallOptions, Idempotent, Operation, Paginated};
}

/// Organizations: `client.organizations()`.
#[cfg(feature = "orgs")]
pub mod orgs {
    pub use nexevo_core::{CallOptions, Idempotent, Operation, Paginated};
    pub use nexevo_orgs::*;
}

/// Chat completions, streamed or not: `client.chat()`.
#[cfg(feature = "chat")]
pub mod chat {
    pub use nexevo_chat::*;
    pub use nexevo_core::{CallOptions, Idempotent, Operation, Paginated, StreamOptions};
}

/// Conversations for chat UIs: `client.conversations()`.
#[cfg(feature = "conversations")]
pub mod conversations {
    pub use nexevo_conversations::*;
    pub use nexevo_core::{CallOptions, Idempotent, Operation, Paginated};
}

/// RLHF feedback: `client.feedback()`.
#[cfg(feature = "feedback")]
pub mod feedback {
    pub use nexevo_core::{CallOptions, HasGenerationId, Idempotent, Operation, Paginated};
    pub use nexevo_feedback::*;
}

/// The extension traits of every enabled area, and the call traits: `use nexevo::prelude::*`.
pub mod prelude {
    #[cfg(feature = "auth")]
    pub use nexevo_auth::AuthExt;
    #[cfg(feature = "billing")]
    pub use nexevo_billing::BillingExt;
    #[cfg(feature = "chat")]
    pub use nexevo_chat::ChatExt;
    #[cfg(feature = "conversations")]
    pub use nexevo_conversations::ConversationsExt;
    pub use nexevo_core::{
        CallOptions, HasGenerationId, Idempotent, Operation, Paginated, StreamOptions,
    };
    #[cfg(feature = "feedback")]
    pub use nexevo_feedback::FeedbackExt;
    #[cfg(feature = "keys")]
    pub use nexevo_keys::KeysExt;
    #[cfg(feature = "orgs")]
    pub use nexevo_orgs::OrganizationsExt;
}
