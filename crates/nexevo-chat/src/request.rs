//! Building a chat completion request.

// Hand-written: streaming and the request builder are what the spec cannot say.

use std::borrow::Cow;
use std::fmt;

use nexevo_api::types::{
    ChatCompletionRequest, ChatMessage, FunctionDefinition, FunctionName, JsonSchemaFormat,
    MessageRole, NamedToolChoice, ResponseFormat, ResponseFormatType, Tool, ToolCall, ToolChoice,
    ToolChoiceMode, ToolType,
};
use nexevo_api::validation::Rule;
use nexevo_api::{Secret, ValidationError};

/// A model name: a Nexevo tier ([`Model::FAST`], [`Model::BALANCED`]) or any provider model
/// name, routed as passthrough at the provider's price +5%.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Model(Cow<'static, str>);

impl Model {
    /// `nexevo/fast`: the flat-price fast tier.
    pub const FAST: Model = Model(Cow::Borrowed("nexevo/fast"));
    /// `nexevo/balanced`: the flat-price balanced tier.
    pub const BALANCED: Model = Model(Cow::Borrowed("nexevo/balanced"));

    /// A provider model, by name (`openai/gpt-4o-mini`): passthrough.
    pub fn named(name: impl Into<String>) -> Self {
        Self(Cow::Owned(name.into()))
    }

    /// The name sent as `model`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl From<&str> for Model {
    fn from(name: &str) -> Self {
        Self::named(name)
    }
}

impl From<String> for Model {
    fn from(name: String) -> Self {
        Self::named(name)
    }
}

/// A chat completion request, built up message by message.
///
/// ```
/// use nexevo_chat::{ChatRequest, Model};
///
/// let request = ChatRequest::new(Model::BALANCED)
///     .system("You are terse.")
///     .user("Hello!")
///     .temperature(0.2)
///     .max_tokens(256);
/// ```
#[derive(Clone)]
pub struct ChatRequest {
    pub(crate) body: ChatCompletionRequest,
    pub(crate) provider_key: Option<Secret>,
    pub(crate) idempotency_key: Option<String>,
    /// The first argument a builder method could not take (a schema that is not a JSON
    /// object): reported when the request is sent, before anything goes out.
    pub(crate) invalid: Option<ValidationError>,
}

impl fmt::Debug for ChatRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChatRequest")
            .field("body", &self.body)
            .field(
                "provider_key",
                &self.provider_key.as_ref().map(|_| "[REDACTED]"),
            )
            .field("idempotency_key", &self.idempotency_key)
            .field("invalid", &self.invalid)
            .finish()
    }
}

impl ChatRequest {
    /// `value` as a JSON object; anything else is remembered as the request's validation error
    /// (an empty object stands in, never sent).
    fn json_object_at(
        &mut self,
        field: String,
        value: serde_json::Value,
    ) -> serde_json::Map<String, serde_json::Value> {
        match value {
            serde_json::Value::Object(map) => map,
            _ => {
                self.invalid.get_or_insert_with(|| {
                    ValidationError::at_field(
                        field,
                        Rule::Described("must be a JSON object".into()),
                    )
                });
                serde_json::Map::new()
            }
        }
    }
}

fn message(role: MessageRole, content: Option<String>) -> ChatMessage {
    ChatMessage {
        role,
        content,
        name: None,
        tool_call_id: None,
        tool_calls: Vec::new(),
        refusal: None,
    }
}

impl ChatRequest {
    /// A request for `model` with no messages yet.
    pub fn new(model: impl Into<Model>) -> Self {
        Self {
            body: ChatCompletionRequest {
                model: model.into().0.into_owned(),
                messages: Vec::new(),
                temperature: None,
                top_p: None,
                max_tokens: None,
                presence_penalty: None,
                frequency_penalty: None,
                stop: Vec::new(),
                tools: Vec::new(),
                tool_choice: None,
                response_format: None,
                user: None,
                stream: false,
            },
            provider_key: None,
            idempotency_key: None,
            invalid: None,
        }
    }

    /// Adds a system message.
    pub fn system(self, content: impl Into<String>) -> Self {
        self.message(message(MessageRole::System, Some(content.into())))
    }

    /// Adds a user message.
    pub fn user(self, content: impl Into<String>) -> Self {
        self.message(message(MessageRole::User, Some(content.into())))
    }

    /// Adds an assistant message (an earlier answer, for context).
    pub fn assistant(self, content: impl Into<String>) -> Self {
        self.message(message(MessageRole::Assistant, Some(content.into())))
    }

    /// Adds an assistant message that called tools (from a previous completion).
    pub fn assistant_tool_calls(self, tool_calls: Vec<ToolCall>) -> Self {
        let mut assistant = message(MessageRole::Assistant, None);
        assistant.tool_calls = tool_calls;
        self.message(assistant)
    }

    /// Adds a tool's result, answering the call `tool_call_id`.
    pub fn tool_result(self, tool_call_id: impl Into<String>, content: impl Into<String>) -> Self {
        let mut result = message(MessageRole::Tool, Some(content.into()));
        result.tool_call_id = Some(tool_call_id.into());
        self.message(result)
    }

    /// Adds any message.
    pub fn message(mut self, message: ChatMessage) -> Self {
        self.body.messages.push(message);
        self
    }

    /// Sampling temperature, 0 to 2.
    pub fn temperature(mut self, temperature: f64) -> Self {
        self.body.temperature = Some(temperature);
        self
    }

    /// Nucleus sampling mass, 0 to 1.
    pub fn top_p(mut self, top_p: f64) -> Self {
        self.body.top_p = Some(top_p);
        self
    }

