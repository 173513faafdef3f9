//! Chat completions without a model: a deterministic reply derived from the request, priced
//! by the table in [`crate::pricing`], charged exactly, and streamed as server-sent events when
//! asked.
//!
//! What the "model" answers is [`super::chat_reply`]'s.

use axum::Json;
use axum::body::Body;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use nexevo_api::types::{
    ChatChoice, ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, ChatMessage,
    ChunkChoice, ChunkDelta, ErrorCode, FinishReason, FunctionCall, FunctionCallDelta, GeoPolicy,
    MessageRole, ModelInfo, ModelList, NexevoChunkMeta, NexevoGeneration, Region, RoutingReason,
    Tier, TokenUsage, ToolCall, ToolCallDelta, ToolType,
};
use nexevo_api::validation::Rule;
use rust_decimal::Decimal;
use serde_json::value::RawValue;

use crate::errors::{ApiError, ApiResult, error_body};
use crate::extract::{Caller, Ctx, JsonBodyAsSent, ProviderKey, Sent, is_empty_list};
use crate::faults::Fault;
use crate::pricing::{self, BALANCED, FAST, PASSTHROUGH_MODELS, Price};
use crate::routing::{self, Backends};
use crate::state::{Generation, UsageRecord, month_index, new_id};

use super::chat_reply::{Reply, reply_to, tool_call_id};

pub(crate) async fn list_models(ctx: Ctx, caller: Caller) -> ApiResult<Json<ModelList>> {
    // The catalogue is the same for everyone, but a `Nexevo-Organization` the caller is not a
    // member of is still a 403, as for every operation taking the header.
    caller.payer(&ctx.app.store.lock())?;
    let model =
        |id: &str, owned_by: &str, tier: Tier, context_window: u32, price: Price| ModelInfo {
            id: id.into(),
            object: "model".into(),
            owned_by: owned_by.into(),
            tier,
            context_window,
            input_usd_per_million_tokens: price.input_per_million,
            output_usd_per_million_tokens: price.output_per_million,
            regions: routing::regions_of(id).to_vec(),
        };
    let mut data = vec![
        model("nexevo/fast", "nexevo", Tier::Fast, 32_768, FAST),
        model(
            "nexevo/balanced",
            "nexevo",
            Tier::Balanced,
            128_000,
            BALANCED,
        ),
    ];
    for (id, owner, price) in PASSTHROUGH_MODELS {
        data.push(model(
            id,
            owner,
            Tier::Passthrough,
            128_000,
            pricing::passthrough(price),
        ));
    }
    Ok(Json(ModelList {
        object: "list".into(),
        data,
    }))
}

/// The spec's optional lists (`stop`, `tools`, a message's `tool_calls`) hold at least one item
/// when present. The generated types read an absent list as an empty one, so their check cannot
/// tell `"stop": []` from no `stop`; the body as sent is checked here.
fn no_empty_lists(sent: &Sent) -> ApiResult<()> {
    for field in ["stop", "tools"] {
        if sent.field(field).is_some_and(is_empty_list) {
            return Err(ApiError::invalid_rule(field, Rule::MinItems(1)));
        }
    }
    /// A message as sent: only its list of tool calls, unread.
    #[derive(serde::Deserialize)]
    struct MessageAsSent<'a> {
        #[serde(borrow, default)]
        tool_calls: Option<&'a RawValue>,
    }
    let messages: Vec<MessageAsSent<'_>> = sent
        .field("messages")
        .and_then(|raw| serde_json::from_str(raw.get()).ok())
        .unwrap_or_default();
    for (index, message) in messages.iter().enumerate() {
        if message.tool_calls.is_some_and(is_empty_list) {
            return Err(ApiError::invalid_rule(
                &format!("messages[{index}].tool_calls"),
                Rule::MinItems(1),
            ));
        }
    }
    Ok(())
}

/// A charged generation, and the backend the router chose for it.
struct Charged {
    generation_id: String,
    tier: Tier,
    cost: Decimal,
    usage: TokenUsage,
    routed_model: String,
    routing_reason: RoutingReason,
}

