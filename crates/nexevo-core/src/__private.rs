//! For the SDK's generated code only — and the area crates' few hand-written calls, which are
//! written as generated ones are. **No semver promise**: anything here may change or go in any
//! release. Applications never need it: they make calls through the builders, and set a call's
//! options through [`CallOptions`](crate::CallOptions), [`Idempotent`](crate::Idempotent) and
//! [`StreamOptions`](crate::StreamOptions).
//!
//! It is the one path from generated code to the core's plumbing, so that nothing of it shows
//! in the public API:
//!
//! - a call's options, [`RequestOptions`], and [`CallBuilder`], through which the option traits
//!   reach them (`CallOptions`' supertrait: a builder implements both);
//! - sending a call: [`call`], [`call_without_content`] and [`send_streaming`] (which answers a
//!   [`TimedBody`]), each building its request for every attempt with a [`BuildRequest`];
//! - a call's telemetry, [`CallTrace`]: the core makes one for every call; a hand-written call
//!   that knows more (chat: the model, usage, cost) makes its own with [`gen_ai_trace`],
//!   records into it, and sends with [`call_traced`] or [`send_streaming`];
//! - the headers a call works out before sending: [`organization_header`] and
//!   [`idempotency_key`];
//! - assembling what a call answers: [`awaitable!`](awaitable) (which makes a builder
//!   awaitable with [`value_future`]), [`response`] and [`response_meta`].

use std::future::Future;

use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::Result;
use crate::operation::{BoxFuture, ValueFuture};
use crate::response::{Response, ResponseMeta};

pub use crate::__awaitable as awaitable;
pub use crate::client::BuildRequest;
pub use crate::options::{RequestOptions, idempotency_key};
pub use crate::telemetry::call::{CallTrace, GenAiRequest, GenAiResponse, StreamEnd};
pub use crate::time_limits::TimedBody;

/// Makes request builders awaitable: `impl IntoFuture` answering the
/// [`Operation::Output`](crate::Operation::Output). Generated code names it
/// `__private::awaitable` (`macro_export` puts every macro at the crate's root; its name there
/// says it is not for use).
#[doc(hidden)]
#[macro_export]
macro_rules! __awaitable {
    ($($operation:ty),* $(,)?) => {$(
        impl ::std::future::IntoFuture for $operation {
            type Output = $crate::Result<<$operation as $crate::Operation>::Output>;
            type IntoFuture = $crate::ValueFuture<<$operation as $crate::Operation>::Output>;

            #[inline]
            fn into_future(self) -> Self::IntoFuture {
                $crate::__private::value_future($crate::Operation::send(self))
            }
        }
    )*};
}

/// What the per-call option traits need of a call's builder: its options. Every builder
/// implements it, and [`CallOptions`](crate::CallOptions) has it as its supertrait, so that
/// `CallOptions` shows users only the settings they call. Defined here, not beside the option
/// traits, so that the bound names this module: the standard sealed-trait pattern.
pub trait CallBuilder {
    /// The call's options.
    fn options_mut(&mut self) -> &mut RequestOptions;
}

/// Makes one call: builds its request with `build` (for each attempt), sends it through the
/// client's credentials, retries, timeouts and tracing, and decodes an answer with the
/// operation's `success` status as `T`; any other answer is the SDK's error for it.
///
/// ```ignore
/// // With the `billing` feature of `nexevo-api`:
/// let balance = __private::call::<Balance>(&client, &options, "get_balance", 200, &|api| {
///     api.get_balance_request(None)
/// })
/// .await?;
/// ```
#[inline]
pub fn call<T: DeserializeOwned>(
    client: &Client,
    options: &RequestOptions,
    operation: &'static str,
    success: u16,
    build: &BuildRequest<'_>,
) -> impl Future<Output = Result<Response<T>>> {
    client.call(options, operation, success, build)
}

/// [`call`], recorded in `trace` (made with [`gen_ai_trace`]), which the caller recorded the
/// request into and gets back with the value, to record the answer into.
#[inline]
pub fn call_traced<T: DeserializeOwned>(
    client: &Client,
    options: &RequestOptions,
    trace: CallTrace,
    operation: &'static str,
    success: u16,
    build: &BuildRequest<'_>,
) -> impl Future<Output = Result<(Response<T>, CallTrace)>> {
    client.call_traced(options, trace, operation, success, build)
}

/// The telemetry of a GenAI call of `operation`: a `gen_ai_operation` (`chat`) asking `model`.
pub fn gen_ai_trace(
    client: &Client,
    operation: &'static str,
    gen_ai_operation: &'static str,
    model: &str,
) -> CallTrace {
    CallTrace::gen_ai(&client.inner.telemetry, operation, gen_ai_operation, model)
}

/// [`call`] for an operation whose successful answer has no content: its body, if any, is not
/// read as anything.
#[inline]
pub fn call_without_content(
    client: &Client,
    options: &RequestOptions,
    operation: &'static str,
    success: u16,
    build: &BuildRequest<'_>,
) -> impl Future<Output = Result<Response<()>>> {
    client.call_without_content(options, operation, success, build)
}

/// Sends a request whose answer is a stream: retried like any call until the answer's head
/// arrives, then handed over with its metadata, its body to be read within the stream's time
/// limits (`options` override the client's). An error status is an error of this call, never
/// a stream. Recorded in `trace`, which the stream's reader keeps until the stream ends.
#[inline]
pub fn send_streaming(
    client: &Client,
    options: &RequestOptions,
    trace: &mut CallTrace,
    operation: &'static str,
    build: &BuildRequest<'_>,
) -> impl Future<Output = Result<(TimedBody, ResponseMeta)>> {
    client.send_streaming(options, trace, operation, build)
}

/// The organization to send as `Nexevo-Organization`, checked with the spec's validator for
/// that header: a malformed one is a validation error and nothing is sent. (Only the areas
/// that send the header call this, so an organization set on a client used for other areas is
/// never checked or sent.)
///
/// ```
/// # fn check(org: &str) -> Result<(), nexevo_core::ValidationError> { Ok(()) }
/// let client = nexevo_core::Client::builder().organization("org_4f8a2c").build()?;
/// let header = nexevo_core::__private::organization_header(&client, check)?;
/// assert_eq!(header, Some("org_4f8a2c"));
/// # Ok::<(), nexevo_core::Error>(())
/// ```
pub fn organization_header(
    client: &Client,
    validate: fn(&str) -> std::result::Result<(), nexevo_api::ValidationError>,
) -> Result<Option<&str>> {
    match client.organization() {
        Some(org) => {
            validate(org)?;
            Ok(Some(org))
        }
        None => Ok(None),
    }
}

/// What awaiting a builder gives: the value of the call `send` makes.
#[inline]
pub fn value_future<T>(send: BoxFuture<Result<Response<T>>>) -> ValueFuture<T> {
    ValueFuture::new(send)
}

/// A value with its metadata, for an answer a call assembles itself (a stream, say).
#[inline]
pub fn response<T>(value: T, meta: ResponseMeta) -> Response<T> {
    Response::from_parts(value, meta)
}

/// The metadata of a response obtained outside the client (one attempt).
pub fn response_meta(response: &reqwest::Response) -> ResponseMeta {
    ResponseMeta::new(response.status().as_u16(), response.headers().clone(), 1)
}
