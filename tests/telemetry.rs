//! Telemetry as an OpenTelemetry backend receives it: each test records the SDK's spans through
//! `tracing-opentelemetry` into the OpenTelemetry SDK's in-memory span exporter, and its metrics
//! through a meter provider of its own (set on the client, so tests in one process do not mix)
//! into the in-memory metric exporter, over real HTTP against the sandbox; then it reads the
//! attributes the conventions name.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use futures_util::StreamExt;
use nexevo::chat::{ChatRequest, Model};
use nexevo::prelude::*;
use nexevo::{BoxFuture, Client, ClientBuilder, RequestSender, RetryPolicy};
use nexevo_e2e::{build, sandbox};
use nexevo_sandbox::{Fault, FaultRule};
use opentelemetry::trace::{SpanKind, Status, TracerProvider as _};
use opentelemetry::{Array, Value};
use opentelemetry_sdk::metrics::data::{AggregatedMetrics, MetricData};
use opentelemetry_sdk::metrics::{InMemoryMetricExporter, PeriodicReader, SdkMeterProvider};
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider, SpanData};
use tracing_subscriber::layer::SubscriberExt as _;

use crate::generated_calls;

/// What one test records: spans and metrics, each in memory.
struct Recorder {
    spans: InMemorySpanExporter,
    metrics: InMemoryMetricExporter,
    meter_provider: SdkMeterProvider,
    _tracer_provider: SdkTracerProvider,
    /// This thread's subscriber, for as long as the test runs (a `#[tokio::test]` runs every
    /// task on its own thread).
    _subscriber: tracing::subscriber::DefaultGuard,
}

impl Recorder {
    fn start() -> Self {
        let spans = InMemorySpanExporter::default();
        let tracer_provider = SdkTracerProvider::builder()
            .with_simple_exporter(spans.clone())
            .build();
        let layer = tracing_opentelemetry::layer().with_tracer(tracer_provider.tracer("e2e"));
        let subscriber = tracing_subscriber::registry().with(layer);
        let metrics = InMemoryMetricExporter::default();
        let meter_provider = SdkMeterProvider::builder()
            .with_reader(PeriodicReader::builder(metrics.clone()).build())
            .build();
        Self {
            spans,
            metrics,
            meter_provider,
            _tracer_provider: tracer_provider,
            _subscriber: tracing::subscriber::set_default(subscriber),
        }
    }

    /// A client builder whose metrics go to this recorder.
    fn client(&self, builder: ClientBuilder) -> Client {
        build(builder.meter_provider(&self.meter_provider))
    }

    /// The SDK's finished spans (its calls' and their attempts'), oldest first.
    fn spans(&self) -> Vec<SpanData> {
        let mut spans: Vec<SpanData> = self
            .spans
            .get_finished_spans()
            .unwrap()
            .into_iter()
            .filter(|span| span.instrumentation_scope.name() == "e2e")
            .filter(|span| attribute(span, "nexevo.operation").is_some() || is_attempt(span))
            .collect();
        spans.sort_by_key(|span| span.start_time);
        spans
    }

    /// The call spans, oldest first.
    fn calls(&self) -> Vec<SpanData> {
        let spans = self.spans();
        spans.into_iter().filter(|span| !is_attempt(span)).collect()
    }

    /// The attempts of `call`, oldest first.
    fn attempts_of(&self, call: &SpanData) -> Vec<SpanData> {
        let id = call.span_context.span_id();
        let spans = self.spans();
        spans
            .into_iter()
            .filter(|span| is_attempt(span) && span.parent_span_id == id)
            .collect()
    }

