//! A whole completion: the call that creates it and what it answers.

use std::ops::Deref;

use nexevo_api::types::{ChatCompletion, FinishReason, Region, RoutingReason, Tier, ToolCall};
use nexevo_core::__private::{self, CallBuilder, RequestOptions, awaitable};
use nexevo_core::{BoxFuture, CallOptions, Client, HasGenerationId, Operation, Response, Result};
use rust_decimal::Decimal;

use crate::prepare::{Prepared, prepare};
use crate::request::ChatRequest;
use crate::telemetry;

/// A chat completion, with Nexevo's routing and cost (`nexevo`) and the generation id from the
/// `X-Nexevo-Generation-Id` header. Derefs to the OpenAI-shaped [`ChatCompletion`].
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    completion: ChatCompletion,
    generation_id_header: Option<String>,
}

impl Completion {
    #[cfg(feature = "typed")]
    pub(crate) fn from_parts(
        completion: ChatCompletion,
        generation_id_header: Option<String>,
    ) -> Self {
        Self {
            completion,
            generation_id_header,
        }
    }

    /// The first choice's text, if it has one (a tool call has none).
    pub fn content(&self) -> Option<&str> {
        self.completion
            .choices
            .first()
            .and_then(|c| c.message.content.as_deref())
    }

    /// The first choice's tool calls.
    pub fn tool_calls(&self) -> &[ToolCall] {
        self.completion
            .choices
            .first()
            .map(|c| c.message.tool_calls.as_slice())
            .unwrap_or_default()
    }

    /// Why the first choice stopped.
    pub fn finish_reason(&self) -> Option<&FinishReason> {
        self.completion.choices.first().map(|c| &c.finish_reason)
    }

    /// The generation id (`nexevo.generation_id`), for feedback.
    pub fn generation_id(&self) -> &str {
        &self.completion.nexevo.generation_id
    }

    /// The `X-Nexevo-Generation-Id` header's value (the same id).
    pub fn generation_id_header(&self) -> Option<&str> {
        self.generation_id_header.as_deref()
    }

    /// What the completion cost, exactly.
    pub fn cost_usd(&self) -> Decimal {
        self.completion.nexevo.cost_usd
    }

    /// The billing tier it was routed to.
    pub fn tier(&self) -> &Tier {
        &self.completion.nexevo.tier
    }

    /// Where it was served (as the key's geo policy allowed).
    pub fn region(&self) -> &Region {
        &self.completion.nexevo.region
    }

    /// The backend that served it (`nexevo.routed_model`): for a tier, the one the router
    /// chose by the payer's feedback.
    pub fn routed_model(&self) -> &str {
        &self.completion.nexevo.routed_model
    }

    /// Why the router chose [`routed_model`](Self::routed_model), when the service says.
    pub fn routing_reason(&self) -> Option<&RoutingReason> {
        self.completion.nexevo.routing_reason.as_ref()
    }

    /// The OpenAI-shaped completion.
    pub fn into_inner(self) -> ChatCompletion {
        self.completion
    }
}

impl Deref for Completion {
    type Target = ChatCompletion;

    fn deref(&self) -> &ChatCompletion {
        &self.completion
    }
}

impl HasGenerationId for Completion {
    fn generation_id(&self) -> &str {
        Completion::generation_id(self)
    }
}

/// [`Completions::create`](crate::Completions::create), ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct CreateCompletion {
    client: Client,
    options: RequestOptions,
    pub(crate) request: ChatRequest,
}

impl CreateCompletion {
    pub(crate) fn new(client: Client, request: ChatRequest) -> Self {
        Self {
            client,
            options: RequestOptions::default(),
            request,
        }
    }
}

impl Operation for CreateCompletion {
    type Output = Completion;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Completion>>> {
        Box::pin(async move {
            let Prepared {
                body,
                provider_key,
                organization,
                idempotency_key,
            } = prepare(&self.client, self.request, false)?;
            let trace = telemetry::start(&self.client, &body);
            let (answer, mut trace) = __private::call_traced::<ChatCompletion>(
                &self.client,
                &self.options,
                trace,
                "create_chat_completion",
                200,
                &|api| {
                    api.create_chat_completion_request(
                        Some(&idempotency_key),
                        organization.as_deref(),
                        provider_key.as_deref(),
                        &body,
                    )
                },
            )
            .await?;
            telemetry::completed(&mut trace, &answer);
            let header = answer
                .meta()
                .header("x-nexevo-generation-id")
                .map(str::to_owned);
            Ok(answer.map(|completion| Completion {
                completion,
                generation_id_header: header,
            }))
        })
    }
}

awaitable!(CreateCompletion);

impl CallBuilder for CreateCompletion {
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}

impl CallOptions for CreateCompletion {}
