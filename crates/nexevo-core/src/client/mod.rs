//! The client: configuration, credentials, and the one place every call goes through.

mod builder;
pub(crate) mod state;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use futures_util::FutureExt as _;
use futures_util::future::Either;
use nexevo_api::Secret;
use reqwest::header::{AUTHORIZATION, USER_AGENT};
use serde::de::DeserializeOwned;

pub use builder::{
    ALLOW_INSECURE_HTTP_VAR, ClientBuilder, insecure_http_allowed_by_env, is_loopback_url,
};
pub(crate) use state::Inner;

use state::bearer;
pub use state::{Client, DEFAULT_BASE_URL, SDK_USER_AGENT};

use crate::answer_errors::{transport_error, undecodable, unexpected};
use crate::body::{Answer, BodyFailure, BodyLimits, read_capped};
use crate::error::{Error, Result, TimeLimit};
use crate::options::RequestOptions;
use crate::response::{Response, ResponseMeta, request_id};
use crate::retry_loop::{AttemptFailure, send_with_retries};
use crate::telemetry::CallTrace;
use crate::time_limits::{CallTimer, TimedBody, Timeouts};

/// Builds one attempt's request with the generated client (an `<operation>_request` method of
/// `nexevo_api::Client`). It is called again for every retry, so no call copies its request
/// in case a retry comes: only a retry, which seldom comes, pays for building it again.
pub type BuildRequest<'a> = dyn Fn(&nexevo_api::Client) -> std::result::Result<reqwest::Request, nexevo_api::RequestError>
    + Send
    + Sync
    + 'a;

