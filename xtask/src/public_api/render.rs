//! The public API of a crate as sorted text, one item per line.
//!
//! Every item is listed at the path users reach it by (`nexevo::billing::Balance`, however
//! many crates it was re-exported through), and a signature names each type by such a path
//! too. An item reachable by several paths is listed in full at one (the shortest that is not
//! `#[doc(hidden)]`, then the first by name) and the others are `pub use OTHER = PATH` lines.
//! A type that a signature names but no public path reaches keeps its defining path
//! (`nexevo_api::…`): users can hold one but not name it.
//!
//! Lines, each prefixed with `#[doc(hidden)]`, `#[deprecated]` and `#[non_exhaustive]` where
//! they apply (an item under a hidden module or type, or re-exported by a hidden `use`, is
//! hidden too):
//!
//! | line | for |
//! |---|---|
//! | `pub mod P` | a module |
//! | `pub struct P<T>`, `… { /* private fields */ }`, `…(pub T, _)`, `…;` | a struct, by its shape |
//! | `field P::name: T` | a public field of a struct or union |
//! | `pub enum P`, `variant P::V(T)` | an enum and each variant |
//! | `pub fn P(…) -> R`, `pub fn Type::method(…)` | a function, an inherent method |
//! | `pub trait P: Bounds`, `trait fn P::f(…)` (`{ .. }` when it has a default), `trait type P::T`, `trait const P::C` | a trait and its items |
//! | `pub type P = T`, `pub const P: T = v`, `pub static P: T`, `pub macro P!` | the rest |
//! | `impl<T> Trait for Type { type Output = X; }` | a trait impl, with its associated types and constants |
//! | `impl<T: Bound> Type<T>` | an inherent impl with bounds (its methods carry no bounds of their own) |
//! | `pub use P = crate::path` | a re-export of an item outside the documented crates, or another path to a listed item |
//!
//! Trait impls are those the documented crates write or derive, and the auto traits `Send`,
//! `Sync` and `Unpin` (rustdoc works those out); blanket impls (`impl<T> From<T> for T`) and
//! the unwind-safety auto traits are left out.

use std::collections::{BTreeMap, BTreeSet};

use super::crates::{CrateSet, ItemRef};
use super::line::{HIDDEN, Line, Named};
use super::reach::{Place, Reach, Target};
use super::writer::Writer;

/// The public API of a crate.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// The crate's name.
    pub crate_name: String,
    /// Its lines, sorted.
    pub lines: Vec<Line>,
    /// Every path users reach an item by, with what the item is, for [`super::lint`].
    pub names: Vec<Named>,
    /// The other documented crates (`nexevo_core`): a signature naming a path in one names a
    /// type no public path reaches.
    pub other_crates: Vec<String>,
    /// The other documented crates whose items this API shows, re-exported or named in a
    /// signature: a breaking release of one is a breaking release of this crate.
    pub shows: Vec<String>,
}

/// How a listing's header names the crates whose items it shows.
pub const SHOWS: &str = "# Shows items of: ";