    /// Every metric point recorded so far: its metric's name and unit, its attributes, and
    /// its value (a sum's) or count and sum (a histogram's).
    fn points(&self) -> Vec<Point> {
        self.meter_provider.force_flush().unwrap();
        let exported = self.metrics.get_finished_metrics().unwrap();
        let Some(last) = exported.last() else {
            return Vec::new();
        };
        let mut points = Vec::new();
        for scope in last.scope_metrics() {
            assert_eq!(scope.scope().name(), "nexevo");
            assert_eq!(
                scope.scope().schema_url(),
                Some(nexevo::telemetry::SCHEMA_URL)
            );
            for metric in scope.metrics() {
                let point = |attributes: Vec<(String, String)>, value, count, bounds| Point {
                    name: metric.name().to_owned(),
                    unit: metric.unit().to_owned(),
                    attributes: attributes.into_iter().collect(),
                    value,
                    count,
                    bounds,
                };
                let pairs = |attributes: &mut dyn Iterator<Item = &opentelemetry::KeyValue>| {
                    attributes
                        .map(|kv| (kv.key.to_string(), kv.value.to_string()))
                        .collect::<Vec<_>>()
                };
                match metric.data() {
                    AggregatedMetrics::F64(MetricData::Histogram(histogram)) => {
                        for p in histogram.data_points() {
                            let bounds = p.bounds().collect();
                            points.push(point(
                                pairs(&mut p.attributes()),
                                p.sum(),
                                p.count(),
                                bounds,
                            ));
                        }
                    }
                    AggregatedMetrics::U64(MetricData::Histogram(histogram)) => {
                        for p in histogram.data_points() {
                            let bounds = p.bounds().collect();
                            #[allow(clippy::cast_precision_loss)] // token counts in a test
                            let sum = p.sum() as f64;
                            points.push(point(pairs(&mut p.attributes()), sum, p.count(), bounds));
                        }
                    }
                    AggregatedMetrics::F64(MetricData::Sum(sum)) => {
                        for p in sum.data_points() {
                            points.push(point(pairs(&mut p.attributes()), p.value(), 1, vec![]));
                        }
                    }
                    other => panic!("an instrument the SDK does not make: {other:?}"),
                }
            }
        }
        points
    }
}

/// One metric point, flattened.
#[derive(Debug)]
struct Point {
    name: String,
    unit: String,
    attributes: BTreeMap<String, String>,
    /// A sum's value, a histogram's sum.
    value: f64,
    /// A histogram's count (1 for a sum).
    count: u64,
    bounds: Vec<f64>,
}

fn is_attempt(span: &SpanData) -> bool {
    attribute(span, "url.full").is_some()
}

fn attribute<'a>(span: &'a SpanData, name: &str) -> Option<&'a Value> {
    span.attributes
        .iter()
        .find(|kv| kv.key.as_str() == name)
        .map(|kv| &kv.value)
}

/// A string attribute's text.
fn text<'a>(span: &'a SpanData, name: &str) -> &'a str {
    match attribute(span, name) {
        Some(Value::String(value)) => value.as_str(),
        other => panic!("{name} is not a string on {}: {other:?}", span.name),
    }
}

/// An integer attribute.
fn int(span: &SpanData, name: &str) -> i64 {
    match attribute(span, name) {
        Some(Value::I64(value)) => *value,
        other => panic!("{name} is not an integer on {}: {other:?}", span.name),
    }
}

/// An array-of-strings attribute.
fn strings(span: &SpanData, name: &str) -> Vec<String> {
    match attribute(span, name) {
        Some(Value::Array(Array::String(values))) => values
            .iter()
            .map(|value| value.as_str().to_owned())
            .collect(),
        other => panic!(
            "{name} is not an array of strings on {}: {other:?}",
            span.name
        ),
    }
}

fn has_gen_ai(span: &SpanData) -> bool {
    span.attributes
        .iter()
        .any(|kv| kv.key.as_str().starts_with("gen_ai."))
}

/// The conventions' boundaries (`gen_ai.client.token.usage`, the durations).
const TOKEN_BOUNDARIES: [f64; 14] = [
    1.0,
    4.0,
    16.0,
    64.0,
    256.0,
    1024.0,
    4096.0,
    16384.0,
    65536.0,
    262_144.0,
    1_048_576.0,
    4_194_304.0,
    16_777_216.0,
    67_108_864.0,
];
const DURATION_BOUNDARIES: [f64; 14] = [
    0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];

