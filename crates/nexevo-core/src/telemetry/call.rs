//! A call's telemetry: its span, its clock, and what its metrics need, from the moment the
//! call begins until its answer (or its stream) ends.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Instant;

use rust_decimal::Decimal;
use tracing::Span;
use tracing::field::Empty;

use super::names::*;
use super::settings::Settings;
use crate::error::{Error, StreamError};

/// A call's telemetry, made by the core for every call: its span (kind client; each attempt a
/// child of it), the time it began, and with the `otel` feature what its metrics need. When no
/// subscriber takes the span and no metrics are kept it is inactive: a null pointer, and every
/// method returns at once, so a call nobody watches pays for one check.
///
/// What a hand-written call records beyond what the core knows (a chat call's model, usage and
/// cost) it records here, through `__private`.
#[derive(Debug)]
pub struct CallTrace(Option<Box<Active>>);

#[derive(Debug)]
struct Active {
    span: Span,
    started: Instant,
    /// A GenAI operation's span carries no `http.*` attributes; every other's does.
    gen_ai: bool,
    /// `{method} {url.template}` (or `{method}`): the name of each attempt's span.
    http_name: String,
    url_template: Option<&'static str>,
    server_address: Arc<str>,
    server_port: u16,
    capture_content: bool,
    stream: bool,
    first_chunk_seen: bool,
    /// The stream ended (`end_stream`), or the call failed: nothing was dropped unfinished.
    over: bool,
    finish_reasons: Vec<String>,
    #[cfg(feature = "otel")]
    metrics: Option<super::metrics::CallMetrics>,
}

/// What a GenAI call asked for, beyond its model: the conventions' request attributes.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct GenAiRequest<'a> {
    /// `gen_ai.request.temperature`.
    pub temperature: Option<f64>,
    /// `gen_ai.request.top_p`.
    pub top_p: Option<f64>,
    /// `gen_ai.request.max_tokens`.
    pub max_tokens: Option<u32>,
    /// `gen_ai.request.frequency_penalty`.
    pub frequency_penalty: Option<f64>,
    /// `gen_ai.request.presence_penalty`.
    pub presence_penalty: Option<f64>,
    /// `gen_ai.request.stop_sequences` (none recorded when empty).
    pub stop_sequences: &'a [String],
    /// `gen_ai.output.type`: `json` for a structured output, `text` when asked for.
    pub output_type: Option<&'static str>,
    /// `gen_ai.request.stream`.
    pub stream: bool,
}

impl<'a> GenAiRequest<'a> {
    /// A request with none of the optional parameters set.
    pub fn new(stream: bool) -> Self {
        Self {
            stream,
            ..Self::default()
        }
    }
}

/// What a GenAI call answered, as far as it is known: each field that is `Some` is recorded.
/// Record each once (a stream's first chunk has the id, its last the usage and cost).
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct GenAiResponse<'a> {
    /// `gen_ai.response.id`.
    pub id: Option<&'a str>,
    /// `gen_ai.response.model`.
    pub model: Option<&'a str>,
    /// `gen_ai.usage.input_tokens`.
    pub input_tokens: Option<u32>,
    /// `gen_ai.usage.output_tokens`.
    pub output_tokens: Option<u32>,
    /// `nexevo.generation_id`.
    pub generation_id: Option<&'a str>,
    /// `nexevo.tier`.
    pub tier: Option<&'a str>,
    /// `nexevo.routed_model`: the backend that served the generation.
    pub routed_model: Option<&'a str>,
    /// `nexevo.region`.
    pub region: Option<&'a str>,
    /// `nexevo.routing_reason`.
    pub routing_reason: Option<&'a str>,
    /// `nexevo.cost_usd` (exact, as text), and the cost counter.
    pub cost_usd: Option<Decimal>,
}

/// How a stream ended, for `nexevo.stream.end`.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum StreamEnd<'a> {
    /// The server's end of the stream (`[DONE]`).
    Done,
    /// An error ended it: its `error.type` is recorded, and the span's status is error.
    Error(&'a Error),
}

