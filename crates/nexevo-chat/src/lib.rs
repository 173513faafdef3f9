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

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

// Hand-written: only what the spec cannot say. The calls are generated from it (src/generated.rs).

mod completion;
mod create_stream;
mod generated;
mod message;
#[cfg(feature = "typed")]
mod parse;
#[cfg(feature = "typed")]
mod parse_stream;
mod prepare;
mod request;
pub mod schema;
mod sse;
mod stream;
mod telemetry;
#[cfg(feature = "typed")]
mod tool_runner;
#[cfg(feature = "typed")]
mod typed_call;

#[cfg(feature = "__internals")]
#[doc(hidden)]
pub mod __internals;

pub use generated::*;

use nexevo_core::Client;

pub use completion::{Completion, CreateCompletion};
pub use create_stream::CreateStream;
pub use message::{CollectedMessage, MAX_MESSAGE_BYTES, MessageAccumulator};
pub use nexevo_api::ToolArgumentsError;
pub use nexevo_api::types::{
    ChatChoice, ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, ChatMessage,
    ChunkChoice, ChunkDelta, FinishReason, FunctionCall, FunctionCallDelta, FunctionDefinition,
    FunctionName, GenerationId, JsonSchemaFormat, MessageRole, ModelInfo, NamedToolChoice,
    NexevoChunkMeta, NexevoGeneration, Region, ResponseFormat, ResponseFormatType, RoutingReason,
    TokenUsage, Tool, ToolCall, ToolCallDelta, ToolChoice, ToolChoiceMode, ToolType,
};
#[cfg(feature = "typed")]
pub use parse::{ParseCompletion, Parsed, StructuredOutputError};
#[cfg(feature = "typed")]
pub use parse_stream::{ParseStream, TypedStream};
pub use request::{ChatRequest, Model};
pub use stream::{ChatStream, MAX_EVENT_BYTES};
#[cfg(feature = "typed")]
pub use tool_runner::{
    DEFAULT_HANDLER_TIMEOUT, DEFAULT_MAX_ROUNDS, RunTools, ToolRun, ToolRunError, ToolRunner,
};
#[cfg(feature = "typed")]
pub use typed_call::TypedCall;

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
        CreateCompletion::new(self.client.clone(), request)
    }

    /// Creates a completion whose answer is a `T`: the request asks for `T`'s strict schema
    /// ([`schema::StrictSchema::of`], named after the type; see
    /// [`ParseCompletion::schema_name`]), and the content is read into a `T`. A refusal, an
    /// answer cut off by `max_tokens`, a content filter and content that is not a `T` are each a
    /// [`StructuredOutputError`] that keeps the completion; a type the subset cannot express is one
    /// before anything is sent. Per-call options and the request's idempotency key apply as
    /// on [`create`](Self::create).
    ///
    /// ```no_run
    /// # use nexevo_chat::{ChatExt, ChatRequest, Model};
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct City {
    ///     name: String,
    ///     population: u64,
    ///     landmarks: Vec<String>,
    /// }
    ///
    /// # async fn demo(client: nexevo_core::Client) -> Result<(), nexevo_chat::StructuredOutputError> {
    /// let parsed = client
    ///     .chat()
    ///     .completions()
    ///     .parse::<City>(ChatRequest::new(Model::FAST).user("The largest city of France?"))
    ///     .await?;
    /// println!("{} ({} people), cost {} USD", parsed.value().name, parsed.value().population,
    ///     parsed.completion().cost_usd());
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "typed")]
    pub fn parse<T: schemars::JsonSchema + serde::de::DeserializeOwned>(
        &self,
        request: ChatRequest,
    ) -> ParseCompletion<T> {
        ParseCompletion::new(self.create(request), schema::StrictSchema::of::<T>())
    }

    /// [`parse`](Self::parse), streamed: the chunks arrive as on
    /// [`create_stream`](Self::create_stream) (the text so far is [`TypedStream::message`]), and
    /// [`TypedStream::finish`] answers the value with the completion the chunks make, or the
    /// same errors as `parse`.
    ///
    /// ```no_run
    /// # use futures_util::StreamExt;
    /// # use nexevo_chat::{ChatExt, ChatRequest, Model};
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct Haiku {
    ///     lines: Vec<String>,
    /// }
    ///
    /// # async fn demo(client: nexevo_core::Client) -> Result<(), nexevo_chat::StructuredOutputError> {
    /// let mut stream = client
    ///     .chat()
    ///     .completions()
    ///     .parse_stream::<Haiku>(ChatRequest::new(Model::FAST).user("A haiku on rust"))
    ///     .await?;
    /// while let Some(chunk) = stream.next().await {
    ///     chunk.map_err(nexevo_chat::StructuredOutputError::Call)?;
    ///     println!("so far: {}", stream.message().content);
    /// }
    /// let haiku = stream.finish().await?.into_value();
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "typed")]
    pub fn parse_stream<T: schemars::JsonSchema + serde::de::DeserializeOwned>(
        &self,
        request: ChatRequest,
    ) -> ParseStream<T> {
        ParseStream::new(self.create_stream(request), schema::StrictSchema::of::<T>())
    }

    /// Runs a tool loop: offers `tools`' functions with the request, runs the handlers of every
    /// tool call of a turn concurrently (each within [`ToolRunner::handler_timeout`]), sends
    /// their results back as `tool` messages, and repeats until the model answers in text or
    /// [`ToolRunner::max_rounds`] is reached. A handler's error, a tool the model named that
    /// was not registered, and arguments that are not the tool's type go back to the model as
    /// `{"error": …}`. After the first round `tool_choice` is `auto` (unless
    /// [`ToolRunner::keep_tool_choice`]). Each round has its own `Idempotency-Key`, reused on
    /// its retries (`<your key>.<round>` when the request sets one; a key too long for that
    /// gives way to its first 32 characters and a hash of it), so a retried round is never
    /// charged twice, and a run repeated with the same key is replayed. See [`ToolRunner`]
    /// for an example.
    #[cfg(feature = "typed")]
    pub fn run_tools(&self, request: ChatRequest, tools: &ToolRunner) -> RunTools {
        RunTools::new(self.client.clone(), request, tools.clone())
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
        CreateStream::new(self.client.clone(), request)
    }
}

/// The README's examples, compiled as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
