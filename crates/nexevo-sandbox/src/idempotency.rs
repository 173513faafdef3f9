//! The idempotency layer: a request that is not a GET is applied once per `Idempotency-Key`
//! (per credential and operation). Its first successful answer — a streamed one too — is
//! recorded and replayed for repeats with the same body; another body is a 409; a repeat
//! while a stream is still being produced is a 409 `idempotency_in_progress` with
//! `Retry-After`; a repeat while an ordinary answer is being produced waits for it.

use std::future::Future;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt as _;
use nexevo_api::types::ErrorCode;
use sha2::{Digest, Sha256};
use tokio::sync::OwnedMutexGuard;

use crate::context::{App, EndedItsCredential, max_body_bytes};
use crate::errors::ApiError;
use crate::extract::{authenticate, issued_credential, token_hash};
use crate::idempotency_store::{Scope, Slot, SlotState, Stored};

/// How long a repeat is asked to wait for a stream still being produced.
const IN_PROGRESS_RETRY_AFTER_MS: u64 = 100;

pub(crate) async fn idempotent<Handle, Handled>(
    app: Arc<App>,
    operation: &'static nexevo_api::ApiOperation,
    key: HeaderValue,
    request: Request,
    handle: Handle,
) -> Response
where
    Handle: FnOnce(Request) -> Handled,
    Handled: Future<Output = Response>,
{
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
    let fingerprint = fingerprint(&parts, &body);
    let credential = token_hash(&parts.headers);
    let bucket = credential
        .as_deref()
        .filter(|hash| issued_credential(&app, hash));
    let scope = Scope {
        credential: credential.clone().unwrap_or_default(),
        operation: operation.id,
        key: key.as_bytes().to_vec(),
    };

    let claim = loop {
        let slot = app
            .idempotency
            .slot(&scope, bucket, fingerprint, app.store.now());
        if slot.fingerprint != fingerprint {
            return ApiError::conflict(
                ErrorCode::IdempotencyConflict,
                "This Idempotency-Key was already used with a different request.",
            )
            .into_response();
        }
        let state = Arc::clone(&slot.state).lock_owned().await;
        match &*state {
            SlotState::Fresh => {
                break Claim {
                    app: Arc::clone(&app),
                    scope: scope.clone(),
                    slot,
                    state: Some(state),
                };
            }
            // Its first request applied nothing and was forgotten: whoever looks again first
            // runs it, the others wait on them.
            SlotState::Abandoned => continue,
            SlotState::Producing => return in_progress(),
            SlotState::Done(stored) => {
                // A stored answer goes only to a caller who still authenticates — or to the
                // one whose credential that very request ended.
                if operation.requires_auth
                    && !stored.ended_its_credential
                    && let Err(error) = authenticate(&app, &parts.headers)
                {
                    return error.into_response();
                }
                return replay(stored);
            }
        }
    };

    let request = Request::from_parts(parts.clone(), Body::from(body));
    let response = handle(request).await;
    if !response.status().is_success() {
        // Nothing was applied: the key may be used again, with any body (dropping the claim
        // forgets it).
        return response;
    }
    // Only the handler knows whether its own request ended the credential: one that stopped
    // authenticating meanwhile for another reason (revoked by its owner's session) gets no
    // replay.
    let ended_its_credential = response.extensions().get::<EndedItsCredential>().is_some();
    let streamed = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"));
    if streamed {
        return claim.record_stream(response, ended_its_credential);
    }
    let (response_parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, max_body_bytes()).await else {
        return ApiError::server(500).into_response();
    };
    claim.finish(Stored {
        status: response_parts.status,
        headers: response_parts.headers.clone(),
        body: body.clone(),
        interrupted: false,
        ended_its_credential,
    });
    Response::from_parts(response_parts, Body::from(body))
}

/// What the request is: method, path, organization and body.
fn fingerprint(parts: &axum::http::request::Parts, body: &Bytes) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(parts.method.as_str());
    hasher.update(parts.uri.path());
    hasher.update([0]);
    // The same body for another organization is another request.
    if let Some(organization) = parts.headers.get("nexevo-organization") {
        hasher.update(organization.as_bytes());
    }
    hasher.update([0]);
    hasher.update(body);
    hasher.finalize().into()
}

fn in_progress() -> Response {
    let mut response = ApiError::conflict(
        ErrorCode::IdempotencyInProgress,
        "This Idempotency-Key's first request is still being answered; retry after the wait in Retry-After.",
    )
    .into_response();
    let headers = response.headers_mut();
    headers.insert(header::RETRY_AFTER, HeaderValue::from(1u32));
    headers.insert(
        "retry-after-ms",
        HeaderValue::from(IN_PROGRESS_RETRY_AFTER_MS),
    );
    response
}

fn replay(stored: &Stored) -> Response {
    let body = if stored.interrupted {
        let bytes = stored.body.clone();
        Body::from_stream(futures_util::stream::iter([
            Ok(bytes),
            Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "the recorded stream broke off here",
            )),
        ]))
    } else {
        Body::from(stored.body.clone())
    };
    let mut replay = Response::new(body);
    *replay.status_mut() = stored.status;
    *replay.headers_mut() = stored.headers.clone();
    replay
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    replay
}

/// The right to run a key's first request. Dropped before it records an answer — the request
/// failed, or was cancelled — it forgets the key, and whoever waits on it looks again.
struct Claim {
    app: Arc<App>,
    scope: Scope,
    slot: Arc<Slot>,
    state: Option<OwnedMutexGuard<SlotState>>,
}

impl Claim {
    fn finish(mut self, stored: Stored) {
        if let Some(mut state) = self.state.take() {
            *state = SlotState::Done(stored);
        }
    }

    /// Hands `response`'s stream to a task that produces it to its end whatever becomes of
    /// the caller's connection, recording every event; the caller reads it as it comes.
    fn record_stream(mut self, response: Response, ended_its_credential: bool) -> Response {
        if let Some(mut state) = self.state.take() {
            *state = SlotState::Producing;
        }
        let (parts, body) = response.into_parts();
        let (status, headers) = (parts.status, parts.headers.clone());
        let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
        let slot = Arc::clone(&self.slot);
        tokio::spawn(async move {
            let mut body = body.into_data_stream();
            let mut recorded = BytesMut::new();
            let mut interrupted = false;
            while let Some(item) = body.next().await {
                match item {
                    Ok(bytes) => {
                        recorded.extend_from_slice(&bytes);
                        // The caller may be gone; the stream is recorded all the same.
                        let _ = sender.send(Ok(bytes));
                    }
                    Err(error) => {
                        interrupted = true;
                        let _ = sender.send(Err(std::io::Error::other(error.to_string())));
                        break;
                    }
                }
            }
            *slot.state.lock().await = SlotState::Done(Stored {
                status,
                headers,
                body: recorded.freeze(),
                interrupted,
                ended_its_credential,
            });
        });
        let events = futures_util::stream::unfold(receiver, |mut receiver| async move {
            let item = receiver.recv().await?;
            if item.is_err() {
                // hyper drops what it has buffered when a body fails: a pause first lets it
                // send the events before the break.
                tokio::task::yield_now().await;
            }
            Some((item, receiver))
        });
        Response::from_parts(parts, Body::from_stream(events))
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        if let Some(mut state) = self.state.take() {
            *state = SlotState::Abandoned;
            self.app.idempotency.forget(&self.scope, &self.slot);
        }
    }
}