#[tokio::test]
async fn a_chat_call_is_one_gen_ai_span_with_its_usage_cost_and_routing() {
    let recorder = Recorder::start();
    let (sandbox, builder) = sandbox().await;
    let client = recorder.client(builder);
    let completion = client
        .chat()
        .completions()
        .create(
            ChatRequest::new(Model::BALANCED)
                .user("Hello!")
                .temperature(0.5)
                .max_tokens(64),
        )
        .with_meta()
        .await
        .unwrap();

    let calls = recorder.calls();
    assert_eq!(calls.len(), 1, "{calls:#?}");
    let call = &calls[0];
    assert_eq!(call.name, "chat nexevo/balanced");
    assert_eq!(call.span_kind, SpanKind::Client);
    assert_eq!(call.status, Status::Unset);
    assert_eq!(text(call, "gen_ai.operation.name"), "chat");
    assert_eq!(text(call, "gen_ai.provider.name"), "nexevo");
    assert!(
        attribute(call, "gen_ai.system").is_none(),
        "the deprecated name"
    );
    assert_eq!(text(call, "gen_ai.request.model"), "nexevo/balanced");
    assert_eq!(
        attribute(call, "gen_ai.request.temperature"),
        Some(&Value::F64(0.5))
    );
    assert_eq!(int(call, "gen_ai.request.max_tokens"), 64);
    assert_eq!(
        attribute(call, "gen_ai.request.stream"),
        Some(&Value::Bool(false))
    );
    assert_eq!(text(call, "gen_ai.response.id"), completion.id);
    assert_eq!(text(call, "gen_ai.response.model"), completion.model);
    assert_eq!(strings(call, "gen_ai.response.finish_reasons"), ["stop"]);
    let usage = &completion.usage;
    assert_eq!(
        int(call, "gen_ai.usage.input_tokens"),
        i64::from(usage.prompt_tokens)
    );
    assert_eq!(
        int(call, "gen_ai.usage.output_tokens"),
        i64::from(usage.completion_tokens)
    );
    assert_eq!(text(call, "server.address"), "127.0.0.1");
    let port = sandbox.base_url().rsplit(':').next().unwrap().to_owned();
    assert_eq!(int(call, "server.port").to_string(), port);
    assert_eq!(
        text(call, "nexevo.generation_id"),
        completion.generation_id()
    );
    assert_eq!(text(call, "nexevo.tier"), completion.tier().as_str());
    assert_eq!(text(call, "nexevo.routed_model"), completion.routed_model());
    assert_eq!(text(call, "nexevo.region"), completion.region().as_str());
    assert_eq!(
        text(call, "nexevo.cost_usd"),
        completion.cost_usd().to_string()
    );
    assert_eq!(
        text(call, "nexevo.routing_reason"),
        completion.routing_reason().unwrap().as_str()
    );
    assert_eq!(
        text(call, "nexevo.request_id"),
        completion.meta().request_id().unwrap()
    );
    for opt_in in [
        "gen_ai.input.messages",
        "gen_ai.output.messages",
        "gen_ai.tool.definitions",
    ] {
        assert!(attribute(call, opt_in).is_none(), "{opt_in} is opt-in");
    }
    assert!(attribute(call, "http.response.status_code").is_none());
    assert!(attribute(call, "gen_ai.response.time_to_first_chunk").is_none());

    let attempts = recorder.attempts_of(call);
    assert_eq!(attempts.len(), 1);
    let attempt = &attempts[0];
    assert_eq!(attempt.name, "POST /v1/chat/completions");
    assert_eq!(attempt.span_kind, SpanKind::Client);
    assert_eq!(text(attempt, "http.request.method"), "POST");
    assert_eq!(int(attempt, "http.response.status_code"), 200);
    assert_eq!(text(attempt, "url.template"), "/v1/chat/completions");
    assert_eq!(
        text(attempt, "url.full"),
        format!("{}/v1/chat/completions", sandbox.base_url())
    );
    assert!(
        attribute(attempt, "http.request.resend_count").is_none(),
        "not a resend"
    );

    let points = recorder.points();
    let tokens: Vec<&Point> = points
        .iter()
        .filter(|p| p.name == "gen_ai.client.token.usage")
        .collect();
    assert_eq!(tokens.len(), 2, "{points:#?}");
    for (kind, count) in [
        ("input", usage.prompt_tokens),
        ("output", usage.completion_tokens),
    ] {
        let point = tokens
            .iter()
            .find(|p| p.attributes["gen_ai.token.type"] == kind)
            .unwrap();
        assert_eq!(point.unit, "{token}");
        assert_eq!(point.value, f64::from(count));
        assert_eq!(point.bounds, TOKEN_BOUNDARIES);
        assert_eq!(point.attributes["gen_ai.operation.name"], "chat");
        assert_eq!(point.attributes["gen_ai.provider.name"], "nexevo");
        assert_eq!(point.attributes["gen_ai.request.model"], "nexevo/balanced");
        assert_eq!(point.attributes["gen_ai.response.model"], completion.model);
        assert_eq!(point.attributes["server.address"], "127.0.0.1");
        assert_eq!(point.attributes["server.port"], port);
    }
    let duration: Vec<&Point> = points
        .iter()
        .filter(|p| p.name == "gen_ai.client.operation.duration")
        .collect();
    assert_eq!(duration.len(), 1);
    assert_eq!((duration[0].unit.as_str(), duration[0].count), ("s", 1));
    assert_eq!(duration[0].bounds, DURATION_BOUNDARIES);
    assert!(!duration[0].attributes.contains_key("error.type"));
    let cost: Vec<&Point> = points
        .iter()
        .filter(|p| p.name == "nexevo.client.cost")
        .collect();
    assert_eq!(cost.len(), 1);
    assert_eq!(cost[0].unit, "USD");
    let exact: f64 = completion.cost_usd().to_string().parse().unwrap();
    assert_eq!(cost[0].value, exact);
    assert!(
        !points
            .iter()
            .any(|p| p.name == "gen_ai.client.operation.time_to_first_chunk"),
        "only streams have a first chunk"
    );
}

