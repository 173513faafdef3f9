// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! Types of every schema, each compiled only when an enabled area uses it.

#![allow(
    // Generated items are `pub` in a private module and re-exported selectively.
    unreachable_pub,
    // progenitor's `Client::new` unwraps reqwest's builder; the SDK never calls it.
    clippy::unwrap_used,
    // typify's and progenitor's style is theirs, not ours.
    clippy::all,
)]

#[cfg(feature = "keys")]
/// A spend alert, as POSTed to a key's alert webhook.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct AlertEvent {
    /// An RFC 3339 timestamp in UTC.
    pub created_at: crate::Timestamp,
    /// The event's id, one per threshold per key per month, the same on every retry (deduplicate by it).
    pub id: ::std::string::String,
    /// An API key id.
    pub key_id: KeyId,
    /// A USD amount as a decimal string that keeps its precision (`"100.00"`). Never parse it as a binary float.
    pub month_to_date_spend_usd: ::rust_decimal::Decimal,
    /// A USD amount as a decimal string that keeps its precision (`"100.00"`). Never parse it as a binary float.
    pub monthly_spend_cap_usd: ::rust_decimal::Decimal,
    /// What an alert says — `spend_cap.warning` (80 % of the monthly cap spent) or `spend_cap.reached` (all of it; requests are refused). New types may be added.
    #[serde(rename = "type")]
    pub type_: crate::types::AlertEventType,
}
#[cfg(feature = "keys")]
/// A key's alert webhook as just set.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct AlertWebhook {
    /// An API key as later reads show it; never its secret. `monthly_spend_cap_usd` is absent when the key has no cap.
    pub key: ApiKey,
    /// The secret that signs a key's alerts (Standard Webhooks, `whsec_` and the base64 of its key), shown once, when the webhook is set; absent when it was removed. A secret.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub signing_secret: ::std::option::Option<crate::Secret>,
}
#[cfg(feature = "keys")]
/// An API key as later reads show it; never its secret. `monthly_spend_cap_usd` is absent when the key has no cap.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ApiKey {
    /// The HTTPS URL called near the cap, or null.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub alert_webhook_url: ::std::option::Option<::std::string::String>,
    /// An RFC 3339 timestamp in UTC.
    pub created_at: crate::Timestamp,
    /// Where a key's requests may be routed (see `createChatCompletion`) — `cn-only` to mainland China backends, `overseas-only` to the others, `any` to the model's preferred region. New policies may be added.
    pub geo_policy: crate::types::GeoPolicy,
    /// An API key id.
    pub key_id: KeyId,
    /// An RFC 3339 timestamp in UTC.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub last_used_at: ::std::option::Option<crate::Timestamp>,
    /// A USD amount as a decimal string that keeps its precision (`"100.00"`). Never parse it as a binary float.
    pub month_to_date_spend_usd: ::rust_decimal::Decimal,
    /// A monthly spend cap in USD as a decimal string (`"100.00"`) of at most 7 integer digits and 6 decimal places. Its precision is kept.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub monthly_spend_cap_usd: ::std::option::Option<::rust_decimal::Decimal>,
    /// The display name.
    pub name: ::std::string::String,
    /// The organization that owns the key; null for a personal key.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub organization_id: ::std::option::Option<::std::string::String>,
    /// The first characters of the key, to recognise it.
    pub prefix: ::std::string::String,
    /// An RFC 3339 timestamp in UTC.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub revoked_at: ::std::option::Option<crate::Timestamp>,
    /// Whether a key authenticates. New states may be added.
    pub status: crate::types::KeyStatus,
}
#[cfg(feature = "conversations")]
/// A message to store. At most 1 MiB as JSON (1,048,576 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct AppendMessageRequest {
    /// The message's text.
    pub content: ::std::string::String,
    /// Who wrote a message.
    pub role: crate::types::MessageRole,
}
#[cfg(feature = "auth")]
/// A session. Its `token` is a secret usable as the Bearer token until `expires_at` or logout.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct AuthSession {
    /// An RFC 3339 timestamp in UTC.
    pub expires_at: crate::Timestamp,
    /// A session token, usable as the Bearer token. A secret.
    pub token: crate::Secret,
    /// Always `bearer`.
    pub token_type: ::std::string::String,
    /// An account.
    pub user: User,
}
#[cfg(feature = "billing")]
/// A prepaid balance.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct Balance {
    /// A USD amount as a decimal string that keeps its precision (`"100.00"`). Never parse it as a binary float.
    pub balance_usd: ::rust_decimal::Decimal,
    /// Always `USD`.
    pub currency: ::std::string::String,
    /// The organization whose balance this is; null for a personal account.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub organization_id: ::std::option::Option<::std::string::String>,
    /// An RFC 3339 timestamp in UTC.
    pub updated_at: crate::Timestamp,
}
#[cfg(feature = "orgs")]
/// A member's new role, `admin` or `developer`; ownership moves only by `transferOwner`. At most 4 KiB as JSON (4,096 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ChangeMemberRoleRequest {
    /// A member's role in an organization. New roles may be added.
    pub role: crate::types::OrgRole,
}
#[cfg(feature = "auth")]
/// The current and the new password. At most 4 KiB as JSON (4,096 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ChangePasswordRequest {
    /// An existing password, checked as it is.
    pub current_password: crate::Secret,
    /// A password of 8 to 128 characters.
    pub new_password: crate::Secret,
}
#[cfg(feature = "chat")]
/// One generated choice.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ChatChoice {
    /// Why generation stopped. New reasons may be added.
    pub finish_reason: crate::types::FinishReason,
    /// The choice's position.
    pub index: u32,
    /// One message of a chat request or completion.
    pub message: ChatMessage,
}
#[cfg(feature = "chat")]
/// An OpenAI-compatible `chat.completion`, plus Nexevo's routing and cost.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ChatCompletion {
    /// The generated choices.
    pub choices: ::std::vec::Vec<ChatChoice>,
    /// Unix seconds when it was created.
    pub created: i64,
    /// The completion's id.
    pub id: ::std::string::String,
    /// The model that answered.
    pub model: ::std::string::String,
    /// Nexevo's routing and billing for a completion.
    pub nexevo: NexevoGeneration,
    /// Always `chat.completion`.
    pub object: ::std::string::String,
    /// Token counts.
    pub usage: TokenUsage,
}
#[cfg(feature = "chat")]
/// One server-sent event of a streamed completion. Every chunk carries the generation id; the last one before `[DONE]` carries `usage` and the cost.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ChatCompletionChunk {
    /// The deltas of this chunk.
    pub choices: ::std::vec::Vec<ChunkChoice>,
    /// Unix seconds when the completion was created.
    pub created: i64,
    /// The completion's id, the same in every chunk.
    pub id: ::std::string::String,
    /// The model that answers.
    pub model: ::std::string::String,
    /// Nexevo's routing for a streamed completion; `cost_usd` comes on the last chunk.
    pub nexevo: NexevoChunkMeta,
    /// Always `chat.completion.chunk`.
    pub object: ::std::string::String,
    /// Token counts.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub usage: ::std::option::Option<TokenUsage>,
}
#[cfg(feature = "chat")]
/// An OpenAI-compatible chat completion request. At most 4 MiB as JSON (4,194,304 bytes, the messages, tools and schemas together); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ChatCompletionRequest {
    /// Penalty proportional to token frequency.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub frequency_penalty: ::std::option::Option<f64>,
    /// The most tokens to generate.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub max_tokens: ::std::option::Option<u32>,
    /// The conversation so far, oldest first.
    pub messages: ::std::vec::Vec<ChatMessage>,
    /// `nexevo/fast`, `nexevo/balanced`, or a provider model name (passthrough, +5%).
    pub model: ::std::string::String,
    /// Penalty for tokens already present.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub presence_penalty: ::std::option::Option<f64>,
    /// Constrains the output format.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub response_format: ::std::option::Option<ResponseFormat>,
    /// Up to 4 sequences where generation stops.
    #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
    pub stop: ::std::vec::Vec<::std::string::String>,
    /// Answer with server-sent events instead of one JSON body.
    #[serde(default)]
    pub stream: bool,
    /// Sampling temperature.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub temperature: ::std::option::Option<f64>,
    /// `none`, `auto`, `required`, or a named function the model must call.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub tool_choice: ::std::option::Option<ToolChoice>,
    /// Functions the model may call.
    #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
    pub tools: ::std::vec::Vec<Tool>,
    /// Nucleus sampling mass.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub top_p: ::std::option::Option<f64>,
    /// Your identifier for the end user, for abuse monitoring.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub user: ::std::option::Option<::std::string::String>,
}
#[cfg(feature = "chat")]
/// One message of a chat request or completion.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ChatMessage {
    /// The text. Null on an assistant message that only calls tools.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub content: ::std::option::Option<::std::string::String>,
    /// An optional name for the author.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub name: ::std::option::Option<::std::string::String>,
    /// On an `assistant` message, the model's refusal to answer in the requested format, in place of `content`.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub refusal: ::std::option::Option<::std::string::String>,
    /// Who wrote a message.
    pub role: crate::types::MessageRole,
    /// On a `tool` message, the id of the call it answers.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub tool_call_id: ::std::option::Option<::std::string::String>,
    /// On an `assistant` message, the tool calls it made.
    #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
    pub tool_calls: ::std::vec::Vec<ToolCall>,
}
#[cfg(feature = "billing")]
/// A top-up. At most 4 KiB as JSON (4,096 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct CheckoutRequest {
    /// A top-up amount in USD as a JSON number, greater than 0, at most 10000, with at most two decimal places.
    pub amount_usd: crate::DecimalNumber,
    /// Makes the top-up safe to retry; suggested form `topup-YYYY-MM-DD-NNN`.
    pub idempotency_key: ::std::string::String,
}
#[cfg(feature = "billing")]
/// A Stripe checkout session for a top-up.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct CheckoutSession {
    /// A USD amount as a decimal string that keeps its precision (`"100.00"`). Never parse it as a binary float.
    pub amount_usd: ::rust_decimal::Decimal,
    /// The session's id.
    pub checkout_session_id: ::std::string::String,
    /// Where to send the payer.
    pub checkout_url: ::std::string::String,
    /// An RFC 3339 timestamp in UTC.
    pub created_at: crate::Timestamp,
    /// The key it was created with.
    pub idempotency_key: ::std::string::String,
    /// A checkout session's state. New states may be added.
    pub status: crate::types::CheckoutStatus,
}
#[cfg(feature = "chat")]
/// A choice's delta within one chunk.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ChunkChoice {
    /// What a chunk adds to a choice.
    pub delta: ChunkDelta,
    /// Why generation stopped. New reasons may be added.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub finish_reason: ::std::option::Option<crate::types::FinishReason>,
    /// The choice's position.
    pub index: u32,
}
#[cfg(feature = "chat")]
/// What a chunk adds to a choice.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
pub struct ChunkDelta {
    /// Text to append.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub content: ::std::option::Option<::std::string::String>,
    /// Refusal text to append (see `ChatMessage.refusal`).
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub refusal: ::std::option::Option<::std::string::String>,
    /// Who wrote a message.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub role: ::std::option::Option<crate::types::MessageRole>,
    /// Fragments of tool calls to merge by `index`.
    #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
    pub tool_calls: ::std::vec::Vec<ToolCallDelta>,
}
#[cfg(feature = "conversations")]
/// A conversation.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct Conversation {
    /// A conversation id.
    pub conversation_id: ConversationId,
    /// An RFC 3339 timestamp in UTC.
    pub created_at: crate::Timestamp,
    /// How many messages it holds.
    pub message_count: u32,
    /// Any JSON object, at most 4 KB serialized; use it for your own user, session or topic ids.
    pub metadata: Metadata,
    /// The title, if one was set.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub title: ::std::option::Option<::std::string::String>,
    /// An RFC 3339 timestamp in UTC.
    pub updated_at: crate::Timestamp,
}
#[cfg(feature = "conversations")]
/// A conversation with its first 100 messages.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ConversationDetail {
    /// A conversation id.
    pub conversation_id: ConversationId,
    /// An RFC 3339 timestamp in UTC.
    pub created_at: crate::Timestamp,
    /// Whether `listMessages` has messages beyond these.
    pub has_more_messages: bool,
    /// How many messages it holds.
    pub message_count: u32,
    /// The first 100 messages, oldest first.
    pub messages: ::std::vec::Vec<StoredMessage>,
    /// Any JSON object, at most 4 KB serialized; use it for your own user, session or topic ids.
    pub metadata: Metadata,
    /// The title, if one was set.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub title: ::std::option::Option<::std::string::String>,
    /// An RFC 3339 timestamp in UTC.
    pub updated_at: crate::Timestamp,
}
#[cfg(feature = "conversations")]
/// A conversation id.
#[derive(
    ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd,
)]
#[serde(transparent)]
pub struct ConversationId(pub ::std::string::String);
#[cfg(feature = "conversations")]
impl ::std::ops::Deref for ConversationId {
    type Target = ::std::string::String;
    fn deref(&self) -> &::std::string::String {
        &self.0
    }
}
#[cfg(feature = "conversations")]
impl ::std::convert::From<ConversationId> for ::std::string::String {
    fn from(value: ConversationId) -> Self {
        value.0
    }
}
#[cfg(feature = "conversations")]
impl ::std::convert::From<::std::string::String> for ConversationId {
    fn from(value: ::std::string::String) -> Self {
        Self(value)
    }
}
#[cfg(feature = "conversations")]
impl ::std::fmt::Display for ConversationId {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        self.0.fmt(f)
    }
}
#[cfg(feature = "conversations")]
impl ::std::str::FromStr for ConversationId {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(Self(value.to_string()))
    }
}
#[cfg(feature = "conversations")]
/// A page of conversations.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ConversationList {
    /// The conversations on this page.
    pub data: ::std::vec::Vec<Conversation>,
    /// Pass as `cursor` for the next page; null on the last page.
    #[serde(deserialize_with = "::std::option::Option::deserialize")]
    pub next_cursor: ::std::option::Option<::std::string::String>,
}
#[cfg(feature = "conversations")]
/// A new conversation. At most 8 KiB as JSON (8,192 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
pub struct CreateConversationRequest {
    /// Any JSON object, at most 4 KB serialized; use it for your own user, session or topic ids.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub metadata: ::std::option::Option<Metadata>,
    /// The conversation's title.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub title: ::std::option::Option<::std::string::String>,
}
#[cfg(feature = "keys")]
/// A new API key. At most 4 KiB as JSON (4,096 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct CreateKeyRequest {
    /// Where a key's requests may be routed (see `createChatCompletion`) — `cn-only` to mainland China backends, `overseas-only` to the others, `any` to the model's preferred region. New policies may be added.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub geo_policy: ::std::option::Option<crate::types::GeoPolicy>,
    /// A monthly spend cap in USD as a decimal string (`"100.00"`) of at most 7 integer digits and 6 decimal places. Its precision is kept.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub monthly_spend_cap_usd: ::std::option::Option<::rust_decimal::Decimal>,
    /// A display name, 1 to 100 characters.
    pub name: ::std::string::String,
}
#[cfg(feature = "orgs")]
/// A new organization. At most 4 KiB as JSON (4,096 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct CreateOrganizationRequest {
    /// The organization's name, 1 to 100 characters.
    pub name: ::std::string::String,
}
#[cfg(feature = "keys")]
/// A new key. `full_key` is shown this once only; store it now.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct CreatedKey {
    /// A full API key, usable as the Bearer token. A secret, shown once.
    pub full_key: crate::Secret,
    /// An API key as later reads show it; never its secret. `monthly_spend_cap_usd` is absent when the key has no cap.
    pub key: ApiKey,
}
#[cfg(feature = "auth")]
/// Confirms deactivation with the password. At most 4 KiB as JSON (4,096 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct DeactivateAccountRequest {
    /// An existing password, checked as it is.
    pub password: crate::Secret,
    /// Why, optionally.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub reason: ::std::option::Option<::std::string::String>,
}
#[cfg(feature = "auth")]
/// A deactivated account.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct Deactivation {
    /// An RFC 3339 timestamp in UTC.
    pub deactivated_at: crate::Timestamp,
    /// Whether an account is usable. New states may be added.
    pub status: crate::types::AccountStatus,
    /// A user id.
    pub user_id: UserId,
}
#[cfg(feature = "conversations")]
/// The result of a delete.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct DeletedConversation {
    /// A conversation id.
    pub conversation_id: ConversationId,
    /// Always true.
    pub deleted: bool,
}
#[cfg(any(feature = "auth", feature = "orgs"))]
/// An email address.
#[derive(
    ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd,
)]
#[serde(transparent)]
pub struct Email(pub ::std::string::String);
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::ops::Deref for Email {
    type Target = ::std::string::String;
    fn deref(&self) -> &::std::string::String {
        &self.0
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::convert::From<Email> for ::std::string::String {
    fn from(value: Email) -> Self {
        value.0
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::convert::From<::std::string::String> for Email {
    fn from(value: ::std::string::String) -> Self {
        Self(value)
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::fmt::Display for Email {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        self.0.fmt(f)
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::str::FromStr for Email {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(Self(value.to_string()))
    }
}
/// The body of every error response.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct Error {
    /// What went wrong.
    pub error: ErrorDetail,
}
/// What went wrong.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ErrorDetail {
    /// A machine-readable error code. New codes may be added.
    pub code: crate::types::ErrorCode,
    /// For `validation_failed`, the parameter or body field that broke a constraint.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub field: ::std::option::Option<::std::string::String>,
    /// A human-readable explanation.
    pub message: ::std::string::String,
    /// The request's id, as in the `X-Request-Id` header.
    pub request_id: ::std::string::String,
}
#[cfg(feature = "feedback")]
/// Stored feedback.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct Feedback {
    /// The comment, if any.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub comment: ::std::option::Option<::std::string::String>,
    /// An RFC 3339 timestamp in UTC.
    pub created_at: crate::Timestamp,
    /// The feedback's id.
    pub feedback_id: ::std::string::String,
    /// A generation id, from a chat completion's `nexevo.generation_id` or its `X-Nexevo-Generation-Id` header.
    pub generation_id: GenerationId,
    /// 1 is thumbs up, -1 is thumbs down.
    pub rating: FeedbackRating,
    /// The tags.
    pub tags: ::std::vec::Vec<FeedbackTag>,
}
#[cfg(feature = "feedback")]
/// 1 is thumbs up, -1 is thumbs down.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
#[serde(transparent)]
pub struct FeedbackRating(pub i32);
#[cfg(feature = "feedback")]
impl ::std::ops::Deref for FeedbackRating {
    type Target = i32;
    fn deref(&self) -> &i32 {
        &self.0
    }
}
#[cfg(feature = "feedback")]
impl ::std::convert::From<FeedbackRating> for i32 {
    fn from(value: FeedbackRating) -> Self {
        value.0
    }
}
#[cfg(feature = "feedback")]
impl ::std::convert::From<i32> for FeedbackRating {
    fn from(value: i32) -> Self {
        Self(value)
    }
}
#[cfg(feature = "feedback")]
impl ::std::fmt::Display for FeedbackRating {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        self.0.fmt(f)
    }
}
#[cfg(feature = "feedback")]
impl ::std::str::FromStr for FeedbackRating {
    type Err = <i32 as ::std::str::FromStr>::Err;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(Self(value.parse()?))
    }
}
#[cfg(feature = "feedback")]
impl ::std::convert::TryFrom<&str> for FeedbackRating {
    type Error = <i32 as ::std::str::FromStr>::Err;
    fn try_from(value: &str) -> ::std::result::Result<Self, Self::Error> {
        value.parse()
    }
}
#[cfg(feature = "feedback")]
impl ::std::convert::TryFrom<String> for FeedbackRating {
    type Error = <i32 as ::std::str::FromStr>::Err;
    fn try_from(value: String) -> ::std::result::Result<Self, Self::Error> {
        value.parse()
    }
}
#[cfg(feature = "feedback")]
/// Feedback counts over a period.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct FeedbackSummary {
    /// Thumbs up and down per backend that served the rated generations (and its tier), what the router learns from; the backends with the most feedback first (by name among equals), at most 1,000.
    #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
    pub by_model: ::std::vec::Vec<ModelFeedback>,
    /// Feedback count per tag.
    pub by_tag: ::std::collections::HashMap<::std::string::String, u64>,
    /// The number of days covered.
    pub days: u32,
    /// Thumbs down.
    pub down: u64,
    /// All feedback in the period.
    pub total: u64,
    /// Thumbs up.
    pub up: u64,
}
#[cfg(feature = "feedback")]
/// A tag such as `accurate`, `incorrect`, `too_verbose` or `irrelevant`; any lowercase word of up to 32 characters.
#[derive(
    ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd,
)]
#[serde(transparent)]
pub struct FeedbackTag(pub ::std::string::String);
#[cfg(feature = "feedback")]
impl ::std::ops::Deref for FeedbackTag {
    type Target = ::std::string::String;
    fn deref(&self) -> &::std::string::String {
        &self.0
    }
}
#[cfg(feature = "feedback")]
impl ::std::convert::From<FeedbackTag> for ::std::string::String {
    fn from(value: FeedbackTag) -> Self {
        value.0
    }
}
#[cfg(feature = "feedback")]
impl ::std::convert::From<::std::string::String> for FeedbackTag {
    fn from(value: ::std::string::String) -> Self {
        Self(value)
    }
}
#[cfg(feature = "feedback")]
impl ::std::fmt::Display for FeedbackTag {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        self.0.fmt(f)
    }
}
#[cfg(feature = "feedback")]
impl ::std::str::FromStr for FeedbackTag {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(Self(value.to_string()))
    }
}
#[cfg(feature = "chat")]
/// The function a tool call invokes and its JSON arguments.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct FunctionCall {
    /// The arguments as a JSON text.
    pub arguments: ::std::string::String,
    /// The function's name.
    pub name: ::std::string::String,
}
#[cfg(feature = "chat")]
/// A fragment of a function call.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
pub struct FunctionCallDelta {
    /// A piece of the JSON arguments to append.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub arguments: ::std::option::Option<::std::string::String>,
    /// The function's name, on the first fragment.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub name: ::std::option::Option<::std::string::String>,
}
#[cfg(feature = "chat")]
/// A function the model may call.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct FunctionDefinition {
    /// What the function does, for the model.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub description: ::std::option::Option<::std::string::String>,
    /// The function's name.
    pub name: ::std::string::String,
    /// The function's parameters as a JSON Schema object, in the subset `JsonSchemaFormat.schema` states (closed objects with every property required when `strict`).
    #[serde(default, skip_serializing_if = "::serde_json::Map::is_empty")]
    pub parameters: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    /// Whether a call's arguments must match `parameters` exactly.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub strict: ::std::option::Option<bool>,
}
#[cfg(feature = "chat")]
/// Names a function.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct FunctionName {
    /// The function's name.
    pub name: ::std::string::String,
}
#[cfg(any(feature = "chat", feature = "feedback"))]
/// A generation id, from a chat completion's `nexevo.generation_id` or its `X-Nexevo-Generation-Id` header.
#[derive(
    ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd,
)]
#[serde(transparent)]
pub struct GenerationId(pub ::std::string::String);
#[cfg(any(feature = "chat", feature = "feedback"))]
impl ::std::ops::Deref for GenerationId {
    type Target = ::std::string::String;
    fn deref(&self) -> &::std::string::String {
        &self.0
    }
}
#[cfg(any(feature = "chat", feature = "feedback"))]
impl ::std::convert::From<GenerationId> for ::std::string::String {
    fn from(value: GenerationId) -> Self {
        value.0
    }
}
#[cfg(any(feature = "chat", feature = "feedback"))]
impl ::std::convert::From<::std::string::String> for GenerationId {
    fn from(value: ::std::string::String) -> Self {
        Self(value)
    }
}
#[cfg(any(feature = "chat", feature = "feedback"))]
impl ::std::fmt::Display for GenerationId {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        self.0.fmt(f)
    }
}
#[cfg(any(feature = "chat", feature = "feedback"))]
impl ::std::str::FromStr for GenerationId {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(Self(value.to_string()))
    }
}
#[cfg(feature = "orgs")]
/// Who to invite, and as what. The role is `admin` or `developer`; ownership moves only by `transferOwner`. At most 4 KiB as JSON (4,096 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct InviteMemberRequest {
    /// An email address.
    pub email: Email,
    /// A member's role in an organization. New roles may be added.
    pub role: crate::types::OrgRole,
}
#[cfg(feature = "chat")]
/// The schema the output must match, with `type` `json_schema`.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct JsonSchemaFormat {
    /// The schema's name.
    pub name: ::std::string::String,
    /// A JSON Schema object in the strict subset. Keywords: `type` (a JSON type or a list of them), `properties`, `required`, `additionalProperties` (`false`; absent or `true` only when not `strict`), `items`, `minItems`, `maxItems`, `enum`, `const`, `anyOf`, `$ref` (`#` or `#/$defs/<name>`, recursion allowed), `$defs` at the root, `description`, `title`; for strings `pattern` and `format` (`date-time`, `date`, `time`, `duration`, `email`, `hostname`, `ipv4`, `ipv6`, `uuid`); for numbers `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`. The root is an object. With `strict`, every object sets `additionalProperties: false` and lists every property in `required` (a field that may be absent is a nullable type instead). A `pattern` is an ECMAScript regex limited to `^` and `$` at the ends, literals and escapes, `.`, `\d \D \w \W \s \S`, classes with ranges and negation, the quantifiers `* + ? {n} {n,} {n,m}`, and groups that occur once or are optional (`(…)`, `(…)?`) with alternatives inside (`(a|b)`), nested at most 32 deep; a string takes `pattern` or `format`, not both. Limits: 10 levels of nesting, 5,000 properties and 1,000 `enum` values in all, 65,536 bytes, and 1,000 characters in the shortest string a `pattern` matches. A schema outside the subset, with no finite value, or whose smallest value holds more than 10,000 values, is refused with `422 validation_failed` naming the part at fault.
    pub schema: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    /// Whether the output must match exactly.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub strict: ::std::option::Option<bool>,
}
#[cfg(feature = "keys")]
/// An API key id.
#[derive(
    ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd,
)]
#[serde(transparent)]
pub struct KeyId(pub ::std::string::String);
#[cfg(feature = "keys")]
impl ::std::ops::Deref for KeyId {
    type Target = ::std::string::String;
    fn deref(&self) -> &::std::string::String {
        &self.0
    }
}
#[cfg(feature = "keys")]
impl ::std::convert::From<KeyId> for ::std::string::String {
    fn from(value: KeyId) -> Self {
        value.0
    }
}
#[cfg(feature = "keys")]
impl ::std::convert::From<::std::string::String> for KeyId {
    fn from(value: ::std::string::String) -> Self {
        Self(value)
    }
}
#[cfg(feature = "keys")]
impl ::std::fmt::Display for KeyId {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        self.0.fmt(f)
    }
}
#[cfg(feature = "keys")]
impl ::std::str::FromStr for KeyId {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(Self(value.to_string()))
    }
}
#[cfg(feature = "keys")]
/// A page of keys.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct KeyList {
    /// The keys on this page.
    pub data: ::std::vec::Vec<ApiKey>,
    /// Pass as `cursor` for the next page; null on the last page.
    #[serde(deserialize_with = "::std::option::Option::deserialize")]
    pub next_cursor: ::std::option::Option<::std::string::String>,
}
#[cfg(feature = "auth")]
/// Credentials. At most 4 KiB as JSON (4,096 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct LoginRequest {
    /// An email address.
    pub email: Email,
    /// An existing password, checked as it is.
    pub password: crate::Secret,
    /// A 6-digit code from an authenticator app.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub totp_code: ::std::option::Option<TotpCode>,
}
#[cfg(feature = "orgs")]
/// A member of an organization.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct Member {
    /// An RFC 3339 timestamp in UTC.
    pub added_at: crate::Timestamp,
    /// An email address.
    pub email: Email,
    /// A member's role in an organization. New roles may be added.
    pub role: crate::types::OrgRole,
    /// Whether a member has joined (`active`), or was invited without an account and has yet to register with the invitation's token (`invited`). New states may be added.
    pub status: crate::types::MemberStatus,
    /// A user id.
    pub user_id: UserId,
}
#[cfg(feature = "orgs")]
/// A page of members.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct MemberList {
    /// The members on this page.
    pub data: ::std::vec::Vec<Member>,
    /// Pass as `cursor` for the next page; null on the last page.
    #[serde(deserialize_with = "::std::option::Option::deserialize")]
    pub next_cursor: ::std::option::Option<::std::string::String>,
}
#[cfg(feature = "conversations")]
/// A page of messages.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct MessageList {
    /// The messages on this page.
    pub data: ::std::vec::Vec<StoredMessage>,
    /// Pass as `cursor` for the next page; null on the last page.
    #[serde(deserialize_with = "::std::option::Option::deserialize")]
    pub next_cursor: ::std::option::Option<::std::string::String>,
}
#[cfg(feature = "conversations")]
/// Any JSON object, at most 4 KB serialized; use it for your own user, session or topic ids.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
#[serde(transparent)]
pub struct Metadata(pub ::serde_json::Map<::std::string::String, ::serde_json::Value>);
#[cfg(feature = "conversations")]
impl ::std::ops::Deref for Metadata {
    type Target = ::serde_json::Map<::std::string::String, ::serde_json::Value>;
    fn deref(&self) -> &::serde_json::Map<::std::string::String, ::serde_json::Value> {
        &self.0
    }
}
#[cfg(feature = "conversations")]
impl ::std::convert::From<Metadata>
    for ::serde_json::Map<::std::string::String, ::serde_json::Value>
{
    fn from(value: Metadata) -> Self {
        value.0
    }
}
#[cfg(feature = "conversations")]
impl ::std::convert::From<::serde_json::Map<::std::string::String, ::serde_json::Value>>
    for Metadata
{
    fn from(value: ::serde_json::Map<::std::string::String, ::serde_json::Value>) -> Self {
        Self(value)
    }
}
#[cfg(feature = "feedback")]
/// Feedback on the generations one backend served.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ModelFeedback {
    /// Thumbs down.
    pub down: u64,
    /// The backend (`nexevo.routed_model` of the rated generations).
    pub routed_model: ::std::string::String,
    /// A billing tier. `fast` and `balanced` are flat-price, `passthrough` is the named model's price +5%, `byok` is bring-your-own-key. New tiers may be added.
    pub tier: crate::types::Tier,
    /// Thumbs up.
    pub up: u64,
}
#[cfg(feature = "chat")]
/// A model and its price.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ModelInfo {
    /// The most tokens of prompt and completion together.
    pub context_window: u32,
    /// The name to pass as `model`.
    pub id: ::std::string::String,
    /// A USD amount as a decimal string that keeps its precision (`"100.00"`). Never parse it as a binary float.
    pub input_usd_per_million_tokens: ::rust_decimal::Decimal,
    /// Always `model`.
    pub object: ::std::string::String,
    /// A USD amount as a decimal string that keeps its precision (`"100.00"`). Never parse it as a binary float.
    pub output_usd_per_million_tokens: ::rust_decimal::Decimal,
    /// Who serves it.
    pub owned_by: ::std::string::String,
    /// Where the model is served, the preferred region first (the one a key with the `any` policy is routed to).
    pub regions: ::std::vec::Vec<crate::types::Region>,
    /// A billing tier. `fast` and `balanced` are flat-price, `passthrough` is the named model's price +5%, `byok` is bring-your-own-key. New tiers may be added.
    pub tier: crate::types::Tier,
}
#[cfg(feature = "chat")]
/// The models available to the caller.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ModelList {
    /// The models.
    pub data: ::std::vec::Vec<ModelInfo>,
    /// Always `list`.
    pub object: ::std::string::String,
}
#[cfg(feature = "chat")]
/// Forces a call of one function.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct NamedToolChoice {
    /// Names a function.
    pub function: FunctionName,
    /// The kind of tool. New kinds may be added.
    #[serde(rename = "type")]
    pub type_: crate::types::ToolType,
}
#[cfg(feature = "chat")]
/// Nexevo's routing for a streamed completion; `cost_usd` comes on the last chunk.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct NexevoChunkMeta {
    /// A USD amount as a decimal string that keeps its precision (`"100.00"`). Never parse it as a binary float.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub cost_usd: ::std::option::Option<::rust_decimal::Decimal>,
    /// A generation id, from a chat completion's `nexevo.generation_id` or its `X-Nexevo-Generation-Id` header.
    pub generation_id: GenerationId,
    /// Where a model is served — `cn` (mainland China) or `overseas`. New regions may be added.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub region: ::std::option::Option<crate::types::Region>,
    /// The upstream model the router chose.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub routed_model: ::std::option::Option<::std::string::String>,
    /// Why the router chose `routed_model` (see `createChatCompletion`): `learned`, the best-scored backend by the payer's feedback; `exploring`, another backend, tried now and then; `default`, the tier's first backend, before the payer rated any of its generations; `fixed`, a named model or bring-your-own-key, never re-routed. New reasons may be added.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub routing_reason: ::std::option::Option<crate::types::RoutingReason>,
    /// A billing tier. `fast` and `balanced` are flat-price, `passthrough` is the named model's price +5%, `byok` is bring-your-own-key. New tiers may be added.
    pub tier: crate::types::Tier,
}
#[cfg(feature = "chat")]
/// Nexevo's routing and billing for a completion.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct NexevoGeneration {
    /// A USD amount as a decimal string that keeps its precision (`"100.00"`). Never parse it as a binary float.
    pub cost_usd: ::rust_decimal::Decimal,
    /// A generation id, from a chat completion's `nexevo.generation_id` or its `X-Nexevo-Generation-Id` header.
    pub generation_id: GenerationId,
    /// Where a model is served — `cn` (mainland China) or `overseas`. New regions may be added.
    pub region: crate::types::Region,
    /// The upstream model the router chose.
    pub routed_model: ::std::string::String,
    /// Why the router chose `routed_model` (see `createChatCompletion`): `learned`, the best-scored backend by the payer's feedback; `exploring`, another backend, tried now and then; `default`, the tier's first backend, before the payer rated any of its generations; `fixed`, a named model or bring-your-own-key, never re-routed. New reasons may be added.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub routing_reason: ::std::option::Option<crate::types::RoutingReason>,
    /// A billing tier. `fast` and `balanced` are flat-price, `passthrough` is the named model's price +5%, `byok` is bring-your-own-key. New tiers may be added.
    pub tier: crate::types::Tier,
}
#[cfg(feature = "orgs")]
/// An organization id.
#[derive(
    ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd,
)]
#[serde(transparent)]
pub struct OrgId(pub ::std::string::String);
#[cfg(feature = "orgs")]
impl ::std::ops::Deref for OrgId {
    type Target = ::std::string::String;
    fn deref(&self) -> &::std::string::String {
        &self.0
    }
}
#[cfg(feature = "orgs")]
impl ::std::convert::From<OrgId> for ::std::string::String {
    fn from(value: OrgId) -> Self {
        value.0
    }
}
#[cfg(feature = "orgs")]
impl ::std::convert::From<::std::string::String> for OrgId {
    fn from(value: ::std::string::String) -> Self {
        Self(value)
    }
}
#[cfg(feature = "orgs")]
impl ::std::fmt::Display for OrgId {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        self.0.fmt(f)
    }
}
#[cfg(feature = "orgs")]
impl ::std::str::FromStr for OrgId {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(Self(value.to_string()))
    }
}
#[cfg(feature = "orgs")]
/// An organization.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct Organization {
    /// An RFC 3339 timestamp in UTC.
    pub created_at: crate::Timestamp,
    /// Members, the owner included.
    pub member_count: u32,
    /// Its name.
    pub name: ::std::string::String,
    /// An organization id.
    pub org_id: OrgId,
    /// A user id.
    pub owner_user_id: UserId,
}
#[cfg(feature = "orgs")]
/// A page of organizations.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct OrganizationList {
    /// The organizations on this page.
    pub data: ::std::vec::Vec<OrganizationMembership>,
    /// Pass as `cursor` for the next page; null on the last page.
    #[serde(deserialize_with = "::std::option::Option::deserialize")]
    pub next_cursor: ::std::option::Option<::std::string::String>,
}
#[cfg(feature = "orgs")]
/// An organization and the caller's role in it.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct OrganizationMembership {
    /// An organization.
    pub organization: Organization,
    /// A member's role in an organization. New roles may be added.
    pub role: crate::types::OrgRole,
}
#[cfg(feature = "auth")]
/// The emailed token and the new password. At most 4 KiB as JSON (4,096 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct PasswordResetConfirmRequest {
    /// A password of 8 to 128 characters.
    pub new_password: crate::Secret,
    /// The single-use token from a password reset email. A secret.
    pub reset_token: crate::Secret,
}
#[cfg(feature = "auth")]
/// Whose password to reset. At most 4 KiB as JSON (4,096 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct PasswordResetRequest {
    /// An email address.
    pub email: Email,
}
#[cfg(feature = "billing")]
/// A plan and its price.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct Plan {
    /// A USD amount as a decimal string that keeps its precision (`"100.00"`). Never parse it as a binary float.
    pub monthly_fee_usd: ::rust_decimal::Decimal,
    /// The plan's display name.
    pub name: ::std::string::String,
    /// A plan. New plans may be added.
    pub plan_id: crate::types::PlanId,
    /// An RFC 3339 timestamp in UTC.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub renews_at: ::std::option::Option<crate::Timestamp>,
    /// A percentage as a decimal string (`"12.5"` is 12.5%).
    pub usage_discount_pct: ::rust_decimal::Decimal,
}
#[cfg(feature = "auth")]
/// A new account. At most 8 KiB as JSON (8,192 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct RegisterRequest {
    /// An email address.
    pub email: Email,
    /// The person's name.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub full_name: ::std::option::Option<::std::string::String>,
    /// The token from an organization's invitation email, which proves the invited mailbox. A secret.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub invitation_token: ::std::option::Option<crate::Secret>,
    /// A password of 8 to 128 characters.
    pub password: crate::Secret,
}
#[cfg(feature = "chat")]
/// Constrains the output format.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ResponseFormat {
    /// The schema the output must match, with `type` `json_schema`.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub json_schema: ::std::option::Option<JsonSchemaFormat>,
    /// `text`, any `json_object`, or JSON matching `json_schema`.
    #[serde(rename = "type")]
    pub type_: crate::types::ResponseFormatType,
}
#[cfg(feature = "conversations")]
/// A message stored in a conversation.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct StoredMessage {
    /// The message's text.
    pub content: ::std::string::String,
    /// A conversation id.
    pub conversation_id: ConversationId,
    /// An RFC 3339 timestamp in UTC.
    pub created_at: crate::Timestamp,
    /// The message's id.
    pub message_id: ::std::string::String,
    /// Who wrote a message.
    pub role: crate::types::MessageRole,
}
#[cfg(feature = "feedback")]
/// Feedback on one generation. At most 16 KiB as JSON (16,384 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct SubmitFeedbackRequest {
    /// Free text, up to 2000 characters.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub comment: ::std::option::Option<::std::string::String>,
    /// A generation id, from a chat completion's `nexevo.generation_id` or its `X-Nexevo-Generation-Id` header.
    pub generation_id: GenerationId,
    /// 1 is thumbs up, -1 is thumbs down.
    pub rating: FeedbackRating,
    /// Up to 10 distinct tags.
    #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
    pub tags: ::std::vec::Vec<FeedbackTag>,
}
#[cfg(feature = "billing")]
/// Cost and request count of one tier.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct TierUsage {
    /// A USD amount as a decimal string that keeps its precision (`"100.00"`). Never parse it as a binary float.
    pub cost_usd: ::rust_decimal::Decimal,
    /// Billable requests.
    pub requests: u64,
}
#[cfg(feature = "chat")]
/// Token counts.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct TokenUsage {
    /// Tokens generated.
    pub completion_tokens: u32,
    /// Tokens in the request.
    pub prompt_tokens: u32,
    /// The sum of both.
    pub total_tokens: u32,
}
#[cfg(feature = "chat")]
/// A tool the model may call.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct Tool {
    /// A function the model may call.
    pub function: FunctionDefinition,
    /// The kind of tool. New kinds may be added.
    #[serde(rename = "type")]
    pub type_: crate::types::ToolType,
}
#[cfg(feature = "chat")]
/// A call of a function tool.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ToolCall {
    /// The function a tool call invokes and its JSON arguments.
    pub function: FunctionCall,
    /// The call's id; a `tool` message answers it by `tool_call_id`.
    pub id: ::std::string::String,
    /// The kind of tool. New kinds may be added.
    #[serde(rename = "type")]
    pub type_: crate::types::ToolType,
}
#[cfg(feature = "chat")]
/// A fragment of a tool call; fragments with the same `index` make one call.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct ToolCallDelta {
    /// A fragment of a function call.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub function: ::std::option::Option<FunctionCallDelta>,
    /// The call's id, on its first fragment.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub id: ::std::option::Option<::std::string::String>,
    /// Which tool call this fragment belongs to.
    pub index: u32,
    /// The kind of tool. New kinds may be added.
    #[serde(
        rename = "type",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub type_: ::std::option::Option<crate::types::ToolType>,
}
#[cfg(feature = "chat")]
/// `none`, `auto`, `required`, or a named function the model must call.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
#[serde(untagged)]
pub enum ToolChoice {
    /// Whether the model may, must or must not call tools.
    ToolChoiceMode(crate::types::ToolChoiceMode),
    /// Forces a call of one function.
    NamedToolChoice(NamedToolChoice),
}
#[cfg(feature = "chat")]
impl ::std::convert::From<crate::types::ToolChoiceMode> for ToolChoice {
    fn from(value: crate::types::ToolChoiceMode) -> Self {
        Self::ToolChoiceMode(value)
    }
}
#[cfg(feature = "chat")]
impl ::std::convert::From<NamedToolChoice> for ToolChoice {
    fn from(value: NamedToolChoice) -> Self {
        Self::NamedToolChoice(value)
    }
}
#[cfg(feature = "auth")]
/// A 6-digit code from an authenticator app.
#[derive(
    ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd,
)]
#[serde(transparent)]
pub struct TotpCode(pub ::std::string::String);
#[cfg(feature = "auth")]
impl ::std::ops::Deref for TotpCode {
    type Target = ::std::string::String;
    fn deref(&self) -> &::std::string::String {
        &self.0
    }
}
#[cfg(feature = "auth")]
impl ::std::convert::From<TotpCode> for ::std::string::String {
    fn from(value: TotpCode) -> Self {
        value.0
    }
}
#[cfg(feature = "auth")]
impl ::std::convert::From<::std::string::String> for TotpCode {
    fn from(value: ::std::string::String) -> Self {
        Self(value)
    }
}
#[cfg(feature = "auth")]
impl ::std::fmt::Display for TotpCode {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        self.0.fmt(f)
    }
}
#[cfg(feature = "auth")]
impl ::std::str::FromStr for TotpCode {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(Self(value.to_string()))
    }
}
#[cfg(feature = "orgs")]
/// The member who becomes the owner. At most 4 KiB as JSON (4,096 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct TransferOwnerRequest {
    /// A user id.
    pub new_owner_user_id: UserId,
}
#[cfg(feature = "auth")]
/// A current TOTP code. At most 4 KiB as JSON (4,096 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct TwoFaCodeRequest {
    /// A 6-digit code from an authenticator app.
    pub code: TotpCode,
}
#[cfg(feature = "auth")]
/// A TOTP secret to enrol. Both fields are secrets.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct TwoFaEnrollment {
    /// A TOTP secret as an `otpauth://` URL, for a QR code. A secret.
    pub otpauth_url: crate::Secret,
    /// A base32 TOTP secret (RFC 6238, SHA-1, 6 digits, 30 s). A secret.
    pub secret: crate::Secret,
}
#[cfg(feature = "auth")]
/// Two-factor authentication state.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct TwoFaStatus {
    /// Whether login needs a TOTP code.
    pub enabled: bool,
    /// Whether an enrolment was started and awaits `verifyTwoFa`.
    pub pending_verification: bool,
}
#[cfg(feature = "keys")]
/// The new webhook URL, or null to remove it. At most 16 KiB as JSON (16,384 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct UpdateAlertWebhookRequest {
    /// An `https://` URL of a public host — not an internal address (loopback, private, link-local, metadata, …, however written), a local name (`localhost`, `*.internal`, …), a user name or password (the operation lists the rule); for tests, `http://127.0.0.1[:PORT]/…` or `http://localhost[:PORT]/…`, which only a sandbox accepts (the real service answers 422). Any other `http://` is refused.
    #[serde(deserialize_with = "::std::option::Option::deserialize")]
    pub url: ::std::option::Option<::std::string::String>,
}
#[cfg(feature = "conversations")]
/// Changes to a conversation; fields left out are unchanged. At most 8 KiB as JSON (8,192 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
pub struct UpdateConversationRequest {
    /// Any JSON object, at most 4 KB serialized; use it for your own user, session or topic ids.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub metadata: ::std::option::Option<Metadata>,
    /// The new title.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub title: ::std::option::Option<::std::string::String>,
}
#[cfg(feature = "keys")]
/// The new geo routing policy. At most 4 KiB as JSON (4,096 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct UpdateGeoPolicyRequest {
    /// Where a key's requests may be routed (see `createChatCompletion`) — `cn-only` to mainland China backends, `overseas-only` to the others, `any` to the model's preferred region. New policies may be added.
    pub geo_policy: crate::types::GeoPolicy,
}
#[cfg(feature = "auth")]
/// Profile changes. At most 4 KiB as JSON (4,096 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct UpdateProfileRequest {
    /// The person's name.
    pub full_name: ::std::string::String,
}
#[cfg(feature = "keys")]
/// A new cap, or `clear` to remove it; exactly one of the two. At most 4 KiB as JSON (4,096 bytes); a larger body is refused unread with 413.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
pub struct UpdateSpendCapRequest {
    /// True removes the cap (no limit).
    #[serde(default)]
    pub clear: bool,
    /// A monthly spend cap in USD as a decimal string (`"100.00"`) of at most 7 integer digits and 6 decimal places. Its precision is kept.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub monthly_spend_cap_usd: ::std::option::Option<::rust_decimal::Decimal>,
}
#[cfg(feature = "billing")]
/// A cheaper plan for the recent usage, or null when the current plan is the cheapest.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct UpgradeHint {
    /// A USD amount as a decimal string that keeps its precision (`"100.00"`). Never parse it as a binary float.
    pub estimated_monthly_savings_usd: ::rust_decimal::Decimal,
    /// Why, in a sentence.
    pub reason: ::std::string::String,
    /// A plan. New plans may be added.
    pub recommend_plan: crate::types::PlanId,
    /// A percentage as a decimal string (`"12.5"` is 12.5%).
    pub savings_pct: ::rust_decimal::Decimal,
}
#[cfg(feature = "billing")]
/// An upgrade hint, or null when the current plan is the cheapest.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct UpgradeHintResponse {
    /// A cheaper plan for the recent usage, or null when the current plan is the cheapest.
    #[serde(deserialize_with = "::std::option::Option::deserialize")]
    pub hint: ::std::option::Option<UpgradeHint>,
}
#[cfg(feature = "billing")]
/// Usage over a period, by day and tier.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct Usage {
    /// Usage split by billing tier.
    pub by_tier: UsageByTier,
    /// One row per day, oldest first, days without usage included.
    pub daily: ::std::vec::Vec<UsageDay>,
    /// The number of days covered.
    pub days: u32,
    /// A USD amount as a decimal string that keeps its precision (`"100.00"`). Never parse it as a binary float.
    pub total_cost_usd: ::rust_decimal::Decimal,
    /// Billable requests over the period.
    pub total_requests: u64,
}
#[cfg(feature = "billing")]
/// Usage split by billing tier.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct UsageByTier {
    /// Cost and request count of one tier.
    pub balanced: TierUsage,
    /// Cost and request count of one tier.
    pub byok: TierUsage,
    /// Cost and request count of one tier.
    pub fast: TierUsage,
    /// Cost and request count of one tier.
    pub passthrough: TierUsage,
}
#[cfg(feature = "billing")]
/// Usage of one UTC day.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct UsageDay {
    /// Usage split by billing tier.
    pub by_tier: UsageByTier,
    /// A USD amount as a decimal string that keeps its precision (`"100.00"`). Never parse it as a binary float.
    pub cost_usd: ::rust_decimal::Decimal,
    /// A UTC calendar day (RFC 3339 `full-date`).
    pub date: crate::Date,
    /// Billable requests.
    pub requests: u64,
}
#[cfg(feature = "auth")]
/// An account.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
pub struct User {
    /// An RFC 3339 timestamp in UTC.
    pub created_at: crate::Timestamp,
    /// An email address.
    pub email: Email,
    /// The person's name, if set.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub full_name: ::std::option::Option<::std::string::String>,
    /// Whether an account is usable. New states may be added.
    pub status: crate::types::AccountStatus,
    /// Whether login needs a TOTP code.
    pub two_factor_enabled: bool,
    /// A user id.
    pub user_id: UserId,
}
#[cfg(any(feature = "auth", feature = "orgs"))]
/// A user id.
#[derive(
    ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd,
)]
#[serde(transparent)]
pub struct UserId(pub ::std::string::String);
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::ops::Deref for UserId {
    type Target = ::std::string::String;
    fn deref(&self) -> &::std::string::String {
        &self.0
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::convert::From<UserId> for ::std::string::String {
    fn from(value: UserId) -> Self {
        value.0
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::convert::From<::std::string::String> for UserId {
    fn from(value: ::std::string::String) -> Self {
        Self(value)
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::fmt::Display for UserId {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        self.0.fmt(f)
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::str::FromStr for UserId {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(Self(value.to_string()))
    }
}
/// Error types.
pub mod error {}
#[cfg(feature = "conversations")]
impl ::std::convert::From<&str> for ConversationId {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}
#[cfg(feature = "conversations")]
impl ::std::convert::From<&ConversationId> for ConversationId {
    fn from(value: &ConversationId) -> Self {
        value.clone()
    }
}
#[cfg(feature = "conversations")]
impl ::std::convert::AsRef<str> for ConversationId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::convert::From<&str> for Email {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::convert::From<&Email> for Email {
    fn from(value: &Email) -> Self {
        value.clone()
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::convert::AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
#[cfg(feature = "feedback")]
impl ::std::convert::From<&str> for FeedbackTag {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}
#[cfg(feature = "feedback")]
impl ::std::convert::From<&FeedbackTag> for FeedbackTag {
    fn from(value: &FeedbackTag) -> Self {
        value.clone()
    }
}
#[cfg(feature = "feedback")]
impl ::std::convert::AsRef<str> for FeedbackTag {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
#[cfg(any(feature = "chat", feature = "feedback"))]
impl ::std::convert::From<&str> for GenerationId {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}
#[cfg(any(feature = "chat", feature = "feedback"))]
impl ::std::convert::From<&GenerationId> for GenerationId {
    fn from(value: &GenerationId) -> Self {
        value.clone()
    }
}
#[cfg(any(feature = "chat", feature = "feedback"))]
impl ::std::convert::AsRef<str> for GenerationId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
#[cfg(feature = "keys")]
impl ::std::convert::From<&str> for KeyId {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}
#[cfg(feature = "keys")]
impl ::std::convert::From<&KeyId> for KeyId {
    fn from(value: &KeyId) -> Self {
        value.clone()
    }
}
#[cfg(feature = "keys")]
impl ::std::convert::AsRef<str> for KeyId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
#[cfg(feature = "orgs")]
impl ::std::convert::From<&str> for OrgId {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}
#[cfg(feature = "orgs")]
impl ::std::convert::From<&OrgId> for OrgId {
    fn from(value: &OrgId) -> Self {
        value.clone()
    }
}
#[cfg(feature = "orgs")]
impl ::std::convert::AsRef<str> for OrgId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
#[cfg(feature = "auth")]
impl ::std::convert::From<&str> for TotpCode {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}
#[cfg(feature = "auth")]
impl ::std::convert::From<&TotpCode> for TotpCode {
    fn from(value: &TotpCode) -> Self {
        value.clone()
    }
}
#[cfg(feature = "auth")]
impl ::std::convert::AsRef<str> for TotpCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::convert::From<&str> for UserId {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::convert::From<&UserId> for UserId {
    fn from(value: &UserId) -> Self {
        value.clone()
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl ::std::convert::AsRef<str> for UserId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
#[cfg(feature = "auth")]
/// Whether an account is usable. New states may be added.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum AccountStatus {
    /// `active`
    Active,
    /// `deactivated`
    Deactivated,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(feature = "auth")]
crate::open_enum_impls!(
    AccountStatus,
    [(Active, "active"), (Deactivated, "deactivated")]
);
#[cfg(feature = "keys")]
/// What an alert says — `spend_cap.warning` (80 % of the monthly cap spent) or `spend_cap.reached` (all of it; requests are refused). New types may be added.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum AlertEventType {
    /// `spend_cap.warning`
    SpendCapWarning,
    /// `spend_cap.reached`
    SpendCapReached,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(feature = "keys")]
crate::open_enum_impls!(
    AlertEventType,
    [
        (SpendCapWarning, "spend_cap.warning"),
        (SpendCapReached, "spend_cap.reached")
    ]
);
#[cfg(feature = "billing")]
/// A checkout session's state. New states may be added.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CheckoutStatus {
    /// `open`
    Open,
    /// `complete`
    Complete,
    /// `expired`
    Expired,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(feature = "billing")]
crate::open_enum_impls!(
    CheckoutStatus,
    [(Open, "open"), (Complete, "complete"), (Expired, "expired")]
);
/// A machine-readable error code. New codes may be added.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorCode {
    /// `unauthorized`
    Unauthorized,
    /// `two_factor_required`
    TwoFactorRequired,
    /// `invalid_two_factor_code`
    InvalidTwoFactorCode,
    /// `invalid_credentials`
    InvalidCredentials,
    /// `spend_cap_exceeded`
    SpendCapExceeded,
    /// `insufficient_balance`
    InsufficientBalance,
    /// `forbidden`
    Forbidden,
    /// `not_found`
    NotFound,
    /// `conflict`
    Conflict,
    /// `already_exists`
    AlreadyExists,
    /// `idempotency_conflict`
    IdempotencyConflict,
    /// `idempotency_in_progress`
    IdempotencyInProgress,
    /// `geo_restricted`
    GeoRestricted,
    /// `validation_failed`
    ValidationFailed,
    /// `rate_limited`
    RateLimited,
    /// `too_many_attempts`
    TooManyAttempts,
    /// `internal_error`
    InternalError,
    /// `service_unavailable`
    ServiceUnavailable,
    /// `not_implemented`
    NotImplemented,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
crate::open_enum_impls!(
    ErrorCode,
    [
        (Unauthorized, "unauthorized"),
        (TwoFactorRequired, "two_factor_required"),
        (InvalidTwoFactorCode, "invalid_two_factor_code"),
        (InvalidCredentials, "invalid_credentials"),
        (SpendCapExceeded, "spend_cap_exceeded"),
        (InsufficientBalance, "insufficient_balance"),
        (Forbidden, "forbidden"),
        (NotFound, "not_found"),
        (Conflict, "conflict"),
        (AlreadyExists, "already_exists"),
        (IdempotencyConflict, "idempotency_conflict"),
        (IdempotencyInProgress, "idempotency_in_progress"),
        (GeoRestricted, "geo_restricted"),
        (ValidationFailed, "validation_failed"),
        (RateLimited, "rate_limited"),
        (TooManyAttempts, "too_many_attempts"),
        (InternalError, "internal_error"),
        (ServiceUnavailable, "service_unavailable"),
        (NotImplemented, "not_implemented")
    ]
);
#[cfg(feature = "chat")]
/// Why generation stopped. New reasons may be added.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum FinishReason {
    /// `stop`
    Stop,
    /// `length`
    Length,
    /// `tool_calls`
    ToolCalls,
    /// `content_filter`
    ContentFilter,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(feature = "chat")]
crate::open_enum_impls!(
    FinishReason,
    [
        (Stop, "stop"),
        (Length, "length"),
        (ToolCalls, "tool_calls"),
        (ContentFilter, "content_filter")
    ]
);
#[cfg(feature = "keys")]
/// Where a key's requests may be routed (see `createChatCompletion`) — `cn-only` to mainland China backends, `overseas-only` to the others, `any` to the model's preferred region. New policies may be added.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum GeoPolicy {
    /// `cn-only`
    CnOnly,
    /// `overseas-only`
    OverseasOnly,
    /// `any`
    Any,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(feature = "keys")]
crate::open_enum_impls!(
    GeoPolicy,
    [
        (CnOnly, "cn-only"),
        (OverseasOnly, "overseas-only"),
        (Any, "any")
    ]
);
#[cfg(feature = "keys")]
/// Whether a key authenticates. New states may be added.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum KeyStatus {
    /// `active`
    Active,
    /// `revoked`
    Revoked,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(feature = "keys")]
crate::open_enum_impls!(KeyStatus, [(Active, "active"), (Revoked, "revoked")]);
#[cfg(feature = "orgs")]
/// Whether a member has joined (`active`), or was invited without an account and has yet to register with the invitation's token (`invited`). New states may be added.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MemberStatus {
    /// `active`
    Active,
    /// `invited`
    Invited,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(feature = "orgs")]
crate::open_enum_impls!(MemberStatus, [(Active, "active"), (Invited, "invited")]);
#[cfg(any(feature = "chat", feature = "conversations"))]
/// Who wrote a message.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MessageRole {
    /// `system`
    System,
    /// `user`
    User,
    /// `assistant`
    Assistant,
    /// `tool`
    Tool,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(any(feature = "chat", feature = "conversations"))]
crate::open_enum_impls!(
    MessageRole,
    [
        (System, "system"),
        (User, "user"),
        (Assistant, "assistant"),
        (Tool, "tool")
    ]
);
#[cfg(feature = "orgs")]
/// A member's role in an organization. New roles may be added.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum OrgRole {
    /// `owner`
    Owner,
    /// `admin`
    Admin,
    /// `developer`
    Developer,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(feature = "orgs")]
crate::open_enum_impls!(
    OrgRole,
    [(Owner, "owner"), (Admin, "admin"), (Developer, "developer")]
);
#[cfg(feature = "billing")]
/// A plan. New plans may be added.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum PlanId {
    /// `payg`
    Payg,
    /// `pro`
    Pro,
    /// `scale`
    Scale,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(feature = "billing")]
crate::open_enum_impls!(PlanId, [(Payg, "payg"), (Pro, "pro"), (Scale, "scale")]);
#[cfg(feature = "chat")]
/// Where a model is served — `cn` (mainland China) or `overseas`. New regions may be added.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Region {
    /// `cn`
    Cn,
    /// `overseas`
    Overseas,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(feature = "chat")]
crate::open_enum_impls!(Region, [(Cn, "cn"), (Overseas, "overseas")]);
#[cfg(feature = "chat")]
/// `text`, any `json_object`, or JSON matching `json_schema`.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ResponseFormatType {
    /// `text`
    Text,
    /// `json_object`
    JsonObject,
    /// `json_schema`
    JsonSchema,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(feature = "chat")]
crate::open_enum_impls!(
    ResponseFormatType,
    [
        (Text, "text"),
        (JsonObject, "json_object"),
        (JsonSchema, "json_schema")
    ]
);
#[cfg(feature = "chat")]
/// Why the router chose `routed_model` (see `createChatCompletion`): `learned`, the best-scored backend by the payer's feedback; `exploring`, another backend, tried now and then; `default`, the tier's first backend, before the payer rated any of its generations; `fixed`, a named model or bring-your-own-key, never re-routed. New reasons may be added.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RoutingReason {
    /// `learned`
    Learned,
    /// `exploring`
    Exploring,
    /// `default`
    Default,
    /// `fixed`
    Fixed,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(feature = "chat")]
