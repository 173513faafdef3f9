//! What a chat call records in the core's telemetry (`nexevo_core::telemetry` has the names and
//! the rules): the request's model and parameters before sending, the answer's id, model,
//! finish reasons, usage, routing and cost after, a stream's first chunk and end; and, only
//! when the client opts in, the content, in the conventions' JSON shape.

use nexevo_api::types::{
    ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, ChatMessage, MessageRole,
    ResponseFormatType, ToolCall,
};
use nexevo_core::__private::{self, CallTrace, GenAiRequest, GenAiResponse, StreamEnd};
use nexevo_core::{Client, Error};
use serde_json::{Value, json};

use crate::message::{CollectedMessage, MessageAccumulator};

/// The operation every chat call is.
const OPERATION: &str = "create_chat_completion";

/// The trace of a chat call sending `body`, its request recorded.
pub(crate) fn start(client: &Client, body: &ChatCompletionRequest) -> CallTrace {
    let mut trace = __private::gen_ai_trace(client, OPERATION, "chat", &body.model);
    let mut request = GenAiRequest::new(body.stream);
    request.temperature = body.temperature;
    request.top_p = body.top_p;
    request.max_tokens = body.max_tokens;
    request.frequency_penalty = body.frequency_penalty;
    request.presence_penalty = body.presence_penalty;
    request.stop_sequences = &body.stop;
    request.output_type = body
        .response_format
        .as_ref()
        .map(|format| match format.type_ {
            ResponseFormatType::Text => "text",
            _ => "json",
        });
    trace.record_request(request);
    if trace.captures_content() {
        let messages = Value::Array(body.messages.iter().map(input_message).collect());
        let tools = (!body.tools.is_empty()).then(|| {
            let tools: Vec<Value> = body
                .tools
                .iter()
                .map(|tool| {
                    json!({
                        "type": "function",
                        "name": tool.function.name,
                        "description": tool.function.description,
                        "parameters": tool.function.parameters,
                    })
                })
                .collect();
            Value::Array(tools).to_string()
        });
        trace.record_input_content(&messages.to_string(), tools.as_deref());
    }
    trace
}

/// Records a whole completion.
pub(crate) fn completed(trace: &mut CallTrace, completion: &ChatCompletion) {
    let nexevo = &completion.nexevo;
    let mut response = GenAiResponse::default();
    response.id = Some(&completion.id);
    response.model = Some(&completion.model);
    response.input_tokens = Some(completion.usage.prompt_tokens);
    response.output_tokens = Some(completion.usage.completion_tokens);
    response.generation_id = Some(&nexevo.generation_id);
    response.tier = Some(nexevo.tier.as_str());
    response.routed_model = Some(&nexevo.routed_model);
    response.region = Some(nexevo.region.as_str());
    response.routing_reason = nexevo.routing_reason.as_ref().map(|reason| reason.as_str());
    response.cost_usd = Some(nexevo.cost_usd);
    trace.record_response(response);
    for choice in &completion.choices {
        trace.add_finish_reason(choice.finish_reason.as_str());
    }
    if trace.captures_content() {
        let messages: Vec<Value> = completion
            .choices
            .iter()
            .map(|choice| {
                output_message(
                    &choice.message.content,
                    &choice.message.refusal,
                    &choice.message.tool_calls,
                    Some(choice.finish_reason.as_str()),
                )
            })
            .collect();
        trace.record_output_content(&Value::Array(messages).to_string());
    }
}

/// A stream's part of its call's trace: what it records as chunks arrive, and, with content
/// opted in, the message they make.
#[derive(Debug)]
pub(crate) struct StreamTrace {
    trace: CallTrace,
    /// The message so far, kept only to record it at the end (content opted in).
    content: Option<Box<MessageAccumulator>>,
    chunks: u64,
}

impl StreamTrace {
    pub(crate) fn new(trace: CallTrace) -> Self {
        let content = trace
            .captures_content()
            .then(|| Box::new(MessageAccumulator::new()));
        Self {
            trace,
            content,
            chunks: 0,
        }
    }

