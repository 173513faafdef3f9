//! The CLI's tests, in one binary so the crate links once: `cli`, the `nexevo` binary as
//! scripts and people use it; `every_command`, every generated command against a sandbox;
//! `formats`, the output formats and `--jq`; `human_output`, what people see, pinned.
//! `cargo test -p nexevo-cli --test cli every_command::` runs one module.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

mod cli;
mod every_command;
mod formats;
mod human_output;
mod support;