/// The crates whose items a listing file's text shows, as its header names them.
pub fn shows(listing: &str) -> Vec<String> {
    listing
        .lines()
        .take_while(|line| line.starts_with('#'))
        .find_map(|line| line.strip_prefix(SHOWS))
        .map(|names| {
            names
                .trim_end_matches('.')
                .split(", ")
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

impl Listing {
    /// The listing as the file holds it: a header saying what it is and how it is kept, then
    /// one line per item.
    pub fn text(&self) -> String {
        let mut out = format!(
            "# The public API of `{}` with all its features, one item per line, from rustdoc's JSON.\n\
             # `cargo xtask public-api` writes it, `--check` (run by CI) fails when it is stale, and\n\
             # `--diff OLD [NEW]` says which changes between two listings break users.\n",
            self.crate_name
        );
        if !self.shows.is_empty() {
            out.push_str(SHOWS);
            out.push_str(&self.shows.join(", "));
            out.push_str(".\n");
        }
        for line in &self.lines {
            out.push_str(&line.text);
            out.push('\n');
        }
        out
    }

    /// How many lines of each kind, and of those how many are `#[doc(hidden)]`.
    pub fn counts(&self) -> BTreeMap<&'static str, (usize, usize)> {
        let mut counts = BTreeMap::new();
        for line in &self.lines {
            let entry: &mut (usize, usize) = counts.entry(line.kind).or_default();
            entry.0 += 1;
            if line.text.starts_with(HIDDEN) {
                entry.1 += 1;
            }
        }
        counts
    }
}

/// Lists the public API of the first crate of `set`.
pub fn render(set: &CrateSet) -> Listing {
    let mut reach = Reach::default();
    let root = set.root();
    let root_path = vec![set.crate_name(root.krate).to_owned()];
    reach.paths.entry(root).or_default().push(Place {
        path: root_path.clone(),
        hidden: false,
    });
    reach.walk(set, root, &root_path, false, &mut vec![root]);
    for places in reach.paths.values_mut() {
        places.sort_by(|a, b| {
            (a.hidden, a.path.len(), &a.path).cmp(&(b.hidden, b.path.len(), &b.path))
        });
        places.dedup_by(|later, first| later.path == first.path);
    }
    let public_path = |item: ItemRef| {
        reach
            .paths
            .get(&item)
            .and_then(|places| places.first())
            .map(|place| place.path.join("::"))
    };
    let mut writer = Writer {
        set,
        reach: &reach,
        public_path: &public_path,
        lines: Vec::new(),
    };
    for (item, places) in &reach.paths {
        let Some((primary, aliases)) = places.split_first() else {
            continue;
        };
        writer.item(*item, primary);
        for alias in aliases {
            writer.push(
                alias.path.clone(),
                0,
                "",
                "re-export",
                format!(
                    "{}pub use {} = {}",
                    if alias.hidden { HIDDEN } else { "" },
                    alias.path.join("::"),
                    primary.path.join("::")
                ),
            );
        }
    }
    let mut names = Vec::new();
    for (item, places) in &reach.paths {
        let defined_as = set
            .item(*item)
            .and_then(|found| found.name.clone())
            .unwrap_or_default();
        for place in places {
            names.push(Named {
                identity: format!("{}:{:?}", item.krate, item.id),
                path: place.path.join("::"),
                defined_as: defined_as.clone(),
            });
        }
    }
    for (place, target) in &reach.elsewhere {
        if let Target::Elsewhere(path) = target {
            names.push(Named {
                identity: path.clone(),
                path: place.path.join("::"),
                defined_as: path.rsplit("::").next().unwrap_or(path).to_owned(),
            });
        }
    }
    for (place, target) in &reach.elsewhere {
        let target = match target {
            Target::Elsewhere(path) => path.clone(),
            Target::Variant { enumeration, name } => format!(
                "{}::{name}",
                public_path(*enumeration)
                    .unwrap_or_else(|| set.defining_path(*enumeration).join("::"))
            ),
            Target::Item(_) => continue,
        };
        writer.push(
            place.path.clone(),
            0,
            "",
            "re-export",
            format!(
                "{}pub use {} = {target}",
                if place.hidden { HIDDEN } else { "" },
                place.path.join("::")
            ),
        );
    }
    for (at, item) in set.impls() {
        writer.impl_block(at, item);
    }
    let mut lines = writer.lines;
    lines.sort();
    lines.dedup_by(|a, b| a.text == b.text);
    names.sort();
    let other_crates: Vec<String> = (0..set.len())
        .filter(|krate| *krate != root.krate)
        .map(|krate| set.crate_name(krate).to_owned())
        .collect();
    let reached: BTreeSet<&str> = reach
        .paths
        .keys()
        .map(|item| set.crate_name(item.krate))
        .collect();
    let mut shows: Vec<String> = other_crates
        .iter()
        .filter(|name| {
            reached.contains(name.as_str()) || lines.iter().any(|line| mentions(&line.text, name))
        })
        .cloned()
        .collect();
    shows.sort();
    Listing {
        crate_name: set.crate_name(root.krate).to_owned(),
        lines,
        names,
        other_crates,
        shows,
    }
}

/// Whether `text` names a path in the crate `name` (`nexevo_api::…`, not `xnexevo_api::…`).
fn mentions(text: &str, name: &str) -> bool {
    let named = format!("{name}::");
    text.match_indices(&named).any(|(at, _)| {
        !text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}