crate::open_enum_impls!(
    RoutingReason,
    [
        (Learned, "learned"),
        (Exploring, "exploring"),
        (Default, "default"),
        (Fixed, "fixed")
    ]
);
#[cfg(any(feature = "chat", feature = "feedback"))]
/// A billing tier. `fast` and `balanced` are flat-price, `passthrough` is the named model's price +5%, `byok` is bring-your-own-key. New tiers may be added.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Tier {
    /// `fast`
    Fast,
    /// `balanced`
    Balanced,
    /// `passthrough`
    Passthrough,
    /// `byok`
    Byok,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(any(feature = "chat", feature = "feedback"))]
crate::open_enum_impls!(
    Tier,
    [
        (Fast, "fast"),
        (Balanced, "balanced"),
        (Passthrough, "passthrough"),
        (Byok, "byok")
    ]
);
#[cfg(feature = "chat")]
/// Whether the model may, must or must not call tools.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ToolChoiceMode {
    /// `none`
    None,
    /// `auto`
    Auto,
    /// `required`
    Required,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(feature = "chat")]
crate::open_enum_impls!(
    ToolChoiceMode,
    [(None, "none"), (Auto, "auto"), (Required, "required")]
);
#[cfg(feature = "chat")]
/// The kind of tool. New kinds may be added.
///
/// The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ToolType {
    /// `function`
    Function,
    /// A value this version of the SDK does not know yet, kept as received.
    Unknown(crate::UnknownValue),
}
#[cfg(feature = "chat")]
crate::open_enum_impls!(ToolType, [(Function, "function")]);
