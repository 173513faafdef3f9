//! The workspace as cargo sees it, for the checks that walk every crate.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

/// `cargo metadata` of the workspace's own packages (`--no-deps`): each package with its
/// manifest and its targets.
pub(crate) fn metadata() -> serde_json::Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = std::process::Command::new(cargo)
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
        ])
        .current_dir(xtask::workspace_root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("cargo metadata writes JSON")
}

/// Each package of the workspace: its name and its folder.
pub(crate) fn packages() -> Vec<(String, std::path::PathBuf)> {
    metadata()["packages"]
        .as_array()
        .expect("cargo metadata lists packages")
        .iter()
        .map(|package| {
            let manifest =
                std::path::Path::new(package["manifest_path"].as_str().unwrap_or_default());
            (
                package["name"].as_str().unwrap_or_default().to_owned(),
                manifest.parent().unwrap_or(manifest).to_path_buf(),
            )
        })
        .collect()
}
