//! Each HTTP attempt's span: a child of its call's, named and attributed by the conventions'
//! HTTP client rules.

use tracing::Span;
use tracing::field::Empty;

use super::call::CallTrace;
use super::names::*;

/// The span of attempt `attempt` (from 1) of the call `trace` records, sending `request`; a
/// disabled one when nobody takes the call's span.
pub(crate) fn attempt_span(trace: &CallTrace, request: &reqwest::Request, attempt: u32) -> Span {
    let (Some(parent), Some((name, template)), Some((address, port))) =
        (trace.span(), trace.http_name(), trace.server())
    else {
        return Span::none();
    };
    let span = tracing::info_span!(
        parent: parent,
        "nexevo.request",
        { OTEL_NAME } = name,
        { OTEL_KIND } = "client",
        { OTEL_STATUS_CODE } = Empty,
        { HTTP_REQUEST_METHOD } = request.method().as_str(),
        { HTTP_REQUEST_RESEND_COUNT } = Empty,
        { URL_FULL } = url_without_credentials(request.url()).as_str(),
        { URL_TEMPLATE } = template,
        { SERVER_ADDRESS } = address,
        { SERVER_PORT } = i64::from(port),
        { HTTP_RESPONSE_STATUS_CODE } = Empty,
        { NEXEVO_REQUEST_ID } = Empty,
        { ERROR_TYPE } = Empty,
    );
    // The conventions set it on resends only: the first attempt is not one.
    if attempt > 1 {
        span.record(HTTP_REQUEST_RESEND_COUNT, i64::from(attempt - 1));
    }
    span
}

/// An attempt's answer arrived: its status and request id; a status of 400 or more is the
/// attempt's error, its `error.type` the status, as the conventions say for HTTP clients.
pub(crate) fn attempt_answered(span: &Span, status: u16, request_id: Option<&str>) {
    if span.is_disabled() {
        return;
    }
    span.record(HTTP_RESPONSE_STATUS_CODE, i64::from(status));
    if let Some(id) = request_id {
        span.record(NEXEVO_REQUEST_ID, id);
    }
    if status >= 400 {
        span.record(ERROR_TYPE, status.to_string());
        span.record(OTEL_STATUS_CODE, "ERROR");
    }
}

/// An attempt failed without an answer (`error_type`: `timeout`, `connection`, …).
pub(crate) fn attempt_failed(span: &Span, error_type: &str) {
    span.record(ERROR_TYPE, error_type);
    span.record(OTEL_STATUS_CODE, "ERROR");
}

/// The URL as sent, less any user name or password in it (the conventions' rule for
/// `url.full`). The SDK's credential travels in a header, never in the URL, and the spec puts
/// no secret in a path or a query.
fn url_without_credentials(url: &reqwest::Url) -> reqwest::Url {
    let mut url = url.clone();
    if !url.username().is_empty() || url.password().is_some() {
        let _ = url.set_username("");
        let _ = url.set_password(None);
    }
    url
}