impl CallTrace {
    /// No telemetry: for a stream made outside a call (benches, fuzzing).
    pub fn none() -> Self {
        Self(None)
    }

    /// The trace of a call of an operation of the spec, named by the HTTP rule. An operation
    /// the spec does not describe (`raw`) is named by `method` alone.
    pub(crate) fn http(settings: &Settings, operation: &'static str, method: &str) -> Self {
        let span = tracing::info_span!(
            "nexevo.call",
            { OTEL_NAME } = Empty,
            { OTEL_KIND } = "client",
            { OTEL_STATUS_CODE } = Empty,
            { NEXEVO_OPERATION } = operation,
            { HTTP_REQUEST_METHOD } = Empty,
            { URL_TEMPLATE } = Empty,
            { SERVER_ADDRESS } = Empty,
            { SERVER_PORT } = Empty,
            { HTTP_RESPONSE_STATUS_CODE } = Empty,
            { NEXEVO_REQUEST_ID } = Empty,
            { ERROR_TYPE } = Empty,
        );
        if span.is_disabled() {
            return Self(None);
        }
        let known = nexevo_api::ApiOperation::by_id(operation);
        let method = known.map_or(method, |operation| operation.method);
        let url_template = known.map(|operation| operation.path);
        let active = Active::new(span, settings, method, url_template, false);
        active.span.record(OTEL_NAME, active.http_name.as_str());
        active.span.record(HTTP_REQUEST_METHOD, method);
        if let Some(template) = url_template {
            active.span.record(URL_TEMPLATE, template);
        }
        Self(Some(Box::new(active)))
    }

    /// The trace of a GenAI call (`gen_ai_operation`, `chat`, asking `model`) of `operation`,
    /// named `{gen_ai_operation} {model}`. Active when a subscriber takes its span, or (with
    /// the `otel` feature) always, for its metrics.
    pub(crate) fn gen_ai(
        settings: &Settings,
        operation: &'static str,
        gen_ai_operation: &'static str,
        model: &str,
    ) -> Self {
        let span = tracing::info_span!(
            "nexevo.gen_ai",
            { OTEL_NAME } = Empty,
            { OTEL_KIND } = "client",
            { OTEL_STATUS_CODE } = Empty,
            { NEXEVO_OPERATION } = operation,
            { GEN_AI_OPERATION_NAME } = gen_ai_operation,
            { GEN_AI_PROVIDER_NAME } = PROVIDER,
            { GEN_AI_REQUEST_MODEL } = model,
            { GEN_AI_REQUEST_TEMPERATURE } = Empty,
            { GEN_AI_REQUEST_TOP_P } = Empty,
            { GEN_AI_REQUEST_MAX_TOKENS } = Empty,
            { GEN_AI_REQUEST_FREQUENCY_PENALTY } = Empty,
            { GEN_AI_REQUEST_PRESENCE_PENALTY } = Empty,
            { GEN_AI_REQUEST_STOP_SEQUENCES } = Empty,
            { GEN_AI_REQUEST_STREAM } = Empty,
            { GEN_AI_OUTPUT_TYPE } = Empty,
            { SERVER_ADDRESS } = Empty,
            { SERVER_PORT } = Empty,
            { GEN_AI_RESPONSE_ID } = Empty,
            { GEN_AI_RESPONSE_MODEL } = Empty,
            { GEN_AI_RESPONSE_FINISH_REASONS } = Empty,
            { GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK } = Empty,
            { GEN_AI_USAGE_INPUT_TOKENS } = Empty,
            { GEN_AI_USAGE_OUTPUT_TOKENS } = Empty,
            { NEXEVO_REQUEST_ID } = Empty,
            { NEXEVO_GENERATION_ID } = Empty,
            { NEXEVO_TIER } = Empty,
            { NEXEVO_ROUTED_MODEL } = Empty,
            { NEXEVO_REGION } = Empty,
            { NEXEVO_COST_USD } = Empty,
            { NEXEVO_ROUTING_REASON } = Empty,
            { NEXEVO_STREAM_END } = Empty,
            { ERROR_TYPE } = Empty,
            { GEN_AI_INPUT_MESSAGES } = Empty,
            { GEN_AI_OUTPUT_MESSAGES } = Empty,
            { GEN_AI_TOOL_DEFINITIONS } = Empty,
        );
        // Metrics are kept whether or not anyone takes the span.
        if span.is_disabled() && !cfg!(feature = "otel") {
            return Self(None);
        }
        let known = nexevo_api::ApiOperation::by_id(operation);
        let method = known.map_or("POST", |operation| operation.method);
        let url_template = known.map(|operation| operation.path);
        #[allow(unused_mut)] // the metrics are set with the `otel` feature only
        let mut active = Active::new(span, settings, method, url_template, true);
        if !active.span.is_disabled() {
            active
                .span
                .record(OTEL_NAME, format!("{gen_ai_operation} {model}"));
        }
        #[cfg(feature = "otel")]
        {
            active.metrics = Some(super::metrics::CallMetrics::new(
                &settings.instruments,
                (&settings.server_address, settings.server_port),
                gen_ai_operation,
                model,
            ));
        }
        Self(Some(Box::new(active)))
    }