    /// The most tokens to generate.
    pub fn max_tokens(mut self, max_tokens: u32) -> Self {
        self.body.max_tokens = Some(max_tokens);
        self
    }

    /// Penalty for tokens already present, -2 to 2.
    pub fn presence_penalty(mut self, penalty: f64) -> Self {
        self.body.presence_penalty = Some(penalty);
        self
    }

    /// Penalty proportional to token frequency, -2 to 2.
    pub fn frequency_penalty(mut self, penalty: f64) -> Self {
        self.body.frequency_penalty = Some(penalty);
        self
    }

    /// Up to 4 sequences where generation stops.
    pub fn stop<S: Into<String>>(mut self, sequences: impl IntoIterator<Item = S>) -> Self {
        self.body.stop = sequences.into_iter().map(Into::into).collect();
        self
    }

    /// Offers a function the model may call: its name, what it does, and its parameters as a
    /// JSON Schema object.
    pub fn function(
        mut self,
        name: impl Into<String>,
        description: impl Into<String>,
        parameters: serde_json::Value,
    ) -> Self {
        let field = format!("tools[{}].function.parameters", self.body.tools.len());
        let parameters = self.json_object_at(field, parameters);
        self.body.tools.push(Tool {
            type_: ToolType::Function,
            function: FunctionDefinition {
                name: name.into(),
                description: Some(description.into()),
                parameters,
                strict: None,
            },
        });
        self
    }

    /// Offers a function whose arguments are an `A`: its parameters are `A`'s strict schema
    /// ([`StrictSchema::of`](crate::schema::StrictSchema::of)) and the model must match them
    /// exactly (`strict: true`); read a call's arguments back with
    /// [`ToolCall::parse_arguments`](nexevo_api::types::ToolCall::parse_arguments). A type the
    /// subset cannot express is a validation error of the call, naming the field, before
    /// anything is sent.
    ///
    /// ```
    /// # use nexevo_chat::{ChatRequest, Model};
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct Weather {
    ///     city: String,
    /// }
    ///
    /// let request = ChatRequest::new(Model::FAST)
    ///     .user("Weather in Lyon?")
    ///     .tool::<Weather>("get_weather", "Current weather in a city.");
    /// assert_eq!(request.body().tools[0].function.strict, Some(true));
    /// ```
    #[cfg(feature = "typed")]
    pub fn tool<A: schemars::JsonSchema>(
        self,
        name: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        let schema = crate::schema::StrictSchema::of::<A>();
        self.offer(&name.into(), &description.into(), schema)
    }

    /// Offers a function whose parameters are `schema` (`strict: true`); a schema that could
    /// not be made is this request's validation error, at the parameters' field.
    #[cfg(feature = "typed")]
    pub(crate) fn offer(
        mut self,
        name: &str,
        description: &str,
        schema: Result<crate::schema::StrictSchema, crate::schema::SchemaError>,
    ) -> Self {
        let field = format!("tools[{}].function.parameters", self.body.tools.len());
        let parameters = match schema {
            Ok(schema) => match schema.into_parts().1 {
                serde_json::Value::Object(parameters) => parameters,
                _ => serde_json::Map::new(),
            },
            Err(error) => {
                self.invalid.get_or_insert_with(|| {
                    ValidationError::at_field(
                        format!("{field}{}", error.path()),
                        Rule::Described(error.to_string().into()),
                    )
                });
                serde_json::Map::new()
            }
        };
        self.body.tools.push(Tool {
            type_: ToolType::Function,
            function: FunctionDefinition {
                name: name.to_owned(),
                description: Some(description.to_owned()),
                parameters,
                strict: Some(true),
            },
        });
        self
    }

    /// Lets the model decide whether to call a tool (`auto`), forbids it (`none`), or requires
    /// one (`required`).
    pub fn tool_choice(mut self, mode: ToolChoiceMode) -> Self {
        self.body.tool_choice = Some(ToolChoice::ToolChoiceMode(mode));
        self
    }

    /// Makes the model call this function.
    pub fn force_function(mut self, name: impl Into<String>) -> Self {
        self.body.tool_choice = Some(ToolChoice::NamedToolChoice(NamedToolChoice {
            type_: ToolType::Function,
            function: FunctionName { name: name.into() },
        }));
        self
    }

    /// Asks for any JSON object as the answer.
    pub fn json_object(mut self) -> Self {
        self.body.response_format = Some(ResponseFormat {
            type_: ResponseFormatType::JsonObject,
            json_schema: None,
        });
        self
    }

    /// Asks for JSON matching `schema` (a JSON Schema object) as the answer.
    pub fn json_schema(
        mut self,
        name: impl Into<String>,
        schema: serde_json::Value,
        strict: bool,
    ) -> Self {
        let schema = self.json_object_at("response_format.json_schema.schema".into(), schema);
        self.body.response_format = Some(ResponseFormat {
            type_: ResponseFormatType::JsonSchema,
            json_schema: Some(JsonSchemaFormat {
                name: name.into(),
                schema,
                strict: Some(strict),
            }),
        });
        self
    }

    /// Your identifier for the end user, for abuse monitoring (the API's `user` field).
    pub fn end_user(mut self, id: impl Into<String>) -> Self {
        self.body.user = Some(id.into());
        self
    }

    /// Bring your own key: the provider key to call the model with (sent as
    /// `X-Nexevo-Provider-Key`, never shown), billed at the `byok` tier.
    pub fn provider_key(mut self, key: impl Into<Secret>) -> Self {
        self.provider_key = Some(key.into());
        self
    }

    /// Uses your own `Idempotency-Key` (a fresh UUID when not set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The body as it will be sent.
    pub fn body(&self) -> &ChatCompletionRequest {
        &self.body
    }
}
