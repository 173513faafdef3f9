//! Sending: credentials, the retry loop, timeouts and tracing — for every call, in one place.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use nexevo_api::types::{self, ErrorCode};
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue, LOCATION, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use tracing::Instrument;

use crate::body::{BodyCut, BodyFailure, read_capped, rebuilt};
use crate::client::{Client, set_user_agent};
use crate::error::{ApiError, Error};
use crate::options::RequestOptions;
use crate::response::{REQUEST_ID, Response, ResponseMeta, request_id};

/// The header every retry carries: its number (1 for the first retry).
const RETRY_COUNT: &str = "x-nexevo-retry-count";
use crate::retry::RetryPolicy;

/// What one call learned while its attempts ran: how many there were, the final answer's
/// status and headers, and the SDK's own reason to end the call (say, an answer over its
/// size limit), which the generated client's transport hook has no way to return.
#[derive(Debug, Default)]
pub(crate) struct CallState {
    attempts: AtomicU32,
    answer: Mutex<Option<(u16, HeaderMap)>>,
    failure: Mutex<Option<Error>>,
}

impl CallState {
    pub(crate) fn attempts(&self) -> u32 {
        self.attempts.load(Ordering::Relaxed).max(1)
    }

    fn keep(&self, status: u16, headers: HeaderMap) {
        *self.answer.lock().unwrap_or_else(PoisonError::into_inner) = Some((status, headers));
    }

    fn fail(&self, error: Error) {
        *self.failure.lock().unwrap_or_else(PoisonError::into_inner) = Some(error);
    }

    /// The error that ended the call, if the SDK ended it rather than the answer.
    fn take_failure(&self) -> Option<Error> {
        self.failure
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    /// The final answer's status and headers (status 0 and none if no answer came).
    pub(crate) fn take_answer(&self) -> (u16, HeaderMap) {
        self.answer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
            .unwrap_or_default()
    }
}

/// The generated client's transport for one call.
///
/// It moves the final answer's headers into the [`CallState`] before the generated code sees
/// the answer: the generated code decodes only the body (and would copy the headers for
/// nothing), while the SDK keeps the one copy for [`ResponseMeta`] and errors. Whoever reads a
/// generated value's or error's headers must read them from the state instead.
#[derive(Debug)]
pub(crate) struct CallTransport {
    client: Client,
    options: RequestOptions,
    pub(crate) state: CallState,
}

impl CallTransport {
    pub(crate) fn new(client: Client, options: RequestOptions) -> Self {
        Self {
            client,
            options,
            state: CallState::default(),
        }
    }
}

impl nexevo_api::Transport for CallTransport {
    fn execute<'a>(
        &'a self,
        _http: &'a reqwest::Client,
        mut request: reqwest::Request,
        operation_id: &'static str,
    ) -> nexevo_api::TransportFuture<'a> {
        Box::pin(async move {
            *request.timeout_mut() = Some(self.options.timeout_or(self.client.timeouts().request));
            self.options.apply_headers(&mut request);
            let sender = self.client.sender();
            let limits = self.client.body_limits();
            // The body is read inside the attempt: a reset or a timeout while reading it is
            // retried like one before the head arrived, and its size is capped. The request's
            // timeout covers the body, so the read is bounded in time too.
            let outcome = send_with_retries(
                &self.client,
                &self.state,
                operation_id,
                request,
                self.options.retry_policy(self.client.retry_policy()),
                |attempt| {
                    let sent = sender.send(attempt);
                    async move {
                        let mut response = sent.await.map_err(AttemptFailure::Http)?;
                        let headers = std::mem::take(response.headers_mut());
                        let (status, version) = (response.status(), response.version());
                        let limit = limits.for_status(status);
                        match read_capped(response, &headers, limit).await {
                            Ok((body, cut)) => {
                                let mut response = rebuilt(status, version, headers, body);
                                if cut {
                                    response.extensions_mut().insert(BodyCut(limit));
                                }
                                Ok(response)
                            }
                            Err(BodyFailure::Http(error)) => Err(AttemptFailure::Body(error)),
                            Err(BodyFailure::TooLarge(error)) => Err(AttemptFailure::Final(error)),
                        }
                    }
                },
            )
            .await;
            match outcome {
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    if let Some(BodyCut(limit)) = response.extensions().get::<BodyCut>().copied() {
                        self.state.fail(Error::AnswerTooLarge {
                            status,
                            limit,
                            request_id: request_id(response.headers()),
                        });
                    }
                    let headers = std::mem::take(response.headers_mut());
                    self.state.keep(status, headers);
                    Ok(response)
                }
                Err(AttemptFailure::Http(error) | AttemptFailure::Body(error)) => Err(error),
                Err(failure) => {
                    // The generated code decodes this stand-in, and `Client::call` answers the
                    // failure instead of whatever it made of it.
                    self.state.fail(failure.into_error(self.state.attempts()));
                    Ok(rebuilt(
                        StatusCode::NO_CONTENT,
                        reqwest::Version::HTTP_11,
                        HeaderMap::new(),
                        bytes::Bytes::new(),
                    ))
                }
            }
        })
    }
}

