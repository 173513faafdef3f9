//! What an answer other than the operation's success means, as the SDK's [`Error`]: an error
//! status, a redirect, a body that is not what its status promises, or a transport failure.

use nexevo_api::types::{self, ErrorCode};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION};

use crate::error::{ApiError, Error, TimeLimit};
use crate::response::request_id;
use crate::retry::retry_after;

/// A transport failure after `attempts` attempts.
pub(crate) fn transport_error(error: reqwest::Error, attempts: u32) -> Error {
    if error.is_timeout() {
        // The SDK's own limits are its own timers; only the HTTP client's are reqwest's.
        Error::Timeout {
            attempts,
            limit: TimeLimit::HttpClient,
        }
    } else {
        Error::Connection {
            attempts,
            source: error.without_url(),
        }
    }
}

/// An error status whose body is the API's error shape.
fn api_error(status: u16, headers: &HeaderMap, body: types::Error, attempts: u32) -> Error {
    let detail = body.error;
    let error = ApiError {
        status,
        code: detail.code,
        message: detail.message,
        field: detail.field,
        request_id: Some(detail.request_id).filter(|id| !id.is_empty()),
        retry_after: None,
        attempts,
    };
    with_headers(error, headers)
}

/// `error` completed from the answer's headers: the request id when the body did not give one,
/// and `Retry-After`.
fn with_headers(mut error: ApiError, headers: &HeaderMap) -> Error {
    error.request_id = error.request_id.or_else(|| request_id(headers));
    error.retry_after = retry_after(headers);
    Error::Api(Box::new(error))
}

/// An error status the spec does not list for the operation (`headers` and `body` are the
/// answer's): a redirect, else read as the error shape if it is one, else reported as
/// undecodable.
pub(crate) fn unexpected(status: u16, headers: &HeaderMap, body: &[u8], attempts: u32) -> Error {
    if (300..400).contains(&status) {
        // Not followed (see the client's redirect policy), and no body is worth reading.
        return Error::Redirect {
            status,
            location: headers
                .get(LOCATION)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned),
            request_id: request_id(headers),
        };
    }
    match serde_json::from_slice::<types::Error>(body) {
        Ok(error) => api_error(status, headers, error, attempts),
        Err(error) => undecodable(status, headers, &error, attempts),
    }
}

/// An answer whose body is not what its status promises. An error status is an API error all
/// the same — with its status, request id and the code the status stands for — since a proxy's
/// page or an empty body says as much as the status does; a success is a decode error.
pub(crate) fn undecodable(
    status: u16,
    headers: &HeaderMap,
    error: &serde_json::Error,
    attempts: u32,
) -> Error {
    if StatusCode::from_u16(status).is_ok_and(|s| s.is_success()) {
        return Error::Decode {
            status,
            request_id: request_id(headers),
            message: error.to_string(),
        };
    }
    let error = ApiError {
        status,
        code: code_for_status(status),
        message: format!("the server answered {status} without the error shape ({error})"),
        field: None,
        request_id: None,
        retry_after: None,
        attempts,
    };
    with_headers(error, headers)
}

/// The code an error status stands for when its body does not say.
fn code_for_status(status: u16) -> ErrorCode {
    match status {
        401 => ErrorCode::Unauthorized,
        402 => ErrorCode::InsufficientBalance,
        403 => ErrorCode::Forbidden,
        404 | 405 => ErrorCode::NotFound,
        409 => ErrorCode::Conflict,
        400 | 413 | 415 | 422 => ErrorCode::ValidationFailed,
        429 => ErrorCode::RateLimited,
        503 => ErrorCode::ServiceUnavailable,
        _ => ErrorCode::InternalError,
    }
}