#[tokio::test]
async fn a_streamed_chat_records_its_first_chunk_and_the_usage_of_its_last() {
    let recorder = Recorder::start();
    let (_sandbox, builder) = sandbox().await;
    let client = recorder.client(builder);
    let stream = client
        .chat()
        .completions()
        .create_stream(ChatRequest::new(Model::FAST).user("Tell me something streamed"))
        .await
        .unwrap();
    let message = stream.collect_message().await.unwrap();

    let calls = recorder.calls();
    assert_eq!(calls.len(), 1, "{calls:#?}");
    let call = &calls[0];
    assert_eq!(call.name, "chat nexevo/fast");
    assert_eq!(
        attribute(call, "gen_ai.request.stream"),
        Some(&Value::Bool(true))
    );
    match attribute(call, "gen_ai.response.time_to_first_chunk") {
        Some(Value::F64(seconds)) => assert!(*seconds > 0.0),
        other => panic!("no time to first chunk: {other:?}"),
    }
    let usage = message.usage.as_ref().unwrap();
    assert_eq!(
        int(call, "gen_ai.usage.input_tokens"),
        i64::from(usage.prompt_tokens)
    );
    assert_eq!(
        int(call, "gen_ai.usage.output_tokens"),
        i64::from(usage.completion_tokens)
    );
    assert_eq!(
        text(call, "nexevo.cost_usd"),
        message.cost_usd.unwrap().to_string()
    );
    assert_eq!(text(call, "nexevo.generation_id"), message.generation_id);
    assert_eq!(
        text(call, "nexevo.routed_model"),
        message.routed_model.as_deref().unwrap()
    );
    assert_eq!(strings(call, "gen_ai.response.finish_reasons"), ["stop"]);
    assert_eq!(text(call, "nexevo.stream.end"), "done");
    assert_eq!(call.status, Status::Unset);
    let attempts = recorder.attempts_of(call);
    assert_eq!(attempts.len(), 1);
    // The call's span lasts until the stream ends, its attempt until the head arrived.
    assert!(call.end_time > attempts[0].end_time);

    let points = recorder.points();
    let first: Vec<&Point> = points
        .iter()
        .filter(|p| p.name == "gen_ai.client.operation.time_to_first_chunk")
        .collect();
    assert_eq!(first.len(), 1, "{points:#?}");
    assert_eq!((first[0].unit.as_str(), first[0].count), ("s", 1));
    assert_eq!(first[0].bounds, DURATION_BOUNDARIES);
    assert_eq!(first[0].attributes["gen_ai.request.model"], "nexevo/fast");
    assert_eq!(first[0].attributes["gen_ai.response.model"], "nexevo/fast");
    let output = points
        .iter()
        .find(|p| {
            p.name == "gen_ai.client.token.usage" && p.attributes["gen_ai.token.type"] == "output"
        })
        .unwrap();
    assert_eq!(output.value, f64::from(usage.completion_tokens));
}