/// An attempt's failure, and whether trying again is safe.
pub(crate) trait AttemptError {
    /// Whether another attempt may succeed and cannot apply the request twice.
    fn retryable(&self, idempotent: bool) -> bool;
}

impl AttemptError for reqwest::Error {
    fn retryable(&self, idempotent: bool) -> bool {
        if self.is_builder() || self.is_redirect() || self.is_decode() {
            return false;
        }
        // A refused connection never reached the server; anything later might have.
        self.is_connect() || idempotent
    }
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

/// Sends `request` with the client's credential and user agent, retrying as `policy` (the
/// call's, else the client's) says, each attempt in a `nexevo.request` span
/// (operation, method, attempt, status, request id, duration — never a header's value).
pub(crate) async fn send_with_retries<E, F, Fut>(
    client: &Client,
    state: &CallState,
    operation: &'static str,
    mut request: reqwest::Request,
    policy: RetryPolicy,
    mut send: F,
) -> Result<reqwest::Response, E>
where
    E: AttemptError + std::fmt::Display,
    F: FnMut(reqwest::Request) -> Fut,
    Fut: Future<Output = Result<reqwest::Response, E>>,
{
    if let Some(authorization) = client.authorization() {
        request
            .headers_mut()
            .insert(AUTHORIZATION, authorization.clone());
    }
    for name in nexevo_api::SECRET_HEADERS {
        if let Some(value) = request.headers_mut().get_mut(*name) {
            value.set_sensitive(true);
        }
    }
    set_user_agent(&mut request, client.user_agent());
    let idempotent = is_idempotent(&request);
    let method = request.method().clone();
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        state.attempts.store(attempt, Ordering::Relaxed);
        let retries_left = attempt <= policy.retries();
        // A copy is kept only while another attempt may follow. Our bodies are bytes, so a
        // request always clones; were it not, one attempt would be all.
        let (mut this_attempt, spare) = match retries_left.then(|| request.try_clone()).flatten() {
            Some(copy) => (copy, Some(request)),
            None => (request, None),
        };
        if attempt > 1 {
            // Which retry this is, so the server and its logs can tell retries apart.
            this_attempt
                .headers_mut()
                .insert(RETRY_COUNT, HeaderValue::from(attempt - 1));
        }
        let span = tracing::info_span!(
            "nexevo.request",
            operation,
            method = %method,
            attempt,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        // Reading the clock costs; nobody reads the duration of a disabled span.
        let started = (!span.is_disabled()).then(Instant::now);
        let outcome = send(this_attempt).instrument(span.clone()).await;
        if let Some(started) = started {
            span.record(
                "duration_ms",
                u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            );
        }
        let (wait, spare) = match outcome {
            Ok(response) => {
                let status = response.status();
                span.record("status", status.as_u16());
                if !span.is_disabled()
                    && let Some(id) = response.headers().get(REQUEST_ID)
                    && let Ok(id) = id.to_str()
                {
                    span.record("request_id", id);
                }
                let asked = retry_after(response.headers());
                // 501: the server lacks the operation; asking again cannot change that. A 409
                // with `Retry-After` is the one temporary conflict (`idempotency_in_progress`:
                // the key's first request is still being answered).
                let retryable = status == StatusCode::TOO_MANY_REQUESTS
                    || (idempotent
                        && (status == StatusCode::REQUEST_TIMEOUT
                            || (status == StatusCode::CONFLICT && asked.is_some())
                            || (status.is_server_error()
                                && status != StatusCode::NOT_IMPLEMENTED)));
                // A wait longer than the policy allows is not shortened: the answer is the
                // call's, and its error says how long the server asked for.
                let wait = match asked {
                    Some(asked) if policy.waits_for(asked) => Some(asked),
                    Some(_) => None,
                    None => Some(policy.backoff(attempt)),
                };
                match (spare, wait) {
                    (Some(spare), Some(wait)) if retryable => (wait, spare),
                    _ => return Ok(response),
                }
            }
            Err(error) => match spare {
                Some(spare) if error.retryable(idempotent) => {
                    tracing::debug!(parent: &span, %error, "attempt failed");
                    (policy.backoff(attempt), spare)
                }
                _ => {
                    tracing::debug!(parent: &span, %error, "attempt failed; not retrying");
                    return Err(error);
                }
            },
        };
        tracing::debug!(parent: &span, wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX), "retrying");
        tokio::time::sleep(wait).await;
        request = spare;
    }
}

