//! Memory of a long stream: 1,000,000 chunks generated on the fly (never held), read through
//! `ChatStream` as the SDK reads a response, with the process's resident set size (and its peak)
//! sampled at the start, along the way and at the end. A parser that buffered would grow with
//! the stream; ours holds one event at a time, so the figures stay flat.
//!
//! `cargo bench -p nexevo-chat --bench stream_memory`
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
use nexevo_chat::__internals::stream_from_response;

const CHUNKS: u64 = 1_000_000;

/// `VmRSS` and `VmHWM` (peak) of this process, in KiB, from `/proc/self/status`.
fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn chunk(index: u64) -> Bytes {
    Bytes::from(format!(
        "data: {{\"id\":\"chatcmpl-long\",\"object\":\"chat.completion.chunk\",\"created\":1795623218,\"model\":\"nexevo/fast\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\" word{index}\"}}}}],\"nexevo\":{{\"generation_id\":\"gen_long\",\"tier\":\"fast\"}}}}\n\n"
    ))
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let body = futures_util::stream::iter(0..=CHUNKS).map(|index| {
        Ok::<_, std::io::Error>(if index == CHUNKS {
            Bytes::from_static(b"data: [DONE]\n\n")
        } else {
            chunk(index)
        })
    });
    let response = reqwest::Response::from(
        http::Response::builder()
            .status(200)
            .body(reqwest::Body::wrap_stream(body))
            .unwrap(),
    );
    let started = Instant::now();
    let (rss_start, peak_start) = memory_kib();
    println!("{:>12} {:>12} {:>12}", "chunks", "RSS KiB", "peak KiB");
    println!("{:>12} {:>12} {:>12}", 0, rss_start, peak_start);
    runtime.block_on(async {
        let mut stream = stream_from_response(response, Duration::from_secs(60));
        let mut read = 0u64;
        let mut bytes = 0usize;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.expect("a good chunk");
            bytes += chunk.choices[0]
                .delta
                .content
                .as_deref()
                .map_or(0, str::len);
            read += 1;
            if read.is_multiple_of(CHUNKS / 10) {
                let (rss, peak) = memory_kib();
                println!("{read:>12} {rss:>12} {peak:>12}");
            }
        }
        assert_eq!(read, CHUNKS);
        std::hint::black_box(bytes);
    });
    let (rss_end, peak_end) = memory_kib();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "\n{CHUNKS} chunks in {seconds:.2} s ({:.0} chunks/s); RSS {rss_start} KiB at the start, {rss_end} KiB at the end; peak {peak_start} → {peak_end} KiB",
        CHUNKS as f64 / seconds
    );
}
