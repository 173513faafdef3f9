//! What typify cannot give the types of the low-level client: conversions for string newtypes,
//! open enums that keep the values they do not know, and docs for the fields and variants that
//! hold another schema (a `$ref` takes no description of its own in OpenAPI 3.0).

use std::collections::BTreeSet;

use anyhow::{Result, anyhow, bail};
use quote::{format_ident, quote};
use serde_json::Value;

use crate::codegen::syntax::{render_tokens, serde_rename};
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

/// Documents each field and variant typify left without docs: one holding another schema (a
/// `$ref`, whose siblings OpenAPI 3.0 ignores) says what that schema's description says.
pub(crate) fn document_references(spec: &Spec, items: &mut [syn::Item]) {
    let schemas = spec.schemas();
    let description = |ty: &syn::Type| {
        schema_names(ty).into_iter().find_map(|name| {
            schemas
                .get(&name)
                .and_then(|schema| schema.get("description"))
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
    };
    let undocumented = |attrs: &[syn::Attribute]| !attrs.iter().any(|a| a.path().is_ident("doc"));
    // The schema a property refers to, by the struct's schema and the property's JSON name.
    let referenced = |structure: &str, field: &syn::Field| {
        let ident = field.ident.as_ref()?.to_string();
        let json_name =
            serde_rename(&field.attrs).unwrap_or_else(|| ident.trim_start_matches("r#").to_owned());
        let schema = schemas.get(structure).or_else(|| {
            schemas
                .values()
                .find_map(|schema| titled(schema, structure))
        })?;
        let property = schema.get("properties")?.get(&json_name)?;
        let target = property
            .get("$ref")
            .or_else(|| property.get("items").and_then(|items| items.get("$ref")))?
            .as_str()?
            .rsplit('/')
            .next()?;
        schemas
            .get(target)?
            .get("description")?
            .as_str()
            .map(str::to_owned)
    };
    for item in items {
        match item {
            syn::Item::Struct(structure) => {
                let name = structure.ident.to_string();
                for field in structure.fields.iter_mut() {
                    if undocumented(&field.attrs)
                        && let Some(doc) =
                            referenced(&name, field).or_else(|| description(&field.ty))
                    {
                        field.attrs.insert(0, syn::parse_quote!(#[doc = #doc]));
                    }
                }
            }
            syn::Item::Enum(enumeration) => {
                for variant in &mut enumeration.variants {
                    let held = variant.fields.iter().next().map(|field| field.ty.clone());
                    if undocumented(&variant.attrs)
                        && let Some(doc) = held.as_ref().and_then(description)
                    {
                        variant.attrs.insert(0, syn::parse_quote!(#[doc = #doc]));
                    }
                }
            }
            _ => {}
        }
    }
}

/// The names a type is made of, outermost first (`Option<Vec<Money>>`: `Option`, `Vec`,
/// `Money`).
fn schema_names(ty: &syn::Type) -> Vec<String> {
    let mut names = Vec::new();
    if let syn::Type::Path(path) = ty
        && let Some(last) = path.path.segments.last()
    {
        names.push(last.ident.to_string());
        if let syn::PathArguments::AngleBracketed(arguments) = &last.arguments {
            for argument in &arguments.args {
                if let syn::GenericArgument::Type(inner) = argument {
                    names.extend(schema_names(inner));
                }
            }
        }
    }
    names
}

/// The inline schema within `schema` whose `title` is `name` (typify names an inline object
/// by its title).
fn titled<'a>(schema: &'a Value, name: &str) -> Option<&'a Value> {
    match schema {
        Value::Object(map) => {
            if map.get("title").and_then(Value::as_str) == Some(name) {
                return Some(schema);
            }
            map.values().find_map(|inner| titled(inner, name))
        }
        Value::Array(values) => values.iter().find_map(|inner| titled(inner, name)),
        _ => None,
    }
}
