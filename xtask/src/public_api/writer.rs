//! One listing line per item, field, variant, trait item and impl, as the `render` module's
//! table says.

use std::fmt::Write as _;

use rustdoc_types::{Attribute, Item, ItemEnum, StructKind, Type, VariantKind, Visibility};

use super::crates::{CrateSet, ItemRef, Resolved};
use super::signature::{Mention, Printer, header};

use super::line::{GENERATED, GENERATED_CRATE, HIDDEN, Line};
use super::reach::{Place, Reach, is_hidden};

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

/// `#[doc(hidden)] #[deprecated] #[non_exhaustive] `, as far as they apply.
pub(super) fn marks(item: &Item, hidden: bool) -> String {
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

pub(super) struct Writer<'a> {
    pub(super) set: &'a CrateSet,
    pub(super) reach: &'a Reach,
    pub(super) public_path: &'a dyn Fn(ItemRef) -> Option<String>,
    pub(super) lines: Vec<Line>,
}

impl Writer<'_> {
    pub(super) fn push(
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
    pub(super) fn item(&mut self, at: ItemRef, place: &Place) {
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
                        } else if self.set.crate_name(at.krate) == GENERATED_CRATE {
                            GENERATED.to_owned()
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
    pub(super) fn impl_block(&mut self, at: ItemRef, item: &Item) {
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
pub(super) fn is_plain_inherent_impl(block: &rustdoc_types::Impl) -> bool {
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
pub(super) fn value_suffix(value: Option<&String>) -> String {
    match value.map(|value| one_line(value)) {
        Some(value) if value != "_" => format!(" = {value}"),
        _ => String::new(),
    }
}

/// Text on one line, its runs of whitespace made single spaces.
pub(super) fn one_line(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "{word}");
    }
    out
}
