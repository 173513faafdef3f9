//! Nexevo conversations: persistence for chat UIs. A conversation holds a title, metadata (any
//! JSON object up to 4 KB) and messages; appending a message only stores it, it never calls a
//! model.
//!
//! ```no_run
//! use nexevo_conversations::{ConversationsExt, MessageRole};
//!
//! # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
//! let conversation = client.conversations().create().title("My Session").await?;
//! client
//!     .conversations()
//!     .append_message(&conversation.conversation_id, MessageRole::User, "Hello!")
//!     .await?;
//! let recent = client.conversations().list().limit(20).await?;
//! let detail = client.conversations().get(&conversation.conversation_id).await?;
//! println!("{} messages", detail.messages.len());
//! # Ok(()) }
//! ```

use nexevo_api::types::{
    AppendMessageRequest, ConversationList, CreateConversationRequest, MessageList, Metadata,
    UpdateConversationRequest,
};
use nexevo_api::validate::params;
use nexevo_api::validation::Rule;
use nexevo_api::{Validate, ValidationError};
use nexevo_core::{BoxFuture, Client, Operation, Page, Paginated, Response, Result, awaitable};

pub use nexevo_api::types::{
    Conversation, ConversationDetail, ConversationId, DeletedConversation, MessageRole,
    StoredMessage,
};

/// Adds [`conversations()`](ConversationsExt::conversations) to the client.
pub trait ConversationsExt {
    /// The conversation calls.
    fn conversations(&self) -> Conversations;
}

impl ConversationsExt for Client {
    fn conversations(&self) -> Conversations {
        Conversations {
            client: self.clone(),
        }
    }
}

/// The conversation calls of a client.
#[derive(Debug, Clone)]
pub struct Conversations {
    client: Client,
}

/// Metadata must be a JSON object; anything else is refused before sending.
fn metadata(value: serde_json::Value) -> std::result::Result<Metadata, ValidationError> {
    match value {
        serde_json::Value::Object(map) => Ok(Metadata(map)),
        _ => Err(ValidationError::at_field(
            "metadata",
            Rule::Described("must be a JSON object".into()),
        )),
    }
}

impl Conversations {
    /// Creates a conversation; set its [`title`](CreateConversation::title) and
    /// [`metadata`](CreateConversation::metadata) before awaiting.
    ///
    /// ```no_run
    /// # use nexevo_conversations::ConversationsExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let conversation = client
    ///     .conversations()
    ///     .create()
    ///     .title("My Session")
    ///     .metadata(serde_json::json!({ "user_id": "u_42" }))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn create(&self) -> CreateConversation {
        CreateConversation {
            client: self.client.clone(),
            body: CreateConversationRequest {
                title: None,
                metadata: None,
            },
            metadata_error: None,
            idempotency_key: None,
        }
    }

    /// One page of the caller's conversations, most recently updated first.
    ///
    /// ```no_run
    /// # use nexevo_conversations::ConversationsExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// for conversation in client.conversations().list().limit(20).await?.items {
    ///     println!("{}: {:?}", conversation.conversation_id, conversation.title);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> ListConversations {
        ListConversations {
            client: self.client.clone(),
            limit: None,
            cursor: None,
        }
    }

    /// A conversation with its first 100 messages.
    ///
    /// ```no_run
    /// # use nexevo_conversations::ConversationsExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let detail = client.conversations().get("conv_8d2f1a").await?;
    /// # Ok(()) }
    /// ```
    pub fn get(&self, conversation_id: impl Into<ConversationId>) -> GetConversation {
        GetConversation {
            client: self.client.clone(),
            conversation_id: conversation_id.into(),
        }
    }

    /// Changes the title and/or replaces the metadata; what is not set stays.
    ///
    /// ```no_run
    /// # use nexevo_conversations::ConversationsExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// client.conversations().update("conv_8d2f1a").title("Renamed").await?;
    /// # Ok(()) }
    /// ```
    pub fn update(&self, conversation_id: impl Into<ConversationId>) -> UpdateConversation {
        UpdateConversation {
            client: self.client.clone(),
            conversation_id: conversation_id.into(),
            body: UpdateConversationRequest {
                title: None,
                metadata: None,
            },
            metadata_error: None,
        }
    }

    /// Deletes a conversation and its messages.
    ///
    /// ```no_run
    /// # use nexevo_conversations::ConversationsExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// client.conversations().delete("conv_8d2f1a").await?;
    /// # Ok(()) }
    /// ```
    pub fn delete(&self, conversation_id: impl Into<ConversationId>) -> DeleteConversation {
        DeleteConversation {
            client: self.client.clone(),
            conversation_id: conversation_id.into(),
        }
    }

    /// Stores a message at the end of the conversation (it never calls a model).
    ///
    /// ```no_run
    /// # use nexevo_conversations::{ConversationsExt, MessageRole};
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// client.conversations().append_message("conv_8d2f1a", MessageRole::User, "Hello!").await?;
    /// # Ok(()) }
    /// ```
    pub fn append_message(
        &self,
        conversation_id: impl Into<ConversationId>,
        role: MessageRole,
        content: impl Into<String>,
    ) -> AppendMessage {
        AppendMessage {
            client: self.client.clone(),
            conversation_id: conversation_id.into(),
            body: AppendMessageRequest {
                role,
                content: content.into(),
            },
            idempotency_key: None,
        }
    }

    /// One page of a conversation's messages, oldest first.
    ///
    /// ```no_run
    /// # use nexevo_conversations::ConversationsExt;
    /// # use nexevo_core::Paginated;
    /// # use futures_util::TryStreamExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let every_message: Vec<_> = client.conversations().list_messages("conv_8d2f1a").into_stream().try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub fn list_messages(&self, conversation_id: impl Into<ConversationId>) -> ListMessages {
        ListMessages {
            client: self.client.clone(),
            conversation_id: conversation_id.into(),
            limit: None,
            cursor: None,
        }
    }
}

