//! Why an operation's request could not be built: what each `<operation>_request` method
//! answers instead of a request.

use std::fmt;

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
