//! What the sandbox's "model" answers a chat request, before it is priced and sent.
//!
//! The reply is `"Echo from <model>: <last user message>"`, cut at the first `stop` sequence
//! or after `max_tokens` tokens. With tools, the model calls the one `tool_choice` names, or
//! (with `auto` or `required`) every tool the last user message mentions, in one turn, or with
//! `required` and none mentioned the first; once `tool` messages follow the last user message,
//! with `auto` it answers in text that quotes them (a named or `required` choice calls again).
//! A call's arguments are a value of the tool's `parameters` ([`crate::structured`]), or
//! `{"input": <last user message>}` for a tool without any. With `json_schema` the reply is a
//! value of the schema, cut like text; with `json_object` it is `{"reply": <text>}`. A schema
//! outside the strict subset is refused (422, the field naming the part at fault). A user
//! message containing [`REFUSAL_TRIGGER`] gets a refusal, one containing
//! [`CONTENT_FILTER_TRIGGER`] half its content and `finish_reason: content_filter`.

use nexevo_api::types::{
    ChatCompletionRequest, FinishReason, FunctionCall, MessageRole, ResponseFormatType, ToolChoice,
    ToolChoiceMode,
};

use crate::errors::{ApiError, ApiResult};
use crate::structured;

/// What the "model" answers.
pub(super) struct Reply {
    pub(super) content: Option<String>,
    pub(super) refusal: Option<String>,
    pub(super) tool_calls: Vec<FunctionCall>,
    pub(super) finish_reason: FinishReason,
}

fn last_user_message(request: &ChatCompletionRequest) -> String {
    request
        .messages
        .iter()
        .rev()
        .find(|m| m.role == MessageRole::User)
        .and_then(|m| m.content.clone())
        .unwrap_or_default()
}

/// Every offered tool's parameters must be in the subset, whichever the model calls.
fn check_tools(request: &ChatCompletionRequest, said: &str) -> ApiResult<Vec<Option<String>>> {
    let mut arguments = Vec::with_capacity(request.tools.len());
    for (index, tool) in request.tools.iter().enumerate() {
        if tool.function.parameters.is_empty() {
            arguments.push(None);
            continue;
        }
        let schema = serde_json::Value::Object(tool.function.parameters.clone());
        let strict = tool.function.strict.unwrap_or(false);
        let value = structured::conforming_value(&schema, strict, said).map_err(|refusal| {
            ApiError::invalid(
                format!("tools[{index}].function.parameters{}", refusal.path),
                refusal.reason,
            )
        })?;
        arguments.push(Some(value.to_string()));
    }
    Ok(arguments)
}

/// A user message containing this gets a refusal in place of content (`message.refusal`).
pub(crate) const REFUSAL_TRIGGER: &str = "[sandbox:refuse]";
/// A user message containing this gets half its content and `finish_reason: content_filter`.
pub(crate) const CONTENT_FILTER_TRIGGER: &str = "[sandbox:content_filter]";

