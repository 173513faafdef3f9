//! Which public paths reach each item of the listed crate: its root's modules walked, `use`s
//! followed across crates, globs expanded behind a module's own names.

use std::collections::{BTreeMap, HashSet};

use rustdoc_types::{Attribute, Item, ItemEnum, ItemKind, Visibility};

use super::crates::{CrateSet, ItemRef, Resolved};

/// A public path to an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Place {
    pub(super) path: Vec<String>,
    /// Whether the item, a module or type above it, or a `use` on the way is `#[doc(hidden)]`.
    pub(super) hidden: bool,
}

/// Every public path of every item the listed crate's root reaches.
#[derive(Default)]
pub(super) struct Reach {
    pub(super) paths: BTreeMap<ItemRef, Vec<Place>>,
    /// Re-exports of what is not an item to list: an item outside the documented crates, a
    /// variant.
    pub(super) elsewhere: Vec<(Place, Target)>,
}

/// Which of Rust's namespaces a name lives in: a glob import is shadowed per namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Namespace {
    Type,
    Value,
    Macro,
}

/// What a name in a module refers to.
#[derive(Debug, Clone)]
pub(super) enum Target {
    Item(ItemRef),
    /// An item outside the documented crates, by its defining path.
    Elsewhere(String),
    /// A variant of an enum, re-exported by a glob over the enum.
    Variant {
        enumeration: ItemRef,
        name: String,
    },
}

/// A name a module makes public.
#[derive(Debug, Clone)]
pub(super) struct Binding {
    pub(super) name: String,
    pub(super) namespace: Namespace,
    pub(super) target: Target,
    pub(super) hidden: bool,
}

impl Reach {
    pub(super) fn walk(
        &mut self,
        set: &CrateSet,
        module: ItemRef,
        prefix: &[String],
        hidden: bool,
        open: &mut Vec<ItemRef>,
    ) {
        for binding in bindings(set, module, &mut vec![module]) {
            let mut path = prefix.to_vec();
            path.push(binding.name);
            let place = Place {
                path,
                hidden: hidden || binding.hidden,
            };
            match binding.target {
                Target::Item(item) => {
                    self.paths.entry(item).or_default().push(place.clone());
                    let is_module = set
                        .item(item)
                        .is_some_and(|found| matches!(found.inner, ItemEnum::Module(_)));
                    if is_module && !open.contains(&item) {
                        open.push(item);
                        self.walk(set, item, &place.path, place.hidden, open);
                        open.pop();
                    }
                }
                target => self.elsewhere.push((place, target)),
            }
        }
    }
}

/// The public names of `module`, its `use`s resolved, globs expanded behind its own names.
pub(super) fn bindings(
    set: &CrateSet,
    module: ItemRef,
    expanding: &mut Vec<ItemRef>,
) -> Vec<Binding> {
    let Some(ItemEnum::Module(contents)) = set.item(module).map(|item| &item.inner) else {
        return Vec::new();
    };
    let mut own = Vec::new();
    let mut globbed = Vec::new();
    for id in &contents.items {
        let at = ItemRef {
            krate: module.krate,
            id: *id,
        };
        let Some(item) = set.item(at) else { continue };
        if item.visibility != Visibility::Public {
            continue;
        }
        let hidden = is_hidden(item);
        match &item.inner {
            ItemEnum::Use(import) => {
                let resolved = import
                    .id
                    .map(|id| set.resolve(module.krate, id))
                    .unwrap_or(Resolved::Unknown);
                match (import.is_glob, resolved) {
                    (true, Resolved::Item(target))
                        if matches!(
                            set.item(target),
                            Some(Item {
                                inner: ItemEnum::Enum(_),
                                ..
                            })
                        ) =>
                    {
                        globbed.extend(variant_bindings(set, target, hidden));
                    }
                    (true, Resolved::Item(target)) if !expanding.contains(&target) => {
                        expanding.push(target);
                        for binding in bindings(set, target, expanding) {
                            globbed.push(Binding {
                                hidden: binding.hidden || hidden,
                                ..binding
                            });
                        }
                        expanding.pop();
                    }
                    // A module already being expanded: its names are being bound.
                    (true, Resolved::Item(_)) => {}
                    (false, Resolved::Item(target)) => {
                        let target_item = set.item(target);
                        own.push(Binding {
                            name: import.name.clone(),
                            namespace: target_item
                                .map(|found| namespace_of_item(&found.inner))
                                .unwrap_or(Namespace::Type),
                            target: Target::Item(target),
                            hidden: hidden || target_item.is_some_and(is_hidden),
                        });
                    }
                    (is_glob, Resolved::Elsewhere { path, kind }) => {
                        let mut target = path.join("::");
                        let mut name = import.name.clone();
                        if is_glob {
                            target.push_str("::*");
                            name = "*".to_owned();
                        }
                        own.push(Binding {
                            name,
                            namespace: namespace_of_kind(kind),
                            target: Target::Elsewhere(target),
                            hidden,
                        });
                    }
                    (_, Resolved::Unknown) => own.push(Binding {
                        name: import.name.clone(),
                        namespace: Namespace::Type,
                        target: Target::Elsewhere(import.source.clone()),
                        hidden,
                    }),
                }
            }
            ItemEnum::Impl(_) => {}
            inner => own.push(Binding {
                name: item.name.clone().unwrap_or_default(),
                namespace: namespace_of_item(inner),
                target: Target::Item(at),
                hidden,
            }),
        }
    }
    let mut taken: HashSet<(String, Namespace)> = own
        .iter()
        .map(|binding| (binding.name.clone(), binding.namespace))
        .collect();
    for binding in globbed {
        if taken.insert((binding.name.clone(), binding.namespace)) {
            own.push(binding);
        }
    }
    own
}

/// The variants a `use Enum::*` binds.
pub(super) fn variant_bindings(set: &CrateSet, enumeration: ItemRef, hidden: bool) -> Vec<Binding> {
    let Some(ItemEnum::Enum(inner)) = set.item(enumeration).map(|item| &item.inner) else {
        return Vec::new();
    };
    inner
        .variants
        .iter()
        .filter_map(|id| {
            set.item(ItemRef {
                krate: enumeration.krate,
                id: *id,
            })
        })
        .filter_map(|variant| variant.name.clone())
        .map(|name| Binding {
            target: Target::Variant {
                enumeration,
                name: name.clone(),
            },
            name,
            namespace: Namespace::Value,
            hidden,
        })
        .collect()
}

pub(super) fn namespace_of_item(inner: &ItemEnum) -> Namespace {
    match inner {
        ItemEnum::Function(_) | ItemEnum::Constant { .. } | ItemEnum::Static(_) => Namespace::Value,
        ItemEnum::Macro(_) | ItemEnum::ProcMacro(_) => Namespace::Macro,
        _ => Namespace::Type,
    }
}

pub(super) fn namespace_of_kind(kind: ItemKind) -> Namespace {
    match kind {
        ItemKind::Function | ItemKind::Constant | ItemKind::Static | ItemKind::Variant => {
            Namespace::Value
        }
        ItemKind::Macro | ItemKind::ProcAttribute | ItemKind::ProcDerive => Namespace::Macro,
        _ => Namespace::Type,
    }
}

pub(super) fn is_hidden(item: &Item) -> bool {
    item.attrs
        .iter()
        .any(|attr| matches!(attr, Attribute::Other(text) if text.replace(' ', "").starts_with("#[doc(hidden")))
}
