//! Per-call options: what one call may change of the client's settings.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::error::{Error, Result};
use crate::retry::RetryPolicy;
use crate::time_limits::Timeouts;

/// Headers an extra header may not replace: each has its own setting, or belongs to HTTP.
const RESERVED_HEADERS: [&str; 6] = [
    "authorization",
    "idempotency-key",
    "host",
    "content-length",
    "content-type",
    "transfer-encoding",
];

/// Settings of one call that override the client's: its time limits, its retries, extra
/// headers and (on a call that is not a GET) its `Idempotency-Key`. Set them through
/// [`CallOptions`], [`Idempotent`] and [`StreamOptions`] on any call's builder.
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    attempt_timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    max_retries: Option<u32>,
    /// The settings most calls leave alone, boxed: every builder and every call in flight
    /// holds its options, so they stay small until one of these is set.
    rare: Option<Box<RareOptions>>,
}

#[derive(Debug, Clone, Default)]
struct RareOptions {
    /// Values are marked sensitive: an extra header may carry a credential.
    headers: HeaderMap,
    idempotency_key: Option<String>,
    call_deadline: Option<Duration>,
    stream_idle: Option<Duration>,
    stream_deadline: Option<Duration>,
    /// The first setting that could not be taken, reported when the call is sent.
    invalid: Option<String>,
}

impl RequestOptions {
    /// The time limits of this call: its own where it has them, else the `client`'s.
    pub(crate) fn timeouts(&self, client: &Timeouts) -> Timeouts {
        let rare = self.rare.as_deref();
        Timeouts {
            connect: client.connect,
            attempt: self.attempt_timeout.unwrap_or(client.attempt),
            call_deadline: rare
                .and_then(|rare| rare.call_deadline)
                .or(client.call_deadline),
            stream_idle: rare
                .and_then(|rare| rare.stream_idle)
                .unwrap_or(client.stream_idle),
            stream_deadline: rare
                .and_then(|rare| rare.stream_deadline)
                .or(client.stream_deadline),
        }
    }

    /// The retry policy of this call, from the client's `default`.
    pub(crate) fn retry_policy(&self, default: RetryPolicy) -> RetryPolicy {
        let policy = self.retry.unwrap_or(default);
        match self.max_retries {
            Some(retries) => policy.max_retries(retries),
            None => policy,
        }
    }

    /// Adds the extra headers to `request` (replacing any of the same name).
    pub(crate) fn apply_headers(&self, request: &mut reqwest::Request) {
        let Some(rare) = &self.rare else {
            return;
        };
        for (name, value) in &rare.headers {
            request.headers_mut().insert(name.clone(), value.clone());
        }
    }

    /// Fails with the first setting that could not be taken, before anything is sent.
    pub(crate) fn check(&self) -> Result<()> {
        match self.rare.as_ref().and_then(|rare| rare.invalid.as_ref()) {
            Some(problem) => Err(Error::Config(problem.clone())),
            None => Ok(()),
        }
    }

    /// The `Idempotency-Key` of a call that is not a GET: the caller's, checked with the spec's
    /// validator for that header (a malformed one is a validation error and nothing is sent),
    /// else a fresh random UUID. It is sent on every attempt of the call, so a call whose
    /// answer was lost can be retried safely.
    #[doc(hidden)]
    pub fn idempotency_key(
        &self,
        validate: fn(&str) -> std::result::Result<(), nexevo_api::ValidationError>,
    ) -> Result<String> {
        key_or_fresh(
            self.rare
                .as_ref()
                .and_then(|rare| rare.idempotency_key.as_deref()),
            validate,
        )
    }
}

/// Per-call options, on every call's builder. Each overrides the client's setting for this call
/// only (the time limits are in the table on [`Timeouts`]).
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
pub trait CallOptions: Sized {
    /// The call's options, for the builder's own use.
    #[doc(hidden)]
    fn options_mut(&mut self) -> &mut RequestOptions;