    /// Whether anything is recorded: a subscriber takes the span, or (feature `otel`) the call
    /// keeps metrics. A caller that works something out only to record it asks first.
    #[inline]
    pub fn is_active(&self) -> bool {
        self.0.is_some()
    }

    /// The call's span, when a subscriber takes it.
    pub(crate) fn span(&self) -> Option<&Span> {
        self.0
            .as_ref()
            .map(|active| &active.span)
            .filter(|span| !span.is_disabled())
    }

    /// The name of each attempt's span, and the operation's path template.
    pub(crate) fn http_name(&self) -> Option<(&str, Option<&'static str>)> {
        let active = self.0.as_ref()?;
        Some((&active.http_name, active.url_template))
    }

    /// `server.address` and `server.port`.
    pub(crate) fn server(&self) -> Option<(&str, u16)> {
        let active = self.0.as_ref()?;
        Some((&active.server_address, active.server_port))
    }

    /// Whether this call records its messages: the client opted in, and a subscriber takes the
    /// span. A caller builds the content's text only when it does.
    pub fn captures_content(&self) -> bool {
        self.span().is_some() && self.0.as_ref().is_some_and(|active| active.capture_content)
    }

    /// Records what a GenAI call asked for.
    pub fn record_request(&mut self, request: GenAiRequest<'_>) {
        let Some(active) = self.0.as_deref_mut() else {
            return;
        };
        active.stream = request.stream;
        let span = &active.span;
        if span.is_disabled() {
            return;
        }
        span.record(GEN_AI_REQUEST_TEMPERATURE, request.temperature);
        span.record(GEN_AI_REQUEST_TOP_P, request.top_p);
        span.record(GEN_AI_REQUEST_MAX_TOKENS, request.max_tokens.map(i64::from));
        span.record(GEN_AI_REQUEST_FREQUENCY_PENALTY, request.frequency_penalty);
        span.record(GEN_AI_REQUEST_PRESENCE_PENALTY, request.presence_penalty);
        if !request.stop_sequences.is_empty() {
            record_strings(span, GEN_AI_REQUEST_STOP_SEQUENCES, request.stop_sequences);
        }
        span.record(GEN_AI_REQUEST_STREAM, request.stream);
        span.record(GEN_AI_OUTPUT_TYPE, request.output_type);
    }

    /// Records the content a call sent, as the conventions' JSON text: the messages and the
    /// tools it offered. Only when [`captures_content`](Self::captures_content).
    pub fn record_input_content(&self, messages: &str, tools: Option<&str>) {
        if let Some(span) = self.span().filter(|_| self.captures_content()) {
            span.record(GEN_AI_INPUT_MESSAGES, messages);
            span.record(GEN_AI_TOOL_DEFINITIONS, tools);
        }
    }

    /// Records the content a call answered, as the conventions' JSON text. Only when
    /// [`captures_content`](Self::captures_content).
    pub fn record_output_content(&self, messages: &str) {
        if let Some(span) = self.span().filter(|_| self.captures_content()) {
            span.record(GEN_AI_OUTPUT_MESSAGES, messages);
        }
    }