/// Turns the generated client's error into the SDK's (the answer's headers are in `state`; see
/// [`CallTransport`]).
pub(crate) async fn convert_error(
    error: nexevo_api::Error<types::Error>,
    state: &CallState,
) -> Error {
    let attempts = state.attempts();
    match error {
        nexevo_api::Error::ErrorResponse(answer) => {
            let (_, headers) = state.take_answer();
            api_error(
                answer.status().as_u16(),
                &headers,
                answer.into_inner(),
                attempts,
            )
        }
        nexevo_api::Error::CommunicationError(error)
        | nexevo_api::Error::ResponseBodyError(error) => transport_error(error, attempts),
        nexevo_api::Error::InvalidResponsePayload(_, error) => {
            let (status, headers) = state.take_answer();
            undecodable(status, &headers, &error, attempts)
        }
        nexevo_api::Error::UnexpectedResponse(response) => {
            let status = response.status().as_u16();
            let headers = state.take_answer().1;
            // Already read into memory by the transport.
            match response.bytes().await {
                Ok(body) => unexpected(status, &headers, &body, attempts),
                Err(error) => transport_error(error, attempts),
            }
        }
        other => Error::Config(other.to_string()),
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

/// What an attempt can fail with: the transport (retried when that is safe), no answer head
/// within a stream's idle timeout (likewise), or a reason to end the call (never retried).
#[derive(Debug)]
pub(crate) enum AttemptFailure {
    Http(reqwest::Error),
    /// Reading the body failed: reqwest reports even a reset or a timeout there as a decode
    /// error, which is not the answer's fault.
    Body(reqwest::Error),
    HeadTimeout,
    Final(Error),
}

impl AttemptFailure {
    fn into_error(self, attempts: u32) -> Error {
        match self {
            Self::Http(error) | Self::Body(error) => transport_error(error, attempts),
            Self::HeadTimeout => Error::Timeout { attempts },
            Self::Final(error) => error,
        }
    }
}

impl std::fmt::Display for AttemptFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Http(error) | Self::Body(error) => error.fmt(f),
            Self::HeadTimeout => f.write_str("no answer within the idle timeout"),
            Self::Final(error) => error.fmt(f),
        }
    }
}

impl AttemptError for AttemptFailure {
    fn retryable(&self, idempotent: bool) -> bool {
        match self {
            Self::Http(error) => error.retryable(idempotent),
            Self::Body(_) | Self::HeadTimeout => idempotent,
            Self::Final(_) => false,
        }
    }
}

impl Client {
    /// Runs one operation of the generated client through this client's credentials, retries,
    /// timeouts and tracing, and turns its outcome into the SDK's types.
    ///
    /// `call` gets a generated client bound to this call; it should make exactly one generated
    /// call with it. Area crates use this; applications rarely need it.
    ///
    /// ```ignore
    /// // With the `billing` feature of `nexevo-api`:
    /// let balance = client
    ///     .call(RequestOptions::default(), |api| async move { api.get_balance(None).await })
    ///     .await?;
    /// ```
    #[doc(hidden)]
    pub async fn call<T, F, Fut>(
        &self,
        options: RequestOptions,
        call: F,
    ) -> crate::Result<Response<T>>
    where
        F: FnOnce(nexevo_api::Client) -> Fut,
        Fut: Future<
            Output = std::result::Result<
                nexevo_api::ResponseValue<T>,
                nexevo_api::Error<types::Error>,
            >,
        >,
    {
        options.check()?;
        let transport = Arc::new(CallTransport::new(self.clone(), options));
        let api = nexevo_api::Client::new_with_client(
            &self.inner.base_url,
            self.inner.http.clone(),
            Arc::clone(&transport) as Arc<dyn nexevo_api::Transport>,
        );
        let state = &transport.state;
        let outcome = call(api).await;
        if let Some(failure) = state.take_failure() {
            return Err(failure);
        }
        match outcome {
            Ok(value) => {
                let (_, headers) = state.take_answer();
                let meta = ResponseMeta::new(value.status().as_u16(), headers, state.attempts());
                Ok(Response::from_parts(value.into_inner(), meta))
            }
            Err(error) => Err(crate::transport::convert_error(error, state).await),
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
        operation: &'static str,
        mut request: reqwest::Request,
        options: &RequestOptions,
    ) -> crate::Result<(reqwest::Response, ResponseMeta)> {
        options.check()?;
        options.apply_headers(&mut request);
        let state = CallState::default();
        let idle = options.timeout_or(self.timeouts().stream_idle);
        let sender = self.sender();
        let policy = options.retry_policy(self.retry_policy());
        let sent = send_with_retries(self, &state, operation, request, policy, |attempt| {
            let sent = sender.send(attempt);
            async move {
                match tokio::time::timeout(idle, sent).await {
                    Ok(result) => result.map_err(AttemptFailure::Http),
                    Err(_) => Err(AttemptFailure::HeadTimeout),
                }
            }
        })
        .await;
        let attempts = state.attempts();
        let mut response = sent.map_err(|failure| failure.into_error(attempts))?;
        let headers = std::mem::take(response.headers_mut());
        let status = response.status();
        if !status.is_success() {
            // An error answer is read like a stream's events are: bounded by the idle timeout
            // (here, for the whole body) and by the error body's size limit.
            let limit = self.body_limits().error;
            let body = match tokio::time::timeout(idle, read_capped(response, &headers, limit))
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

    /// A request to `path` (with its leading `/`) of this client's base URL.
    #[doc(hidden)]
    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http()
            .request(method, format!("{}{path}", self.base_url()))
    }
}

#[cfg(test)]
mod tests {
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
