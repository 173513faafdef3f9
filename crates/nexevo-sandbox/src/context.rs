//! What every request's handling shares: the sandbox's state, and the facts the layers attach
//! to a request (its id, its operation, its connection). A leaf of the module graph: the
//! layers, the extractors and the handlers all read it, and it reads none of them.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::alert_delivery::{AlertDelivery, DeliverySettings};
use crate::contract::ContractRecord;
use crate::counters::CounterSet;
use crate::delivery_log::DeliveryLog;
use crate::faults::FaultPlan;
use crate::idempotency_store::{IdempotencyStore, RecordCaps};
use crate::routing::learned::RoutingSettings;
use crate::state::Store;

/// Rate limiting: at most `limit` requests per `window` per credential.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RateLimit {
    pub(crate) limit: u32,
    pub(crate) window: Duration,
}

/// Everything the handlers share.
#[derive(Debug)]
pub(crate) struct App {
    pub(crate) store: Store,
    pub(crate) faults: Arc<FaultPlan>,
    pub(crate) counters: CounterSet,
    pub(crate) rate_limit: RateLimit,
    /// Rate-limit windows by credential: one per credential the sandbox issued, and one for
    /// all other requests; dropped once expired.
    pub(crate) rate_windows: Mutex<HashMap<String, (Instant, u32)>>,
    pub(crate) idempotency: IdempotencyStore,
    /// Host names answered besides the loopback ones (lowercase, without a port).
    pub(crate) allowed_hosts: Vec<String>,
    /// Every alert delivery attempt, the latest last (bounded).
    pub(crate) deliveries: DeliveryLog,
    /// How alerts are delivered: bounded, and only where they may go.
    pub(crate) alert_delivery: AlertDelivery,
    /// The answers whose status their operation does not document.
    pub(crate) contract: ContractRecord,
    /// How many password hashes were verified (a test hook: see
    /// `Sandbox::password_verifications`).
    pub(crate) password_verifications: AtomicU64,
    /// How the router learns from feedback.
    pub(crate) routing: RoutingSettings,
}

/// What a sandbox is set up with, beside its faults.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub(crate) rate_limit: RateLimit,
    pub(crate) record_caps: RecordCaps,
    pub(crate) allowed_hosts: Vec<String>,
    pub(crate) alert_delivery: DeliverySettings,
    pub(crate) routing: RoutingSettings,
}

impl App {
    pub(crate) fn new(faults: Arc<FaultPlan>, settings: Settings) -> Self {
        Self {
            store: Store::default(),
            faults,
            counters: CounterSet::default(),
            rate_limit: settings.rate_limit,
            rate_windows: Mutex::new(HashMap::new()),
            idempotency: IdempotencyStore::new(settings.record_caps),
            allowed_hosts: settings.allowed_hosts,
            deliveries: DeliveryLog::default(),
            alert_delivery: AlertDelivery::new(settings.alert_delivery),
            contract: ContractRecord::default(),
            password_verifications: AtomicU64::new(0),
            routing: settings.routing,
        }
    }
}

/// The request's id, as sent back in `X-Request-Id`.
#[derive(Debug, Clone)]
pub(crate) struct RequestId(pub(crate) String);

/// The operation a request was routed to (its generated method name).
#[derive(Debug, Clone, Copy)]
pub(crate) struct OperationId(pub(crate) &'static str);

/// Lets a request close its own connection abruptly (fault injection).
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnectionControl(pub(crate) Arc<AtomicBool>);

impl ConnectionControl {
    pub(crate) fn reset(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// A response extension by which a handler says that its request ended the very credential
/// it was sent with (a logout, a deactivation, a key revoking itself). Only such an answer is
/// replayed to a credential that no longer authenticates: one revoked by someone else while
/// its request was in flight gets the 401.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EndedItsCredential;

impl EndedItsCredential {
    /// `answer`, marked as ending its own credential.
    pub(crate) fn mark(answer: impl axum::response::IntoResponse) -> axum::response::Response {
        let mut response = answer.into_response();
        response.extensions_mut().insert(Self);
        response
    }
}

/// When a request's body must have arrived by: its head's arrival plus the body read timeout
/// (set by the accept loop on every request).
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyDeadline {
    pub(crate) at: tokio::time::Instant,
    /// The timeout it was set with, for the answer that says so.
    pub(crate) timeout: Duration,
}

/// A request's body, read whole — after its credential and content type were checked, within
/// its operation's size and its deadline — by the one reader of bodies
/// (`extract::admit_body`). Operations without a body get none.
#[derive(Debug, Clone)]
pub(crate) struct ReadBody(pub(crate) bytes::Bytes);
