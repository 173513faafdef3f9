//! The sandbox's own tests over raw HTTP, one module per area or concern, in one binary so the
//! crate links once. `cargo test -p nexevo-sandbox --test sandbox auth::` runs one module.
//!
//! `binary` and `soak` run the `nexevo-sandbox` binary as a child process and measure that
//! child (its descriptors, CPU time and peak memory), never this process: they share it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

mod common;

mod alert_delivery;
mod auth;
mod billing;
mod binary;
mod bounded;
mod chat;
mod conversations;
mod faults;
mod feedback;
mod idempotency;
mod keys;
mod organizations;
mod robustness;
mod routing;
mod safety;
mod soak;
mod structured;