#[tokio::test]
async fn a_structured_output_records_its_output_type() {
    #[derive(serde::Deserialize, schemars::JsonSchema)]
    #[allow(dead_code)] // read by serde only
    struct City {
        name: String,
    }
    let recorder = Recorder::start();
    let (_sandbox, builder) = sandbox().await;
    let client = recorder.client(builder);
    client
        .chat()
        .completions()
        .parse::<City>(ChatRequest::new(Model::FAST).user("A city?"))
        .await
        .unwrap();
    client
        .chat()
        .completions()
        .create(ChatRequest::new(Model::FAST).user("Plain text"))
        .await
        .unwrap();
    let calls = recorder.calls();
    assert_eq!(text(&calls[0], "gen_ai.output.type"), "json");
    assert!(
        attribute(&calls[1], "gen_ai.output.type").is_none(),
        "none asked"
    );
}

#[tokio::test]
async fn a_retried_call_is_one_span_with_an_attempt_per_try() {
    let recorder = Recorder::start();
    let (sandbox, builder) = sandbox().await;
    let client = recorder.client(builder);
    sandbox
        .faults()
        .push(FaultRule::new(Fault::Status(503)).on("get_balance").once());
    client.billing().balance().await.unwrap();

    let calls = recorder.calls();
    assert_eq!(calls.len(), 1, "one logical call: {calls:#?}");
    let call = &calls[0];
    assert_eq!(call.name, "GET /v1/billing/balance");
    assert_eq!(call.span_kind, SpanKind::Client);
    assert_eq!(call.status, Status::Unset);
    assert_eq!(int(call, "http.response.status_code"), 200);
    assert_eq!(text(call, "url.template"), "/v1/billing/balance");
    assert!(attribute(call, "error.type").is_none());
    let attempts = recorder.attempts_of(call);
    assert_eq!(attempts.len(), 2, "{attempts:#?}");
    assert_eq!(attempts[0].name, "GET /v1/billing/balance");
    assert_eq!(int(&attempts[0], "http.response.status_code"), 503);
    assert_eq!(text(&attempts[0], "error.type"), "503");
    assert!(matches!(attempts[0].status, Status::Error { .. }));
    assert!(attribute(&attempts[0], "http.request.resend_count").is_none());
    assert_eq!(int(&attempts[1], "http.request.resend_count"), 1);
    assert_eq!(int(&attempts[1], "http.response.status_code"), 200);
    assert_eq!(attempts[1].status, Status::Unset);
}

