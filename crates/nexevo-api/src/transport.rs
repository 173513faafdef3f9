//! How the generated client sends requests: the seams between generated and hand-written code.
//!
//! Each operation has two methods: `<operation>_request` builds its request and `<operation>`
//! builds, sends it through the client's [`Transport`] and decodes the answer. A caller that
//! sends and decodes on its own terms (the `nexevo` SDK does) uses only the first. The hook that
//! hands a request to the transport is in `hooks.rs`, so that this module, which the generated
//! code names, names nothing generated.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// The future a [`Transport`] returns.
pub type TransportFuture<'a> =
    Pin<Box<dyn Future<Output = reqwest::Result<reqwest::Response>> + Send + 'a>>;

/// Sends the requests the generated [`Client`](crate::Client) builds.
///
/// The generated code builds each request (URL, headers, JSON body) and decodes each answer; in
/// between it hands the request to the client's transport. The `nexevo` crates implement it to
/// add credentials, retries with backoff, per-attempt timeouts and tracing, in one place.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` for the operation `operation_id` (snake_case) and answers the response
    /// the generated code should decode.
    fn execute<'a>(
        &'a self,
        client: &'a reqwest::Client,
        request: reqwest::Request,
        operation_id: &'static str,
    ) -> TransportFuture<'a>;
}

/// Sends each request once, as it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct DirectTransport;

impl Transport for DirectTransport {
    // Inline: compiled by the application that picks this transport, not by every build of
    // this crate (the SDK's clients use their own).
    #[inline]
    fn execute<'a>(
        &'a self,
        client: &'a reqwest::Client,
        request: reqwest::Request,
        _operation_id: &'static str,
    ) -> TransportFuture<'a> {
        Box::pin(client.execute(request))
    }
}

/// Why an operation's request could not be built: a header value it cannot carry, or a URL or
/// body reqwest refused. Small, so that building a request costs nothing when it succeeds.
#[derive(Debug)]
#[non_exhaustive]
pub enum RequestError {
    /// reqwest could not build the request.
    Http(reqwest::Error),
    /// A parameter sent as a header is not a valid header value.
    Header(reqwest::header::InvalidHeaderValue),
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Http(error) => write!(f, "the request could not be built: {error}"),
            Self::Header(error) => write!(f, "a header value is invalid: {error}"),
        }
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Http(error) => Some(error),
            Self::Header(error) => Some(error),
        }
    }
}

impl From<reqwest::Error> for RequestError {
    fn from(error: reqwest::Error) -> Self {
        Self::Http(error)
    }
}

impl From<reqwest::header::InvalidHeaderValue> for RequestError {
    fn from(error: reqwest::header::InvalidHeaderValue) -> Self {
        Self::Header(error)
    }
}

/// The generated `async fn`s answer progenitor's error, as they did before building was split
/// out of them.
impl<E> From<RequestError> for progenitor_client::Error<E> {
    fn from(error: RequestError) -> Self {
        match error {
            RequestError::Http(error) => Self::from(error),
            RequestError::Header(error) => Self::from(error),
        }
    }
}
