//! What every call tells an observability backend: `tracing` spans whose fields follow the
//! OpenTelemetry semantic conventions ([`SEMCONV_VERSION`], schema [`SCHEMA_URL`]), so that
//! `tracing-opentelemetry` exports them as they are, and with the `otel` feature the
//! conventions' GenAI client metrics.
//!
//! A service that exports `tracing` through `tracing-opentelemetry` needs nothing more:
//!
//! ```ignore
//! let tracer = tracer_provider.tracer("my-service");
//! tracing_subscriber::registry().with(tracing_opentelemetry::layer().with_tracer(tracer)).init();
//! let client = nexevo::Client::builder().meter_provider(&meter_provider).build()?; // `otel`
//! ```
//!
//! # Spans
//!
//! Every call is one span of kind client, and each HTTP attempt a child of it, also of kind
//! client. A chat call's span is named `{gen_ai.operation.name} {gen_ai.request.model}`
//! (`chat nexevo/balanced`); every other call's, and every attempt's, by the HTTP rule,
//! `{http.request.method} {url.template}` (`GET /v1/billing/balance`). A failed call or attempt
//! has status error and `error.type`: the API's error code (`insufficient_balance`), the
//! status for an attempt (`503`), or the SDK's kind of failure (`timeout`, `connection`,
//! `stream_truncated`, `validation`, …).
//!
//! | span | attributes |
//! |---|---|
//! | a chat call | `gen_ai.operation.name` (`chat`), `gen_ai.provider.name` (`nexevo`), `gen_ai.request.model`, `.temperature`, `.top_p`, `.max_tokens`, `.frequency_penalty`, `.presence_penalty`, `.stop_sequences`, `.stream`, `gen_ai.output.type` (`json` for a structured output), `gen_ai.response.id`, `gen_ai.response.model`, `gen_ai.response.finish_reasons`, `gen_ai.usage.input_tokens`, `gen_ai.usage.output_tokens`, `server.address`, `server.port`, `error.type`; a stream's `gen_ai.response.time_to_first_chunk` (seconds) and `nexevo.stream.end` (`done`, `error`, or `dropped` by the caller) |
//! | Nexevo's own, on a chat call | `nexevo.generation_id`, `nexevo.tier`, `nexevo.routed_model` (the backend that served it), `nexevo.region`, `nexevo.cost_usd` (exact, as text), `nexevo.routing_reason`, `nexevo.request_id`, `nexevo.operation` |
//! | any other call | `http.request.method`, `url.template`, `http.response.status_code`, `server.address`, `server.port`, `error.type`, `nexevo.request_id`, `nexevo.operation`; no `gen_ai.*` |
//! | an attempt | `http.request.method`, `url.full` (without credentials), `url.template`, `http.response.status_code`, `http.request.resend_count` (on a retry, as the conventions say), `server.address`, `server.port`, `error.type`, `nexevo.request_id` |
//!
//! An array (`gen_ai.response.finish_reasons`, `gen_ai.request.stop_sequences`) is an array
//! attribute, set through `tracing-opentelemetry`'s span extension, with the `otel` feature
//! and an OpenTelemetry layer; otherwise it is a `tracing` field holding its JSON text
//! (`["stop"]`), the conventions' string form.
//!
//! # Content
//!
//! Prompts, answers, tool definitions, tool arguments and results are never recorded, unless
//! the client says so ([`ClientBuilder::capture_message_content`]): then a chat call's span
//! carries the conventions' opt-in `gen_ai.input.messages`, `gen_ai.output.messages` and
//! `gen_ai.tool.definitions`, as JSON text in the conventions' shape. No secret is ever
//! recorded, whatever is opted in: credentials and provider keys travel in headers, which no
//! span records, and no span records any other area's bodies.
//!
//! # Metrics (feature `otel`)
//!
//! On the `opentelemetry` API crate; the application brings the SDK and its exporter, and
//! sets its meter provider on the client ([`ClientBuilder::meter_provider`]), else the global
//! one as it is when the client is built. For chat calls:
//!
//! | metric | instrument | |
//! |---|---|---|
//! | `gen_ai.client.token.usage` | histogram of `{token}`, by `gen_ai.token.type` (`input`, `output`) | the conventions' bucket boundaries, 1 to 4²⁶ |
//! | `gen_ai.client.operation.duration` | histogram of `s` | to the answer, or to a stream's end; `error.type` when it failed |
//! | `gen_ai.client.operation.time_to_first_chunk` | histogram of `s` | streams only |
//! | `nexevo.client.cost` | counter of `USD`, a float | what each generation cost: **the one place money is not exact** (a counter is an integer or a float); the span's `nexevo.cost_usd` is |
//!
//! Each carries `gen_ai.operation.name`, `gen_ai.provider.name`, `gen_ai.request.model`,
//! `gen_ai.response.model` (when known), `server.address` and `server.port`. With the feature
//! on, the versions of `opentelemetry` and `tracing-opentelemetry` are part of the SDK's public
//! API: a release that moves either is a breaking release.
//!
//! [`ClientBuilder::capture_message_content`]: crate::ClientBuilder::capture_message_content
#![cfg_attr(
    feature = "otel",
    doc = "[`ClientBuilder::meter_provider`]: crate::ClientBuilder::meter_provider"
)]
#![cfg_attr(
    not(feature = "otel"),
    doc = "[`ClientBuilder::meter_provider`]: crate::ClientBuilder"
)]

mod attempt;
// Its types are plumbing, reached through `__private` only.
pub(crate) mod call;
#[cfg(feature = "otel")]
mod metrics;
mod names;
mod settings;

pub(crate) use attempt::{attempt_answered, attempt_failed, attempt_span};
pub(crate) use call::{CallTrace, error_type};
#[cfg(feature = "otel")]
pub(crate) use metrics::{Instruments, meter};
pub use names::{SCHEMA_URL, SEMCONV_VERSION};
pub(crate) use settings::Settings;
