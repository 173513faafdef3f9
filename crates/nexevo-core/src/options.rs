//! Per-call options: what one call may change of the client's settings, as a call holds them
//! (the traits users set them with are in `call_options`), and the call's `Idempotency-Key`.

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
/// headers and (on a call that is not a GET) its `Idempotency-Key`. Users set them through
/// [`CallOptions`](crate::CallOptions), [`Idempotent`](crate::Idempotent) and
/// [`StreamOptions`](crate::StreamOptions) on any call's builder; the builder
/// holds them, and generated code reaches the type through `__private`.
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

    /// The `Idempotency-Key` the caller set
    /// ([`Idempotent::idempotency_key`](crate::Idempotent::idempotency_key)), if any: the
    /// call's key is [`idempotency_key`] of it.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.rare
            .as_ref()
            .and_then(|rare| rare.idempotency_key.as_deref())
    }

    /// The settings most calls leave alone, made room for when the first is set.
    fn rare_mut(&mut self) -> &mut RareOptions {
        self.rare.get_or_insert_default()
    }

    #[inline]
    pub(crate) fn set_attempt_timeout(&mut self, timeout: Duration) {
        self.attempt_timeout = Some(timeout);
    }

    #[inline]
    pub(crate) fn set_call_deadline(&mut self, deadline: Duration) {
        self.rare_mut().call_deadline = Some(deadline);
    }

    #[inline]
    pub(crate) fn set_retry_policy(&mut self, policy: RetryPolicy) {
        self.retry = Some(policy);
    }

    #[inline]
    pub(crate) fn set_max_retries(&mut self, retries: u32) {
        self.max_retries = Some(retries);
    }

    #[inline]
    pub(crate) fn set_idempotency_key(&mut self, key: String) {
        self.rare_mut().idempotency_key = Some(key);
    }

    #[inline]
    pub(crate) fn set_stream_idle(&mut self, timeout: Duration) {
        self.rare_mut().stream_idle = Some(timeout);
    }

    #[inline]
    pub(crate) fn set_stream_deadline(&mut self, deadline: Duration) {
        self.rare_mut().stream_deadline = Some(deadline);
    }

    /// Adds an extra header (see [`CallOptions::header`](crate::CallOptions::header)): its
    /// value marked sensitive; a name or value that is not a valid header, or a header with a
    /// setting of its own, is remembered as the call's first invalid setting.
    pub(crate) fn add_header(&mut self, name: &str, value: &str) {
        let options = self.rare_mut();
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
    }
}

/// The `Idempotency-Key` of a call that is not a GET: `given` (the caller's), checked with the
/// spec's validator for that header (a malformed one is a validation error and nothing is
/// sent), else a fresh random UUID. The call sends it on every attempt, so a call whose answer
/// was lost can be retried safely.
///
/// ```
/// use nexevo_core::__private::idempotency_key;
/// # fn check(key: &str) -> Result<(), nexevo_core::ValidationError> { Ok(()) }
/// assert_eq!(idempotency_key(Some("mine"), check)?, "mine");
/// assert_ne!(idempotency_key(None, check)?, idempotency_key(None, check)?);
/// # Ok::<(), nexevo_core::Error>(())
/// ```
pub fn idempotency_key(
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

/// A fresh `Idempotency-Key`, as a call makes one when none is set: a version-4 UUID in its
/// hyphenated lowercase form. Make one yourself to keep it beside the work it keys (a top-up
/// in your database, say), so a retry after a crash sends the same key and is applied once.
///
/// ```
/// let key = nexevo_core::fresh_idempotency_key();
/// assert_eq!(key.len(), 36);
/// assert_ne!(key, nexevo_core::fresh_idempotency_key());
/// ```
///
/// Keys need to be unique, not secret (the server scopes them to the caller's account), so
/// they come from the thread-local `fastrand` generator rather than a system call on every
/// POST.
pub fn fresh_idempotency_key() -> String {
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
