//! Part of `cargo xtask check`: each published crate's `rust-version` is at least what it
//! needs to compile — what every package its build pulls in declares, and what its edition
//! needs.
//!
//! Read from `cargo metadata` (all features, `Cargo.lock` as it is): from each published crate,
//! the resolve graph is walked over normal and build dependencies (a build script and a proc
//! macro are compiled by the same toolchain; dev-dependencies are not the users'), on every
//! platform, with the workspace's features unified, which can only over-count. A package's need
//! is the higher of its own `rust-version` and its edition's first release. What this cannot
//! see is our own code's use of the standard library, which clippy's `incompatible_msrv` lint
//! checks against the same `rust-version`, and of language features, which neither checks.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, anyhow, bail};
use serde::Deserialize;

/// A Rust release, as `rust-version` writes it (`1.88`, `1.88.0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RustVersion {
    major: u64,
    minor: u64,
    patch: u64,
}

impl RustVersion {
    /// Reads `1.88` or `1.88.0`.
    pub fn parse(text: &str) -> Result<Self> {
        let numbers: Option<Vec<u64>> = text.split('.').map(|part| part.parse().ok()).collect();
        let (major, minor, patch) = match numbers.as_deref() {
            Some(&[major, minor]) => (major, minor, 0),
            Some(&[major, minor, patch]) => (major, minor, patch),
            _ => bail!("`{text}` is not a Rust version (`1.88` or `1.88.0`)"),
        };
        Ok(Self {
            major,
            minor,
            patch,
        })
    }

    /// The first release that compiles `edition`; `None` for 2015, which every release does.
    pub fn for_edition(edition: &str) -> Result<Option<Self>> {
        let minor = match edition {
            "2015" => return Ok(None),
            "2018" => 31,
            "2021" => 56,
            "2024" => 85,
            other => bail!("edition {other} is unknown to the MSRV check: add its first release"),
        };
        Ok(Some(Self {
            major: 1,
            minor,
            patch: 0,
        }))
    }
}

impl fmt::Display for RustVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.patch {
            0 => write!(f, "{}.{}", self.major, self.minor),
            patch => write!(f, "{}.{}.{patch}", self.major, self.minor),
        }
    }
}

/// What `cargo metadata --format-version 1` says, as far as this check reads it.
#[derive(Debug, Deserialize)]
pub struct Metadata {
    packages: Vec<Package>,
    workspace_members: Vec<String>,
    resolve: Resolve,
}

#[derive(Debug, Deserialize)]
struct Package {
    id: String,
    name: String,
    version: String,
    rust_version: Option<String>,
    edition: String,
    /// `None` when it may go to any registry; `Some([])` for `publish = false`.
    publish: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct Resolve {
    nodes: Vec<Node>,
}

#[derive(Debug, Deserialize)]
struct Node {
    id: String,
    deps: Vec<NodeDep>,
}

#[derive(Debug, Deserialize)]
struct NodeDep {
    pkg: String,
    dep_kinds: Vec<DepKind>,
}

#[derive(Debug, Deserialize)]
struct DepKind {
    /// `None` for a normal dependency, else `"dev"` or `"build"`.
    kind: Option<String>,
}

/// What a published crate needs, and who needs it most.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The published crate.
    pub krate: String,
    /// Its `rust-version`, if it declares one.
    pub declared: Option<RustVersion>,
    /// What its edition needs.
    pub edition_needs: Option<RustVersion>,
    /// The highest need among the packages it pulls in, with the path to that package
    /// (`nexevo-core 0.1.0 → tokio 1.44.0`).
    pub highest_dependency: Option<(RustVersion, Vec<String>)>,
}