/// Refuses a call over the key's spend cap or without balance; else chooses its backend among
/// the route's (by the payer's feedback) and charges it exactly.
fn charge(
    ctx: &Ctx,
    caller: &Caller,
    (tier, price): (Tier, Price),
    backends: &Backends,
    usage: TokenUsage,
) -> ApiResult<Charged> {
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let (payer, _) = caller.payer(&data)?;
    let month = month_index(now);
    if let Some(key) = caller.key_id().and_then(|id| data.keys.get(id))
        && let Some(cap) = key.monthly_spend_cap_usd
    {
        let spent = key
            .spend_by_month
            .get(&month)
            .copied()
            .unwrap_or(Decimal::ZERO);
        if spent >= cap {
            return Err(ApiError::payment_required(
                ErrorCode::SpendCapExceeded,
                format!("This key reached its monthly spend cap of {cap} USD (spent {spent})."),
            ));
        }
    }
    let account = data.billing_mut(&payer, now);
    if account.balance <= Decimal::ZERO {
        return Err(ApiError::payment_required(
            ErrorCode::InsufficientBalance,
            format!(
                "The balance is {} USD; top up to continue.",
                account.balance
            ),
        ));
    }
    let list_cost = pricing::cost(price, usage.prompt_tokens, usage.completion_tokens);
    let (_, _, discount) = pricing::plan_terms(&account.plan);
    let cost = list_cost * (Decimal::ONE - discount);
    account.balance -= cost;
    account.updated_at = now;
    account.usage.push(UsageRecord {
        at: now,
        tier: tier.clone(),
        list_cost,
        cost,
    });
    let mut alerts = Vec::new();
    if let Some(key) = caller.key_id().and_then(|id| data.keys.get_mut(id)) {
        *key.spend_by_month.entry(month).or_default() += cost;
        alerts = crate::alerts::crossed(key, month, now);
    }
    let (routed_model, routing_reason) = match backends {
        Backends::Learned(candidates) => {
            data.learner
                .choose(&ctx.app.routing, &payer.routing_key(), candidates, now)
        }
        Backends::Fixed(backend) => (backend.clone(), RoutingReason::Fixed),
    };
    let generation_id = new_id("gen_");
    data.generations.insert(
        generation_id.clone(),
        Generation {
            user_id: caller.user_id.clone(),
            payer,
            routed_model: routed_model.clone(),
            tier: tier.clone(),
            learned: matches!(backends, Backends::Learned(_)),
        },
    );
    drop(data);
    crate::alerts::deliver(&ctx.app, alerts);
    ctx.applied();
    Ok(Charged {
        generation_id,
        tier,
        cost,
        usage,
        routed_model,
        routing_reason,
    })
}

