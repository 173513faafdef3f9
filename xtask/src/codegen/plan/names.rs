//! The names of a call: its method (the operationId without the area's words, or its
//! `x-nexevo-method`) and its builder type.

use anyhow::{Result, anyhow, bail};
use quote::format_ident;
use serde_json::Value;

use crate::codegen::model::Area;
use crate::spec::{Operation, Spec, variant_name};

/// The SDK's method name for an operation of `spec`.
pub(crate) fn method_name_of(spec: &Spec, op: &Operation) -> Result<String> {
    let area = Area::of(spec, &op.area)?;
    sdk_method_name(&area, op, spec.operation(op))
}

/// The SDK's method name for `op` of `area`, whose object in the spec is `operation`.
pub(crate) fn sdk_method_name(area: &Area, op: &Operation, operation: &Value) -> Result<String> {
    if let Some(name) = operation.get("x-nexevo-method") {
        return name
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| anyhow!("x-nexevo-method must be a method name"));
    }
    let words = area.words();
    let kept: Vec<&str> = op
        .method_name
        .split('_')
        .filter(|word| !words.iter().any(|w| w == word))
        .collect();
    if kept.is_empty() {
        bail!("removing the area's words leaves no method name; give it an x-nexevo-method");
    }
    Ok(kept.join("_"))
}

/// The builder type of a call: the operationId in PascalCase, with `Call` appended when a
/// schema has that name.
pub(crate) fn builder_name(spec: &Spec, op: &Operation) -> syn::Ident {
    let pascal = variant_name(&op.method_name);
    if spec.schemas().contains_key(&pascal) {
        format_ident!("{pascal}Call")
    } else {
        format_ident!("{pascal}")
    }
}
