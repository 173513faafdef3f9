//! The types of a call, as the area crate names them: the low-level client's types made
//! external (`nexevo_api::types::KeyId`), and how each argument is taken ([`Conv`]).

use std::collections::BTreeMap;

use anyhow::{Result, anyhow, bail};
use syn::visit_mut::VisitMut;

use super::call::Conv;
use crate::codegen::model::{CallInputs, Replacement};
use crate::codegen::syntax::{last_segment, render_tokens, struct_fields, vec_inner};

/// The Rust type of a named struct's field (as the types module names it).
pub(crate) fn list_field(
    inputs: &CallInputs<'_>,
    type_name: &str,
    wire: &str,
) -> Result<syn::Type> {
    let Some(syn::Item::Struct(rust_struct)) = inputs
        .types
        .get(type_name)
        .and_then(|items| items.iter().find(|i| matches!(i, syn::Item::Struct(_))))
    else {
        bail!("`{type_name}` is not a struct");
    };
    struct_fields(rust_struct)
        .get(wire)
        .map(|(_, ty)| ty.clone())
        .ok_or_else(|| anyhow!("`{type_name}` has no field `{wire}`"))
}

/// How an argument held as `held` is taken.
pub(crate) fn conv_of(inputs: &CallInputs<'_>, held: &syn::Type) -> Conv {
    let text = render_tokens(held);
    if text.ends_with("::std::string::String") || text == "String" || text.ends_with("Secret") {
        return Conv::Into;
    }
    if text.ends_with("DecimalNumber") {
        return Conv::DecimalNumber;
    }
    if let Some(item) = vec_inner(held) {
        return Conv::IterInto(item.clone());
    }
    let name = last_segment(held);
    if let Some(syn::Item::Struct(newtype)) = inputs
        .types
        .get(&name)
        .and_then(|items| items.iter().find(|i| matches!(i, syn::Item::Struct(_))))
        && let syn::Fields::Unnamed(fields) = &newtype.fields
        && let Some(field) = fields.unnamed.first()
    {
        let inner = render_tokens(&field.ty);
        if inner.contains("Map<") {
            return Conv::JsonObject(held.clone());
        }
        if !matches!(
            inputs.replacements.get(&name),
            Some(Replacement::OpenEnum { .. })
        ) {
            return Conv::Into;
        }
    }
    Conv::Value
}

/// Whether the type is a primitive (an integer or a bool) that a check and progenitor take by
/// value.
pub(crate) fn is_copy(ty: &syn::Type) -> bool {
    matches!(
        render_tokens(ty).as_str(),
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "bool"
    )
}

/// A type without its reference and lifetimes: what a builder holds of an argument progenitor
/// borrows.
pub(crate) fn strip_reference(ty: &syn::Type) -> syn::Type {
    match ty {
        syn::Type::Reference(reference) => (*reference.elem).clone(),
        other => {
            // `Option<&'a str>` → `Option<&str>`: lifetimes do not belong in a builder.
            let mut ty = other.clone();
            StripLifetimes.visit_type_mut(&mut ty);
            ty
        }
    }
}

struct StripLifetimes;

impl VisitMut for StripLifetimes {
    fn visit_type_reference_mut(&mut self, reference: &mut syn::TypeReference) {
        reference.lifetime = None;
        syn::visit_mut::visit_type_reference_mut(self, reference);
    }
}

/// A type as the area crate names it: `crate::…` and `types::…` of the generated code become
/// `nexevo_api::…`, and a bare generated type `nexevo_api::types::…`.
pub(crate) fn external(inputs: &CallInputs<'_>, ty: &syn::Type) -> syn::Type {
    struct Externalize<'a>(&'a BTreeMap<String, Vec<syn::Item>>);
    impl VisitMut for Externalize<'_> {
        fn visit_type_path_mut(&mut self, ty: &mut syn::TypePath) {
            syn::visit_mut::visit_type_path_mut(self, ty);
            let segments = &ty.path.segments;
            let first = segments
                .first()
                .map(|s| s.ident.to_string())
                .unwrap_or_default();
            if ty.path.leading_colon.is_some() {
                if first == "rust_decimal" {
                    ty.path = syn::parse_quote!(::nexevo_api::Decimal);
                }
                return;
            }
            let rest: Vec<&syn::PathSegment> = segments.iter().skip(1).collect();
            let path: syn::Path = if first == "crate" {
                syn::parse_quote!(::nexevo_api #(:: #rest)*)
            } else if first == "types" {
                syn::parse_quote!(::nexevo_api::types #(:: #rest)*)
            } else if segments.len() == 1 && self.0.contains_key(&first) {
                let only = &segments[0];
                syn::parse_quote!(::nexevo_api::types::#only)
            } else {
                return;
            };
            ty.path = path;
        }
    }
    let mut ty = ty.clone();
    Externalize(inputs.types).visit_type_mut(&mut ty);
    ty
}
