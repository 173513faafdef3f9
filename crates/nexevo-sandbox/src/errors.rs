//! Errors as the API answers them: `{"error": {"code", "message", "request_id", "field"}}`.
//!
//! A handler returns an [`ApiError`]; it travels as a response extension and the outermost
//! middleware writes the body, because only it knows the request id for every error, including
//! those raised before routing.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use nexevo_api::ValidationError;
use nexevo_api::types::ErrorCode;
use nexevo_api::validation::Rule;

/// An error answer.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) code: ErrorCode,
    pub(crate) message: String,
    pub(crate) field: Option<String>,
    pub(crate) retry_after_seconds: Option<u64>,
    /// The same wait in milliseconds, sent as `retry-after-ms` where the wait is not whole
    /// seconds.
    pub(crate) retry_after_ms: Option<u64>,
}

pub(crate) type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            field: None,
            retry_after_seconds: None,
            retry_after_ms: None,
        }
    }

    pub(crate) fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, message)
    }

    pub(crate) fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, ErrorCode::Forbidden, message)
    }

    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, message)
    }

    pub(crate) fn conflict(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, message)
    }

    pub(crate) fn payment_required(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::new(StatusCode::PAYMENT_REQUIRED, code, message)
    }

    pub(crate) fn rate_limited(retry_after_seconds: u64) -> Self {
        let mut error = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            format!("Too many requests; retry after {retry_after_seconds} s."),
        );
        error.retry_after_seconds = Some(retry_after_seconds);
        error
    }

    /// A 429 `too_many_attempts`: too many wrong two-factor codes; the next is checked after
    /// `wait`.
    pub(crate) fn too_many_attempts(wait: std::time::Duration) -> Self {
        let millis = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX).max(1);
        let seconds = millis.div_ceil(1000);
        let mut error = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::TooManyAttempts,
            format!("Too many wrong two-factor codes; try again in {seconds} s."),
        );
        error.retry_after_seconds = Some(seconds);
        error.retry_after_ms = Some(millis);
        error
    }

    pub(crate) fn server(status: u16) -> Self {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        let code = if status == StatusCode::SERVICE_UNAVAILABLE {
            ErrorCode::ServiceUnavailable
        } else {
            ErrorCode::InternalError
        };
        Self::new(
            status,
            code,
            "The sandbox was told to fail this request (fault injection).",
        )
    }

    /// A 422 naming the field and the rule it broke.
    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        let mut error = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::ValidationFailed,
            message,
        );
        error.field = Some(field.into());
        error
    }

    pub(crate) fn invalid_rule(field: &str, rule: Rule) -> Self {
        Self::from(ValidationError::at_field(field, rule))
    }
}

impl From<ValidationError> for ApiError {
    fn from(error: ValidationError) -> Self {
        Self::invalid(error.field(), error.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        if let Some(seconds) = self.retry_after_seconds {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if let Some(millis) = self.retry_after_ms {
            response
                .headers_mut()
                .insert("retry-after-ms", HeaderValue::from(millis));
        }
        response.extensions_mut().insert(self);
        response
    }
}

/// The JSON body of an error, with its request id.
pub(crate) fn error_body(error: &ApiError, request_id: &str) -> Vec<u8> {
    let mut detail = serde_json::Map::new();
    detail.insert(
        "code".into(),
        serde_json::Value::String(error.code.as_str().to_owned()),
    );
    detail.insert(
        "message".into(),
        serde_json::Value::String(error.message.clone()),
    );
    detail.insert(
        "request_id".into(),
        serde_json::Value::String(request_id.to_owned()),
    );
    if let Some(field) = &error.field {
        detail.insert("field".into(), serde_json::Value::String(field.clone()));
    }
    let body = serde_json::json!({ "error": detail });
    body.to_string().into_bytes()
}
