//! `cargo xtask public-api`: the public API of every published crate with a library, listed
//! from rustdoc's JSON and pinned in its folder's [`LISTING_FILE`] (`nexevo`'s at
//! [`LISTING_PATH`]), so the SDK's public surface changes only on purpose, and `cargo xtask
//! release-plan` can tell what each crate's next version must be.
//!
//! - `cargo xtask public-api` writes the listings;
//! - `--check` fails, with the classified diff, when a pinned listing is stale, and (as does
//!   writing them) when `nexevo`'s API holds what [`lint`] refuses: plumbing, a type users
//!   cannot name, one name for two things. `.ci/run` runs it as a step of its own rather than
//!   inside `cargo xtask check`: cold, rustdoc's JSON of twelve crates in a target directory of
//!   their own takes minutes, where `xtask check` takes seconds;
//! - `--diff OLD [NEW]` classifies every change between two listings of `nexevo` (files, or
//!   git revisions whose pinned listing is read; NEW defaults to a fresh listing) as breaking,
//!   additive or compatible ([`diff`] has the rules), and fails on a breaking one unless
//!   `--allow-breaking`.
//!
//! One build documents every crate ([`build`]), resolved as the crates no other listed crate
//! depends on (`nexevo`, `nexevo-sandbox`) with all their features; [`render`] then lists each
//! crate, following its re-exports into the others, and names in the listing's header the
//! crates whose items it shows.

pub mod build;
pub mod crates;
pub mod diff;
pub mod line;
pub mod lint;
mod reach;
pub mod render;
pub mod signature;
mod writer;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use self::diff::{Change, Verdict};
use self::render::Listing;
use crate::published::{self, Published};

/// The package whose public API is listed.
pub const PACKAGE: &str = "nexevo";

/// The pinned listing, from the workspace root.
pub const LISTING_PATH: &str = "crates/nexevo/public-api.txt";

/// The file, in each published crate's folder, its listing is pinned in.
pub const LISTING_FILE: &str = "public-api.txt";

/// What `cargo xtask public-api` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Write the listing.
    Write,
    /// Fail when the pinned listing is stale.
    Check,
    /// Classify the changes between two listings.
    Diff {
        /// The old listing: a file, or a git revision whose pinned listing is read.
        old: String,
        /// The new listing, likewise; a fresh listing if none.
        new: Option<String>,
        /// Succeed even when a change is breaking.
        allow_breaking: bool,
    },
}

impl Mode {
    /// Parses the command's arguments.
    pub fn parse(args: &[String]) -> Result<Self> {
        let mut check = false;
        let mut diff = None::<Vec<String>>;
        let mut allow_breaking = false;
        for arg in args {
            match arg.as_str() {
                "--check" => check = true,
                "--diff" => diff = Some(Vec::new()),
                "--allow-breaking" => allow_breaking = true,
                flag if flag.starts_with('-') => bail!("unknown option {flag}"),
                value => match &mut diff {
                    Some(values) if values.len() < 2 => values.push(value.to_owned()),
                    _ => bail!("unexpected argument {value}"),
                },
            }
        }
        match (check, diff) {
            (true, Some(_)) => bail!("--check and --diff do not go together"),
            (true, None) if allow_breaking => bail!("--allow-breaking goes with --diff"),
            (true, None) => Ok(Self::Check),
            (false, Some(mut listings)) => {
                if listings.is_empty() {
                    bail!("--diff needs the old listing: a file or a git revision");
                }
                let old = listings.remove(0);
                Ok(Self::Diff {
                    old,
                    new: listings.pop(),
                    allow_breaking,
                })
            }
            (false, None) if allow_breaking => bail!("--allow-breaking goes with --diff"),
            (false, None) => Ok(Self::Write),
        }
    }
}

