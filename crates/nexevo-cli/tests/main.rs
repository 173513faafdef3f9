//! The CLI's tests, in one binary so the crate links once: `cli`, the `nexevo` binary as
//! scripts and people use it; `every_command`, every generated command against a sandbox;
//! `listen`, `nexevo keys listen` receiving a sandbox's spend alerts; `chat_count`, the live
//! token count of a streamed chat on a terminal; `power_tools`, `--debug`, `--dry-run`, `api`,
//! confirmations, `config` and two-factor login; `formats`, the output formats and `--jq`;
//! `human_output`, what people see, pinned.
//! `cargo test -p nexevo-cli --test cli every_command::` runs one module.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

mod chat_count;
mod cli;
mod every_command;
mod formats;
mod human_output;
mod listen;
mod power_tools;
mod support;