impl Client {
    /// A builder with the defaults.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().api_key("nx-live-…").build()?;
    /// assert_eq!(client.base_url(), nexevo_core::DEFAULT_BASE_URL);
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client from `NEXEVO_API_KEY` (required), `NEXEVO_BASE_URL` and `NEXEVO_ORGANIZATION`.
    ///
    /// ```no_run
    /// let client = nexevo_core::Client::from_env()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn from_env() -> Result<Self> {
        let builder = ClientBuilder::default().from_env();
        if !builder.has_credential() {
            return Err(Error::Config("NEXEVO_API_KEY is not set".into()));
        }
        builder.build()
    }

    /// The base URL calls go to.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().base_url("http://127.0.0.1:8080/").build()?;
    /// assert_eq!(client.base_url(), "http://127.0.0.1:8080");
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The organization calls act on, if one is set.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().build()?;
    /// assert_eq!(client.organization(), None);
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn organization(&self) -> Option<&str> {
        self.inner.organization.as_deref()
    }

    /// The timeouts in force.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().build()?;
    /// assert_eq!(client.timeouts(), nexevo_core::Timeouts::default());
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn timeouts(&self) -> Timeouts {
        self.inner.timeouts
    }

    /// The same client authenticated with another credential (a session token from a login,
    /// say). Shares this client's connection pool and settings.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().api_key("nx-live-…").build()?;
    /// let as_session = client.with_credential("nxs_…")?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn with_credential(&self, credential: impl Into<Secret>) -> Result<Self> {
        let authorization = bearer(&credential.into())?;
        Ok(self.derive(|inner| inner.authorization = Some(authorization)))
    }

    /// The same client acting on another organization (or, with `None`, on the caller's own
    /// account). Shares this client's connection pool.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().build()?;
    /// let for_acme = client.with_organization(Some("org_4f8a2c"));
    /// assert_eq!(for_acme.organization(), Some("org_4f8a2c"));
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn with_organization(&self, org_id: Option<&str>) -> Self {
        self.derive(|inner| inner.organization = org_id.map(str::to_owned))
    }

    fn derive(&self, change: impl FnOnce(&mut Inner)) -> Self {
        let mut inner = Inner::clone(&self.inner);
        change(&mut inner);
        Self {
            inner: Arc::new(inner),
        }
    }

    /// The largest answer bodies this client reads.
    pub fn body_limits(&self) -> BodyLimits {
        self.inner.body_limits
    }

    /// Makes one call (`__private::call`, which generated code uses, says what it does).
    ///
    /// Not an `async fn` around [`Client::call_traced`]: one would keep room for each argument
    /// twice more, and every call in flight holds that state.
    pub(crate) fn call<T: DeserializeOwned>(
        &self,
        options: &RequestOptions,
        operation: &'static str,
        success: u16,
        build: &BuildRequest<'_>,
    ) -> impl Future<Output = Result<Response<T>>> {
        let trace = self.trace(operation);
        self.call_traced(options, trace, operation, success, build)
            .map(|answer| answer.map(|(response, _trace)| response))
    }

    /// The telemetry of a call of `operation` (named by the HTTP rule).
    pub(crate) fn trace(&self, operation: &'static str) -> CallTrace {
        CallTrace::http(&self.inner.telemetry, operation, "")
    }

    /// [`Client::call`], recorded in `trace`, which the caller made and answered with the
    /// value so that it records more into it (a chat call: usage and cost) before it ends.
    pub(crate) async fn call_traced<T: DeserializeOwned>(
        &self,
        options: &RequestOptions,
        mut trace: CallTrace,
        operation: &'static str,
        success: u16,
        build: &BuildRequest<'_>,
    ) -> Result<(Response<T>, CallTrace)> {
        let (answer, attempts) = self
            .exchange(
                options,
                &mut trace,
                operation,
                Success::Exactly(success),
                build,
            )
            .await?;
        match serde_json::from_slice::<T>(&answer.body) {
            Ok(value) => {
                let meta = ResponseMeta::new(answer.status.as_u16(), answer.headers, attempts);
                Ok((Response::from_parts(value, meta), trace))
            }
            Err(error) => {
                let error = undecodable(answer.status.as_u16(), &answer.headers, &error, attempts);
                trace.failed(&error);
                Err(error)
            }
        }
    }

    /// [`Client::call`] for an operation whose successful answer has no content: its body, if
    /// any, is not read as anything.
    pub(crate) async fn call_without_content(
        &self,
        options: &RequestOptions,
        operation: &'static str,
        success: u16,
        build: &BuildRequest<'_>,
    ) -> Result<Response<()>> {
        let mut trace = self.trace(operation);
        let (answer, attempts) = self
            .exchange(
                options,
                &mut trace,
                operation,
                Success::Exactly(success),
                build,
            )
            .await?;
        let meta = ResponseMeta::new(answer.status.as_u16(), answer.headers, attempts);
        Ok(Response::from_parts((), meta))
    }

    /// The part of [`Client::call`] that is the same for every operation, compiled once: the
    /// attempts, each answer's body read inside its attempt (so a reset or a timeout while
    /// reading it is retried like one before the head arrived) and capped. Answers the final
    /// answer, when its status is `success`, and the number of attempts; any other answer is
    /// the SDK's error for it.
    pub(crate) async fn exchange(
        &self,
        options: &RequestOptions,
        trace: &mut CallTrace,
        operation: &'static str,
        success: Success,
        build: &BuildRequest<'_>,
    ) -> Result<(Answer, u32)> {
        options.check()?;
        let mut timer = self.timer(options);
        let limits = self.body_limits();
        // Each attempt's answer is read whole, within the attempt's timeout.
        let send = |request| {
            let sent = self.send_once(request);
            async move {
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
            }
        };
        let policy = options.retry_policy(self.inner.retry);
        let prepare = || self.prepare(options, build);
        let (outcome, attempts) = send_with_retries(
            operation,
            policy,
            &self.inner,
            trace,
            &mut timer,
            prepare,
            send,
        )
        .await;
        if let Ok(answer) = &outcome {
            trace.answered(answer.status.as_u16(), &answer.headers);
        }
        let result = match (outcome, attempts) {
            (Ok(answer), _) if let Some(limit) = answer.cut => Err(Error::AnswerTooLarge {
                status: answer.status.as_u16(),
                limit,
                request_id: request_id(&answer.headers),
            }),
            (Ok(answer), attempts) if success.is(answer.status.as_u16()) => Ok((answer, attempts)),
            (Ok(answer), attempts) => Err(unexpected(
                answer.status.as_u16(),
                &answer.headers,
                &answer.body,
                attempts,
            )),
            // A request that could not be built is `Final` and made no attempt; every other
            // failure comes from one.
            (Err(failure), attempts) => Err(failure.into_error(attempts)),
        };
        if let Err(error) = &result {
            trace.failed(error);
        }
        result
    }

    /// Sends a request whose answer is a stream (`__private::send_streaming` says how).
    pub(crate) async fn send_streaming(
        &self,
        options: &RequestOptions,
        trace: &mut CallTrace,
        operation: &'static str,
        build: &BuildRequest<'_>,
    ) -> Result<(TimedBody, ResponseMeta)> {
        let result = self.open_stream(options, trace, operation, build).await;
        match &result {
            Ok((_, meta)) => trace.answered_stream(meta.status(), meta.request_id()),
            Err(error) => trace.failed(error),
        }
        result
    }

    /// [`Client::send_streaming`], but for what it records.
    async fn open_stream(
        &self,
        options: &RequestOptions,
        trace: &CallTrace,
        operation: &'static str,
        build: &BuildRequest<'_>,
    ) -> Result<(TimedBody, ResponseMeta)> {
        options.check()?;
        let mut timer = self.timer(options);
        let send = |request| {
            let sent = self.send_once(request);
            async move { sent.await.map_err(AttemptFailure::Http) }
        };
        let policy = options.retry_policy(self.inner.retry);
        let prepare = || self.prepare(options, build);
        let (sent, attempts) = send_with_retries(
            operation,
            policy,
            &self.inner,
            trace,
            &mut timer,
            prepare,
            send,
        )
        .await;
        let mut response = sent.map_err(|failure| failure.into_error(attempts))?;
        let headers = std::mem::take(response.headers_mut());
        let status = response.status();
        if !status.is_success() {
            // An error answer is read like a stream's events are: bounded by the idle timeout
            // (here, for the whole body) and by the error body's size limit.
            let limit = self.body_limits().error;
            let idle = self.stream_limits(options).0;
            let read = read_capped(&mut response, &headers, limit);
            let body = match timer.within(idle, read).await {
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
                Err(expired) => {
                    let idle = self.stream_limits(options).0;
                    let limit = expired.limit(TimeLimit::StreamIdle(idle));
                    return Err(Error::Timeout { attempts, limit });
                }
            };
            return Err(unexpected(status.as_u16(), &headers, &body, attempts));
        }
        // The body is read without them; the metadata keeps the one copy.
        let meta = ResponseMeta::new(status.as_u16(), headers, attempts);
        let (idle, deadline) = self.stream_limits(options);
        Ok((TimedBody::new(response, idle, deadline), meta))
    }

    /// A stream's idle timeout and deadline, for a call with these options.
    fn stream_limits(&self, options: &RequestOptions) -> (Duration, Option<Duration>) {
        let limits = options.timeouts(&self.inner.timeouts);
        (limits.stream_idle, limits.stream_deadline)
    }

    /// The timer of a call with these options, starting now.
    fn timer(&self, options: &RequestOptions) -> CallTimer {
        let limits = options.timeouts(&self.inner.timeouts);
        CallTimer::start(limits.attempt, limits.call_deadline)
    }

    /// One attempt's request: built by the generated client, with the call's extra headers,
    /// the client's credential and user agent, and the spec's secret headers marked sensitive
    /// so that no `Debug` of the request shows them.
    fn prepare(
        &self,
        options: &RequestOptions,
        build: &BuildRequest<'_>,
    ) -> Result<reqwest::Request> {
        let mut request = build(&self.inner.api).map_err(not_built)?;
        options.apply_headers(&mut request);
        let headers = request.headers_mut();
        if let Some(authorization) = &self.inner.authorization {
            headers.insert(AUTHORIZATION, authorization.clone());
        }
        for name in &self.inner.secret_headers {
            if let Some(value) = headers.get_mut(name) {
                value.set_sensitive(true);
            }
        }
        headers
            .entry(USER_AGENT)
            .or_insert_with(|| self.inner.user_agent.clone());
        Ok(request)
    }

    /// Sends one attempt: with reqwest, unless a [`RequestSender`](crate::RequestSender)
    /// replaces it.
    fn send_once(
        &self,
        request: reqwest::Request,
    ) -> impl Future<Output = reqwest::Result<reqwest::Response>> + Send + 'static {
        match &self.inner.sender {
            Some(sender) => Either::Left(sender.send(request)),
            None => Either::Right(self.inner.http.execute(request)),
        }
    }
}

/// The statuses a call takes for success.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Success {
    /// The operation's one success status (a typed call's).
    Exactly(u16),
    /// Any 2xx (a request by method and path, whose operation may be unknown).
    Any,
}

impl Success {
    fn is(self, status: u16) -> bool {
        match self {
            Self::Exactly(success) => status == success,
            Self::Any => (200..300).contains(&status),
        }
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
}
