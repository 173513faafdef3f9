//! Per-request overhead, against the sandbox on loopback: the SDK against the same requests
//! written by hand with reqwest and serde_json, and async-openai as a peer on the
//! OpenAI-compatible calls. Every contender sends byte for byte the same request (the same
//! headers, an idempotency key on each POST, so the server does the same work), from an equally
//! configured client (timeouts, pool, user agent), and decodes into its own types. Each round
//! runs every contender once in a fresh random order, so drift in the machine and the order of
//! calls hit them alike. The server has a runtime (a core) of its own.
//!
//! - `billing().balance()` (a GET) — SDK vs raw;
//! - a non-streamed `chat().completions().create()` — SDK vs raw vs async-openai;
//! - a long streamed completion (50,000 chunks) read to the end — SDK vs raw
//!   (reqwest + eventsource-stream + serde_json) vs async-openai, as chunks per second.
//!
//! `cargo bench -p nexevo-benches --bench request_overhead`
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::float_arithmetic
)]
#![allow(missing_docs)] // a bench binary

use std::time::Instant;

use async_openai::config::OpenAIConfig;
use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs,
};
use futures_util::StreamExt;
use nexevo::billing::BillingExt;
use nexevo::chat::{ChatExt, ChatRequest, Model};
use nexevo_api::types::{Balance, ChatCompletion, ChatCompletionChunk};
use nexevo_benches::{Samples, balance_request, completion_request, http_client, uuid_like};

const WARMUP: usize = 300;
const REQUESTS: usize = 3_000;
const STREAM_WORDS: usize = 50_000;
const STREAM_ROUNDS: usize = 9;

struct Raw {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl Raw {
    async fn balance(&self) -> Balance {
        let response = balance_request(&self.http, &self.base, &self.key)
            .send()
            .await
            .unwrap();
        serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
    }

    async fn completion(&self, body: nexevo_api::types::ChatCompletionRequest) -> ChatCompletion {
        let response = completion_request(&self.http, &self.base, &self.key, &body)
            .send()
            .await
            .unwrap();
        serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
    }

    async fn stream(&self, mut body: nexevo_api::types::ChatCompletionRequest) -> u64 {
        use eventsource_stream::Eventsource;
        body.stream = true;
        let response = completion_request(&self.http, &self.base, &self.key, &body)
            .send()
            .await
            .unwrap();
        let mut events = response.bytes_stream().eventsource();
        let mut chunks = 0;
        while let Some(event) = events.next().await {
            let event = event.unwrap();
            if event.data == "[DONE]" {
                break;
            }
            let _: ChatCompletionChunk = serde_json::from_str(&event.data).unwrap();
            chunks += 1;
        }
        chunks
    }

    /// The stream's bytes only, nothing parsed: the rate the server sends at, the ceiling of
    /// every contender's figure. A contender near it is measured against the server, not itself.
    async fn stream_bytes(&self, mut body: nexevo_api::types::ChatCompletionRequest) -> u64 {
        body.stream = true;
        let response = completion_request(&self.http, &self.base, &self.key, &body)
            .send()
            .await
            .unwrap();
        let mut bytes = response.bytes_stream();
        let mut events = 0u64;
        while let Some(piece) = bytes.next().await {
            events += memchr::memmem::find_iter(&piece.unwrap(), b"\n\n").count() as u64;
        }
        // The last event is `[DONE]`, not a chunk.
        events.saturating_sub(1)
    }
}

/// async-openai's configuration, sending the headers the SDK sends (an idempotency key among
/// them, which the server stores an answer for), so the server does the same work for each.
struct SameRequests(OpenAIConfig);

impl async_openai::config::Config for SameRequests {
    fn headers(&self) -> reqwest::header::HeaderMap {
        let mut headers = self.0.headers();
        headers.insert("accept", "application/json".parse().unwrap());
        headers.insert("api-version", "1.0.0".parse().unwrap());
        headers.insert("idempotency-key", uuid_like().parse().unwrap());
        headers
    }

    fn url(&self, path: &str) -> String {
        self.0.url(path)
    }

    fn query(&self) -> Vec<(&str, &str)> {
        self.0.query()
    }

    fn api_base(&self) -> &str {
        self.0.api_base()
    }

    fn api_key(&self) -> &secrecy::SecretString {
        self.0.api_key()
    }
}

fn report(title: &str, rows: &[(&str, &Samples)]) {
    println!("\n{title}");
    println!(
        "{:<36} {:>10} {:>10} {:>10}",
        "", "p50 µs", "p99 µs", "p50 ratio"
    );
    let base = rows[1].1.quantile(0.5);
    for (name, samples) in rows {
        println!(
            "{name:<36} {:>10.1} {:>10.1} {:>10.3}",
            samples.quantile(0.5),
            samples.quantile(0.99),
            samples.quantile(0.5) / base
        );
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    // The server gets a runtime (and so a core) of its own; the clients share another.
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let sandbox = server
        .block_on(
            nexevo_sandbox::Sandbox::builder()
                .demo_balance(rust_decimal_one_million())
                .start(),
        )
        .unwrap();
    let base = sandbox.base_url().to_owned();
    let key = sandbox.demo().api_key.expose().to_owned();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();

    let sdk = nexevo::Client::builder()
        .base_url(&base)
        .api_key(key.clone())
        .build()
        .unwrap();
    let raw = Raw {
        http: http_client(),
        base: base.clone(),
        key: key.clone(),
    };
    let openai = async_openai::Client::with_config(SameRequests(
        OpenAIConfig::new()
            .with_api_base(format!("{base}/v1"))
            .with_api_key(key.clone()),
    ))
    .with_http_client(http_client());

    let request = ChatRequest::new(Model::FAST).user("Hello!");
    let body = request.body().clone();
    let openai_request = CreateChatCompletionRequestArgs::default()
        .model("nexevo/fast")
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content("Hello!")
            .build()
            .unwrap()
            .into()])
        .build()
        .unwrap();