    /// Records what a GenAI call answered (each `Some` field).
    pub fn record_response(&mut self, response: GenAiResponse<'_>) {
        let Some(active) = self.0.as_deref_mut() else {
            return;
        };
        #[cfg(feature = "otel")]
        if let Some(metrics) = &mut active.metrics {
            let tokens = (response.input_tokens, response.output_tokens);
            metrics.response(response.model, tokens, response.cost_usd);
        }
        let span = &active.span;
        if span.is_disabled() {
            return;
        }
        let texts = [
            (GEN_AI_RESPONSE_ID, response.id),
            (GEN_AI_RESPONSE_MODEL, response.model),
            (NEXEVO_GENERATION_ID, response.generation_id),
            (NEXEVO_TIER, response.tier),
            (NEXEVO_ROUTED_MODEL, response.routed_model),
            (NEXEVO_REGION, response.region),
            (NEXEVO_ROUTING_REASON, response.routing_reason),
        ];
        for (name, value) in texts {
            if let Some(value) = value {
                span.record(name, value);
            }
        }
        // As integers: `tracing-opentelemetry` would record a `u64` as its text.
        if let Some(tokens) = response.input_tokens {
            span.record(GEN_AI_USAGE_INPUT_TOKENS, i64::from(tokens));
        }
        if let Some(tokens) = response.output_tokens {
            span.record(GEN_AI_USAGE_OUTPUT_TOKENS, i64::from(tokens));
        }
        if let Some(cost) = response.cost_usd {
            span.record(NEXEVO_COST_USD, cost.to_string());
        }
    }

    /// Adds a choice's finish reason (`gen_ai.response.finish_reasons`, recorded when the call
    /// ends).
    pub fn add_finish_reason(&mut self, reason: &str) {
        if let Some(active) = self.0.as_deref_mut()
            && !active.span.is_disabled()
        {
            active.finish_reasons.push(reason.to_owned());
        }
    }

    /// A stream's first chunk arrived: records the time since the call began
    /// (`gen_ai.response.time_to_first_chunk`, and its histogram). Only the first call counts.
    pub fn first_chunk(&mut self) {
        let Some(active) = self.0.as_deref_mut() else {
            return;
        };
        if std::mem::replace(&mut active.first_chunk_seen, true) {
            return;
        }
        let elapsed = active.started.elapsed();
        active
            .span
            .record(GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, elapsed.as_secs_f64());
        #[cfg(feature = "otel")]
        if let Some(metrics) = &mut active.metrics {
            metrics.first_chunk(elapsed);
        }
    }

    /// The stream ended: records how, and ends the span (a stream dropped before its end
    /// records `dropped` when it is dropped).
    pub fn end_stream(&mut self, end: StreamEnd<'_>) {
        let Some(active) = self.0.as_deref_mut() else {
            return;
        };
        match end {
            StreamEnd::Done => {
                active.span.record(NEXEVO_STREAM_END, "done");
            }
            StreamEnd::Error(error) => {
                active.span.record(NEXEVO_STREAM_END, "error");
                active.failed(error);
            }
        }
        active.over = true;
        self.0 = None;
    }

    /// An answer arrived whole: its status and request id.
    pub(crate) fn answered(&self, status: u16, headers: &reqwest::header::HeaderMap) {
        if self.span().is_some() {
            let id = headers.get(crate::response::REQUEST_ID);
            self.answered_stream(status, id.and_then(|id| id.to_str().ok()));
        }
    }

    /// A stream's answer arrived (its head): its status and request id.
    pub(crate) fn answered_stream(&self, status: u16, request_id: Option<&str>) {
        let Some(span) = self.span() else {
            return;
        };
        if self.0.as_ref().is_some_and(|active| !active.gen_ai) {
            span.record(HTTP_RESPONSE_STATUS_CODE, i64::from(status));
        }
        if let Some(id) = request_id {
            span.record(NEXEVO_REQUEST_ID, id);
        }
    }

