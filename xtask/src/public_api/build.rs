//! Rustdoc's JSON for a crate and for every workspace crate it depends on, built with the stable
//! toolchain (`RUSTC_BOOTSTRAP=1` lets it take rustdoc's unstable `--output-format json`).
//!
//! Each crate is documented by its own `cargo rustdoc`, which keeps cargo's freshness check (a
//! warm run rebuilds nothing), but a separate invocation resolves features on its own: a crate
//! documented alone would compile its dependencies with fewer features than the root crate
//! reaches, and each such difference is another build of that dependency. So every invocation
//! asks for the features the root crate's resolve gives the crate and each of its direct
//! dependencies (read from `cargo tree`), and the dependencies are built once, shared.
//!
//! The builds go to their own target directory: `RUSTC_BOOTSTRAP` changes what some build
//! scripts emit (proc-macro2's), which would otherwise rebuild half of the main target
//! directory on every switch between this command and a normal build.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use rustdoc_types::{Crate, FORMAT_VERSION};

/// One workspace crate to document, with the features the root crate's resolve gives it and
/// its direct dependencies (`dependency/feature`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The package name (`nexevo-core`).
    pub package: String,
    /// Its own features in the root crate's resolve.
    pub features: Vec<String>,
    /// The features of each of its direct dependencies, as `dependency/feature`.
    pub dependency_features: Vec<String>,
}

impl Member {
    /// The crate's name as rustdoc names its JSON file (`nexevo_core`).
    pub fn crate_name(&self) -> String {
        self.package.replace('-', "_")
    }
}

/// The workspace crates `package` depends on (itself first), from `cargo tree`'s output for
/// `package` with all its features.
pub fn plan(workspace: &Path, package: &str) -> Result<Vec<Member>> {
    plan_for(workspace, &[package])
}

/// The workspace crates `packages` depend on (the first package first), resolved together as
/// one build of them all with all their features would be: a crate they share is documented
/// once, with the features they give it together.
pub fn plan_for(workspace: &Path, packages: &[&str]) -> Result<Vec<Member>> {
    let mut command = cargo();
    command
        .current_dir(workspace)
        .args(["tree", "--quiet", "--all-features", "-e", "normal"])
        .args(["--prefix", "depth", "--format", "{p}|{f}"]);
    for package in packages {
        command.args(["-p", package]);
    }
    let output = command.output().context("running cargo tree")?;
    if !output.status.success() {
        bail!(
            "cargo tree -p {} failed: {}",
            packages.join(" -p "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let tree = String::from_utf8(output.stdout).context("cargo tree printed non-UTF-8")?;
    plan_from_tree(&tree, workspace)
}

/// One line of `cargo tree --prefix depth --format '{p}|{f}'`.
#[derive(Debug)]
struct TreeLine<'a> {
    depth: usize,
    package: &'a str,
    /// The package's source in parentheses (a path for a workspace crate), if any.
    source: Option<&'a str>,
    features: Vec<&'a str>,
    /// `(*)`: already shown above, without its dependencies.
    repeated: bool,
}

fn parse_tree_line(line: &str) -> Option<TreeLine<'_>> {
    let digits = line.find(|c: char| !c.is_ascii_digit())?;
    let depth = line[..digits].parse().ok()?;
    let (described, features) = line[digits..].split_once('|')?;
    let (features, repeated) = match features.strip_suffix(" (*)") {
        Some(features) => (features, true),
        None => (features, false),
    };
    let package = described.split(' ').next()?;
    let source = described
        .split_once(" (")
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(source, _)| source);
    Some(TreeLine {
        depth,
        package,
        source,
        features: features.split(',').filter(|f| !f.is_empty()).collect(),
        repeated,
    })
}

