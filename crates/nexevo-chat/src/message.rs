//! A streamed completion's message, collected from its chunks: by [`ChatStream::collect_message`],
//! or one chunk at a time by a [`MessageAccumulator`] of the caller's.
//!
//! [`ChatStream::collect_message`]: crate::ChatStream::collect_message

use nexevo_api::types::{
    ChatCompletionChunk, FinishReason, FunctionCall, MessageRole, Region, RoutingReason, Tier,
    TokenUsage, ToolCall, ToolType,
};
use nexevo_core::{Error, Result, StreamError};
use rust_decimal::Decimal;

/// A streamed completion read to its end: what
/// [`ChatStream::collect_message`](crate::ChatStream::collect_message) and
/// [`MessageAccumulator::finish`] answer.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct CollectedMessage {
    /// Who wrote it (the assistant).
    pub role: Option<MessageRole>,
    /// The text, all deltas joined.
    pub content: String,
    /// The model's refusal to answer in the requested format, all its deltas joined.
    pub refusal: Option<String>,
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
    /// Why the router chose that backend, from the chunks.
    pub routing_reason: Option<RoutingReason>,
    /// What it cost, from the last chunk that said.
    pub cost_usd: Option<Decimal>,
    /// Token counts, from the last chunk that said.
    pub usage: Option<TokenUsage>,
}

impl nexevo_core::HasGenerationId for CollectedMessage {
    fn generation_id(&self) -> &str {
        &self.generation_id
    }
}

/// The most text a message collects, by default: 8 MiB, some twenty times the longest
/// completion a model writes today.
pub const MAX_MESSAGE_BYTES: usize = 8 << 20;

/// The most tool calls a message holds (the spec's `ChatMessage.tool_calls` `maxItems`).
const MAX_TOOL_CALLS: usize = 128;

/// Collects a streamed completion's chunks into its message, one chunk at a time, for a caller
/// that also handles each chunk as it arrives (showing the text as it is written, say);
/// [`ChatStream::collect_message`](crate::ChatStream::collect_message) is this over a whole
/// stream. The message's text, tool calls merged by index, finish reason, generation id, tier,
/// region, cost and usage are each the latest the chunks said.
///
/// Bounded: what it accumulates (content, tool-call names and arguments) stays within its limit
/// ([`MAX_MESSAGE_BYTES`] by default); a chunk that would pass it is refused with
/// [`StreamError::MessageTooLarge`], and the message stays as it was.
///
/// ```
/// use nexevo_chat::{ChatCompletionChunk, MessageAccumulator};
///
/// let chunk = |text: &str, cost: Option<&str>| -> ChatCompletionChunk {
///     serde_json::from_value(serde_json::json!({
///         "id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1777282200,
///         "model": "nexevo/fast",
///         "choices": [{ "index": 0, "delta": { "content": text } }],
///         "nexevo": { "generation_id": "gen_0123456789abcdef", "tier": "fast", "cost_usd": cost }
///     }))
///     .unwrap()
/// };
/// let mut message = MessageAccumulator::new();
/// for (text, cost) in [("Hel", None), ("lo", Some("0.000012"))] {
///     let chunk = chunk(text, cost);
///     print!("{}", chunk.choices[0].delta.content.as_deref().unwrap_or_default());
///     message.push(chunk)?;
/// }
/// let message = message.finish();
/// assert_eq!(message.content, "Hello");
/// assert_eq!(message.generation_id, "gen_0123456789abcdef");
/// assert_eq!(message.cost_usd.map(|cost| cost.to_string()).as_deref(), Some("0.000012"));
///
/// let mut small = MessageAccumulator::with_limit(4);
/// assert!(small.push(chunk("Hello", None)).is_err());
/// assert_eq!(small.chunks(), 0);
/// # Ok::<(), nexevo_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct MessageAccumulator {
    message: CollectedMessage,
    /// The stream's completion id, creation time and model, from its chunks: what a
    /// completion made of the message repeats.
    id: String,
    created: i64,
    model: String,
    /// What the message's text holds (content, tool-call names and arguments), in bytes.
    bytes: usize,
    limit: usize,
    chunks: u64,
}

