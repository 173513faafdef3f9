//! What changed in each published crate between the baseline and the working copy, read from
//! git, the spec, the pinned public-API listings and Cargo's metadata: the inputs of
//! [`super::plan`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use super::plan::{CrateInputs, Version};
use crate::api_diff;
use crate::codegen;
use crate::codegen::model::feature_of;
use crate::public_api::{self, render};
use crate::published::{self, Published};
use crate::spec::Spec;

/// The package whose code the generator writes for every area, and whose features are the
/// areas.
const API_PACKAGE: &str = "nexevo-api";

/// A crate's changelog: packed, but the plan's own output, not a change to plan for.
const CHANGELOG: &str = "CHANGELOG.md";

/// The inputs for every published crate, in the order they publish in.
pub fn gather(workspace: &Path, base: &str) -> Result<Vec<CrateInputs>> {
    let crates = published::published(workspace)?;
    let old_spec = api_diff::spec_at_revision(workspace, base)?;
    let new_spec = Spec::load(workspace)?;
    let spec_changes = api_diff::diff(&old_spec, &new_spec);
    let generated = generated_dirs(workspace)?;
    let all_areas: BTreeSet<String> = new_spec
        .areas
        .iter()
        .chain(&old_spec.areas)
        .map(|tag| feature_of(tag).to_owned())
        .collect();
    let order = published::in_dependency_order(&crates);
    let shows: BTreeMap<&str, Vec<String>> = order
        .iter()
        .map(|krate| {
            (
                krate.name.as_str(),
                shown_packages(workspace, krate, &crates),
            )
        })
        .collect();
    let mut areas: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut inputs = Vec::new();
    for krate in &order {
        let shown = shows.get(krate.name.as_str()).cloned().unwrap_or_default();
        let own_areas = if !generated.contains(&krate.dir) {
            // A crate without generated code takes the areas of the area crates it re-exports.
            shown
                .iter()
                .filter(|shown| *shown != API_PACKAGE)
                .filter_map(|shown| areas.get(shown.as_str()))
                .flatten()
                .cloned()
                .collect()
        } else if krate.name == API_PACKAGE {
            all_areas.clone()
        } else {
            enabled_areas(krate, &crates, &all_areas)
        };
        let base_version = version_at(workspace, base, &krate.dir)?;
        inputs.push(CrateInputs {
            name: krate.name.clone(),
            base_version,
            version: Version::parse(&krate.version),
            spec_changes: spec_changes
                .iter()
                .filter(|change| own_areas.contains(&change.area))
                .cloned()
                .collect(),
            api_changes: api_changes(workspace, base, krate)?,
            shows: shown,
            depended_on: crates
                .values()
                .any(|other| other.dependencies.contains_key(&krate.name)),
            code_changes: if base_version.is_some() {
                code_changes(workspace, base, &krate.dir)?
            } else {
                Vec::new()
            },
        });
        areas.insert(krate.name.as_str(), own_areas);
    }
    Ok(inputs)
}

/// The folders of the crates holding code `cargo xtask generate` writes.
fn generated_dirs(workspace: &Path) -> Result<BTreeSet<PathBuf>> {
    let generation = codegen::generate(workspace)?;
    Ok(generation
        .files
        .iter()
        .filter_map(|file| {
            let mut parts = file.path.components();
            let first = parts.next()?;
            let second = parts.next()?;
            (first.as_os_str() == "crates")
                .then(|| Path::new(first.as_os_str()).join(second.as_os_str()))
        })
        .collect())
}

/// The areas whose `nexevo-api` features `krate` enables, `full` and the like expanded.
fn enabled_areas(
    krate: &Published,
    crates: &BTreeMap<String, Published>,
    all_areas: &BTreeSet<String>,
) -> BTreeSet<String> {
    let api_features = crates
        .get(API_PACKAGE)
        .map(|api| api.features.clone())
        .unwrap_or_default();
    let mut pending: Vec<String> = krate
        .dependencies
        .get(API_PACKAGE)
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    let mut seen = BTreeSet::new();
    while let Some(feature) = pending.pop() {
        if !seen.insert(feature.clone()) {
            continue;
        }
        pending.extend(api_features.get(&feature).into_iter().flatten().cloned());
    }
    seen.intersection(all_areas).cloned().collect()
}

/// The published crates (package names) whose items `krate`'s pinned listing shows.
fn shown_packages(
    workspace: &Path,
    krate: &Published,
    crates: &BTreeMap<String, Published>,
) -> Vec<String> {
    let listing = std::fs::read_to_string(workspace.join(public_api::listing_path(krate)))
        .unwrap_or_default();
    render::shows(&listing)
        .into_iter()
        .filter_map(|crate_name| {
            crates
                .values()
                .find(|other| other.crate_name() == crate_name)
                .map(|other| other.name.clone())
        })
        .collect()
}

/// The changes of `krate`'s pinned listing from `base` to the working copy; `None` when it has
/// no library or had no listing at `base`.
fn api_changes(
    workspace: &Path,
    base: &str,
    krate: &Published,
) -> Result<Option<Vec<public_api::diff::Change>>> {
    if !krate.has_library {
        return Ok(None);
    }
    let path = public_api::listing_path(krate);
    let Some(old) = show(workspace, base, &path)? else {
        return Ok(None);
    };
    let new = std::fs::read_to_string(workspace.join(&path)).with_context(|| {
        format!(
            "reading {}: run `cargo xtask public-api` to write it",
            path.display()
        )
    })?;
    Ok(Some(public_api::diff::diff(&old, &new)))
}

