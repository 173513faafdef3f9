//! The end-to-end tests, one module per area or concern, in one binary so the whole stack links
//! once (`hygiene.rs` and `load.rs` have binaries of their own: see `Cargo.toml`).
//! `cargo test -p nexevo-e2e --test e2e fault_matrix::` runs one module.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

mod alerts;
mod auth;
mod bad_input;
mod billing;
mod bounded_reads;
mod call_options;
mod chat;
mod conversations;
mod core;
mod every_operation;
mod fault_matrix;
mod feedback;
mod generated_calls;
mod geo_routing;
mod key_scope;
mod keys;
mod lost_answers;
mod orgs;
mod properties;
mod redirects;
mod structured;
mod telemetry;
