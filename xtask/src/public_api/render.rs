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

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use rustdoc_types::{
    Attribute, Item, ItemEnum, ItemKind, StructKind, Type, VariantKind, Visibility,
};

use super::crates::{CrateSet, ItemRef, Resolved};
use super::signature::{Mention, Printer, header};

/// The auto traits listed (by their defining path): those users rely on to move and share values.
const LISTED_AUTO_TRAITS: &[&str] = &[
    "core::marker::Send",
    "core::marker::Sync",
    "core::marker::Unpin",
];

/// Traits that derives implement as a by-product, which users cannot name on stable Rust.
const DERIVE_BY_PRODUCTS: &[&str] = &[
    "core::marker::StructuralPartialEq",
    "core::clone::TrivialClone",
];

/// One line of the listing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Line {
    /// The path of the item the line belongs to (a field's is its struct's).
    anchor: Vec<String>,
    /// Where among the lines of its anchor: the item, its members, inherent impls, trait impls.
    group: u8,
    /// The member's name, to keep an item's members in name order.
    member: String,
    /// The line.
    pub text: String,
    /// What kind of item it lists, for counting (`function`, `trait impl`).
    pub kind: &'static str,
}

/// The public API of a crate.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// The crate's name.
    pub crate_name: String,
    /// Its lines, sorted.
    pub lines: Vec<Line>,
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

/// How a line marks a `#[doc(hidden)]` item.
const HIDDEN: &str = "#[doc(hidden)] ";

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
    Listing {
        crate_name: set.crate_name(root.krate).to_owned(),
        lines,
    }
}

/// A public path to an item.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    path: Vec<String>,
    /// Whether the item, a module or type above it, or a `use` on the way is `#[doc(hidden)]`.
    hidden: bool,
}

/// Every public path of every item the listed crate's root reaches.
#[derive(Default)]
struct Reach {
    paths: BTreeMap<ItemRef, Vec<Place>>,
    /// Re-exports of what is not an item to list: an item outside the documented crates, a
    /// variant.
    elsewhere: Vec<(Place, Target)>,
}

/// Which of Rust's namespaces a name lives in: a glob import is shadowed per namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Namespace {
    Type,
    Value,
    Macro,
}

