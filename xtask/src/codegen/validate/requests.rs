//! `validate::requests::check`: an operation's request checked as the spec states it, given as text
//! and JSON rather than as the generated types — for a request made by method and path
//! (`nexevo api`), which must be refused before sending exactly as the typed call would be.

use std::collections::BTreeSet;

use anyhow::Result;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use crate::codegen::gating::Gating;
use crate::codegen::plan::operation::parameters;
use crate::spec::{Spec, schema_ref_name, snake_case};

/// One arm per operation, gated on its area; an operation of an area that is off, or of no
/// spec, answers `None`.
pub(crate) fn request_validator(spec: &Spec, gating: &Gating) -> Result<TokenStream> {
    let mut arms = Vec::new();
    for op in &spec.operations {
        let mut checks = Vec::new();
        for param in parameters(spec, op)? {
            let wire = &param.wire;
            let validator = format_ident!("{}", snake_case(&param.component));
            let parameter = spec
                .doc
                .pointer(&format!("/components/parameters/{}", param.component))
                .cloned()
                .unwrap_or(Value::Null);
            let schema = spec.resolve(parameter.get("schema").unwrap_or(&Value::Null));
            let is_integer = schema.get("type").and_then(Value::as_str) == Some("integer");
            let checked = if is_integer {
                quote! {
                    let number = text.trim().parse().map_err(|_| {
                        ValidationError::at_field(#wire, Rule::Described(Borrowed("must be a whole number")))
                    })?;
                    params::#validator(number)?;
                }
            } else {
                quote!(params::#validator(text)?;)
            };
            let missing = if param.required {
                quote!(None => return Err(ValidationError::at_field(#wire, Rule::Described(Borrowed("is required")))),)
            } else {
                quote!(None => {})
            };
            checks.push(quote! {
                match parameter(#wire) {
                    Some(text) => { #checked }
                    #missing
                }
            });
        }
        let body = spec
            .operation(op)
            .get("requestBody")
            .map(|body| spec.resolve(body));
        if let Some(body) = body {
            let schema = body.pointer("/content/application~1json/schema");
            if let Some(name) = schema.and_then(schema_ref_name) {
                let ty = format_ident!("{name}");
                let required = body.get("required").and_then(Value::as_bool) == Some(true);
                let missing = if required {
                    quote!(None => return Err(ValidationError::at_field("body", Rule::Described(Borrowed("is required")))),)
                } else {
                    quote!(None => {})
                };
                let not_this = format!("is not a {name}: ");
                checks.push(quote! {
                    match body {
                        Some(body) => {
                            let typed: types::#ty = serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field("body", Rule::Described(format!("{}{error}", #not_this).into()))
                            })?;
                            Validate::validate(&typed)?;
                        }
                        #missing
                    }
                });
            }
        }
        let id = &op.method_name;
        let cfg = gating.cfg(&BTreeSet::from([op.area.clone()]));
        arms.push(quote! {
            #cfg
            #id => Some((|| -> Result<(), ValidationError> {
                #(#checks)*
                Ok(())
            })()),
        });
    }
    Ok(quote! {
        /// Checks a request to `operation` (an id of [`crate::OPERATIONS`]) as the typed call
        /// would before sending it: each parameter by its wire name (`parameter` answers its
        /// text, or `None` when it is not given), and the JSON body as the operation's body
        /// type with its constraints. `None` when the operation is unknown or its area is off.
        #[allow(unused_variables, clippy::redundant_closure_call)]
        pub fn check<'v>(
            operation: &str,
            parameter: &dyn Fn(&str) -> Option<&'v str>,
            body: Option<&serde_json::Value>,
        ) -> Option<Result<(), ValidationError>> {
            #[allow(unused_imports)]
            use crate::validation::Rule;
            match operation {
                #(#arms)*
                _ => None,
            }
        }
    })
}
