//! The sandbox holding itself to the spec: every answer an operation gives is checked against
//! the statuses the spec documents for it (`ApiOperation::documents`), and one it does not
//! document is recorded. A status a fault rule forced is the test's own choice and is not
//! checked. A leaf of the module graph.

use std::sync::{Mutex, PoisonError};

/// The most undocumented answers kept (the first ones: they say what went wrong).
const KEPT: usize = 64;

/// An answer whose status its operation does not document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UndocumentedAnswer {
    /// The operation (`update_spend_cap`).
    pub operation: &'static str,
    /// The status it answered.
    pub status: u16,
}

/// The undocumented answers so far.
#[derive(Debug, Default)]
pub(crate) struct ContractRecord(Mutex<Vec<UndocumentedAnswer>>);

impl ContractRecord {
    /// Records `status` if `operation` does not document it.
    pub(crate) fn check(&self, operation: &'static nexevo_api::ApiOperation, status: u16) {
        if operation.documents(status) {
            return;
        }
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() < KEPT {
            kept.push(UndocumentedAnswer {
                operation: operation.id,
                status,
            });
        }
    }

    pub(crate) fn all(&self) -> Vec<UndocumentedAnswer> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}
