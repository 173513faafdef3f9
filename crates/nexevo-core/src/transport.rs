//! Sending: credentials, the retry loop, timeouts and tracing — for every call, in one place.

use std::future::Future;
use std::time::{Duration, Instant};

use futures_util::future::Either;
use nexevo_api::types::{self, ErrorCode};
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue, LOCATION, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;

use crate::body::{BodyFailure, read_capped};
use crate::client::{Client, set_user_agent};
use crate::error::{ApiError, Error};
use crate::options::RequestOptions;
use crate::response::{REQUEST_ID, Response, ResponseMeta, request_id};
use crate::retry::RetryPolicy;

/// The header every retry carries: its number (1 for the first retry).
const RETRY_COUNT: &str = "x-nexevo-retry-count";

/// Builds one attempt's request with the generated client (an `<operation>_request` method of
/// `nexevo_api::Client`). It is called again for every retry, so no call copies its request
/// in case a retry comes: only a retry, which seldom comes, pays for building it again.
#[doc(hidden)]
pub type BuildRequest<'a> = dyn Fn(&nexevo_api::Client) -> std::result::Result<reqwest::Request, nexevo_api::RequestError>
    + Send
    + Sync
    + 'a;

/// A whole answer: its head and its body, read (within its size limit) inside its attempt.
#[derive(Debug)]
pub(crate) struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: bytes::Bytes,
    /// The body was cut at this limit (an error answer only: a success over it is an error).
    cut: Option<usize>,
}

/// What the retry loop needs to know of an attempt's answer.
pub(crate) trait Answered {
    fn status(&self) -> StatusCode;
    fn headers(&self) -> &HeaderMap;
}

impl Answered for Answer {
    fn status(&self) -> StatusCode {
        self.status
    }

    fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

impl Answered for reqwest::Response {
    fn status(&self) -> StatusCode {
        self.status()
    }

    fn headers(&self) -> &HeaderMap {
        self.headers()
    }
}

/// Whether an attempt that failed in the transport may be tried again: another attempt may
/// succeed and cannot apply the request twice.
fn transport_retryable(error: &reqwest::Error, idempotent: bool) -> bool {
    if error.is_builder() || error.is_redirect() || error.is_decode() {
        return false;
    }
    // A refused connection never reached the server; anything later might have.
    error.is_connect() || idempotent
}

/// Whether repeating the request is harmless: methods that are idempotent by definition (our
/// PATCHes set fields to values, so they are too) and POSTs carrying an `Idempotency-Key`.
fn is_idempotent(request: &reqwest::Request) -> bool {
    matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::PATCH | Method::OPTIONS
    ) || request.headers().contains_key("idempotency-key")
}

/// How long the server asked to wait: `retry-after-ms` (milliseconds), else `Retry-After` as
/// delta-seconds (fractional ones too) or an HTTP date (IMF-fixdate, as RFC 9110 asks senders
/// to write it).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = |name| headers.get(name)?.to_str().ok().map(str::trim);
    if let Some(millis) = text("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return Duration::try_from_secs_f64(millis)
            .ok()
            .map(|wait| wait / 1000);
    }
    let value = text(RETRY_AFTER.as_str())?;
    if let Ok(seconds) = value.parse::<f64>() {
        return Duration::try_from_secs_f64(seconds).ok();
    }
    let at = Duration::from_secs(u64::try_from(http_date_seconds(value)?).ok()?);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(at.saturating_sub(now))
}

/// The Unix seconds of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn http_date_seconds(text: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let [_weekday, day, month, year, time, "GMT"] = text.split_whitespace().collect::<Vec<_>>()[..]
    else {
        return None;
    };
    let month = MONTHS.iter().position(|m| *m == month)?;
    let date = nexevo_api::Date::from_ymd(
        year.parse().ok()?,
        u8::try_from(month + 1).ok()?,
        day.parse().ok()?,
    )?;
    let mut parts = time.split(':').map(|part| part.parse::<i64>().ok());
    let (hours, minutes, seconds) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() || hours > 23 || minutes > 59 || seconds > 60 {
        return None;
    }
    Some(date.start().unix_seconds() + hours * 3600 + minutes * 60 + seconds)
}