pub(super) fn reply_to(request: &ChatCompletionRequest) -> ApiResult<Reply> {
    let said = last_user_message(request);
    // Every schema of the request is checked, whichever part of it the answer uses.
    let arguments = check_tools(request, &said)?;
    let structured = structured_content(request, &said)?;
    if said.contains(REFUSAL_TRIGGER) {
        return Ok(Reply {
            content: None,
            refusal: Some("I'm sorry, I can't help with that request.".to_owned()),
            tool_calls: Vec::new(),
            finish_reason: FinishReason::Stop,
        });
    }
    // Tool results after the last user message answer the calls: the model answers in text.
    let results = tool_results(request);
    let chosen: Vec<&str> = match &request.tool_choice {
        Some(ToolChoice::NamedToolChoice(named)) => vec![named.function.name.as_str()],
        Some(ToolChoice::ToolChoiceMode(ToolChoiceMode::None)) => Vec::new(),
        // `auto` with the results in hand answers; `required` calls again.
        Some(ToolChoice::ToolChoiceMode(ToolChoiceMode::Auto)) | None if !results.is_empty() => {
            Vec::new()
        }
        choice => {
            let named: Vec<&str> = request
                .tools
                .iter()
                .map(|t| t.function.name.as_str())
                .filter(|name| said.contains(name))
                .collect();
            let required = matches!(
                choice,
                Some(ToolChoice::ToolChoiceMode(ToolChoiceMode::Required))
            );
            match request.tools.first() {
                Some(first) if named.is_empty() && required => vec![first.function.name.as_str()],
                _ => named,
            }
        }
    };
    if !chosen.is_empty() {
        let tool_calls = chosen
            .into_iter()
            .map(|name| {
                let arguments = request
                    .tools
                    .iter()
                    .position(|tool| tool.function.name == name)
                    .and_then(|index| arguments.get(index).cloned().flatten())
                    .unwrap_or_else(|| serde_json::json!({ "input": said }).to_string());
                FunctionCall {
                    name: name.to_owned(),
                    arguments,
                }
            })
            .collect();
        return Ok(Reply {
            content: None,
            refusal: None,
            tool_calls,
            finish_reason: FinishReason::ToolCalls,
        });
    }
    let said = if results.is_empty() {
        said
    } else {
        format!("{said} (tool results: {})", results.join("; "))
    };
    let mut text = structured.unwrap_or_else(|| format!("Echo from {}: {said}", request.model));
    let mut finish_reason = FinishReason::Stop;
    if let Some(cut) = request
        .stop
        .iter()
        .filter_map(|stop| text.find(stop.as_str()))
        .min()
    {
        text.truncate(cut);
    }
    if let Some(max_tokens) = request.max_tokens {
        let max_chars = usize::try_from(max_tokens)
            .unwrap_or(usize::MAX)
            .saturating_mul(4);
        if text.chars().count() > max_chars {
            text = text.chars().take(max_chars).collect();
            finish_reason = FinishReason::Length;
        }
    }
    if said.contains(CONTENT_FILTER_TRIGGER) {
        let half = text.chars().count() / 2;
        text = text.chars().take(half).collect();
        finish_reason = FinishReason::ContentFilter;
    }
    if format_is(request, ResponseFormatType::JsonObject) {
        text = serde_json::json!({ "reply": text }).to_string();
    }
    Ok(Reply {
        content: Some(text),
        refusal: None,
        tool_calls: Vec::new(),
        finish_reason,
    })
}

/// With `json_schema`, a value of the schema as JSON text; a schema outside the subset is
/// refused here.
fn structured_content(request: &ChatCompletionRequest, said: &str) -> ApiResult<Option<String>> {
    if !format_is(request, ResponseFormatType::JsonSchema) {
        return Ok(None);
    }
    let Some(format) = request
        .response_format
        .as_ref()
        .and_then(|format| format.json_schema.as_ref())
    else {
        return Err(ApiError::invalid(
            "response_format.json_schema",
            "is required with `type` `json_schema`",
        ));
    };
    let schema = serde_json::Value::Object(format.schema.clone());
    let value = structured::conforming_value(&schema, format.strict.unwrap_or(false), said)
        .map_err(|refusal| {
            ApiError::invalid(
                format!("response_format.json_schema.schema{}", refusal.path),
                refusal.reason,
            )
        })?;
    Ok(Some(value.to_string()))
}

/// The contents of the `tool` messages after the last user message, in order.
fn tool_results(request: &ChatCompletionRequest) -> Vec<&str> {
    let after_user = request
        .messages
        .iter()
        .rposition(|m| m.role == MessageRole::User)
        .map_or(0, |index| index + 1);
    request.messages[after_user..]
        .iter()
        .filter(|m| m.role == MessageRole::Tool)
        .map(|m| m.content.as_deref().unwrap_or_default())
        .collect()
}

fn format_is(request: &ChatCompletionRequest, kind: ResponseFormatType) -> bool {
    request
        .response_format
        .as_ref()
        .is_some_and(|format| format.type_ == kind)
}

/// The id of a generation's `index`th tool call (the first keeps the shorter form).
pub(super) fn tool_call_id(generation_id: &str, index: usize) -> String {
    let stem = generation_id.get(4..12).unwrap_or(generation_id);
    if index == 0 {
        format!("call_{stem}")
    } else {
        format!("call_{stem}_{index}")
    }
}