pub(crate) async fn create_chat_completion(
    ctx: Ctx,
    caller: Caller,
    provider_key: ProviderKey,
    JsonBodyAsSent(request, sent): JsonBodyAsSent<ChatCompletionRequest>,
) -> ApiResult<Response> {
    no_empty_lists(&sent)?;
    // Refused before anything is charged.
    let policy = {
        let data = ctx.app.store.lock();
        caller
            .key_id()
            .and_then(|id| data.keys.get(id))
            .map_or(GeoPolicy::Any, |key| key.geo_policy.clone())
    };
    let byok = provider_key.0.is_some();
    let route = routing::route(&request.model, &policy, byok)?;
    let region = route.region.clone();
    let priced = pricing::route(&request.model, byok);
    let reply = reply_to(&request)?;
    let prompt_tokens = request
        .messages
        .iter()
        .map(|m| pricing::tokens(m.content.as_deref().unwrap_or_default()).saturating_add(4))
        .fold(0u32, u32::saturating_add);
    let arguments_text: String = reply
        .tool_calls
        .iter()
        .map(|c| c.arguments.as_str())
        .collect();
    let completion_tokens = pricing::tokens(
        reply
            .content
            .as_deref()
            .or(reply.refusal.as_deref())
            .unwrap_or(&arguments_text),
    );
    let usage = TokenUsage {
        prompt_tokens,
        completion_tokens,
        total_tokens: prompt_tokens.saturating_add(completion_tokens),
    };
    let charged = charge(&ctx, &caller, priced, &route.backends, usage)?;
    let created = ctx.app.store.now().timestamp();
    let id = format!("chatcmpl-{}", &charged.generation_id[4..]);
    let generation_header = HeaderValue::from_str(&charged.generation_id).ok();

    let mut response = if request.stream {
        let fault = ctx.app.faults.take(ctx.operation, true);
        stream_response(
            &ctx.request_id,
            &request,
            &reply,
            &charged,
            &id,
            created,
            &region,
            fault,
        )
    } else {
        let tool_calls: Vec<ToolCall> = reply
            .tool_calls
            .iter()
            .enumerate()
            .map(|(index, call)| ToolCall {
                id: tool_call_id(&charged.generation_id, index),
                type_: ToolType::Function,
                function: call.clone(),
            })
            .collect();
        Json(ChatCompletion {
            id,
            object: "chat.completion".into(),
            created,
            model: request.model.clone(),
            choices: vec![ChatChoice {
                index: 0,
                message: ChatMessage {
                    role: MessageRole::Assistant,
                    content: reply.content.clone(),
                    name: None,
                    tool_call_id: None,
                    tool_calls,
                    refusal: reply.refusal.clone(),
                },
                finish_reason: reply.finish_reason.clone(),
            }],
            usage: charged.usage.clone(),
            nexevo: NexevoGeneration {
                generation_id: charged.generation_id.clone().into(),
                tier: charged.tier.clone(),
                cost_usd: charged.cost,
                routed_model: charged.routed_model.clone(),
                region,
                routing_reason: Some(charged.routing_reason.clone()),
            },
        })
        .into_response()
    };
    if let Some(value) = generation_header {
        response
            .headers_mut()
            .insert("x-nexevo-generation-id", value);
    }
    Ok(response)
}

/// One piece of the event stream.
enum Frame {
    /// Bytes to send.
    Bytes(String),
    /// Reset the connection here.
    Reset,
}

/// What every chunk of one stream repeats.
struct ChunkTemplate {
    id: String,
    created: i64,
    model: String,
    usage: TokenUsage,
    generation_id: String,
    tier: Tier,
    cost: Decimal,
    routed_model: String,
    routing_reason: RoutingReason,
    region: Region,
}

impl ChunkTemplate {
    fn chunk(
        &self,
        delta: ChunkDelta,
        finish_reason: Option<FinishReason>,
        last: bool,
    ) -> ChatCompletionChunk {
        ChatCompletionChunk {
            id: self.id.clone(),
            object: "chat.completion.chunk".into(),
            created: self.created,
            model: self.model.clone(),
            choices: vec![ChunkChoice {
                index: 0,
                delta,
                finish_reason,
            }],
            usage: last.then(|| self.usage.clone()),
            nexevo: NexevoChunkMeta {
                generation_id: self.generation_id.clone().into(),
                tier: self.tier.clone(),
                cost_usd: last.then_some(self.cost),
                routed_model: Some(self.routed_model.clone()),
                region: Some(self.region.clone()),
                routing_reason: Some(self.routing_reason.clone()),
            },
        }
    }
}

/// Where the making of a stream's events is.
enum Stage {
    Comment,
    Role,
    /// The reply's text, from this byte on.
    Content(usize),
    /// The refusal's text, from this byte on.
    Refusal(usize),
    /// The head (id, name) of this tool call.
    ToolCall(usize),
    /// This tool call's arguments, from this byte on.
    Arguments(usize, usize),
    Finish,
    Tail,
    End,
}

/// A stream's events, made one at a time as they are sent (a long reply is never held as
/// events: a 1 MB prompt's echo is some hundreds of MB of them).
struct Events {
    template: ChunkTemplate,
    content: Option<String>,
    refusal: Option<String>,
    tool_calls: Vec<(String, FunctionCall)>,
    finish_reason: FinishReason,
    stage: Stage,
    /// The number of the next chunk (the comment and the tail are not chunks).
    chunks: usize,
    /// Chunks from this number on are not sent (a fault cuts the stream there).
    cut_after: Option<usize>,
    tail: Option<Frame>,
}

impl Events {
    fn empty() -> ChunkDelta {
        ChunkDelta {
            role: None,
            content: None,
            refusal: None,
            tool_calls: Vec::new(),
        }
    }

