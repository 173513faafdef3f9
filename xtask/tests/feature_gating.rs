//! With only the `billing` feature, `nexevo-api` compiles billing's operations and types and
//! nothing of the other areas. Proven the only way it can be: by compiling a crate that
//! depends on `nexevo-api` with `features = ["billing"]` and checking which code compiles.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::path::{Path, PathBuf};
use std::process::Command;

use xtask::workspace_root;

/// A scratch crate depending on `nexevo-api` with only `billing`, one binary per probe.
fn probe_crate(probes: &[(&str, &str)]) -> PathBuf {
    let root = workspace_root();
    let dir = root.join("target").join("feature-gating").join("probe");
    std::fs::create_dir_all(dir.join("src/bin")).unwrap();
    let api = root.join("crates/nexevo-api");
    let manifest = format!(
        "[package]\nname = \"gating-probe\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nnexevo-api = {{ path = {api:?}, default-features = false, features = [\"billing\"] }}\n\n\
         # Not part of the SDK's workspace.\n[workspace]\n"
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    // The workspace's lock file pins the same versions, so `--offline` finds them all.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    for (name, source) in probes {
        std::fs::write(dir.join("src/bin").join(format!("{name}.rs")), source).unwrap();
    }
    dir
}

fn check(dir: &Path, bin: &str) -> (bool, String) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "check",
            "--offline",
            "--quiet",
            "--message-format",
            "short",
            "--bin",
            bin,
        ])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.parent().unwrap().join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const BILLING: &str = r#"
fn main() {
    let client = nexevo_api::Client::new_with_client(
        "http://127.0.0.1:1",
        nexevo_api::reqwest::Client::new(),
        std::sync::Arc::new(nexevo_api::DirectTransport),
    );
    let _balance = client.get_balance(None);
    let _type: Option<nexevo_api::types::Balance> = None;
    let _check = nexevo_api::validate::params::days(7);
}
"#;

const KEYS_OPERATION: &str = r#"
fn main() {
    let client = nexevo_api::Client::new_with_client(
        "http://127.0.0.1:1",
        nexevo_api::reqwest::Client::new(),
        std::sync::Arc::new(nexevo_api::DirectTransport),
    );
    let _ = client.list_keys(None, None, None);
}
"#;

const KEYS_TYPE: &str = r#"
fn main() {
    let _type: Option<nexevo_api::types::CreateKeyRequest> = None;
}
"#;

const KEYS_ONLY_ENUM: &str = r#"
fn main() {
    let _type: Option<nexevo_api::types::GeoPolicy> = None;
}
"#;

const KEYS_VALIDATOR: &str = r#"
fn main() {
    let _ = nexevo_api::validate::params::key_id("key_1");
}
"#;

#[test]
fn billing_alone_compiles_billing_and_nothing_of_keys() {
    let dir = probe_crate(&[
        ("billing", BILLING),
        ("keys_operation", KEYS_OPERATION),
        ("keys_type", KEYS_TYPE),
        ("keys_only_enum", KEYS_ONLY_ENUM),
        ("keys_validator", KEYS_VALIDATOR),
    ]);
    let (ok, errors) = check(&dir, "billing");
    assert!(
        ok,
        "billing's operations and types must compile with `billing`:\n{errors}"
    );

    for (bin, missing) in [
        ("keys_operation", "list_keys"),
        ("keys_type", "CreateKeyRequest"),
        ("keys_only_enum", "GeoPolicy"),
        ("keys_validator", "key_id"),
    ] {
        let (ok, errors) = check(&dir, bin);
        assert!(
            !ok,
            "`{missing}` belongs to keys and must not compile with only `billing`"
        );
        assert!(
            errors.contains(missing),
            "{bin} failed for another reason:\n{errors}"
        );
    }
}
