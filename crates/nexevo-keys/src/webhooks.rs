//! Verifying a key's spend alerts where they arrive: in your web handler.
//!
//! Alerts are signed by the [Standard Webhooks](https://www.standardwebhooks.com) scheme: the
//! `webhook-id`, `webhook-timestamp` and `webhook-signature` headers, the signature a base64
//! HMAC-SHA256 of `"{id}.{timestamp}.{body}"` keyed with the secret's bytes after `whsec_`.
//! During a rotation's overlap a delivery carries one signature per secret in force; any one
//! that matches is enough.
//!
//! Your receiver is on the public internet, so the verifier is built to be cheap to attack:
//!
//! - **Its cost is one HMAC of the body per secret you trust**, however many signatures a
//!   `webhook-signature` header lists. Entries that cannot be a signature (another version, a
//!   length other than a SHA-256's, not base64) are skipped unread, and a header of more than
//!   [`MAX_SIGNATURES`] entries is refused ([`WebhookError::TooManySignatures`]) before any
//!   work; Nexevo sends one entry per secret in force, two at most.
//! - **Bound the body before you read it.** An alert event is a few hundred bytes; the verifier
//!   refuses a body over [`DEFAULT_MAX_BODY_BYTES`] (64 KiB, [`WebhookVerifier::max_body_bytes`]
//!   changes it), and your web framework should stop reading at the same size (in axum,
//!   `DefaultBodyLimit::max(DEFAULT_MAX_BODY_BYTES)` on the route), so a large body costs
//!   neither memory nor a MAC.
//! - **Act once per event id.** A delivery is retried until your endpoint answers 2xx, so the
//!   same event can arrive more than once (an answer lost on the way back, a timeout on your
//!   side). Remember the ids of the events you handled, for longer than the verifier's
//!   [tolerance](WebhookVerifier::tolerance) (after which a replay is refused anyway), and
//!   answer a repeat 2xx without acting on it again.
//!
//! [`sign`] makes the same signature, for passing a verified event on to a receiver of your
//! own under a secret you gave it (as `nexevo keys listen --forward-to` does), or for tests.
//!
//! ```
//! use std::collections::HashSet;
//! use nexevo_keys::webhooks::{WebhookError, WebhookVerifier};
//!
//! fn handle(
//!     seen: &mut HashSet<String>,
//!     headers: &http::HeaderMap,
//!     body: &[u8],
//! ) -> Result<(), WebhookError> {
//!     // The `signing_secret` that `update_alert_webhook` answered, from your configuration.
//!     let verifier = WebhookVerifier::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
//!     let event = verifier.verify(headers, body)?;
//!     // Deliveries are retried until answered 2xx: act once per `event.id`.
//!     if seen.insert(event.id.clone()) {
//!         println!("{} for {}: {}", event.type_, event.key_id, event.month_to_date_spend_usd);
//!     }
//!     Ok(())
//! }
//! ```

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::digest::CtOutput;
use hmac::{Hmac, Mac};
use nexevo_api::Secret;
use nexevo_api::types::AlertEvent;
use secrecy::{ExposeSecret, SecretSlice};
use sha2::Sha256;

/// How far a delivery's timestamp may be from now, by default: 5 minutes, as the standard
/// recommends.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// The most entries a `webhook-signature` header may list; more is
/// [`WebhookError::TooManySignatures`].
pub const MAX_SIGNATURES: usize = 16;

/// The largest body verified by default: an alert event is a few hundred bytes.
pub const DEFAULT_MAX_BODY_BYTES: usize = 64 * 1024;

/// The bytes of an HMAC-SHA256, and the length of their base64.
const SIGNATURE_BYTES: usize = 32;
const SIGNATURE_BASE64_LEN: usize = SIGNATURE_BYTES.div_ceil(3) * 4;

/// Checks alert deliveries against one or more signing secrets. Cheap to clone; its Debug
/// shows no secret.
#[derive(Clone)]
pub struct WebhookVerifier {
    keys: Vec<SecretSlice<u8>>,
    tolerance: Duration,
    max_body_bytes: usize,
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field("secrets", &format_args!("[{} redacted]", self.keys.len()))
            .field("tolerance", &self.tolerance)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish()
    }
}

