//! What each `Idempotency-Key`'s first request answered, kept for a window and within caps, so
//! that no caller — with a credential or without one — can grow it without bound: a count of
//! records per bucket (a credential the sandbox issued, or all others together), and the bytes
//! they hold per bucket and in all. A leaf of the module graph, like `context`.
//!
//! Past a count cap the oldest record is forgotten: its key may run again. Past a byte cap the
//! oldest answers are dropped first — kept ones, then what streams still being produced have
//! recorded — and their records stay as small tombstones, so that a repeat is refused rather
//! than run again (a charge is never made twice). An answer never takes more than a quarter of
//! a cap: one larger is answered, and its record is a tombstone from then on. Only a new
//! record makes room by forgetting the oldest tombstones, and only once no answer is left to
//! drop.

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

/// An answer may take at most this share of a cap (one over it is not kept): one long stream
/// cannot push out every answer before it.
const LARGEST_ANSWER_DIVISOR: usize = 4;

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

impl RecordCaps {
    /// The most one record may weigh.
    fn largest_record(&self) -> usize {
        self.bytes_per_credential.min(self.bytes) / LARGEST_ANSWER_DIVISOR
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
    /// Its request is running; nothing recorded yet.
    Running,
    /// Its stream is being produced, and this much of it recorded.
    Recording(Answer),
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

/// An entry of an eviction queue: it stands for the record of `scope` only while that record
/// has this serial (queues are cleaned lazily).
type Entry = (Arc<Scope>, u64);

/// A bucket's records (or all records) in the orders the caps walk them, oldest first, and
/// what they weigh.
#[derive(Debug, Default)]
struct Queues {
    /// Every record, by creation.
    created: VecDeque<Entry>,
    /// Kept answers, by when they were kept.
    answered: VecDeque<Entry>,
    /// Streams being recorded, by when they began (few: one per stream being produced).
    recording: Vec<Entry>,
    /// How many records there are, and what they weigh.
    count: usize,
    bytes: usize,
}

impl Queues {
    /// Whether the queues hold so many entries of records gone that they are worth cleaning:
    /// more than the records themselves, so that cleaning costs a constant per record.
    fn untidy(&self) -> bool {
        self.created.len().max(self.answered.len()) > 2 * self.count + 16
    }
}

/// What a cap may do to make room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Room {
    /// Drop answers (for an answer's bytes).
    FromAnswers,
    /// Drop answers, then forget tombstones (for a new record).
    FromRecords,
}

/// The store: records by scope, and their queues per bucket and in all.
#[derive(Debug, Default)]
pub(crate) struct IdempotencyStore {
    records: Mutex<Records>,
    caps: RecordCaps,
}

#[derive(Debug, Default)]
struct Records {
    slots: HashMap<Arc<Scope>, Record>,
    buckets: HashMap<Option<String>, Queues>,
    all: Queues,
    next_serial: u64,
}

impl Records {
    /// The record `entry` stands for, if it still does.
    fn live(&self, entry: &Entry) -> Option<&Record> {
        self.slots
            .get(&entry.0)
            .filter(|record| record.slot.serial == entry.1)
    }

    /// The queues of `bucket`, or with `None` those of all records.
    fn queues(&mut self, bucket: Option<&Option<String>>) -> &mut Queues {
        match bucket {
            Some(bucket) => self.buckets.entry(bucket.clone()).or_default(),
            None => &mut self.all,
        }
    }

    fn remove(&mut self, scope: &Scope) {
        if let Some(record) = self.slots.remove(scope) {
            let queues = self.queues(Some(&record.bucket));
            queues.count = queues.count.saturating_sub(1);
            self.all.count = self.all.count.saturating_sub(1);
            self.reweigh(&record.bucket, record.weight, 0);
        }
    }

    /// Drops the entries of records gone from `bucket`'s queues and from those of all records,
    /// where there are many.
    fn tidy(&mut self, bucket: &Option<String>) {
        for queues in [Some(bucket), None] {
            if !self.queues(queues).untidy() {
                continue;
            }
            let (mut created, mut answered) = {
                let queues = self.queues(queues);
                (
                    std::mem::take(&mut queues.created),
                    std::mem::take(&mut queues.answered),
                )
            };
            created.retain(|entry| self.live(entry).is_some());
            answered.retain(|entry| {
                matches!(
                    self.live(entry).map(|record| &record.kept),
                    Some(Kept::Whole(_))
                )
            });
            let queues = self.queues(queues);
            queues.created = created;
            queues.answered = answered;
        }
    }