/// Runs the command: the report to print on stdout, and whether it succeeded.
pub fn run(workspace: &Path, mode: &Mode) -> Result<(String, bool)> {
    match mode {
        Mode::Write => write(workspace, &build::target_dir(workspace), None),
        Mode::Check => {
            let mut report = String::new();
            let mut ok = true;
            for (path, fresh) in listings(workspace)? {
                let pinned = std::fs::read_to_string(workspace.join(&path)).unwrap_or_default();
                let (checked, fresh_enough) = check_file(&path, &pinned, &fresh.text());
                report.push_str(&checked);
                ok &= fresh_enough;
                if fresh.crate_name == PACKAGE {
                    let (problems, clean) = lint_report(&fresh);
                    report.push_str(&problems);
                    ok &= clean;
                }
            }
            Ok((report, ok))
        }
        Mode::Diff {
            old,
            new,
            allow_breaking,
        } => {
            let old_text = read_listing(workspace, old)?;
            let (new_name, new_text) = match new {
                Some(new) => (new.as_str(), read_listing(workspace, new)?),
                None => ("the code as it is", listing(workspace)?.text()),
            };
            let changes = diff::diff(&old_text, &new_text);
            let mut report = format!("public API of {PACKAGE}: {old} → {new_name}: ");
            report.push_str(&describe(&changes));
            let breaking = changes.iter().any(|c| c.verdict == Verdict::Breaking);
            if breaking && !allow_breaking {
                report.push_str(
                    "a breaking change for users of the SDK; pass --allow-breaking if that is intended\n",
                );
            }
            Ok((report, !breaking || *allow_breaking))
        }
    }
}

/// Writes every listing, rustdoc's JSON built in `target_dir` (and its intermediate
/// artifacts in `build_dir`, if given): the report, and whether `nexevo`'s listing is clean.
pub fn write(
    workspace: &Path,
    target_dir: &Path,
    build_dir: Option<&Path>,
) -> Result<(String, bool)> {
    let mut report = String::new();
    let mut clean = true;
    for (path, listing) in listings_in(workspace, target_dir, build_dir)? {
        let text = listing.text();
        let full_path = workspace.join(&path);
        let unchanged = std::fs::read_to_string(&full_path).is_ok_and(|pinned| pinned == text);
        if !unchanged {
            std::fs::write(&full_path, &text)
                .with_context(|| format!("writing {}", full_path.display()))?;
        }
        let verb = if unchanged {
            "is up to date"
        } else {
            "written"
        };
        let _ = writeln!(report, "{} {verb}: {}", path.display(), summary(&listing));
        if listing.crate_name == PACKAGE {
            let (problems, lint_clean) = lint_report(&listing);
            report.push_str(&problems);
            clean &= lint_clean;
        }
    }
    Ok((report, clean))
}

/// Where a published crate's listing is pinned, from the workspace root.
pub fn listing_path(krate: &Published) -> PathBuf {
    krate.dir.join(LISTING_FILE)
}

/// The public API of every published crate with a library, each with the path its listing is
/// pinned at: one rustdoc build of them all, then one listing per crate.
pub fn listings(workspace: &Path) -> Result<Vec<(PathBuf, Listing)>> {
    listings_in(workspace, &build::target_dir(workspace), None)
}

/// [`listings`], built in `target_dir` (and `build_dir`, as [`build::build_in`] says).
pub fn listings_in(
    workspace: &Path,
    target_dir: &Path,
    build_dir: Option<&Path>,
) -> Result<Vec<(PathBuf, Listing)>> {
    let published = published::published(workspace)?;
    let listed: Vec<&Published> = published.values().filter(|k| k.has_library).collect();
    // Documented as the crates no other listed crate depends on (the facade, the sandbox)
    // resolve them with all their features, so each crate's listing has the features its
    // users get through the facade: a crate's internal features (`nexevo-chat`'s
    // `__internals`, for the SDK's own tests) stay out.
    let mut roots: Vec<&str> = listed
        .iter()
        .filter(|k| {
            !listed
                .iter()
                .any(|other| other.dependencies.contains_key(&k.name))
        })
        .map(|k| k.name.as_str())
        .collect();
    roots.sort_by_key(|name| *name != PACKAGE);
    let members = build::plan_for(workspace, &roots)?;
    let crates = build::build_in(workspace, &members, target_dir, build_dir)?;
    let mut set = crates::CrateSet::new(crates)?;
    let mut out = Vec::new();
    for krate in listed {
        set.list(&krate.crate_name())?;
        out.push((listing_path(krate), render::render(&set)));
    }
    Ok(out)
}

