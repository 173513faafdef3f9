//! What each `Idempotency-Key`'s first request answered, kept for a window and within caps, so
//! that no caller — with a credential or without one — can grow it without bound: a count of
//! records per bucket (a credential the sandbox issued, or all others together), and the bytes
//! they hold per bucket and in all. A leaf of the module graph, like `context`.
//!
//! Past a count cap the oldest record is forgotten: its key may run again. Past a byte cap the
//! oldest answers are dropped first, and their records stay as small tombstones, so that a
//! repeat is refused rather than run again (a charge is never made twice); only when the
//! tombstones alone are over a cap are the oldest of them forgotten. An answer larger than a
//! cap is never kept: it is answered, and its record is a tombstone from the start.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};

use axum::http::{HeaderMap, StatusCode};
use bytes::{Bytes, BytesMut};
use chrono::{DateTime, Utc};

/// How long a record is kept: 24 hours, as Stripe keeps its keys. A key used again after that
/// is a new request.
pub(crate) const RECORD_WINDOW: chrono::TimeDelta = chrono::TimeDelta::hours(24);

/// The most records kept for one credential, by default; past it, its oldest are forgotten.
pub const DEFAULT_RECORDS_PER_CREDENTIAL: usize = 10_000;

/// The most records kept for requests without a credential the sandbox issued (a password
/// reset, a login, any unknown `Authorization`), all together, by default.
pub const DEFAULT_UNAUTHENTICATED_RECORDS: usize = 10_000;

/// The most bytes the records of one credential (or of all requests without one) hold, by
/// default: 16 MiB.
pub const DEFAULT_RECORD_BYTES_PER_CREDENTIAL: usize = 16 * 1024 * 1024;

/// The most bytes all records hold together, by default: 64 MiB.
pub const DEFAULT_RECORD_BYTES: usize = 64 * 1024 * 1024;

/// What a record weighs besides its answer's bytes and its key: the map entry, the slot, the
/// credential's hash, the answer's headers and the queue entries, rounded up.
const RECORD_OVERHEAD: usize = 1024;

/// What each block of a recorded answer weighs besides its bytes.
const BLOCK_OVERHEAD: usize = 32;

/// A stream is recorded in blocks of this size, so that what it holds is what it counts (a
/// buffer that doubles as it grows would hold up to twice as much).
const BLOCK: usize = 16 * 1024;

/// The caps of the store.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RecordCaps {
    pub(crate) per_credential: usize,
    pub(crate) unauthenticated: usize,
    pub(crate) bytes_per_credential: usize,
    pub(crate) bytes: usize,
}

