// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The `conversations` calls: `client.conversations()` and a builder per operation, from the spec's `conversations` operations.

#[allow(unused_imports, unreachable_pub)]
pub use nexevo_api::Timestamp;
#[allow(unused_imports)]
use nexevo_api::Validate;
#[allow(unused_imports, unreachable_pub)]
pub use nexevo_api::types::{
    Conversation, ConversationDetail, ConversationId, DeletedConversation, MessageRole, Metadata,
    StoredMessage,
};
#[allow(unused_imports)]
use nexevo_api::validate::params;
#[allow(unused_imports)]
use nexevo_core::__private::{self, CallBuilder, RequestOptions, awaitable};
#[allow(unused_imports)]
use nexevo_core::{
    BoxFuture, CallOptions, Client, Idempotent, Operation, Page, Paginated, Response, Result,
};
/// Adds [`conversations()`](ConversationsExt::conversations) to the client.
pub trait ConversationsExt {
    /// The `conversations` calls: Persistence for chat UIs. Appending a message only stores it; it never calls a model.
    fn conversations(&self) -> Conversations;
}
impl ConversationsExt for Client {
    fn conversations(&self) -> Conversations {
        Conversations {
            client: self.clone(),
        }
    }
}
/// The `conversations` calls of a client: Persistence for chat UIs. Appending a message only stores it; it never calls a model.
#[derive(Debug, Clone)]
pub struct Conversations {
    pub(crate) client: Client,
}
impl Conversations {
    /// List conversations
    ///
    /// The caller's conversations, most recently updated first, one page at a time.
    ///
    /// ```no_run
    /// # use nexevo_conversations::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.conversations().list().await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> ListConversations {
        ListConversations {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            limit: ::std::option::Option::None,
            cursor: ::std::option::Option::None,
        }
    }
    /// Create a conversation
    ///
    /// Creates an empty conversation with an optional title and metadata (any JSON object, at most 4 KB serialized).
    ///
    /// ```no_run
    /// # use nexevo_conversations::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.conversations().create().await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn create(&self) -> CreateConversation {
        CreateConversation {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            body: ::nexevo_api::types::CreateConversationRequest {
                metadata: ::std::option::Option::None,
                title: ::std::option::Option::None,
            },
            invalid: ::std::option::Option::None,
        }
    }
    /// Get a conversation
    ///
    /// A conversation with its first 100 messages; `has_more_messages` says whether `listMessages` has more.
    ///
    /// - `conversation_id`: The conversation's id (6 to 69 characters).
    ///
    /// ```no_run
    /// # use nexevo_conversations::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.conversations().get("conv_8d2f1a").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn get(
        &self,
        conversation_id: impl ::std::convert::Into<::nexevo_api::types::ConversationId>,
    ) -> GetConversation {
        GetConversation {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            conversation_id: conversation_id.into(),
        }
    }
    /// Delete a conversation
    ///
    /// Deletes the conversation and all of its messages.
    ///
    /// - `conversation_id`: The conversation's id (6 to 69 characters).
    ///
    /// ```no_run
    /// # use nexevo_conversations::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.conversations().delete("conv_8d2f1a").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn delete(
        &self,
        conversation_id: impl ::std::convert::Into<::nexevo_api::types::ConversationId>,
    ) -> DeleteConversation {
        DeleteConversation {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            conversation_id: conversation_id.into(),
        }
    }
    /// Update a conversation
    ///
    /// Sets the title and/or replaces the metadata. Fields left out are unchanged; sending the same update twice has the same effect as once.
    ///
    /// - `conversation_id`: The conversation's id (6 to 69 characters).
    ///
    /// ```no_run
    /// # use nexevo_conversations::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.conversations().update("conv_8d2f1a").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn update(
        &self,
        conversation_id: impl ::std::convert::Into<::nexevo_api::types::ConversationId>,
    ) -> UpdateConversation {
        UpdateConversation {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            conversation_id: conversation_id.into(),
            body: ::nexevo_api::types::UpdateConversationRequest {
                metadata: ::std::option::Option::None,
                title: ::std::option::Option::None,
            },
            invalid: ::std::option::Option::None,
        }
    }
    /// List messages
    ///
    /// The conversation's messages, oldest first, one page at a time.
    ///
    /// - `conversation_id`: The conversation's id (6 to 69 characters).
    ///
    /// ```no_run
    /// # use nexevo_conversations::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.conversations().list_messages("conv_8d2f1a").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn list_messages(
        &self,
        conversation_id: impl ::std::convert::Into<::nexevo_api::types::ConversationId>,
    ) -> ListMessages {
        ListMessages {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            conversation_id: conversation_id.into(),
            limit: ::std::option::Option::None,
            cursor: ::std::option::Option::None,
        }
    }
    /// Append a message
    ///
    /// Stores a message at the end of the conversation. It only persists the message; it never calls a model.
    ///
    /// - `conversation_id`: The conversation's id (6 to 69 characters).
    /// - `role`: Who wrote a message.
    /// - `content`: The message's text (1 to 100000 characters).
    ///
    /// ```no_run
    /// # use nexevo_conversations::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.conversations().append_message("conv_8d2f1a", nexevo_conversations::MessageRole::User, "Hello!").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn append_message(
        &self,
        conversation_id: impl ::std::convert::Into<::nexevo_api::types::ConversationId>,
        role: ::nexevo_api::types::MessageRole,
        content: impl ::std::convert::Into<::std::string::String>,
    ) -> AppendMessage {
        AppendMessage {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            conversation_id: conversation_id.into(),
            body: ::nexevo_api::types::AppendMessageRequest {
                content: content.into(),
                role,
            },
        }
    }
}
/// [`Conversations::list`], ready to await (one page) or to walk every item ([`Paginated::into_stream`]).
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ListConversations {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) limit: ::std::option::Option<u32>,
    pub(crate) cursor: ::std::option::Option<::std::string::String>,
}
impl ListConversations {
    /// Page size (1 to 100; 20 when not set).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = ::std::option::Option::Some(limit);
        self
    }
}
impl Operation for ListConversations {
    type Output = ::nexevo_core::Page<::nexevo_api::types::Conversation>;
    #[inline]
    fn send(
        self,
    ) -> BoxFuture<Result<Response<::nexevo_core::Page<::nexevo_api::types::Conversation>>>> {
        let Self {
            client,
            options,
            limit,
            cursor,
        } = self;
        Box::pin(async move {
            if let ::std::option::Option::Some(value) = &limit {
                params::limit(*value)?;
            }
            if let ::std::option::Option::Some(value) = &cursor {
                params::cursor(value)?;
            }
            Ok(__private::call::<::nexevo_api::types::ConversationList>(
                &client,
                &options,
                "list_conversations",
                200u16,
                &|api| api.list_conversations_request(cursor.as_deref(), limit),
            )
            .await?
            .map(|list| ::nexevo_core::Page {
                items: list.data,
                next_cursor: list.next_cursor,
            }))
        })
    }
}
impl Paginated for ListConversations {
    type Item = ::nexevo_api::types::Conversation;
    fn cursor(mut self, cursor: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.cursor = ::std::option::Option::Some(cursor.into());
        self
    }
}
impl CallBuilder for ListConversations {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for ListConversations {}
awaitable!(ListConversations);
/// [`Conversations::create`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct CreateConversation {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) body: ::nexevo_api::types::CreateConversationRequest,
    pub(crate) invalid: ::std::option::Option<::nexevo_api::ValidationError>,
}
impl CreateConversation {
    /// Any JSON object, at most 4 KB serialized; use it for your own user, session or topic ids.
    ///
    /// A value that is not a JSON object fails the call with a validation error before anything is sent.
    pub fn metadata(mut self, metadata: ::serde_json::Value) -> Self {
        match metadata {
            ::serde_json::Value::Object(map) => {
                self.body.metadata =
                    ::std::option::Option::Some(::nexevo_api::types::Metadata(map));
            }
            _ => {
                self.invalid.get_or_insert_with(|| {
                    ::nexevo_api::ValidationError::at_field(
                        "metadata",
                        ::nexevo_api::validation::Rule::Described("must be a JSON object".into()),
                    )
                });
            }
        }
        self
    }
    /// The conversation's title (1 to 200 characters).
    pub fn title(mut self, title: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.body.title = ::std::option::Option::Some(title.into());
        self
    }
}
impl Operation for CreateConversation {
    type Output = ::nexevo_api::types::Conversation;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::Conversation>>> {
        let Self {
            client,
            options,
            body,
            invalid,
        } = self;
        Box::pin(async move {
            if let ::std::option::Option::Some(error) = invalid {
                return Err(error.into());
            }
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::Conversation>(
                &client,
                &options,
                "create_conversation",
                201u16,
                &|api| api.create_conversation_request(::std::option::Option::Some(&key), &body),
            )
            .await
        })
    }
}
impl CallBuilder for CreateConversation {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for CreateConversation {}
impl Idempotent for CreateConversation {}
awaitable!(CreateConversation);
/// [`Conversations::get`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetConversation {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) conversation_id: ::nexevo_api::types::ConversationId,
}
impl Operation for GetConversation {
    type Output = ::nexevo_api::types::ConversationDetail;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::ConversationDetail>>> {
        let Self {
            client,
            options,
            conversation_id,
        } = self;
        Box::pin(async move {
            {
                let value = &conversation_id;
                params::conversation_id(value)?;
            }
            __private::call::<::nexevo_api::types::ConversationDetail>(
                &client,
                &options,
                "get_conversation",
                200u16,
                &|api| api.get_conversation_request(&conversation_id),
            )
            .await
        })
    }
}
impl CallBuilder for GetConversation {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for GetConversation {}
awaitable!(GetConversation);
/// [`Conversations::delete`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct DeleteConversation {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) conversation_id: ::nexevo_api::types::ConversationId,
}
impl Operation for DeleteConversation {
    type Output = ::nexevo_api::types::DeletedConversation;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::DeletedConversation>>> {
        let Self {
            client,
            options,
            conversation_id,
        } = self;
        Box::pin(async move {
            {
                let value = &conversation_id;
                params::conversation_id(value)?;
            }
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::DeletedConversation>(
                &client,
                &options,
                "delete_conversation",
                200u16,
                &|api| {
                    api.delete_conversation_request(
                        &conversation_id,
                        ::std::option::Option::Some(&key),
                    )
                },
            )
            .await
        })
    }
}
impl CallBuilder for DeleteConversation {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for DeleteConversation {}
impl Idempotent for DeleteConversation {}
awaitable!(DeleteConversation);
/// [`Conversations::update`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct UpdateConversation {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) conversation_id: ::nexevo_api::types::ConversationId,
    pub(crate) body: ::nexevo_api::types::UpdateConversationRequest,
    pub(crate) invalid: ::std::option::Option<::nexevo_api::ValidationError>,
}
impl UpdateConversation {
    /// Any JSON object, at most 4 KB serialized; use it for your own user, session or topic ids.
    ///
    /// A value that is not a JSON object fails the call with a validation error before anything is sent.
    pub fn metadata(mut self, metadata: ::serde_json::Value) -> Self {
        match metadata {
            ::serde_json::Value::Object(map) => {
                self.body.metadata =
                    ::std::option::Option::Some(::nexevo_api::types::Metadata(map));
            }
            _ => {
                self.invalid.get_or_insert_with(|| {
                    ::nexevo_api::ValidationError::at_field(
                        "metadata",
                        ::nexevo_api::validation::Rule::Described("must be a JSON object".into()),
                    )
                });
            }
        }
        self
    }
    /// The new title (1 to 200 characters).
    pub fn title(mut self, title: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.body.title = ::std::option::Option::Some(title.into());
        self
    }
}
impl Operation for UpdateConversation {
    type Output = ::nexevo_api::types::Conversation;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::Conversation>>> {
        let Self {
            client,
            options,
            conversation_id,
            body,
            invalid,
        } = self;
        Box::pin(async move {
            if let ::std::option::Option::Some(error) = invalid {
                return Err(error.into());
            }
            {
                let value = &conversation_id;
                params::conversation_id(value)?;
            }
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::Conversation>(
                &client,
                &options,
                "update_conversation",
                200u16,
                &|api| {
                    api.update_conversation_request(
                        &conversation_id,
                        ::std::option::Option::Some(&key),
                        &body,
                    )
                },
            )
            .await
        })
    }
}
impl CallBuilder for UpdateConversation {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for UpdateConversation {}
impl Idempotent for UpdateConversation {}
awaitable!(UpdateConversation);
/// [`Conversations::list_messages`], ready to await (one page) or to walk every item ([`Paginated::into_stream`]).
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ListMessages {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) conversation_id: ::nexevo_api::types::ConversationId,
    pub(crate) limit: ::std::option::Option<u32>,
    pub(crate) cursor: ::std::option::Option<::std::string::String>,
}
impl ListMessages {
    /// Page size (1 to 100; 20 when not set).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = ::std::option::Option::Some(limit);
        self
    }
}
impl Operation for ListMessages {
    type Output = ::nexevo_core::Page<::nexevo_api::types::StoredMessage>;
    #[inline]
    fn send(
        self,
    ) -> BoxFuture<Result<Response<::nexevo_core::Page<::nexevo_api::types::StoredMessage>>>> {
        let Self {
            client,
            options,
            conversation_id,
            limit,
            cursor,
        } = self;
        Box::pin(async move {
            {
                let value = &conversation_id;
                params::conversation_id(value)?;
            }
            if let ::std::option::Option::Some(value) = &limit {
                params::limit(*value)?;
            }
            if let ::std::option::Option::Some(value) = &cursor {
                params::cursor(value)?;
            }
            Ok(__private::call::<::nexevo_api::types::MessageList>(
                &client,
                &options,
                "list_messages",
                200u16,
                &|api| api.list_messages_request(&conversation_id, cursor.as_deref(), limit),
            )
            .await?
            .map(|list| ::nexevo_core::Page {
                items: list.data,
                next_cursor: list.next_cursor,
            }))
        })
    }
}
impl Paginated for ListMessages {
    type Item = ::nexevo_api::types::StoredMessage;
    fn cursor(mut self, cursor: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.cursor = ::std::option::Option::Some(cursor.into());
        self
    }
}
impl CallBuilder for ListMessages {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for ListMessages {}
awaitable!(ListMessages);
/// [`Conversations::append_message`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct AppendMessage {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) conversation_id: ::nexevo_api::types::ConversationId,
    pub(crate) body: ::nexevo_api::types::AppendMessageRequest,
}
impl Operation for AppendMessage {
    type Output = ::nexevo_api::types::StoredMessage;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::StoredMessage>>> {
        let Self {
            client,
            options,
            conversation_id,
            body,
        } = self;
        Box::pin(async move {
            {
                let value = &conversation_id;
                params::conversation_id(value)?;
            }
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::StoredMessage>(
                &client,
                &options,
                "append_message",
                201u16,
                &|api| {
                    api.append_message_request(
                        &conversation_id,
                        ::std::option::Option::Some(&key),
                        &body,
                    )
                },
            )
            .await
        })
    }
}
impl CallBuilder for AppendMessage {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for AppendMessage {}
impl Idempotent for AppendMessage {}
awaitable!(AppendMessage);