/// Sends one call's request with the client's credential and user agent, retrying as `policy`
/// (the call's, else the client's) says, each attempt in a `nexevo.request` span (operation,
/// method, attempt, status, request id, duration — never a header's value). `prepare` builds
/// each attempt's request; `send` sends it and reads what the call needs of the answer.
/// Answers the last attempt's outcome and how many attempts were made.
///
/// Not an `async fn`: one moves its arguments into locals of its state and keeps room for both
/// (rust-lang/rust#62958), and every call in flight holds that state. The block captures them.
#[allow(clippy::manual_async_fn)]
pub(crate) fn send_with_retries<'a, A, F, Fut>(
    client: &'a Client,
    operation: &'static str,
    policy: RetryPolicy,
    mut prepare: impl FnMut() -> Result<reqwest::Request, Error> + 'a,
    mut send: F,
) -> impl Future<Output = (Result<A, AttemptFailure>, u32)> + 'a
where
    A: Answered,
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
                credentials(client, &mut request);
                if attempt > 1 {
                    // Which retry this is, so the server and its logs can tell retries apart.
                    request
                        .headers_mut()
                        .insert(RETRY_COUNT, HeaderValue::from(attempt - 1));
                }
                let span = tracing::info_span!(
                    "nexevo.request",
                    operation,
                    method = %request.method(),
                    attempt,
                    status = tracing::field::Empty,
                    request_id = tracing::field::Empty,
                    duration_ms = tracing::field::Empty,
                );
                {
                    let idempotent = is_idempotent(&request);
                    (request, idempotent, span)
                }
            };
            // Reading the clock costs; nobody reads the duration of a disabled span.
            // In a block, so the answer holds no room in the state while the retry waits.
            let wait = {
                // Reading the clock costs; nobody reads the duration of a disabled span.
                let started = (!span.is_disabled()).then(Instant::now);
                // Each poll runs in the span (as `Instrument` would, without a clone of it).
                let mut sending = std::pin::pin!(send(request));
                let outcome = std::future::poll_fn(|cx| {
                    let _entered = span.enter();
                    sending.as_mut().poll(cx)
                })
                .await;
                if let Some(started) = started {
                    span.record(
                        "duration_ms",
                        u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
                    );
                }
                let retries_left = attempt <= policy.retries();
                let wait = match &outcome {
                    Ok(answer) => {
                        let status = answer.status();
                        span.record("status", status.as_u16());
                        if !span.is_disabled()
                            && let Some(id) = answer.headers().get(REQUEST_ID)
                            && let Ok(id) = id.to_str()
                        {
                            span.record("request_id", id);
                        }
                        if !retries_left {
                            return (outcome, attempt);
                        }
                        match retry_wait(status, answer.headers(), idempotent, policy, attempt) {
                            Some(wait) => wait,
                            None => return (outcome, attempt),
                        }
                    }
                    Err(error) if retries_left && error.retryable(idempotent) => {
                        tracing::debug!(parent: &span, %error, "attempt failed");
                        policy.backoff(attempt)
                    }
                    Err(error) => {
                        tracing::debug!(parent: &span, %error, "attempt failed; not retrying");
                        return (outcome, attempt);
                    }
                };
                tracing::debug!(parent: &span, wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX), "retrying");
                wait
            };
            // Boxed: only a retry pays for the timer, not the state every call in flight holds.
            Box::pin(tokio::time::sleep(wait)).await;
        }
    }
}

/// Adds the client's credential and user agent, and marks the spec's secret headers sensitive
/// so that no `Debug` of the request shows them.
fn credentials(client: &Client, request: &mut reqwest::Request) {
    let headers = request.headers_mut();
    if let Some(authorization) = client.authorization() {
        headers.insert(AUTHORIZATION, authorization.clone());
    }
    for name in &client.inner.secret_headers {
        if let Some(value) = headers.get_mut(name) {
            value.set_sensitive(true);
        }
    }
    set_user_agent(request, client.user_agent());
}

