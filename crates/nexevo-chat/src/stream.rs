//! Streamed completions: server-sent events in, typed chunks out.

// Hand-written: streaming and the request builder are what the spec cannot say.

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::{Stream, StreamExt};
use nexevo_api::types::ChatCompletionChunk;
use nexevo_core::__private::TimedBody;
use nexevo_core::{Error, ResponseMeta, Result, StreamError};

use crate::message::{CollectedMessage, MAX_MESSAGE_BYTES, MessageAccumulator};
use crate::sse::{self, Event, Parser};
use crate::telemetry::StreamTrace;

/// A streamed completion: a `Stream` of [`ChatCompletionChunk`]s, parsed as the bytes arrive.
///
/// It ends after the server's `data: [DONE]`. Anything else is an error item, after which it
/// ends: a stream cut before `[DONE]` ([`StreamError::Truncated`]), silence longer than the
/// idle timeout ([`StreamError::IdleTimeout`]), its deadline ([`StreamError::Deadline`], when
/// one is set), an error event from the server ([`StreamError::Server`]), a chunk that does not
/// decode, or an event over the size cap. Its time limits are the client's, or the call's
/// ([`StreamOptions`](nexevo_core::StreamOptions)). Dropping it closes the connection.
/// `Send + 'static`.
pub struct ChatStream {
    body: TimedBody,
    parser: Parser,
    events: VecDeque<Event>,
    finished: bool,
    chunks: u64,
    meta: ResponseMeta,
    max_message_bytes: usize,
    /// The call's span and metrics, until the stream ends (or is dropped).
    trace: StreamTrace,
}

/// The size bounds a stream is read within (its time limits are the body's).
#[derive(Debug, Clone, Copy)]
pub(crate) struct StreamBounds {
    pub(crate) max_event_bytes: usize,
    pub(crate) max_message_bytes: usize,
}

impl Default for StreamBounds {
    fn default() -> Self {
        Self {
            max_event_bytes: sse::DEFAULT_MAX_EVENT_BYTES,
            max_message_bytes: MAX_MESSAGE_BYTES,
        }
    }
}

impl std::fmt::Debug for ChatStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatStream")
            .field("chunks", &self.chunks)
            .field("finished", &self.finished)
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

impl ChatStream {
    pub(crate) fn new(
        body: TimedBody,
        meta: ResponseMeta,
        bounds: StreamBounds,
        trace: StreamTrace,
    ) -> Self {
        Self {
            body,
            parser: Parser::new(bounds.max_event_bytes),
            events: VecDeque::new(),
            finished: false,
            chunks: 0,
            meta,
            max_message_bytes: bounds.max_message_bytes,
            trace,
        }
    }

    /// The answer's metadata: request id, rate limit, attempts, headers.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    /// The generation id from the `X-Nexevo-Generation-Id` header (the same as every chunk's
    /// `nexevo.generation_id`), for feedback before the stream is read.
    pub fn generation_id(&self) -> Option<&str> {
        self.meta.header("x-nexevo-generation-id")
    }

    /// Reads the whole stream into the final message: content, tool calls, finish reason,
    /// generation id, usage and cost. What it accumulates (content, tool-call names and
    /// arguments) is capped, by default at [`MAX_MESSAGE_BYTES`] (set it with
    /// [`CreateStream::max_message_bytes`](crate::CreateStream::max_message_bytes)): past it,
    /// [`StreamError::MessageTooLarge`]. To handle each chunk as it arrives and still have the
    /// message at the end, read the stream into a [`MessageAccumulator`].
    pub async fn collect_message(mut self) -> Result<CollectedMessage> {
        let mut message = MessageAccumulator::with_limit(self.max_message_bytes)
            .with_generation_id(self.generation_id().unwrap_or_default());
        while let Some(chunk) = self.next().await {
            message.push(chunk?)?;
        }
        Ok(message.finish())
    }

    fn finish(&mut self, error: StreamError) -> Poll<Option<Result<ChatCompletionChunk>>> {
        Poll::Ready(self.fail(error))
    }

    /// One event: a chunk, the end, an error, or (`None` without finishing) one to skip.
    fn on_event(&mut self, event: Event) -> Option<Result<ChatCompletionChunk>> {
        match event.event.as_deref() {
            Some("error") => return self.fail(server_error(&event.data)),
            // The standard has clients dispatch on the event's name: a completion's chunks
            // come unnamed (or as `message`); any other name (`ping`, …) is not for us.
            None | Some("message") => {}
            Some(_) => return None,
        }
        // `[DONE]` is checked before anything tries to decode it.
        if event.data == "[DONE]" {
            self.finished = true;
            self.trace.done();
            return None;
        }
        match serde_json::from_str::<ChatCompletionChunk>(&event.data) {
            Ok(chunk) => {
                self.chunks += 1;
                self.trace.chunk(&chunk);
                Some(Ok(chunk))
            }
            // Not a chunk: the error shape (sent as a plain event by OpenAI-compatible
            // servers), whatever its whitespace, or a chunk that does not decode.
            Err(error) => match serde_json::from_str::<nexevo_api::types::Error>(&event.data) {
                Ok(body) => self.fail(StreamError::Server {
                    code: body.error.code,
                    message: body.error.message,
                    request_id: Some(body.error.request_id),
                }),
                Err(_) => self.fail(StreamError::Decode(error.to_string())),
            },
        }
    }

    /// Ends the stream with `error` as its last item.
    fn fail(&mut self, error: StreamError) -> Option<Result<ChatCompletionChunk>> {
        self.finished = true;
        self.events.clear();
        let error = Error::Stream(error);
        self.trace.failed(&error);
        Some(Err(error))
    }
}

fn server_error(data: &str) -> StreamError {
    match serde_json::from_str::<nexevo_api::types::Error>(data) {
        Ok(body) => StreamError::Server {
            code: body.error.code,
            message: body.error.message,
            request_id: Some(body.error.request_id),
        },
        Err(_) => StreamError::Server {
            code: nexevo_api::types::ErrorCode::InternalError,
            message: format!("the server sent an error event without the error shape: {data}"),
            request_id: None,
        },
    }
}

impl Stream for ChatStream {
    type Item = Result<ChatCompletionChunk>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.finished {
                return Poll::Ready(None);
            }
            if let Some(event) = this.events.pop_front() {
                match this.on_event(event) {
                    Some(item) => return Poll::Ready(Some(item)),
                    None => continue,
                }
            }
            match this.body.poll_next_unpin(cx) {
                Poll::Ready(Some(Ok(bytes))) => {
                    let events = &mut this.events;
                    if let Err(too_large) = this
                        .parser
                        .feed(&bytes, &mut |event| events.push_back(event))
                    {
                        return this.finish(StreamError::EventTooLarge {
                            limit: too_large.limit,
                        });
                    }
                }
                // A time limit passed, or the connection failed.
                Poll::Ready(Some(Err(error))) => return this.finish(error),
                Poll::Ready(None) => {
                    let chunks = this.chunks;
                    return this.finish(StreamError::Truncated { chunks });
                }
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

/// The largest event the stream accepts, by default: far above any chunk Nexevo sends.
pub const MAX_EVENT_BYTES: usize = sse::DEFAULT_MAX_EVENT_BYTES;
