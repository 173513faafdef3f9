//! The retry loop: every attempt of every call, its tracing span, and the waits between them.

use std::future::Future;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};

use crate::answer_errors::transport_error;
use crate::body::Answer;
use crate::client::state::Inner;
use crate::error::{Error, TimeLimit};
use crate::http_trace::{traced_request, traced_response};
use crate::response::REQUEST_ID;
use crate::retry::{
    RetryNotice, RetryPolicy, is_idempotent, retry_after, retry_wait, transport_retryable,
};
use crate::telemetry::{self, CallTrace};
use crate::time_limits::CallTimer;

/// The header every retry carries: its number (1 for the first retry).
const RETRY_COUNT: &str = "x-nexevo-retry-count";

/// What the retry loop reads of an attempt's answer: its head (status and headers).
pub(crate) trait AnswerHead {
    fn status(&self) -> StatusCode;
    fn headers(&self) -> &HeaderMap;
    /// The body, when the attempt read it whole (not a stream's).
    fn body(&self) -> Option<&[u8]> {
        None
    }
}

impl AnswerHead for Answer {
    fn status(&self) -> StatusCode {
        self.status
    }

    fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    fn body(&self) -> Option<&[u8]> {
        Some(&self.body)
    }
}

impl AnswerHead for reqwest::Response {
    fn status(&self) -> StatusCode {
        self.status()
    }

    fn headers(&self) -> &HeaderMap {
        self.headers()
    }
}

/// Sends one call's request, retrying as `policy` (the call's, else the client's) says, each
/// attempt in a span of its own under the call's (`trace`; never a header's value) and within
/// `timer`'s attempt timeout, and every attempt and wait within the call's deadline. `prepare` builds each attempt's request, credentials
/// and all; `send` sends it and reads what the call needs of the answer. The client's
/// observers (`inner`) are told of each retry and exchange; in a dry run the first request is
/// shown to them and not sent. Answers the last attempt's outcome and how many attempts were
/// made.
///
/// Not an `async fn`: one moves its arguments into locals of its state and keeps room for both
/// (rust-lang/rust#62958), and every call in flight holds that state. The block captures them.
#[allow(clippy::manual_async_fn)]
pub(crate) fn send_with_retries<'a, A, F, Fut>(
    operation: &'static str,
    policy: RetryPolicy,
    inner: &'a Inner,
    trace: &'a CallTrace,
    timer: &'a mut CallTimer,
    mut prepare: impl FnMut() -> Result<reqwest::Request, Error> + 'a,
    mut send: F,
) -> impl Future<Output = (Result<A, AttemptFailure>, u32)> + 'a
where
    A: AnswerHead,
    F: FnMut(reqwest::Request) -> Fut + 'a,
    Fut: Future<Output = Result<A, AttemptFailure>>,
{
    async move {
        let mut attempt = 0u32;
        loop {
            // Built in a block: a local that is ever borrowed keeps its room in the call's state
            // until its scope ends, and every call in flight holds that state.
            let (request, idempotent, span) = {
                let mut request = match prepare() {
                    Ok(request) => request,
                    Err(error) => return (Err(AttemptFailure::Final(error)), attempt),
                };
                attempt += 1;
                if attempt > 1 {
                    // Which retry this is, so the server and its logs can tell retries apart.
                    request
                        .headers_mut()
                        .insert(RETRY_COUNT, HeaderValue::from(attempt - 1));
                }
                if let Some(on_http) = &inner.on_http {
                    on_http(&traced_request(
                        &inner.redactor(),
                        operation,
                        attempt,
                        &request,
                    ));
                }
                if inner.dry_run {
                    return (Err(AttemptFailure::Final(Error::DryRun)), attempt);
                }
                let span = telemetry::attempt_span(trace, &request, attempt);
                {
                    let idempotent = is_idempotent(&request);
                    (request, idempotent, span)
                }
            };
            // In a block, so the answer holds no room in the state while the retry waits.
            let wait = {
                // Each poll runs in the span (as `Instrument` would, without a clone of it).
                let mut sending = std::pin::pin!(send(request));
                let sending = std::future::poll_fn(|cx| {
                    let _entered = span.enter();
                    sending.as_mut().poll(cx)
                });
                let outcome = match timer.within(timer.attempt(), sending).await {
                    Ok(outcome) => outcome,
                    Err(expired) => Err(AttemptFailure::TimedOut(
                        expired.limit(TimeLimit::Attempt(timer.attempt())),
                    )),
                };
                let retries_left = attempt <= policy.retries();
                let mut answered = None;
                let wait = match &outcome {
                    Ok(answer) => {
                        if let Some(on_http) = &inner.on_http {
                            on_http(&traced_response(
                                &inner.redactor(),
                                operation,
                                attempt,
                                answer.status().as_u16(),
                                answer.headers(),
                                answer.body(),
                            ));
                        }
                        let status = answer.status();
                        if !span.is_disabled() {
                            let id = answer.headers().get(REQUEST_ID);
                            let id = id.and_then(|id| id.to_str().ok());
                            telemetry::attempt_answered(&span, status.as_u16(), id);
                        }
                        if !retries_left {
                            return (outcome, attempt);
                        }
                        match retry_wait(status, answer.headers(), idempotent, &policy, attempt) {
                            Some(wait) => {
                                let asked = retry_after(answer.headers()).is_some();
                                answered = Some((status.as_u16(), asked));
                                wait
                            }
                            None => return (outcome, attempt),
                        }
                    }
                    Err(error) if retries_left && error.retryable(idempotent) => {
                        telemetry::attempt_failed(&span, &error.error_type());
                        tracing::debug!(parent: &span, %error, "attempt failed");
                        policy.backoff(attempt)
                    }
                    Err(error) => {
                        telemetry::attempt_failed(&span, &error.error_type());
                        tracing::debug!(parent: &span, %error, "attempt failed; not retrying");
                        return (outcome, attempt);
                    }
                };
                let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
                if !timer.leaves_time_for(wait) {
                    // Waiting cannot help: the next attempt could not start in time. The call
                    // ends with this outcome, as when its retries run out.
                    tracing::debug!(parent: &span, wait_ms, "not retrying: the wait would pass the call's deadline");
                    return (outcome, attempt);
                }
                tracing::debug!(parent: &span, wait_ms, "retrying");
                if let Some(on_retry) = &inner.on_retry {
                    on_retry(&RetryNotice {
                        operation,
                        attempt,
                        status: answered.map(|(status, _)| status),
                        wait,
                        server_asked: answered.is_some_and(|(_, asked)| asked),
                    });
                }
                wait
            };
            timer.sleep(wait).await;
        }
    }
}