    /// How long each attempt of this call may take, instead of the client's
    /// [`Timeouts::attempt`]: from sending the request to the last byte of its answer; for a
    /// stream, to its head.
    fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.options_mut().attempt_timeout = Some(timeout);
        self
    }

    /// How long this call may take in all, its retries and the waits between them included,
    /// instead of the client's [`Timeouts::call_deadline`]. Passing it ends the call with
    /// [`Error::Timeout`] and [`TimeLimit::CallDeadline`](crate::TimeLimit::CallDeadline).
    fn call_deadline(mut self, deadline: Duration) -> Self {
        self.options_mut()
            .rare
            .get_or_insert_default()
            .call_deadline = Some(deadline);
        self
    }

    /// How this call is retried, instead of the client's policy.
    fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.options_mut().retry = Some(policy);
        self
    }

    /// At most this many retries after the first attempt (0: one attempt only), with the
    /// backoff of the call's retry policy.
    fn max_retries(mut self, retries: u32) -> Self {
        self.options_mut().max_retries = Some(retries);
        self
    }

    /// Sends an extra header with this call (replacing one the SDK would send under that name).
    /// Its value is marked sensitive, so it never shows in a `Debug` of the request. A name or
    /// value that is not a valid header, or a header with a setting of its own
    /// (`Authorization`, `Idempotency-Key`, `Host`, `Content-Length`, `Content-Type`,
    /// `Transfer-Encoding`), fails the call with [`Error::Config`] before anything is sent.
    fn header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        let (name, value) = (name.as_ref(), value.as_ref());
        let options = self.options_mut().rare.get_or_insert_default();
        let parsed = HeaderName::from_bytes(name.as_bytes())
            .ok()
            .zip(HeaderValue::from_str(value).ok());
        match parsed {
            Some((name, _)) if RESERVED_HEADERS.contains(&name.as_str()) => {
                options.invalid.get_or_insert_with(|| {
                    format!("the {name} header has its own setting; it cannot be an extra header")
                });
            }
            Some((name, mut value)) => {
                value.set_sensitive(true);
                options.headers.insert(name, value);
            }
            None => {
                options.invalid.get_or_insert_with(|| {
                    format!("{name:?} with its value is not a valid header")
                });
            }
        }
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
        self.options_mut()
            .rare
            .get_or_insert_default()
            .idempotency_key = Some(key.into());
        self
    }
}

/// The time limits of a stream once its head has arrived, on the builder of every call that
/// answers one (chat's `create_stream`). Each overrides the client's setting for this call.
pub trait StreamOptions: CallOptions {
    /// The longest silence of this stream (and the time its error answer's body may take),
    /// instead of the client's [`Timeouts::stream_idle`]. Passing it ends the stream with
    /// [`StreamError::IdleTimeout`](crate::StreamError::IdleTimeout).
    fn stream_idle_timeout(mut self, timeout: Duration) -> Self {
        self.options_mut().rare.get_or_insert_default().stream_idle = Some(timeout);
        self
    }

    /// A total deadline for this stream, from its head to its end, instead of the client's
    /// [`Timeouts::stream_deadline`] (none by default). Passing it ends the stream with
    /// [`StreamError::Deadline`](crate::StreamError::Deadline).
    fn stream_deadline(mut self, deadline: Duration) -> Self {
        self.options_mut()
            .rare
            .get_or_insert_default()
            .stream_deadline = Some(deadline);
        self
    }
}

/// `given` checked with the spec's validator for the `Idempotency-Key` header, else a fresh key.
pub(crate) fn key_or_fresh(
    given: Option<&str>,
    validate: fn(&str) -> std::result::Result<(), nexevo_api::ValidationError>,
) -> Result<String> {
    match given {
        Some(key) => {
            validate(key)?;
            Ok(key.to_owned())
        }
        None => Ok(fresh_idempotency_key()),
    }
}

/// A version-4 UUID, in its hyphenated lowercase form. Keys need to be unique, not secret (the
/// server scopes them to the caller's account), so they come from the thread-local `fastrand`
/// generator rather than a system call on every POST.
fn fresh_idempotency_key() -> String {
    let mut bits = fastrand::u128(..);
    // Version 4 in bits 76..80, the RFC 4122 variant in bits 62..64.
    bits = (bits & !(0xf << 76)) | (0x4 << 76);
    bits = (bits & !(0x3 << 62)) | (0x2 << 62);
    let mut key = String::with_capacity(36);
    for nibble in 0..32u32 {
        if matches!(nibble, 8 | 12 | 16 | 20) {
            key.push('-');
        }
        let digit = (bits >> (124 - 4 * nibble)) & 0xf;
        key.push(char::from_digit(digit as u32, 16).unwrap_or('0'));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::fresh_idempotency_key;

    #[test]
    fn fresh_keys_are_version_4_uuids() {
        let key = fresh_idempotency_key();
        assert_eq!(key.len(), 36, "{key}");
        let groups: Vec<&str> = key.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(
            key.chars()
                .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert!(groups[2].starts_with('4'), "{key}");
        assert!(groups[3].starts_with(['8', '9', 'a', 'b']), "{key}");
        assert_ne!(key, fresh_idempotency_key());
    }
}
