// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The `feedback` calls: `client.feedback()` and a builder per operation, from the spec's `feedback` operations.

#[allow(unused_imports, unreachable_pub)]
pub use nexevo_api::Timestamp;
#[allow(unused_imports)]
use nexevo_api::Validate;
#[allow(unused_imports, unreachable_pub)]
pub use nexevo_api::types::{
    Feedback, FeedbackRating, FeedbackSummary, FeedbackTag, GenerationId, ModelFeedback, Tier,
};
#[allow(unused_imports)]
use nexevo_api::validate::params;
#[allow(unused_imports)]
use nexevo_core::__private::{self, CallBuilder, RequestOptions, awaitable};
#[allow(unused_imports)]
use nexevo_core::{
    BoxFuture, CallOptions, Client, Idempotent, Operation, Page, Paginated, Response, Result,
};
/// Adds [`feedback()`](FeedbackExt::feedback) to the client.
pub trait FeedbackExt {
    /// The `feedback` calls: RLHF thumbs up/down on generations.
    fn feedback(&self) -> FeedbackCalls;
}
impl FeedbackExt for Client {
    fn feedback(&self) -> FeedbackCalls {
        FeedbackCalls {
            client: self.clone(),
        }
    }
}
/// The `feedback` calls of a client: RLHF thumbs up/down on generations.
#[derive(Debug, Clone)]
pub struct FeedbackCalls {
    pub(crate) client: Client,
}
impl FeedbackCalls {
    /// Submit feedback on a generation
    ///
    /// Records a thumbs up (1) or down (-1) on a generation the caller produced, with an optional comment and tags. An unknown generation id is a 404. Rating a generation again replaces the earlier rating, in the summary and in routing; the rating trains the routing of the generation's payer for the backend that served it (see `createChatCompletion`), unless the generation was of a named model or bring-your-own-key.
    ///
    /// - `generation_id`: A generation id, from a chat completion's `nexevo.generation_id` or its `X-Nexevo-Generation-Id` header (5 to 68 characters).
    /// - `rating`: 1 is thumbs up, -1 is thumbs down.
    ///
    /// ```no_run
    /// # use nexevo_feedback::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.feedback().submit("gen_01hx7k2m9q", nexevo_feedback::FeedbackRating(1)).await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn submit(
        &self,
        generation_id: impl ::std::convert::Into<::nexevo_api::types::GenerationId>,
        rating: impl ::std::convert::Into<::nexevo_api::types::FeedbackRating>,
    ) -> SubmitFeedback {
        SubmitFeedback {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            body: ::nexevo_api::types::SubmitFeedbackRequest {
                comment: ::std::option::Option::None,
                generation_id: generation_id.into(),
                rating: rating.into(),
                tags: ::std::default::Default::default(),
            },
        }
    }
    /// Summarise feedback
    ///
    /// Counts of the caller's feedback over the last `days` days, by rating and by tag.
    ///
    /// ```no_run
    /// # use nexevo_feedback::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.feedback().summary().await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn summary(&self) -> GetFeedbackSummary {
        GetFeedbackSummary {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            days: ::std::option::Option::None,
        }
    }
}
/// [`FeedbackCalls::submit`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct SubmitFeedback {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) body: ::nexevo_api::types::SubmitFeedbackRequest,
}
impl SubmitFeedback {
    /// Free text, up to 2000 characters.
    pub fn comment(mut self, comment: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.body.comment = ::std::option::Option::Some(comment.into());
        self
    }
    /// Up to 10 distinct tags.
    pub fn tags(
        mut self,
        tags: impl ::std::iter::IntoIterator<
            Item = impl ::std::convert::Into<::nexevo_api::types::FeedbackTag>,
        >,
    ) -> Self {
        self.body.tags = tags.into_iter().map(::std::convert::Into::into).collect();
        self
    }
}
impl Operation for SubmitFeedback {
    type Output = ::nexevo_api::types::Feedback;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::Feedback>>> {
        let Self {
            client,
            options,
            body,
        } = self;
        Box::pin(async move {
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::Feedback>(
                &client,
                &options,
                "submit_feedback",
                201u16,
                &|api| api.submit_feedback_request(::std::option::Option::Some(&key), &body),
            )
            .await
        })
    }
}
impl CallBuilder for SubmitFeedback {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for SubmitFeedback {}
impl Idempotent for SubmitFeedback {}
awaitable!(SubmitFeedback);
/// [`FeedbackCalls::summary`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetFeedbackSummary {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) days: ::std::option::Option<u32>,
}
impl GetFeedbackSummary {
    /// How many days back to cover, today included (1 to 90; 7 when not set).
    pub fn days(mut self, days: u32) -> Self {
        self.days = ::std::option::Option::Some(days);
        self
    }
}
impl Operation for GetFeedbackSummary {
    type Output = ::nexevo_api::types::FeedbackSummary;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::FeedbackSummary>>> {
        let Self {
            client,
            options,
            days,
        } = self;
        Box::pin(async move {
            if let ::std::option::Option::Some(value) = &days {
                params::days(*value)?;
            }
            __private::call::<::nexevo_api::types::FeedbackSummary>(
                &client,
                &options,
                "get_feedback_summary",
                200u16,
                &|api| api.get_feedback_summary_request(days),
            )
            .await
        })
    }
}
impl CallBuilder for GetFeedbackSummary {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for GetFeedbackSummary {}
awaitable!(GetFeedbackSummary);
