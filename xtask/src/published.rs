//! The workspace's published crates, as Cargo's metadata describes them: every member without
//! `publish = false`, with its version, folder, whether it has a library, and its dependencies
//! on the others.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::Value;

/// A crate of the workspace that is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// Its package name (`nexevo-billing`).
    pub name: String,
    /// Its version as its manifest says.
    pub version: String,
    /// Its folder, from the workspace root (`crates/nexevo-billing`).
    pub dir: PathBuf,
    /// Whether it has a library (a crate with only a binary has no Rust API).
    pub has_library: bool,
    /// Its normal dependencies among the published crates, optional ones included, with the
    /// features each enables.
    pub dependencies: BTreeMap<String, BTreeSet<String>>,
    /// Its features, each with what it enables.
    pub features: BTreeMap<String, Vec<String>>,
}

impl Published {
    /// The crate's name as Rust code writes it (`nexevo_billing`).
    pub fn crate_name(&self) -> String {
        self.name.replace('-', "_")
    }
}

/// The published crates of the workspace at `workspace`, by name.
pub fn published(workspace: &Path) -> Result<BTreeMap<String, Published>> {
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(workspace)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .output()
        .context("running cargo metadata")?;
    if !output.status.success() {
        bail!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let metadata: Value =
        serde_json::from_slice(&output.stdout).context("cargo metadata printed no JSON")?;
    from_metadata(&metadata, workspace)
}

/// [`published`] from `cargo metadata`'s JSON.
pub fn from_metadata(metadata: &Value, workspace: &Path) -> Result<BTreeMap<String, Published>> {
    // Cargo's own idea of the root: `workspace` may be spelt differently (a symlink).
    let root = metadata["workspace_root"]
        .as_str()
        .map_or_else(|| workspace.to_path_buf(), PathBuf::from);
    let packages = metadata["packages"]
        .as_array()
        .context("cargo metadata without packages")?;
    // `publish: []` is `publish = false`; `null` is any registry.
    let is_published = |package: &Value| !package["publish"].as_array().is_some_and(Vec::is_empty);
    let names: BTreeSet<&str> = packages
        .iter()
        .filter(|package| is_published(package))
        .filter_map(|package| package["name"].as_str())
        .collect();
    let mut out = BTreeMap::new();
    for package in packages.iter().filter(|package| is_published(package)) {
        let name = package["name"]
            .as_str()
            .context("a package without a name")?;
        let manifest = package["manifest_path"]
            .as_str()
            .context("a package without a manifest path")?;
        let dir = Path::new(manifest)
            .parent()
            .and_then(|dir| dir.strip_prefix(&root).ok())
            .with_context(|| format!("{name}'s manifest is outside the workspace"))?
            .to_path_buf();
        let has_library = package["targets"].as_array().is_some_and(|targets| {
            targets.iter().any(|target| {
                target["kind"]
                    .as_array()
                    .is_some_and(|kinds| kinds.iter().any(|kind| kind == "lib"))
            })
        });
        let mut dependencies: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for dependency in package["dependencies"].as_array().into_iter().flatten() {
            let Some(dependency_name) = dependency["name"].as_str() else {
                continue;
            };
            // `kind` is null for a normal dependency; dev and build ones are not part of the API.
            if !dependency["kind"].is_null() || !names.contains(dependency_name) {
                continue;
            }
            let features = dependency["features"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned);
            dependencies
                .entry(dependency_name.to_owned())
                .or_default()
                .extend(features);
        }
        let features = package["features"]
            .as_object()
            .map(|features| {
                features
                    .iter()
                    .map(|(feature, enables)| {
                        let enables = enables
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect();
                        (feature.clone(), enables)
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.insert(
            name.to_owned(),
            Published {
                name: name.to_owned(),
                version: package["version"].as_str().unwrap_or_default().to_owned(),
                dir,
                has_library,
                dependencies,
                features,
            },
        );
    }
    Ok(out)
}

/// The crates in an order where each comes after those it depends on: the order `cargo
/// publish` goes in.
pub fn in_dependency_order(crates: &BTreeMap<String, Published>) -> Vec<&Published> {
    let mut done: BTreeSet<&str> = BTreeSet::new();
    let mut order = Vec::new();
    while order.len() < crates.len() {
        let before = order.len();
        for krate in crates.values() {
            if done.contains(krate.name.as_str()) {
                continue;
            }
            if krate
                .dependencies
                .keys()
                .all(|dependency| done.contains(dependency.as_str()) || dependency == &krate.name)
            {
                done.insert(&krate.name);
                order.push(krate);
            }
        }
        if order.len() == before {
            // A cycle (Cargo refuses one between normal dependencies): the rest as they are.
            order.extend(
                crates
                    .values()
                    .filter(|krate| !done.contains(krate.name.as_str())),
            );
            break;
        }
    }
    order
}
