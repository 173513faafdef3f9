//! Nexevo chat completions: OpenAI-compatible, routed across Nexevo's tiers, streamed or not.
//!
//! ```no_run
//! use futures_util::StreamExt;
//! use nexevo_chat::{ChatExt, ChatRequest, Model};
//!
//! # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
//! let completion = client
//!     .chat()
//!     .completions()
//!     .create(ChatRequest::new(Model::BALANCED).system("You are terse.").user("Hello!"))
//!     .await?;
//! println!("{} (cost {} USD, generation {})",
//!     completion.content().unwrap_or_default(), completion.cost_usd(), completion.generation_id());
//!
//! let mut stream = client.chat().completions().create_stream(ChatRequest::new(Model::FAST).user("Hi")).await?;
//! while let Some(chunk) = stream.next().await {
//!     for choice in chunk?.choices {
//!         print!("{}", choice.delta.content.unwrap_or_default());
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! The model picks the billing tier: [`Model::FAST`] and [`Model::BALANCED`] are flat-price, any
//! other name is passthrough at +5%, and a request with [`ChatRequest::provider_key`] (bring
//! your own key) is billed at the `byok` tier.

// Hand-written: only what the spec cannot say. The calls are generated from it (src/generated.rs).

mod generated;
mod message;
mod request;
pub mod schema;
mod sse;
mod stream;

#[cfg(feature = "__internals")]
#[doc(hidden)]
pub mod __internals;

pub use generated::*;

use std::ops::Deref;

use nexevo_api::Validate;
use nexevo_api::validate::params;
use nexevo_core::__private::{self, CallBuilder, RequestOptions, awaitable};
use nexevo_core::{
    BoxFuture, CallOptions, Client, HasGenerationId, Operation, Response, Result, StreamOptions,
};
use reqwest::header::{ACCEPT, HeaderValue};

pub use message::{CollectedMessage, MAX_MESSAGE_BYTES, MessageAccumulator};
pub use nexevo_api::types::{
    ChatChoice, ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, ChatMessage,
    ChunkChoice, ChunkDelta, FinishReason, FunctionCall, FunctionCallDelta, FunctionDefinition,
    FunctionName, GenerationId, JsonSchemaFormat, MessageRole, ModelInfo, NamedToolChoice,
    NexevoChunkMeta, NexevoGeneration, Region, ResponseFormat, ResponseFormatType, TokenUsage,
    Tool, ToolCall, ToolCallDelta, ToolChoice, ToolChoiceMode, ToolType,
};
pub use request::{ChatRequest, Model};
use stream::StreamBounds;
pub use stream::{ChatStream, MAX_EVENT_BYTES};

impl Chat {
    /// Chat completions.
    ///
    /// ```no_run
    /// # use nexevo_chat::{ChatExt, ChatRequest, Model};
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let completion = client.chat().completions().create(ChatRequest::new(Model::FAST).user("Hi")).await?;
    /// # Ok(()) }
    /// ```
    pub fn completions(&self) -> Completions {
        Completions {
            client: self.client.clone(),
        }
    }
}

/// The chat completion calls of a client.
#[derive(Debug, Clone)]
pub struct Completions {
    client: Client,
}

impl Completions {
    /// Creates a completion and answers it whole.
    ///
    /// ```no_run
    /// # use nexevo_chat::{ChatExt, ChatRequest, Model};
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let completion = client
    ///     .chat()
    ///     .completions()
    ///     .create(ChatRequest::new(Model::BALANCED).user("Hello!"))
    ///     .await?;
    /// assert_eq!(completion.generation_id_header(), Some(completion.generation_id()));
    /// # Ok(()) }
    /// ```
    pub fn create(&self, request: ChatRequest) -> CreateCompletion {
        CreateCompletion {
            client: self.client.clone(),
            options: RequestOptions::default(),
            request,
        }
    }

    /// Creates a completion and answers its chunks as they are generated. An error status is an
    /// error of this call, before any chunk; see [`ChatStream`] for how the stream itself ends.
    ///
    /// ```no_run
    /// # use nexevo_chat::{ChatExt, ChatRequest, Model};
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let stream = client.chat().completions().create_stream(ChatRequest::new(Model::FAST).user("Hi")).await?;
    /// let message = stream.collect_message().await?;
    /// println!("{} ({:?})", message.content, message.finish_reason);
    /// # Ok(()) }
    /// ```
    pub fn create_stream(&self, request: ChatRequest) -> CreateStream {
        CreateStream {
            client: self.client.clone(),
            options: RequestOptions::default(),
            request,
            bounds: StreamBounds::default(),
        }
    }
}

/// A chat completion, with Nexevo's routing and cost (`nexevo`) and the generation id from the
/// `X-Nexevo-Generation-Id` header. Derefs to the OpenAI-shaped [`ChatCompletion`].
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    completion: ChatCompletion,
    generation_id_header: Option<String>,
}

impl Completion {
    /// The first choice's text, if it has one (a tool call has none).
    pub fn content(&self) -> Option<&str> {
        self.completion
            .choices
            .first()
            .and_then(|c| c.message.content.as_deref())
    }

    /// The first choice's tool calls.
    pub fn tool_calls(&self) -> &[ToolCall] {
        self.completion
            .choices
            .first()
            .map(|c| c.message.tool_calls.as_slice())
            .unwrap_or_default()
    }

