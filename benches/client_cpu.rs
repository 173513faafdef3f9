//! What the SDK costs the client, without a network: the same two calls made through the SDK
//! and by hand with reqwest + serde_json, every request answered at once by the same recorded
//! sandbox answer (status, headers, body), so that only the client's own work is timed —
//! building the request, credentials, retry bookkeeping, tracing, decoding, the metadata.
//!
//! Reports nanoseconds and allocations per call, the median of several alternating blocks.
//! A second table makes the same calls over a real loopback connection to an in-process server
//! that answers at once with the same recorded bytes, so that what only the network path costs
//! — reading the body, connection handling, timers — cannot hide (the server's own work is the
//! same for both contenders).
//!
//! `cargo bench -p nexevo-benches --bench client_cpu`; with `CLIENT_CPU_PROFILE` set, one
//! contender only, for a profiler (see `profile`). With `--features otel` and
//! `CLIENT_CPU_SUBSCRIBER=otel`, a subscriber listens: every span exported through
//! `tracing-opentelemetry` and the OpenTelemetry SDK (to an exporter that drops it), the
//! metrics aggregated by an SDK meter provider.
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::float_arithmetic
)]
#![allow(missing_docs)] // a bench binary

use std::sync::Arc;
use std::time::Instant;

use nexevo::billing::BillingExt;
use nexevo::chat::{ChatExt, ChatRequest, Model};
use nexevo::{BoxFuture, RequestSender};
use nexevo_api::types::{Balance, ChatCompletion};
use nexevo_benches::{balance_request, completion_request, http_client};

/// Counts allocations, to report them per call: the benches' one counting allocator.
#[path = "../crates/nexevo-chat/benches/common/counting_allocator.rs"]
mod counting_allocator;

const CALLS_PER_BLOCK: u32 = 20_000;
const BLOCKS: usize = 7;

/// A recorded answer.
#[derive(Debug)]
struct Recorded {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: bytes::Bytes,
}

impl Recorded {
    async fn record(request: reqwest::RequestBuilder) -> Self {
        let response = request.send().await.unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        Self {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.bytes().await.unwrap(),
        }
    }

    /// The answer as HTTP/1.1 bytes, for the loopback server.
    fn wire(&self) -> Vec<u8> {
        let reason = http::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|status| status.canonical_reason())
            .unwrap_or("OK");
        let mut wire = format!("HTTP/1.1 {} {reason}\r\n", self.status).into_bytes();
        for (name, value) in &self.headers {
            if name == http::header::CONTENT_LENGTH || name == http::header::TRANSFER_ENCODING {
                continue;
            }
            wire.extend_from_slice(name.as_str().as_bytes());
            wire.extend_from_slice(b": ");
            wire.extend_from_slice(value.as_bytes());
            wire.extend_from_slice(b"\r\n");
        }
        wire.extend_from_slice(format!("content-length: {}\r\n\r\n", self.body.len()).as_bytes());
        wire.extend_from_slice(&self.body);
        wire
    }

    /// The answer as a fresh response (what a connection would hand over).
    fn replay(&self) -> reqwest::Response {
        let mut response = http::Response::new(reqwest::Body::from(self.body.clone()));
        *response.status_mut() = http::StatusCode::from_u16(self.status).unwrap();
        *response.headers_mut() = self.headers.clone();
        reqwest::Response::from(response)
    }
}

/// Answers each request with the recorded answer for its path.
#[derive(Debug, Clone)]
struct Replay {
    balance: Arc<Recorded>,
    completion: Arc<Recorded>,
}

impl Replay {
    fn answer(&self, request: &reqwest::Request) -> reqwest::Response {
        if request.url().path() == "/v1/billing/balance" {
            self.balance.replay()
        } else {
            self.completion.replay()
        }
    }
}

