//! `cargo xtask release-plan [SINCE] [--apply | --check]`: the version each published crate
//! needs next, and why, from what changed since the last release.
//!
//! The crates are versioned independently (RELEASING.md says why), and a breaking release of a
//! crate is a breaking release of every crate whose public API shows its items. SINCE defaults
//! to the last release tag (`<crate>-v<version>`, which a release puts on its commit), and
//! before the first release to the baseline revision in the workspace's
//! `[workspace.metadata.release]`. [`sources`] gathers what changed, [`plan`] decides,
//! [`apply`] writes it.
//!
//! - with neither flag it prints the plan;
//! - `--apply` writes the versions, the requirements between our crates, `Cargo.lock` and a
//!   changelog entry per bumped crate;
//! - `--check` (CI) fails when a crate's changes are breaking and its manifest's version does
//!   not say so yet, printing the plan's reasons; lesser bumps wait for the release.

pub mod apply;
pub mod plan;
pub mod sources;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use self::plan::{Level, Plan};

/// What `release-plan` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Print the plan.
    Report,
    /// Write it.
    Apply,
    /// Fail on a breaking change whose bump is missing.
    Check,
}

/// The command's arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The revision to compare with; the last release if none.
    pub since: Option<String>,
    /// What to do.
    pub mode: Mode,
}

impl Options {
    /// Parses the command's arguments.
    pub fn parse(args: &[String]) -> Result<Self> {
        let mut since = None;
        let mut mode = Mode::Report;
        for arg in args {
            match arg.as_str() {
                "--apply" | "--check" if mode != Mode::Report => {
                    bail!("--apply and --check do not go together")
                }
                "--apply" => mode = Mode::Apply,
                "--check" => mode = Mode::Check,
                flag if flag.starts_with('-') => bail!("unknown option {flag}"),
                revision if since.is_none() => since = Some(revision.to_owned()),
                extra => bail!("unexpected argument {extra}"),
            }
        }
        Ok(Self { since, mode })
    }
}

/// The revision a plan compares with, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    /// A git revision.
    pub revision: String,
    /// Where it came from, for the report.
    pub origin: String,
}

/// The baseline: `since` if given, else the last release tag, else the workspace's recorded
/// baseline.
pub fn baseline(workspace: &Path, since: Option<&str>) -> Result<Baseline> {
    if let Some(since) = since {
        return Ok(Baseline {
            revision: since.to_owned(),
            origin: "as asked".to_owned(),
        });
    }
    let tag = Command::new("git")
        .arg("-C")
        .arg(workspace)
        .args(["describe", "--tags", "--abbrev=0", "--match", "*-v[0-9]*"])
        .output()
        .context("running git describe")?;
    if tag.status.success() {
        let tag = String::from_utf8_lossy(&tag.stdout).trim().to_owned();
        return Ok(Baseline {
            origin: format!("the last release tag, {tag}"),
            revision: tag,
        });
    }
    let manifest: toml_edit::DocumentMut = std::fs::read_to_string(workspace.join("Cargo.toml"))
        .context("reading Cargo.toml")?
        .parse()
        .context("parsing Cargo.toml")?;
    let Some(recorded) = manifest["workspace"]["metadata"]["release"]["baseline"].as_str() else {
        bail!(
            "no release tag (`<crate>-v<version>`) and no `baseline` in Cargo.toml's \
             [workspace.metadata.release]: name a revision to compare with"
        );
    };
    Ok(Baseline {
        revision: recorded.to_owned(),
        origin: "no release yet: the baseline in Cargo.toml's [workspace.metadata.release]"
            .to_owned(),
    })
}

/// Runs the command: the report to print, and whether it succeeded.
pub fn run(workspace: &Path, options: &Options) -> Result<(String, bool)> {
    let baseline = baseline(workspace, options.since.as_deref())?;
    let plan = plan::plan(&sources::gather(workspace, &baseline.revision)?);
    let mut report = describe(&plan, &baseline);
    match options.mode {
        Mode::Report => Ok((report, true)),
        Mode::Apply => {
            let written = apply::apply(workspace, &plan, &today()?)?;
            if written.is_empty() {
                report.push_str("\nNothing to write: the versions and changelogs say this.\n");
            } else {
                report.push_str("\nWritten:\n");
                for path in &written {
                    let shown = path.strip_prefix(workspace).unwrap_or(path);
                    let _ = writeln!(report, "  {}", shown.display());
                }
            }
            let tags: Vec<String> = plan
                .crates
                .iter()
                .filter_map(|krate| krate.next_version.map(|v| format!("{}-v{v}", krate.name)))
                .collect();
            if !tags.is_empty() {
                let _ = write!(
                    report,
                    "\nReview and commit them with the change; once the crates are published, \
                     tag the commit:\n  git tag {}\n",
                    tags.join(" && git tag ")
                );
            }
            Ok((report, true))
        }
        Mode::Check => {
            let (verdict, ok) = check(&plan);
            report.push_str(&verdict);
            Ok((report, ok))
        }
    }
}

/// The verdict of `--check`: every breaking change has its bump in the manifests.
pub fn check(plan: &Plan) -> (String, bool) {
    let missing: Vec<_> = plan
        .crates
        .iter()
        .filter(|krate| krate.level == Some(Level::Breaking) && krate.needs_bump())
        .collect();
    if missing.is_empty() {
        return (
            "\nEvery breaking change has its version bump; other bumps are made at release.\n"
                .to_owned(),
            true,
        );
    }
    let mut out = String::from("\nA breaking change without its version bump:\n");
    for krate in missing {
        let _ = writeln!(
            out,
            "  {} says {} but its changes are breaking: it needs {}",
            krate.name,
            krate
                .version
                .map_or_else(|| "no version".to_owned(), |v| v.to_string()),
            krate
                .next_version
                .map(|v| v.to_string())
                .unwrap_or_default()
        );
    }
    out.push_str(
        "Run `cargo xtask release-plan --apply` and commit its versions and changelogs with the change.\n",
    );
    (out, false)
}

/// The plan as a report: per crate its versions, its level and each reason.
pub fn describe(plan: &Plan, baseline: &Baseline) -> String {
    let mut out = format!(
        "Release plan since {} ({}):\n",
        baseline.revision, baseline.origin
    );
    let width = plan
        .crates
        .iter()
        .map(|krate| krate.name.len())
        .max()
        .unwrap_or(0);
    for krate in &plan.crates {
        let from = krate
            .base_version
            .map_or_else(|| "new".to_owned(), |v| v.to_string());
        let line = match (krate.level, krate.next_version) {
            (Some(level), Some(next)) => format!("{from} → {next}  {}", level.word()),
            (Some(level), None) => format!("{from}  {} (a first release)", level.word()),
            (None, _) => format!("{from}  unchanged"),
        };
        let _ = writeln!(out, "  {:width$}  {line}", krate.name);
        for entry in &krate.entries {
            let _ = writeln!(
                out,
                "      {:9} {:10} {}",
                entry.level.word(),
                entry.source.word(),
                entry.text
            );
        }
    }
    out
}

/// Today's date, `YYYY-MM-DD`, for a changelog's heading (`SOURCE_DATE_EPOCH` if set, for a
/// reproducible run).
fn today() -> Result<String> {
    let now = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(epoch) => {
            let seconds = epoch.parse::<i64>().context("SOURCE_DATE_EPOCH")?;
            chrono::DateTime::from_timestamp(seconds, 0).context("SOURCE_DATE_EPOCH")?
        }
        Err(_) => chrono::Utc::now(),
    };
    Ok(now.format("%Y-%m-%d").to_string())
}
