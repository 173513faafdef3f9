//! The plan: from what changed in each crate since the last release, the version it needs next
//! and why. Pure: [`super::sources`] gathers the inputs, this decides.
//!
//! Each crate's changes come from four sources, and its bump is the largest any of them asks:
//!
//! | source | what it reads | a breaking change | anything else |
//! |---|---|---|---|
//! | the spec | `api-diff`'s changes of the areas the crate's generated code covers | breaking | additive |
//! | the Rust API | its pinned `public-api.txt`, then and now | breaking (a `#[doc(hidden)]` change too, in a crate others of ours depend on: they call its hidden plumbing) | additive, or a patch |
//! | re-exports | the crates its listing shows items of | one of them has a breaking release | — |
//! | its code | its packed files (its manifest's `include`, `Cargo.toml` apart from its version; not its changelog) | — | a patch |
//!
//! Cargo's rules turn the largest into a version: before 1.0 a breaking change bumps the minor
//! and anything else the patch; from 1.0 breaking bumps the major, additive the minor.

use std::collections::BTreeMap;
use std::fmt;

use crate::api_diff;
use crate::public_api::diff::{Change as ApiChange, Kind, Verdict, identity};
use crate::public_api::line::GENERATED;

/// How much a change asks of the version, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Nothing users rely on changed: a fix, docs, the code behind the API.
    Patch,
    /// New API: what compiled still compiles.
    Additive,
    /// What compiled may stop compiling, or what ran may stop working.
    Breaking,
}

impl Level {
    /// The word a report and a changelog use.
    pub fn word(self) -> &'static str {
        match self {
            Self::Patch => "patch",
            Self::Additive => "additive",
            Self::Breaking => "breaking",
        }
    }
}

/// Where a change was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// `api-diff` on the spec.
    Spec,
    /// The crate's pinned public-API listing.
    RustApi,
    /// A crate whose items it shows.
    Reexport,
    /// Its packed files.
    Code,
}

impl Source {
    /// The word a report uses.
    pub fn word(self) -> &'static str {
        match self {
            Self::Spec => "spec",
            Self::RustApi => "Rust API",
            Self::Reexport => "re-export",
            Self::Code => "code",
        }
    }
}

/// One reason for a crate's bump, in users' words.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// What it asks of the version.
    pub level: Level,
    /// Where it was seen.
    pub source: Source,
    /// What changed.
    pub text: String,
}

/// A version as Cargo reads it: `major.minor.patch` (a pre-release or build suffix is kept
/// out of the comparison and dropped by a bump).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// The major number.
    pub major: u64,
    /// The minor number.
    pub minor: u64,
    /// The patch number.
    pub patch: u64,
}

impl Version {
    /// Reads `0.1.0` (and `0.1.0-rc.1`, as `0.1.0`).
    pub fn parse(text: &str) -> Option<Self> {
        let core = text.split(['-', '+']).next()?;
        let mut numbers = core.split('.').map(str::parse::<u64>);
        let version = Self {
            major: numbers.next()?.ok()?,
            minor: numbers.next()?.ok()?,
            patch: numbers.next()?.ok()?,
        };
        numbers.next().is_none().then_some(version)
    }