/// [`Conversations::create`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct CreateConversation {
    client: Client,
    body: CreateConversationRequest,
    metadata_error: Option<ValidationError>,
    idempotency_key: Option<String>,
}

impl CreateConversation {
    /// The title (1 to 200 characters).
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.body.title = Some(title.into());
        self
    }

    /// Any JSON object of your own (user, session, topic ids), at most 4 KB serialized.
    pub fn metadata(mut self, value: serde_json::Value) -> Self {
        match metadata(value) {
            Ok(metadata) => self.body.metadata = Some(metadata),
            Err(error) => self.metadata_error = Some(error),
        }
        self
    }

    /// Uses your own `Idempotency-Key` (a fresh UUID when not set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
}

impl Operation for CreateConversation {
    type Output = Conversation;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Conversation>>> {
        Box::pin(async move {
            if let Some(error) = self.metadata_error {
                return Err(error.into());
            }
            self.body.validate()?;
            let key = Client::idempotency_key(self.idempotency_key, params::idempotency_key)?;
            let body = self.body;
            self.client
                .call(|api| async move { api.create_conversation(Some(&key), &body).await })
                .await
        })
    }
}

/// [`Conversations::list`], ready to await (one page) or to stream (every conversation).
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ListConversations {
    client: Client,
    limit: Option<u32>,
    cursor: Option<String>,
}

impl ListConversations {
    /// Conversations per page, 1 to 100 (20 when not set).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
}

impl Operation for ListConversations {
    type Output = Page<Conversation>;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Page<Conversation>>>> {
        Box::pin(async move {
            nexevo_core::check_page(
                self.limit,
                self.cursor.as_deref(),
                params::limit,
                params::cursor,
            )?;
            let (limit, cursor) = (self.limit, self.cursor);
            let answer = self
                .client
                .call(|api| async move { api.list_conversations(cursor.as_deref(), limit).await })
                .await?;
            Ok(answer.map(|ConversationList { data, next_cursor }| Page {
                items: data,
                next_cursor,
            }))
        })
    }
}

impl Paginated for ListConversations {
    type Item = Conversation;

    fn cursor(mut self, cursor: impl Into<String>) -> Self {
        self.cursor = Some(cursor.into());
        self
    }
}

