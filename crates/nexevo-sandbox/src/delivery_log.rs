//! The record of alert deliveries, for tests to read: every attempt, bounded, the oldest
//! dropped first; and how many alerts were dropped unsent because the queue was full. A leaf of
//! the module graph.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

/// The most delivery attempts kept.
const KEPT: usize = 10_000;

/// One attempt to deliver an alert: what was sent (or would have been) and what came of it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebhookDelivery {
    /// The event's id (also its `webhook-id`).
    pub event_id: String,
    /// The event's type (`spend_cap.warning`, `spend_cap.reached`).
    pub event_type: String,
    /// The key whose spend it is about.
    pub key_id: String,
    /// The webhook URL it was for.
    pub url: String,
    /// Which attempt this was (1 for the first).
    pub attempt: u32,
    /// The `webhook-timestamp` header.
    pub timestamp: String,
    /// The `webhook-signature` header: one `v1,…` per secret in force.
    pub signature: String,
    /// The body, byte for byte.
    pub body: String,
    /// The address it was sent to (the one the URL's host resolved to and that passed the
    /// checks); none when nothing was dialled.
    pub address: Option<SocketAddr>,
    /// What came of it.
    pub outcome: DeliveryOutcome,
}

impl WebhookDelivery {
    /// Whether the receiver accepted it (answered 2xx).
    pub fn delivered(&self) -> bool {
        matches!(self.outcome, DeliveryOutcome::Status(status) if (200..300).contains(&status))
    }
}

/// What came of one attempt to deliver an alert.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeliveryOutcome {
    /// The receiver answered with this HTTP status: delivered if 2xx, else retried.
    Status(u16),
    /// No answer: the host did not resolve, the connection or TLS failed (a certificate not
    /// valid for the host, say), the receiver closed the connection, or the attempt timed out.
    /// Retried.
    Failed(String),
    /// Not sent, nothing dialled: the URL, or an address its host resolved to, is one alerts
    /// may not reach (loopback, private, link-local, metadata, …); says which and why.
    /// Retried, and checked again: DNS may change.
    Refused(String),
    /// Not sent, and the alert is given up: the key's alert webhook was changed or removed
    /// since the alert fired (its signature is empty).
    Abandoned(String),
}

/// Every delivery attempt, the latest last, and the count of alerts dropped unsent.
#[derive(Debug, Default)]
pub(crate) struct DeliveryLog {
    attempts: Mutex<VecDeque<WebhookDelivery>>,
    dropped: AtomicU64,
}

impl DeliveryLog {
    pub(crate) fn record(&self, delivery: WebhookDelivery) {
        let mut kept = self.attempts.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() == KEPT {
            kept.pop_front();
        }
        kept.push_back(delivery);
    }

    pub(crate) fn all(&self) -> Vec<WebhookDelivery> {
        let kept = self.attempts.lock().unwrap_or_else(PoisonError::into_inner);
        kept.iter().cloned().collect()
    }

    /// Counts an alert dropped because the queue was full.
    pub(crate) fn count_dropped(&self) {
        self.dropped.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }
}