    /// The call failed with `error`.
    pub(crate) fn failed(&mut self, error: &Error) {
        if let Some(active) = self.0.as_deref_mut() {
            active.failed(error);
        }
    }
}

impl Active {
    fn new(
        span: Span,
        settings: &Settings,
        method: &str,
        url_template: Option<&'static str>,
        gen_ai: bool,
    ) -> Self {
        // Only an attempt's span reads it, and there is none when nobody takes the call's.
        let http_name = match url_template {
            _ if span.is_disabled() => String::new(),
            Some(template) => format!("{method} {template}"),
            None => method.to_owned(),
        };
        if !span.is_disabled() {
            span.record(SERVER_ADDRESS, &*settings.server_address);
            span.record(SERVER_PORT, i64::from(settings.server_port));
        }
        Self {
            span,
            started: Instant::now(),
            gen_ai,
            http_name,
            url_template,
            server_address: Arc::clone(&settings.server_address),
            server_port: settings.server_port,
            capture_content: settings.capture_content,
            stream: false,
            first_chunk_seen: false,
            over: false,
            finish_reasons: Vec::new(),
            #[cfg(feature = "otel")]
            metrics: None,
        }
    }

    fn failed(&mut self, error: &Error) {
        self.over = true;
        let kind = error_type(error);
        self.span.record(ERROR_TYPE, &*kind);
        self.span.record(OTEL_STATUS_CODE, "ERROR");
        #[cfg(feature = "otel")]
        if let Some(metrics) = &mut self.metrics {
            metrics.failed(kind.into_owned());
        }
    }
}

impl Drop for Active {
    /// The call is over: what is recorded at its end is, and the span closes after it.
    fn drop(&mut self) {
        if self.stream && !self.over {
            self.span.record(NEXEVO_STREAM_END, "dropped");
        }
        if !self.finish_reasons.is_empty() {
            record_strings(
                &self.span,
                GEN_AI_RESPONSE_FINISH_REASONS,
                &self.finish_reasons,
            );
        }
        #[cfg(feature = "otel")]
        if let Some(metrics) = &mut self.metrics {
            metrics.end(self.started.elapsed());
        }
    }
}

/// An array of strings: an array attribute through `tracing-opentelemetry` when an
/// OpenTelemetry layer takes the span (feature `otel`), else its JSON text, the conventions'
/// string form. Never both: a `tracing` field would win over the array.
fn record_strings<S: AsRef<str>>(span: &Span, name: &'static str, values: &[S]) {
    #[cfg(feature = "otel")]
    if super::metrics::set_array(span, name, values) {
        return;
    }
    let values: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
    if let Ok(text) = serde_json::to_string(&values) {
        span.record(name, text);
    }
}

/// `error.type` of an error: the API's error code when the server sent one, else the SDK's
/// kind of failure. Low in cardinality, as the conventions ask, and never a message (which
/// could quote what was sent).
pub(crate) fn error_type(error: &Error) -> Cow<'static, str> {
    let kind = match error {
        Error::Api(api) => return Cow::Owned(api.code.as_str().to_owned()),
        Error::Stream(StreamError::Server { code, .. }) => {
            return Cow::Owned(code.as_str().to_owned());
        }
        Error::Validation(_) => "validation",
        Error::Timeout { .. } => "timeout",
        Error::Connection { .. } => "connection",
        Error::Decode { .. } => "decode",
        Error::Redirect { .. } => "redirect",
        Error::AnswerTooLarge { .. } => "answer_too_large",
        Error::DryRun => "dry_run",
        Error::Stream(stream) => match stream {
            StreamError::Truncated { .. } => "stream_truncated",
            StreamError::IdleTimeout(_) | StreamError::Deadline(_) => "timeout",
            StreamError::EventTooLarge { .. } => "event_too_large",
            StreamError::MessageTooLarge { .. } => "message_too_large",
            StreamError::Decode(_) => "decode",
            StreamError::Connection(_) => "connection",
            _ => "_OTHER",
        },
        _ => "_OTHER",
    };
    Cow::Borrowed(kind)
}