/// [`Conversations::get`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetConversation {
    client: Client,
    conversation_id: ConversationId,
}

impl Operation for GetConversation {
    type Output = ConversationDetail;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<ConversationDetail>>> {
        Box::pin(async move {
            params::conversation_id(&self.conversation_id)?;
            let id = self.conversation_id;
            self.client
                .call(|api| async move { api.get_conversation(&id).await })
                .await
        })
    }
}

/// [`Conversations::update`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct UpdateConversation {
    client: Client,
    conversation_id: ConversationId,
    body: UpdateConversationRequest,
    metadata_error: Option<ValidationError>,
}

impl UpdateConversation {
    /// The new title (1 to 200 characters).
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.body.title = Some(title.into());
        self
    }

    /// New metadata, replacing the old (a JSON object, at most 4 KB serialized).
    pub fn metadata(mut self, value: serde_json::Value) -> Self {
        match metadata(value) {
            Ok(metadata) => self.body.metadata = Some(metadata),
            Err(error) => self.metadata_error = Some(error),
        }
        self
    }
}

impl Operation for UpdateConversation {
    type Output = Conversation;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Conversation>>> {
        Box::pin(async move {
            if let Some(error) = self.metadata_error {
                return Err(error.into());
            }
            params::conversation_id(&self.conversation_id)?;
            self.body.validate()?;
            let (id, body) = (self.conversation_id, self.body);
            self.client
                .call(|api| async move { api.update_conversation(&id, &body).await })
                .await
        })
    }
}

/// [`Conversations::delete`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct DeleteConversation {
    client: Client,
    conversation_id: ConversationId,
}

impl Operation for DeleteConversation {
    type Output = DeletedConversation;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<DeletedConversation>>> {
        Box::pin(async move {
            params::conversation_id(&self.conversation_id)?;
            let id = self.conversation_id;
            self.client
                .call(|api| async move { api.delete_conversation(&id).await })
                .await
        })
    }
}

/// [`Conversations::append_message`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct AppendMessage {
    client: Client,
    conversation_id: ConversationId,
    body: AppendMessageRequest,
    idempotency_key: Option<String>,
}

impl AppendMessage {
    /// Uses your own `Idempotency-Key` (a fresh UUID when not set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
}

impl Operation for AppendMessage {
    type Output = StoredMessage;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<StoredMessage>>> {
        Box::pin(async move {
            params::conversation_id(&self.conversation_id)?;
            self.body.validate()?;
            let key = Client::idempotency_key(self.idempotency_key, params::idempotency_key)?;
            let (id, body) = (self.conversation_id, self.body);
            self.client
                .call(|api| async move { api.append_message(&id, Some(&key), &body).await })
                .await
        })
    }
}

/// [`Conversations::list_messages`], ready to await (one page) or to stream (every message).
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ListMessages {
    client: Client,
    conversation_id: ConversationId,
    limit: Option<u32>,
    cursor: Option<String>,
}

impl ListMessages {
    /// Messages per page, 1 to 100 (20 when not set).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
}

impl Operation for ListMessages {
    type Output = Page<StoredMessage>;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Page<StoredMessage>>>> {
        Box::pin(async move {
            params::conversation_id(&self.conversation_id)?;
            nexevo_core::check_page(
                self.limit,
                self.cursor.as_deref(),
                params::limit,
                params::cursor,
            )?;
            let (id, limit, cursor) = (self.conversation_id, self.limit, self.cursor);
            let answer = self
                .client
                .call(|api| async move { api.list_messages(&id, cursor.as_deref(), limit).await })
                .await?;
            Ok(answer.map(|MessageList { data, next_cursor }| Page {
                items: data,
                next_cursor,
            }))
        })
    }
}

impl Paginated for ListMessages {
    type Item = StoredMessage;

    fn cursor(mut self, cursor: impl Into<String>) -> Self {
        self.cursor = Some(cursor.into());
        self
    }
}

awaitable!(
    CreateConversation,
    ListConversations,
    GetConversation,
    UpdateConversation,
    DeleteConversation,
    AppendMessage,
    ListMessages,
);