/// [`plan`] from `cargo tree`'s output.
pub fn plan_from_tree(tree: &str, workspace: &Path) -> Result<Vec<Member>> {
    let lines: Vec<TreeLine<'_>> = tree.lines().filter_map(parse_tree_line).collect();
    let Some(root) = lines.first() else {
        bail!("cargo tree printed no packages");
    };
    let in_workspace = |line: &TreeLine<'_>| {
        line.source
            .is_some_and(|source| Path::new(source).starts_with(workspace))
    };
    let mut members: BTreeMap<&str, Member> = BTreeMap::new();
    let mut order = vec![root.package];
    for (at, line) in lines.iter().enumerate() {
        if !in_workspace(line) || line.repeated || members.contains_key(line.package) {
            continue;
        }
        let mut dependency_features = BTreeSet::new();
        for dependency in lines[at + 1..]
            .iter()
            .take_while(|next| next.depth > line.depth)
            .filter(|next| next.depth == line.depth + 1)
        {
            for feature in &dependency.features {
                dependency_features.insert(format!("{}/{feature}", dependency.package));
            }
        }
        if !order.contains(&line.package) {
            order.push(line.package);
        }
        members.insert(
            line.package,
            Member {
                package: line.package.to_owned(),
                features: line.features.iter().map(|f| (*f).to_owned()).collect(),
                dependency_features: dependency_features.into_iter().collect(),
            },
        );
    }
    Ok(order
        .into_iter()
        .filter_map(|package| members.remove(package))
        .collect())
}

/// Where this command's builds go, inside the workspace's target directory.
pub fn target_dir(workspace: &Path) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("target"));
    target.join("public-api")
}

/// Builds rustdoc's JSON for each member (hidden items included) and reads it.
pub fn build(workspace: &Path, members: &[Member], target_dir: &Path) -> Result<Vec<Crate>> {
    build_in(workspace, members, target_dir, None)
}

/// [`build`], its intermediate artifacts (the dependencies' metadata) in `build_dir` if given:
/// a copy of the workspace can share another's compiled dependencies while its JSON, written
/// to `target_dir`, stays its own.
pub fn build_in(
    workspace: &Path,
    members: &[Member],
    target_dir: &Path,
    build_dir: Option<&Path>,
) -> Result<Vec<Crate>> {
    let names: Vec<&str> = members.iter().map(|m| m.package.as_str()).collect();
    eprintln!(
        "rustdoc JSON of {} in {}",
        names.join(", "),
        target_dir.display()
    );
    let mut crates = Vec::new();
    for member in members {
        let mut features = member.features.clone();
        features.extend(member.dependency_features.iter().cloned());
        let mut command = cargo();
        if let Some(build_dir) = build_dir {
            command.env("CARGO_BUILD_BUILD_DIR", build_dir);
        }
        let output = command
            .current_dir(workspace)
            // Lets the stable toolchain's cargo and rustdoc take their unstable JSON output.
            .env("RUSTC_BOOTSTRAP", "1")
            .args(["rustdoc", "--quiet", "-Z", "unstable-options"])
            .args(["--output-format", "json", "-p", &member.package])
            .arg("--target-dir")
            .arg(target_dir)
            .args(["--no-default-features", "--features", &features.join(",")])
            .args(["--", "-Z", "unstable-options", "--document-hidden-items"])
            .output()
            .context("running cargo rustdoc")?;
        if !output.status.success() {
            bail!(
                "cargo rustdoc -p {} failed:\n{}",
                member.package,
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        let json = target_dir
            .join("doc")
            .join(format!("{}.json", member.crate_name()));
        crates.push(read(&json)?);
    }
    Ok(crates)
}

/// Reads one crate's rustdoc JSON, refusing a format this command cannot read.
pub fn read(path: &Path) -> Result<Crate> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    parse(&bytes).with_context(|| format!("reading {}", path.display()))
}

/// Parses rustdoc JSON, refusing a format this command cannot read.
pub fn parse(json: &[u8]) -> Result<Crate> {
    #[derive(serde::Deserialize)]
    struct Version {
        format_version: u32,
    }
    let version: Version =
        serde_json::from_slice(json).context("not rustdoc JSON: no `format_version`")?;
    if version.format_version != FORMAT_VERSION {
        bail!(
            "rustdoc wrote JSON format {}, and this command reads format {FORMAT_VERSION} \
             (the `rustdoc-types` crate, version 0.{FORMAT_VERSION}): set `rustdoc-types` in \
             the workspace's Cargo.toml to the 0.{} release that reads format {}, adapt \
             xtask/src/public_api/ if its types changed, run `cargo xtask public-api` and \
             review the listing's diff",
            version.format_version,
            version.format_version,
            version.format_version
        );
    }
    serde_json::from_slice(json).context("rustdoc JSON that does not match its format version")
}

/// Cargo, the one running this command when there is one (so the same toolchain).
fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}
