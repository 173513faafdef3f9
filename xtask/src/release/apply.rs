//! `release-plan --apply`: the plan written into the repository — each bumped crate's version in
//! its manifest, the version every other crate of ours asks for it (`[workspace.dependencies]`),
//! `Cargo.lock`, and an entry at the top of each bumped crate's `CHANGELOG.md`.
//!
//! Applying is idempotent: versions are the baseline's bumped (never the manifest's), and an
//! entry for a version not yet released is replaced, not stacked, so running it again after
//! more changes updates the same pending release.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use toml_edit::{DocumentMut, value};

use super::plan::{CratePlan, Level, Plan};
use crate::published::{self, Published};

/// A crate's changelog, in its folder.
pub const CHANGELOG: &str = "CHANGELOG.md";

/// Writes `plan` into the workspace at `workspace`, dating new entries `date`
/// (`2026-12-06`). Answers the files it wrote.
pub fn apply(workspace: &Path, plan: &Plan, date: &str) -> Result<Vec<PathBuf>> {
    let crates = published::published(workspace)?;
    let mut written = Vec::new();
    let root_manifest = workspace.join("Cargo.toml");
    let mut root: DocumentMut = read(&root_manifest)?
        .parse()
        .context("parsing the workspace's Cargo.toml")?;
    let mut root_changed = false;
    for krate in &plan.crates {
        let (Some(next), Some(published)) = (krate.next_version, crates.get(&krate.name)) else {
            continue;
        };
        let next = next.to_string();
        let manifest_path = workspace.join(&published.dir).join("Cargo.toml");
        let mut manifest: DocumentMut = read(&manifest_path)?
            .parse()
            .with_context(|| format!("parsing {}", manifest_path.display()))?;
        if manifest["package"]["version"].as_str() != Some(next.as_str()) {
            manifest["package"]["version"] = value(next.as_str());
            std::fs::write(&manifest_path, manifest.to_string())
                .with_context(|| format!("writing {}", manifest_path.display()))?;
            written.push(manifest_path);
        }
        let requirement = &mut root["workspace"]["dependencies"][krate.name.as_str()];
        if let Some(table) = requirement.as_table_like_mut()
            && table.get("version").and_then(|v| v.as_str()) != Some(next.as_str())
        {
            table.insert("version", value(next.as_str()));
            root_changed = true;
        }
        let changelog = workspace.join(&published.dir).join(CHANGELOG);
        let text = std::fs::read_to_string(&changelog).unwrap_or_default();
        let updated = with_entry(&text, published, krate, date);
        if updated != text {
            std::fs::write(&changelog, updated)
                .with_context(|| format!("writing {}", changelog.display()))?;
            written.push(changelog);
        }
    }
    if root_changed {
        std::fs::write(&root_manifest, root.to_string()).context("writing Cargo.toml")?;
        written.push(root_manifest);
    }
    if !written.is_empty() {
        refresh_lock(workspace)?;
    }
    Ok(written)
}

/// The heading of a release's entry.
fn heading(version: &str) -> String {
    format!("## {version}")
}

/// `changelog` (a file's text, perhaps empty) with the entry of `krate`'s next release at the
/// top, in place of an entry for the same version if it has one.
pub fn with_entry(changelog: &str, published: &Published, krate: &CratePlan, date: &str) -> String {
    let Some(next) = krate.next_version else {
        return changelog.to_owned();
    };
    let title = format!(
        "# Changelog of `{}`\n\nEach release's changes, newest first, in the words of `cargo xtask \
         release-plan --apply`, which writes them.\n",
        published.name
    );
    let body = changelog
        .split_once("\n## ")
        .map(|(_, rest)| format!("## {rest}"))
        .unwrap_or_default();
    // An entry for the same version is a release not yet made: replace it.
    let pending = heading(&next.to_string());
    let older =
        if body.starts_with(&format!("{pending} ")) || body.starts_with(&format!("{pending}\n")) {
            body.split_once("\n## ")
                .map(|(_, rest)| format!("## {rest}"))
                .unwrap_or_default()
        } else {
            body
        };
    let mut out = title;
    out.push('\n');
    out.push_str(&entry(krate, date));
    if !older.is_empty() {
        out.push('\n');
        out.push_str(&older);
    }
    out
}

/// One release's entry: its heading, then its changes by what they mean for users.
pub fn entry(krate: &CratePlan, date: &str) -> String {
    let version = krate
        .next_version
        .map(|v| v.to_string())
        .unwrap_or_default();
    let mut out = format!("{} ({date})\n", heading(&version));
    for (level, title) in [
        (Level::Breaking, "Breaking changes"),
        (Level::Additive, "Added"),
        (Level::Patch, "Changed"),
    ] {
        let lines: Vec<&str> = krate
            .entries
            .iter()
            .filter(|entry| entry.level == level)
            .map(|entry| entry.text.as_str())
            .collect();
        if lines.is_empty() {
            continue;
        }
        let _ = write!(out, "\n### {title}\n\n");
        for line in lines {
            let _ = writeln!(out, "- {line}");
        }
    }
    out
}

/// `Cargo.lock` with our crates' new versions (nothing else moves; no network).
fn refresh_lock(workspace: &Path) -> Result<()> {
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(workspace)
        .args(["update", "--workspace", "--offline", "--quiet"])
        .status()
        .context("running cargo update")?;
    if !status.success() {
        bail!("cargo update --workspace failed");
    }
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}
