//! A tool loop in one call: register each tool once with its argument type and an async
//! handler, and [`Completions::run_tools`](crate::Completions::run_tools) answers the model's
//! tool calls until it answers in text.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::sync::Arc;
use std::time::Duration;

use nexevo_api::types::{ChatMessage, FinishReason, MessageRole, ToolCall, ToolChoiceMode};
use nexevo_api::validate::params;
use nexevo_core::__private::{CallBuilder, RequestOptions};
use nexevo_core::{BoxFuture, CallOptions, Client};
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::completion::{Completion, CreateCompletion};
use crate::request::ChatRequest;
use crate::schema::{SchemaError, StrictSchema};

/// The most rounds a run makes by default: a model that keeps calling tools stops here.
pub const DEFAULT_MAX_ROUNDS: usize = 5;
/// How long a handler may take by default before its call is answered with an error.
pub const DEFAULT_HANDLER_TIMEOUT: Duration = Duration::from_secs(60);

/// What a handler answers, as the `tool` message's content: its value as JSON, or an error.
type ToolFuture = BoxFuture<Result<String, String>>;
type Handler = Arc<dyn Fn(&ToolCall) -> ToolFuture + Send + Sync>;

#[derive(Clone)]
struct RegisteredTool {
    name: String,
    description: String,
    schema: Result<StrictSchema, SchemaError>,
    handler: Handler,
}

/// The tools a run offers, each with the type of its arguments and its handler. Cheap to
/// clone; build it once and run it on many requests.
///
/// ```no_run
/// # use nexevo_chat::{ChatExt, ChatRequest, Model, ToolRunner};
/// #[derive(serde::Deserialize, schemars::JsonSchema)]
/// struct Weather {
///     city: String,
/// }
///
/// # async fn demo(client: nexevo_core::Client) -> Result<(), Box<dyn std::error::Error>> {
/// let tools = ToolRunner::new().tool(
///     "get_weather",
///     "The weather in a city.",
///     |args: Weather| async move { Ok::<_, std::io::Error>(format!("sunny in {}", args.city)) },
/// );
/// let run = client
///     .chat()
///     .completions()
///     .run_tools(ChatRequest::new(Model::FAST).user("get_weather in Lyon?"), &tools)
///     .await?;
/// println!("{} after {} rounds, {} USD", run.completion().content().unwrap_or_default(),
///     run.rounds().len(), run.cost_usd());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct ToolRunner {
    tools: Vec<RegisteredTool>,
    max_rounds: usize,
    handler_timeout: Duration,
    keep_tool_choice: bool,
}

impl fmt::Debug for ToolRunner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ToolRunner")
            .field(
                "tools",
                &self
                    .tools
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("max_rounds", &self.max_rounds)
            .field("handler_timeout", &self.handler_timeout)
            .field("keep_tool_choice", &self.keep_tool_choice)
            .finish()
    }
}

impl Default for ToolRunner {
    fn default() -> Self {
        Self::new()
    }
}

impl ToolRunner {
    /// No tools yet; at most [`DEFAULT_MAX_ROUNDS`] rounds, each handler within
    /// [`DEFAULT_HANDLER_TIMEOUT`].
    pub fn new() -> Self {
        Self {
            tools: Vec::new(),
            max_rounds: DEFAULT_MAX_ROUNDS,
            handler_timeout: DEFAULT_HANDLER_TIMEOUT,
            keep_tool_choice: false,
        }
    }

    /// Offers a tool whose arguments are an `A` (its strict schema, `strict: true`), answered
    /// by `handler`. Its `Ok` value goes back to the model as JSON; its `Err` as
    /// `{"error": "<the error>"}`, and the run goes on. A type the subset cannot express makes
    /// every run a validation error before anything is sent.
    pub fn tool<A, R, E, F, Fut>(
        mut self,
        name: impl Into<String>,
        description: impl Into<String>,
        handler: F,
    ) -> Self
    where
        A: schemars::JsonSchema + DeserializeOwned + Send + 'static,
        R: Serialize + Send + 'static,
        E: fmt::Display + Send + 'static,
        F: Fn(A) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = std::result::Result<R, E>> + Send + 'static,
    {
        let handler = Arc::new(handler);
        let erased: Handler = Arc::new(move |call: &ToolCall| -> ToolFuture {
            let arguments = match call.parse_arguments::<A>() {
                Ok(arguments) => arguments,
                Err(error) => {
                    let error = error.to_string();
                    return Box::pin(async move { Err(error) });
                }
            };
            let answer = handler(arguments);
            Box::pin(async move {
                match answer.await {
                    Ok(value) => serde_json::to_string(&value).map_err(|e| e.to_string()),
                    Err(error) => Err(error.to_string()),
                }
            })
        });
        self.tools.push(RegisteredTool {
            name: name.into(),
            description: description.into(),
            schema: StrictSchema::of::<A>(),
            handler: erased,
        });
        self
    }