    /// A chunk arrived.
    pub(crate) fn chunk(&mut self, chunk: &ChatCompletionChunk) {
        // Per chunk: a stream nobody watches does no more than this check.
        if !self.trace.is_active() {
            return;
        }
        self.chunks += 1;
        let meta = &chunk.nexevo;
        let mut response = GenAiResponse::default();
        let first = self.chunks == 1;
        if first {
            response.id = Some(&chunk.id);
            response.model = Some(&chunk.model);
            response.generation_id = Some(&meta.generation_id);
            response.tier = Some(meta.tier.as_str());
        }
        if let Some(usage) = &chunk.usage {
            response.input_tokens = Some(usage.prompt_tokens);
            response.output_tokens = Some(usage.completion_tokens);
        }
        // The chunk that says what it cost is the last: where it was served is final there.
        if let Some(cost) = meta.cost_usd {
            response.cost_usd = Some(cost);
            response.routed_model = meta.routed_model.as_deref();
            response.region = meta.region.as_ref().map(|region| region.as_str());
            response.routing_reason = meta.routing_reason.as_ref().map(|reason| reason.as_str());
        }
        self.trace.record_response(response);
        if first {
            // After the response's model is known, which the first chunk's metric carries.
            self.trace.first_chunk();
        }
        for choice in &chunk.choices {
            if let Some(reason) = &choice.finish_reason {
                self.trace.add_finish_reason(reason.as_str());
            }
        }
        if let Some(message) = &mut self.content
            && message.push(chunk.clone()).is_err()
        {
            // Past its size cap: the content is not recorded rather than recorded in part.
            self.content = None;
        }
    }

    /// The server ended the stream.
    pub(crate) fn done(&mut self) {
        if let Some(message) = self.content.take() {
            let message: CollectedMessage = message.finish();
            let output = output_message(
                &Some(message.content),
                &message.refusal,
                &message.tool_calls,
                message.finish_reason.as_ref().map(|reason| reason.as_str()),
            );
            self.trace
                .record_output_content(&Value::Array(vec![output]).to_string());
        }
        self.trace.end_stream(StreamEnd::Done);
    }

    /// An error ended the stream.
    pub(crate) fn failed(&mut self, error: &Error) {
        self.content = None;
        self.trace.end_stream(StreamEnd::Error(error));
    }
}

/// A message sent, in the conventions' shape: its role and its parts.
fn input_message(message: &ChatMessage) -> Value {
    let mut parts = Vec::new();
    if let Some(text) = &message.content {
        if message.role == MessageRole::Tool {
            parts.push(json!({
                "type": "tool_call_response",
                "id": message.tool_call_id,
                "response": text,
            }));
        } else {
            parts.push(json!({"type": "text", "content": text}));
        }
    }
    parts.extend(message.tool_calls.iter().map(tool_call_part));
    json!({"role": message.role.as_str(), "parts": parts})
}

/// A message answered, in the conventions' shape.
fn output_message(
    content: &Option<String>,
    refusal: &Option<String>,
    tool_calls: &[ToolCall],
    finish_reason: Option<&str>,
) -> Value {
    let mut parts = Vec::new();
    if let Some(text) = content.as_deref().filter(|text| !text.is_empty()) {
        parts.push(json!({"type": "text", "content": text}));
    }
    if let Some(refusal) = refusal {
        parts.push(json!({"type": "refusal", "content": refusal}));
    }
    parts.extend(tool_calls.iter().map(tool_call_part));
    json!({"role": "assistant", "parts": parts, "finish_reason": finish_reason})
}

/// A tool call, its arguments as JSON when they are (they are the model's text otherwise).
fn tool_call_part(call: &ToolCall) -> Value {
    let arguments = serde_json::from_str::<Value>(&call.function.arguments)
        .unwrap_or_else(|_| Value::String(call.function.arguments.clone()));
    json!({
        "type": "tool_call",
        "id": call.id,
        "name": call.function.name,
        "arguments": arguments,
    })
}
