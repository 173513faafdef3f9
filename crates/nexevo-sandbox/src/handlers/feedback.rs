//! RLHF feedback on generations the caller produced.

use std::collections::HashMap;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use nexevo_api::types::{FeedbackSummary, SubmitFeedbackRequest};

use crate::errors::{ApiError, ApiResult};
use crate::extract::{Caller, Ctx, JsonBody, QueryParams};
use crate::state::{Feedback, new_id};

fn to_feedback(feedback: &Feedback) -> nexevo_api::types::Feedback {
    nexevo_api::types::Feedback {
        feedback_id: feedback.feedback_id.clone(),
        generation_id: feedback.generation_id.clone().into(),
        rating: feedback.rating.into(),
        comment: feedback.comment.clone(),
        tags: feedback.tags.iter().cloned().map(Into::into).collect(),
        created_at: feedback.created_at.into(),
    }
}

/// Records a rating of a generation the caller produced; rating it again replaces the earlier
/// rating (one opinion per person per generation).
pub(crate) async fn submit_feedback(
    ctx: Ctx,
    caller: Caller,
    JsonBody(body): JsonBody<SubmitFeedbackRequest>,
) -> ApiResult<Response> {
    let generation_id = body.generation_id.to_string();
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    if data
        .generations
        .get(&generation_id)
        .is_none_or(|g| g.user_id != caller.user_id)
    {
        return Err(ApiError::not_found(format!(
            "No generation {generation_id} of yours."
        )));
    }
    data.feedback
        .retain(|f| !(f.user_id == caller.user_id && f.generation_id == generation_id));
    let feedback = Feedback {
        feedback_id: new_id("fb_"),
        user_id: caller.user_id,
        generation_id,
        rating: *body.rating,
        comment: body.comment,
        tags: body.tags.into_iter().map(|t| t.to_string()).collect(),
        created_at: now,
    };
    let answer = to_feedback(&feedback);
    data.feedback.push(feedback);
    ctx.applied();
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}

pub(crate) async fn get_feedback_summary(
    ctx: Ctx,
    caller: Caller,
    query: QueryParams,
) -> ApiResult<Json<FeedbackSummary>> {
    let days = query.days()?;
    let since = ctx.app.store.now() - Duration::days(i64::from(days));
    let data = ctx.app.store.lock();
    let mut summary = FeedbackSummary {
        days,
        total: 0,
        up: 0,
        down: 0,
        by_tag: HashMap::new(),
    };
    for feedback in data
        .feedback
        .iter()
        .filter(|f| f.user_id == caller.user_id && f.created_at >= since)
    {
        summary.total += 1;
        if feedback.rating > 0 {
            summary.up += 1;
        } else {
            summary.down += 1;
        }
        for tag in &feedback.tags {
            *summary.by_tag.entry(tag.clone()).or_default() += 1;
        }
    }
    Ok(Json(summary))
}
