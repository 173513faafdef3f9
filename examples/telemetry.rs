//! The tour's calls, watched as a production service watches them: every span exported through
//! `tracing-opentelemetry` and the OpenTelemetry SDK, every metric recorded on an SDK meter
//! provider (both into memory here; a service uses its OTLP exporter instead), and then
//! printed: each call's span, named by the conventions (`chat nexevo/balanced`,
//! `GET /v1/billing/balance`) with its attributes and its attempts, and each metric point.
//!
//! `cargo run --example telemetry`. The SDK needs its `otel` feature for the metrics; the
//! spans need no feature. It exits non-zero on any failure, or if a chat span or a GenAI metric
//! is missing.
#![allow(clippy::print_stdout)] // an example shows what it does

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::metrics::data::{AggregatedMetrics, MetricData};
use opentelemetry_sdk::metrics::{InMemoryMetricExporter, PeriodicReader, SdkMeterProvider};
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider, SpanData};
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// The tour, as `cargo run --example tour` runs it.
#[path = "tour.rs"]
mod tour;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let spans = InMemorySpanExporter::default();
    let tracer_provider = SdkTracerProvider::builder()
        .with_simple_exporter(spans.clone())
        .build();
    let metrics = InMemoryMetricExporter::default();
    let meter_provider = SdkMeterProvider::builder()
        .with_reader(PeriodicReader::builder(metrics.clone()).build())
        .build();

    // What a service adds: spans through tracing-opentelemetry, metrics on its meter provider
    // (the tour's clients take the global one; `ClientBuilder::meter_provider` sets another).
    let tracer = tracer_provider.tracer("telemetry-example");
    tracing_subscriber::registry()
        .with(tracing_opentelemetry::layer().with_tracer(tracer))
        .init();
    opentelemetry::global::set_meter_provider(meter_provider.clone());

    tour::main()?;

    meter_provider.force_flush()?;
    let spans = spans.get_finished_spans()?;
    print_spans(&spans);
    let points = print_metrics(&metrics)?;

    if !spans.iter().any(|span| span.name == "chat nexevo/balanced") {
        return Err("no `chat nexevo/balanced` span was recorded".into());
    }
    for metric in [
        "gen_ai.client.token.usage",
        "gen_ai.client.operation.duration",
        "gen_ai.client.operation.time_to_first_chunk",
        "nexevo.client.cost",
    ] {
        if !points.iter().any(|name| name == metric) {
            return Err(format!("no {metric} was recorded").into());
        }
    }
    Ok(())
}

/// Attributes `tracing-opentelemetry` adds of its own (where in the code, which thread, time
/// busy and idle): not the SDK's, and long.
fn is_own(key: &str) -> bool {
    !(key.starts_with("code.") || key.starts_with("thread.") || key.ends_with("_ns"))
}

/// Each call's span with its attributes, and its attempts under it, in the order they began.
fn print_spans(spans: &[SpanData]) {
    println!("\n== Spans ({} recorded)", spans.len());
    let mut calls: Vec<&SpanData> = spans
        .iter()
        .filter(|span| {
            span.attributes
                .iter()
                .any(|kv| kv.key.as_str() == "nexevo.operation")
        })
        .collect();
    calls.sort_by_key(|span| span.start_time);
    for call in calls {
        println!("{} [{:?}, {:?}]", call.name, call.span_kind, call.status);
        print_attributes(call, "    ");
        let id = call.span_context.span_id();
        for attempt in spans.iter().filter(|span| span.parent_span_id == id) {
            println!("  {} [attempt, {:?}]", attempt.name, attempt.status);
            print_attributes(attempt, "      ");
        }
    }
}

fn print_attributes(span: &SpanData, indent: &str) {
    let mut attributes: Vec<_> = span
        .attributes
        .iter()
        .filter(|kv| is_own(kv.key.as_str()) && !kv.key.as_str().starts_with("otel."))
        .map(|kv| format!("{}={}", kv.key, kv.value))
        .collect();
    attributes.sort();
    for attribute in attributes {
        println!("{indent}{attribute}");
    }
}

/// Each metric point, with its attributes; answers the names of the metrics recorded.
fn print_metrics(
    exporter: &InMemoryMetricExporter,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    println!("\n== Metrics");
    let exported = exporter.get_finished_metrics()?;
    let mut names = Vec::new();
    let Some(last) = exported.last() else {
        return Ok(names);
    };
    for scope in last.scope_metrics() {
        for metric in scope.metrics() {
            names.push(metric.name().to_owned());
            println!(
                "{} ({}, scope {})",
                metric.name(),
                metric.unit(),
                scope.scope().name()
            );
            let line = |attributes: &mut dyn Iterator<Item = &opentelemetry::KeyValue>| {
                let mut attributes: Vec<String> = attributes
                    .map(|kv| format!("{}={}", kv.key, kv.value))
                    .collect();
                attributes.sort();
                attributes.join(" ")
            };
            match metric.data() {
                AggregatedMetrics::F64(MetricData::Histogram(histogram)) => {
                    for point in histogram.data_points() {
                        let attributes = line(&mut point.attributes());
                        println!(
                            "    count {} sum {:.6}: {attributes}",
                            point.count(),
                            point.sum()
                        );
                    }
                }
                AggregatedMetrics::U64(MetricData::Histogram(histogram)) => {
                    for point in histogram.data_points() {
                        let attributes = line(&mut point.attributes());
                        println!(
                            "    count {} sum {}: {attributes}",
                            point.count(),
                            point.sum()
                        );
                    }
                }
                AggregatedMetrics::F64(MetricData::Sum(sum)) => {
                    for point in sum.data_points() {
                        let attributes = line(&mut point.attributes());
                        println!("    {:.9}: {attributes}", point.value());
                    }
                }
                _ => println!("    (another kind of data)"),
            }
        }
    }
    Ok(names)
}
