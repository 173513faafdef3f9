//! Per-operation request counters: the witnesses for "nothing was sent" and "applied once".

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

/// How many requests of one operation reached the sandbox, and how many changed its state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    /// Requests that reached the server (before any fault or check).
    pub received: u64,
    /// Requests whose handling changed the sandbox's state (replays and refusals do not).
    pub applied: u64,
}

#[derive(Debug, Default)]
struct Cell {
    received: AtomicU64,
    applied: AtomicU64,
    /// The `X-Nexevo-Retry-Count` of each request that carried one, in arrival order.
    retry_counts: Mutex<Vec<u32>>,
}

/// Counters for every operation of the spec.
#[derive(Debug)]
pub(crate) struct CounterSet {
    cells: HashMap<&'static str, Cell>,
}

impl Default for CounterSet {
    fn default() -> Self {
        let cells = nexevo_api::OPERATIONS
            .iter()
            .map(|op| (op.id, Cell::default()))
            .collect();
        Self { cells }
    }
}

impl CounterSet {
    pub(crate) fn received(&self, operation: &str) {
        if let Some(cell) = self.cells.get(operation) {
            cell.received.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Records a request's `X-Nexevo-Retry-Count`.
    pub(crate) fn retried(&self, operation: &str, count: u32) {
        if let Some(cell) = self.cells.get(operation) {
            cell.retry_counts
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(count);
        }
    }

    pub(crate) fn retry_counts(&self, operation: &str) -> Vec<u32> {
        self.cells
            .get(operation)
            .map(|cell| {
                cell.retry_counts
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone()
            })
            .unwrap_or_default()
    }

    pub(crate) fn applied(&self, operation: &str) {
        if let Some(cell) = self.cells.get(operation) {
            cell.applied.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub(crate) fn get(&self, operation: &str) -> Counters {
        self.cells
            .get(operation)
            .map(|cell| Counters {
                received: cell.received.load(Ordering::Relaxed),
                applied: cell.applied.load(Ordering::Relaxed),
            })
            .unwrap_or_default()
    }

    pub(crate) fn total(&self) -> Counters {
        self.cells
            .values()
            .fold(Counters::default(), |sum, cell| Counters {
                received: sum.received + cell.received.load(Ordering::Relaxed),
                applied: sum.applied + cell.applied.load(Ordering::Relaxed),
            })
    }

    pub(crate) fn reset(&self) {
        for cell in self.cells.values() {
            cell.received.store(0, Ordering::Relaxed);
            cell.applied.store(0, Ordering::Relaxed);
            cell.retry_counts
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clear();
        }
    }
}