    /// Why the first choice stopped.
    pub fn finish_reason(&self) -> Option<&FinishReason> {
        self.completion.choices.first().map(|c| &c.finish_reason)
    }

    /// The generation id (`nexevo.generation_id`), for feedback.
    pub fn generation_id(&self) -> &str {
        &self.completion.nexevo.generation_id
    }

    /// The `X-Nexevo-Generation-Id` header's value (the same id).
    pub fn generation_id_header(&self) -> Option<&str> {
        self.generation_id_header.as_deref()
    }

    /// What the completion cost, exactly.
    pub fn cost_usd(&self) -> Decimal {
        self.completion.nexevo.cost_usd
    }

    /// The billing tier it was routed to.
    pub fn tier(&self) -> &Tier {
        &self.completion.nexevo.tier
    }

    /// Where it was served (as the key's geo policy allowed), and by which backend.
    pub fn region(&self) -> &Region {
        &self.completion.nexevo.region
    }

    /// The OpenAI-shaped completion.
    pub fn into_inner(self) -> ChatCompletion {
        self.completion
    }
}

impl Deref for Completion {
    type Target = ChatCompletion;

    fn deref(&self) -> &ChatCompletion {
        &self.completion
    }
}

impl HasGenerationId for Completion {
    fn generation_id(&self) -> &str {
        Completion::generation_id(self)
    }
}

/// Checks a request and works out its headers: the provider key, organization and
/// `Idempotency-Key`.
struct Prepared {
    body: nexevo_api::types::ChatCompletionRequest,
    provider_key: Option<String>,
    organization: Option<String>,
    idempotency_key: String,
}

fn prepare(client: &Client, request: ChatRequest, stream: bool) -> Result<Prepared> {
    if let Some(invalid) = request.invalid {
        return Err(invalid.into());
    }
    let mut body = request.body;
    body.stream = stream;
    body.validate()?;
    let provider_key = match &request.provider_key {
        Some(key) => {
            params::provider_key(key.expose())?;
            Some(key.expose().to_owned())
        }
        None => None,
    };
    let organization =
        __private::organization_header(client, params::nexevo_organization)?.map(str::to_owned);
    let idempotency_key =
        __private::idempotency_key(request.idempotency_key.as_deref(), params::idempotency_key)?;
    Ok(Prepared {
        body,
        provider_key,
        organization,
        idempotency_key,
    })
}

/// [`Completions::create`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct CreateCompletion {
    client: Client,
    options: RequestOptions,
    request: ChatRequest,
}

impl Operation for CreateCompletion {
    type Output = Completion;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Completion>>> {
        Box::pin(async move {
            let Prepared {
                body,
                provider_key,
                organization,
                idempotency_key,
            } = prepare(&self.client, self.request, false)?;
            let answer = __private::call::<ChatCompletion>(
                &self.client,
                &self.options,
                "create_chat_completion",
                200,
                &|api| {
                    api.create_chat_completion_request(
                        Some(&idempotency_key),
                        organization.as_deref(),
                        provider_key.as_deref(),
                        &body,
                    )
                },
            )
            .await?;
            let header = answer
                .meta()
                .header("x-nexevo-generation-id")
                .map(str::to_owned);
            Ok(answer.map(|completion| Completion {
                completion,
                generation_id_header: header,
            }))
        })
    }
}

/// [`Completions::create_stream`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct CreateStream {
    client: Client,
    options: RequestOptions,
    request: ChatRequest,
    bounds: StreamBounds,
}

impl CreateStream {
    /// The largest single event the stream accepts (default [`MAX_EVENT_BYTES`]); a larger one
    /// ends the stream with [`StreamError::EventTooLarge`](nexevo_core::StreamError).
    pub fn max_event_bytes(mut self, limit: usize) -> Self {
        self.bounds.max_event_bytes = limit;
        self
    }

    /// The most text [`ChatStream::collect_message`] accumulates (default
    /// [`MAX_MESSAGE_BYTES`]); past it, [`StreamError::MessageTooLarge`](nexevo_core::StreamError).
    pub fn max_message_bytes(mut self, limit: usize) -> Self {
        self.bounds.max_message_bytes = limit;
        self
    }
}

impl Operation for CreateStream {
    type Output = ChatStream;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<ChatStream>>> {
        Box::pin(async move {
            let Prepared {
                body,
                provider_key,
                organization,
                idempotency_key,
            } = prepare(&self.client, self.request, true)?;
            // The same request as `create`'s, asking for the event stream instead.
            let build = |api: &nexevo_api::Client| {
                let mut request = api.create_chat_completion_request(
                    Some(&idempotency_key),
                    organization.as_deref(),
                    provider_key.as_deref(),
                    &body,
                )?;
                request
                    .headers_mut()
                    .insert(ACCEPT, HeaderValue::from_static("text/event-stream"));
                Ok(request)
            };
            let (body, meta) = __private::send_streaming(
                &self.client,
                &self.options,
                "create_chat_completion",
                &build,
            )
            .await?;
            let stream = ChatStream::new(body, meta.clone(), self.bounds);
            Ok(__private::response(stream, meta))
        })
    }
}

awaitable!(CreateCompletion, CreateStream);

impl CallBuilder for CreateCompletion {
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}

impl CallOptions for CreateCompletion {}

impl CallBuilder for CreateStream {
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}

impl CallOptions for CreateStream {}

impl StreamOptions for CreateStream {}