    /// The next version for a change of `level`, by Cargo's rules.
    pub fn bump(self, level: Level) -> Self {
        match (self.major, level) {
            (0, Level::Breaking) => Self {
                minor: self.minor + 1,
                patch: 0,
                ..self
            },
            (0, _) | (_, Level::Patch) => Self {
                patch: self.patch + 1,
                ..self
            },
            (_, Level::Breaking) => Self {
                major: self.major + 1,
                minor: 0,
                patch: 0,
            },
            (_, Level::Additive) => Self {
                minor: self.minor + 1,
                patch: 0,
                ..self
            },
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// What is known of one published crate, for planning.
#[derive(Debug, Clone, Default)]
pub struct CrateInputs {
    /// Its package name.
    pub name: String,
    /// Its version at the baseline; `None` for a crate new since.
    pub base_version: Option<Version>,
    /// Its version as its manifest says now.
    pub version: Option<Version>,
    /// The spec's changes of the areas its generated code covers.
    pub spec_changes: Vec<api_diff::Change>,
    /// Its public API's changes; `None` without a library, or without a listing at the
    /// baseline.
    pub api_changes: Option<Vec<ApiChange>>,
    /// The published crates (package names) whose items its public API shows.
    pub shows: Vec<String>,
    /// Whether another published crate depends on it (and may use its hidden items).
    pub depended_on: bool,
    /// Why its packed files changed: the subjects of the commits since the baseline that
    /// touched them (and a line for uncommitted changes); empty when they did not.
    pub code_changes: Vec<String>,
}

/// One crate's part of the plan.
#[derive(Debug, Clone)]
pub struct CratePlan {
    /// Its package name.
    pub name: String,
    /// Its version at the baseline (`None`: new since).
    pub base_version: Option<Version>,
    /// Its version as its manifest says now.
    pub version: Option<Version>,
    /// The largest change, if anything changed.
    pub level: Option<Level>,
    /// The version it needs: the baseline's bumped by [`CratePlan::level`].
    pub next_version: Option<Version>,
    /// Why, largest first.
    pub entries: Vec<Entry>,
}

impl CratePlan {
    /// Whether its manifest's version is short of what its changes need.
    pub fn needs_bump(&self) -> bool {
        match (self.next_version, self.version) {
            (Some(next), Some(version)) => version < next,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}

/// Every published crate's part, in the order they publish in.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The crates.
    pub crates: Vec<CratePlan>,
}

impl Plan {
    /// The part of the crate named `name`.
    pub fn get(&self, name: &str) -> Option<&CratePlan> {
        self.crates.iter().find(|krate| krate.name == name)
    }
}

/// The plan for `inputs`, given in dependency order (each crate after those it depends on).
pub fn plan(inputs: &[CrateInputs]) -> Plan {
    let mut done: BTreeMap<String, CratePlan> = BTreeMap::new();
    let mut order = Vec::new();
    for krate in inputs {
        let mut entries = Vec::new();
        for change in &krate.spec_changes {
            entries.push(Entry {
                level: if change.breaking {
                    Level::Breaking
                } else {
                    Level::Additive
                },
                source: Source::Spec,
                text: spec_words(change),
            });
        }
        if let Some(changes) = &krate.api_changes {
            entries.extend(api_entries(changes, krate.depended_on));
        }
        for shown in &krate.shows {
            let Some(other) = done.get(shown) else {
                continue;
            };
            if other.level == Some(Level::Breaking) {
                let next = other
                    .next_version
                    .map(|v| format!(" ({v})"))
                    .unwrap_or_default();
                entries.push(Entry {
                    level: Level::Breaking,
                    source: Source::Reexport,
                    text: format!(
                        "Shows items of `{shown}`, whose next release{next} is breaking: they \
                         are this crate's types too, so users must move both together"
                    ),
                });
            }
        }
        if entries.is_empty() {
            entries.extend(krate.code_changes.iter().map(|subject| Entry {
                level: Level::Patch,
                source: Source::Code,
                text: subject.clone(),
            }));
        }
        entries.sort_by(|a, b| b.level.cmp(&a.level).then(a.cmp(b)));
        entries.dedup_by(|a, b| a.text == b.text && a.level == b.level);
        let level = entries.iter().map(|entry| entry.level).max();
        let next_version = match (krate.base_version, level) {
            (Some(base), Some(level)) => Some(base.bump(level)),
            _ => None,
        };
        let crate_plan = CratePlan {
            name: krate.name.clone(),
            base_version: krate.base_version,
            version: krate.version,
            level,
            next_version,
            entries,
        };
        done.insert(krate.name.clone(), crate_plan.clone());
        order.push(crate_plan);
    }
    Plan { crates: order }
}

/// A change of the spec in users' words: where, in the API's terms, then what.
pub fn spec_words(change: &api_diff::Change) -> String {
    let location = change.location.as_str();
    let place = if let Some(rest) = location.strip_prefix("response components.schemas.") {
        format!("`{rest}` in answers")
    } else if let Some(rest) = location.strip_prefix("request components.schemas.") {
        format!("`{rest}` in requests")
    } else if let Some(rest) = location.strip_prefix("response ") {
        let (operation, field) = rest.split_once(' ').unwrap_or((rest, ""));
        format!("the answer of `{operation}`{}", suffix(field))
    } else if let Some(rest) = location.strip_prefix("request ") {
        let (operation, field) = rest.split_once(' ').unwrap_or((rest, ""));
        format!("the request of `{operation}`{}", suffix(field))
    } else if let Some(rest) = location.strip_prefix("operation ") {
        format!("operation `{rest}`")
    } else {
        format!("`{location}`")
    };
    format!("{}: {} ({})", capitalised(&place), change.what, change.area)
}

fn suffix(field: &str) -> String {
    if field.is_empty() {
        String::new()
    } else {
        format!(" (`{field}`)")
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The entries of a crate's public-API changes: one per item, an item's impls and members
/// left out when the item itself comes or goes (they come and go with it).
fn api_entries(changes: &[ApiChange], depended_on: bool) -> Vec<Entry> {
    let whole: Vec<String> = changes
        .iter()
        .filter(|change| change.kind != Kind::Changed)
        .filter_map(|change| change.old.as_deref().or(change.new.as_deref()))
        .map(identity)
        .filter(|identity| !identity.starts_with("impl") && !identity.starts_with("field "))
        .filter(|identity| !identity.starts_with("variant "))
        .filter_map(|identity| identity.rsplit(' ').next().map(str::to_owned))
        .collect();
    let belongs_to_whole = |line: &str| {
        let identity = identity(line);
        let path = identity.rsplit(' ').next().unwrap_or_default();
        if identity.starts_with("impl") {
            return whole
                .iter()
                .any(|item| path == item || identity.ends_with(&format!(" for {item}")));
        }
        path.rsplit_once("::")
            .is_some_and(|(owner, _)| whole.iter().any(|item| item == owner))
    };
    let mut entries = Vec::new();
    for change in changes {
        let line = change
            .new
            .as_deref()
            .or(change.old.as_deref())
            .unwrap_or("");
        let hidden_plumbing = depended_on
            && change.verdict == Verdict::Compatible
            && line.starts_with("#[doc(hidden)]");
        let level = match change.verdict {
            Verdict::Breaking => Level::Breaking,
            _ if hidden_plumbing => Level::Breaking,
            Verdict::Additive => Level::Additive,
            Verdict::Compatible => Level::Patch,
        };
        if change.kind != Kind::Changed && belongs_to_whole(line) {
            continue;
        }
        let verb = match change.kind {
            Kind::Removed => "Removed",
            Kind::Added => "Added",
            Kind::Changed => "Changed",
        };
        // The listing's mark of a generated struct is for the diff, not for readers.
        let plain = |line: &String| line.trim_end_matches(GENERATED).to_owned();
        let mut text = match (
            change.old.as_ref().map(plain),
            change.new.as_ref().map(plain),
        ) {
            (Some(old), Some(new)) => format!("{verb} `{old}`, now `{new}`"),
            (Some(line), None) | (None, Some(line)) => format!("{verb} `{line}`"),
            (None, None) => verb.to_owned(),
        };
        if hidden_plumbing {
            text.push_str(
                " (hidden, but the SDK's other crates call it: they must move with this release)",
            );
        } else if let Some(reason) = change.reason {
            text.push_str(&format!(" ({reason})"));
        }
        entries.push(Entry {
            level,
            source: Source::RustApi,
            text,
        });
    }
    entries
}