#[tokio::test]
async fn a_failed_call_records_its_error_type_on_span_and_duration() {
    let recorder = Recorder::start();
    let (sandbox, builder) = sandbox().await;
    let client = recorder.client(builder.retry_policy(RetryPolicy::none()));
    sandbox.faults().push(
        FaultRule::new(Fault::Status(503))
            .on("create_chat_completion")
            .once(),
    );
    let error = client
        .chat()
        .completions()
        .create(ChatRequest::new(Model::FAST).user("Hi"))
        .await
        .unwrap_err();
    let code = error.code().unwrap().as_str().to_owned();

    let calls = recorder.calls();
    assert_eq!(calls.len(), 1);
    let call = &calls[0];
    assert_eq!(call.name, "chat nexevo/fast");
    assert_eq!(text(call, "error.type"), code);
    assert!(matches!(call.status, Status::Error { .. }));
    assert!(attribute(call, "gen_ai.usage.input_tokens").is_none());
    let attempts = recorder.attempts_of(call);
    assert_eq!(text(&attempts[0], "error.type"), "503");

    let points = recorder.points();
    let duration = points
        .iter()
        .find(|p| p.name == "gen_ai.client.operation.duration")
        .unwrap();
    assert_eq!(duration.attributes["error.type"], code);
    assert!(!points.iter().any(|p| p.name == "gen_ai.client.token.usage"));
}

#[tokio::test]
async fn a_dropped_stream_says_so_and_a_broken_one_says_how() {
    let recorder = Recorder::start();
    let (sandbox, builder) = sandbox().await;
    let client = recorder.client(builder.retry_policy(RetryPolicy::none()));
    let request = || ChatRequest::new(Model::FAST).user("Tell me something streamed");
    let mut stream = client
        .chat()
        .completions()
        .create_stream(request())
        .await
        .unwrap();
    stream.next().await.unwrap().unwrap();
    drop(stream);

    sandbox.faults().push(
        FaultRule::new(Fault::StreamCutBeforeDone { after_chunks: 2 })
            .on("create_chat_completion")
            .once(),
    );
    let stream = client
        .chat()
        .completions()
        .create_stream(request())
        .await
        .unwrap();
    stream.collect_message().await.unwrap_err();

    let calls = recorder.calls();
    assert_eq!(calls.len(), 2, "{calls:#?}");
    let (dropped, broken) = (&calls[0], &calls[1]);
    assert_eq!(text(dropped, "nexevo.stream.end"), "dropped");
    assert!(attribute(dropped, "gen_ai.response.time_to_first_chunk").is_some());
    assert!(attribute(dropped, "gen_ai.usage.output_tokens").is_none());
    assert_eq!(dropped.status, Status::Unset);
    assert_eq!(text(broken, "nexevo.stream.end"), "error");
    assert_eq!(text(broken, "error.type"), "stream_truncated");
    assert!(matches!(broken.status, Status::Error { .. }));
}

#[tokio::test]
async fn a_call_of_another_area_is_named_by_the_http_rule_and_has_no_gen_ai() {
    let recorder = Recorder::start();
    let (_sandbox, builder) = sandbox().await;
    let client = recorder.client(builder);
    let key = client.keys().create("telemetry").await.unwrap();
    client.keys().get(&key.key.key_id).await.unwrap();

    let calls = recorder.calls();
    assert_eq!(calls.len(), 2, "{calls:#?}");
    assert_eq!(calls[0].name, "POST /v1/keys");
    assert_eq!(calls[1].name, "GET /v1/keys/{key_id}");
    for call in &calls {
        assert_eq!(call.span_kind, SpanKind::Client);
        assert!(!has_gen_ai(call), "{call:#?}");
        assert!(attribute(call, "nexevo.request_id").is_some());
        for attempt in recorder.attempts_of(call) {
            assert!(!has_gen_ai(&attempt));
        }
    }
    assert_eq!(text(&calls[1], "url.template"), "/v1/keys/{key_id}");
    assert_eq!(text(&calls[1], "http.request.method"), "GET");
    assert!(
        recorder.points().is_empty(),
        "GenAI metrics are for GenAI calls"
    );
}