/// How long to wait before repeating a request that got this answer, if it should be repeated.
fn retry_wait(
    status: StatusCode,
    headers: &HeaderMap,
    idempotent: bool,
    policy: RetryPolicy,
    attempt: u32,
) -> Option<Duration> {
    // 501: the server lacks the operation; asking again cannot change that. A 409 with
    // `Retry-After` is the one temporary conflict (`idempotency_in_progress`: the key's first
    // request is still being answered).
    let candidate = status == StatusCode::TOO_MANY_REQUESTS
        || (idempotent
            && (status == StatusCode::REQUEST_TIMEOUT
                || status == StatusCode::CONFLICT
                || (status.is_server_error() && status != StatusCode::NOT_IMPLEMENTED)));
    if !candidate {
        return None;
    }
    let asked = retry_after(headers);
    if status == StatusCode::CONFLICT && asked.is_none() {
        return None;
    }
    // A wait longer than the policy allows is not shortened: the answer is the call's, and its
    // error says how long the server asked for.
    match asked {
        Some(asked) => policy.waits_for(asked).then_some(asked),
        None => Some(policy.backoff(attempt)),
    }
}

pub(crate) fn transport_error(error: reqwest::Error, attempts: u32) -> Error {
    if error.is_timeout() {
        Error::Timeout { attempts }
    } else {
        Error::Connection {
            attempts,
            source: error.without_url(),
        }
    }
}

pub(crate) fn api_error(
    status: u16,
    headers: &HeaderMap,
    body: types::Error,
    attempts: u32,
) -> Error {
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
fn undecodable(
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

/// What an attempt can fail with: the transport (retried when that is safe), its timeout — the
/// whole answer within the per-attempt timeout, a stream's head within its idle timeout —
/// (likewise), or a reason to end the call (never retried).
#[derive(Debug)]
pub(crate) enum AttemptFailure {
    Http(reqwest::Error),
    /// Reading the body failed: reqwest reports even a reset or a timeout there as a decode
    /// error, which is not the answer's fault.
    Body(reqwest::Error),
    TimedOut,
    Final(Error),
}

impl AttemptFailure {
    fn into_error(self, attempts: u32) -> Error {
        match self {
            Self::Http(error) | Self::Body(error) => transport_error(error, attempts),
            Self::TimedOut => Error::Timeout { attempts },
            Self::Final(error) => error,
        }
    }
}

impl std::fmt::Display for AttemptFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Http(error) | Self::Body(error) => error.fmt(f),
            Self::TimedOut => f.write_str("no answer within the timeout"),
            Self::Final(error) => error.fmt(f),
        }
    }
}

impl AttemptFailure {
    /// Whether another attempt may succeed and cannot apply the request twice.
    fn retryable(&self, idempotent: bool) -> bool {
        match self {
            Self::Http(error) => transport_retryable(error, idempotent),
            Self::Body(_) | Self::TimedOut => idempotent,
            Self::Final(_) => false,
        }
    }
}

impl Client {
    /// Makes one call: builds its request with `build` (for each attempt), sends it through this
    /// client's credentials, retries, timeouts and tracing, and decodes an answer with the
    /// operation's `success` status as `T`; any other answer is the SDK's error for it.
    ///
    /// Area crates use this; applications rarely need it.
    ///
    /// ```ignore
    /// // With the `billing` feature of `nexevo-api`:
    /// let balance = client
    ///     .call::<Balance>(&RequestOptions::default(), "get_balance", 200, &|api| {
    ///         api.get_balance_request(None)
    ///     })
    ///     .await?;
    /// ```
    #[doc(hidden)]
    pub async fn call<T: DeserializeOwned>(
        &self,
        options: &RequestOptions,
        operation: &'static str,
        success: u16,
        build: &BuildRequest<'_>,
    ) -> crate::Result<Response<T>> {
        let (answer, attempts) = self.exchange(options, operation, success, build).await?;
        match serde_json::from_slice::<T>(&answer.body) {
            Ok(value) => {
                let meta = ResponseMeta::new(answer.status.as_u16(), answer.headers, attempts);
                Ok(Response::from_parts(value, meta))
            }
            Err(error) => Err(undecodable(
                answer.status.as_u16(),
                &answer.headers,
                &error,
                attempts,
            )),
        }
    }