impl RequestSender for Replay {
    fn send(&self, request: reqwest::Request) -> BoxFuture<reqwest::Result<reqwest::Response>> {
        let response = self.answer(&request);
        Box::pin(async move { Ok(response) })
    }
}

/// A loopback HTTP/1.1 server on its own thread that answers every request at once with the
/// recorded bytes for its path, keeping connections open. Answers its base URL.
fn loopback_server(balance: Vec<u8>, completion: Vec<u8>) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            sender
                .send(format!("http://{}", listener.local_addr().unwrap()))
                .unwrap();
            let answers = Arc::new((balance, completion));
            loop {
                let (mut socket, _) = listener.accept().await.unwrap();
                socket.set_nodelay(true).unwrap();
                let answers = Arc::clone(&answers);
                tokio::spawn(async move {
                    let mut buffer = vec![0u8; 64 * 1024];
                    let mut filled = 0;
                    loop {
                        let Ok(read) = socket.read(&mut buffer[filled..]).await else {
                            return;
                        };
                        if read == 0 {
                            return;
                        }
                        filled += read;
                        // Every complete request in the buffer gets its answer.
                        while let Some(end) = find(&buffer[..filled], b"\r\n\r\n") {
                            let head = &buffer[..end];
                            let length = content_length(head);
                            let total = end + 4 + length;
                            if filled < total {
                                break;
                            }
                            let answer = if head.starts_with(b"GET /v1/billing/balance") {
                                &answers.0
                            } else {
                                &answers.1
                            };
                            if socket.write_all(answer).await.is_err() {
                                return;
                            }
                            buffer.copy_within(total..filled, 0);
                            filled -= total;
                        }
                    }
                });
            }
        });
    });
    receiver.recv().unwrap()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn content_length(head: &[u8]) -> usize {
    String::from_utf8_lossy(head)
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0)
}

/// Nanoseconds and allocations per call of one block of calls.
async fn block<F, Fut>(mut call: F) -> (f64, f64)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    let allocations = counting_allocator::allocations();
    let started = Instant::now();
    for _ in 0..CALLS_PER_BLOCK {
        call().await;
    }
    let nanos = started.elapsed().as_nanos() as f64 / f64::from(CALLS_PER_BLOCK);
    let allocations =
        (counting_allocator::allocations() - allocations) as f64 / f64::from(CALLS_PER_BLOCK);
    (nanos, allocations)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let request = ChatRequest::new(Model::FAST).user("Hello!");
    let body = request.body().clone();

    // Record one real answer of each kind from the sandbox.
    let replay = runtime.block_on(async {
        let sandbox = nexevo_sandbox::Sandbox::start().await.unwrap();
        let key = sandbox.demo().api_key.expose().to_owned();
        let http = http_client();
        let base = sandbox.base_url();
        Replay {
            balance: Arc::new(Recorded::record(balance_request(&http, base, &key)).await),
            completion: Arc::new(
                Recorded::record(completion_request(&http, base, &key, &body)).await,
            ),
        }
    });

    #[cfg(feature = "otel")]
    let _providers = listening();
    let key = "nx-live-0123456789abcdef0123456789abcdef";
    if let Ok(contender) = std::env::var("CLIENT_CPU_PROFILE") {
        profile(&runtime, &contender, &replay, key, &request);
        return;
    }
    let wires = (replay.balance.wire(), replay.completion.wire());
    let in_memory = nexevo::Client::builder()
        .base_url("http://127.0.0.1:9")
        .api_key(key)
        .sender(replay.clone())
        .build()
        .unwrap();
    let medians = runtime.block_on(measure(
        &in_memory,
        "http://127.0.0.1:9",
        key,
        &request,
        Some(&replay),
    ));
    report("answers replayed in memory", &medians);
    let base = loopback_server(wires.0, wires.1);
    let over_loopback = nexevo::Client::builder()
        .base_url(&base)
        .api_key(key)
        .build()
        .unwrap();
    let medians = runtime.block_on(measure(&over_loopback, &base, key, &request, None));
    report(
        "over a loopback connection to a server that answers at once",
        &medians,
    );
    // What one call holds while it is in flight: with many in flight at once, memory the
    // caches must hold.
    let sdk_call = nexevo::Operation::send(over_loopback.billing().balance());
    let http = http_client();
    let raw_call = async {
        let response = balance_request(&http, &base, key).send().await.unwrap();
        let _: Balance = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    };
    println!(
        "state of one balance() call in flight: SDK {} bytes, reqwest + serde_json {} bytes",
        std::mem::size_of_val(&*sdk_call),
        std::mem::size_of_val(&raw_call)
    );
}