#[tokio::test]
async fn content_is_recorded_only_when_the_client_opts_in() {
    let recorder = Recorder::start();
    let (_sandbox, builder) = sandbox().await;
    let client = recorder.client(builder.capture_message_content(true));
    let completion = client
        .chat()
        .completions()
        .create(
            ChatRequest::new(Model::FAST)
                .system("Be brief.")
                .user("Hello there!"),
        )
        .await
        .unwrap();
    let stream = client
        .chat()
        .completions()
        .create_stream(ChatRequest::new(Model::FAST).user("Stream to me"))
        .await
        .unwrap();
    let streamed = stream.collect_message().await.unwrap();

    let calls = recorder.calls();
    let input: serde_json::Value =
        serde_json::from_str(text(&calls[0], "gen_ai.input.messages")).unwrap();
    assert_eq!(
        input,
        serde_json::json!([
            {"role": "system", "parts": [{"type": "text", "content": "Be brief."}]},
            {"role": "user", "parts": [{"type": "text", "content": "Hello there!"}]},
        ])
    );
    let output: serde_json::Value =
        serde_json::from_str(text(&calls[0], "gen_ai.output.messages")).unwrap();
    assert_eq!(
        output,
        serde_json::json!([{
            "role": "assistant",
            "parts": [{"type": "text", "content": completion.content().unwrap()}],
            "finish_reason": "stop",
        }])
    );
    let output: serde_json::Value =
        serde_json::from_str(text(&calls[1], "gen_ai.output.messages")).unwrap();
    assert_eq!(output[0]["parts"][0]["content"], streamed.content.as_str());
}

/// Records the secrets that cross the wire, whatever the operation: the credential, the
/// spec's secret headers, every value of a property the spec marks secret (and the two-factor
/// codes, which it does not) in a request's or an answer's body, a stream's events included.
#[derive(Debug, Clone)]
struct SecretsSeen {
    http: reqwest::Client,
    seen: Arc<Mutex<Vec<String>>>,
}

impl SecretsSeen {
    fn new() -> Self {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Self {
            http,
            seen: Arc::default(),
        }
    }

    fn secrets(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }

    /// `sent`: a request's body, where `code` and `totp_code` are two-factor codes (an
    /// answer's `code` is its error code).
    fn note_body(seen: &Mutex<Vec<String>>, body: &[u8], sent: bool) {
        let text = String::from_utf8_lossy(body);
        let documents = std::iter::once(text.as_ref())
            .chain(text.lines().filter_map(|line| line.strip_prefix("data: ")));
        for document in documents {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(document) {
                Self::note_value(seen, &value, sent);
            }
        }
    }

    fn note_value(seen: &Mutex<Vec<String>>, value: &serde_json::Value, sent: bool) {
        match value {
            serde_json::Value::Object(map) => {
                for (name, value) in map {
                    let secret = nexevo_api::SECRET_FIELDS.contains(&name.as_str())
                        || (sent && matches!(name.as_str(), "code" | "totp_code"));
                    match value {
                        serde_json::Value::String(text) if secret && text.len() >= 6 => {
                            seen.lock().unwrap().push(text.clone());
                        }
                        other => Self::note_value(seen, other, sent),
                    }
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    Self::note_value(seen, item, sent);
                }
            }
            _ => {}
        }
    }
}

impl RequestSender for SecretsSeen {
    fn send(&self, request: reqwest::Request) -> BoxFuture<reqwest::Result<reqwest::Response>> {
        for (name, value) in request.headers() {
            let secret = name == reqwest::header::AUTHORIZATION
                || nexevo_api::SECRET_HEADERS.contains(&name.as_str());
            if let (true, Ok(value)) = (secret, value.to_str()) {
                let value = value.strip_prefix("Bearer ").unwrap_or(value);
                self.seen.lock().unwrap().push(value.to_owned());
            }
        }
        if let Some(body) = request.body().and_then(reqwest::Body::as_bytes) {
            Self::note_body(&self.seen, body, true);
        }
        let (http, seen) = (self.http.clone(), Arc::clone(&self.seen));
        Box::pin(async move {
            let answer = http.execute(request).await?;
            let mut rebuilt = http::Response::builder().status(answer.status());
            for (name, value) in answer.headers() {
                rebuilt = rebuilt.header(name, value);
            }
            let body = answer.bytes().await?;
            Self::note_body(&seen, &body, false);
            Ok(reqwest::Response::from(
                rebuilt.body(reqwest::Body::from(body)).unwrap(),
            ))
        })
    }
}

