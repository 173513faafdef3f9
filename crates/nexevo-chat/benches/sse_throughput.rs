//! SSE throughput: a recorded completion stream of 64 MiB, held in memory and served by an
//! in-memory byte stream in 16 KiB reads (no network), parsed into typed chunks
//!
//! - by `nexevo-chat`'s full path (`ChatStream`: our parser, `[DONE]` and error handling, typed
//!   chunks, through a `reqwest::Response` as the SDK reads it), and
//! - by a bare baseline: `eventsource-stream` + `serde_json` into the same chunk type,
//!
//! and, parser only (events, no JSON), by our `sse::Parser` and by `eventsource-stream`.
//! Rounds alternate the contenders; the table gives medians, chunks/s, allocations per chunk and
//! each ratio to its baseline.
//!
//! `cargo bench -p nexevo-chat --bench sse_throughput`
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::float_arithmetic
)]
#![allow(missing_docs)] // a bench binary

use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::StreamExt;
use nexevo_chat::__internals::{sse, stream_from_response};
use nexevo_chat::ChatCompletionChunk;

/// Counts allocations, to report them per chunk.
#[path = "common/counting_allocator.rs"]
mod counting_allocator;

const TARGET_BYTES: usize = 64 * 1024 * 1024;
const READ_SIZE: usize = 16 * 1024;
const ROUNDS: usize = 7;

/// A recorded stream, as the sandbox sends it: a keep-alive, chunks of a few words each, the
/// final chunk with usage and cost, `[DONE]`; cut into network-sized reads.
fn recorded_stream() -> (Vec<Bytes>, u64, usize) {
    let words = [
        "Streaming",
        " is",
        " how",
        " long",
        " answers",
        " arrive,",
        " word",
        " by",
        " word.",
    ];
    let mut text = String::from(": keep-alive\n\n");
    let mut chunks = 0u64;
    while text.len() < TARGET_BYTES {
        let content = words[(chunks % words.len() as u64) as usize];
        text.push_str(&format!(
            "data: {{\"id\":\"chatcmpl-f671eff4d96f406e\",\"object\":\"chat.completion.chunk\",\"created\":1795623218,\"model\":\"nexevo/balanced\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{}}}}}],\"nexevo\":{{\"generation_id\":\"gen_f671eff4d96f406e\",\"tier\":\"balanced\",\"routed_model\":\"nexevo-balanced-1\"}}}}\n\n",
            serde_json::to_string(content).unwrap()
        ));
        chunks += 1;
    }
    text.push_str("data: {\"id\":\"chatcmpl-f671eff4d96f406e\",\"object\":\"chat.completion.chunk\",\"created\":1795623218,\"model\":\"nexevo/balanced\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12},\"nexevo\":{\"generation_id\":\"gen_f671eff4d96f406e\",\"tier\":\"balanced\",\"cost_usd\":\"0.000024\"}}\n\ndata: [DONE]\n\n");
    chunks += 1;
    let bytes = Bytes::from(text.into_bytes());
    let total = bytes.len();
    let pieces = (0..total)
        .step_by(READ_SIZE)
        .map(|start| bytes.slice(start..(start + READ_SIZE).min(total)))
        .collect();
    (pieces, chunks, total)
}

/// The reads, as a body stream. (Cloning a `Bytes` is a reference count, not a copy.)
fn body_stream(
    pieces: Vec<Bytes>,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    futures_util::stream::iter(pieces.into_iter().map(Ok))
}

/// Ours, end to end: bytes through a `reqwest::Response` into `ChatStream`.
async fn ours_full(pieces: &[Bytes]) -> u64 {
    let response = reqwest::Response::from(
        http::Response::builder()
            .status(200)
            .body(reqwest::Body::wrap_stream(body_stream(pieces.to_vec())))
            .unwrap(),
    );
    let mut stream = stream_from_response(response, Duration::from_secs(60));
    let mut chunks = 0;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.expect("a good chunk");
        chunks += chunk.choices.len() as u64;
    }
    chunks
}

