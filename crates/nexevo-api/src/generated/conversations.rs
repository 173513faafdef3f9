// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The `conversations` operations: compiled only with the `conversations` feature.

#![allow(
    // Generated items are `pub` in a private module and re-exported selectively.
    unreachable_pub,
    // progenitor's `Client::new` unwraps reqwest's builder; the SDK never calls it.
    clippy::unwrap_used,
    // typify's and progenitor's style is theirs, not ours.
    clippy::all,
)]

#[allow(unused_imports)]
use super::{
    ByteStream, Client, ClientHooks, ClientInfo, Error, OperationInfo, RequestBuilderExt,
    ResponseValue, encode_path, types,
};
impl Client {
    /// Builds the request [`Self::list_conversations`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn list_conversations_request<'a>(
        &'a self,
        cursor: Option<&'a str>,
        limit: Option<u32>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/conversations", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .query(&progenitor_client::QueryParam::new("cursor", &cursor))
            .query(&progenitor_client::QueryParam::new("limit", &limit))
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// List conversations
    ///
    /// The caller's conversations, most recently updated first, one page at a time.
    ///
    /// Sends a `GET` request to `/v1/conversations`
    ///
    /// Arguments:
    /// - `cursor`: Opaque. Only the `next_cursor` of a previous page of the same list is accepted; absent for the first page. Any other value — one made up, or past the end of the list — is a 422 on `cursor`.
    /// - `limit`: Page size.
    #[inline]
    pub async fn list_conversations<'a>(
        &'a self,
        cursor: Option<&'a str>,
        limit: Option<u32>,
    ) -> Result<ResponseValue<types::ConversationList>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.list_conversations_request(cursor, limit)?;
        let info = OperationInfo {
            operation_id: "list_conversations",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::create_conversation`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn create_conversation_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::CreateConversationRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/conversations", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Create a conversation
    ///
    /// Creates an empty conversation with an optional title and metadata (any JSON object, at most 4 KB serialized).
    ///
    /// Sends a `POST` request to `/v1/conversations`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn create_conversation<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::CreateConversationRequest,
    ) -> Result<ResponseValue<types::Conversation>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.create_conversation_request(idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "create_conversation",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            201u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            408u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            409u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            413u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            415u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::get_conversation`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn get_conversation_request<'a>(
        &'a self,
        conversation_id: &'a types::ConversationId,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/conversations/{}",
            self.baseurl,
            encode_path(&conversation_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Get a conversation
    ///
    /// A conversation with its first 100 messages; `has_more_messages` says whether `listMessages` has more.
    ///
    /// Sends a `GET` request to `/v1/conversations/{conversation_id}`
    ///
    /// Arguments:
    /// - `conversation_id`: The conversation's id.
    #[inline]
    pub async fn get_conversation<'a>(
        &'a self,
        conversation_id: &'a types::ConversationId,
    ) -> Result<ResponseValue<types::ConversationDetail>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.get_conversation_request(conversation_id)?;
        let info = OperationInfo {
            operation_id: "get_conversation",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::delete_conversation`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn delete_conversation_request<'a>(
        &'a self,
        conversation_id: &'a types::ConversationId,
        idempotency_key: Option<&'a str>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/conversations/{}",
            self.baseurl,
            encode_path(&conversation_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .delete(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Delete a conversation
    ///
    /// Deletes the conversation and all of its messages.
    ///
    /// Sends a `DELETE` request to `/v1/conversations/{conversation_id}`
    ///
    /// Arguments:
    /// - `conversation_id`: The conversation's id.
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    #[inline]
    pub async fn delete_conversation<'a>(
        &'a self,
        conversation_id: &'a types::ConversationId,
        idempotency_key: Option<&'a str>,
    ) -> Result<ResponseValue<types::DeletedConversation>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.delete_conversation_request(conversation_id, idempotency_key)?;
        let info = OperationInfo {
            operation_id: "delete_conversation",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            409u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::update_conversation`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn update_conversation_request<'a>(
        &'a self,
        conversation_id: &'a types::ConversationId,
        idempotency_key: Option<&'a str>,
        body: &'a types::UpdateConversationRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/conversations/{}",
            self.baseurl,
            encode_path(&conversation_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .patch(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Update a conversation
    ///
    /// Sets the title and/or replaces the metadata. Fields left out are unchanged; sending the same update twice has the same effect as once.
    ///
    /// Sends a `PATCH` request to `/v1/conversations/{conversation_id}`
    ///
    /// Arguments:
    /// - `conversation_id`: The conversation's id.
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn update_conversation<'a>(
        &'a self,
        conversation_id: &'a types::ConversationId,
        idempotency_key: Option<&'a str>,
        body: &'a types::UpdateConversationRequest,
    ) -> Result<ResponseValue<types::Conversation>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request =
            self.update_conversation_request(conversation_id, idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "update_conversation",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            408u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            409u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            413u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            415u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::list_messages`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn list_messages_request<'a>(
        &'a self,
        conversation_id: &'a types::ConversationId,
        cursor: Option<&'a str>,
        limit: Option<u32>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/conversations/{}/messages",
            self.baseurl,
            encode_path(&conversation_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .query(&progenitor_client::QueryParam::new("cursor", &cursor))
            .query(&progenitor_client::QueryParam::new("limit", &limit))
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// List messages
    ///
    /// The conversation's messages, oldest first, one page at a time.
    ///
    /// Sends a `GET` request to `/v1/conversations/{conversation_id}/messages`
    ///
    /// Arguments:
    /// - `conversation_id`: The conversation's id.
    /// - `cursor`: Opaque. Only the `next_cursor` of a previous page of the same list is accepted; absent for the first page. Any other value — one made up, or past the end of the list — is a 422 on `cursor`.
    /// - `limit`: Page size.
    #[inline]
    pub async fn list_messages<'a>(
        &'a self,
        conversation_id: &'a types::ConversationId,
        cursor: Option<&'a str>,
        limit: Option<u32>,
    ) -> Result<ResponseValue<types::MessageList>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.list_messages_request(conversation_id, cursor, limit)?;
        let info = OperationInfo {
            operation_id: "list_messages",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::append_message`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn append_message_request<'a>(
        &'a self,
        conversation_id: &'a types::ConversationId,
        idempotency_key: Option<&'a str>,
        body: &'a types::AppendMessageRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/conversations/{}/messages",
            self.baseurl,
            encode_path(&conversation_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Append a message
    ///
    /// Stores a message at the end of the conversation. It only persists the message; it never calls a model.
    ///
    /// Sends a `POST` request to `/v1/conversations/{conversation_id}/messages`
    ///
    /// Arguments:
    /// - `conversation_id`: The conversation's id.
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn append_message<'a>(
        &'a self,
        conversation_id: &'a types::ConversationId,
        idempotency_key: Option<&'a str>,
        body: &'a types::AppendMessageRequest,
    ) -> Result<ResponseValue<types::StoredMessage>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.append_message_request(conversation_id, idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "append_message",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            201u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            408u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            409u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            413u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            415u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
}