/// The verdict of `--check` on `nexevo`'s listing: whether `pinned` (the file's text) is
/// `fresh`, and if not the report saying how they differ.
pub fn check(pinned: &str, fresh: &str) -> (String, bool) {
    check_file(Path::new(LISTING_PATH), pinned, fresh)
}

/// The verdict of `--check` on the listing pinned at `path`.
fn check_file(path: &Path, pinned: &str, fresh: &str) -> (String, bool) {
    let path = path.display();
    if pinned == fresh {
        return (format!("{path} is up to date\n"), true);
    }
    let mut report = if pinned.is_empty() {
        format!("{path} is missing or empty.\n")
    } else {
        format!("{path} is stale: its crate's public API changed: ")
    };
    if !pinned.is_empty() {
        let changes = diff::diff(pinned, fresh);
        if changes.is_empty() {
            report.push_str("only the file's header or order differs\n");
        } else {
            report.push_str(&describe(&changes));
        }
    }
    report.push_str(&format!(
        "If the change is intended, run `cargo xtask public-api` and commit {path}.\n"
    ));
    (report, false)
}

/// What [`lint::lint`] finds in `listing`, one problem per line, and whether it found none.
pub fn lint_report(listing: &Listing) -> (String, bool) {
    let problems = lint::lint(listing);
    if problems.is_empty() {
        return (String::new(), true);
    }
    let mut report = format!(
        "The public API of {PACKAGE} holds {} problem{} (see xtask/src/public_api/lint.rs):\n",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for problem in &problems {
        let _ = writeln!(report, "  {problem}");
    }
    (report, false)
}

/// The changes, counted, then one per line.
fn describe(changes: &[Change]) -> String {
    let count = |verdict| changes.iter().filter(|c| c.verdict == verdict).count();
    let mut out = format!(
        "{} change{}: {} breaking, {} additive, {} compatible\n",
        changes.len(),
        if changes.len() == 1 { "" } else { "s" },
        count(Verdict::Breaking),
        count(Verdict::Additive),
        count(Verdict::Compatible)
    );
    for change in changes {
        let _ = writeln!(out, "  {change}");
    }
    out
}

/// The listing's size: its items of each kind.
pub fn summary(listing: &Listing) -> String {
    let counts = listing.counts();
    let total: usize = counts.values().map(|(all, _)| all).sum();
    let hidden: usize = counts.values().map(|(_, hidden)| hidden).sum();
    let kinds: Vec<String> = counts
        .iter()
        .map(|(kind, (all, _))| format!("{all} {kind}"))
        .collect();
    format!(
        "{total} lines ({hidden} #[doc(hidden)]): {}",
        kinds.join(", ")
    )
}

/// The public API of [`PACKAGE`] as the working copy has it.
pub fn listing(workspace: &Path) -> Result<Listing> {
    listing_of(workspace, PACKAGE, &build::target_dir(workspace))
}

/// The public API of `package` of the workspace at `workspace`, built in `target_dir`.
pub fn listing_of(workspace: &Path, package: &str, target_dir: &Path) -> Result<Listing> {
    let members = build::plan(workspace, package)?;
    let crates = build::build(workspace, &members, target_dir)?;
    Ok(render::render(&crates::CrateSet::new(crates)?))
}

/// A listing's text: the file at `source`, or else the pinned listing at the git revision
/// `source`.
fn read_listing(workspace: &Path, source: &str) -> Result<String> {
    let file = Path::new(source);
    if file.is_file() {
        return std::fs::read_to_string(file).with_context(|| format!("reading {source}"));
    }
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(workspace)
        .args(["show", &format!("{source}:{LISTING_PATH}")])
        .output()
        .context("running git")?;
    if !output.status.success() {
        bail!(
            "{source} is neither a file nor a git revision with {LISTING_PATH}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    String::from_utf8(output.stdout).with_context(|| format!("{LISTING_PATH} at {source}"))
}