impl Default for RecordCaps {
    fn default() -> Self {
        Self {
            per_credential: DEFAULT_RECORDS_PER_CREDENTIAL,
            unauthenticated: DEFAULT_UNAUTHENTICATED_RECORDS,
            bytes_per_credential: DEFAULT_RECORD_BYTES_PER_CREDENTIAL,
            bytes: DEFAULT_RECORD_BYTES,
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

impl Scope {
    /// The scope of `key` for `operation`, sent with the credential whose hash is `credential`.
    pub(crate) fn new(credential: Option<String>, operation: &'static str, key: &[u8]) -> Self {
        Self {
            credential: credential.unwrap_or_default(),
            operation,
            key: key.to_vec(),
        }
    }
}

/// One key's record.
#[derive(Debug)]
pub(crate) struct Slot {
    /// What the first request with the key was: method, path, organization and body.
    pub(crate) fingerprint: [u8; 32],
    created: DateTime<Utc>,
    /// Tells this slot from a later one of the same scope in the eviction queues.
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
    /// Its answer was given; its bytes are in the store while they are kept
    /// ([`IdempotencyStore::answer`]).
    Done(Stored),
}

/// What a recorded answer was, besides its bytes.
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    /// A stream whose production broke off after its bytes: its replay breaks off there too.
    pub(crate) interrupted: bool,
    /// The request ended the very credential it was sent with (a logout, a revocation of the
    /// key in use, a deactivation): its answer is replayed to that credential all the same.
    pub(crate) ended_its_credential: bool,
}

/// An answer's bytes as recorded: full blocks, and the one being filled.
#[derive(Debug, Default)]
struct Answer {
    blocks: Vec<Bytes>,
    open: BytesMut,
}

impl Answer {
    /// What the answer holds in memory.
    fn weight(&self) -> usize {
        self.blocks
            .iter()
            .map(|block| block.len() + BLOCK_OVERHEAD)
            .sum::<usize>()
            + self.open.capacity()
    }

    /// Appends `bytes`, block by block.
    fn append(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            if self.open.len() == self.open.capacity() {
                self.seal_open();
                self.open = BytesMut::with_capacity(BLOCK);
            }
            let room = self.open.capacity() - self.open.len();
            let (now, rest) = bytes.split_at(room.min(bytes.len()));
            self.open.extend_from_slice(now);
            bytes = rest;
        }
    }

    /// Moves the block being filled to the full ones, copied to its exact size if it is not
    /// full, so that the answer holds no room it does not use.
    fn seal_open(&mut self) {
        if self.open.is_empty() {
            self.open = BytesMut::new();
        } else if self.open.len() == self.open.capacity() {
            self.blocks.push(std::mem::take(&mut self.open).freeze());
        } else {
            self.blocks.push(Bytes::copy_from_slice(&self.open));
            self.open = BytesMut::new();
        }
    }
}

/// Where a record's answer is.
#[derive(Debug)]
enum Kept {
    /// Nothing recorded yet, or being recorded (`Some` once its first bytes came).
    Open(Option<Answer>),
    /// Recorded whole, and kept.
    Whole(Answer),
    /// Not kept, or no longer: a repeat is told so rather than run again.
    Dropped,
}

#[derive(Debug)]
struct Record {
    slot: Arc<Slot>,
    bucket: Option<String>,
    kept: Kept,
    /// What it counts against its bucket and in all.
    weight: usize,
}

impl Record {
    fn base_weight(scope: &Scope) -> usize {
        RECORD_OVERHEAD + scope.key.len()
    }
}

/// The store: records by scope, with their buckets' order of creation (oldest first, for the
/// count caps and for forgetting tombstones) and order of answers (oldest first, for the byte
/// caps), kept per bucket and in all.
#[derive(Debug, Default)]
pub(crate) struct IdempotencyStore {
    records: Mutex<Records>,
    caps: RecordCaps,
}

/// An entry of an eviction queue: it stands for the record of `scope` only while that record
/// has this serial (queues are cleaned lazily).
type Entry = (Arc<Scope>, u64);

#[derive(Debug, Default)]
struct Queues {
    created: VecDeque<Entry>,
    answered: VecDeque<Entry>,
    bytes: usize,
}

#[derive(Debug, Default)]
struct Records {
    slots: HashMap<Arc<Scope>, Record>,
    buckets: HashMap<Option<String>, Queues>,
    all: Queues,
    next_serial: u64,
}

/// Which of a record's queues a cap walks.
#[derive(Clone, Copy)]
enum Order {
    Created,
    Answered,
}

impl Queues {
    fn queue(&mut self, order: Order) -> &mut VecDeque<Entry> {
        match order {
            Order::Created => &mut self.created,
            Order::Answered => &mut self.answered,
        }
    }
}

impl Records {
    /// The record `entry` stands for, if it still does.
    fn live(&self, entry: &Entry) -> Option<&Record> {
        self.slots
            .get(&entry.0)
            .filter(|record| record.slot.serial == entry.1)
    }

    fn remove(&mut self, scope: &Scope) {
        if let Some(record) = self.slots.remove(scope) {
            self.add_weight(&record.bucket, 0, record.weight);
        }
    }

    /// Moves what `bucket` and the whole store count from `before` to `after`.
    fn add_weight(&mut self, bucket: &Option<String>, after: usize, before: usize) {
        let queues = self.buckets.entry(bucket.clone()).or_default();
        queues.bytes = (queues.bytes + after).saturating_sub(before);
        self.all.bytes = (self.all.bytes + after).saturating_sub(before);
        if queues.bytes == 0 && queues.created.is_empty() {
            self.buckets.remove(bucket);
        }
    }

    /// Drops the answer of the record `entry` stands for (it stays, as a tombstone).
    fn drop_answer(&mut self, scope: &Scope) {
        let Some(record) = self.slots.get_mut(scope) else {
            return;
        };
        let before = record.weight;
        record.kept = Kept::Dropped;
        record.weight = Record::base_weight(scope);
        let (bucket, after) = (record.bucket.clone(), record.weight);
        self.add_weight(&bucket, after, before);
    }