/// The bare baseline: `eventsource-stream` and `serde_json` into the same chunk type.
async fn baseline_full(pieces: &[Bytes]) -> u64 {
    use eventsource_stream::Eventsource;
    let mut events = body_stream(pieces.to_vec()).eventsource();
    let mut chunks = 0;
    while let Some(event) = events.next().await {
        let event = event.expect("a good event");
        if event.data == "[DONE]" {
            break;
        }
        let chunk: ChatCompletionChunk = serde_json::from_str(&event.data).expect("a good chunk");
        chunks += chunk.choices.len() as u64;
    }
    chunks
}

/// Ours, parser only: events out of bytes.
fn ours_parser(pieces: &[Bytes]) -> u64 {
    let mut parser = sse::Parser::default();
    let mut events = 0u64;
    for piece in pieces {
        parser
            .feed(piece, &mut |_event| events += 1)
            .expect("no oversized event");
    }
    events
}

/// `eventsource-stream`, parser only.
async fn baseline_parser(pieces: &[Bytes]) -> u64 {
    use eventsource_stream::Eventsource;
    let mut events = body_stream(pieces.to_vec()).eventsource();
    let mut count = 0;
    while let Some(event) = events.next().await {
        event.expect("a good event");
        count += 1;
    }
    count
}

struct Result_ {
    seconds: Vec<f64>,
    allocations: u64,
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

fn main() {
    // `cargo test --benches` runs bench binaries with `--bench`-less arguments; do nothing then.
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (pieces, chunks, bytes) = recorded_stream();
    println!(
        "recorded stream: {:.1} MiB, {chunks} chunks, {} reads of {READ_SIZE} bytes",
        bytes as f64 / 1048576.0,
        pieces.len()
    );

    let names = [
        "nexevo-chat ChatStream (full path)",
        "eventsource-stream + serde_json",
        "nexevo-chat sse::Parser (events only)",
        "eventsource-stream (events only)",
    ];
    let mut results: Vec<Result_> = names
        .iter()
        .map(|_| Result_ {
            seconds: Vec::new(),
            allocations: 0,
        })
        .collect();
    let run = |index: usize| -> u64 {
        match index {
            0 => runtime.block_on(ours_full(&pieces)),
            1 => runtime.block_on(baseline_full(&pieces)),
            2 => ours_parser(&pieces),
            _ => runtime.block_on(baseline_parser(&pieces)),
        }
    };
    for (index, result) in results.iter_mut().enumerate() {
        let before = counting_allocator::allocations();
        let counted = run(index);
        result.allocations = counting_allocator::allocations() - before;
        assert!(
            counted == chunks || counted == chunks + 1 || counted == chunks + 2,
            "{}: {counted} of {chunks}",
            names[index]
        );
    }
    for round in 0..ROUNDS {
        // Alternate the order so neither side always runs warm or cold.
        let order: Vec<usize> = if round % 2 == 0 {
            vec![0, 1, 2, 3]
        } else {
            vec![1, 0, 3, 2]
        };
        for index in order {
            let started = Instant::now();
            std::hint::black_box(run(index));
            results[index].seconds.push(started.elapsed().as_secs_f64());
        }
    }

    println!(
        "\n{:<40} {:>10} {:>14} {:>14} {:>10}",
        "", "MB/s", "chunks/s", "allocs/chunk", "vs base"
    );
    for (index, result) in results.iter().enumerate() {
        let seconds = median(&result.seconds);
        let mbps = bytes as f64 / 1_000_000.0 / seconds;
        let baseline = if index % 2 == 0 { index + 1 } else { index };
        let ratio = median(&results[baseline].seconds) / seconds;
        println!(
            "{:<40} {:>10.1} {:>14.0} {:>14.2} {:>9.2}x",
            names[index],
            mbps,
            chunks as f64 / seconds,
            result.allocations as f64 / chunks as f64,
            ratio
        );
    }
    println!(
        "\n(median of {ROUNDS} alternating rounds; ratio = baseline time / this time, so above 1 is faster)"
    );
}
