//! Streamed completions: server-sent events in, typed chunks out.

// Hand-written: streaming and the request builder are what the spec cannot say.

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::{Stream, StreamExt};
use nexevo_api::types::{
    ChatCompletionChunk, FinishReason, FunctionCall, MessageRole, Region, Tier, TokenUsage,
    ToolCall, ToolType,
};
use nexevo_core::{Error, ResponseMeta, Result, StreamError, TimedBody};
use rust_decimal::Decimal;

use crate::sse::{self, Event, Parser};

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
    pub(crate) fn new(body: TimedBody, meta: ResponseMeta, bounds: StreamBounds) -> Self {
        Self {
            body,
            parser: Parser::new(bounds.max_event_bytes),
            events: VecDeque::new(),
            finished: false,
            chunks: 0,
            meta,
            max_message_bytes: bounds.max_message_bytes,
        }
    }

    /// Reads a Nexevo completion stream from a response you obtained yourself (through your own
    /// HTTP stack, say), with this idle timeout, no deadline, and the default event size cap.
    /// The response's status is not checked: call this only for a 2xx `text/event-stream`
    /// answer.
    pub fn from_response(response: reqwest::Response, idle: Duration) -> Self {
        let meta = ResponseMeta::from_response(&response);
        let body = TimedBody::new(response, idle, None);
        Self::new(body, meta, StreamBounds::default())
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
    /// [`StreamError::MessageTooLarge`].
    pub async fn collect_message(mut self) -> Result<CollectedMessage> {
        let mut message = CollectedMessage {
            generation_id: self.generation_id().unwrap_or_default().to_owned(),
            ..CollectedMessage::default()
        };
        let limit = self.max_message_bytes;
        while let Some(chunk) = self.next().await {
            if message.absorb(chunk?) > limit {
                return Err(Error::Stream(StreamError::MessageTooLarge { limit }));
            }
        }
        Ok(message)
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
            return None;
        }
        match serde_json::from_str::<ChatCompletionChunk>(&event.data) {
            Ok(chunk) => {
                self.chunks += 1;
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
        Some(Err(Error::Stream(error)))
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

/// A streamed completion read to its end: what [`ChatStream::collect_message`] answers.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct CollectedMessage {
    /// Who wrote it (the assistant).
    pub role: Option<MessageRole>,
    /// The text, all deltas joined.
    pub content: String,
    /// The tool calls, their fragments merged by index.
    pub tool_calls: Vec<ToolCall>,
    /// Why generation stopped.
    pub finish_reason: Option<FinishReason>,
    /// The generation id, for feedback.
    pub generation_id: String,
    /// The billing tier.
    pub tier: Option<Tier>,
    /// Where it was served, from the chunks.
    pub region: Option<Region>,
    /// The backend that served it, from the chunks.
    pub routed_model: Option<String>,
    /// What it cost, from the last chunk.
    pub cost_usd: Option<Decimal>,
    /// Token counts, from the last chunk.
    pub usage: Option<TokenUsage>,
}

/// The most tool calls a message holds (the spec's `ChatMessage.tool_calls` `maxItems`).
const MAX_TOOL_CALLS: usize = 128;

impl CollectedMessage {
    /// Adds a chunk's pieces and answers how many bytes the message's text now holds.
    fn absorb(&mut self, chunk: ChatCompletionChunk) -> usize {
        self.generation_id = chunk.nexevo.generation_id.0;
        self.tier = Some(chunk.nexevo.tier);
        if chunk.nexevo.region.is_some() {
            self.region = chunk.nexevo.region;
        }
        if chunk.nexevo.routed_model.is_some() {
            self.routed_model = chunk.nexevo.routed_model;
        }
        if chunk.nexevo.cost_usd.is_some() {
            self.cost_usd = chunk.nexevo.cost_usd;
        }
        if chunk.usage.is_some() {
            self.usage = chunk.usage;
        }
        for choice in chunk.choices.into_iter().filter(|c| c.index == 0) {
            if let Some(role) = choice.delta.role {
                self.role = Some(role);
            }
            if let Some(content) = choice.delta.content {
                self.content.push_str(&content);
            }
            for fragment in choice.delta.tool_calls {
                // A fragment for a call no message can hold is dropped before it pads the
                // list with blank calls.
                let Some(index) = usize::try_from(fragment.index)
                    .ok()
                    .filter(|&index| index < MAX_TOOL_CALLS)
                else {
                    continue;
                };
                while self.tool_calls.len() <= index {
                    self.tool_calls.push(ToolCall {
                        id: String::new(),
                        type_: ToolType::Function,
                        function: FunctionCall {
                            name: String::new(),
                            arguments: String::new(),
                        },
                    });
                }
                let Some(call) = self.tool_calls.get_mut(index) else {
                    continue;
                };
                if let Some(id) = fragment.id {
                    call.id = id;
                }
                if let Some(kind) = fragment.type_ {
                    call.type_ = kind;
                }
                if let Some(function) = fragment.function {
                    if let Some(name) = function.name {
                        call.function.name.push_str(&name);
                    }
                    if let Some(arguments) = function.arguments {
                        call.function.arguments.push_str(&arguments);
                    }
                }
            }
            if choice.finish_reason.is_some() {
                self.finish_reason = choice.finish_reason;
            }
        }
        self.content.len()
            + self
                .tool_calls
                .iter()
                .map(|call| call.function.name.len() + call.function.arguments.len())
                .sum::<usize>()
    }
}

impl nexevo_core::Generated for CollectedMessage {
    fn generation_id(&self) -> &str {
        &self.generation_id
    }
}

/// The largest event the stream accepts, by default (see [`sse::DEFAULT_MAX_EVENT_BYTES`]).
pub const MAX_EVENT_BYTES: usize = sse::DEFAULT_MAX_EVENT_BYTES;

/// The most text [`ChatStream::collect_message`] accumulates, by default: 8 MiB, some twenty
/// times the longest completion a model writes today.
pub const MAX_MESSAGE_BYTES: usize = 8 << 20;

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk_with_fragment(index: usize, name: &str) -> ChatCompletionChunk {
        serde_json::from_value(serde_json::json!({
            "id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1777282200,
            "model": "nexevo/fast",
            "choices": [{ "index": 0, "delta": { "tool_calls": [
                { "index": index, "id": format!("call_{index}"), "type": "function",
                  "function": { "name": name, "arguments": "{}" } }
            ] } }],
            "nexevo": { "generation_id": "gen_0123456789abcdef", "tier": "fast" }
        }))
        .expect("a valid chunk")
    }

    #[test]
    fn fragments_merge_by_index_and_one_past_the_limit_adds_nothing() {
        let mut message = CollectedMessage::default();
        message.absorb(chunk_with_fragment(1, "second"));
        message.absorb(chunk_with_fragment(0, "first"));
        message.absorb(chunk_with_fragment(MAX_TOOL_CALLS, "too many"));
        let names: Vec<&str> = message
            .tool_calls
            .iter()
            .map(|call| call.function.name.as_str())
            .collect();
        assert_eq!(names, ["first", "second"]);
        message.absorb(chunk_with_fragment(MAX_TOOL_CALLS - 1, "last"));
        assert_eq!(message.tool_calls.len(), MAX_TOOL_CALLS);
    }
}