    println!(
        "against the sandbox at {base}; {REQUESTS} requests per contender, in a shuffled order each round, after {WARMUP} rounds of warm-up"
    );
    // sdk balance, raw balance, sdk chat, raw chat, async-openai chat
    let mut samples: [Samples; 5] = Default::default();
    let mut order = [0, 1, 2, 3, 4];
    runtime.block_on(async {
        for index in 0..WARMUP + REQUESTS {
            // A fresh order each round, so no contender always follows the same one. Each chat
            // contender is given a copy of its prepared request, as if it had just built one.
            fastrand::shuffle(&mut order);
            for &contender in &order {
                let started = Instant::now();
                match contender {
                    0 => drop(sdk.billing().balance().await.unwrap()),
                    1 => drop(raw.balance().await),
                    2 => drop(
                        sdk.chat()
                            .completions()
                            .create(request.clone())
                            .await
                            .unwrap(),
                    ),
                    3 => drop(raw.completion(body.clone()).await),
                    _ => drop(openai.chat().create(openai_request.clone()).await.unwrap()),
                }
                if index >= WARMUP {
                    samples[contender].push(started.elapsed());
                }
            }
        }
    });
    let [sdk_balance, raw_balance, sdk_chat, raw_chat, openai_chat] = samples;
    report(
        "billing().balance()",
        &[
            ("nexevo (SDK)", &sdk_balance),
            ("reqwest + serde_json (baseline)", &raw_balance),
        ],
    );
    report(
        "chat().completions().create(), not streamed",
        &[
            ("nexevo (SDK)", &sdk_chat),
            ("reqwest + serde_json (baseline)", &raw_chat),
            ("async-openai 0.43 (peer)", &openai_chat),
        ],
    );

    // A long stream: one word per chunk.
    let long: String = (0..STREAM_WORDS).map(|i| format!("w{} ", i % 10)).collect();
    let stream_request = ChatRequest::new(Model::FAST).user(long.clone());
    let stream_body = stream_request.body().clone();
    let openai_stream_request = CreateChatCompletionRequestArgs::default()
        .model("nexevo/fast")
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content(long)
            .build()
            .unwrap()
            .into()])
        .stream(true)
        .build()
        .unwrap();
    let mut rates: [Vec<f64>; 4] = Default::default();
    let mut order = [0, 1, 2, 3];
    runtime.block_on(async {
        for _ in 0..STREAM_ROUNDS {
            fastrand::shuffle(&mut order);
            for &contender in &order {
                let started = Instant::now();
                let chunks = match contender {
                    0 => {
                        let mut stream = sdk
                            .chat()
                            .completions()
                            .create_stream(stream_request.clone())
                            .await
                            .unwrap();
                        let mut chunks = 0u64;
                        while let Some(chunk) = stream.next().await {
                            chunk.unwrap();
                            chunks += 1;
                        }
                        chunks
                    }
                    1 => raw.stream(stream_body.clone()).await,
                    3 => raw.stream_bytes(stream_body.clone()).await,
                    _ => {
                        let mut stream = openai
                            .chat()
                            .create_stream(openai_stream_request.clone())
                            .await
                            .unwrap();
                        let mut chunks = 0u64;
                        while let Some(chunk) = stream.next().await {
                            chunk.unwrap();
                            chunks += 1;
                        }
                        chunks
                    }
                };
                // One chunk per word, plus the role and the finish chunks.
                assert!(
                    chunks >= STREAM_WORDS as u64,
                    "{contender} read {chunks} chunks"
                );
                rates[contender].push(chunks as f64 / started.elapsed().as_secs_f64());
            }
        }
    });
    let median = |values: &Vec<f64>| {
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        sorted[sorted.len() / 2]
    };
    println!(
        "\na long stream ({STREAM_WORDS} chunks) over loopback, median of {STREAM_ROUNDS} rounds in shuffled order"
    );
    println!("{:<36} {:>14} {:>10}", "", "chunks/s", "ratio");
    let base_rate = median(&rates[1]);
    for (name, values) in [
        ("nexevo (SDK)", &rates[0]),
        ("reqwest + eventsource + serde_json", &rates[1]),
        ("async-openai 0.43 (peer)", &rates[2]),
        ("bytes only: the server's ceiling", &rates[3]),
    ] {
        println!(
            "{name:<36} {:>14.0} {:>10.3}",
            median(values),
            median(values) / base_rate
        );
    }
    drop(sandbox);
}

fn rust_decimal_one_million() -> nexevo::billing::Decimal {
    nexevo::billing::Decimal::new(1_000_000, 0)
}