/// With `CLIENT_CPU_SUBSCRIBER=otel`: a global subscriber exporting spans through the
/// OpenTelemetry SDK (simple processor, an exporter that drops them), and a global SDK meter
/// provider, which every client built after it records on. Kept for the run.
#[cfg(feature = "otel")]
fn listening() -> Option<(
    opentelemetry_sdk::trace::SdkTracerProvider,
    opentelemetry_sdk::metrics::SdkMeterProvider,
)> {
    use opentelemetry::trace::TracerProvider as _;
    use tracing_subscriber::layer::SubscriberExt as _;

    #[derive(Debug)]
    struct Dropped;
    impl opentelemetry_sdk::trace::SpanExporter for Dropped {
        async fn export(
            &self,
            _: Vec<opentelemetry_sdk::trace::SpanData>,
        ) -> opentelemetry_sdk::error::OTelSdkResult {
            Ok(())
        }
    }

    if std::env::var("CLIENT_CPU_SUBSCRIBER").ok()? != "otel" {
        return None;
    }
    let tracer_provider = opentelemetry_sdk::trace::SdkTracerProvider::builder()
        .with_simple_exporter(Dropped)
        .build();
    let layer = tracing_opentelemetry::layer().with_tracer(tracer_provider.tracer("bench"));
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(layer)).unwrap();
    let meter_provider = opentelemetry_sdk::metrics::SdkMeterProvider::builder()
        .with_reader(
            opentelemetry_sdk::metrics::PeriodicReader::builder(
                opentelemetry_sdk::metrics::InMemoryMetricExporter::default(),
            )
            .build(),
        )
        .build();
    opentelemetry::global::set_meter_provider(meter_provider.clone());
    println!("a subscriber listens: spans through tracing-opentelemetry, metrics on an SDK meter");
    Some((tracer_provider, meter_provider))
}

/// The four contenders: `balance()` by the SDK and by hand, then chat `create()` likewise.
/// With `replay`, the raw calls are answered from memory through the same sender as the SDK's
/// (boxed future and all); without, both go over HTTP to `base`.
struct Contenders<'a> {
    sdk: &'a nexevo::Client,
    http: reqwest::Client,
    base: &'a str,
    key: &'a str,
    request: &'a ChatRequest,
    body: nexevo_api::types::ChatCompletionRequest,
    replay: Option<&'a Replay>,
}

impl Contenders<'_> {
    /// The names `CLIENT_CPU_PROFILE` takes, by contender.
    const NAMES: [&'static str; 4] = ["sdk", "raw", "sdk-chat", "raw-chat"];

    async fn raw(&self, request: reqwest::Request) -> bytes::Bytes {
        match self.replay {
            Some(replay) => replay.send(request).await.unwrap().bytes().await.unwrap(),
            None => self
                .http
                .execute(request)
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap(),
        }
    }

    /// One call of a contender.
    async fn call(&self, contender: usize) {
        match contender {
            0 => drop(self.sdk.billing().balance().await.unwrap()),
            1 => {
                let request = balance_request(&self.http, self.base, self.key)
                    .build()
                    .unwrap();
                let _: Balance = serde_json::from_slice(&self.raw(request).await).unwrap();
            }
            2 => drop(
                self.sdk
                    .chat()
                    .completions()
                    .create(self.request.clone())
                    .await
                    .unwrap(),
            ),
            _ => {
                // A copy of the body per call, as the SDK's contender copies its request.
                let body = self.body.clone();
                let request = completion_request(&self.http, self.base, self.key, &body)
                    .build()
                    .unwrap();
                let _: ChatCompletion = serde_json::from_slice(&self.raw(request).await).unwrap();
            }
        }
    }
}