impl Default for MessageAccumulator {
    fn default() -> Self {
        Self::new()
    }
}

impl MessageAccumulator {
    /// An empty message, bounded by [`MAX_MESSAGE_BYTES`].
    pub fn new() -> Self {
        Self::with_limit(MAX_MESSAGE_BYTES)
    }

    /// An empty message, bounded by `limit` bytes of text.
    pub fn with_limit(limit: usize) -> Self {
        Self {
            message: CollectedMessage::default(),
            id: String::new(),
            created: 0,
            model: String::new(),
            bytes: 0,
            limit,
            chunks: 0,
        }
    }

    /// An empty message whose generation id, until a chunk says otherwise, is `id` (a stream's
    /// `X-Nexevo-Generation-Id`).
    pub(crate) fn with_generation_id(mut self, id: &str) -> Self {
        id.clone_into(&mut self.message.generation_id);
        self
    }

    /// Adds a chunk's pieces to the message; refused, leaving the message as it was, if its
    /// text would pass the limit.
    pub fn push(&mut self, chunk: ChatCompletionChunk) -> Result<()> {
        let bytes = self.bytes.saturating_add(text_bytes(&chunk));
        if bytes > self.limit {
            return Err(Error::Stream(StreamError::MessageTooLarge {
                limit: self.limit,
            }));
        }
        self.bytes = bytes;
        self.chunks += 1;
        if self.id.is_empty() {
            self.id.clone_from(&chunk.id);
            self.created = chunk.created;
            self.model.clone_from(&chunk.model);
        }
        absorb(&mut self.message, chunk);
        Ok(())
    }

    /// How many chunks the message holds.
    pub fn chunks(&self) -> u64 {
        self.chunks
    }

    /// The message so far.
    pub fn message(&self) -> &CollectedMessage {
        &self.message
    }

    /// The message.
    pub fn finish(self) -> CollectedMessage {
        self.message
    }

    /// The message as the completion a request without `stream` would have answered, once
    /// the chunks have said its tier, region, backend, cost and usage (else the message).
    #[cfg(feature = "typed")]
    pub(crate) fn into_completion(
        self,
    ) -> std::result::Result<nexevo_api::types::ChatCompletion, Box<CollectedMessage>> {
        use nexevo_api::types::{
            ChatChoice, ChatCompletion, ChatMessage, GenerationId, NexevoGeneration,
        };
        let message = self.message;
        let (Some(tier), Some(region), Some(routed_model), Some(cost_usd), Some(usage)) = (
            message.tier.clone(),
            message.region.clone(),
            message.routed_model.clone(),
            message.cost_usd,
            message.usage.clone(),
        ) else {
            return Err(Box::new(message));
        };
        Ok(ChatCompletion {
            id: self.id,
            object: "chat.completion".to_owned(),
            created: self.created,
            model: self.model,
            choices: vec![ChatChoice {
                index: 0,
                message: ChatMessage {
                    role: message.role.clone().unwrap_or(MessageRole::Assistant),
                    content: (!message.content.is_empty()).then(|| message.content.clone()),
                    name: None,
                    tool_call_id: None,
                    tool_calls: message.tool_calls.clone(),
                    refusal: message.refusal.clone(),
                },
                finish_reason: message.finish_reason.clone().unwrap_or(FinishReason::Stop),
            }],
            usage,
            nexevo: NexevoGeneration {
                cost_usd,
                generation_id: GenerationId(message.generation_id),
                region,
                routed_model,
                routing_reason: message.routing_reason.clone(),
                tier,
            },
        })
    }
}