    /// The most requests a run makes (at least 1); a model still calling tools after them is
    /// [`ToolRunError::RoundLimit`].
    pub fn max_rounds(mut self, rounds: usize) -> Self {
        self.max_rounds = rounds.max(1);
        self
    }

    /// How long each handler may take; past it, the call is answered with an error.
    pub fn handler_timeout(mut self, timeout: Duration) -> Self {
        self.handler_timeout = timeout;
        self
    }

    /// Keeps the request's `tool_choice` after the first round. By default it goes back to
    /// `auto` there, or a forced tool would be called until the round limit.
    pub fn keep_tool_choice(mut self, keep: bool) -> Self {
        self.keep_tool_choice = keep;
        self
    }

    /// The `tool` message answering `call`: its handler's value, or an error for the model.
    async fn answer(&self, call: &ToolCall) -> ChatMessage {
        let result = match self.tools.iter().find(|t| t.name == call.function.name) {
            None => Err(format!("no tool is named `{}`", call.function.name)),
            Some(tool) => {
                match tokio::time::timeout(self.handler_timeout, (tool.handler)(call)).await {
                    Ok(result) => result,
                    Err(_) => Err(format!(
                        "the tool did not answer within {:?}",
                        self.handler_timeout
                    )),
                }
            }
        };
        let content =
            result.unwrap_or_else(|error| serde_json::json!({ "error": error }).to_string());
        ChatMessage {
            role: MessageRole::Tool,
            content: Some(content),
            name: None,
            tool_call_id: Some(call.id.clone()),
            tool_calls: Vec::new(),
            refusal: None,
        }
    }
}

/// [`Completions::run_tools`](crate::Completions::run_tools), ready to await.
#[derive(Debug)]
#[must_use = "a call does nothing until it is awaited"]
pub struct RunTools {
    client: Client,
    options: RequestOptions,
    request: ChatRequest,
    runner: ToolRunner,
}

impl RunTools {
    pub(crate) fn new(client: Client, request: ChatRequest, runner: ToolRunner) -> Self {
        Self {
            client,
            options: RequestOptions::default(),
            request,
            runner,
        }
    }
}

impl CallBuilder for RunTools {
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}

impl CallOptions for RunTools {}