impl Finding {
    /// Why the declared version is too low, or `None` when it holds.
    pub fn problem(&self) -> Option<String> {
        let Some(declared) = self.declared else {
            return Some(format!(
                "{} declares no rust-version (a published crate must)",
                self.krate
            ));
        };
        if let Some(edition) = self.edition_needs.filter(|needed| *needed > declared) {
            return Some(format!(
                "{} declares rust-version {declared}, but its edition needs {edition}",
                self.krate
            ));
        }
        let (needed, path) = self
            .highest_dependency
            .as_ref()
            .filter(|(needed, _)| *needed > declared)?;
        let culprit = path.last().map_or("a dependency", String::as_str);
        let way = match &path[..] {
            [_] => "a direct dependency".to_owned(),
            _ => format!("through {}", path.join(" → ")),
        };
        Some(format!(
            "{} declares rust-version {declared}, but {culprit} needs {needed} ({way})",
            self.krate
        ))
    }
}

/// Reads the workspace's `cargo metadata`, with every feature and the lock file as it is.
pub fn metadata(root: &Path) -> Result<Metadata> {
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(root)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--all-features",
            "--locked",
        ])
        .output()
        .context("running cargo metadata")?;
    if !output.status.success() {
        bail!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    serde_json::from_slice(&output.stdout).context("reading cargo metadata's JSON")
}

/// A finding for each published workspace member, sorted by name.
pub fn findings(metadata: &Metadata) -> Result<Vec<Finding>> {
    let packages: BTreeMap<&str, &Package> = metadata
        .packages
        .iter()
        .map(|package| (package.id.as_str(), package))
        .collect();
    let nodes: BTreeMap<&str, &Node> = metadata
        .resolve
        .nodes
        .iter()
        .map(|node| (node.id.as_str(), node))
        .collect();
    let members = &metadata.workspace_members;
    let mut findings = Vec::new();
    for member in members {
        let package = packages
            .get(member.as_str())
            .ok_or_else(|| anyhow!("cargo metadata lists no package {member}"))?;
        if package.publish.as_ref().is_some_and(Vec::is_empty) {
            continue;
        }
        findings.push(Finding {
            krate: package.name.clone(),
            declared: package
                .rust_version
                .as_deref()
                .map(RustVersion::parse)
                .transpose()
                .with_context(|| format!("{}'s rust-version", package.name))?,
            edition_needs: RustVersion::for_edition(&package.edition)?,
            highest_dependency: highest_dependency(member, &packages, &nodes, members)?,
        });
    }
    findings.sort_by(|a, b| a.krate.cmp(&b.krate));
    Ok(findings)
}

/// The highest need among what `root` pulls in over normal and build dependencies, and the
/// path to the first package (in breadth-first order) that has it, preferring one from outside
/// the workspace: our own crates only repeat the `rust-version` we chose.
fn highest_dependency(
    root: &str,
    packages: &BTreeMap<&str, &Package>,
    nodes: &BTreeMap<&str, &Node>,
    members: &[String],
) -> Result<Option<(RustVersion, Vec<String>)>> {
    let ours = |id: &str| members.iter().any(|member| member == id);
    let mut reached_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = VecDeque::from([root]);
    let mut highest: Option<(RustVersion, &str)> = None;
    while let Some(id) = queue.pop_front() {
        let node = nodes
            .get(id)
            .ok_or_else(|| anyhow!("cargo metadata's resolve has no node {id}"))?;
        for dep in &node.deps {
            let compiled = dep
                .dep_kinds
                .iter()
                .any(|kind| kind.kind.as_deref() != Some("dev"));
            if !compiled || dep.pkg == root || reached_from.contains_key(dep.pkg.as_str()) {
                continue;
            }
            reached_from.insert(&dep.pkg, id);
            queue.push_back(&dep.pkg);
            let package = packages
                .get(dep.pkg.as_str())
                .ok_or_else(|| anyhow!("cargo metadata lists no package {}", dep.pkg))?;
            let declared = package
                .rust_version
                .as_deref()
                .map(RustVersion::parse)
                .transpose()
                .with_context(|| format!("{} {}'s rust-version", package.name, package.version))?;
            let needs = declared.max(RustVersion::for_edition(&package.edition)?);
            if let Some(needs) = needs
                && highest.is_none_or(|(best, best_id)| {
                    needs > best || (needs == best && ours(best_id) && !ours(&dep.pkg))
                })
            {
                highest = Some((needs, &dep.pkg));
            }
        }
    }
    Ok(highest.map(|(needs, mut id)| {
        let mut path = Vec::new();
        while id != root {
            if let Some(package) = packages.get(id) {
                path.push(format!("{} {}", package.name, package.version));
            }
            id = reached_from.get(id).copied().unwrap_or(root);
        }
        path.reverse();
        (needs, path)
    }))
}

