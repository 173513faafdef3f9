//! Per-request overhead, against the sandbox on loopback: the SDK against the same requests
//! written by hand with reqwest and serde_json (an equally configured client, the same headers,
//! decoding into the same types), and async-openai as a peer on the OpenAI-compatible calls.
//! Contenders alternate request by request, so drift in the machine hits them alike.
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

use std::time::{Duration, Instant};

use async_openai::config::OpenAIConfig;
use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs,
};
use futures_util::StreamExt;
use nexevo::billing::BillingExt;
use nexevo::chat::{ChatExt, ChatRequest, Model};
use nexevo_api::types::{Balance, ChatCompletion, ChatCompletionChunk};
use nexevo_benches::Samples;

const WARMUP: usize = 300;
const REQUESTS: usize = 3_000;
const STREAM_WORDS: usize = 50_000;
const STREAM_ROUNDS: usize = 5;

fn http_client() -> reqwest::Client {
    // The settings the SDK gives the client it builds.
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .pool_idle_timeout(Duration::from_secs(90))
        .build()
        .unwrap()
}

struct Raw {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl Raw {
    async fn balance(&self) -> Balance {
        let response = self
            .http
            .get(format!("{}/v1/billing/balance", self.base))
            .bearer_auth(&self.key)
            .send()
            .await
            .unwrap();
        serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
    }

    async fn completion(&self, body: &nexevo_api::types::ChatCompletionRequest) -> ChatCompletion {
        let response = self
            .http
            .post(format!("{}/v1/chat/completions", self.base))
            .bearer_auth(&self.key)
            .header("idempotency-key", uuid_like())
            .header("content-type", "application/json")
            .body(serde_json::to_vec(body).unwrap())
            .send()
            .await
            .unwrap();
        serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
    }

    async fn stream(&self, body: &nexevo_api::types::ChatCompletionRequest) -> u64 {
        use eventsource_stream::Eventsource;
        let mut body = body.clone();
        body.stream = true;
        let response = self
            .http
            .post(format!("{}/v1/chat/completions", self.base))
            .bearer_auth(&self.key)
            .header("idempotency-key", uuid_like())
            .header("content-type", "application/json")
            .body(serde_json::to_vec(&body).unwrap())
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
}

/// A fresh key per request, as the SDK sends (any unique text will do).
fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "bench-{:016x}-{:08x}",
        NEXT.fetch_add(1, Ordering::Relaxed),
        std::process::id()
    )
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
    let openai = async_openai::Client::with_config(
        OpenAIConfig::new()
            .with_api_base(format!("{base}/v1"))
            .with_api_key(key.clone()),
    )
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
        "against the sandbox at {base}; {REQUESTS} requests per contender, alternating, after {WARMUP} of warm-up"
    );
    let (mut sdk_balance, mut raw_balance) = (Samples::default(), Samples::default());
    let (mut sdk_chat, mut raw_chat, mut openai_chat) =
        (Samples::default(), Samples::default(), Samples::default());
    runtime.block_on(async {
        for index in 0..WARMUP + REQUESTS {
            let measure = index >= WARMUP;
            let started = Instant::now();
            sdk.billing().balance().await.unwrap();
            let sdk_time = started.elapsed();
            let started = Instant::now();
            raw.balance().await;
            let raw_time = started.elapsed();
            if measure {
                sdk_balance.push(sdk_time);
                raw_balance.push(raw_time);
            }

            let started = Instant::now();
            sdk.chat()
                .completions()
                .create(request.clone())
                .await
                .unwrap();
            let sdk_time = started.elapsed();
            let started = Instant::now();
            raw.completion(&body).await;
            let raw_time = started.elapsed();
            let started = Instant::now();
            openai.chat().create(openai_request.clone()).await.unwrap();
            let openai_time = started.elapsed();
            if measure {
                sdk_chat.push(sdk_time);
                raw_chat.push(raw_time);
                openai_chat.push(openai_time);
            }
        }
    });
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
    let mut rates: [Vec<f64>; 3] = Default::default();
    runtime.block_on(async {
        for _ in 0..STREAM_ROUNDS {
            let started = Instant::now();
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
            rates[0].push(chunks as f64 / started.elapsed().as_secs_f64());

            let started = Instant::now();
            let chunks = raw.stream(&stream_body).await;
            rates[1].push(chunks as f64 / started.elapsed().as_secs_f64());

            let started = Instant::now();
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
            rates[2].push(chunks as f64 / started.elapsed().as_secs_f64());
        }
    });
    let median = |values: &Vec<f64>| {
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        sorted[sorted.len() / 2]
    };
    println!(
        "\na long stream ({STREAM_WORDS} chunks) over loopback, median of {STREAM_ROUNDS} alternating rounds"
    );
    println!("{:<36} {:>14} {:>10}", "", "chunks/s", "ratio");
    let base_rate = median(&rates[1]);
    for (name, values) in [
        ("nexevo (SDK)", &rates[0]),
        ("reqwest + eventsource + serde_json", &rates[1]),
        ("async-openai 0.43 (peer)", &rates[2]),
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