impl WebhookVerifier {
    /// A verifier for the secret `update_alert_webhook` answered (`whsec_…`).
    pub fn new(secret: impl Into<Secret>) -> Result<Self, WebhookError> {
        Ok(Self {
            keys: vec![key_of(&secret.into())?],
            tolerance: DEFAULT_TOLERANCE,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        })
    }

    /// Also accepts deliveries signed with `secret` — while your own configuration switches
    /// from an old secret to a new one, say.
    pub fn also_accept(mut self, secret: impl Into<Secret>) -> Result<Self, WebhookError> {
        self.keys.push(key_of(&secret.into())?);
        Ok(self)
    }

    /// How far a delivery's timestamp may be from now (default [`DEFAULT_TOLERANCE`]).
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The largest body to verify (default [`DEFAULT_MAX_BODY_BYTES`]); a larger one is
    /// [`WebhookError::BodyTooLarge`], refused before it is MACed.
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// Checks a delivery — its headers and its body exactly as received — and answers the
    /// event it carries. Its cost is one HMAC of the body per secret (see the
    /// [module's notes](self)).
    pub fn verify(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<AlertEvent, WebhookError> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        self.verify_at(headers, body, now)
    }

    /// [`verify`](Self::verify) as if the time were `now` (Unix seconds): for tests.
    pub fn verify_at(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
        now: u64,
    ) -> Result<AlertEvent, WebhookError> {
        let header =
            |name: &'static str| headers.get(name).ok_or(WebhookError::MissingHeader(name));
        let text = |name: &'static str| {
            header(name)?
                .to_str()
                .map_err(|_| WebhookError::MissingHeader(name))
        };
        let id = text("webhook-id")?;
        let timestamp = text("webhook-timestamp")?;
        // Read as bytes, and only as far as the bound: a long header costs no more than a short.
        let signatures = candidate_signatures(header("webhook-signature")?.as_bytes())?;
        let sent: u64 = timestamp
            .trim()
            .parse()
            .map_err(|_| WebhookError::MalformedTimestamp)?;
        if sent.abs_diff(now) > self.tolerance.as_secs() {
            return Err(WebhookError::Timestamp { sent, now });
        }
        if body.len() > self.max_body_bytes {
            return Err(WebhookError::BodyTooLarge {
                limit: self.max_body_bytes,
            });
        }
        if signatures.is_empty() {
            return Err(WebhookError::BadSignature);
        }
        // The body is MACed once per secret, however many signatures the header lists: each
        // listed signature is then only a constant-time comparison of 32 bytes.
        let matched = self.keys.iter().any(|key| {
            let Some(expected) = mac_of(key, id, timestamp, body) else {
                return false;
            };
            signatures.iter().fold(false, |matched, signature| {
                matched | (expected == CtOutput::new((*signature).into()))
            })
        });
        if !matched {
            return Err(WebhookError::BadSignature);
        }
        serde_json::from_slice(body).map_err(|error| WebhookError::Payload(error.to_string()))
    }
}

/// Signs a delivery as Nexevo signs its alerts: the `webhook-signature` value (`v1,<base64>`)
/// for `body` sent as `id` at `timestamp` (Unix seconds) under `secret` (`whsec_…`). For
/// passing a verified event on to a receiver of your own, signed with a secret you gave it, or
/// for testing one; send it with the `webhook-id` and `webhook-timestamp` it was made for.
///
/// ```
/// use nexevo_keys::webhooks::{WebhookVerifier, sign};
///
/// let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
/// let body = br#"{"test": 2432232314}"#;
/// let signature = sign(&secret.into(), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)?;
/// assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
/// # Ok::<(), nexevo_keys::webhooks::WebhookError>(())
/// ```
pub fn sign(
    secret: &Secret,
    id: &str,
    timestamp: u64,
    body: &[u8],
) -> Result<String, WebhookError> {
    let key = key_of(secret)?;
    let mac = mac_of(&key, id, &timestamp.to_string(), body).ok_or(WebhookError::InvalidSecret)?;
    Ok(format!("v1,{}", BASE64.encode(mac.into_bytes())))
}

