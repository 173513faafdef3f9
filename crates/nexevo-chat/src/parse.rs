//! `parse`: a Rust type in, a Rust value out. The request asks for the type's strict schema
//! (`response_format` `json_schema`, `strict: true`), and the answer's content becomes the
//! value, or a [`StructuredOutputError`] that says why not and keeps the completion (its generation id and
//! cost are still at hand).

use std::fmt;
use std::future::IntoFuture;

use nexevo_core::{BoxFuture, HasGenerationId};
use serde::de::DeserializeOwned;

use crate::schema::SchemaError;
use nexevo_api::types::FinishReason;

use crate::completion::{Completion, CreateCompletion};
use crate::typed_call::TypedCall;

/// [`Completions::parse`](crate::Completions::parse), ready to await: answers [`Parsed<T>`].
pub type ParseCompletion<T> = TypedCall<CreateCompletion, T>;

impl<T: DeserializeOwned + Send + 'static> IntoFuture for ParseCompletion<T> {
    type Output = Result<Parsed<T>, StructuredOutputError>;
    type IntoFuture = BoxFuture<Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let (mut create, schema) = self.into_parts();
            let (name, schema) = schema.map_err(StructuredOutputError::Schema)?.into_parts();
            create.request = create.request.json_schema(name, schema, true);
            let completion = create.await.map_err(StructuredOutputError::Call)?;
            Parsed::from_completion(completion)
        })
    }
}

/// A typed answer: the value, and the [`Completion`] it came from.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    value: T,
    completion: Completion,
}

impl<T: DeserializeOwned> Parsed<T> {
    /// The value of a completion's first choice, or why there is none.
    pub fn from_completion(completion: Completion) -> Result<Self, StructuredOutputError> {
        let Some(choice) = completion.choices.first() else {
            return Err(StructuredOutputError::mismatch(
                completion,
                "",
                "the answer has no choice",
                "",
            ));
        };
        if let Some(refusal) = &choice.message.refusal {
            return Err(StructuredOutputError::Refused {
                refusal: refusal.clone(),
                completion: Box::new(completion),
            });
        }
        match choice.finish_reason {
            FinishReason::Length => {
                return Err(StructuredOutputError::Truncated {
                    completion: Box::new(completion),
                });
            }
            FinishReason::ContentFilter => {
                return Err(StructuredOutputError::ContentFiltered {
                    completion: Box::new(completion),
                });
            }
            _ => {}
        }
        let text = choice.message.content.as_deref().unwrap_or_default();
        let mut reader = serde_json::Deserializer::from_str(text);
        let value = serde_path_to_error::deserialize(&mut reader)
            .map_err(|error| (error.path().to_string(), error.into_inner().to_string()))
            .and_then(|value| {
                reader
                    .end()
                    .map(|()| value)
                    .map_err(|error| (String::new(), error.to_string()))
            });
        match value {
            Ok(value) => Ok(Self { value, completion }),
            Err((path, message)) => {
                let text = text.to_owned();
                Err(StructuredOutputError::mismatch(
                    completion, &path, &message, &text,
                ))
            }
        }
    }
}

impl<T> Parsed<T> {
    /// The value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The value, without the completion.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The completion the value came from: generation id, cost, tier, region, usage.
    pub fn completion(&self) -> &Completion {
        &self.completion
    }

    /// The value and the completion.
    pub fn into_parts(self) -> (T, Completion) {
        (self.value, self.completion)
    }
}

impl<T> HasGenerationId for Parsed<T> {
    fn generation_id(&self) -> &str {
        self.completion.generation_id()
    }
}

/// Why [`Completions::parse`](crate::Completions::parse) has no value. Every error after the
/// call keeps its [`Completion`]: it was generated, and charged.
#[derive(Debug)]
#[non_exhaustive]
pub enum StructuredOutputError {
    /// The type's schema cannot be a strict structured output; nothing was sent.
    Schema(SchemaError),
    /// The call failed (as [`Completions::create`](crate::Completions::create) would).
    Call(nexevo_core::Error),
    /// The model refused to answer in the format.
    Refused {
        /// The model's words.
        refusal: String,
        /// The completion.
        completion: Box<Completion>,
    },
    /// The answer was cut off by `max_tokens` (`finish_reason: length`).
    Truncated {
        /// The completion, with the cut text.
        completion: Box<Completion>,
    },
    /// The answer was stopped by a content filter (`finish_reason: content_filter`).
    ContentFiltered {
        /// The completion.
        completion: Box<Completion>,
    },
    /// The stream ended without saying what the completion cost or where it was served, so
    /// no completion can be made of it.
    IncompleteStream {
        /// What the stream said.
        message: Box<crate::message::CollectedMessage>,
    },
    /// The content does not deserialize into the type.
    Mismatch {
        /// Where in the content (serde's path: `lines[0].quantity`; empty at the root).
        path: String,
        /// What serde said.
        message: String,
        /// The content as received.
        text: String,
        /// The completion.
        completion: Box<Completion>,
    },
}

impl StructuredOutputError {
    fn mismatch(completion: Completion, path: &str, message: &str, text: &str) -> Self {
        Self::Mismatch {
            path: path.to_owned(),
            message: message.to_owned(),
            text: text.to_owned(),
            completion: Box::new(completion),
        }
    }

    /// The completion, when the call got one.
    pub fn completion(&self) -> Option<&Completion> {
        match self {
            Self::Refused { completion, .. }
            | Self::Truncated { completion }
            | Self::ContentFiltered { completion }
            | Self::Mismatch { completion, .. } => Some(completion),
            Self::Schema(_) | Self::Call(_) | Self::IncompleteStream { .. } => None,
        }
    }
}

impl fmt::Display for StructuredOutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Schema(error) => error.fmt(f),
            Self::Call(error) => error.fmt(f),
            Self::Refused {
                refusal,
                completion,
            } => write!(
                f,
                "the model refused (generation {}): {refusal}",
                completion.generation_id()
            ),
            Self::Truncated { completion } => write!(
                f,
                "the answer was cut off by max_tokens (generation {})",
                completion.generation_id()
            ),
            Self::ContentFiltered { completion } => write!(
                f,
                "the answer was stopped by a content filter (generation {})",
                completion.generation_id()
            ),
            Self::IncompleteStream { message } => write!(
                f,
                "the stream of generation {} ended without its cost or usage",
                message.generation_id
            ),
            Self::Mismatch {
                path,
                message,
                completion,
                ..
            } => {
                let at = if path.is_empty() || path == "." {
                    String::new()
                } else {
                    format!(" at {path}")
                };
                write!(
                    f,
                    "the answer does not match the type{at} (generation {}): {message}",
                    completion.generation_id()
                )
            }
        }
    }
}

impl std::error::Error for StructuredOutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Schema(error) => Some(error),
            Self::Call(error) => Some(error),
            _ => None,
        }
    }
}
