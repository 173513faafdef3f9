//! The layers every routed request passes through: request ids and rate-limit headers,
//! counters and fault injection, then idempotency (in `idempotency`).

use std::sync::{Arc, PoisonError};
use std::time::Instant;

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use nexevo_api::types::ErrorCode;

use crate::context::{App, ConnectionControl, OperationId, RequestId};
use crate::errors::{ApiError, error_body};
use crate::extract::{issued_credential, token_hash};
use crate::faults::Fault;
use crate::state::new_id;

/// The outermost layer: a request id for every request, rate limiting per credential, the
/// error body (which needs the request id), and the headers every response carries.
pub(crate) async fn frontline(
    State(app): State<Arc<App>>,
    mut request: Request,
    next: Next,
) -> Response {
    let request_id = new_id("req_");
    request
        .extensions_mut()
        .insert(RequestId(request_id.clone()));
    // One window per credential the sandbox issued, one for everything else: made-up tokens
    // share it rather than each growing the map.
    let credential = token_hash(request.headers())
        .filter(|hash| issued_credential(&app, hash))
        .unwrap_or_default();
    let (limit, remaining, reset_seconds) = app.take_rate_token(&credential);

    let mut response = if !app.host_allowed(&request) {
        error_for_host().into_response()
    } else if remaining.is_none() {
        ApiError::rate_limited(reset_seconds.max(1)).into_response()
    } else {
        next.run(request).await
    };

    if let Some(error) = response.extensions_mut().remove::<ApiError>() {
        *response.body_mut() = Body::from(error_body(&error, &request_id));
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
    }
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        headers.insert("x-request-id", value);
    }
    headers.insert("x-ratelimit-limit", HeaderValue::from(limit));
    headers.insert(
        "x-ratelimit-remaining",
        HeaderValue::from(remaining.unwrap_or(0)),
    );
    headers.insert("x-ratelimit-reset", HeaderValue::from(reset_seconds));
    response
}

/// The error a request for a host that is not loopback gets.
fn error_for_host() -> ApiError {
    ApiError::new(
        StatusCode::MISDIRECTED_REQUEST,
        ErrorCode::Forbidden,
        "The sandbox answers requests addressed to a loopback host only (localhost, 127.0.0.1, [::1]).",
    )
}

impl App {
    /// Whether the request is addressed to a loopback host (or one the sandbox was told to
    /// allow). A web page the developer visits can make the browser send requests to any name
    /// that resolves to 127.0.0.1 (DNS rebinding); those carry the page's own host name, which
    /// is refused here, so the demo account's published password drives nothing.
    fn host_allowed(&self, request: &Request) -> bool {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|value| value.to_str().ok())
            .or_else(|| request.uri().authority().map(|a| a.as_str()));
        let Some(host) = host else {
            return false;
        };
        let name = match host.strip_prefix('[') {
            Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
            None => host.rsplit_once(':').map_or(host, |(name, _)| name),
        };
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        name == "localhost"
            || name.ends_with(".localhost")
            || name
                .parse::<std::net::IpAddr>()
                .is_ok_and(|address| address.is_loopback())
            || self.allowed_hosts.contains(&name)
    }

    /// Counts a request against its credential's window: the limit, what remains (`None` when
    /// the request is over the limit) and the seconds until the window resets.
    fn take_rate_token(&self, credential: &str) -> (u32, Option<u32>, u64) {
        let mut windows = self
            .rate_windows
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        if !windows.contains_key(credential) && windows.len() >= 64 {
            // Expired windows are dropped before a new one is added.
            let length = self.rate_limit.window;
            windows.retain(|_, (started, _)| now.duration_since(*started) < length);
        }
        let window = windows.entry(credential.to_owned()).or_insert((now, 0));
        if now.duration_since(window.0) >= self.rate_limit.window {
            *window = (now, 0);
        }
        let reset = self
            .rate_limit
            .window
            .saturating_sub(now.duration_since(window.0))
            .as_secs();
        if window.1 >= self.rate_limit.limit {
            return (self.rate_limit.limit, None, reset);
        }
        window.1 += 1;
        (
            self.rate_limit.limit,
            Some(self.rate_limit.limit - window.1),
            reset,
        )
    }
}

/// The layer of routed requests: the operation's counters, fault injection, and idempotency.
pub(crate) async fn per_operation(
    State(app): State<Arc<App>>,
    matched: MatchedPath,
    mut request: Request,
    next: Next,
) -> Response {
    let method = request.method().as_str().to_owned();
    let Some(operation) = nexevo_api::OPERATIONS
        .iter()
        .find(|op| op.method == method && op.path == matched.as_str())
    else {
        return ApiError::not_found("No such operation.").into_response();
    };
    app.counters.received(operation.id);
    if let Some(count) = request
        .headers()
        .get("x-nexevo-retry-count")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse().ok())
    {
        app.counters.retried(operation.id, count);
    }
    request.extensions_mut().insert(OperationId(operation.id));
    let connection = request
        .extensions()
        .get::<ConnectionControl>()
        .cloned()
        .unwrap_or_default();

    let fault = app.faults.take(operation.id, false);
    let status_forced = matches!(fault, Some(Fault::Status(_) | Fault::DelayedStatus { .. }));
    // A fault that answers at once comes before anything is checked or read, as a proxy's
    // would.
    if let Some(answer) = answer_at_once(fault.as_ref(), &connection) {
        return answer;
    }
    // Nothing below reads a body that has not passed the credential and content-type checks
    // and its size and time limits.
    let request = match crate::extract::admit_body(&app, operation, request).await {
        Ok(request) => request,
        Err(refused) => return refused,
    };
    let idempotency_key = request.headers().get("idempotency-key").cloned();
    // The faults that wait are part of the handling: a repeat waits on a slow first request,
    // and a slow failure leaves its key unused.
    let handle = |request| handle(fault.as_ref(), request, next);
    let mut response = match idempotency_key {
        Some(key) if request.method() != Method::GET => {
            crate::idempotency::idempotent(Arc::clone(&app), operation, key, request, handle).await
        }
        _ => handle(request).await,
    };
    if !status_forced {
        app.contract.check(operation, response.status().as_u16());
    }

    match fault {
        Some(Fault::ResetAfterHandling) => connection.reset(),
        Some(Fault::MalformedBody) => {
            response.extensions_mut().remove::<ApiError>();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response.headers_mut().remove(header::CONTENT_LENGTH);
            *response.body_mut() = Body::from(r#"{"this is": not json"#);
        }
        _ => {}
    }
    response
}

/// The answer of a fault that answers without handling the request, if `fault` is one.
fn answer_at_once(fault: Option<&Fault>, connection: &ConnectionControl) -> Option<Response> {
    match fault? {
        Fault::Status(status) => Some(ApiError::server(*status).into_response()),
        Fault::RateLimited {
            retry_after_seconds,
        } => Some(ApiError::rate_limited(*retry_after_seconds).into_response()),
        Fault::ResetBeforeHandling => {
            connection.reset();
            Some(StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
        _ => None,
    }
}

/// Handles `request`, unless `fault` says to wait (and perhaps fail) first.
async fn handle(fault: Option<&Fault>, request: Request, next: Next) -> Response {
    match fault {
        Some(Fault::Delay(delay)) => tokio::time::sleep(*delay).await,
        Some(Fault::DelayedStatus { delay, status }) => {
            tokio::time::sleep(*delay).await;
            return ApiError::server(*status).into_response();
        }
        _ => {}
    }
    let response = next.run(request).await;
    if let Some(Fault::DelayAfterHandling(delay)) = fault {
        tokio::time::sleep(*delay).await;
    }
    response
}
