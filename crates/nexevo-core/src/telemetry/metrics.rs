//! The GenAI client metrics (feature `otel`), on the `opentelemetry` API crate: the instruments
//! a client makes once, and what one call records on them.

use std::time::Duration;

use opentelemetry::metrics::{Counter, Histogram, Meter, MeterProvider};
use opentelemetry::{InstrumentationScope, KeyValue, StringValue, Value};
use rust_decimal::prelude::ToPrimitive;
use tracing::Span;
use tracing_opentelemetry::OpenTelemetrySpanExt;

use rust_decimal::Decimal;

use super::names::*;

/// The conventions' bucket boundaries for `gen_ai.client.token.usage`: powers of 4.
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

/// The conventions' bucket boundaries for the client's durations (the operation's and the time
/// to the first chunk), in seconds: 10 ms doubling to 82 s.
const DURATION_BOUNDARIES: [f64; 14] = [
    0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];

/// The SDK's meter on `provider`: scope `nexevo`, the SDK's version, the conventions' schema.
pub(crate) fn meter<P: MeterProvider + ?Sized>(provider: &P) -> Meter {
    provider.meter_with_scope(
        InstrumentationScope::builder("nexevo")
            .with_version(env!("CARGO_PKG_VERSION"))
            .with_schema_url(SCHEMA_URL)
            .build(),
    )
}

/// A client's instruments, made once when it is built.
#[derive(Debug)]
pub(crate) struct Instruments {
    token_usage: Histogram<u64>,
    duration: Histogram<f64>,
    time_to_first_chunk: Histogram<f64>,
    cost: Counter<f64>,
}

impl Instruments {
    pub(crate) fn new(meter: &Meter) -> Self {
        Self {
            token_usage: meter
                .u64_histogram(GEN_AI_CLIENT_TOKEN_USAGE)
                .with_unit("{token}")
                .with_description("Number of input and output tokens used.")
                .with_boundaries(TOKEN_BOUNDARIES.to_vec())
                .build(),
            duration: meter
                .f64_histogram(GEN_AI_CLIENT_OPERATION_DURATION)
                .with_unit("s")
                .with_description("GenAI operation duration.")
                .with_boundaries(DURATION_BOUNDARIES.to_vec())
                .build(),
            time_to_first_chunk: meter
                .f64_histogram(GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK)
                .with_unit("s")
                .with_description(
                    "Time to receive the first chunk, from when the client issues the request.",
                )
                .with_boundaries(DURATION_BOUNDARIES.to_vec())
                .build(),
            // A float: an OpenTelemetry counter is an integer or a float, and cost is a
            // fraction of a dollar. The one place the SDK's money is not exact; the span's
            // `nexevo.cost_usd` is.
            cost: meter
                .f64_counter(NEXEVO_CLIENT_COST)
                .with_unit("USD")
                .with_description("What Nexevo charged for the client's generations, in USD.")
                .build(),
        }
    }
}

/// What one GenAI call's metrics need: the instruments and the attributes every point carries.
#[derive(Debug)]
pub(crate) struct CallMetrics {
    instruments: std::sync::Arc<Instruments>,
    /// Operation, provider, request model, server address and port, then the response's model
    /// once it is known; a point's own attribute is pushed for its recording and taken off
    /// again, so that no point copies them.
    attributes: Vec<KeyValue>,
    response_model_known: bool,
    error_type: Option<String>,
}

/// The most attributes a point carries: the five of every point, the response's model, and
/// one of its own (`gen_ai.token.type`, `error.type`).
const MOST_ATTRIBUTES: usize = 7;

impl CallMetrics {
    pub(crate) fn new(
        instruments: &std::sync::Arc<Instruments>,
        (server_address, server_port): (&std::sync::Arc<str>, u16),
        gen_ai_operation: &'static str,
        model: &str,
    ) -> Self {
        let mut attributes = Vec::with_capacity(MOST_ATTRIBUTES);
        attributes.extend([
            KeyValue::new(GEN_AI_OPERATION_NAME, gen_ai_operation),
            KeyValue::new(GEN_AI_PROVIDER_NAME, PROVIDER),
            KeyValue::new(GEN_AI_REQUEST_MODEL, model.to_owned()),
            KeyValue::new(
                SERVER_ADDRESS,
                StringValue::from(std::sync::Arc::clone(server_address)),
            ),
            KeyValue::new(SERVER_PORT, i64::from(server_port)),
        ]);
        Self {
            instruments: std::sync::Arc::clone(instruments),
            attributes,
            response_model_known: false,
            error_type: None,
        }
    }

    /// Records with the attributes of every point and `own`.
    fn with(&mut self, own: Option<KeyValue>, record: impl FnOnce(&Instruments, &[KeyValue])) {
        let pushed = own.is_some();
        self.attributes.extend(own);
        record(&self.instruments, &self.attributes);
        if pushed {
            self.attributes.pop();
        }
    }

    /// What the answer says: its model (on every later point), its usage and its cost.
    pub(crate) fn response(
        &mut self,
        model: Option<&str>,
        (input_tokens, output_tokens): (Option<u32>, Option<u32>),
        cost_usd: Option<Decimal>,
    ) {
        if let Some(model) = model
            && !std::mem::replace(&mut self.response_model_known, true)
        {
            let model = KeyValue::new(GEN_AI_RESPONSE_MODEL, model.to_owned());
            self.attributes.push(model);
        }
        let tokens = [("input", input_tokens), ("output", output_tokens)];
        for (kind, count) in tokens {
            if let Some(count) = count {
                let kind = KeyValue::new(GEN_AI_TOKEN_TYPE, kind);
                self.with(Some(kind), |instruments, attributes| {
                    instruments.token_usage.record(u64::from(count), attributes);
                });
            }
        }
        if let Some(cost) = cost_usd.and_then(|cost| cost.to_f64()) {
            self.with(None, |instruments, attributes| {
                instruments.cost.add(cost, attributes);
            });
        }
    }

    pub(crate) fn first_chunk(&mut self, elapsed: Duration) {
        self.with(None, |instruments, attributes| {
            instruments
                .time_to_first_chunk
                .record(elapsed.as_secs_f64(), attributes);
        });
    }

    pub(crate) fn failed(&mut self, error_type: String) {
        self.error_type = Some(error_type);
    }

    /// The call is over, after `elapsed`.
    pub(crate) fn end(&mut self, elapsed: Duration) {
        let error = self
            .error_type
            .take()
            .map(|kind| KeyValue::new(ERROR_TYPE, kind));
        self.with(error, |instruments, attributes| {
            instruments
                .duration
                .record(elapsed.as_secs_f64(), attributes);
        });
    }
}

/// Sets an array attribute through `tracing-opentelemetry`'s span extension, when an
/// OpenTelemetry layer takes `span`; answers whether one did.
pub(crate) fn set_array<S: AsRef<str>>(span: &Span, name: &'static str, values: &[S]) -> bool {
    let exported = span
        .with_subscriber(|(id, dispatch)| {
            tracing_opentelemetry::get_otel_context(id, dispatch).is_some()
        })
        .unwrap_or(false);
    if exported {
        let values: Vec<StringValue> = values
            .iter()
            .map(|value| StringValue::from(value.as_ref().to_owned()))
            .collect();
        span.set_attribute(name, Value::Array(values.into()));
    }
    exported
}
