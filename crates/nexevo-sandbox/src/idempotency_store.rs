//! What each `Idempotency-Key`'s first request answered, kept for a window and within caps, so
//! that no caller — with a credential or without one — can grow it without bound. A leaf of the
//! module graph, like `context`.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};

use axum::http::{HeaderMap, StatusCode};
use bytes::Bytes;
use chrono::{DateTime, Utc};

/// How long a record is kept: 24 hours, as Stripe keeps its keys. A key used again after that
/// is a new request.
pub(crate) const RECORD_WINDOW: chrono::TimeDelta = chrono::TimeDelta::hours(24);

/// The most records kept for one credential, by default; past it, its oldest are forgotten.
pub const DEFAULT_RECORDS_PER_CREDENTIAL: usize = 10_000;

/// The most records kept for requests without a credential the sandbox issued (a password
/// reset, a login, any unknown `Authorization`), all together, by default.
pub const DEFAULT_UNAUTHENTICATED_RECORDS: usize = 10_000;

/// The caps of the store.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RecordCaps {
    pub(crate) per_credential: usize,
    pub(crate) unauthenticated: usize,
}

impl Default for RecordCaps {
    fn default() -> Self {
        Self {
            per_credential: DEFAULT_RECORDS_PER_CREDENTIAL,
            unauthenticated: DEFAULT_UNAUTHENTICATED_RECORDS,
        }
    }
}

/// The scope of one `Idempotency-Key`: the credential as sent (its hash), the operation and the
/// key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Scope {
    pub(crate) credential: String,
    pub(crate) operation: &'static str,
    pub(crate) key: Vec<u8>,
}

/// One key's record.
#[derive(Debug)]
pub(crate) struct Slot {
    /// What the first request with the key was: method, path, organization and body.
    pub(crate) fingerprint: [u8; 32],
    created: DateTime<Utc>,
    /// Tells this slot from a later one of the same scope in the eviction queue.
    serial: u64,
    pub(crate) state: Arc<tokio::sync::Mutex<SlotState>>,
}

/// Where a key's first request is.
#[derive(Debug)]
pub(crate) enum SlotState {
    /// Nobody has run it yet: whoever locks it first runs it.
    Fresh,
    /// Its first request failed or was cancelled and was forgotten: look the key up again.
    Abandoned,
    /// Its streamed answer is still being produced (and recorded).
    Producing,
    /// Its answer, to replay.
    Done(Stored),
}

/// A recorded answer.
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    /// A stream whose production broke off after `body`: its replay breaks off there too.
    pub(crate) interrupted: bool,
    /// The request ended the very credential it was sent with (a logout, a revocation of the
    /// key in use, a deactivation): its answer is replayed to that credential all the same.
    pub(crate) ended_its_credential: bool,
}

/// The store: records by scope, and per bucket (a credential the sandbox issued, or `None` for
/// all others) their order of creation, oldest first, for eviction.
#[derive(Debug, Default)]
pub(crate) struct IdempotencyStore {
    records: Mutex<Records>,
    caps: RecordCaps,
}

#[derive(Debug, Default)]
struct Records {
    slots: HashMap<Scope, Arc<Slot>>,
    order: HashMap<Option<String>, VecDeque<(Scope, u64)>>,
    next_serial: u64,
}

impl IdempotencyStore {
    pub(crate) fn new(caps: RecordCaps) -> Self {
        Self {
            records: Mutex::default(),
            caps,
        }
    }

    /// The slot of `scope`: its live record, or a fresh one (counted in `bucket`, evicting the
    /// bucket's oldest past its cap).
    pub(crate) fn slot(
        &self,
        scope: &Scope,
        bucket: Option<&str>,
        fingerprint: [u8; 32],
        now: DateTime<Utc>,
    ) -> Arc<Slot> {
        let mut records = self.records.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(slot) = records.slots.get(scope) {
            if now - slot.created < RECORD_WINDOW {
                return Arc::clone(slot);
            }
            records.slots.remove(scope);
        }
        let serial = records.next_serial;
        records.next_serial += 1;
        let slot = Arc::new(Slot {
            fingerprint,
            created: now,
            serial,
            state: Arc::new(tokio::sync::Mutex::new(SlotState::Fresh)),
        });
        records.slots.insert(scope.clone(), Arc::clone(&slot));
        let cap = match bucket {
            Some(_) => self.caps.per_credential,
            None => self.caps.unauthenticated,
        };
        let Records { slots, order, .. } = &mut *records;
        let queue = order.entry(bucket.map(str::to_owned)).or_default();
        queue.push_back((scope.clone(), serial));
        // Expired records and those already forgotten go first, then the oldest past the cap.
        while let Some((oldest, serial)) = queue.front() {
            let live = slots
                .get(oldest)
                .filter(|slot| slot.serial == *serial)
                .is_some_and(|slot| now - slot.created < RECORD_WINDOW);
            if live && queue.len() <= cap {
                break;
            }
            if let Some((oldest, serial)) = queue.pop_front()
                && slots.get(&oldest).is_some_and(|slot| slot.serial == serial)
            {
                slots.remove(&oldest);
            }
        }
        slot
    }

    /// Forgets `slot` (if it is still `scope`'s): its request applied nothing.
    pub(crate) fn forget(&self, scope: &Scope, slot: &Arc<Slot>) {
        let mut records = self.records.lock().unwrap_or_else(PoisonError::into_inner);
        if records
            .slots
            .get(scope)
            .is_some_and(|kept| Arc::ptr_eq(kept, slot))
        {
            records.slots.remove(scope);
        }
    }

    /// How many records are kept.
    pub(crate) fn len(&self) -> usize {
        self.records
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .slots
            .len()
    }
}
