//! When to retry, and how long to wait: the policy, and what an attempt's outcome says.

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

use crate::http_date::http_date_seconds;

/// How failed attempts are retried.
///
/// Retried, for any method: a 429 (the server did not act on it) and a failure to connect.
/// Retried only when repeating is safe — GET, PUT, DELETE, PATCH (ours set fields to values), or
/// a POST with an `Idempotency-Key`, which the SDK sends on every call but a GET: a 408, a 5xx
/// other than 501, a 409 that carries `Retry-After` (`idempotency_in_progress`: the key's first
/// request, a stream, is still being answered; the retry gets its replay), a timeout, or a
/// connection lost after the request was sent — before the answer's head or while its body was
/// being read (the body is read inside the attempt). A stream is never repeated once its head
/// has arrived, so no event reaches its caller twice. Never retried: any other 4xx (a spend-cap
/// or quota refusal among them), a 501 (the server lacks the operation), and an answer that
/// arrived but failed to decode.
///
/// Waits grow exponentially from `initial_backoff` to `max_backoff`, each with random jitter in
/// its upper half. A wait the server asks for (`retry-after-ms`, or `Retry-After` in seconds or
/// as an HTTP date) is honoured up to `max_retry_after`; a longer one ends the call at once
/// with the server's error, whose `retry_after` says how long it asked for. Every retry carries
/// `X-Nexevo-Retry-Count` with its number (1 for the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// Two retries (three attempts), backoff from 200 ms up to 5 s, `Retry-After` up to 30 s.
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// No retries: every call makes one attempt.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Retries after the first attempt (0 disables retrying).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The wait before the first retry; each further retry waits twice as long.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest wait between attempts.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The longest wait the server may ask for (`Retry-After`) that is still waited for; when
    /// it asks for longer, the call ends at once with its error (and `retry_after`), rather
    /// than retrying sooner than asked.
    pub fn max_retry_after(mut self, limit: Duration) -> Self {
        self.max_retry_after = limit;
        self
    }

    /// Retries allowed after the first attempt.
    pub fn retries(&self) -> u32 {
        self.max_retries
    }

    /// The wait before retry number `retry` (1-based): exponential, capped, with jitter in the
    /// upper half so concurrent clients spread out but a wait is never near zero.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(20);
        let full = self
            .initial_backoff
            .saturating_mul(1u32 << exponent)
            .min(self.max_backoff);
        let half = full / 2;
        let jitter_nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
        half + Duration::from_nanos(fastrand::u64(0..=jitter_nanos))
    }

    /// Whether a wait the server asked for is short enough to wait for.
    pub(crate) fn waits_for(&self, asked: Duration) -> bool {
        asked <= self.max_retry_after
    }
}

/// Whether repeating the request is harmless: methods that are idempotent by definition (our
/// PATCHes set fields to values, so they are too) and POSTs carrying an `Idempotency-Key`.
pub(crate) fn is_idempotent(request: &reqwest::Request) -> bool {
    matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::PATCH | Method::OPTIONS
    ) || request.headers().contains_key("idempotency-key")
}

/// Whether an attempt that failed in the transport may be tried again: another attempt may
/// succeed and cannot apply the request twice.
pub(crate) fn transport_retryable(error: &reqwest::Error, idempotent: bool) -> bool {
    if error.is_builder() || error.is_redirect() || error.is_decode() {
        return false;
    }
    // A refused connection never reached the server; anything later might have.
    error.is_connect() || idempotent
}

/// How long to wait before repeating a request that got this answer, if it should be repeated.
pub(crate) fn retry_wait(
    status: StatusCode,
    headers: &HeaderMap,
    idempotent: bool,
    policy: &RetryPolicy,
    attempt: u32,
) -> Option<Duration> {
    // 501: the server lacks the operation; asking again cannot change that. A 409 with
    // `Retry-After` is the one temporary conflict (`idempotency_in_progress`: the key's first
    // request is still being answered).
    let candidate = status == StatusCode::TOO_MANY_REQUESTS
        || (idempotent
            && (status == StatusCode::REQUEST_TIMEOUT
                || status == StatusCode::CONFLICT
                || (status.is_server_error() && status != StatusCode::NOT_IMPLEMENTED)));
    if !candidate {
        return None;
    }
    let asked = retry_after(headers);
    if status == StatusCode::CONFLICT && asked.is_none() {
        return None;
    }
    // A wait longer than the policy allows is not shortened: the answer is the call's, and its
    // error says how long the server asked for.
    match asked {
        Some(asked) => policy.waits_for(asked).then_some(asked),
        None => Some(policy.backoff(attempt)),
    }
}