    fn tool_delta(delta: ToolCallDelta) -> ChunkDelta {
        ChunkDelta {
            tool_calls: vec![delta],
            ..Self::empty()
        }
    }

    /// The next chunk, and the stage after it; `None` when no chunk is left before the tail.
    fn next_chunk(&mut self) -> Option<ChatCompletionChunk> {
        loop {
            let (chunk, next) = match &self.stage {
                Stage::Comment | Stage::Tail | Stage::End => return None,
                Stage::Role => (
                    Some(self.template.chunk(
                        ChunkDelta {
                            role: Some(MessageRole::Assistant),
                            ..Self::empty()
                        },
                        None,
                        false,
                    )),
                    Stage::Content(0),
                ),
                Stage::Content(from) => {
                    match self.content.as_deref().and_then(|t| word(t, *from)) {
                        Some((piece, to)) => (
                            Some(self.template.chunk(
                                ChunkDelta {
                                    content: Some(piece.to_owned()),
                                    ..Self::empty()
                                },
                                None,
                                false,
                            )),
                            Stage::Content(to),
                        ),
                        None => (None, Stage::Refusal(0)),
                    }
                }
                Stage::Refusal(from) => {
                    match self.refusal.as_deref().and_then(|t| word(t, *from)) {
                        Some((piece, to)) => (
                            Some(self.template.chunk(
                                ChunkDelta {
                                    refusal: Some(piece.to_owned()),
                                    ..Self::empty()
                                },
                                None,
                                false,
                            )),
                            Stage::Refusal(to),
                        ),
                        None => (None, Stage::ToolCall(0)),
                    }
                }
                Stage::ToolCall(call) => match self.tool_calls.get(*call) {
                    Some((id, function)) => (
                        Some(self.template.chunk(
                            Self::tool_delta(ToolCallDelta {
                                index: u32::try_from(*call).unwrap_or(u32::MAX),
                                id: Some(id.clone()),
                                type_: Some(ToolType::Function),
                                function: Some(FunctionCallDelta {
                                    name: Some(function.name.clone()),
                                    arguments: Some(String::new()),
                                }),
                            }),
                            None,
                            false,
                        )),
                        Stage::Arguments(*call, 0),
                    ),
                    None => (None, Stage::Finish),
                },
                Stage::Arguments(call, from) => {
                    let arguments = self
                        .tool_calls
                        .get(*call)
                        .map(|(_, function)| function.arguments.as_str())
                        .unwrap_or_default();
                    match eight_chars(arguments, *from) {
                        Some((piece, to)) => (
                            Some(self.template.chunk(
                                Self::tool_delta(ToolCallDelta {
                                    index: u32::try_from(*call).unwrap_or(u32::MAX),
                                    id: None,
                                    type_: None,
                                    function: Some(FunctionCallDelta {
                                        name: None,
                                        arguments: Some(piece.to_owned()),
                                    }),
                                }),
                                None,
                                false,
                            )),
                            Stage::Arguments(*call, to),
                        ),
                        None => (None, Stage::ToolCall(call + 1)),
                    }
                }
                Stage::Finish => (
                    Some(self.template.chunk(
                        Self::empty(),
                        Some(self.finish_reason.clone()),
                        true,
                    )),
                    Stage::Tail,
                ),
            };
            self.stage = next;
            if chunk.is_some() {
                return chunk;
            }
        }
    }