/// The `v1,` entries of a `webhook-signature` header that can be an HMAC-SHA256 (base64 of 32
/// bytes); other entries (other versions, other lengths, not base64) are skipped unread. More
/// than [`MAX_SIGNATURES`] entries of any kind is an error, found before any is decoded.
fn candidate_signatures(header: &[u8]) -> Result<Vec<[u8; SIGNATURE_BYTES]>, WebhookError> {
    let entries = header
        .split(u8::is_ascii_whitespace)
        .filter(|entry| !entry.is_empty());
    if entries.clone().nth(MAX_SIGNATURES).is_some() {
        return Err(WebhookError::TooManySignatures {
            limit: MAX_SIGNATURES,
        });
    }
    Ok(entries
        .filter_map(|entry| entry.strip_prefix(b"v1,"))
        .filter(|encoded| encoded.len() == SIGNATURE_BASE64_LEN)
        .filter_map(|encoded| BASE64.decode(encoded).ok()?.try_into().ok())
        .collect())
}

/// The HMAC-SHA256 of `"{id}.{timestamp}.{body}"` under `key`.
fn mac_of(
    key: &SecretSlice<u8>,
    id: &str,
    timestamp: &str,
    body: &[u8],
) -> Option<CtOutput<Hmac<Sha256>>> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.expose_secret()).ok()?;
    #[cfg(test)]
    MACS.with(|n| n.set(n.get() + 1));
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    Some(mac.finalize())
}

// HMACs computed on this thread, for the test that counts them.
#[cfg(test)]
thread_local!(static MACS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) });

/// The key bytes of a `whsec_` secret.
fn key_of(secret: &Secret) -> Result<SecretSlice<u8>, WebhookError> {
    let encoded = secret
        .expose()
        .trim()
        .strip_prefix("whsec_")
        .ok_or(WebhookError::InvalidSecret)?;
    let bytes = BASE64
        .decode(encoded)
        .map_err(|_| WebhookError::InvalidSecret)?;
    if bytes.is_empty() {
        return Err(WebhookError::InvalidSecret);
    }
    Ok(SecretSlice::from(bytes))
}

/// Why a delivery was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// The secret is not `whsec_` and base64.
    InvalidSecret,
    /// A header of the scheme is missing (or not text).
    MissingHeader(&'static str),
    /// `webhook-timestamp` is not Unix seconds.
    MalformedTimestamp,
    /// The delivery was signed too far from now: a replay, or a clock far off.
    Timestamp {
        /// When it says it was signed (Unix seconds).
        sent: u64,
        /// Now (Unix seconds).
        now: u64,
    },
    /// No `v1,` signature matches any of the secrets.
    BadSignature,
    /// The `webhook-signature` header lists more entries than anyone signs with: refused
    /// unread.
    TooManySignatures {
        /// The most entries accepted ([`MAX_SIGNATURES`]).
        limit: usize,
    },
    /// The body is larger than the verifier accepts: refused before it is MACed.
    BodyTooLarge {
        /// The most bytes accepted.
        limit: usize,
    },
    /// The signature matched, but the body is not an alert event.
    Payload(String),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidSecret => f.write_str("the signing secret is not `whsec_` and base64"),
            Self::MissingHeader(name) => write!(f, "the delivery has no {name} header"),
            Self::MalformedTimestamp => f.write_str("webhook-timestamp is not Unix seconds"),
            Self::Timestamp { sent, now } => write!(
                f,
                "the delivery was signed at {sent}, too far from now ({now})"
            ),
            Self::BadSignature => f.write_str("no signature of the delivery matches the secret"),
            Self::TooManySignatures { limit } => write!(
                f,
                "webhook-signature lists more than {limit} entries; no sender signs with that many secrets"
            ),
            Self::BodyTooLarge { limit } => {
                write!(f, "the delivery's body is over {limit} bytes")
            }
            Self::Payload(message) => write!(f, "the delivery is not an alert event: {message}"),
        }
    }
}

