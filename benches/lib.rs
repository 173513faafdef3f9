//! What the benchmarks share: the hand-written baseline's requests, percentiles, and the
//! tables they print.
#![allow(
    clippy::float_arithmetic,
    reason = "latencies in microseconds, not money"
)]
#![allow(
    clippy::expect_used,
    reason = "a bench that cannot build its baseline is broken"
)]

use std::time::Duration;

use nexevo_api::types::ChatCompletionRequest;

/// What the SDK sends as its user agent; the baseline sends it too, so requests are the same.
pub use nexevo::SDK_USER_AGENT;

/// A client configured as the SDK configures the one it builds, with the per-attempt timeout
/// and user agent it sends with every call (`Timeouts::default()`).
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .pool_idle_timeout(Duration::from_secs(90))
        .timeout(Duration::from_secs(120))
        .user_agent(SDK_USER_AGENT)
        .build()
        .expect("the baseline's HTTP client builds")
}

/// The headers the generated client adds to every request: the baseline sends them too, so
/// both send byte for byte the same request.
fn same_headers(request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    request
        .header("accept", "application/json")
        .header("api-version", "1.0.0")
}

/// `GET /v1/billing/balance`, by hand.
pub fn balance_request(http: &reqwest::Client, base: &str, key: &str) -> reqwest::RequestBuilder {
    same_headers(http.get(format!("{base}/v1/billing/balance"))).bearer_auth(key)
}

/// `POST /v1/chat/completions`, by hand, with a fresh idempotency key as the SDK sends.
pub fn completion_request(
    http: &reqwest::Client,
    base: &str,
    key: &str,
    body: &ChatCompletionRequest,
) -> reqwest::RequestBuilder {
    same_headers(http.post(format!("{base}/v1/chat/completions")))
        .bearer_auth(key)
        .header("idempotency-key", uuid_like())
        .header("content-type", "application/json")
        .body(serde_json::to_vec(body).expect("a request body serializes"))
}

/// A fresh key per request, shaped like the SDK's UUIDs (from a counter: cheaper than random).
pub fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "{:08x}-0000-4000-8000-{:012x}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Latencies of one contender, in microseconds.
#[derive(Debug, Default, Clone)]
pub struct Samples {
    micros: Vec<f64>,
}

impl Samples {
    /// Records one latency.
    pub fn push(&mut self, elapsed: Duration) {
        self.micros.push(elapsed.as_secs_f64() * 1e6);
    }

    /// The `q` quantile (0 to 1), nearest rank.
    pub fn quantile(&self, q: f64) -> f64 {
        let mut sorted = self.micros.clone();
        sorted.sort_by(f64::total_cmp);
        if sorted.is_empty() {
            return f64::NAN;
        }
        let rank = ((sorted.len() as f64 - 1.0) * q).round() as usize;
        sorted[rank.min(sorted.len() - 1)]
    }

    /// How many latencies were recorded.
    pub fn len(&self) -> usize {
        self.micros.len()
    }

    /// Whether none was recorded.
    pub fn is_empty(&self) -> bool {
        self.micros.is_empty()
    }
}