impl IntoFuture for RunTools {
    type Output = std::result::Result<ToolRun, ToolRunError>;
    type IntoFuture = BoxFuture<Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

impl RunTools {
    async fn run(self) -> std::result::Result<ToolRun, ToolRunError> {
        let Self {
            client,
            options,
            mut request,
            runner,
        } = self;
        for tool in &runner.tools {
            request = request.offer(&tool.name, &tool.description, tool.schema.clone());
        }
        // Each round has its own key, reused on its retries; one the user set is the stem.
        let stem = request.idempotency_key.clone();
        let mut rounds: Vec<Completion> = Vec::new();
        for round in 0..runner.max_rounds {
            let mut this_round = request.clone();
            if let Some(stem) = &stem {
                this_round = this_round.idempotency_key(round_key(stem, round));
            }
            if round > 0 && !runner.keep_tool_choice {
                this_round = this_round.tool_choice(ToolChoiceMode::Auto);
            }
            let mut create = CreateCompletion::new(client.clone(), this_round);
            *create.options_mut() = options.clone();
            let completion = match create.await {
                Ok(completion) => completion,
                Err(error) => {
                    return Err(ToolRunError::Call {
                        error,
                        rounds,
                        messages: request.body.messages,
                    });
                }
            };
            let calls = completion.tool_calls().to_vec();
            let assistant = completion.choices.first().map(|c| c.message.clone());
            let wants_tools = completion.finish_reason() == Some(&FinishReason::ToolCalls);
            rounds.push(completion);
            if !wants_tools || calls.is_empty() {
                return ToolRun::finished(rounds, request.body.messages);
            }
            request.body.messages.extend(assistant);
            let answers =
                futures_util::future::join_all(calls.iter().map(|c| runner.answer(c))).await;
            request.body.messages.extend(answers);
        }
        Err(ToolRunError::RoundLimit {
            rounds,
            messages: request.body.messages,
        })
    }
}

/// The `Idempotency-Key` of round `round` of a run keyed `stem`: `<stem>.<round>`, or, where
/// that would be too long a key (a stem near the limit), the stem's first 32 characters and a
/// hash of all of it in its place. Either is the same for the same stem on every run and in
/// every build (FNV-1a, not the standard library's hasher, whose output may change), so a
/// repeated run is replayed.
fn round_key(stem: &str, round: usize) -> String {
    let key = format!("{stem}.{round}");
    if params::idempotency_key(&key).is_ok() || params::idempotency_key(stem).is_err() {
        // A stem that is no key at all is refused as the user's own mistake would be.
        return key;
    }
    let hash = stem.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    let prefix: String = stem.chars().take(32).collect();
    format!("{prefix}~{hash:016x}.{round}")
}

/// A finished tool loop: the final completion (text), every round's completion, and the
/// conversation with the tool calls and their results.
#[derive(Debug, Clone)]
pub struct ToolRun {
    last: Completion,
    rounds: Vec<Completion>,
    messages: Vec<ChatMessage>,
}

impl ToolRun {
    fn finished(
        rounds: Vec<Completion>,
        messages: Vec<ChatMessage>,
    ) -> std::result::Result<Self, ToolRunError> {
        match rounds.last().cloned() {
            Some(last) => Ok(Self {
                last,
                rounds,
                messages,
            }),
            None => Err(ToolRunError::RoundLimit { rounds, messages }),
        }
    }

    /// The last completion: the model's answer in text.
    pub fn completion(&self) -> &Completion {
        &self.last
    }

    /// Every round's completion, in order (the last is [`completion`](Self::completion)).
    pub fn rounds(&self) -> &[Completion] {
        &self.rounds
    }

    /// What all the rounds cost together, exactly.
    pub fn cost_usd(&self) -> Decimal {
        self.rounds.iter().map(Completion::cost_usd).sum()
    }

    /// Every round's generation id, in order.
    pub fn generation_ids(&self) -> Vec<&str> {
        self.rounds.iter().map(Completion::generation_id).collect()
    }

    /// The conversation the last round was sent: the request's messages, then each round's
    /// tool calls and their results.
    pub fn messages(&self) -> &[ChatMessage] {
        &self.messages
    }
}

/// Why a tool loop did not end in text. Both keep what the run got so far: each round was
/// generated, and charged.
#[derive(Debug)]
#[non_exhaustive]
pub enum ToolRunError {
    /// A round's call failed (as [`Completions::create`](crate::Completions::create) would).
    Call {
        /// Why.
        error: nexevo_core::Error,
        /// The rounds before it.
        rounds: Vec<Completion>,
        /// The conversation so far.
        messages: Vec<ChatMessage>,
    },
    /// The model was still calling tools after the most rounds allowed
    /// ([`ToolRunner::max_rounds`]).
    RoundLimit {
        /// Every round.
        rounds: Vec<Completion>,
        /// The conversation, with the last round's tool results.
        messages: Vec<ChatMessage>,
    },
}

impl ToolRunError {
    /// The rounds made before the run stopped.
    pub fn rounds(&self) -> &[Completion] {
        match self {
            Self::Call { rounds, .. } | Self::RoundLimit { rounds, .. } => rounds,
        }
    }

    /// The conversation so far.
    pub fn messages(&self) -> &[ChatMessage] {
        match self {
            Self::Call { messages, .. } | Self::RoundLimit { messages, .. } => messages,
        }
    }
}

impl fmt::Display for ToolRunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Call { error, rounds, .. } => {
                write!(
                    f,
                    "round {} of the tool loop failed: {error}",
                    rounds.len() + 1
                )
            }
            Self::RoundLimit { rounds, .. } => write!(
                f,
                "the model was still calling tools after {} rounds",
                rounds.len()
            ),
        }
    }
}

impl std::error::Error for ToolRunError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Call { error, .. } => Some(error),
            Self::RoundLimit { .. } => None,
        }
    }
}