/// The check: a line for each problem, or a one-line summary when every crate holds.
pub fn check(root: &Path) -> Result<(String, bool)> {
    let findings = findings(&metadata(root)?)?;
    let problems: Vec<String> = findings.iter().filter_map(Finding::problem).collect();
    if !problems.is_empty() {
        return Ok((problems.join("\n"), false));
    }
    let neediest = findings
        .iter()
        .filter_map(|finding| finding.highest_dependency.as_ref())
        .max_by_key(|(needs, _)| *needs);
    let summary = match neediest {
        Some((needs, path)) => format!(
            "rust-version: each of the {} published crates declares at least what it needs \
             (the most a dependency needs is {needs}: {})",
            findings.len(),
            path.join(" → ")
        ),
        None => format!(
            "rust-version: each of the {} published crates declares at least what it needs",
            findings.len()
        ),
    };
    Ok((summary, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(text: &str) -> RustVersion {
        RustVersion::parse(text).unwrap()
    }

    #[test]
    fn versions_are_read_and_ordered_as_releases() {
        assert_eq!(version("1.88"), version("1.88.0"));
        assert!(version("1.88.1") > version("1.88"));
        assert!(version("1.100") > version("1.99.9"));
        assert_eq!(version("1.88").to_string(), "1.88");
        assert_eq!(version("1.88.2").to_string(), "1.88.2");
        for bad in ["", "1", "1.x", "1.88.0.1", "1.88-nightly", "v1.88"] {
            assert!(RustVersion::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn each_edition_needs_its_first_release() {
        assert_eq!(RustVersion::for_edition("2015").unwrap(), None);
        assert_eq!(
            RustVersion::for_edition("2021").unwrap(),
            Some(version("1.56"))
        );
        assert_eq!(
            RustVersion::for_edition("2024").unwrap(),
            Some(version("1.85"))
        );
        assert!(RustVersion::for_edition("2027").is_err());
    }

    /// A workspace of `app` (published, 1.80, edition 2021) and `tool` (unpublished), where app
    /// pulls in `mid` (no rust-version, edition 2018) and through it `deep` (1.86), builds with
    /// `gen` (1.70), and tests with `huge` (1.99, a dev-dependency only).
    fn workspace(app_declares: Option<&str>, app_edition: &str) -> Metadata {
        let package = |id: &str, rust_version: Option<&str>, edition: &str, publish: bool| {
            serde_json::json!({
                "id": id, "name": id, "version": "1.0.0", "rust_version": rust_version,
                "edition": edition, "publish": if publish { serde_json::Value::Null } else { serde_json::json!([]) },
            })
        };
        let dep = |pkg: &str, kind: Option<&str>| serde_json::json!({"pkg": pkg, "dep_kinds": [{"kind": kind, "target": null}]});
        serde_json::from_value(serde_json::json!({
            "packages": [
                package("app", app_declares, app_edition, true),
                package("tool", Some("1.50"), "2021", false),
                package("mid", None, "2018", true),
                package("deep", Some("1.86"), "2021", true),
                package("gen", Some("1.70.0"), "2021", true),
                package("huge", Some("1.99"), "2021", true),
            ],
            "workspace_members": ["app", "tool"],
            "resolve": {"nodes": [
                {"id": "app", "deps": [dep("mid", None), dep("gen", Some("build")), dep("huge", Some("dev"))]},
                {"id": "tool", "deps": [dep("huge", None)]},
                {"id": "mid", "deps": [dep("deep", None)]},
                {"id": "deep", "deps": []},
                {"id": "gen", "deps": []},
                {"id": "huge", "deps": []},
            ]},
        }))
        .unwrap()
    }

    #[test]
    fn a_crate_needs_the_most_any_compiled_dependency_declares() {
        let findings = findings(&workspace(Some("1.86"), "2021")).unwrap();
        let [app] = &findings[..] else {
            panic!("only the published member is judged: {findings:#?}");
        };
        assert_eq!(
            app.highest_dependency,
            Some((
                version("1.86"),
                vec!["mid 1.0.0".into(), "deep 1.0.0".into()]
            ))
        );
        assert_eq!(app.problem(), None);
    }

    #[test]
    fn a_declaration_below_a_dependency_names_it_and_the_way_to_it() {
        let findings = findings(&workspace(Some("1.80"), "2021")).unwrap();
        assert_eq!(
            findings[0].problem().unwrap(),
            "app declares rust-version 1.80, but deep 1.0.0 needs 1.86 (through mid 1.0.0 → deep 1.0.0)"
        );
    }

    #[test]
    fn a_declaration_below_the_edition_or_none_at_all_fails() {
        let below_edition = findings(&workspace(Some("1.84"), "2024")).unwrap();
        assert_eq!(
            below_edition[0].problem().unwrap(),
            "app declares rust-version 1.84, but its edition needs 1.85"
        );
        let undeclared = findings(&workspace(None, "2021")).unwrap();
        assert!(
            undeclared[0]
                .problem()
                .unwrap()
                .contains("declares no rust-version"),
            "{undeclared:?}"
        );
    }

    #[test]
    fn build_dependencies_count_and_dev_dependencies_do_not() {
        let mut metadata = workspace(Some("1.86"), "2021");
        // Without mid, the build dependency gen (1.70) is the neediest; huge (dev) never is.
        metadata.resolve.nodes[0].deps.remove(0);
        assert_eq!(
            findings(&metadata).unwrap()[0].highest_dependency,
            Some((version("1.70"), vec!["gen 1.0.0".into()]))
        );
        let mut metadata = workspace(Some("1.60"), "2021");
        metadata.resolve.nodes[0].deps.remove(0);
        assert_eq!(
            findings(&metadata).unwrap()[0].problem().unwrap(),
            "app declares rust-version 1.60, but gen 1.0.0 needs 1.70 (a direct dependency)"
        );
    }

    #[test]
    fn on_a_tie_the_culprit_named_is_not_one_of_ours() {
        let metadata: Metadata = serde_json::from_value(serde_json::json!({
            "packages": [
                {"id": "cli", "name": "cli", "version": "1.0.0", "rust_version": "1.89", "edition": "2024", "publish": null},
                {"id": "sdk", "name": "sdk", "version": "1.0.0", "rust_version": "1.88", "edition": "2024", "publish": null},
                {"id": "ext", "name": "ext", "version": "2.0.0", "rust_version": "1.88", "edition": "2021", "publish": null},
            ],
            "workspace_members": ["cli", "sdk"],
            "resolve": {"nodes": [
                {"id": "cli", "deps": [{"pkg": "sdk", "dep_kinds": [{"kind": null}]}]},
                {"id": "sdk", "deps": [{"pkg": "ext", "dep_kinds": [{"kind": null}]}]},
                {"id": "ext", "deps": []},
            ]},
        }))
        .unwrap();
        let findings = findings(&metadata).unwrap();
        assert_eq!(
            findings[0].highest_dependency,
            Some((
                version("1.88"),
                vec!["sdk 1.0.0".into(), "ext 2.0.0".into()]
            ))
        );
        assert!(findings.iter().all(|finding| finding.problem().is_none()));
    }
}
