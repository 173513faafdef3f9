//! Which areas use each generated type, so each is compiled only with them: a graph of the
//! paths each generated item names, walked from each area's operations.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, bail};
use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

use crate::codegen::model::feature_of;
use crate::spec::{SPEC_PATH, Spec, schema_areas};

/// Which areas use each generated type.
#[derive(Debug, Default)]
pub(crate) struct Gating {
    /// Areas by subject (type, or helper function of `defaults`/`error`).
    pub(crate) areas: BTreeMap<String, BTreeSet<String>>,
    /// Every area, in spec order.
    pub(crate) all_areas: Vec<String>,
}

impl Gating {
    /// Walks the graph of `items` from each area's operations: `method_refs` are the paths
    /// each area's operation methods name.
    pub(crate) fn compute(
        items: &[syn::Item],
        spec: &Spec,
        method_refs: &BTreeMap<String, BTreeSet<String>>,
    ) -> Result<Self> {
        // Nodes: every subject in the types module, including items nested in its helper
        // modules (`defaults`, `error`); edges: the identifiers each subject's items mention.
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut add = |item: &syn::Item| {
            if let Some(subject) = item_subject(item) {
                let mut named = paths_named_by_item(item);
                named.remove(&subject);
                edges.entry(subject).or_default().extend(named);
            }
        };
        for item in items {
            match item {
                syn::Item::Mod(module) => {
                    for inner in module.content.iter().flat_map(|(_, items)| items) {
                        add(inner);
                    }
                }
                other => add(other),
            }
        }
        let nodes: BTreeSet<String> = edges.keys().cloned().collect();
        let mut areas: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for area in &spec.areas {
            let mut roots: BTreeSet<String> = method_refs.get(area).cloned().unwrap_or_default();
            for op in spec.operations.iter().filter(|op| &op.area == area) {
                roots.extend(op.direct_schemas.iter().cloned());
            }
            let mut stack: Vec<String> = roots.into_iter().filter(|r| nodes.contains(r)).collect();
            let mut seen = BTreeSet::new();
            while let Some(node) = stack.pop() {
                if !seen.insert(node.clone()) {
                    continue;
                }
                areas.entry(node.clone()).or_default().insert(area.clone());
                if let Some(next) = edges.get(&node) {
                    stack.extend(
                        next.iter()
                            .filter(|n| nodes.contains(*n) && !seen.contains(*n))
                            .cloned(),
                    );
                }
            }
        }
        let used = schema_areas(spec);
        let unused: Vec<&String> = spec
            .schemas()
            .keys()
            .filter(|name| !used.contains_key(*name))
            .collect();
        if !unused.is_empty() {
            bail!(
                "{}: no operation uses components.schemas.{}; remove it or reference it",
                SPEC_PATH,
                unused
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", components.schemas.")
            );
        }
        Ok(Self {
            areas,
            all_areas: spec.areas.clone(),
        })
    }

    /// The `#[cfg]` for a set of areas; none for what every area uses (the error types, say),
    /// which is part of every build.
    pub(crate) fn cfg(&self, areas: &BTreeSet<String>) -> Option<syn::Attribute> {
        let ordered: Vec<&String> = self
            .all_areas
            .iter()
            .filter(|a| areas.contains(*a))
            .collect();
        let features: Vec<&str> = ordered.iter().map(|tag| feature_of(tag)).collect();
        match features.as_slice() {
            every if every.len() == self.all_areas.len() => None,
            [single] => Some(syn::parse_quote!(#[cfg(feature = #single)])),
            many => Some(syn::parse_quote!(#[cfg(any(#(feature = #many),*))])),
        }
    }

    /// The areas of a subject; none for an unknown one.
    pub(crate) fn areas_of(&self, subject: &str) -> BTreeSet<String> {
        self.areas.get(subject).cloned().unwrap_or_default()
    }

    /// The item with its `#[cfg]`; in a helper module (`defaults`), each item with its own and
    /// the module with their union, dropping a helper no type needs.
    pub(crate) fn apply(&self, mut item: syn::Item) -> Result<syn::Item> {
        if let syn::Item::Mod(module) = &mut item {
            let mut union = BTreeSet::new();
            if let Some((_, items)) = module.content.as_mut() {
                let mut gated = Vec::new();
                for inner in std::mem::take(items) {
                    match item_subject(&inner) {
                        Some(subject) => {
                            let areas = self.areas_of(&subject);
                            if areas.is_empty() {
                                continue; // a helper no enabled type needs: drop it
                            }
                            union.extend(areas.iter().cloned());
                            gated.push(with_attr(inner, self.cfg(&areas)));
                        }
                        None => gated.push(inner),
                    }
                }
                *items = gated;
            }
            if union.is_empty() {
                return Ok(item);
            }
            return Ok(with_attr(item, self.cfg(&union)));
        }
        match item_subject(&item) {
            Some(subject) => {
                let areas = self.areas_of(&subject);
                if areas.is_empty() {
                    bail!("generated type `{subject}` is used by no operation");
                }
                Ok(with_attr(item, self.cfg(&areas)))
            }
            None => Ok(item),
        }
    }
}

fn with_attr(mut item: syn::Item, attr: Option<syn::Attribute>) -> syn::Item {
    let Some(attr) = attr else { return item };
    let attrs = match &mut item {
        syn::Item::Struct(i) => &mut i.attrs,
        syn::Item::Enum(i) => &mut i.attrs,
        syn::Item::Type(i) => &mut i.attrs,
        syn::Item::Fn(i) => &mut i.attrs,
        syn::Item::Impl(i) => &mut i.attrs,
        syn::Item::Macro(i) => &mut i.attrs,
        syn::Item::Mod(i) => &mut i.attrs,
        syn::Item::Const(i) => &mut i.attrs,
        syn::Item::Static(i) => &mut i.attrs,
        syn::Item::Use(i) => &mut i.attrs,
        _ => return item,
    };
    attrs.insert(0, attr);
    item
}

/// The name each type-level item is about: a struct's or enum's name; for an impl, its self
/// type, or for an impl on a foreign type (`impl From<KeyId> for String`) the generated type it
/// converts; for an `open_enum_impls!` call, the enum it completes.
pub(crate) fn item_subject(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Struct(s) => Some(s.ident.to_string()),
        syn::Item::Enum(e) => Some(e.ident.to_string()),
        syn::Item::Type(t) => Some(t.ident.to_string()),
        syn::Item::Fn(f) => Some(f.sig.ident.to_string()),
        syn::Item::Impl(block) => {
            let self_ty = match &*block.self_ty {
                syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                _ => None,
            };
            let foreign = self_ty
                .as_deref()
                .is_none_or(|name| FOREIGN_SELF_TYPES.contains(&name));
            if !foreign {
                return self_ty;
            }
            // The first generated (CamelCase, non-std) type named in the trait's generics.
            let (trait_path, _) = block.trait_.as_ref()?;
            let mut idents = Vec::new();
            collect_idents_ordered(&quote!(#trait_path), &mut idents);
            idents.into_iter().find(|ident| {
                ident.starts_with(|c: char| c.is_ascii_uppercase())
                    && !STD_NAMES.contains(&ident.as_str())
            })
        }
        syn::Item::Macro(m) => m
            .mac
            .tokens
            .clone()
            .into_iter()
            .find_map(|token| match token {
                TokenTree::Ident(ident) => Some(ident.to_string()),
                _ => None,
            }),
        _ => None,
    }
}

/// Types typify implements conversions on that are not generated items.
const FOREIGN_SELF_TYPES: [&str; 6] = ["String", "str", "Value", "Map", "Vec", "Option"];

/// Standard names that appear in trait paths beside the generated type.
const STD_NAMES: [&str; 9] = [
    "From", "TryFrom", "Into", "String", "Vec", "Option", "Box", "Value", "Map",
];

fn collect_idents_ordered(tokens: &TokenStream, out: &mut Vec<String>) {
    for token in tokens.clone() {
        match token {
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Group(group) => collect_idents_ordered(&group.stream(), out),
            _ => {}
        }
    }
}

/// Collects the items named by paths: `types::Foo`, `Vec<Foo>`, `Foo::new`, `defaults::bar`,
/// and paths written in serde attributes (`default = "defaults::bar"`). `Self::Variant` names
/// nothing new, and neither does an enum variant's own name, which is what makes this sharper
/// than collecting identifiers.
#[derive(Default)]
struct PathCollector {
    names: BTreeSet<String>,
}

impl PathCollector {
    fn record(&mut self, path: &syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        // Skip leading module segments (`crate::types::`, `defaults::`): the first segment with
        // nothing but its own trailing members after it is the item referred to.
        let mut index = 0;
        while index + 1 < segments.len() && is_module_segment(&segments[index]) {
            index += 1;
        }
        if let Some(first) = segments.get(index)
            && first != "Self"
        {
            self.names.insert(first.clone());
        }
    }
}

fn is_module_segment(segment: &str) -> bool {
    segment.starts_with(|c: char| c.is_ascii_lowercase()) || segment == "crate"
}

impl<'ast> syn::visit::Visit<'ast> for PathCollector {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.record(path);
        syn::visit::visit_path(self, path);
    }

    fn visit_attribute(&mut self, attr: &'ast syn::Attribute) {
        if attr.path().is_ident("serde") {
            let _ = attr.parse_nested_meta(|meta| {
                if meta.input.peek(syn::Token![=]) {
                    let value: syn::LitStr = meta.value()?.parse()?;
                    if let Ok(path) = value.parse::<syn::ExprPath>() {
                        self.record(&path.path);
                    }
                }
                Ok(())
            });
        }
        syn::visit::visit_attribute(self, attr);
    }
}

/// The items an item names through paths.
fn paths_named_by_item(item: &syn::Item) -> BTreeSet<String> {
    let mut collector = PathCollector::default();
    syn::visit::Visit::visit_item(&mut collector, item);
    collector.names
}

/// The items a method names through paths.
pub(crate) fn paths_named_by_method(method: &syn::ImplItemFn) -> BTreeSet<String> {
    let mut collector = PathCollector::default();
    syn::visit::Visit::visit_impl_item_fn(&mut collector, method);
    collector.names
}

/// The generated items about each type name (struct or enum and its impls).
pub(crate) fn index_types(items: &[syn::Item]) -> BTreeMap<String, Vec<syn::Item>> {
    let mut out: BTreeMap<String, Vec<syn::Item>> = BTreeMap::new();
    for item in items {
        if let Some(subject) = item_subject(item) {
            out.entry(subject).or_default().push(item.clone());
        }
    }
    out
}
