//! Calls as values: a request builder is awaited to send it.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::error::Result;
use crate::response::Response;

/// A boxed, `Send + 'static` future: what awaiting any SDK call gives.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// One API call, configured and ready to send. Awaiting it sends it and answers the value;
/// [`Operation::with_meta`] first answers a [`Response`] with the request id and rate limit.
pub trait Operation: Sized + Send + 'static {
    /// What the call answers.
    type Output: Send + 'static;

    /// Checks the arguments against the API's rules, then sends the call.
    fn send(self) -> BoxFuture<Result<Response<Self::Output>>>;

    /// Answers the value together with its [`ResponseMeta`](crate::ResponseMeta).
    fn with_meta(self) -> WithMeta<Self> {
        WithMeta(self)
    }
}

/// A call that answers [`Response<T>`] (the value and its metadata) when awaited.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct WithMeta<O>(O);

impl<O: Operation> IntoFuture for WithMeta<O> {
    type Output = Result<Response<O::Output>>;
    type IntoFuture = BoxFuture<Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        self.0.send()
    }
}

/// What awaiting a call gives: its value, without the metadata. (A named future rather than a
/// second box around [`Operation::send`]'s.)
#[must_use = "a call does nothing until it is awaited"]
pub struct ValueFuture<T>(BoxFuture<Result<Response<T>>>);

impl<T> ValueFuture<T> {
    /// The value of the call `send` makes.
    pub(crate) fn new(send: BoxFuture<Result<Response<T>>>) -> Self {
        Self(send)
    }
}

impl<T> Future for ValueFuture<T> {
    type Output = Result<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.0
            .as_mut()
            .poll(cx)
            .map(|answer| answer.map(Response::into_value))
    }
}

impl<T> fmt::Debug for ValueFuture<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ValueFuture").finish_non_exhaustive()
    }
}
