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

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

// Hand-written: only what the spec cannot say. The calls are generated from it (src/generated.rs).

mod generated;

pub use generated::*;
use nexevo_core::HasGenerationId;

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

impl FeedbackCalls {
    /// Rates what a completion (or a collected stream) generated.
    ///
    /// ```no_run
    /// # use nexevo_feedback::{FeedbackExt, Rating};
    /// # async fn demo(client: nexevo_core::Client, completion: impl nexevo_core::HasGenerationId) -> nexevo_core::Result<()> {
    /// client.feedback().submit_for(&completion, Rating::Up).comment("Helpful!").await?;
    /// # Ok(()) }
    /// ```
    pub fn submit_for(&self, generated: &impl HasGenerationId, rating: Rating) -> SubmitFeedback {
        self.submit(generated.generation_id(), rating)
    }
}

/// The README's examples, compiled as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