    fn next_frame(&mut self) -> Option<Frame> {
        match self.stage {
            // A comment first, as proxies send to keep a connection open; clients must skip
            // it.
            Stage::Comment => {
                self.stage = Stage::Role;
                return Some(Frame::Bytes(": keep-alive\n\n".into()));
            }
            Stage::Tail => {
                self.stage = Stage::End;
                return self.tail.take();
            }
            Stage::End => return None,
            _ => {}
        }
        if self.cut_after == Some(self.chunks) {
            self.stage = Stage::End;
            return self.tail.take();
        }
        match self.next_chunk() {
            Some(chunk) => {
                self.chunks += 1;
                let json = serde_json::to_string(&chunk).unwrap_or_default();
                Some(Frame::Bytes(format!("data: {json}\n\n")))
            }
            None => {
                self.stage = Stage::End;
                self.tail.take()
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn stream_response(
    request_id: &str,
    request: &ChatCompletionRequest,
    reply: &Reply,
    charged: &Charged,
    id: &str,
    created: i64,
    region: &Region,
    fault: Option<Fault>,
) -> Response {
    let mut delay = None;
    let mut cut_after = None;
    match &fault {
        Some(Fault::SlowChunks(every)) => delay = Some(*every),
        Some(Fault::StreamCutBeforeDone { after_chunks })
        | Some(Fault::StreamReset { after_chunks })
        | Some(Fault::StreamMalformedChunk { after_chunks })
        | Some(Fault::StreamErrorEvent { after_chunks, .. }) => {
            cut_after = Some(usize::try_from(*after_chunks).unwrap_or(usize::MAX));
        }
        _ => {}
    }
    let tail = match fault {
        Some(Fault::StreamCutBeforeDone { .. }) => None,
        Some(Fault::StreamReset { .. }) => Some(Frame::Reset),
        Some(Fault::StreamMalformedChunk { .. }) => Some(Frame::Bytes(
            "data: {\"id\": \"chatcmpl-broken\", \"choices\": [\n\n".into(),
        )),
        Some(Fault::StreamErrorEvent { code, .. }) => {
            let mut error = ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::InternalError,
                "The upstream model failed mid-stream.",
            );
            error.code = code.parse().unwrap_or(ErrorCode::InternalError);
            if let ErrorCode::Unknown(_) = error.code {
                error.code = ErrorCode::InternalError;
            }
            let body = String::from_utf8(error_body(&error, request_id)).unwrap_or_default();
            Some(Frame::Bytes(format!("event: error\ndata: {body}\n\n")))
        }
        _ => Some(Frame::Bytes("data: [DONE]\n\n".into())),
    };
    let events = Events {
        template: ChunkTemplate {
            id: id.to_owned(),
            created,
            model: request.model.clone(),
            usage: charged.usage.clone(),
            generation_id: charged.generation_id.clone(),
            tier: charged.tier.clone(),
            cost: charged.cost,
            routed_model: charged.routed_model.clone(),
            routing_reason: charged.routing_reason.clone(),
            region: region.clone(),
        },
        content: reply.content.clone(),
        refusal: reply.refusal.clone(),
        tool_calls: reply
            .tool_calls
            .iter()
            .enumerate()
            .map(|(index, call)| (tool_call_id(&charged.generation_id, index), call.clone()))
            .collect(),
        finish_reason: reply.finish_reason.clone(),
        stage: Stage::Comment,
        chunks: 0,
        cut_after,
        tail,
    };

    let body = stream::unfold(events, move |mut events| async move {
        let frame = events.next_frame()?;
        if let Some(delay) = delay {
            tokio::time::sleep(delay).await;
        }
        let item = match frame {
            Frame::Bytes(text) => Ok(bytes::Bytes::from(text)),
            Frame::Reset => {
                // hyper buffers the frames it can poll at once and drops its buffer when the body
                // fails, so without a pause here the client would see no answer at all rather
                // than the chunks before the reset. Yielding lets hyper flush them first.
                tokio::task::yield_now().await;
                Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "fault: reset mid-stream",
                ))
            }
        };
        Some((item, events))
    });
    let mut response = Response::new(Body::from_stream(body));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// The word-sized piece of `text` from byte `from` (a character, then all up to the next
/// space), and the byte after it; pieces join back into the text.
fn word(text: &str, from: usize) -> Option<(&str, usize)> {
    let rest = text.get(from..)?;
    let first = rest.chars().next()?;
    let after_first = first.len_utf8();
    let end = rest[after_first..]
        .find(' ')
        .map_or(rest.len(), |at| after_first + at);
    Some((&rest[..end], from + end))
}

/// The next eight characters (or fewer, at the end) of `text` from byte `from`, and the byte
/// after them.
fn eight_chars(text: &str, from: usize) -> Option<(&str, usize)> {
    let rest = text.get(from..).filter(|rest| !rest.is_empty())?;
    let end = rest.char_indices().nth(8).map_or(rest.len(), |(at, _)| at);
    Some((&rest[..end], from + end))
}
