//! The record of alert deliveries, for tests to read: bounded, the oldest dropped first. A leaf
//! of the module graph.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};

/// The most delivery attempts kept.
const KEPT: usize = 10_000;

/// One attempt to deliver an alert, as the receiver saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebhookDelivery {
    /// The event's id (also its `webhook-id`).
    pub event_id: String,
    /// The event's type (`spend_cap.warning`, `spend_cap.reached`).
    pub event_type: String,
    /// The key whose spend it is about.
    pub key_id: String,
    /// Where it was sent.
    pub url: String,
    /// Which attempt this was (1 for the first).
    pub attempt: u32,
    /// The `webhook-timestamp` header.
    pub timestamp: String,
    /// The `webhook-signature` header: one `v1,…` per secret in force.
    pub signature: String,
    /// The body, byte for byte.
    pub body: String,
    /// The receiver's status, or why there was none (a refused connection, a timeout).
    pub outcome: Result<u16, String>,
}

impl WebhookDelivery {
    /// Whether the receiver accepted it (answered 2xx).
    pub fn delivered(&self) -> bool {
        matches!(self.outcome, Ok(status) if (200..300).contains(&status))
    }
}

/// Every delivery attempt, the latest last.
#[derive(Debug, Default)]
pub(crate) struct DeliveryLog(Mutex<VecDeque<WebhookDelivery>>);

impl DeliveryLog {
    pub(crate) fn record(&self, delivery: WebhookDelivery) {
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() == KEPT {
            kept.pop_front();
        }
        kept.push_back(delivery);
    }

    pub(crate) fn all(&self) -> Vec<WebhookDelivery> {
        let kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        kept.iter().cloned().collect()
    }
}
