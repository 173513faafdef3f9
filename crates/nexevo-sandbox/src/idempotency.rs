//! The idempotency layer: a request that is not a GET is applied once per `Idempotency-Key`
//! (per credential and operation). Its first successful answer — a streamed one too — is
//! recorded and replayed for repeats with the same body; another body is a 409; a repeat
//! while a stream is still being produced is a 409 `idempotency_in_progress` with
//! `Retry-After`; a repeat while an ordinary answer is being produced waits for it. An answer
//! the store could not keep (too large for its byte caps, or dropped for newer ones) is not
//! run again for a repeat: the repeat is told, with a 409 `conflict`.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::StreamExt as _;
use nexevo_api::types::ErrorCode;
use sha2::{Digest, Sha256};
use tokio::sync::OwnedMutexGuard;

use crate::context::{App, EndedItsCredential, ReadBody};
use crate::errors::ApiError;
use crate::extract::{authenticate, issued_credential, token_hash};
use crate::idempotency_store::{Scope, Slot, SlotState, Stored};

/// How long a repeat is asked to wait for a stream still being produced.
const IN_PROGRESS_RETRY_AFTER_MS: u64 = 100;

/// How many events of a stream wait for its caller to take them in: the producer, which
/// records the stream whatever becomes of the caller, never holds more for it.
const STREAM_BUFFER: usize = 32;

/// How long a stream's producer waits for its caller to take in an event before cutting the
/// caller off (and going on recording without it).
const STALLED_READER: Duration = Duration::from_secs(30);

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
    // The body was read, bounded, before the request got here (`extract::admit_body`).
    let (parts, body) = request.into_parts();
    let sent = parts
        .extensions
        .get::<ReadBody>()
        .map(|read| read.0.clone())
        .unwrap_or_default();
    let fingerprint = fingerprint(&parts, &sent);
    let credential = token_hash(&parts.headers);
    let bucket = credential
        .as_deref()
        .filter(|hash| issued_credential(&app, hash));
    let scope = Scope::new(credential.clone(), operation.id, key.as_bytes());

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
                return match app.idempotency.answer(&scope, &slot) {
                    Some(blocks) => replay(stored, blocks),
                    None => no_longer_kept(),
                };
            }
        }
    };

    let request = Request::from_parts(parts.clone(), body);
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
    // The handler's own answer, already in memory.
    let Ok(body) = axum::body::to_bytes(body, usize::MAX).await else {
        return ApiError::server(500).into_response();
    };
    claim.finish(
        Stored {
            status: response_parts.status,
            headers: response_parts.headers.clone(),
            interrupted: false,
            ended_its_credential,
        },
        &body,
    );
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

/// A repeat whose first request was applied but whose answer is not kept: running it again
/// could apply it twice (charge twice), so it is refused.
fn no_longer_kept() -> Response {
    ApiError::conflict(
        ErrorCode::Conflict,
        "This Idempotency-Key's request was applied, but its answer is no longer kept (it was too large to keep, or newer answers took its room); it is not run again. Use a new key to ask anew.",
    )
    .into_response()
}

fn replay(stored: &Stored, mut blocks: Vec<Bytes>) -> Response {
    let body = if stored.interrupted {
        Body::from_stream(futures_util::stream::iter(
            blocks.into_iter().map(Ok).chain([Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "the recorded stream broke off here",
            ))]),
        ))
    } else if blocks.len() <= 1 {
        // An ordinary answer is kept in one block: replayed with its length, as it was sent.
        blocks.pop().map_or_else(Body::empty, Body::from)
    } else {
        Body::from_stream(futures_util::stream::iter(
            blocks.into_iter().map(Ok::<_, std::io::Error>),
        ))
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
    /// Records the answer (`body` kept, if the store can) and hands the key over to repeats.
    fn finish(mut self, stored: Stored, body: &[u8]) {
        self.app.idempotency.keep(&self.scope, &self.slot, body);
        if let Some(mut state) = self.state.take() {
            *state = SlotState::Done(stored);
        }
    }

    /// Hands `response`'s stream to a task that produces it to its end whatever becomes of
    /// the caller's connection, recording every event while the store can keep it; the caller
    /// reads it as it comes. Production stops early once the caller is gone and the record
    /// dropped: nobody could ever read the rest.
    fn record_stream(mut self, response: Response, ended_its_credential: bool) -> Response {
        if let Some(mut state) = self.state.take() {
            *state = SlotState::Producing;
        }
        let (parts, body) = response.into_parts();
        let (status, headers) = (parts.status, parts.headers.clone());
        let (sender, receiver) = tokio::sync::mpsc::channel(STREAM_BUFFER);
        let cut_off = Arc::new(AtomicBool::new(false));
        let (app, scope, slot) = (
            Arc::clone(&self.app),
            self.scope.clone(),
            Arc::clone(&self.slot),
        );
        let cut = Arc::clone(&cut_off);
        tokio::spawn(async move {
            let mut body = body.into_data_stream();
            let mut caller = Some(sender);
            let mut recording = true;
            let mut interrupted = false;
            while let Some(item) = body.next().await {
                let item = match item {
                    Ok(bytes) => {
                        recording = recording && app.idempotency.record(&scope, &slot, &bytes);
                        Ok(bytes)
                    }
                    Err(error) => {
                        interrupted = true;
                        Err(std::io::Error::other(error.to_string()))
                    }
                };
                let failed = item.is_err();
                if let Some(to) = &caller {
                    match tokio::time::timeout(STALLED_READER, to.send(item)).await {
                        Ok(Ok(())) => {}
                        // The caller is gone; the stream is recorded all the same.
                        Ok(Err(_)) => caller = None,
                        Err(_) => {
                            cut.store(true, Ordering::SeqCst);
                            caller = None;
                        }
                    }
                }
                if failed || (caller.is_none() && !recording) {
                    break;
                }
            }
            drop(caller);
            app.idempotency.keep(&scope, &slot, &[]);
            *slot.state.lock().await = SlotState::Done(Stored {
                status,
                headers,
                interrupted,
                ended_its_credential,
            });
        });
        let events = futures_util::stream::unfold(receiver, move |mut receiver| {
            let cut_off = Arc::clone(&cut_off);
            async move {
                let item = match receiver.recv().await {
                    Some(item) => item,
                    // A caller too slow to take in its stream was cut off: it must not read
                    // what it got as the whole stream.
                    None if cut_off.load(Ordering::SeqCst) => Err(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        "the stream was not taken in",
                    )),
                    None => return None,
                };
                if item.is_err() {
                    // hyper drops what it has buffered when a body fails: a pause first lets it
                    // send the events before the break.
                    tokio::task::yield_now().await;
                    receiver.close();
                }
                Some((item, receiver))
            }
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