    /// [`Client::call`] for an operation whose successful answer has no content: its body, if
    /// any, is not read as anything.
    #[doc(hidden)]
    pub async fn call_without_content(
        &self,
        options: &RequestOptions,
        operation: &'static str,
        success: u16,
        build: &BuildRequest<'_>,
    ) -> crate::Result<Response<()>> {
        let (answer, attempts) = self.exchange(options, operation, success, build).await?;
        let meta = ResponseMeta::new(answer.status.as_u16(), answer.headers, attempts);
        Ok(Response::from_parts((), meta))
    }

    /// The part of [`Client::call`] that is the same for every operation, compiled once: the
    /// attempts, each answer's body read inside its attempt (so a reset or a timeout while
    /// reading it is retried like one before the head arrived) and capped. Answers the final
    /// answer, when its status is `success`, and the number of attempts; any other answer is
    /// the SDK's error for it.
    async fn exchange(
        &self,
        options: &RequestOptions,
        operation: &'static str,
        success: u16,
        build: &BuildRequest<'_>,
    ) -> crate::Result<(Answer, u32)> {
        options.check()?;
        let timeout = options.timeout_or(self.timeouts().request);
        let limits = self.body_limits();
        let prepare = || {
            let mut request = build(self.api()).map_err(not_built)?;
            options.apply_headers(&mut request);
            Ok(request)
        };
        let send = |request| {
            let sent = self.send_once(request);
            async move {
                let attempt = async {
                    let mut response = sent.await.map_err(AttemptFailure::Http)?;
                    let headers = std::mem::take(response.headers_mut());
                    let status = response.status();
                    let limit = limits.for_status(status);
                    match read_capped(&mut response, &headers, limit).await {
                        Ok((body, cut)) => Ok(Answer {
                            status,
                            headers,
                            body,
                            cut: cut.then_some(limit),
                        }),
                        Err(BodyFailure::Http(error)) => Err(AttemptFailure::Body(error)),
                        Err(BodyFailure::TooLarge(error)) => Err(AttemptFailure::Final(error)),
                    }
                };
                // The attempt's timeout covers reading the body too. The SDK's own rather than
                // reqwest's: a request with a timeout of its own carries an allocated map, and
                // a client-wide one would bound streams as well. Boxed, as reqwest boxes it:
                // every call in flight holds a pointer, not a timer.
                let deadline = Box::pin(tokio::time::sleep(timeout));
                match futures_util::future::select(std::pin::pin!(attempt), deadline).await {
                    Either::Left((outcome, _)) => outcome,
                    Either::Right(((), _)) => Err(AttemptFailure::TimedOut),
                }
            }
        };
        let policy = options.retry_policy(self.retry_policy());
        match send_with_retries(self, operation, policy, prepare, send).await {
            (Ok(answer), _) if let Some(limit) = answer.cut => Err(Error::AnswerTooLarge {
                status: answer.status.as_u16(),
                limit,
                request_id: request_id(&answer.headers),
            }),
            (Ok(answer), attempts) if answer.status.as_u16() == success => Ok((answer, attempts)),
            (Ok(answer), attempts) => Err(unexpected(
                answer.status.as_u16(),
                &answer.headers,
                &answer.body,
                attempts,
            )),
            // A request that could not be built is `Final` and made no attempt; every other
            // failure comes from one.
            (Err(failure), attempts) => Err(failure.into_error(attempts)),
        }
    }

