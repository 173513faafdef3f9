//! What typify cannot give the types of the low-level client: conversions for string newtypes,
//! and open enums that keep the values they do not know.

use std::collections::BTreeSet;

use anyhow::{Result, anyhow, bail};
use quote::{format_ident, quote};
use serde_json::Value;

use crate::codegen::syntax::render_tokens;
use crate::spec::{SPEC_PATH, Spec, variant_name};

/// Conversions typify leaves out for string newtypes (ids, emails): from `&str` and from a
/// reference, and `AsRef<str>`, so `client.keys().get("key_…")` and `get(&key.key_id)` both read
/// naturally.
pub(crate) fn string_newtype_conversions(items: &[syn::Item]) -> Vec<syn::Item> {
    let mut out = Vec::new();
    for item in items {
        let syn::Item::Struct(newtype) = item else {
            continue;
        };
        let syn::Fields::Unnamed(fields) = &newtype.fields else {
            continue;
        };
        let [field] = fields.unnamed.iter().collect::<Vec<_>>()[..] else {
            continue;
        };
        let inner = render_tokens(field);
        if !inner.ends_with("::std::string::String") {
            continue;
        }
        let name = &newtype.ident;
        out.push(syn::parse_quote! {
            impl ::std::convert::From<&str> for #name {
                fn from(value: &str) -> Self {
                    Self(value.to_owned())
                }
            }
        });
        out.push(syn::parse_quote! {
            impl ::std::convert::From<&#name> for #name {
                fn from(value: &#name) -> Self {
                    value.clone()
                }
            }
        });
        out.push(syn::parse_quote! {
            impl ::std::convert::AsRef<str> for #name {
                fn as_ref(&self) -> &str {
                    &self.0
                }
            }
        });
    }
    out
}

/// An open enum: the enum itself, written out, and an `open_enum_impls!` call for its impls
/// (its wire values, parsing that keeps unknown values, serde, Display).
pub(crate) fn open_enum_items(
    spec: &Spec,
    name: &str,
    values: &[String],
) -> Result<[syn::Item; 2]> {
    let schema = spec
        .schemas()
        .get(name)
        .ok_or_else(|| anyhow!("no schema {name}"))?;
    let doc = schema
        .get("description")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            anyhow!(
                "{}: components.schemas.{name} has no description",
                SPEC_PATH
            )
        })?;
    let ident = format_ident!("{name}");
    let mut seen = BTreeSet::new();
    let variants = values
        .iter()
        .map(|value| {
            let variant = variant_name(value);
            if variant.is_empty() || variant.starts_with(|c: char| c.is_ascii_digit()) || !seen.insert(variant.clone()) {
                bail!(
                    "{}: components.schemas.{name}: enum value `{value}` does not give a distinct Rust variant name",
                    SPEC_PATH
                );
            }
            Ok((format_ident!("{variant}"), value.as_str()))
        })
        .collect::<Result<Vec<_>>>()?;
    let docs = variants.iter().map(|(_, value)| format!("`{value}`"));
    let names = variants.iter().map(|(variant, _)| variant);
    let pairs = variants
        .iter()
        .map(|(variant, value)| quote!((#variant, #value)));
    let doc_more = " The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.";
    Ok([
        syn::parse_quote! {
            #[doc = #doc]
            #[doc = ""]
            #[doc = #doc_more]
            #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            pub enum #ident {
                #(#[doc = #docs] #names,)*
                /// A value this version of the SDK does not know yet, kept as received.
                Unknown(crate::UnknownValue),
            }
        },
        syn::parse_quote! {
            crate::open_enum_impls!(#ident, [#(#pairs),*]);
        },
    ])
}