    fn over(&self, bucket: Option<&Option<String>>, cap: usize) -> bool {
        match bucket {
            Some(bucket) => self.buckets.get(bucket).is_some_and(|q| q.bytes > cap),
            None => self.all.bytes > cap,
        }
    }

    fn queues(&mut self, bucket: Option<&Option<String>>) -> &mut Queues {
        match bucket {
            Some(bucket) => self.buckets.entry(bucket.clone()).or_default(),
            None => &mut self.all,
        }
    }

    /// Brings `bucket` (or, with `None`, the whole store) within `cap` bytes: the oldest
    /// answers are dropped first, then the oldest records forgotten. A record still open (its
    /// request running, or its stream being produced) is never touched, nor `keep`; the walk
    /// stops at the first such, oldest first. Answers whether it could.
    fn shrink(&mut self, bucket: Option<&Option<String>>, cap: usize, keep: &Scope) -> bool {
        for order in [Order::Answered, Order::Created] {
            while self.over(bucket, cap) {
                let Some(entry) = self.queues(bucket).queue(order).pop_front() else {
                    break;
                };
                let Some(record) = self.live(&entry) else {
                    continue;
                };
                let (open, whole) = (
                    matches!(record.kept, Kept::Open(_)),
                    matches!(record.kept, Kept::Whole(_)),
                );
                if *entry.0 == *keep || open {
                    self.queues(bucket).queue(order).push_front(entry);
                    break;
                }
                match order {
                    Order::Answered if whole => self.drop_answer(&entry.0),
                    Order::Answered => {}
                    Order::Created => self.remove(&entry.0),
                }
            }
        }
        !self.over(bucket, cap)
    }
}

impl IdempotencyStore {
    pub(crate) fn new(caps: RecordCaps) -> Self {
        Self {
            records: Mutex::default(),
            caps,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Records> {
        self.records.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The slot of `scope`: its live record, or a fresh one (counted in `bucket`, forgetting
    /// the bucket's oldest past its cap).
    pub(crate) fn slot(
        &self,
        scope: &Scope,
        bucket: Option<&str>,
        fingerprint: [u8; 32],
        now: DateTime<Utc>,
    ) -> Arc<Slot> {
        let mut records = self.lock();
        if let Some(record) = records.slots.get(scope) {
            if now - record.slot.created < RECORD_WINDOW {
                return Arc::clone(&record.slot);
            }
            records.remove(scope);
        }
        let serial = records.next_serial;
        records.next_serial += 1;
        let slot = Arc::new(Slot {
            fingerprint,
            created: now,
            serial,
            state: Arc::new(tokio::sync::Mutex::new(SlotState::Fresh)),
        });
        let bucket = bucket.map(str::to_owned);
        let scope = Arc::new(scope.clone());
        let weight = Record::base_weight(&scope);
        records.slots.insert(
            Arc::clone(&scope),
            Record {
                slot: Arc::clone(&slot),
                bucket: bucket.clone(),
                kept: Kept::Open(None),
                weight,
            },
        );
        records.add_weight(&bucket, weight, 0);
        let entry = (Arc::clone(&scope), serial);
        records.all.created.push_back(entry.clone());
        records
            .buckets
            .entry(bucket.clone())
            .or_default()
            .created
            .push_back(entry);

        let cap = match bucket {
            Some(_) => self.caps.per_credential,
            None => self.caps.unauthenticated,
        };
        // Expired records and those already forgotten go first, then the oldest past the cap.
        loop {
            let Records { slots, buckets, .. } = &mut *records;
            let queue = &mut buckets.entry(bucket.clone()).or_default().created;
            let Some((oldest, serial)) = queue.front() else {
                break;
            };
            let live = slots
                .get(oldest)
                .filter(|record| record.slot.serial == *serial)
                .is_some_and(|record| now - record.slot.created < RECORD_WINDOW);
            if live && queue.len() <= cap {
                break;
            }
            if let Some((oldest, serial)) = queue.pop_front()
                && records.live(&(Arc::clone(&oldest), serial)).is_some()
            {
                records.remove(&oldest);
            }
        }
        records.shrink(Some(&bucket), self.caps.bytes_per_credential, &scope);
        records.shrink(None, self.caps.bytes, &scope);
        slot
    }

    /// Adds `bytes` to the answer being recorded for `slot`, making room by dropping older
    /// answers. Answers `false` once the answer cannot be kept — it is larger than a cap, or
    /// other answers being produced fill the room — and drops what was recorded of it.
    pub(crate) fn record(&self, scope: &Scope, slot: &Arc<Slot>, bytes: &[u8]) -> bool {
        let mut records = self.lock();
        let Some(record) = records
            .slots
            .get_mut(scope)
            .filter(|record| Arc::ptr_eq(&record.slot, slot))
        else {
            return false;
        };
        let Kept::Open(answer) = &mut record.kept else {
            return false;
        };
        let answer = answer.get_or_insert_with(Answer::default);
        let before = record.weight;
        answer.append(bytes);
        record.weight = Record::base_weight(scope) + answer.weight();
        let (bucket, after) = (record.bucket.clone(), record.weight);
        records.add_weight(&bucket, after, before);
        self.make_room(&mut records, scope, &bucket)
    }

    /// Keeps `slot`'s answer whole: what was recorded of it, then `rest`. Answers whether it
    /// is kept (else it is a tombstone: see [`IdempotencyStore::record`]).
    pub(crate) fn keep(&self, scope: &Scope, slot: &Arc<Slot>, rest: &[u8]) -> bool {
        let mut records = self.lock();
        let Some(record) = records
            .slots
            .get_mut(scope)
            .filter(|record| Arc::ptr_eq(&record.slot, slot))
        else {
            return false;
        };
        let Kept::Open(answer) = &mut record.kept else {
            return false;
        };
        let mut answer = answer.take().unwrap_or_default();
        if answer.blocks.is_empty() && answer.open.is_empty() {
            // A whole answer at once: one block of its exact size.
            if !rest.is_empty() {
                answer.blocks.push(Bytes::copy_from_slice(rest));
            }
        } else {
            answer.append(rest);
        }
        answer.seal_open();
        let before = record.weight;
        record.weight = Record::base_weight(scope) + answer.weight();
        record.kept = Kept::Whole(answer);
        let (bucket, after) = (record.bucket.clone(), record.weight);
        records.add_weight(&bucket, after, before);
        let Some((shared, _)) = records.slots.get_key_value(scope) else {
            return false;
        };
        let entry = (Arc::clone(shared), slot.serial);
        records.all.answered.push_back(entry.clone());
        records
            .buckets
            .entry(bucket.clone())
            .or_default()
            .answered
            .push_back(entry);
        self.make_room(&mut records, scope, &bucket)
    }

    /// Brings `scope`'s bucket and the whole store within their byte caps, `scope`'s own answer
    /// last: it is dropped if the others cannot make room.
    fn make_room(&self, records: &mut Records, scope: &Scope, bucket: &Option<String>) -> bool {
        let fits = records.shrink(Some(bucket), self.caps.bytes_per_credential, scope)
            && records.shrink(None, self.caps.bytes, scope);
        if !fits {
            records.drop_answer(scope);
        }
        fits
    }

    /// The kept answer of `slot`, in blocks; `None` when it was not kept or is no longer.
    pub(crate) fn answer(&self, scope: &Scope, slot: &Arc<Slot>) -> Option<Vec<Bytes>> {
        let records = self.lock();
        let record = records
            .slots
            .get(scope)
            .filter(|record| Arc::ptr_eq(&record.slot, slot))?;
        match &record.kept {
            Kept::Whole(answer) => Some(answer.blocks.clone()),
            Kept::Open(_) | Kept::Dropped => None,
        }
    }

    /// Whether a live record of `scope` is kept (in any state).
    pub(crate) fn holds(&self, scope: &Scope, now: DateTime<Utc>) -> bool {
        self.lock()
            .slots
            .get(scope)
            .is_some_and(|record| now - record.slot.created < RECORD_WINDOW)
    }

    /// Forgets `slot` (if it is still `scope`'s): its request applied nothing.
    pub(crate) fn forget(&self, scope: &Scope, slot: &Arc<Slot>) {
        let mut records = self.lock();
        if records
            .slots
            .get(scope)
            .is_some_and(|record| Arc::ptr_eq(&record.slot, slot))
        {
            records.remove(scope);
        }
    }

    /// How many records are kept.
    pub(crate) fn len(&self) -> usize {
        self.lock().slots.len()
    }

    /// How many bytes the records hold, as the byte caps count them.
    pub(crate) fn bytes(&self) -> usize {
        self.lock().all.bytes
    }
}
