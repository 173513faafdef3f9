//! With only the `billing` feature, `nexevo-api` compiles billing's operations and types and
//! nothing of the other areas. Proven the only way it can be: by compiling a crate that
//! depends on `nexevo-api` with `features = ["billing"]` and checking which code compiles.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::path::{Path, PathBuf};
use std::process::Command;

use xtask::workspace_root;

/// A scratch crate (not in the workspace) depending on `crate_dir` with only `billing`, one
/// binary per probe.
fn probe_crate(name: &str, crate_dir: &str, probes: &[(&str, &str)]) -> PathBuf {
    let root = workspace_root();
    let dir = root.join("target").join("feature-gating").join(name);
    std::fs::create_dir_all(dir.join("src/bin")).unwrap();
    let dependency = root.join(crate_dir);
    let crate_name = dependency
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n{crate_name} = {{ path = {dependency:?}, default-features = false, features = [\"billing\"] }}\n\n\
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
    cargo(
        dir,
        &[
            "check",
            "--offline",
            "--quiet",
            "--message-format",
            "short",
            "--bin",
            bin,
        ],
    )
}

/// Runs cargo in the probe crate, with its own target dir (the outer `cargo test` holds the
/// workspace's); answers success and everything it printed.
fn cargo(dir: &Path, args: &[&str]) -> (bool, String) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.parent().unwrap().join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    (output.status.success(), format!("{stdout}{stderr}"))
}

const BILLING: &str = r#"
fn main() {
    let client = nexevo_api::Client::new_with_client(
        "http://127.0.0.1:1",
        nexevo_api::reqwest::Client::new(),
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
    let dir = probe_crate(
        "api-probe",
        "crates/nexevo-api",
        &[
            ("billing", BILLING),
            ("keys_operation", KEYS_OPERATION),
            ("keys_type", KEYS_TYPE),
            ("keys_only_enum", KEYS_ONLY_ENUM),
            ("keys_validator", KEYS_VALIDATOR),
        ],
    );
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

const EVERY_BILLING_CALL: &str = r#"
use nexevo::billing::*;

async fn every_billing_call(client: nexevo::Client) -> nexevo::Result<()> {
    client.billing().balance().await?;
    client.billing().usage().days(7).await?;
    client.billing().get_plan().await?;
    client.billing().upgrade_hint().await?;
    client.billing().checkout(Decimal::new(20, 0), "topup-1").await?;
    Ok(())
}

fn main() {
    let client = nexevo::Client::builder().base_url("http://127.0.0.1:1").build().unwrap();
    drop(every_billing_call(client));
}
"#;

const KEYS_FROM_THE_FACADE: &str = r#"
fn main() {
    let _ = nexevo::keys::Keys::list;
}
"#;

#[test]
fn the_facade_with_only_billing_builds_billing_and_no_other_area_crate() {
    let dir = probe_crate(
        "facade-probe",
        "crates/nexevo",
        &[
            ("billing", EVERY_BILLING_CALL),
            ("keys", KEYS_FROM_THE_FACADE),
        ],
    );
    let (ok, errors) = check(&dir, "billing");
    assert!(
        ok,
        "every billing call must compile with only `billing`:\n{errors}"
    );
    let (ok, errors) = check(&dir, "keys");
    assert!(
        !ok && errors.contains("could not find `keys` in `nexevo`"),
        "keys must not exist with only `billing`:\n{errors}"
    );

    let (ok, tree) = cargo(
        &dir,
        &["tree", "--offline", "--edges", "normal", "--prefix", "none"],
    );
    assert!(ok, "{tree}");
    assert!(tree.contains("nexevo-billing"), "{tree}");
    for other in [
        "nexevo-auth",
        "nexevo-keys",
        "nexevo-orgs",
        "nexevo-chat",
        "nexevo-conversations",
        "nexevo-feedback",
    ] {
        assert!(
            !tree.contains(other),
            "{other} is in the tree of a billing-only build:\n{tree}"
        );
    }
    let (ok, features) = cargo(
        &dir,
        &[
            "tree",
            "--offline",
            "--edges",
            "features",
            "--invert",
            "nexevo-api",
            "--prefix",
            "none",
        ],
    );
    assert!(ok, "{features}");
    assert!(
        features.contains("nexevo-api feature \"billing\""),
        "{features}"
    );
    for area in ["chat", "conversations", "auth", "keys", "orgs", "feedback"] {
        assert!(
            !features.contains(&format!("nexevo-api feature \"{area}\"")),
            "nexevo-api's {area} is on:\n{features}"
        );
    }
}
