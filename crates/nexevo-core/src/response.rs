//! A successful answer, with what the headers said about it.

use std::ops::Deref;
use std::time::Duration;

use reqwest::header::HeaderMap;

/// The rate-limit state the server reported with an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed in the current window (`X-RateLimit-Limit`).
    pub limit: u64,
    /// Requests left in it (`X-RateLimit-Remaining`).
    pub remaining: u64,
    /// Time until it resets (`X-RateLimit-Reset`).
    pub reset: Duration,
}

/// What an answer's status and headers said, beside its value.
///
/// It owns the answer's headers and reads them when asked, so a call whose metadata nobody
/// looks at pays nothing for it.
#[derive(Debug, Clone)]
pub struct ResponseMeta {
    status: u16,
    attempts: u32,
    headers: HeaderMap,
}

impl ResponseMeta {
    pub(crate) fn new(status: u16, headers: HeaderMap, attempts: u32) -> Self {
        Self {
            status,
            attempts,
            headers,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The server's id for the request (`X-Request-Id`): quote it when reporting a problem.
    pub fn request_id(&self) -> Option<&str> {
        self.header(REQUEST_ID)
    }

    /// The rate-limit state after this request (`None` when the server did not report both
    /// the limit and what remains of it).
    pub fn rate_limit(&self) -> Option<RateLimit> {
        let number = |name: &str| self.header(name)?.trim().parse::<u64>().ok();
        Some(RateLimit {
            limit: number("x-ratelimit-limit")?,
            remaining: number("x-ratelimit-remaining")?,
            reset: Duration::from_secs(number("x-ratelimit-reset").unwrap_or(0)),
        })
    }

    /// How many attempts the call took (1 when it was not retried).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Every response header, in order, as text (a value that is not visible ASCII is left
    /// out): for a tool that shows the answer's head.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers
            .iter()
            .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)))
    }

    /// A response header, as text (`None` when absent or not visible ASCII).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// The header carrying the server's id for a request.
pub(crate) const REQUEST_ID: &str = "x-request-id";

/// The request id in `headers`, owned (for an error that outlives them).
pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// A successful answer: the value, and its [`ResponseMeta`]. Derefs to the value.
///
/// Calls answer the value itself when awaited; `.with_meta()` before `.await` answers this.
#[derive(Debug, Clone)]
pub struct Response<T> {
    value: T,
    meta: ResponseMeta,
}

impl<T> Response<T> {
    /// A value with metadata.
    pub(crate) fn from_parts(value: T, meta: ResponseMeta) -> Self {
        Self { value, meta }
    }

    /// The answer's metadata: request id, rate limit, attempts, headers.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    /// The value.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The value and the metadata.
    pub fn into_parts(self) -> (T, ResponseMeta) {
        (self.value, self.meta)
    }

    /// The same metadata with another value (for answers the SDK reshapes).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            value: f(self.value),
            meta: self.meta,
        }
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}
