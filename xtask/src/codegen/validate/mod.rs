//! `validate.rs`: a `Validate` impl for every type a request body can hold, and a validator
//! for every shared parameter, checking each constraint the spec states; the spec's regex
//! patterns compiled into steps for `nexevo-api`'s matcher ([`pattern`]).
//!
//! The SDK runs them before sending (a typed error, nothing sent) and the sandbox runs the same
//! code on what it receives (a 422 naming the field), so the two can never disagree.

mod bounds;
mod checks;
mod params;
mod pattern;
mod requests;

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, bail};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use crate::codegen::gating::Gating;
use crate::codegen::model::Replacement;
use crate::spec::{SPEC_PATH, Spec, schema_ref_name};
use checks::Checks;

/// Generates the contents of `validate.rs`.
pub(crate) fn generate(
    spec: &Spec,
    replacements: &BTreeMap<String, Replacement>,
    types: &BTreeMap<String, Vec<syn::Item>>,
    gating: &Gating,
) -> Result<TokenStream> {
    let mut checks = Checks {
        spec,
        replacements,
        types,
        patterns: Vec::new(),
    };

    // Every component schema reachable from a request body.
    let mut worklist: Vec<String> = Vec::new();
    for op in &spec.operations {
        if let Some(body) = spec.operation(op).get("requestBody") {
            let body = spec.resolve(body);
            for media in body
                .get("content")
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|c| c.values())
            {
                if let Some(schema) = media.get("schema") {
                    match schema_ref_name(schema) {
                        Some(name) => worklist.push(name.to_owned()),
                        None => bail!(
                            "{SPEC_PATH}: {}.requestBody: the body schema must be a $ref to a named schema",
                            op.location
                        ),
                    }
                }
            }
        }
    }
    let mut done = BTreeSet::new();
    let mut impls = Vec::new();
    while let Some(name) = worklist.pop() {
        if !done.insert(name.clone()) || replacements.contains_key(&name) {
            continue;
        }
        let (body, nested) = checks.type_impl(&name)?;
        worklist.extend(nested);
        let ident = format_ident!("{name}");
        let cfg = gating.cfg(&gating.areas_of(&name));
        impls.push(quote! {
            #cfg
            impl Validate for types::#ident {
                fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
                    #body
                    Ok(())
                }
            }
        });
    }

    let params = params::parameter_validators(&mut checks, gating)?;
    let request = requests::request_validator(spec, gating)?;
    let mut patterns = Vec::new();
    let mut pattern_idents = Vec::new();
    for (index, source) in checks.patterns.iter().enumerate() {
        let ident = format_ident!("PATTERN_{index}");
        // Compiled (and refused if unsupported) where the pattern was first met.
        patterns.push(pattern::static_item(&ident, &pattern::compile(source)?));
        pattern_idents.push(ident);
    }

    Ok(quote! {
        #[allow(unused_imports)]
        use crate::types;
        #[allow(unused_imports)]
        use std::borrow::Cow::Borrowed;
        #[allow(unused_imports)]
        use crate::validation::{check, Class, FieldPath, Pattern, Step, Validate, ValidationError};

        #(#impls)*

        /// Validators for the shared parameters (path, query and header), named after them.
        pub mod params {
            #[allow(unused_imports)]
            use super::*;
            #params
        }

        /// A request checked by its operation, given as text and JSON (for a request made by
        /// method and path).
        pub mod requests {
            #[allow(unused_imports)]
            use super::*;
            #request
        }

        #(#[allow(dead_code)] #patterns)*

        /// Every pattern, for the test that checks each against a regex engine.
        #[cfg(test)]
        pub(crate) static PATTERNS: &[&Pattern] = &[#(&#pattern_idents),*];
    })
}