    /// Moves what `bucket` and the whole store count from `before` to `after`.
    /// The queue entry and bucket of `scope`'s record, if the record is still `slot`'s (a
    /// forgotten key may have been claimed again since).
    fn own_record(&self, scope: &Scope, slot: &Arc<Slot>) -> Option<(Entry, Option<String>)> {
        let (shared, record) = self
            .slots
            .get_key_value(scope)
            .filter(|(_, record)| Arc::ptr_eq(&record.slot, slot))?;
        Some(((Arc::clone(shared), slot.serial), record.bucket.clone()))
    }

    fn reweigh(&mut self, bucket: &Option<String>, before: usize, after: usize) {
        let queues = self.buckets.entry(bucket.clone()).or_default();
        queues.bytes = (queues.bytes + after).saturating_sub(before);
        let empty = queues.count == 0 && queues.bytes == 0;
        self.all.bytes = (self.all.bytes + after).saturating_sub(before);
        if empty {
            self.buckets.remove(bucket);
        }
    }

    /// Lists `entry` among the streams being recorded, in its bucket and in all; entries of
    /// streams no longer being recorded leave the lists then, which so stay as short as the
    /// streams under way are few.
    fn start_recording(&mut self, bucket: &Option<String>, entry: Entry) {
        for queues in [Some(bucket), None] {
            let mut list = std::mem::take(&mut self.queues(queues).recording);
            list.retain(|entry| {
                matches!(
                    self.live(entry).map(|record| &record.kept),
                    Some(Kept::Recording(_))
                )
            });
            list.push(entry.clone());
            self.queues(queues).recording = list;
        }
    }

    /// Drops the answer of `scope`'s record, kept or being recorded: the record stays, as a
    /// tombstone.
    fn drop_answer(&mut self, scope: &Scope) {
        let Some(record) = self.slots.get_mut(scope) else {
            return;
        };
        let before = record.weight;
        record.kept = Kept::Dropped;
        record.weight = Record::base_weight(scope);
        let (bucket, after) = (record.bucket.clone(), record.weight);
        self.reweigh(&bucket, before, after);
    }

    fn over(&self, bucket: Option<&Option<String>>, cap: usize) -> bool {
        match bucket {
            Some(bucket) => self.buckets.get(bucket).is_some_and(|q| q.bytes > cap),
            None => self.all.bytes > cap,
        }
    }

    /// Brings `bucket` (or, with `None`, the whole store) within `cap` bytes, never touching
    /// `keep`: the oldest kept answers are dropped first, then what the streams still being
    /// produced have recorded, oldest first; with [`Room::FromRecords`], then the oldest
    /// tombstones are forgotten (a record whose request is still running is left). Answers
    /// whether it could.
    fn shrink(
        &mut self,
        bucket: Option<&Option<String>>,
        cap: usize,
        keep: &Scope,
        room: Room,
    ) -> bool {
        let mut passed = Vec::new();
        while self.over(bucket, cap) {
            let Some(entry) = self.queues(bucket).answered.pop_front() else {
                break;
            };
            match self.live(&entry).map(|record| &record.kept) {
                Some(Kept::Whole(_)) if *entry.0 != *keep => self.drop_answer(&entry.0),
                Some(Kept::Whole(_)) => passed.push(entry),
                _ => {}
            }
        }
        let queues = self.queues(bucket);
        for entry in passed.drain(..).rev() {
            queues.answered.push_front(entry);
        }

        let mut at = 0;
        while self.over(bucket, cap) && at < self.queues(bucket).recording.len() {
            let entry = self.queues(bucket).recording[at].clone();
            let recording = matches!(
                self.live(&entry).map(|record| &record.kept),
                Some(Kept::Recording(_))
            );
            if recording && *entry.0 == *keep {
                at += 1;
                continue;
            }
            self.queues(bucket).recording.remove(at);
            if recording {
                self.drop_answer(&entry.0);
            }
        }

        if room == Room::FromRecords {
            while self.over(bucket, cap) {
                let Some(entry) = self.queues(bucket).created.pop_front() else {
                    break;
                };
                match self.live(&entry).map(|record| &record.kept) {
                    None => {}
                    Some(Kept::Dropped) if *entry.0 != *keep => self.remove(&entry.0),
                    Some(_) => passed.push(entry),
                }
            }
            let queues = self.queues(bucket);
            for entry in passed.into_iter().rev() {
                queues.created.push_front(entry);
            }
        }
        !self.over(bucket, cap)
    }

