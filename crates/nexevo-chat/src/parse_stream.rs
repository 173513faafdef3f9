//! `parse_stream`: a typed answer, streamed. The chunks arrive as on any stream (the text so
//! far is readable while they do), and [`TypedStream::finish`] reads the whole into a `T` the
//! way [`Parsed::from_completion`] does.

use std::fmt;
use std::future::IntoFuture;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::{Stream, StreamExt};
use nexevo_api::types::ChatCompletionChunk;
use nexevo_core::BoxFuture;
use serde::de::DeserializeOwned;

use crate::completion::Completion;
use crate::create_stream::CreateStream;
use crate::message::{CollectedMessage, MessageAccumulator};
use crate::parse::{Parsed, StructuredOutputError};
use crate::stream::ChatStream;
use crate::typed_call::TypedCall;

/// [`Completions::parse_stream`](crate::Completions::parse_stream), ready to await: answers a
/// [`TypedStream<T>`] once the stream has begun.
pub type ParseStream<T> = TypedCall<CreateStream, T>;

impl<T: DeserializeOwned + Send + 'static> IntoFuture for ParseStream<T> {
    type Output = Result<TypedStream<T>, StructuredOutputError>;
    type IntoFuture = BoxFuture<Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let (mut create, schema) = self.into_parts();
            let (name, schema) = schema.map_err(StructuredOutputError::Schema)?.into_parts();
            let limit = create.bounds.max_message_bytes;
            create.request = create.request.json_schema(name, schema, true);
            let stream = create.await.map_err(StructuredOutputError::Call)?;
            let message = MessageAccumulator::with_limit(limit)
                .with_generation_id(stream.generation_id().unwrap_or_default());
            Ok(TypedStream {
                stream,
                message,
                failed: false,
                output: PhantomData,
            })
        })
    }
}

/// A streamed typed answer: a `Stream` of its chunks, as [`ChatStream`] yields them, that also
/// collects them; [`message`](Self::message) is the message so far, and
/// [`finish`](Self::finish) reads the rest and answers the `T`.
pub struct TypedStream<T> {
    stream: ChatStream,
    message: MessageAccumulator,
    /// An error ended the stream: `finish` answers it rather than a partial value.
    failed: bool,
    output: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for TypedStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TypedStream")
            .field("stream", &self.stream)
            .field("chunks", &self.message.chunks())
            .field("output", &std::any::type_name::<T>())
            .finish()
    }
}

impl<T> TypedStream<T> {
    /// The message so far: its text (`content`) as written up to the last chunk read.
    pub fn message(&self) -> &CollectedMessage {
        self.message.message()
    }
}

impl<T: DeserializeOwned> TypedStream<T> {
    /// Reads the rest of the stream and answers its value, with the completion the chunks make
    /// (as [`Completions::parse`](crate::Completions::parse) would have answered).
    pub async fn finish(mut self) -> Result<Parsed<T>, StructuredOutputError> {
        while let Some(chunk) = self.next().await {
            chunk.map_err(StructuredOutputError::Call)?;
        }
        let header = self.stream.generation_id().map(str::to_owned);
        match self.message.into_completion() {
            Ok(completion) => Parsed::from_completion(Completion::from_parts(completion, header)),
            Err(message) => Err(StructuredOutputError::IncompleteStream { message }),
        }
    }
}

impl<T> Stream for TypedStream<T> {
    type Item = nexevo_core::Result<ChatCompletionChunk>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.failed {
            return Poll::Ready(None);
        }
        let item = match self.stream.poll_next_unpin(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(item) => item,
        };
        let item = item
            .map(|chunk| chunk.and_then(|chunk| self.message.push(chunk.clone()).map(|()| chunk)));
        if matches!(item, Some(Err(_))) {
            self.failed = true;
        }
        Poll::Ready(item)
    }
}