/// How long the server asked to wait: `retry-after-ms` (milliseconds), else `Retry-After` as
/// delta-seconds (fractional ones too) or an HTTP date (IMF-fixdate, as RFC 9110 asks senders
/// to write it).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = |name| headers.get(name)?.to_str().ok().map(str::trim);
    if let Some(millis) = text("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return Duration::try_from_secs_f64(millis)
            .ok()
            .map(|wait| wait / 1000);
    }
    let value = text(RETRY_AFTER.as_str())?;
    if let Ok(seconds) = value.parse::<f64>() {
        return Duration::try_from_secs_f64(seconds).ok();
    }
    let at = Duration::from_secs(u64::try_from(http_date_seconds(value)?).ok()?);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(at.saturating_sub(now))
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    reqwest::header::HeaderName::from_static(name),
                    HeaderValue::from_str(value).unwrap_or(HeaderValue::from_static("")),
                )
            })
            .collect()
    }

    #[test]
    fn retry_after_is_read_in_every_form() {
        let wait = |pairs: &[(&'static str, &str)]| retry_after(&headers(pairs));
        assert_eq!(wait(&[("retry-after", "3")]), Some(Duration::from_secs(3)));
        assert_eq!(
            wait(&[("retry-after", " 0.25 ")]),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            wait(&[("retry-after", "9"), ("retry-after-ms", "1500")]),
            Some(Duration::from_millis(1500)),
            "milliseconds win"
        );
        assert_eq!(
            wait(&[("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT")]),
            Some(Duration::ZERO),
            "a past date: now"
        );
        assert_eq!(wait(&[("retry-after", "-1")]), None);
        assert_eq!(wait(&[("retry-after", "soon")]), None);
        assert_eq!(wait(&[]), None);
    }

    #[test]
    fn backoff_grows_is_capped_and_never_below_half() {
        let policy = RetryPolicy::default();
        for retry in 1..=10 {
            let full = Duration::from_millis(200)
                .saturating_mul(1 << (retry - 1))
                .min(Duration::from_secs(5));
            let wait = policy.backoff(retry);
            assert!(
                wait >= full / 2 && wait <= full,
                "retry {retry}: {wait:?} outside [{:?}, {full:?}]",
                full / 2
            );
        }
    }

    #[test]
    fn a_wait_longer_than_the_limit_is_not_waited_for() {
        let policy = RetryPolicy::default().max_retry_after(Duration::from_secs(2));
        assert!(policy.waits_for(Duration::from_secs(1)));
        assert!(policy.waits_for(Duration::from_secs(2)));
        assert!(!policy.waits_for(Duration::from_secs(3600)));
    }
}

/// A retry about to wait, as [`ClientBuilder::on_retry`](crate::ClientBuilder::on_retry) sees
/// it: which call, which attempt failed and how, and how long the SDK waits before the next.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryNotice {
    /// The operation (`get_balance`).
    pub operation: &'static str,
    /// The attempt that failed, from 1.
    pub attempt: u32,
    /// Its answer's status, when it had one (a 429, a 503); `None` when the connection failed
    /// or the attempt timed out.
    pub status: Option<u16>,
    /// How long the SDK waits before the next attempt.
    pub wait: Duration,
    /// Whether the wait is the server's (`Retry-After`, `retry-after-ms`) rather than the
    /// policy's backoff.
    pub server_asked: bool,
}

/// What is told of each retry: a function the client was given.
pub(crate) type RetryObserver = std::sync::Arc<dyn Fn(&RetryNotice) + Send + Sync>;
