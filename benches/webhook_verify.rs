//! What verifying one alert delivery costs as its `webhook-signature` header grows: the SDK's
//! verifier beside the algorithm it replaced (one HMAC of the body per listed entry and per
//! secret), in one run. Every delivery is forged (no entry matches), signed for two secrets in
//! force, as an attacker would send them to a public receiver.
//!
//! `cargo bench -p nexevo-benches --bench webhook_verify` (about a minute)
#![allow(
    clippy::float_arithmetic,
    reason = "timings in microseconds, not money"
)]
#![allow(
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a bench reports by printing, and one that cannot set up is broken"
)]

use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use nexevo::keys::webhooks::{DEFAULT_MAX_BODY_BYTES, WebhookVerifier};
use sha2::Sha256;

const SECRETS: [&str; 2] = [
    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "whsec_c2VjcmV0LW51bWJlci10d28tdHdvLXR3bw==",
];
const EVENT: &str = r#"{"id":"evt_1","type":"spend_cap.warning","created_at":"2026-04-27T09:30:00Z","key_id":"key_5b7e9c","monthly_spend_cap_usd":"100.00","month_to_date_spend_usd":"80.000120"}"#;
/// Measurements per cell; the median is reported, with the spread (min–max).
const ROUNDS: usize = 9;
/// Each measurement repeats the call for at least this long.
const MEASURE_FOR: Duration = Duration::from_millis(40);

/// The verifier before it bounded its work: every `v1,` entry that decodes is checked with a
/// fresh HMAC of the body, for every secret.
struct PerEntryBaseline {
    keys: Vec<Vec<u8>>,
}

impl PerEntryBaseline {
    fn verify(&self, id: &str, timestamp: &str, signatures: &str, body: &[u8]) -> bool {
        signatures
            .split_whitespace()
            .filter_map(|signature| signature.strip_prefix("v1,"))
            .filter_map(|signature| BASE64.decode(signature).ok())
            .any(|signature| {
                self.keys.iter().any(|key| {
                    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
                        return false;
                    };
                    mac.update(id.as_bytes());
                    mac.update(b".");
                    mac.update(timestamp.as_bytes());
                    mac.update(b".");
                    mac.update(body);
                    mac.verify_slice(&signature).is_ok()
                })
            })
    }
}

/// Microseconds per call of `call`: the median of [`ROUNDS`] measurements, and their range.
fn measure(mut call: impl FnMut()) -> (f64, f64, f64) {
    let mut per_call: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let started = Instant::now();
            let mut calls = 0u32;
            while started.elapsed() < MEASURE_FOR || calls == 0 {
                call();
                calls += 1;
            }
            started.elapsed().as_secs_f64() * 1e6 / f64::from(calls)
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    (per_call[ROUNDS / 2], per_call[0], per_call[ROUNDS - 1])
}

fn main() {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    let timestamp = now.to_string();
    let verifier = WebhookVerifier::new(SECRETS[0])
        .and_then(|verifier| verifier.also_accept(SECRETS[1]))
        .expect("the secrets are valid");
    let baseline = PerEntryBaseline {
        keys: SECRETS
            .iter()
            .map(|secret| {
                BASE64
                    .decode(secret.trim_start_matches("whsec_"))
                    .expect("base64")
            })
            .collect(),
    };
    // A well-formed signature of another body: decodes, and matches nothing.
    let forged = format!("v1,{}", BASE64.encode([7u8; 32]));
    let large_event = format!(
        "{EVENT}{}",
        " ".repeat(DEFAULT_MAX_BODY_BYTES - EVENT.len())
    );

    println!(
        "| body | entries | SDK verifier µs (min–max) | per-entry baseline µs (min–max) | baseline / SDK |"
    );
    println!("|---|---:|---:|---:|---:|");
    for (body_name, body) in [
        ("alert event, 182 B", EVENT),
        ("64 KiB", large_event.as_str()),
    ] {
        for entries in [1, 16, 10_000] {
            let signatures = vec![forged.as_str(); entries].join(" ");
            let mut headers = http::HeaderMap::new();
            headers.insert("webhook-id", "evt_1".parse().expect("a header"));
            headers.insert("webhook-timestamp", timestamp.parse().expect("a header"));
            headers.insert("webhook-signature", signatures.parse().expect("a header"));
            let (sdk, sdk_low, sdk_high) = measure(|| {
                let outcome = verifier.verify_at(black_box(&headers), body.as_bytes(), now);
                assert!(outcome.is_err(), "a forged delivery is refused");
            });
            let (old, old_low, old_high) = measure(|| {
                let matched =
                    baseline.verify("evt_1", &timestamp, black_box(&signatures), body.as_bytes());
                assert!(!matched, "a forged delivery is refused");
            });
            println!(
                "| {body_name} | {entries} | {sdk:.2} ({sdk_low:.2}–{sdk_high:.2}) | {old:.1} ({old_low:.1}–{old_high:.1}) | {:.0}× |",
                old / sdk
            );
        }
    }
}
