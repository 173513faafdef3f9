//! The documented crates together, so an id in one crate's JSON can be followed into another's.

use std::collections::HashMap;

use anyhow::{Result, bail};
use rustdoc_types::{Crate, Id, Item, ItemKind, ItemSummary};

/// An item in one of the documented crates: the crate's position in the [`CrateSet`] and the
/// item's id in that crate's JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemRef {
    /// The crate, by position in the set.
    pub krate: usize,
    /// The item's id in that crate's JSON.
    pub id: Id,
}

/// What an id in a crate's JSON refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// An item of one of the documented crates.
    Item(ItemRef),
    /// An item the documented crates cannot show: a crate outside the set (std, serde, …) or a
    /// private item; its defining path.
    Elsewhere {
        /// The path where it is defined (`core::option::Option`).
        path: Vec<String>,
        /// Its kind.
        kind: ItemKind,
    },
    /// An id rustdoc names no item for.
    Unknown,
}

/// The documented crates.
pub struct CrateSet {
    crates: Vec<Crate>,
    names: Vec<String>,
    /// For each crate, its items by their defining path.
    by_path: Vec<HashMap<Vec<String>, Id>>,
    /// The crate whose API is listed, by position.
    listed: usize,
}

impl CrateSet {
    /// The set of `crates`, the first being the one whose API is listed (until
    /// [`CrateSet::list`] names another).
    pub fn new(crates: Vec<Crate>) -> Result<Self> {
        if crates.is_empty() {
            bail!("no crate to list");
        }
        let mut names = Vec::new();
        let mut by_path = Vec::new();
        for krate in &crates {
            let Some(name) = krate
                .index
                .get(&krate.root)
                .and_then(|root| root.name.clone())
            else {
                bail!("a rustdoc JSON file without its root module");
            };
            names.push(name);
            by_path.push(
                krate
                    .paths
                    .iter()
                    .filter(|(_, summary)| summary.crate_id == 0)
                    .map(|(id, summary)| (summary.path.clone(), *id))
                    .collect(),
            );
        }
        Ok(Self {
            crates,
            names,
            by_path,
            listed: 0,
        })
    }

    /// Makes the crate named `name` (`nexevo_billing`) the one whose API is listed: the others
    /// are where its re-exports lead.
    pub fn list(&mut self, name: &str) -> Result<()> {
        let Some(at) = self.names.iter().position(|known| known == name) else {
            bail!(
                "{name} is not among the documented crates: {:?}",
                self.names
            );
        };
        self.listed = at;
        Ok(())
    }

    /// The root module of the listed crate.
    pub fn root(&self) -> ItemRef {
        ItemRef {
            krate: self.listed,
            id: self.crates[self.listed].root,
        }
    }

    /// How many crates the set holds.
    pub fn len(&self) -> usize {
        self.crates.len()
    }

    /// Whether the set holds no crate (never: [`CrateSet::new`] refuses an empty one).
    pub fn is_empty(&self) -> bool {
        self.crates.is_empty()
    }

    /// The name of the crate at `krate` (`nexevo_core`).
    pub fn crate_name(&self, krate: usize) -> &str {
        &self.names[krate]
    }

    /// The item `item` refers to, if its crate documented it.
    pub fn item(&self, item: ItemRef) -> Option<&Item> {
        self.crates
            .get(item.krate)
            .and_then(|krate| krate.index.get(&item.id))
            .filter(|found| found.crate_id == 0)
    }

    /// What `id`, as it appears in the JSON of the crate at `krate`, refers to.
    pub fn resolve(&self, krate: usize, id: Id) -> Resolved {
        let own = &self.crates[krate];
        if let Some(item) = own.index.get(&id)
            && item.crate_id == 0
        {
            return Resolved::Item(ItemRef { krate, id });
        }
        let Some(ItemSummary {
            crate_id,
            path,
            kind,
        }) = own.paths.get(&id)
        else {
            return Resolved::Unknown;
        };
        if *crate_id != 0
            && let Some(external) = own.external_crates.get(crate_id)
            && let Some(other) = self.names.iter().position(|name| *name == external.name)
            && let Some(found) = self.by_path[other].get(path)
            && self.crates[other].index.contains_key(found)
        {
            return Resolved::Item(ItemRef {
                krate: other,
                id: *found,
            });
        }
        Resolved::Elsewhere {
            path: path.clone(),
            kind: *kind,
        }
    }

    /// Where `item` is defined (`nexevo_core::client::Client`), for an item no public path reaches.
    pub fn defining_path(&self, item: ItemRef) -> Vec<String> {
        self.crates[item.krate]
            .paths
            .get(&item.id)
            .map(|summary| summary.path.clone())
            .unwrap_or_else(|| {
                let name = self
                    .item(item)
                    .and_then(|found| found.name.clone())
                    .unwrap_or_else(|| "_".to_owned());
                vec![self.names[item.krate].clone(), name]
            })
    }

    /// Every impl block the crates document, with the crate it is in.
    pub fn impls(&self) -> impl Iterator<Item = (ItemRef, &Item)> {
        self.crates.iter().enumerate().flat_map(|(krate, json)| {
            json.index.iter().filter_map(move |(id, item)| {
                (item.crate_id == 0 && matches!(item.inner, rustdoc_types::ItemEnum::Impl(_)))
                    .then_some((ItemRef { krate, id: *id }, item))
            })
        })
    }
}