/// The bytes of text `chunk` adds to a message: its first choice's content, and the names and
/// arguments of the tool-call fragments a message can hold.
fn text_bytes(chunk: &ChatCompletionChunk) -> usize {
    chunk
        .choices
        .iter()
        .filter(|choice| choice.index == 0)
        .flat_map(|choice| {
            let content = choice.delta.content.as_ref().map_or(0, String::len)
                + choice.delta.refusal.as_ref().map_or(0, String::len);
            let calls = choice
                .delta
                .tool_calls
                .iter()
                .filter(|fragment| tool_call_slot(fragment.index).is_some())
                .filter_map(|fragment| fragment.function.as_ref())
                .map(|function| {
                    function.name.as_ref().map_or(0, String::len)
                        + function.arguments.as_ref().map_or(0, String::len)
                });
            std::iter::once(content).chain(calls)
        })
        .fold(0, usize::saturating_add)
}

/// The place of a tool-call fragment's call in a message, if a message can hold it.
fn tool_call_slot(index: u32) -> Option<usize> {
    usize::try_from(index)
        .ok()
        .filter(|&index| index < MAX_TOOL_CALLS)
}

/// Adds a chunk's pieces to `message`.
fn absorb(message: &mut CollectedMessage, chunk: ChatCompletionChunk) {
    message.generation_id = chunk.nexevo.generation_id.0;
    message.tier = Some(chunk.nexevo.tier);
    if chunk.nexevo.region.is_some() {
        message.region = chunk.nexevo.region;
    }
    if chunk.nexevo.routed_model.is_some() {
        message.routed_model = chunk.nexevo.routed_model;
    }
    if chunk.nexevo.routing_reason.is_some() {
        message.routing_reason = chunk.nexevo.routing_reason;
    }
    if chunk.nexevo.cost_usd.is_some() {
        message.cost_usd = chunk.nexevo.cost_usd;
    }
    if chunk.usage.is_some() {
        message.usage = chunk.usage;
    }
    for choice in chunk.choices.into_iter().filter(|c| c.index == 0) {
        if let Some(role) = choice.delta.role {
            message.role = Some(role);
        }
        if let Some(content) = choice.delta.content {
            message.content.push_str(&content);
        }
        if let Some(refusal) = choice.delta.refusal {
            message.refusal.get_or_insert_default().push_str(&refusal);
        }
        for fragment in choice.delta.tool_calls {
            // A fragment for a call no message can hold is dropped before it pads the list
            // with blank calls.
            let Some(index) = tool_call_slot(fragment.index) else {
                continue;
            };
            while message.tool_calls.len() <= index {
                message.tool_calls.push(ToolCall {
                    id: String::new(),
                    type_: ToolType::Function,
                    function: FunctionCall {
                        name: String::new(),
                        arguments: String::new(),
                    },
                });
            }
            let Some(call) = message.tool_calls.get_mut(index) else {
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
            message.finish_reason = choice.finish_reason;
        }
    }
}

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
        let mut message = MessageAccumulator::new();
        message.push(chunk_with_fragment(1, "second")).unwrap();
        message.push(chunk_with_fragment(0, "first")).unwrap();
        message
            .push(chunk_with_fragment(MAX_TOOL_CALLS, "too many"))
            .unwrap();
        let names: Vec<&str> = message
            .message()
            .tool_calls
            .iter()
            .map(|call| call.function.name.as_str())
            .collect();
        assert_eq!(names, ["first", "second"]);
        message
            .push(chunk_with_fragment(MAX_TOOL_CALLS - 1, "last"))
            .unwrap();
        assert_eq!(message.finish().tool_calls.len(), MAX_TOOL_CALLS);
    }

    #[test]
    fn a_chunk_past_the_limit_is_refused_and_changes_nothing() {
        // "second{}" is 8 bytes of names and arguments.
        let mut message = MessageAccumulator::with_limit(12);
        message.push(chunk_with_fragment(0, "second")).unwrap();
        let before = message.message().clone();
        let error = message.push(chunk_with_fragment(1, "second")).unwrap_err();
        assert!(
            matches!(
                error,
                Error::Stream(StreamError::MessageTooLarge { limit: 12 })
            ),
            "{error:?}"
        );
        assert_eq!(message.message(), &before);
        assert_eq!(message.chunks(), 1);
        message.push(chunk_with_fragment(1, "x")).unwrap();
    }
}