/// `CLIENT_CPU_PROFILE=sdk` (or `raw`, `sdk-chat`, `raw-chat`): only that contender's calls,
/// answered in memory, 20,000 of them, for a profiler (`valgrind --tool=callgrind`): the
/// difference between two profiles is what the SDK adds per call, function by function.
fn profile(
    runtime: &tokio::runtime::Runtime,
    name: &str,
    replay: &Replay,
    key: &str,
    request: &ChatRequest,
) {
    let Some(contender) = Contenders::NAMES.iter().position(|n| *n == name) else {
        println!("CLIENT_CPU_PROFILE={name}: one of sdk, raw, sdk-chat, raw-chat");
        return;
    };
    let base = "http://127.0.0.1:9";
    let sdk = nexevo::Client::builder()
        .base_url(base)
        .api_key(key)
        .sender(replay.clone())
        .build()
        .unwrap();
    let contenders = Contenders {
        sdk: &sdk,
        http: http_client(),
        base,
        key,
        request,
        body: request.body().clone(),
        replay: Some(replay),
    };
    runtime.block_on(async {
        for _ in 0..CALLS_PER_BLOCK {
            contenders.call(contender).await;
        }
    });
}

/// The four contenders, alternating: medians of nanoseconds and allocations per call (see
/// [`Contenders`] for `replay`).
async fn measure(
    sdk: &nexevo::Client,
    base: &str,
    key: &str,
    request: &ChatRequest,
    replay: Option<&Replay>,
) -> Vec<(f64, f64)> {
    let contenders = Contenders {
        sdk,
        http: http_client(),
        base,
        key,
        request,
        body: request.body().clone(),
        replay,
    };
    // Warm up the connection pools.
    sdk.billing().balance().await.unwrap();
    if replay.is_none() {
        balance_request(&contenders.http, base, key)
            .send()
            .await
            .unwrap();
    }
    // sdk balance, raw balance, sdk chat, raw chat: nanoseconds and allocations per block
    let mut results: [(Vec<f64>, Vec<f64>); 4] = Default::default();
    for round in 0..BLOCKS {
        // Each round starts with the next contender, so none always runs first or last.
        for step in 0..results.len() {
            let contender = (round + step) % results.len();
            let (nanos, allocations) = block(|| contenders.call(contender)).await;
            results[contender].0.push(nanos);
            results[contender].1.push(allocations);
        }
    }
    results
        .iter_mut()
        .map(|(nanos, allocations)| (median(nanos), median(allocations)))
        .collect()
}

fn report(how: &str, medians: &[(f64, f64)]) {
    println!(
        "client-side cost per call, {how}; median of {BLOCKS} alternating blocks of {CALLS_PER_BLOCK} calls"
    );
    println!(
        "{:<44} {:>10} {:>12} {:>10}",
        "", "ns/call", "allocations", "SDK - raw"
    );
    let names = [
        "billing().balance(): nexevo (SDK)",
        "billing().balance(): reqwest + serde_json",
        "chat create: nexevo (SDK)",
        "chat create: reqwest + serde_json",
    ];
    for (index, name) in names.iter().enumerate() {
        let (nanos, allocations) = medians[index];
        let extra = if index % 2 == 0 {
            format!("{:+.0} ns", nanos - medians[index + 1].0)
        } else {
            String::new()
        };
        println!("{name:<44} {nanos:>10.0} {allocations:>12.1} {extra:>10}");
    }
    println!();
}