/// Every text the recorder holds, each with where it was: every attribute of every span of the
/// SDK's and of every event on them, and every metric point's attributes.
fn everything_recorded(recorder: &Recorder) -> Vec<(String, String)> {
    let mut recorded = Vec::new();
    for span in recorder.spans.get_finished_spans().unwrap() {
        recorded.push((format!("span {}", span.name), span.name.to_string()));
        for kv in &span.attributes {
            recorded.push((format!("{} {}", span.name, kv.key), kv.value.to_string()));
        }
        for event in span.events.iter() {
            recorded.push((format!("{} event", span.name), event.name.to_string()));
            for kv in &event.attributes {
                let place = format!("{} event {} {}", span.name, event.name, kv.key);
                recorded.push((place, kv.value.to_string()));
            }
        }
        if let Status::Error { description } = &span.status {
            recorded.push((format!("{} status", span.name), description.to_string()));
        }
    }
    for point in recorder.points() {
        for (name, value) in point.attributes {
            recorded.push((format!("metric {} {name}", point.name), value));
        }
    }
    recorded
}

/// Where a secret was recorded.
fn leaks(recorded: &[(String, String)], secrets: &[String]) -> Vec<String> {
    recorded
        .iter()
        .flat_map(|(place, value)| {
            secrets
                .iter()
                .filter(move |secret| value.contains(secret.as_str()))
                .map(move |_| place.clone())
        })
        .collect()
}

#[tokio::test]
async fn no_secret_is_recorded_by_any_operation_even_with_content_opted_in() {
    let recorder = Recorder::start();
    let (_sandbox, builder) = sandbox().await;
    let secrets = SecretsSeen::new();
    let client = recorder.client(
        builder
            .retry_policy(RetryPolicy::none())
            .capture_message_content(true)
            .sender(secrets.clone()),
    );
    generated_calls::make_every_generated_call(&client).await;
    // The calls the spec marks hand-written, with a provider key (a header the spec marks
    // secret).
    let request = ChatRequest::new(Model::FAST)
        .user("Hi")
        .provider_key("sk-provider-SENTINEL-0001");
    let _ = client.chat().completions().create(request.clone()).await;
    if let Ok(stream) = client.chat().completions().create_stream(request).await {
        let _ = stream.collect_message().await;
    }

    let traced: std::collections::BTreeSet<String> = recorder
        .calls()
        .iter()
        .map(|call| text(call, "nexevo.operation").to_owned())
        .collect();
    let every: std::collections::BTreeSet<String> = nexevo_api::OPERATIONS
        .iter()
        .map(|operation| operation.id.to_owned())
        .collect();
    assert_eq!(traced, every, "every operation of the spec was traced");
    let secrets = secrets.secrets();
    assert!(secrets.iter().any(|s| s == "sk-provider-SENTINEL-0001"));
    assert!(
        secrets.len() > 10,
        "secrets of many kinds were seen: {}",
        secrets.len()
    );
    let recorded = everything_recorded(&recorder);
    assert!(
        recorded.len() > 1000,
        "the walk saw the run: {}",
        recorded.len()
    );
    let leaked = leaks(&recorded, &secrets);
    assert!(leaked.is_empty(), "secrets recorded at: {leaked:?}");
}

#[tokio::test]
async fn the_walk_finds_a_secret_planted_in_what_is_recorded() {
    let recorder = Recorder::start();
    let (sandbox, builder) = sandbox().await;
    let secrets = SecretsSeen::new();
    let client = recorder.client(
        builder
            .capture_message_content(true)
            .sender(secrets.clone()),
    );
    // A prompt quoting the API key: content the caller opted in to record, so it is.
    let key = sandbox.demo().api_key.expose().to_owned();
    let _ = client
        .chat()
        .completions()
        .create(ChatRequest::new(Model::FAST).user(format!("my key is {key}")))
        .await
        .unwrap();
    let leaked = leaks(&everything_recorded(&recorder), &secrets.secrets());
    assert!(
        leaked
            .iter()
            .any(|place| place.contains("gen_ai.input.messages")),
        "{leaked:?}"
    );
}