impl std::error::Error for WebhookError {}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const OTHER: &str = "whsec_c2VjcmV0LW51bWJlci10d28tdHdvLXR3bw==";
    const EVENT: &str = r#"{"id":"evt_1","type":"spend_cap.warning","created_at":"2026-04-27T09:30:00Z","key_id":"key_5b7e9c","monthly_spend_cap_usd":"100.00","month_to_date_spend_usd":"80.000120"}"#;
    const NOW: u64 = 1_777_282_200;

    fn sign(secret: &str, id: &str, timestamp: u64, body: &str) -> String {
        let key = BASE64
            .decode(secret.strip_prefix("whsec_").unwrap())
            .unwrap();
        let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
        mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
        format!("v1,{}", BASE64.encode(mac.finalize().into_bytes()))
    }

    fn headers(id: &str, timestamp: &str, signature: &str) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        headers.insert("webhook-id", id.parse().unwrap());
        headers.insert("webhook-timestamp", timestamp.parse().unwrap());
        headers.insert("webhook-signature", signature.parse().unwrap());
        headers
    }

    #[test]
    fn the_standards_own_example_verifies() {
        // From the Standard Webhooks specification: the signature matches (the body is not an
        // alert event, which is the only complaint).
        let headers = headers(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "1614265330",
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        );
        let outcome = WebhookVerifier::new(SECRET).unwrap().verify_at(
            &headers,
            br#"{"test": 2432232314}"#,
            1_614_265_330,
        );
        assert!(
            matches!(outcome, Err(WebhookError::Payload(_))),
            "{outcome:?}"
        );
    }

    #[test]
    fn what_sign_signs_verifies() {
        let signature = super::sign(&SECRET.into(), "evt_1", NOW, EVENT.as_bytes()).unwrap();
        assert_eq!(signature, sign(SECRET, "evt_1", NOW, EVENT));
        let headers = headers("evt_1", &NOW.to_string(), &signature);
        let verifier = WebhookVerifier::new(SECRET).unwrap();
        assert_eq!(
            verifier
                .verify_at(&headers, EVENT.as_bytes(), NOW)
                .unwrap()
                .id,
            "evt_1"
        );
        assert_eq!(
            super::sign(&"whsec_!!".into(), "evt_1", NOW, EVENT.as_bytes()),
            Err(WebhookError::InvalidSecret)
        );
    }

    #[test]
    fn a_signed_event_verifies_with_any_one_matching_signature() {
        let verifier = WebhookVerifier::new(SECRET).unwrap();
        let good = sign(SECRET, "evt_1", NOW, EVENT);
        let event = verifier
            .verify_at(
                &headers("evt_1", &NOW.to_string(), &good),
                EVENT.as_bytes(),
                NOW,
            )
            .unwrap();
        assert_eq!(event.id, "evt_1");
        assert_eq!(event.month_to_date_spend_usd.to_string(), "80.000120");
        // Rotation: signed by the old and the new secret; either receiver accepts it.
        let both = format!("{} {good}", sign(OTHER, "evt_1", NOW, EVENT));
        for verifier in [
            WebhookVerifier::new(SECRET).unwrap(),
            WebhookVerifier::new(OTHER).unwrap(),
        ] {
            verifier
                .verify_at(
                    &headers("evt_1", &NOW.to_string(), &both),
                    EVENT.as_bytes(),
                    NOW,
                )
                .unwrap();
        }
        // A receiver that accepts two secrets takes a delivery signed by the second.
        let only_other = sign(OTHER, "evt_1", NOW, EVENT);
        let two = WebhookVerifier::new(SECRET)
            .unwrap()
            .also_accept(OTHER)
            .unwrap();
        two.verify_at(
            &headers("evt_1", &NOW.to_string(), &only_other),
            EVENT.as_bytes(),
            NOW,
        )
        .unwrap();
    }

    #[test]
    fn every_failure_has_its_error() {
        let verifier = WebhookVerifier::new(SECRET).unwrap();
        let good = sign(SECRET, "evt_1", NOW, EVENT);
        let at = NOW.to_string();
        let check = |headers: &http::HeaderMap, body: &str| {
            verifier
                .verify_at(headers, body.as_bytes(), NOW)
                .unwrap_err()
        };
        for missing in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
            let mut without = headers("evt_1", &at, &good);
            without.remove(missing);
            assert_eq!(check(&without, EVENT), WebhookError::MissingHeader(missing));
        }
        assert_eq!(
            check(&headers("evt_1", &at, &good), &EVENT.replace("80.", "8.")),
            WebhookError::BadSignature,
            "a changed body"
        );
        assert_eq!(
            check(&headers("evt_2", &at, &good), EVENT),
            WebhookError::BadSignature,
            "another id"
        );
        assert_eq!(
            check(
                &headers("evt_1", &at, &sign(OTHER, "evt_1", NOW, EVENT)),
                EVENT
            ),
            WebhookError::BadSignature,
            "another secret"
        );
        assert_eq!(
            check(&headers("evt_1", &at, &good.replace("v1,", "v2,")), EVENT),
            WebhookError::BadSignature,
            "another version"
        );
        assert_eq!(
            check(&headers("evt_1", &at, "v1,not base64!"), EVENT),
            WebhookError::BadSignature
        );
        assert_eq!(
            check(&headers("evt_1", "yesterday", &good), EVENT),
            WebhookError::MalformedTimestamp
        );
        let old = NOW - 301;
        let stale = sign(SECRET, "evt_1", old, EVENT);
        assert_eq!(
            check(&headers("evt_1", &old.to_string(), &stale), EVENT),
            WebhookError::Timestamp {
                sent: old,
                now: NOW
            }
        );
        let large = format!("{EVENT}{}", " ".repeat(DEFAULT_MAX_BODY_BYTES));
        let signed_large = sign(SECRET, "evt_1", NOW, &large);
        let macs = macs_for(|| {
            assert_eq!(
                check(&headers("evt_1", &at, &signed_large), &large),
                WebhookError::BodyTooLarge {
                    limit: DEFAULT_MAX_BODY_BYTES
                }
            );
        });
        assert_eq!(macs, 0, "refused before it is MACed");
        verifier
            .clone()
            .max_body_bytes(large.len())
            .verify_at(&headers("evt_1", &at, &signed_large), large.as_bytes(), NOW)
            .unwrap();
        let body = r#"{"not":"an event"}"#;
        let signed = sign(SECRET, "evt_1", NOW, body);
        assert!(matches!(
            check(&headers("evt_1", &at, &signed), body),
            WebhookError::Payload(_)
        ));
        for secret in ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_!!", "whsec_"] {
            assert_eq!(
                WebhookVerifier::new(secret).unwrap_err(),
                WebhookError::InvalidSecret
            );
        }
    }

    /// MACs computed by `verify_at` on this thread.
    fn macs_for(run: impl FnOnce()) -> usize {
        MACS.with(|n| n.set(0));
        run();
        MACS.with(std::cell::Cell::get)
    }

    #[test]
    fn a_hostile_header_costs_one_mac_per_secret() {
        let verifier = WebhookVerifier::new(SECRET)
            .unwrap()
            .also_accept(OTHER)
            .unwrap();
        let at = NOW.to_string();
        let good = sign(SECRET, "evt_1", NOW, EVENT);
        let forged = sign(SECRET, "evt_1", NOW, "another body");
        // Sixteen entries that look like signatures, and many that cannot be one.
        let sixteen = vec![forged.as_str(); 16].join(" ");
        let junk = ["v1,", "v1,AAAA", "v2,xyz", "v1,not base64!"].join(" ");
        for (signatures, expected) in [
            (sixteen.clone(), Err(WebhookError::BadSignature)),
            (format!("{junk} {good}"), Ok(())),
            (
                format!("{} {good}", vec![forged.as_str(); 15].join(" ")),
                Ok(()),
            ),
        ] {
            let mut outcome = None;
            let macs = macs_for(|| {
                outcome = Some(
                    verifier
                        .verify_at(&headers("evt_1", &at, &signatures), EVENT.as_bytes(), NOW)
                        .map(|_| ()),
                );
            });
            assert_eq!(outcome, Some(expected), "{signatures}");
            assert!(macs <= 2, "{macs} MACs for two secrets and {signatures}");
        }
        // Past the bound: refused before any MAC, however the entries look.
        for entries in [17, 10_000] {
            let header = vec!["v1,"; entries].join(" ");
            let mut outcome = None;
            let macs = macs_for(|| {
                outcome = Some(verifier.verify_at(
                    &headers("evt_1", &at, &header),
                    EVENT.as_bytes(),
                    NOW,
                ));
            });
            assert_eq!(
                outcome.map(|o| o.map(|_| ())),
                Some(Err(WebhookError::TooManySignatures {
                    limit: MAX_SIGNATURES
                }))
            );
            assert_eq!(macs, 0, "{entries} entries");
        }
    }

    #[test]
    fn no_secret_in_debug() {
        let verifier = WebhookVerifier::new(SECRET).unwrap();
        let shown = format!("{verifier:?}");
        assert!(!shown.contains("MfKQ9r8"), "{shown}");
    }
}
