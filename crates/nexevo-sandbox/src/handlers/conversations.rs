//! Conversations: persistence for chat UIs. Appending a message only stores it.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use nexevo_api::types::{
    AppendMessageRequest, ConversationDetail, ConversationList, CreateConversationRequest,
    DeletedConversation, MessageList, UpdateConversationRequest,
};
use nexevo_api::validate::params;

use crate::errors::{ApiError, ApiResult};
use crate::extract::{Ctx, JsonBody, PersonalCaller, QueryParams, ValidPath, page, path_param};
use crate::state::{Conversation, Data, StoredMessage, new_id};

/// How many messages `get` includes.
const DETAIL_MESSAGES: usize = 100;

fn to_conversation(conversation: &Conversation) -> nexevo_api::types::Conversation {
    nexevo_api::types::Conversation {
        conversation_id: conversation.conversation_id.clone().into(),
        title: conversation.title.clone(),
        metadata: conversation.metadata.clone().into(),
        message_count: u32::try_from(conversation.messages.len()).unwrap_or(u32::MAX),
        created_at: conversation.created_at.into(),
        updated_at: conversation.updated_at.into(),
    }
}

fn to_message(conversation_id: &str, message: &StoredMessage) -> nexevo_api::types::StoredMessage {
    nexevo_api::types::StoredMessage {
        message_id: message.message_id.clone(),
        conversation_id: conversation_id.to_owned().into(),
        role: message.role.clone(),
        content: message.content.clone(),
        created_at: message.created_at.into(),
    }
}

/// The caller's conversation; anyone else's is a 404.
fn owned<'d>(
    data: &'d mut Data,
    conversation_id: &str,
    user_id: &str,
) -> ApiResult<&'d mut Conversation> {
    path_param(conversation_id, params::conversation_id)?;
    data.conversations
        .get_mut(conversation_id)
        .filter(|c| c.user_id == user_id)
        .ok_or_else(|| ApiError::not_found(format!("No conversation {conversation_id}.")))
}

pub(crate) async fn create_conversation(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
    JsonBody(body): JsonBody<CreateConversationRequest>,
) -> ApiResult<Response> {
    let now = ctx.app.store.now();
    let conversation = Conversation {
        conversation_id: new_id("conv_"),
        user_id: caller.user_id,
        title: body.title,
        metadata: body.metadata.map(|m| m.0).unwrap_or_default(),
        messages: Vec::new(),
        created_at: now,
        updated_at: now,
    };
    let answer = to_conversation(&conversation);
    ctx.app
        .store
        .lock()
        .conversations
        .insert(conversation.conversation_id.clone(), conversation);
    ctx.applied();
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}

pub(crate) async fn list_conversations(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
    query: QueryParams,
) -> ApiResult<Json<ConversationList>> {
    let data = ctx.app.store.lock();
    let mut mine: Vec<&Conversation> = data
        .conversations
        .values()
        .filter(|c| c.user_id == caller.user_id)
        .collect();
    mine.sort_by(|a, b| {
        b.updated_at
            .cmp(&a.updated_at)
            .then(b.conversation_id.cmp(&a.conversation_id))
    });
    let (mine, next_cursor) = page(mine, &query)?;
    Ok(Json(ConversationList {
        data: mine.into_iter().map(to_conversation).collect(),
        next_cursor,
    }))
}

pub(crate) async fn get_conversation(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
    ValidPath(conversation_id): ValidPath<String>,
) -> ApiResult<Json<ConversationDetail>> {
    let mut data = ctx.app.store.lock();
    let conversation = owned(&mut data, &conversation_id, &caller.user_id)?;
    let summary = to_conversation(conversation);
    Ok(Json(ConversationDetail {
        conversation_id: summary.conversation_id,
        title: summary.title,
        metadata: summary.metadata,
        message_count: summary.message_count,
        created_at: summary.created_at,
        updated_at: summary.updated_at,
        messages: conversation
            .messages
            .iter()
            .take(DETAIL_MESSAGES)
            .map(|m| to_message(&conversation_id, m))
            .collect(),
        has_more_messages: conversation.messages.len() > DETAIL_MESSAGES,
    }))
}

pub(crate) async fn update_conversation(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
    ValidPath(conversation_id): ValidPath<String>,
    JsonBody(body): JsonBody<UpdateConversationRequest>,
) -> ApiResult<Json<nexevo_api::types::Conversation>> {
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let conversation = owned(&mut data, &conversation_id, &caller.user_id)?;
    if let Some(title) = body.title {
        conversation.title = Some(title);
    }
    if let Some(metadata) = body.metadata {
        conversation.metadata = metadata.0;
    }
    conversation.updated_at = now;
    ctx.applied();
    Ok(Json(to_conversation(conversation)))
}

pub(crate) async fn delete_conversation(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
    ValidPath(conversation_id): ValidPath<String>,
) -> ApiResult<Json<DeletedConversation>> {
    let mut data = ctx.app.store.lock();
    owned(&mut data, &conversation_id, &caller.user_id)?;
    data.conversations.remove(&conversation_id);
    ctx.applied();
    Ok(Json(DeletedConversation {
        conversation_id: conversation_id.into(),
        deleted: true,
    }))
}

pub(crate) async fn append_message(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
    ValidPath(conversation_id): ValidPath<String>,
    JsonBody(body): JsonBody<AppendMessageRequest>,
) -> ApiResult<Response> {
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let conversation = owned(&mut data, &conversation_id, &caller.user_id)?;
    let message = StoredMessage {
        message_id: new_id("msg_"),
        role: body.role,
        content: body.content,
        created_at: now,
    };
    let answer = to_message(&conversation_id, &message);
    conversation.messages.push(message);
    conversation.updated_at = now;
    ctx.applied();
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}

pub(crate) async fn list_messages(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
    ValidPath(conversation_id): ValidPath<String>,
    query: QueryParams,
) -> ApiResult<Json<MessageList>> {
    let mut data = ctx.app.store.lock();
    let conversation = owned(&mut data, &conversation_id, &caller.user_id)?;
    let messages: Vec<&StoredMessage> = conversation.messages.iter().collect();
    let (messages, next_cursor) = page(messages, &query)?;
    Ok(Json(MessageList {
        data: messages
            .into_iter()
            .map(|m| to_message(&conversation_id, m))
            .collect(),
        next_cursor,
    }))
}
