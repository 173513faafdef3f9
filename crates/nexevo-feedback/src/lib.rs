//! Nexevo RLHF feedback: thumbs up or down on a generation, with an optional comment and
//! tags, and a summary over recent days.
//!
//! ```no_run
//! use nexevo_feedback::{FeedbackExt, Rating};
//!
//! # async fn demo(client: nexevo_core::Client, generation_id: &str) -> nexevo_core::Result<()> {
//! client
//!     .feedback()
//!     .submit(generation_id, Rating::Up)
//!     .comment("Helpful!")
//!     .tags(["accurate"])
//!     .await?;
//! let summary = client.feedback().summary().days(7).await?;
//! println!("{} up, {} down", summary.up, summary.down);
//! # Ok(()) }
//! ```

use nexevo_api::Validate;
use nexevo_api::types::{FeedbackRating, FeedbackTag, SubmitFeedbackRequest};
use nexevo_api::validate::params;
use nexevo_core::{BoxFuture, Client, Generated, Operation, Response, Result, awaitable};

pub use nexevo_api::types::{Feedback, FeedbackSummary, GenerationId};

/// Thumbs up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rating {
    /// 👍 (`1` on the wire).
    Up,
    /// 👎 (`-1` on the wire).
    Down,
}

impl Rating {
    /// The value the API takes: 1 or -1.
    pub fn value(self) -> i32 {
        match self {
            Self::Up => 1,
            Self::Down => -1,
        }
    }
}

impl From<Rating> for FeedbackRating {
    fn from(rating: Rating) -> Self {
        FeedbackRating(rating.value())
    }
}

/// Adds [`feedback()`](FeedbackExt::feedback) to the client.
pub trait FeedbackExt {
    /// The feedback calls.
    fn feedback(&self) -> FeedbackCalls;
}

impl FeedbackExt for Client {
    fn feedback(&self) -> FeedbackCalls {
        FeedbackCalls {
            client: self.clone(),
        }
    }
}

/// The feedback calls of a client.
#[derive(Debug, Clone)]
pub struct FeedbackCalls {
    client: Client,
}

impl FeedbackCalls {
    /// Rates the generation `generation_id` (from a completion's `nexevo.generation_id` or its
    /// `X-Nexevo-Generation-Id` header); it must be one the caller produced (else a 404).
    /// Rating it again replaces the earlier rating.
    ///
    /// ```no_run
    /// # use nexevo_feedback::{FeedbackExt, Rating};
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// client.feedback().submit("gen_01hx7k2m9q", Rating::Down).tags(["too_verbose"]).await?;
    /// # Ok(()) }
    /// ```
    pub fn submit(&self, generation_id: impl Into<GenerationId>, rating: Rating) -> SubmitFeedback {
        SubmitFeedback {
            client: self.client.clone(),
            body: SubmitFeedbackRequest {
                generation_id: generation_id.into(),
                rating: rating.into(),
                comment: None,
                tags: Vec::new(),
            },
            idempotency_key: None,
        }
    }

    /// Rates what a completion (or a collected stream) generated.
    ///
    /// ```no_run
    /// # use nexevo_feedback::{FeedbackExt, Rating};
    /// # async fn demo(client: nexevo_core::Client, completion: impl nexevo_core::Generated) -> nexevo_core::Result<()> {
    /// client.feedback().submit_for(&completion, Rating::Up).comment("Helpful!").await?;
    /// # Ok(()) }
    /// ```
    pub fn submit_for(&self, generated: &impl Generated, rating: Rating) -> SubmitFeedback {
        self.submit(generated.generation_id(), rating)
    }

    /// Counts of the caller's feedback over the last 7 days (or [`GetSummary::days`]), by
    /// rating and by tag.
    ///
    /// ```no_run
    /// # use nexevo_feedback::FeedbackExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let summary = client.feedback().summary().days(30).await?;
    /// for (tag, count) in &summary.by_tag {
    ///     println!("{tag}: {count}");
    /// }
    /// # Ok(()) }
    /// ```
    pub fn summary(&self) -> GetSummary {
        GetSummary {
            client: self.client.clone(),
            days: None,
        }
    }
}

/// [`FeedbackCalls::submit`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct SubmitFeedback {
    client: Client,
    body: SubmitFeedbackRequest,
    idempotency_key: Option<String>,
}

impl SubmitFeedback {
    /// Free text, up to 2,000 characters.
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.body.comment = Some(comment.into());
        self
    }

    /// Up to 10 distinct tags (lowercase words such as `accurate`, `incorrect`, `too_verbose`,
    /// `irrelevant`).
    pub fn tags<T: Into<String>>(mut self, tags: impl IntoIterator<Item = T>) -> Self {
        self.body.tags = tags
            .into_iter()
            .map(|tag| FeedbackTag(tag.into()))
            .collect();
        self
    }

    /// Uses your own `Idempotency-Key` (a fresh UUID when not set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
}

impl Operation for SubmitFeedback {
    type Output = Feedback;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Feedback>>> {
        Box::pin(async move {
            self.body.validate()?;
            let key = Client::idempotency_key(self.idempotency_key, params::idempotency_key)?;
            let body = self.body;
            self.client
                .call(|api| async move { api.submit_feedback(Some(&key), &body).await })
                .await
        })
    }
}

/// [`FeedbackCalls::summary`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetSummary {
    client: Client,
    days: Option<u32>,
}

impl GetSummary {
    /// How many days back to count, 1 to 90 (7 when not set).
    pub fn days(mut self, days: u32) -> Self {
        self.days = Some(days);
        self
    }
}

impl Operation for GetSummary {
    type Output = FeedbackSummary;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<FeedbackSummary>>> {
        Box::pin(async move {
            if let Some(days) = self.days {
                params::days(days)?;
            }
            let days = self.days;
            self.client
                .call(|api| async move { api.get_feedback_summary(days).await })
                .await
        })
    }
}

awaitable!(SubmitFeedback, GetSummary);
