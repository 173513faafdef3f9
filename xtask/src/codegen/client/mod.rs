//! The low-level client, `crates/nexevo-api/src/generated/`: progenitor writes it from the
//! shape-only spec (see [`Spec::shape_only`]); its output is taken apart ([`parts`]) so that
//! each area's operations go to a file of their own ([`operations`]), and its types gain what
//! typify cannot give ([`types`]). Gating them and validating them are other modules' work.

mod operations;
mod parts;
mod progenitor;
mod types;

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use crate::codegen::model::{Replacement, feature_of};
use crate::spec::Spec;

pub(crate) use operations::area_rs;

/// The low-level client as progenitor wrote it, taken apart, its types completed.
pub(crate) struct LowLevelClient {
    /// The client's own items (`Client`, its constructor, `ClientInfo`), for `mod.rs`.
    pub(crate) top: Vec<syn::Item>,
    /// Every type: typify's, the string newtypes' conversions and the open enums.
    pub(crate) types: Vec<syn::Item>,
    /// Each area's operation methods.
    pub(crate) methods: BTreeMap<String, Vec<syn::ImplItemFn>>,
}

/// Runs progenitor and takes its output apart.
pub(crate) fn generate(
    spec: &Spec,
    replacements: &BTreeMap<String, Replacement>,
) -> Result<LowLevelClient> {
    let tokens = progenitor::run(spec, replacements)?;
    let file: syn::File =
        syn::parse2(tokens).context("progenitor's output does not parse as Rust")?;
    let parts = parts::Parts::split(file, spec)?;
    let mut type_items = parts.types;
    types::document_references(spec, &mut type_items);
    type_items.extend(types::string_newtype_conversions(&type_items));
    for (name, replacement) in replacements {
        if let Replacement::OpenEnum { values } = replacement {
            type_items.extend(types::open_enum_items(spec, name, values)?);
        }
    }
    Ok(LowLevelClient {
        top: parts.top,
        types: type_items,
        methods: parts.methods,
    })
}

/// The contents of `mod.rs`: the area modules, `OPERATIONS`, `SECRET_HEADERS` and the client.
pub(crate) fn mod_rs(spec: &Spec, top: Vec<syn::Item>) -> Result<TokenStream> {
    let areas = spec.areas.iter().map(|area| {
        let ident = format_ident!("{area}");
        let feature = feature_of(area);
        quote!(#[cfg(feature = #feature)] mod #ident;)
    });
    let mut operations = Vec::new();
    for op in &spec.operations {
        let (id, method, path, area) = (&op.method_name, &op.http_method, &op.path, &op.area);
        let requires_auth = op.requires_auth;
        let takes_idempotency_key = crate::codegen::plan::operation::parameters(spec, op)?
            .iter()
            .any(|param| param.wire.eq_ignore_ascii_case("Idempotency-Key"));
        let responses = &op.responses;
        let max_request_bytes = match spec.max_request_bytes(op)? {
            Some(max) => quote!(Some(#max)),
            None => quote!(None),
        };
        operations.push(quote!(crate::ApiOperation {
            id: #id,
            method: #method,
            path: #path,
            area: #area,
            requires_auth: #requires_auth,
            takes_idempotency_key: #takes_idempotency_key,
            max_request_bytes: #max_request_bytes,
            responses: &[#(#responses),*],
        }));
    }
    let secret_headers = secret_headers(spec);
    let secret_fields = secret_fields(spec);
    let api_version = spec
        .doc
        .pointer("/info/version")
        .and_then(Value::as_str)
        .unwrap_or_default();
    Ok(quote! {
        pub mod types;
        pub mod validate;
        #(#areas)*

        /// The version of the API this crate was generated from (the spec's `info.version`).
        pub const API_VERSION: &str = #api_version;

        /// Every operation of the spec, by path then method, whichever features are on.
        pub const OPERATIONS: &[crate::ApiOperation] = &[#(#operations),*];

        /// The header parameters that carry secrets (`format: password`), lowercase: the SDK's
        /// client marks them sensitive so no `Debug` of a request shows them.
        pub const SECRET_HEADERS: &[&str] = &[#(#secret_headers),*];

        /// The names of the JSON properties, in any request or answer body, whose values are
        /// secrets (`format: password`): what a trace of a body redacts.
        pub const SECRET_FIELDS: &[&str] = &[#(#secret_fields),*];

        #(#top)*
    })
}

/// The lowercase names of the spec's header parameters whose schema is `format: password`.
fn secret_headers(spec: &Spec) -> Vec<String> {
    let Some(parameters) = spec
        .doc
        .pointer("/components/parameters")
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    let mut names: Vec<String> = parameters
        .values()
        .filter(|p| p.get("in").and_then(Value::as_str) == Some("header"))
        .filter(|p| p.pointer("/schema/format").and_then(Value::as_str) == Some("password"))
        .filter_map(|p| p.get("name").and_then(Value::as_str))
        .map(str::to_ascii_lowercase)
        .collect();
    names.sort();
    names
}

/// The names of the properties whose schema is a secret (`format: password`, which the spec
/// only allows on named components, so a property refers to one with `$ref`), sorted.
fn secret_fields(spec: &Spec) -> Vec<String> {
    let is_secret = |schema: &Value| {
        let target = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|reference| reference.strip_prefix('#'))
            .and_then(|pointer| spec.doc.pointer(pointer))
            .unwrap_or(schema);
        target.get("format").and_then(Value::as_str) == Some("password")
    };
    let mut names = std::collections::BTreeSet::new();
    crate::spec::for_each_schema(&spec.doc, &mut |schema, _| {
        if let Some(Value::Object(properties)) = schema.get("properties") {
            for (name, property) in properties {
                let all_of = property.get("allOf").and_then(Value::as_array);
                if is_secret(property) || all_of.is_some_and(|parts| parts.iter().any(is_secret)) {
                    names.insert(name.clone());
                }
            }
        }
    });
    names.into_iter().collect()
}

/// The contents of `types.rs`: every type, gated.
pub(crate) fn types_rs(items: &[syn::Item]) -> TokenStream {
    quote!(#(#items)*)
}