/// What an attempt can fail with: the transport (retried when that is safe), a time limit (the
/// attempt's, likewise; the call's deadline, never), or a reason to end the call (never
/// retried).
#[derive(Debug)]
pub(crate) enum AttemptFailure {
    Http(reqwest::Error),
    /// Reading the body failed: reqwest reports even a reset or a timeout there as a decode
    /// error, which is not the answer's fault.
    Body(reqwest::Error),
    TimedOut(TimeLimit),
    Final(Error),
}

impl AttemptFailure {
    /// The call's error, when this failure ended it after `attempts` attempts.
    pub(crate) fn into_error(self, attempts: u32) -> Error {
        match self {
            Self::Http(error) | Self::Body(error) => transport_error(error, attempts),
            Self::TimedOut(limit) => Error::Timeout { attempts, limit },
            Self::Final(error) => error,
        }
    }

    /// `error.type` of the attempt it ended: a time limit or the connection, or the call's
    /// error.
    fn error_type(&self) -> std::borrow::Cow<'static, str> {
        match self {
            Self::Http(error) | Self::Body(error) if error.is_timeout() => "timeout".into(),
            Self::Http(_) | Self::Body(_) => "connection".into(),
            Self::TimedOut(_) => "timeout".into(),
            Self::Final(error) => telemetry::error_type(error),
        }
    }

    /// Whether another attempt may succeed and cannot apply the request twice.
    fn retryable(&self, idempotent: bool) -> bool {
        match self {
            Self::Http(error) => transport_retryable(error, idempotent),
            // No time is left for another attempt.
            Self::TimedOut(TimeLimit::CallDeadline(_)) => false,
            Self::Body(_) | Self::TimedOut(_) => idempotent,
            Self::Final(_) => false,
        }
    }
}

impl std::fmt::Display for AttemptFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Http(error) | Self::Body(error) => error.fmt(f),
            Self::TimedOut(limit) => write!(f, "no answer within {limit}"),
            Self::Final(error) => error.fmt(f),
        }
    }
}
