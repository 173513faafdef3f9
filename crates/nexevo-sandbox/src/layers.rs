//! The layers every routed request passes through: request ids and rate-limit headers,
//! counters, fault injection and idempotency.

use std::sync::{Arc, PoisonError};
use std::time::Instant;

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use nexevo_api::types::ErrorCode;
use sha2::{Digest, Sha256};

use crate::context::{
    App, ConnectionControl, IdempotencyScope, IdempotencySlot, OperationId, RequestId, Stored,
    max_body_bytes,
};
use crate::errors::{ApiError, error_body};
use crate::faults::Fault;
use crate::state::{new_id, secret_hash};

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
    let credential = request
        .headers()
        .get(header::AUTHORIZATION)
        .map(|value| secret_hash(&String::from_utf8_lossy(value.as_bytes())))
        .unwrap_or_else(|| "anonymous".to_owned());
    let (limit, remaining, reset_seconds) = app.take_rate_token(&credential);

    let mut response = if remaining.is_none() {
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

impl App {
    /// Counts a request against its credential's window: the limit, what remains (`None` when
    /// the request is over the limit) and the seconds until the window resets.
    fn take_rate_token(&self, credential: &str) -> (u32, Option<u32>, u64) {
        let mut windows = self
            .rate_windows
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
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
    match &fault {
        Some(Fault::Status(status)) => return ApiError::server(*status).into_response(),
        Some(Fault::RateLimited {
            retry_after_seconds,
        }) => {
            return ApiError::rate_limited(*retry_after_seconds).into_response();
        }
        Some(Fault::Delay(delay)) => tokio::time::sleep(*delay).await,
        Some(Fault::ResetBeforeHandling) => {
            connection.reset();
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
        _ => {}
    }

    let idempotency_key = request.headers().get("idempotency-key").cloned();
    let mut response = match idempotency_key {
        Some(key) if request.method() != Method::GET => {
            idempotent(&app, operation, key, request, next).await
        }
        _ => next.run(request).await,
    };

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

/// Applies a request that is not a GET once per `Idempotency-Key` (per credential and operation): the first
/// successful answer is stored and replayed for repeats with the same body; a different body
/// is a 409; concurrent repeats wait for the first.
async fn idempotent(
    app: &App,
    operation: &'static nexevo_api::ApiOperation,
    key: HeaderValue,
    request: Request,
    next: Next,
) -> Response {
    if let Err(error) =
        nexevo_api::validate::params::idempotency_key(key.to_str().unwrap_or("\u{0}"))
    {
        return ApiError::from(error).into_response();
    }
    let (parts, body) = request.into_parts();
    let body = match axum::body::to_bytes(body, max_body_bytes()).await {
        Ok(body) => body,
        Err(_) => return ApiError::invalid("body", "The body could not be read.").into_response(),
    };
    let mut hasher = Sha256::new();
    hasher.update(parts.method.as_str());
    hasher.update(parts.uri.path());
    hasher.update([0]);
    // The same body for another organization is another request.
    if let Some(organization) = parts.headers.get("nexevo-organization") {
        hasher.update(organization.as_bytes());
    }
    hasher.update([0]);
    hasher.update(&body);
    let fingerprint: [u8; 32] = hasher.finalize().into();
    let scope = IdempotencyScope {
        credential: parts
            .headers
            .get(header::AUTHORIZATION)
            .map(|v| secret_hash(&String::from_utf8_lossy(v.as_bytes())))
            .unwrap_or_default(),
        operation: operation.id,
        key: key.as_bytes().to_vec(),
    };
    let slot = {
        let mut slots = app
            .idempotency
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        Arc::clone(slots.entry(scope.clone()).or_insert_with(|| {
            Arc::new(IdempotencySlot {
                fingerprint,
                outcome: tokio::sync::Mutex::new(None),
            })
        }))
    };
    if slot.fingerprint != fingerprint {
        return ApiError::conflict(
            ErrorCode::IdempotencyConflict,
            "This Idempotency-Key was already used with a different request.",
        )
        .into_response();
    }
    let mut outcome = slot.outcome.lock().await;
    // A stored answer goes only to a caller who still authenticates: a revoked key or an
    // ended session gets its 401, not a replay.
    if outcome.is_some()
        && operation.requires_auth
        && let Err(error) = crate::extract::authenticate(app, &parts.headers)
    {
        return error.into_response();
    }
    match &*outcome {
        Some(Stored::Response {
            status,
            headers,
            body,
        }) => {
            let mut replay = Response::new(Body::from(body.clone()));
            *replay.status_mut() = *status;
            *replay.headers_mut() = headers.clone();
            replay
                .headers_mut()
                .insert("idempotent-replayed", HeaderValue::from_static("true"));
            return replay;
        }
        Some(Stored::Stream) => {
            return ApiError::conflict(
                ErrorCode::IdempotencyConflict,
                "This Idempotency-Key's streamed answer was already delivered; streams cannot be replayed.",
            )
            .into_response();
        }
        None => {}
    }

    let request = Request::from_parts(parts, Body::from(body));
    let response = next.run(request).await;
    let streamed = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"));
    if !response.status().is_success() {
        // Nothing was applied: the key may be used again, with any body.
        drop(outcome);
        let mut slots = app
            .idempotency
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if slots.get(&scope).is_some_and(|s| Arc::ptr_eq(s, &slot)) {
            slots.remove(&scope);
        }
        return response;
    }
    if streamed {
        *outcome = Some(Stored::Stream);
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, max_body_bytes()).await {
        Ok(body) => body,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    *outcome = Some(Stored::Response {
        status: parts.status,
        headers: parts.headers.clone(),
        body: body.clone(),
    });
    Response::from_parts(parts, Body::from(body))
}
