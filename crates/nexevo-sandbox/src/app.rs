//! The router and the layers every request passes through: request ids and rate-limit
//! headers, counters, fault injection and idempotency.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{Extension, MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, MethodRouter, get, on, post, put};
use bytes::Bytes;
use nexevo_api::types::ErrorCode;
use sha2::{Digest, Sha256};

use crate::counters::CounterSet;
use crate::errors::{ApiError, error_body};
use crate::faults::{Fault, FaultPlan};
use crate::handlers;
use crate::state::{Store, new_id, secret_hash};

/// The largest request body the sandbox reads.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Rate limiting: at most `limit` requests per `window` per credential.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RateLimit {
    pub(crate) limit: u32,
    pub(crate) window: Duration,
}

/// Everything the handlers share.
#[derive(Debug)]
pub(crate) struct App {
    pub(crate) store: Store,
    pub(crate) faults: Arc<FaultPlan>,
    pub(crate) counters: CounterSet,
    rate_limit: RateLimit,
    rate_windows: Mutex<HashMap<String, (Instant, u32)>>,
    idempotency: Mutex<HashMap<IdempotencyScope, Arc<IdempotencySlot>>>,
}

impl App {
    pub(crate) fn new(faults: Arc<FaultPlan>, rate_limit: RateLimit) -> Self {
        Self {
            store: Store::default(),
            faults,
            counters: CounterSet::default(),
            rate_limit,
            rate_windows: Mutex::new(HashMap::new()),
            idempotency: Mutex::new(HashMap::new()),
        }
    }
}

/// The request's id, as sent back in `X-Request-Id`.
#[derive(Debug, Clone)]
pub(crate) struct RequestId(pub(crate) String);

