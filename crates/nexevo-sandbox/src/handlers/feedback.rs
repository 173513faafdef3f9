//! RLHF feedback on generations the caller produced.

use std::collections::{BTreeMap, HashMap};

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use nexevo_api::types::{FeedbackSummary, ModelFeedback, SubmitFeedbackRequest};

use crate::errors::{ApiError, ApiResult};
use crate::extract::{Caller, Ctx, JsonBody, QueryParams};
use crate::state::{Feedback, new_id};

/// The most backends a summary lists (the spec's `FeedbackSummary.by_model` `maxItems`).
const MAX_MODELS_IN_SUMMARY: usize = 1_000;

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
    let Some(generation) = data
        .generations
        .get(&generation_id)
        .filter(|g| g.user_id == caller.user_id)
        .cloned()
    else {
        return Err(ApiError::not_found(format!(
            "No generation {generation_id} of yours."
        )));
    };
    let up = *body.rating > 0;
    // One opinion per person per generation: a new rating replaces the earlier one, in the
    // summary and in what the router learned.
    let replaced = data
        .feedback
        .iter()
        .find(|f| f.user_id == caller.user_id && f.generation_id == generation_id)
        .map(|f| (f.rating > 0, f.created_at));
    data.feedback
        .retain(|f| !(f.user_id == caller.user_id && f.generation_id == generation_id));
    if generation.learned {
        data.learner.rate(
            &ctx.app.routing,
            &generation.payer.routing_key(),
            &generation.routed_model,
            up,
            replaced,
            now,
        );
    }
    let feedback = Feedback {
        feedback_id: new_id("fb_"),
        user_id: caller.user_id,
        generation_id,
        routed_model: generation.routed_model,
        tier: generation.tier,
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
        by_model: Vec::new(),
    };
    let mut by_model: BTreeMap<(String, String), ModelFeedback> = BTreeMap::new();
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
        let counts = by_model
            .entry((feedback.routed_model.clone(), feedback.tier.to_string()))
            .or_insert_with(|| ModelFeedback {
                routed_model: feedback.routed_model.clone(),
                tier: feedback.tier.clone(),
                up: 0,
                down: 0,
            });
        if feedback.rating > 0 {
            counts.up += 1;
        } else {
            counts.down += 1;
        }
    }
    // The backends with the most feedback first (by name among equals), as many as the spec
    // lets a summary list.
    let mut by_model: Vec<ModelFeedback> = by_model.into_values().collect();
    by_model.sort_by_key(|model| std::cmp::Reverse(model.up + model.down));
    by_model.truncate(MAX_MODELS_IN_SUMMARY);
    summary.by_model = by_model;
    Ok(Json(summary))
}
