//! The shared core of the Nexevo SDK: the [`Client`] and what every API area uses through it —
//! credentials, retries with backoff, timeouts, tracing, one [`Error`] type, and pagination.
//!
//! Applications use it through the `nexevo` crate; the area crates (`nexevo-billing`,
//! `nexevo-keys`, …) build their calls on [`Operation`] and on plumbing (sending a call, a
//! call's options, …) that lives in one module hidden from these docs, `__private`: it is for
//! generated code, not a promise to users, and may change in any release.
//!
//! What every call does, wherever it comes from:
//! - checks its arguments against the API's rules first: a bad value is
//!   [`Error::Validation`] naming the field and the rule, and nothing is sent;
//! - carries an `Idempotency-Key` on every call that is not a GET (the caller's or a fresh
//!   UUID), the same on every attempt, so retrying can never apply a create or a charge twice;
//! - takes per-call options on its builder ([`CallOptions`]: time limits, retries, extra
//!   headers; [`Idempotent`]: the `Idempotency-Key`; [`StreamOptions`]: a stream's time
//!   limits), overriding the client's settings for that call;
//! - retries by the [`RetryPolicy`] and honours `Retry-After`, within the call's deadline;
//! - reads every answer within bounds: its time by the [`Timeouts`] (one table of every limit,
//!   each with its own error), its size by the [`BodyLimits`] ([`Error::AnswerTooLarge`] past
//!   them);
//! - is one `tracing` span of kind client, each attempt a child span, with the OpenTelemetry
//!   semantic conventions' names (a chat call's `gen_ai.*` too, its usage and cost), and with
//!   the `otel` feature the conventions' GenAI metrics: see [`telemetry`]. No span records a
//!   credential, and none records a prompt or an answer unless the client opts in;
//! - answers the value when awaited, or with `.with_meta()` a [`Response`] carrying the request
//!   id and rate limit.

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

#[doc(hidden)]
pub mod __private;
mod answer_errors;
mod body;
mod call_options;
mod client;
mod error;
mod http_date;
mod http_trace;
mod operation;
mod options;
mod page;
mod raw;
mod response;
mod retry;
mod retry_loop;
mod sender;
pub mod telemetry;
mod time_limits;

pub use body::BodyLimits;
pub use call_options::{CallOptions, Idempotent, StreamOptions};
pub use client::{
    ALLOW_INSECURE_HTTP_VAR, Client, ClientBuilder, DEFAULT_BASE_URL, SDK_USER_AGENT,
    insecure_http_allowed_by_env, is_loopback_url,
};
pub use error::{ApiError, Error, Result, StreamError, TimeLimit};
pub use http_trace::{HttpEvent, REDACTED, TracedRequest, TracedResponse};
pub use nexevo_api::types::ErrorCode;
pub use nexevo_api::{
    ApiOperation, Date, Secret, Timestamp, UnknownValue, UnknownVariant, ValidationError,
};
pub use operation::{BoxFuture, Operation, ValueFuture, WithMeta};
pub use options::fresh_idempotency_key;
pub use page::{ItemStream, Page, Paginated};
pub use raw::{RawRequest, RawTarget};
pub use response::{RateLimit, Response, ResponseMeta};
pub use retry::{RetryNotice, RetryPolicy};
pub use sender::RequestSender;
pub use time_limits::Timeouts;

/// Days and instants as the API writes them (RFC 3339), and why a text or a `chrono` value is
/// not one.
pub mod time {
    pub use nexevo_api::time::{Date, ParseError, Timestamp};
}

/// Why a value was refused before anything was sent: the [`ValidationError`] and the
/// [`Rule`](validation::Rule) it broke.
pub mod validation {
    pub use nexevo_api::validation::{Rule, ValidationError};
}

/// Something a generation produced — a chat completion, or a streamed one collected — and so
/// something feedback can be about.
pub trait HasGenerationId {
    /// The generation id (`gen_…`).
    fn generation_id(&self) -> &str;
}

/// The README's examples, compiled as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