    /// Brings `bucket` and the whole store within their caps, making `room` as it may.
    fn shrink_both(
        &mut self,
        caps: &RecordCaps,
        bucket: &Option<String>,
        keep: &Scope,
        room: Room,
    ) -> bool {
        let in_bucket = self.shrink(Some(bucket), caps.bytes_per_credential, keep, room);
        let in_all = self.shrink(None, caps.bytes, keep, room);
        in_bucket && in_all
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
    /// the bucket's oldest past its count cap, and making room within the byte caps).
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
                kept: Kept::Running,
                weight,
            },
        );
        records.queues(Some(&bucket)).count += 1;
        records.all.count += 1;
        records.reweigh(&bucket, 0, weight);
        let entry = (Arc::clone(&scope), serial);
        records.all.created.push_back(entry.clone());
        records.queues(Some(&bucket)).created.push_back(entry);
        records.tidy(&bucket);

        let cap = match bucket {
            Some(_) => self.caps.per_credential,
            None => self.caps.unauthenticated,
        };
        // Expired records and those already forgotten go first, then the oldest past the cap.
        loop {
            let queues = records.queues(Some(&bucket));
            let count = queues.count;
            let Some(oldest) = queues.created.front().cloned() else {
                break;
            };
            let live = records
                .live(&oldest)
                .is_some_and(|record| now - record.slot.created < RECORD_WINDOW);
            if live && count <= cap {
                break;
            }
            records.queues(Some(&bucket)).created.pop_front();
            if records.live(&oldest).is_some() {
                records.remove(&oldest.0);
            }
        }
        records.shrink_both(&self.caps, &bucket, &scope, Room::FromRecords);
        slot
    }

    /// Adds `bytes` to the stream being recorded for `slot`, making room by dropping older
    /// answers. Answers `false` once the answer is not kept — it is larger than a quarter of a
    /// cap, or others being recorded fill the room — and drops what was recorded of it.
    pub(crate) fn record(&self, scope: &Scope, slot: &Arc<Slot>, bytes: &[u8]) -> bool {
        let mut records = self.lock();
        let Some((entry, bucket)) = records.own_record(scope, slot) else {
            return false;
        };
        let Some(record) = records.slots.get_mut(scope) else {
            return false;
        };
        let began = match &record.kept {
            Kept::Running => true,
            Kept::Recording(_) => false,
            Kept::Whole(_) | Kept::Dropped => return false,
        };
        if began {
            record.kept = Kept::Recording(Answer::default());
        }
        let Kept::Recording(answer) = &mut record.kept else {
            return false;
        };
        let before = record.weight;
        answer.append(bytes);
        record.weight = Record::base_weight(scope) + answer.weight();
        let after = record.weight;
        records.reweigh(&bucket, before, after);
        if began {
            records.start_recording(&bucket, entry);
        }
        self.make_room(&mut records, scope, &bucket, after)
    }

    /// Keeps `slot`'s answer whole: what was recorded of it, then `rest`. Answers whether it
    /// is kept (else it is a tombstone: see [`IdempotencyStore::record`]).
    pub(crate) fn keep(&self, scope: &Scope, slot: &Arc<Slot>, rest: &[u8]) -> bool {
        let mut records = self.lock();
        let Some((entry, bucket)) = records.own_record(scope, slot) else {
            return false;
        };
        let Some(record) = records.slots.get_mut(scope) else {
            return false;
        };
        let mut answer = match std::mem::replace(&mut record.kept, Kept::Dropped) {
            Kept::Running => {
                // A whole answer at once: one block of its exact size.
                let mut answer = Answer::default();
                if !rest.is_empty() {
                    answer.blocks.push(Bytes::copy_from_slice(rest));
                }
                answer
            }
            Kept::Recording(mut answer) => {
                answer.append(rest);
                answer
            }
            kept @ (Kept::Whole(_) | Kept::Dropped) => {
                record.kept = kept;
                return false;
            }
        };
        answer.seal_open();
        let before = record.weight;
        record.weight = Record::base_weight(scope) + answer.weight();
        record.kept = Kept::Whole(answer);
        let after = record.weight;
        records.reweigh(&bucket, before, after);
        records.all.answered.push_back(entry.clone());
        records.queues(Some(&bucket)).answered.push_back(entry);
        self.make_room(&mut records, scope, &bucket, after)
    }

    /// Makes room for `scope`'s answer, which weighs `weight`, by dropping other answers; if
    /// it is too large, or there is not room enough, drops it instead.
    fn make_room(
        &self,
        records: &mut Records,
        scope: &Scope,
        bucket: &Option<String>,
        weight: usize,
    ) -> bool {
        let fits = weight <= self.caps.largest_record()
            && records.shrink_both(&self.caps, bucket, scope, Room::FromAnswers);
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
            Kept::Running | Kept::Recording(_) | Kept::Dropped => None,
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn store(per_credential: usize, total: usize) -> IdempotencyStore {
        IdempotencyStore::new(RecordCaps {
            bytes_per_credential: per_credential,
            bytes: total,
            ..RecordCaps::default()
        })
    }

    fn scope(credential: &str, key: usize) -> Scope {
        Scope::new(
            Some(credential.to_owned()),
            "create_key",
            key.to_string().as_bytes(),
        )
    }

    #[test]
    fn forgotten_records_leave_no_entries_behind() {
        let store = store(64 << 20, 64 << 20);
        let now = Utc::now();
        // One record kept at the front of the queues, then 10,000 whose requests failed.
        let first = scope("a", 0);
        let slot = store.slot(&first, Some("a"), [0; 32], now);
        store.keep(&first, &slot, b"answer");
        for key in 1..=10_000 {
            let scope = scope("a", key);
            let slot = store.slot(&scope, Some("a"), [0; 32], now);
            store.forget(&scope, &slot);
        }
        let records = store.lock();
        assert_eq!(records.slots.len(), 1);
        for queues in records.buckets.values().chain([&records.all]) {
            assert!(queues.created.len() <= 18, "{}", queues.created.len());
            assert!(queues.answered.len() <= 18, "{}", queues.answered.len());
        }
    }

    #[test]
    fn an_answer_over_a_quarter_of_a_cap_is_not_kept_and_pushes_out_no_other() {
        let store = store(64 * 1024, 1 << 20);
        let now = Utc::now();
        let small = scope("a", 0);
        let slot = store.slot(&small, Some("a"), [0; 32], now);
        assert!(store.keep(&small, &slot, &[1; 8 * 1024]));
        let large = scope("a", 1);
        let large_slot = store.slot(&large, Some("a"), [0; 32], now);
        let mut recorded = 0;
        while store.record(&large, &large_slot, &[2; 1000]) {
            recorded += 1000;
        }
        assert!(recorded < 16 * 1024, "{recorded}");
        assert!(!store.keep(&large, &large_slot, b""));
        assert!(store.answer(&large, &large_slot).is_none());
        assert_eq!(
            store.answer(&small, &slot).unwrap().concat(),
            vec![1; 8 * 1024]
        );
    }

    #[test]
    fn what_the_records_weigh_comes_back_when_they_go() {
        let store = store(1 << 20, 1 << 20);
        let now = Utc::now();
        let scopes: Vec<Scope> = (0..10).map(|key| scope("a", key)).collect();
        for (index, scope) in scopes.iter().enumerate() {
            let slot = store.slot(scope, Some("a"), [0; 32], now);
            for _ in 0..10 {
                assert!(store.record(scope, &slot, &[0; 3000]));
            }
            assert!(store.keep(scope, &slot, b"end"));
            // 30,003 bytes: a full block of 16 KiB and one of the rest's exact size, each with
            // its overhead, and the record's own.
            let weight = (16 * 1024 + BLOCK_OVERHEAD) + (30_003 - 16 * 1024 + BLOCK_OVERHEAD);
            assert_eq!(store.bytes(), (index + 1) * (weight + RECORD_OVERHEAD + 1));
        }
        for scope in &scopes {
            let slot = store.slot(scope, Some("a"), [0; 32], now);
            store.forget(scope, &slot);
        }
        assert_eq!(store.bytes(), 0);
        assert!(store.lock().buckets.is_empty());
    }
}