/// What a name in a module refers to.
#[derive(Debug, Clone)]
enum Target {
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
struct Binding {
    name: String,
    namespace: Namespace,
    target: Target,
    hidden: bool,
}

impl Reach {
    fn walk(
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
fn bindings(set: &CrateSet, module: ItemRef, expanding: &mut Vec<ItemRef>) -> Vec<Binding> {
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
fn variant_bindings(set: &CrateSet, enumeration: ItemRef, hidden: bool) -> Vec<Binding> {
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

fn namespace_of_item(inner: &ItemEnum) -> Namespace {
    match inner {
        ItemEnum::Function(_) | ItemEnum::Constant { .. } | ItemEnum::Static(_) => Namespace::Value,
        ItemEnum::Macro(_) | ItemEnum::ProcMacro(_) => Namespace::Macro,
        _ => Namespace::Type,
    }
}

fn namespace_of_kind(kind: ItemKind) -> Namespace {
    match kind {
        ItemKind::Function | ItemKind::Constant | ItemKind::Static | ItemKind::Variant => {
            Namespace::Value
        }
        ItemKind::Macro | ItemKind::ProcAttribute | ItemKind::ProcDerive => Namespace::Macro,
        _ => Namespace::Type,
    }
}

fn is_hidden(item: &Item) -> bool {
    item.attrs
        .iter()
        .any(|attr| matches!(attr, Attribute::Other(text) if text.replace(' ', "").starts_with("#[doc(hidden")))
}

/// `#[doc(hidden)] #[deprecated] #[non_exhaustive] `, as far as they apply.
fn marks(item: &Item, hidden: bool) -> String {
    let mut out = String::new();
    if hidden || is_hidden(item) {
        out.push_str(HIDDEN);
    }
    if item.deprecation.is_some() {
        out.push_str("#[deprecated] ");
    }
    if item.attrs.contains(&Attribute::NonExhaustive) {
        out.push_str("#[non_exhaustive] ");
    }
    out
}

struct Writer<'a> {
    set: &'a CrateSet,
    reach: &'a Reach,
    public_path: &'a dyn Fn(ItemRef) -> Option<String>,
    lines: Vec<Line>,
}

impl Writer<'_> {
    fn push(
        &mut self,
        anchor: Vec<String>,
        group: u8,
        member: &str,
        kind: &'static str,
        text: String,
    ) {
        self.lines.push(Line {
            anchor,
            group,
            member: member.to_owned(),
            text,
            kind,
        });
    }

    fn printer(&self, krate: usize) -> Printer<'_> {
        Printer::new(self.set, self.public_path, krate)
    }

    fn is_public_and_hidden(&self, item: ItemRef) -> Option<bool> {
        self.reach
            .paths
            .get(&item)
            .and_then(|places| places.first())
            .map(|place| place.hidden)
    }

    /// The lines of one item at its public path.
    fn item(&mut self, at: ItemRef, place: &Place) {
        let Some(item) = self.set.item(at) else {
            return;
        };
        let path = place.path.join("::");
        let anchor = place.path.clone();
        let marks = marks(item, place.hidden);
        let mut printer = self.printer(at.krate);
        let (kind, text) = match &item.inner {
            ItemEnum::Module(_) => ("module", format!("{marks}pub mod {path}")),
            ItemEnum::Struct(structure) => {
                let generics = printer.generic_params(&structure.generics);
                let where_clause = printer.where_clause(&structure.generics);
                let shape = match &structure.kind {
                    StructKind::Unit => ";".to_owned(),
                    StructKind::Tuple(fields) => self.tuple_fields(at.krate, fields, true),
                    StructKind::Plain {
                        fields,
                        has_stripped_fields,
                    } => {
                        self.fields(at.krate, fields, &anchor, place.hidden);
                        if *has_stripped_fields {
                            " { /* private fields */ }".to_owned()
                        } else {
                            String::new()
                        }
                    }
                };
                (
                    "struct",
                    format!("{marks}pub struct {path}{generics}{shape}{where_clause}"),
                )
            }
            ItemEnum::Union(union) => {
                let generics = printer.generic_params(&union.generics);
                let where_clause = printer.where_clause(&union.generics);
                self.fields(at.krate, &union.fields, &anchor, place.hidden);
                let shape = if union.has_stripped_fields {
                    " { /* private fields */ }"
                } else {
                    ""
                };
                (
                    "union",
                    format!("{marks}pub union {path}{generics}{shape}{where_clause}"),
                )
            }
            ItemEnum::Enum(enumeration) => {
                let generics = printer.generic_params(&enumeration.generics);
                let where_clause = printer.where_clause(&enumeration.generics);
                for variant in &enumeration.variants {
                    self.variant(
                        ItemRef {
                            krate: at.krate,
                            id: *variant,
                        },
                        &anchor,
                        place.hidden,
                    );
                }
                (
                    "enum",
                    format!("{marks}pub enum {path}{generics}{where_clause}"),
                )
            }
            ItemEnum::Function(function) => (
                "function",
                format!(
                    "{marks}pub {}fn {path}{}{}{}",
                    header(&function.header),
                    printer.generic_params(&function.generics),
                    printer.signature(&function.sig),
                    printer.where_clause(&function.generics)
                ),
            ),
            ItemEnum::Trait(trait_) => {
                let generics = printer.generic_params(&trait_.generics);
                let bounds = if trait_.bounds.is_empty() {
                    String::new()
                } else {
                    format!(": {}", printer.bounds(&trait_.bounds))
                };
                let where_clause = printer.where_clause(&trait_.generics);
                for member in &trait_.items {
                    self.trait_item(
                        ItemRef {
                            krate: at.krate,
                            id: *member,
                        },
                        &anchor,
                        place.hidden,
                    );
                }
                (
                    "trait",
                    format!(
                        "{marks}pub {}{}trait {path}{generics}{bounds}{where_clause}",
                        if trait_.is_unsafe { "unsafe " } else { "" },
                        if trait_.is_auto { "auto " } else { "" }
                    ),
                )
            }
            ItemEnum::TraitAlias(alias) => (
                "trait alias",
                format!(
                    "{marks}pub trait {path}{} = {}{}",
                    printer.generic_params(&alias.generics),
                    printer.bounds(&alias.params),
                    printer.where_clause(&alias.generics)
                ),
            ),
            ItemEnum::TypeAlias(alias) => (
                "type alias",
                format!(
                    "{marks}pub type {path}{}{} = {}",
                    printer.generic_params(&alias.generics),
                    printer.where_clause(&alias.generics),
                    printer.ty(&alias.type_)
                ),
            ),
            ItemEnum::Constant { type_, const_ } => {
                let value = if const_.is_literal {
                    const_.expr.clone()
                } else {
                    const_.value.clone().unwrap_or_else(|| const_.expr.clone())
                };
                (
                    "constant",
                    format!(
                        "{marks}pub const {path}: {}{}",
                        printer.ty(type_),
                        value_suffix(Some(&value))
                    ),
                )
            }
            ItemEnum::Static(static_) => (
                "static",
                format!(
                    "{marks}pub {}static {}{path}: {}",
                    if static_.is_unsafe { "unsafe " } else { "" },
                    if static_.is_mutable { "mut " } else { "" },
                    printer.ty(&static_.type_)
                ),
            ),
            ItemEnum::Macro(_) => ("macro", format!("{marks}pub macro {path}!")),
            ItemEnum::ProcMacro(proc_macro) => (
                "macro",
                format!("{marks}pub proc macro {path} ({:?})", proc_macro.kind),
            ),
            ItemEnum::ExternCrate { name, .. } => {
                ("re-export", format!("{marks}pub use {path} = {name}"))
            }
            ItemEnum::Primitive(_) => ("primitive", format!("{marks}pub primitive {path}")),
            ItemEnum::ExternType => ("extern type", format!("{marks}pub extern type {path}")),
            ItemEnum::Use(_)
            | ItemEnum::Impl(_)
            | ItemEnum::StructField(_)
            | ItemEnum::Variant(_)
            | ItemEnum::AssocConst { .. }
            | ItemEnum::AssocType { .. } => return,
        };
        self.push(anchor, 0, "", kind, text);
    }

    /// `(pub T, _)`: a tuple's fields, `_` for a private one.
    fn tuple_fields(
        &self,
        krate: usize,
        fields: &[Option<rustdoc_types::Id>],
        public: bool,
    ) -> String {
        let mut printer = self.printer(krate);
        let parts: Vec<String> = fields
            .iter()
            .map(|field| {
                let field = field.and_then(|id| self.set.item(ItemRef { krate, id }));
                match field {
                    Some(Item {
                        inner: ItemEnum::StructField(ty),
                        visibility,
                        ..
                    }) if !public || *visibility == Visibility::Public => {
                        let visibility = if public { "pub " } else { "" };
                        format!("{visibility}{}", printer.ty(ty))
                    }
                    _ => "_".to_owned(),
                }
            })
            .collect();
        format!("({})", parts.join(", "))
    }

    fn fields(
        &mut self,
        krate: usize,
        fields: &[rustdoc_types::Id],
        owner: &[String],
        hidden: bool,
    ) {
        for id in fields {
            let Some(field) = self.set.item(ItemRef { krate, id: *id }) else {
                continue;
            };
            let ItemEnum::StructField(ty) = &field.inner else {
                continue;
            };
            if field.visibility != Visibility::Public {
                continue;
            }
            let name = field.name.clone().unwrap_or_default();
            let text = format!(
                "{}field {}::{name}: {}",
                marks(field, hidden),
                owner.join("::"),
                self.printer(krate).ty(ty)
            );
            self.push(owner.to_vec(), 1, &name, "struct field", text);
        }
    }

    fn variant(&mut self, at: ItemRef, owner: &[String], hidden: bool) {
        let Some(variant) = self.set.item(at) else {
            return;
        };
        let ItemEnum::Variant(inner) = &variant.inner else {
            return;
        };
        let name = variant.name.clone().unwrap_or_default();
        let shape = match &inner.kind {
            VariantKind::Plain => String::new(),
            VariantKind::Tuple(fields) => self.tuple_fields(at.krate, fields, false),
            VariantKind::Struct {
                fields,
                has_stripped_fields,
            } => {
                let mut printer = self.printer(at.krate);
                let mut parts: Vec<String> = fields
                    .iter()
                    .filter_map(|id| {
                        self.set.item(ItemRef {
                            krate: at.krate,
                            id: *id,
                        })
                    })
                    .filter_map(|field| match &field.inner {
                        ItemEnum::StructField(ty) => Some(format!(
                            "{}: {}",
                            field.name.clone().unwrap_or_default(),
                            printer.ty(ty)
                        )),
                        _ => None,
                    })
                    .collect();
                if *has_stripped_fields {
                    parts.push("..".to_owned());
                }
                format!(" {{ {} }}", parts.join(", "))
            }
        };
        let discriminant = inner
            .discriminant
            .as_ref()
            .map(|discriminant| format!(" = {}", discriminant.expr))
            .unwrap_or_default();
        let text = format!(
            "{}variant {}::{name}{shape}{discriminant}",
            marks(variant, hidden),
            owner.join("::")
        );
        self.push(owner.to_vec(), 1, &name, "enum variant", text);
    }

    fn trait_item(&mut self, at: ItemRef, owner: &[String], hidden: bool) {
        let Some(member) = self.set.item(at) else {
            return;
        };
        let name = member.name.clone().unwrap_or_default();
        let path = format!("{}::{name}", owner.join("::"));
        let marks = marks(member, hidden);
        let mut printer = self.printer(at.krate);
        let text = match &member.inner {
            ItemEnum::Function(function) => format!(
                "{marks}trait {}fn {path}{}{}{}{}",
                header(&function.header),
                printer.generic_params(&function.generics),
                printer.signature(&function.sig),
                printer.where_clause(&function.generics),
                if function.has_body { " { .. }" } else { "" }
            ),
            ItemEnum::AssocType {
                generics,
                bounds,
                type_,
            } => {
                let mut text = format!(
                    "{marks}trait type {path}{}",
                    printer.generic_params(generics)
                );
                if !bounds.is_empty() {
                    text.push_str(&format!(": {}", printer.bounds(bounds)));
                }
                text.push_str(&printer.where_clause(generics));
                if let Some(default) = type_ {
                    text.push_str(&format!(" = {}", printer.ty(default)));
                }
                text
            }
            ItemEnum::AssocConst { type_, value } => {
                format!(
                    "{marks}trait const {path}: {}{}",
                    printer.ty(type_),
                    value_suffix(value.as_ref())
                )
            }
            _ => return,
        };
        self.push(owner.to_vec(), 1, &name, "trait item", text);
    }

    /// An impl block's lines, under the public item it is about; none for an impl users
    /// cannot reach (on a private type, of a private trait) or one listed by policy.
    fn impl_block(&mut self, at: ItemRef, item: &Item) {
        let ItemEnum::Impl(block) = &item.inner else {
            return;
        };
        if block.blanket_impl.is_some() {
            return;
        }
        let trait_path =
            block
                .trait_
                .as_ref()
                .map(|trait_| match self.set.resolve(at.krate, trait_.id) {
                    Resolved::Elsewhere { path, .. } => path.join("::"),
                    _ => String::new(),
                });
        if let Some(trait_path) = &trait_path {
            if block.is_synthetic && !LISTED_AUTO_TRAITS.contains(&trait_path.as_str()) {
                return;
            }
            if DERIVE_BY_PRODUCTS.contains(&trait_path.as_str()) {
                return;
            }
        }
        let mut printer = self.printer(at.krate);
        let self_type = printer.ty(&block.for_);
        let self_mentions = std::mem::take(&mut printer.mentions);
        if self_mentions
            .iter()
            .any(|mention| matches!(mention, Mention::Private(_)))
        {
            return;
        }
        let trait_text = block.trait_.as_ref().map(|trait_| printer.path(trait_));
        let trait_mentions = std::mem::take(&mut printer.mentions);
        if matches!(trait_mentions.first(), Some(Mention::Private(_))) {
            return;
        }
        let generics = printer.generic_params(&block.generics);
        let where_clause = printer.where_clause(&block.generics);
        let other_mentions = std::mem::take(&mut printer.mentions);
        let Some(anchor) = self_mentions
            .iter()
            .chain(&trait_mentions)
            .chain(&other_mentions)
            .find_map(|mention| match mention {
                Mention::Public(item) => Some(*item),
                Mention::Private(_) => None,
            })
        else {
            return;
        };
        let Some(anchor_path) = self
            .reach
            .paths
            .get(&anchor)
            .and_then(|places| places.first())
            .map(|place| place.path.clone())
        else {
            return;
        };
        let trait_hidden = match trait_mentions.first() {
            Some(Mention::Public(trait_)) => self.is_public_and_hidden(*trait_).unwrap_or(false),
            _ => false,
        };
        let hidden =
            is_hidden(item) || trait_hidden || self.is_public_and_hidden(anchor).unwrap_or(false);
        match trait_text {
            None => self.inherent_impl(
                at,
                block,
                &anchor_path,
                hidden,
                &generics,
                &self_type,
                &where_clause,
            ),
            Some(trait_text) => {
                let mut associated = Vec::new();
                for member in &block.items {
                    let Some(member) = self.set.item(ItemRef {
                        krate: at.krate,
                        id: *member,
                    }) else {
                        continue;
                    };
                    let name = member.name.clone().unwrap_or_default();
                    let mut printer = self.printer(at.krate);
                    match &member.inner {
                        ItemEnum::AssocType {
                            type_: Some(ty), ..
                        } => associated.push(format!("type {name} = {};", printer.ty(ty))),
                        ItemEnum::AssocConst { type_, value } => associated.push(format!(
                            "const {name}: {}{};",
                            printer.ty(type_),
                            value_suffix(value.as_ref())
                        )),
                        _ => {}
                    }
                }
                let associated = if associated.is_empty() {
                    String::new()
                } else {
                    format!(" {{ {} }}", associated.join(" "))
                };
                let text = format!(
                    "{}{}impl{generics} {}{trait_text} for {self_type}{where_clause}{associated}",
                    if hidden { HIDDEN } else { "" },
                    if block.is_unsafe { "unsafe " } else { "" },
                    if block.is_negative { "!" } else { "" },
                );
                self.push(anchor_path, 3, &trait_text, "trait impl", text);
            }
        }
    }

    #[allow(clippy::too_many_arguments)] // the parts of one impl header, already printed
    fn inherent_impl(
        &mut self,
        at: ItemRef,
        block: &rustdoc_types::Impl,
        anchor: &[String],
        hidden: bool,
        generics: &str,
        self_type: &str,
        where_clause: &str,
    ) {
        let owner = anchor.join("::");
        if !is_plain_inherent_impl(block) {
            let text = format!(
                "{}impl{generics} {self_type}{where_clause}",
                if hidden { HIDDEN } else { "" }
            );
            self.push(anchor.to_vec(), 2, "", "inherent impl", text);
        }
        for id in &block.items {
            let Some(member) = self.set.item(ItemRef {
                krate: at.krate,
                id: *id,
            }) else {
                continue;
            };
            if member.visibility != Visibility::Public {
                continue;
            }
            let name = member.name.clone().unwrap_or_default();
            let marks = marks(member, hidden);
            let mut printer = self.printer(at.krate);
            let (kind, text) = match &member.inner {
                ItemEnum::Function(function) => (
                    "method",
                    format!(
                        "{marks}pub {}fn {owner}::{name}{}{}{}",
                        header(&function.header),
                        printer.generic_params(&function.generics),
                        printer.signature(&function.sig),
                        printer.where_clause(&function.generics)
                    ),
                ),
                ItemEnum::AssocConst { type_, value } => (
                    "associated item",
                    format!(
                        "{marks}pub const {owner}::{name}: {}{}",
                        printer.ty(type_),
                        value_suffix(value.as_ref())
                    ),
                ),
                ItemEnum::AssocType {
                    type_: Some(ty), ..
                } => (
                    "associated item",
                    format!("{marks}pub type {owner}::{name} = {}", printer.ty(ty)),
                ),
                _ => continue,
            };
            self.push(anchor.to_vec(), 2, &name, kind, text);
        }
    }
}

/// Whether an inherent impl adds nothing to its methods' signatures: `impl<T> Type<T>` with
/// the type's own parameters, unbounded.
fn is_plain_inherent_impl(block: &rustdoc_types::Impl) -> bool {
    if !block.generics.where_predicates.is_empty() {
        return false;
    }
    let unbounded = block.generics.params.iter().all(|param| match &param.kind {
        rustdoc_types::GenericParamDefKind::Lifetime { outlives } => outlives.is_empty(),
        rustdoc_types::GenericParamDefKind::Type { bounds, .. } => bounds.is_empty(),
        rustdoc_types::GenericParamDefKind::Const { .. } => true,
    });
    let Type::ResolvedPath(path) = &block.for_ else {
        return false;
    };
    let args: Vec<String> = match path.args.as_deref() {
        None => Vec::new(),
        Some(rustdoc_types::GenericArgs::AngleBracketed { args, constraints })
            if constraints.is_empty() =>
        {
            args.iter()
                .map(|arg| match arg {
                    rustdoc_types::GenericArg::Lifetime(name) => name.clone(),
                    rustdoc_types::GenericArg::Type(Type::Generic(name)) => name.clone(),
                    _ => String::new(),
                })
                .collect()
        }
        Some(_) => return false,
    };
    let params: Vec<&str> = block
        .generics
        .params
        .iter()
        .map(|param| param.name.as_str())
        .collect();
    unbounded && args.iter().map(String::as_str).eq(params)
}

/// ` = value` for a constant whose value rustdoc shows, or nothing (rustdoc writes `_` for a
/// value it does not show).
fn value_suffix(value: Option<&String>) -> String {
    match value.map(|value| one_line(value)) {
        Some(value) if value != "_" => format!(" = {value}"),
        _ => String::new(),
    }
}

/// Text on one line, its runs of whitespace made single spaces.
fn one_line(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "{word}");
    }
    out
}
