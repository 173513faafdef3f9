//! The per-call option traits every call's builder implements: what users set on one call.
//! The options themselves, and what the client does with them, are in `options`.

use std::time::Duration;

use crate::__private::CallBuilder;
use crate::retry::RetryPolicy;

/// Per-call options, on every call's builder. Each overrides the client's setting for this call
/// only (the time limits are in the table on [`Timeouts`](crate::Timeouts)).
///
/// ```no_run
/// use std::time::Duration;
/// use nexevo_core::{CallOptions, Operation};
///
/// # async fn demo<O: Operation + CallOptions>(call: O) -> nexevo_core::Result<()> {
/// let answer = call
///     .attempt_timeout(Duration::from_secs(5))
///     .call_deadline(Duration::from_secs(12))
///     .max_retries(1)
///     .header("x-trace-id", "abc123")
///     .send()
///     .await?;
/// # Ok(()) }
/// ```
pub trait CallOptions: CallBuilder + Sized {
    /// How long each attempt of this call may take, instead of the client's
    /// [`Timeouts::attempt`](crate::Timeouts::attempt): from sending the request to the last
    /// byte of its answer; for a stream, to its head.
    fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.options_mut().set_attempt_timeout(timeout);
        self
    }

    /// How long this call may take in all, its retries and the waits between them included,
    /// instead of the client's [`Timeouts::call_deadline`](crate::Timeouts::call_deadline).
    /// Passing it ends the call with [`Error::Timeout`](crate::Error::Timeout) and
    /// [`TimeLimit::CallDeadline`](crate::TimeLimit::CallDeadline).
    fn call_deadline(mut self, deadline: Duration) -> Self {
        self.options_mut().set_call_deadline(deadline);
        self
    }

    /// How this call is retried, instead of the client's policy.
    fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.options_mut().set_retry_policy(policy);
        self
    }

    /// At most this many retries after the first attempt (0: one attempt only), with the
    /// backoff of the call's retry policy.
    fn max_retries(mut self, retries: u32) -> Self {
        self.options_mut().set_max_retries(retries);
        self
    }

    /// Sends an extra header with this call (replacing one the SDK would send under that name).
    /// Its value is marked sensitive, so it never shows in a `Debug` of the request. A name or
    /// value that is not a valid header, or a header with a setting of its own
    /// (`Authorization`, `Idempotency-Key`, `Host`, `Content-Length`, `Content-Type`,
    /// `Transfer-Encoding`), fails the call with [`Error::Config`](crate::Error::Config) before
    /// anything is sent.
    fn header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        self.options_mut().add_header(name.as_ref(), value.as_ref());
        self
    }
}

/// Calls that change something (every call but a GET) carry an `Idempotency-Key`: a fresh one
/// per call by default, the same on each of its attempts.
pub trait Idempotent: CallOptions {
    /// Uses your own `Idempotency-Key`, so that a call retried across processes, not only
    /// within this call, is applied once. The server replays the first answer to a repeat with
    /// the same key and body, and refuses the same key with another body (409).
    fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.options_mut().set_idempotency_key(key.into());
        self
    }
}

/// The time limits of a stream once its head has arrived, on the builder of every call that
/// answers one (chat's `create_stream`). Each overrides the client's setting for this call.
pub trait StreamOptions: CallOptions {
    /// The longest silence of this stream (and the time its error answer's body may take),
    /// instead of the client's [`Timeouts::stream_idle`](crate::Timeouts::stream_idle). Passing
    /// it ends the stream with [`StreamError::IdleTimeout`](crate::StreamError::IdleTimeout).
    fn stream_idle_timeout(mut self, timeout: Duration) -> Self {
        self.options_mut().set_stream_idle(timeout);
        self
    }

    /// A total deadline for this stream, from its head to its end, instead of the client's
    /// [`Timeouts::stream_deadline`](crate::Timeouts::stream_deadline) (none by default).
    /// Passing it ends the stream with [`StreamError::Deadline`](crate::StreamError::Deadline).
    fn stream_deadline(mut self, deadline: Duration) -> Self {
        self.options_mut().set_stream_deadline(deadline);
        self
    }
}
