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

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

// Hand-written: only what the spec cannot say. The calls are generated from it (src/generated.rs).

mod generated;

pub use generated::*;

/// The README's examples, compiled as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