/// The operation a request was routed to (its generated method name).
#[derive(Debug, Clone, Copy)]
pub(crate) struct OperationId(pub(crate) &'static str);

/// Lets a request close its own connection abruptly (fault injection).
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnectionControl(pub(crate) Arc<AtomicBool>);

impl ConnectionControl {
    pub(crate) fn reset(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// The operations the sandbox implements, each with its handler. Every other operation of the
/// spec answers 501 `not_implemented` (see [`router`]).
fn implementations() -> Vec<(&'static str, MethodRouter<Arc<App>>)> {
    use axum::routing::{delete, patch};
    use handlers::{auth, billing, chat, conversations, feedback, keys, organizations};
    vec![
        ("create_chat_completion", post(chat::create_chat_completion)),
        ("list_models", get(chat::list_models)),
        (
            "create_conversation",
            post(conversations::create_conversation),
        ),
        ("list_conversations", get(conversations::list_conversations)),
        ("get_conversation", get(conversations::get_conversation)),
        (
            "update_conversation",
            patch(conversations::update_conversation),
        ),
        (
            "delete_conversation",
            delete(conversations::delete_conversation),
        ),
        ("append_message", post(conversations::append_message)),
        ("list_messages", get(conversations::list_messages)),
        ("register", post(auth::register)),
        ("login", post(auth::login)),
        ("logout", post(auth::logout)),
        ("request_password_reset", post(auth::request_password_reset)),
        ("confirm_password_reset", post(auth::confirm_password_reset)),
        ("me", get(auth::me)),
        ("update_profile", patch(auth::update_profile)),
        ("change_password", post(auth::change_password)),
        ("two_fa_status", get(auth::two_fa_status)),
        ("enable_two_fa", post(auth::enable_two_fa)),
        ("verify_two_fa", post(auth::verify_two_fa)),
        ("disable_two_fa", post(auth::disable_two_fa)),
        ("deactivate_account", post(auth::deactivate_account)),
        ("create_key", post(keys::create_key)),
        ("list_keys", get(keys::list_keys)),
        ("get_key", get(keys::get_key)),
        ("revoke_key", delete(keys::revoke_key)),
        ("update_spend_cap", put(keys::update_spend_cap)),
        ("update_alert_webhook", put(keys::update_alert_webhook)),
        ("update_geo_policy", put(keys::update_geo_policy)),
        ("get_balance", get(billing::get_balance)),
        ("get_usage", get(billing::get_usage)),
        ("get_plan", get(billing::get_plan)),
        ("get_upgrade_hint", get(billing::get_upgrade_hint)),
        ("create_checkout", post(billing::create_checkout)),
        (
            "create_organization",
            post(organizations::create_organization),
        ),
        ("list_organizations", get(organizations::list_organizations)),
        ("get_organization", get(organizations::get_organization)),
        ("invite_member", post(organizations::invite_member)),
        ("list_members", get(organizations::list_members)),
        ("remove_member", delete(organizations::remove_member)),
        ("change_member_role", put(organizations::change_member_role)),
        ("transfer_owner", post(organizations::transfer_owner)),
        ("submit_feedback", post(feedback::submit_feedback)),
        ("get_feedback_summary", get(feedback::get_feedback_summary)),
    ]
}

/// The ids of the operations of the spec the sandbox implements, in spec order; every other
/// operation answers 501 `not_implemented`.
pub(crate) fn implemented_operations() -> Vec<&'static str> {
    let implemented: Vec<&'static str> = implementations().into_iter().map(|(id, _)| id).collect();
    nexevo_api::OPERATIONS
        .iter()
        .map(|op| op.id)
        .filter(|id| implemented.contains(id))
        .collect()
}

/// Routes every operation of the spec (so each is counted and can be faulted like any other):
/// to its handler, or to [`not_implemented`] (as are those listed in `unimplemented`).
pub(crate) fn router(app: Arc<App>, unimplemented: &[String]) -> Router {
    let mut implemented = implementations();
    implemented.retain(|(id, _)| !unimplemented.iter().any(|u| u == id));
    let mut router = Router::new();
    for op in nexevo_api::OPERATIONS {
        let method_router = match implemented.iter().position(|(id, _)| *id == op.id) {
            Some(index) => implemented.swap_remove(index).1,
            None => match MethodFilter::try_from(
                Method::from_bytes(op.method.as_bytes()).unwrap_or(Method::GET),
            ) {
                Ok(filter) => on(filter, not_implemented),
                Err(_) => continue,
            },
        };
        // Routes of one path merge, one method router per method.
        router = router.route(op.path, method_router);
    }
    router
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&app),
            per_operation,
        ))
        .fallback(no_such_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(Arc::clone(&app), frontline))
        .with_state(app)
}

/// A documented operation the sandbox has no handler for.
async fn not_implemented(Extension(operation): Extension<OperationId>) -> ApiError {
    ApiError::new(
        StatusCode::NOT_IMPLEMENTED,
        ErrorCode::NotImplemented,
        format!(
            "The sandbox does not implement {} yet; the operation is in the spec.",
            operation.0
        ),
    )
}

async fn no_such_route() -> ApiError {
    ApiError::not_found("No such endpoint.")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::NotFound,
        "This endpoint does not take that method.",
    )
}

/// The outermost layer: a request id for every request, rate limiting per credential, the
/// error body (which needs the request id), and the headers every response carries.
async fn frontline(State(app): State<Arc<App>>, mut request: Request, next: Next) -> Response {
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
async fn per_operation(
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

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct IdempotencyScope {
    credential: String,
    operation: &'static str,
    key: Vec<u8>,
}

#[derive(Debug)]
struct IdempotencySlot {
    /// What the first request with the key was: method, path and body.
    fingerprint: [u8; 32],
    outcome: tokio::sync::Mutex<Option<Stored>>,
}

#[derive(Debug, Clone)]
enum Stored {
    Response {
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
    },
    /// A streamed answer was delivered; it cannot be replayed.
    Stream,
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
    let body = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
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
    let body = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
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

/// The largest body a handler reads.
pub(crate) const fn max_body_bytes() -> usize {
    MAX_BODY_BYTES
}
