//! The soak: mixed hostile requests against the `nexevo-sandbox` binary, run as a child
//! process on loopback, with normal requests alongside. The sandbox's peak resident memory
//! (`VmHWM`) must stay under the bound `binary.rs` holds it to (`PEAK_MEMORY_BOUND_KB`), and
//! every normal request must be answered correctly.
//!
//! The normal test run sends 2,000 requests (`SOAK_REQUESTS` changes that). The full soak —
//! 100,000 requests, about 1 GiB sent — runs against a release build:
//!
//! ```text
//! SOAK_REQUESTS=100000 cargo test --release -p nexevo-sandbox --test sandbox soak:: -- --nocapture
//! ```
//!
//! In every thousand requests: 100 normal ones (a balance, a chat answered with its echo, a
//! keyed key creation and its replay, a small stream read whole), 300 password resets with
//! made-up credentials and fresh keys, 200 keyed heads declaring 4 MiB bodies without a
//! credential or with a made-up one, 100 declaring a body as `text/plain`, 100 declaring one
//! over their operation's size, 50 deeply nested bodies, 50 unknown routes, 80 keyed chats of
//! a 10 KB prompt with fresh keys (filling the records), 2 junk lists of 4 MiB, 1 streamed chat
//! of a 1 MB prompt left after its head, 1 body sent a byte every 200 ms, and 16 repeats of a
//! keyed chat whose record is gone or kept.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::common::child::*;
use crate::common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Workers sending at once.
const WORKERS: usize = 16;

/// What the soak's requests share.
struct Soak {
    base: String,
    key: String,
    session: String,
    http: reqwest::Client,
    /// Bytes sent, heads and bodies.
    sent: AtomicU64,
    /// Normal requests answered correctly.
    normal: AtomicUsize,
}

impl Soak {
    fn count(&self, bytes: usize) {
        self.sent.fetch_add(bytes as u64, Ordering::Relaxed);
    }

    /// Sends `head` and `body` raw, and answers the status.
    async fn raw(&self, head: String, body: Vec<u8>) -> Option<u16> {
        self.count(head.len() + body.len());
        send_raw(&self.base, head, body).await
    }

    async fn post(
        &self,
        path: &str,
        token: &str,
        key: Option<&str>,
        body: &Value,
    ) -> reqwest::Response {
        let text = body.to_string();
        self.count(text.len() + 200);
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body(text);
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        request.send().await.unwrap()
    }

