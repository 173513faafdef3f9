//! Reading the Rust that progenitor and typify write: a type's wrapper and its argument, a
//! struct's fields by their wire names, a type as compact text.

use std::collections::BTreeMap;

use quote::ToTokens;

/// Tokens as compact text, without spaces (`::std::string::String`, `Option<&str>`).
pub(crate) fn render_tokens(tokens: &impl ToTokens) -> String {
    tokens.to_token_stream().to_string().replace(' ', "")
}

/// A struct's named fields by their wire names (a serde `rename`, else the field's own name),
/// each with its Rust name and type.
pub(crate) fn struct_fields(
    rust_struct: &syn::ItemStruct,
) -> BTreeMap<String, (syn::Ident, syn::Type)> {
    let mut out = BTreeMap::new();
    for field in &rust_struct.fields {
        let Some(ident) = &field.ident else { continue };
        let wire = serde_rename(&field.attrs)
            .unwrap_or_else(|| ident.to_string().trim_start_matches("r#").to_owned());
        out.insert(wire, (ident.clone(), field.ty.clone()));
    }
    out
}

/// The wire name a serde `rename` gives a field, if it has one.
pub(crate) fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
    let mut rename = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let value: syn::LitStr = meta.value()?.parse()?;
                rename = Some(value.value());
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    rename
}

/// The first type argument of `ty` when its last segment is `wrapper` (`Option<T>` → `T`).
pub(crate) fn generic_arg<'t>(ty: &'t syn::Type, wrapper: &str) -> Option<&'t syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let segment = path.path.segments.last()?;
    if segment.ident != wrapper {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    args.args.iter().find_map(|arg| match arg {
        syn::GenericArgument::Type(ty) => Some(ty),
        _ => None,
    })
}

/// `T` of `Option<T>`.
pub(crate) fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    generic_arg(ty, "Option")
}

/// `T` of `Vec<T>`.
pub(crate) fn vec_inner(ty: &syn::Type) -> Option<&syn::Type> {
    generic_arg(ty, "Vec")
}

/// Whether `ty` is a `Vec`.
pub(crate) fn is_vec(ty: &syn::Type) -> bool {
    vec_inner(ty).is_some()
}

/// The name of a path type's last segment (`crate::types::KeyId` → `KeyId`); empty for any
/// other type.
pub(crate) fn last_segment(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(path) => path
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}