    /// Sends one attempt: with reqwest, unless a [`RequestSender`](crate::RequestSender)
    /// replaces it.
    fn send_once(
        &self,
        request: reqwest::Request,
    ) -> impl Future<Output = reqwest::Result<reqwest::Response>> + Send + 'static {
        match &self.inner.sender {
            Some(sender) => Either::Left(sender.send(request)),
            None => Either::Right(self.http().execute(request)),
        }
    }

    /// Sends a request whose answer is a stream: retried like any call until the answer's head
    /// arrives (within the idle timeout), then handed over with its metadata. An error status
    /// is an error from this call, never a stream. The body has no total timeout; the caller
    /// reads it with [`crate::idle_timeout`], `options` override the client's settings (the
    /// timeout replaces the idle timeout).
    #[doc(hidden)]
    pub async fn send_streaming(
        &self,
        options: &RequestOptions,
        operation: &'static str,
        build: &BuildRequest<'_>,
    ) -> crate::Result<(reqwest::Response, ResponseMeta)> {
        options.check()?;
        let idle = options.timeout_or(self.timeouts().stream_idle);
        let prepare = || {
            let mut request = build(self.api()).map_err(not_built)?;
            options.apply_headers(&mut request);
            Ok(request)
        };
        let send = |request| {
            let sent = self.send_once(request);
            async move {
                match tokio::time::timeout(idle, sent).await {
                    Ok(result) => result.map_err(AttemptFailure::Http),
                    Err(_) => Err(AttemptFailure::TimedOut),
                }
            }
        };
        let policy = options.retry_policy(self.retry_policy());
        let (sent, attempts) = send_with_retries(self, operation, policy, prepare, send).await;
        let mut response = sent.map_err(|failure| failure.into_error(attempts))?;
        let headers = std::mem::take(response.headers_mut());
        let status = response.status();
        if !status.is_success() {
            // An error answer is read like a stream's events are: bounded by the idle timeout
            // (here, for the whole body) and by the error body's size limit.
            let limit = self.body_limits().error;
            let body = match tokio::time::timeout(idle, read_capped(&mut response, &headers, limit))
                .await
            {
                Ok(Ok((_, true))) => {
                    return Err(Error::AnswerTooLarge {
                        status: status.as_u16(),
                        limit,
                        request_id: request_id(&headers),
                    });
                }
                Ok(Ok((body, false))) => body,
                Ok(Err(BodyFailure::Http(error))) => return Err(transport_error(error, attempts)),
                Ok(Err(BodyFailure::TooLarge(error))) => return Err(error),
                Err(_) => return Err(Error::Timeout { attempts }),
            };
            return Err(unexpected(status.as_u16(), &headers, &body, attempts));
        }
        // The body is read without them; the metadata keeps the one copy.
        let meta = ResponseMeta::new(status.as_u16(), headers, attempts);
        Ok((response, meta))
    }
}

/// A request the generated client could not build (a header value it cannot carry, say): a
/// problem with the call's inputs, found before anything is sent.
fn not_built(error: nexevo_api::RequestError) -> Error {
    Error::Config(error.to_string())
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderName;

    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    reqwest::header::HeaderName::from_static(name),
                    HeaderValue::from_str(value).unwrap_or(HeaderValue::from_static("")),
                )
            })
            .collect()
    }

    #[test]
    fn retry_after_is_read_in_every_form() {
        let wait = |pairs: &[(&'static str, &str)]| retry_after(&headers(pairs));
        assert_eq!(wait(&[("retry-after", "3")]), Some(Duration::from_secs(3)));
        assert_eq!(
            wait(&[("retry-after", " 0.25 ")]),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            wait(&[("retry-after", "9"), ("retry-after-ms", "1500")]),
            Some(Duration::from_millis(1500)),
            "milliseconds win"
        );
        assert_eq!(
            wait(&[("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT")]),
            Some(Duration::ZERO),
            "a past date: now"
        );
        assert_eq!(wait(&[("retry-after", "-1")]), None);
        assert_eq!(wait(&[("retry-after", "soon")]), None);
        assert_eq!(wait(&[]), None);
    }

    #[test]
    fn every_secret_header_of_the_spec_is_marked() {
        let client = Client::builder().build().unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<&str> = client
            .inner
            .secret_headers
            .iter()
            .map(HeaderName::as_str)
            .collect();
        assert_eq!(names, nexevo_api::SECRET_HEADERS);
    }

    #[test]
    fn http_dates_are_read() {
        assert_eq!(
            http_date_seconds("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            http_date_seconds("Tue, 01 Dec 2026 20:17:06 GMT"),
            Some(1_796_156_226)
        );
        assert_eq!(http_date_seconds("Sun, 06 Nov 1994 08:49:37 UTC"), None);
        assert_eq!(http_date_seconds("Sun, 06 Foo 1994 08:49:37 GMT"), None);
        assert_eq!(http_date_seconds("Sun, 06 Nov 1994 24:00:00 GMT"), None);
    }
}