/// The crate's version at `revision`; `None` when it did not exist then.
pub fn version_at(workspace: &Path, revision: &str, dir: &Path) -> Result<Option<Version>> {
    let Some(manifest) = show(workspace, revision, &dir.join("Cargo.toml"))? else {
        return Ok(None);
    };
    let manifest: toml_edit::DocumentMut = manifest
        .parse()
        .with_context(|| format!("{}/Cargo.toml at {revision}", dir.display()))?;
    let version = &manifest["package"]["version"];
    let text = if let Some(text) = version.as_str() {
        text.to_owned()
    } else if version.get("workspace").and_then(|w| w.as_bool()) == Some(true) {
        let Some(root) = show(workspace, revision, Path::new("Cargo.toml"))? else {
            bail!("no Cargo.toml at {revision}");
        };
        let root: toml_edit::DocumentMut = root
            .parse()
            .with_context(|| format!("Cargo.toml at {revision}"))?;
        root["workspace"]["package"]["version"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    } else {
        bail!("{}/Cargo.toml at {revision} has no version", dir.display());
    };
    Version::parse(&text)
        .map(Some)
        .with_context(|| format!("{}'s version {text} at {revision}", dir.display()))
}

/// Why the crate's packed files changed since `base`: the subjects of the commits that touched
/// them, and a line for changes not yet committed. A manifest whose only change is its version
/// is not a change.
fn code_changes(workspace: &Path, base: &str, dir: &Path) -> Result<Vec<String>> {
    let paths = packed_paths(workspace, dir)?;
    let changed = git(workspace)
        .args(["diff", "--name-only", base, "--"])
        .args(&paths)
        .output()
        .context("running git diff")?;
    if !changed.status.success() {
        bail!(
            "git diff {base} failed: {}",
            String::from_utf8_lossy(&changed.stderr).trim()
        );
    }
    let changed = String::from_utf8_lossy(&changed.stdout).into_owned();
    let manifest = dir.join("Cargo.toml");
    let only_version = changed.lines().count() == 1
        && Path::new(changed.trim()) == manifest
        && manifest_without_version(&show(workspace, base, &manifest)?.unwrap_or_default())
            == manifest_without_version(
                &std::fs::read_to_string(workspace.join(&manifest)).unwrap_or_default(),
            );
    if changed.trim().is_empty() || only_version {
        return Ok(Vec::new());
    }
    let log = git(workspace)
        .args([
            "log",
            "--no-merges",
            "--format=%s",
            &format!("{base}..HEAD"),
            "--",
        ])
        .args(&paths)
        .output()
        .context("running git log")?;
    let mut subjects: Vec<String> = String::from_utf8_lossy(&log.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    let uncommitted = git(workspace)
        .args(["diff", "--quiet", "HEAD", "--"])
        .args(&paths)
        .status()
        .context("running git diff")?;
    if !uncommitted.success() {
        subjects.push("Changes not yet committed".to_owned());
    }
    Ok(subjects)
}

/// What the crate packs, as its manifest's `include` says (its manifest always), without its
/// changelog; its whole folder when it says nothing.
fn packed_paths(workspace: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let manifest_path = workspace.join(dir).join("Cargo.toml");
    let manifest: toml_edit::DocumentMut = std::fs::read_to_string(&manifest_path)
        .with_context(|| format!("reading {}", manifest_path.display()))?
        .parse()
        .with_context(|| format!("parsing {}", manifest_path.display()))?;
    let Some(include) = manifest["package"]["include"].as_array() else {
        return Ok(vec![dir.to_path_buf()]);
    };
    let mut paths = vec![dir.join("Cargo.toml")];
    paths.extend(
        include
            .iter()
            .filter_map(|pattern| pattern.as_str())
            .map(|pattern| pattern.trim_start_matches('/'))
            .filter(|pattern| *pattern != CHANGELOG)
            .map(|pattern| dir.join(pattern)),
    );
    Ok(paths)
}

/// A manifest's text with its package version left out.
fn manifest_without_version(text: &str) -> String {
    match text.parse::<toml_edit::DocumentMut>() {
        Ok(mut manifest) => {
            if let Some(package) = manifest
                .get_mut("package")
                .and_then(|p| p.as_table_like_mut())
            {
                package.remove("version");
            }
            manifest.to_string()
        }
        Err(_) => text.to_owned(),
    }
}

/// The file at `path` as it was at `revision`; `None` if it did not exist.
pub fn show(workspace: &Path, revision: &str, path: &Path) -> Result<Option<String>> {
    let spec = format!("{revision}:{}", path.display());
    let output = git(workspace)
        .args(["show", &spec])
        .output()
        .context("running git show")?;
    if !output.status.success() {
        let exists = git(workspace)
            .args([
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{revision}^{{commit}}"),
            ])
            .output()
            .context("running git rev-parse")?;
        if !exists.status.success() {
            bail!("{revision} is not a commit of this repository (is its history fetched?)");
        }
        return Ok(None);
    }
    String::from_utf8(output.stdout)
        .map(Some)
        .with_context(|| format!("{spec} is not UTF-8"))
}

fn git(workspace: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(workspace);
    command
}