    /// One request of the soak, by its number: its kind is its place in every thousand.
    async fn one(&self, n: usize) {
        match n % 1000 {
            0..=99 => self.normal(n).await,
            100..=399 => {
                let reply = self
                    .http
                    .post(format!("{}/v1/auth/password-reset", self.base))
                    .bearer_auth(format!("made-up-{n}"))
                    .header("idempotency-key", format!("reset-{n}"))
                    .json(&json!({ "email": "nobody@example.com" }))
                    .send()
                    .await
                    .unwrap();
                self.count(300);
                assert_eq!(reply.status(), 202, "{n}: a password reset");
            }
            400..=599 => {
                let auth = n.is_multiple_of(2).then_some("made-up");
                let head = post_head(
                    "/v1/chat/completions",
                    auth,
                    &format!("idempotency-key: unread-{n}\r\n"),
                    4 * 1024 * 1024,
                );
                assert_eq!(self.raw(head, Vec::new()).await, Some(401), "{n}");
            }
            600..=699 => {
                let head = post_head("/v1/keys", Some(&self.key), "", 4096)
                    .replace("content-type: application/json", "content-type: text/plain");
                assert_eq!(self.raw(head, Vec::new()).await, Some(415), "{n}");
            }
            700..=799 => {
                let head = post_head("/v1/conversations", Some(&self.key), "", 8193);
                assert_eq!(self.raw(head, Vec::new()).await, Some(413), "{n}");
            }
            800..=849 => {
                let deep = format!("{}1{}", "[".repeat(3000), "]".repeat(3000));
                let body = format!(r#"{{"metadata":{{"k":{deep}}}}}"#).into_bytes();
                let head = post_head("/v1/conversations", Some(&self.key), "", body.len());
                assert_eq!(self.raw(head, body).await, Some(422), "{n}");
            }
            850..=899 => {
                let head = format!("GET /v1/nothing-{n} HTTP/1.1\r\nhost: localhost\r\n\r\n");
                assert_eq!(self.raw(head, Vec::new()).await, Some(404), "{n}");
            }
            980..=995 if n >= 1000 => {
                // A repeat of a keyed chat of a thousand requests ago: replayed while its
                // answer is kept, refused once it is not — never applied again.
                let earlier = n - 1000 - (n % 1000) + 900 + (n % 80);
                let prompt = format!("{earlier} {}", "x".repeat(10_000));
                let reply = self
                    .post(
                        "/v1/chat/completions",
                        &self.key,
                        Some(&format!("medium-{earlier}")),
                        &chat_request(&prompt, false),
                    )
                    .await;
                let status = reply.status().as_u16();
                let replayed = reply.headers().contains_key("idempotent-replayed");
                assert!(
                    (status == 200 && replayed) || status == 409,
                    "{n}: a repeat answered {status}"
                );
            }
            900..=995 => {
                let prompt = format!("{n} {}", "x".repeat(10_000));
                let reply = self
                    .post(
                        "/v1/chat/completions",
                        &self.key,
                        Some(&format!("medium-{n}")),
                        &chat_request(&prompt, false),
                    )
                    .await;
                assert_eq!(reply.status(), 200, "{n}: a keyed chat");
            }
            996 | 997 => {
                let mut body = br#"{"model":"nexevo/fast","messages":["#.to_vec();
                body.extend(b"[],".repeat((4 * 1024 * 1024 - 100) / 3));
                body.extend(b"[]]}");
                let head = post_head("/v1/chat/completions", Some(&self.key), "", body.len());
                assert_eq!(self.raw(head, body).await, Some(413), "{n}");
            }
            998 => {
                let prompt = "abcdefg ".repeat(125_000);
                let response = self
                    .post(
                        "/v1/chat/completions",
                        &self.key,
                        Some(&format!("long-{n}")),
                        &chat_request(&prompt, true),
                    )
                    .await;
                assert_eq!(response.status(), 200, "{n}: a long stream");
                // Gone after the head, as a client that goes away.
            }
            _ => self.slow_body(n).await,
        }
    }

    /// A body sent a byte every 200 ms: cut off (408, or the connection closed) after the
    /// sandbox's body read timeout.
    async fn slow_body(&self, n: usize) {
        let stream = tokio::net::TcpStream::connect(self.base.trim_start_matches("http://"))
            .await
            .unwrap();
        let (mut reader, mut writer) = stream.into_split();
        let head = post_head("/v1/keys", Some(&self.key), "", 100);
        self.count(head.len());
        writer.write_all(head.as_bytes()).await.unwrap();
        let dribble = tokio::spawn(async move {
            while writer.write_all(b" ").await.is_ok() {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        });
        let mut answer = Vec::new();
        let read =
            tokio::time::timeout(Duration::from_secs(10), reader.read_to_end(&mut answer)).await;
        dribble.abort();
        assert!(read.is_ok(), "{n}: a slow body still held its connection");
        let text = String::from_utf8_lossy(&answer);
        assert!(
            text.is_empty() || text.starts_with("HTTP/1.1 408"),
            "{n}: {text}"
        );
    }

    /// A normal request, which must be answered correctly.
    async fn normal(&self, n: usize) {
        let session = self.session.as_str();
        match (n / 1000 + n) % 4 {
            0 => {
                let reply = self
                    .http
                    .get(format!("{}/v1/billing/balance", self.base))
                    .bearer_auth(session)
                    .send()
                    .await
                    .unwrap();
                self.count(200);
                assert_eq!(reply.status(), 200, "{n}: a balance");
                let body: Value = reply.json().await.unwrap();
                money(&body["balance_usd"]);
            }
            1 => {
                let reply = self
                    .post(
                        "/v1/chat/completions",
                        session,
                        None,
                        &chat_request(&format!("normal {n}"), false),
                    )
                    .await;
                assert_eq!(reply.status(), 200, "{n}: a chat");
                let body: Value = reply.json().await.unwrap();
                assert_eq!(
                    body["choices"][0]["message"]["content"],
                    json!(format!("Echo from nexevo/fast: normal {n}")),
                    "{n}"
                );
            }
            2 => {
                let key = format!("normal-key-{n}");
                let body = json!({ "name": format!("soak {n}") });
                let first = self.post("/v1/keys", session, Some(&key), &body).await;
                assert_eq!(first.status(), 201, "{n}: a key");
                let first: Value = first.json().await.unwrap();
                let again = self.post("/v1/keys", session, Some(&key), &body).await;
                assert_eq!(again.status(), 201, "{n}: the key's replay");
                assert_eq!(
                    again.headers()["idempotent-replayed"],
                    "true",
                    "{n}: replayed"
                );
                let again: Value = again.json().await.unwrap();
                assert_eq!(again["key_id"], first["key_id"], "{n}: the same key");
            }
            _ => {
                let reply = self
                    .post(
                        "/v1/chat/completions",
                        session,
                        Some(&format!("normal-stream-{n}")),
                        &chat_request(&format!("normal stream {n}"), true),
                    )
                    .await;
                assert_eq!(reply.status(), 200, "{n}: a stream");
                let text = reply.text().await.unwrap();
                assert!(text.ends_with("data: [DONE]\n\n"), "{n}: {text}");
                assert!(text.contains(&format!(" {n}\"")), "{n}: {text}");
            }
        }
        self.normal.fetch_add(1, Ordering::Relaxed);
    }
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_soak_of_hostile_requests_keeps_memory_bounded_and_answers_every_normal_one() {
    let requests: usize = std::env::var("SOAK_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000);
    let running = run(&["--rate-limit", "1000000000", "--body-read-timeout", "1"]);
    let pid = running.child.id();
    let http = reqwest::Client::new();
    let login = http
        .post(format!("{}/v1/auth/login", running.base_url))
        .json(&json!({ "email": nexevo_sandbox::DEMO_EMAIL, "password": nexevo_sandbox::DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    let session = login.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let soak = Arc::new(Soak {
        base: running.base_url.clone(),
        key: running.api_key.clone(),
        session,
        http,
        sent: AtomicU64::new(0),
        normal: AtomicUsize::new(0),
    });
    // Enough balance for every chat of the soak.
    let top_up = soak
        .post(
            "/v1/billing/checkout",
            &soak.key,
            Some("soak-top-up"),
            &json!({ "amount_usd": 10000, "idempotency_key": "soak-top-up" }),
        )
        .await;
    assert_eq!(top_up.status(), 201);

    let at_start = status_kb(pid, "VmHWM");
    let started = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (soak, next) = (Arc::clone(&soak), Arc::clone(&next));
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= requests {
                        return;
                    }
                    soak.one(n).await;
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.unwrap();
    }
    let elapsed = started.elapsed();
    let peak = status_kb(pid, "VmHWM");
    let sent = soak.sent.load(Ordering::Relaxed);
    let normal = soak.normal.load(Ordering::Relaxed);
    eprintln!(
        "soak: {requests} requests ({normal} normal) in {elapsed:.1?}, {} MiB sent; sandbox VmHWM {at_start} kB at start, {peak} kB at its peak, VmRSS {} kB at the end",
        sent / (1024 * 1024),
        status_kb(pid, "VmRSS")
    );
    assert_eq!(normal, requests / 1000 * 100 + (requests % 1000).min(100));
    assert!(
        peak <= PEAK_MEMORY_BOUND_KB,
        "the sandbox's peak memory was {peak} kB, over {PEAK_MEMORY_BOUND_KB} kB"
    );
    assert!(
        sent <= (requests as u64 * 11 * 1024 * 1024) / 1000 + 16 * 1024 * 1024,
        "{sent} bytes sent"
    );
}
