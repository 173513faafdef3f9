//! What the public API may not hold, however deliberately it changed: `--check` fails on it,
//! and so does writing the listing.
//!
//! - **Plumbing shown to users**: a `#[doc(hidden)]` item is public only so that other crates
//!   (generated code) reach it. All of it belongs under one module named [`PRIVATE`], which
//!   the listed crate does not re-export; anything hidden elsewhere is refused.
//! - **A type users meet but cannot name**: a signature naming an item of another documented
//!   crate at its defining path (`nexevo_api::time::ParseError`) means no public path reaches
//!   it. Re-export it where users look for it, or leave it out of the signature. A path under
//!   [`PRIVATE`] is the sealed-trait pattern (`CallOptions`' supertrait), and is allowed.
//! - **One name for two things**: two distinct items (not two paths to one item) whose names —
//!   the last segment of any path users reach them by, or the name they are defined with —
//!   are the same. A reader who meets `Model` in two places should meet one thing.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::line::HIDDEN;
pub use super::line::Named;
use super::render::Listing;

/// The one module where the items generated code needs live (`nexevo_core::__private`).
pub const PRIVATE: &str = "__private";

/// Something the public API may not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A `#[doc(hidden)]` line outside the private module.
    Hidden {
        /// The listing's line.
        line: String,
    },
    /// A type a signature names at a path no user can write.
    Unnameable {
        /// The path as the listing shows it.
        path: String,
        /// The first line that names it.
        line: String,
    },
    /// Distinct items that share a name.
    SharedName {
        /// The name.
        name: String,
        /// How many items share it.
        items: usize,
        /// Every path of every item with that name, each with the name it is defined with.
        paths: Vec<String>,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Hidden { line } => write!(
                f,
                "plumbing in the public API (#[doc(hidden)] outside `{PRIVATE}`): {}",
                line.trim_start_matches(HIDDEN)
            ),
            Self::Unnameable { path, line } => write!(
                f,
                "`{path}` is named by a public signature but reached by no public path \
                 (re-export it, or leave it out of the signature): {line}"
            ),
            Self::SharedName { name, items, paths } => write!(
                f,
                "`{name}` names {items} different items: {}",
                paths.join(", ")
            ),
        }
    }
}

/// Every problem of `listing`, in a stable order.
pub fn lint(listing: &Listing) -> Vec<Problem> {
    let mut problems = hidden(listing);
    problems.extend(unnameable(listing));
    problems.extend(shared_names(&listing.names));
    problems
}

fn is_private(path: &str) -> bool {
    path.split("::").any(|segment| segment == PRIVATE)
}

fn hidden(listing: &Listing) -> Vec<Problem> {
    listing
        .lines
        .iter()
        .filter(|line| line.text.starts_with(HIDDEN) && !is_private(&line.text))
        .map(|line| Problem::Hidden {
            line: line.text.clone(),
        })
        .collect()
}

fn unnameable(listing: &Listing) -> Vec<Problem> {
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    for line in &listing.lines {
        for krate in &listing.other_crates {
            for path in paths_in(&line.text, krate) {
                if !is_private(&path) {
                    found.entry(path).or_insert_with(|| line.text.clone());
                }
            }
        }
    }
    found
        .into_iter()
        .map(|(path, line)| Problem::Unnameable { path, line })
        .collect()
}

/// The paths starting with `krate::` in `text` (a whole identifier, not the tail of one).
fn paths_in(text: &str, krate: &str) -> Vec<String> {
    let is_path_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
    let prefix = format!("{krate}::");
    let mut paths = Vec::new();
    for (at, _) in text.match_indices(&prefix) {
        let starts_identifier = text[..at]
            .chars()
            .next_back()
            .is_none_or(|before| !(before.is_ascii_alphanumeric() || before == '_'));
        if !starts_identifier {
            continue;
        }
        let rest = &text[at..];
        let end = rest.find(|c: char| !is_path_char(c)).unwrap_or(rest.len());
        paths.push(rest[..end].trim_end_matches(':').to_owned());
    }
    paths
}

fn shared_names(names: &[Named]) -> Vec<Problem> {
    // Each item's names: the last segment of each path to it, and the name it is defined with.
    let mut items: BTreeMap<&str, (BTreeSet<&str>, BTreeSet<String>)> = BTreeMap::new();
    for named in names {
        let last = named.path.rsplit("::").next().unwrap_or(&named.path);
        let (own, shown) = items.entry(&named.identity).or_default();
        own.insert(last);
        own.insert(&named.defined_as);
        shown.insert(if last == named.defined_as {
            named.path.clone()
        } else {
            format!("{} (defined as `{}`)", named.path, named.defined_as)
        });
    }
    let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (identity, (own, _)) in &items {
        for name in own {
            by_name.entry(name).or_default().push(identity);
        }
    }
    by_name
        .into_iter()
        .filter(|(name, identities)| identities.len() > 1 && *name != "*")
        .map(|(name, identities)| {
            let mut paths: Vec<String> = identities
                .iter()
                .flat_map(|identity| items[identity].1.iter().cloned())
                .collect();
            paths.sort();
            Problem::SharedName {
                name: name.to_owned(),
                items: identities.len(),
                paths,
            }
        })
        .collect()
}
