//! A validator per shared parameter (path, query and header) that has constraints, gated on
//! the areas whose operations take it: `validate::params::<parameter>`.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, anyhow, bail};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::checks::Checks;
use crate::codegen::gating::Gating;
use crate::spec::{SPEC_PATH, snake_case};

/// One function per shared parameter that has constraints, gated on the areas using it.
pub(crate) fn parameter_validators(
    checks: &mut Checks<'_>,
    gating: &Gating,
) -> Result<TokenStream> {
    let spec = checks.spec;
    let Some(parameters) = spec
        .doc
        .pointer("/components/parameters")
        .and_then(Value::as_object)
    else {
        return Ok(TokenStream::new());
    };
    let parameters = parameters.clone();
    let mut users: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for op in &spec.operations {
        for list in [
            spec.operation(op).get("parameters"),
            spec.path_item(op).get("parameters"),
        ]
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        {
            for parameter in list {
                match parameter
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/components/parameters/"))
                {
                    Some(name) => {
                        users
                            .entry(name.to_owned())
                            .or_default()
                            .insert(op.area.clone());
                    }
                    None => bail!(
                        "{SPEC_PATH}: {}: parameters must be shared components ($ref to #/components/parameters/…)",
                        op.location
                    ),
                }
            }
        }
    }
    let mut functions = Vec::new();
    for (name, parameter) in &parameters {
        let location = format!("components.parameters.{name}");
        let Some(areas) = users.get(name) else {
            bail!("{SPEC_PATH}: {location} is used by no operation");
        };
        let wire_name = parameter
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| anyhow!("{SPEC_PATH}: {location} has no name"))?;
        let schema = parameter
            .get("schema")
            .ok_or_else(|| anyhow!("{SPEC_PATH}: {location} has no schema"))?;
        let resolved = spec.resolve(schema).clone();
        let (arg_ty, value_ty): (TokenStream, syn::Type) = match resolved
            .get("type")
            .and_then(Value::as_str)
        {
            Some("string") => (quote!(&str), syn::parse_quote!(String)),
            Some("integer") => {
                let ty: syn::Type = match resolved.get("format").and_then(Value::as_str) {
                    Some("uint32") => syn::parse_quote!(u32),
                    Some("int32") => syn::parse_quote!(i32),
                    Some("uint64") => syn::parse_quote!(u64),
                    _ => syn::parse_quote!(i64),
                };
                (quote!(#ty), ty)
            }
            _ => bail!("{SPEC_PATH}: {location}: only string and integer parameters are supported"),
        };
        let mut nested = Vec::new();
        let value_expr = if arg_ty.to_string() == "& str" {
            quote!(value)
        } else {
            quote!(&value)
        };
        let body =
            checks.inline_checks(&resolved, value_expr, &value_ty, &location, &mut nested)?;
        let function = format_ident!("{}", snake_case(name));
        let doc = format!("Checks the `{wire_name}` parameter against the spec.");
        let cfg = gating.cfg(areas);
        functions.push(quote! {
            #cfg
            #[doc = #doc]
            pub fn #function(value: #arg_ty) -> Result<(), ValidationError> {
                let at = FieldPath::top(#wire_name);
                #body
                let _ = (&at, &value);
                Ok(())
            }
        });
    }
    Ok(quote!(#(#functions)*))
}
