//! Repository automation for the Nexevo SDK, in the style of rust-analyzer's xtask: plain Rust,
//! run with `cargo xtask <command>`.

pub mod api_diff;
pub mod bench_build;
pub mod bench_crates;
pub mod codegen;
pub mod msrv;
pub mod public_api;
pub mod published;
pub mod release;
pub mod spec;

use std::path::PathBuf;

/// The workspace root (the parent of this crate's folder).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}
