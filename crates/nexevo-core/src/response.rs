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
#[derive(Debug, Clone)]
pub struct ResponseMeta {
    status: u16,
    request_id: Option<String>,
    rate_limit: Option<RateLimit>,
    attempts: u32,
    headers: HeaderMap,
}

impl ResponseMeta {
    pub(crate) fn new(status: u16, headers: &HeaderMap, attempts: u32) -> Self {
        let number = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<u64>().ok();
        let rate_limit = match (number("x-ratelimit-limit"), number("x-ratelimit-remaining")) {
            (Some(limit), Some(remaining)) => Some(RateLimit {
                limit,
                remaining,
                reset: Duration::from_secs(number("x-ratelimit-reset").unwrap_or(0)),
            }),
            _ => None,
        };
        Self {
            status,
            request_id: header_text(headers, "x-request-id"),
            rate_limit,
            attempts,
            headers: headers.clone(),
        }
    }

    /// The metadata of a response obtained outside the SDK (one attempt).
    pub fn from_response(response: &reqwest::Response) -> Self {
        Self::new(response.status().as_u16(), response.headers(), 1)
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The server's id for the request (`X-Request-Id`): quote it when reporting a problem.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The rate-limit state after this request.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.rate_limit
    }

    /// How many attempts the call took (1 when it was not retried).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// A response header, as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub(crate) fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
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
    pub(crate) fn new(value: T, meta: ResponseMeta) -> Self {
        Self { value, meta }
    }

    /// A value with metadata (for answers an area crate assembles itself, such as a stream).
    pub fn from_parts(value: T, meta: ResponseMeta) -> Self {
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
