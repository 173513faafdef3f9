//! The checks of one value against its schema, as the code of a `Validate` impl or a
//! parameter's validator: lengths, patterns, bounds, list sizes, enums and the `x-nexevo-*`
//! extensions, recursing into the named types a value holds.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, anyhow, bail};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::bounds::{
    Holder, decimal_bound, float_bound, holder_of, int_bound, option_tokens, u64_keyword,
};
use super::pattern;
use crate::codegen::model::Replacement;
use crate::codegen::syntax::{is_vec, last_segment, option_inner, struct_fields, vec_inner};
use crate::spec::{CONSTRAINT_KEYWORDS, SPEC_PATH, Spec, schema_ref_name};

/// Writes checks, and keeps the patterns they use, each once.
pub(crate) struct Checks<'a> {
    pub(crate) spec: &'a Spec,
    pub(crate) replacements: &'a BTreeMap<String, Replacement>,
    /// The generated types, by name.
    pub(crate) types: &'a BTreeMap<String, Vec<syn::Item>>,
    /// Regex sources, one static each, in the order they were met.
    pub(crate) patterns: Vec<String>,
}

impl Checks<'_> {
    fn schema(&self, name: &str) -> Result<&Value> {
        self.spec
            .schemas()
            .get(name)
            .ok_or_else(|| anyhow!("{SPEC_PATH}: no components.schemas.{name}"))
    }

    /// The body of `Validate::validate_at` for a generated type, and the types it recurses into.
    pub(crate) fn type_impl(&mut self, name: &str) -> Result<(TokenStream, Vec<String>)> {
        let schema = self.schema(name)?.clone();
        let location = format!("components.schemas.{name}");
        let items = self.types.get(name).ok_or_else(|| {
            anyhow!("{SPEC_PATH}: {location} produced no Rust type named `{name}`")
        })?;
        let mut nested = Vec::new();

        if let Some(variants) = schema
            .get("oneOf")
            .or_else(|| schema.get("anyOf"))
            .and_then(Value::as_array)
        {
            // typify makes an untagged enum with a variant per referenced schema.
            let Some(syn::Item::Enum(rust_enum)) =
                items.iter().find(|i| matches!(i, syn::Item::Enum(_)))
            else {
                bail!("{SPEC_PATH}: {location}: expected typify to make an enum");
            };
            let mut arms = Vec::new();
            for variant in &rust_enum.variants {
                let syn::Fields::Unnamed(fields) = &variant.fields else {
                    bail!(
                        "{SPEC_PATH}: {location}: variant {} is not a newtype variant",
                        variant.ident
                    );
                };
                let Some(field) = fields.unnamed.first() else {
                    continue;
                };
                let inner = last_segment(&field.ty);
                let Some(branch) = variants
                    .iter()
                    .find(|v| schema_ref_name(v) == Some(inner.as_str()))
                else {
                    bail!(
                        "{SPEC_PATH}: {location}: every oneOf branch must be a $ref to a named schema"
                    );
                };
                let checks = self.value_checks(
                    branch,
                    quote!(value),
                    &field.ty,
                    &format!("{location}.oneOf"),
                    &mut nested,
                )?;
                let variant_ident = &variant.ident;
                arms.push(quote!(Self::#variant_ident(value) => { #checks }));
            }
            return Ok((quote!(match self { #(#arms)* }), nested));
        }

        match schema.get("type").and_then(Value::as_str) {
            Some("object") if schema.get("properties").is_some() => {
                let Some(syn::Item::Struct(rust_struct)) =
                    items.iter().find(|i| matches!(i, syn::Item::Struct(_)))
                else {
                    bail!("{SPEC_PATH}: {location}: expected typify to make a struct");
                };
                let fields = struct_fields(rust_struct);
                let required: BTreeSet<&str> = schema
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let mut checks = Vec::new();
                for (property, property_schema) in schema
                    .get("properties")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    let Some((ident, ty)) = fields.get(property.as_str()) else {
                        bail!(
                            "{SPEC_PATH}: {location}.properties.{property}: typify made no field for it"
                        );
                    };
                    let property_location = format!("{location}.properties.{property}");
                    let mut body = self.value_checks(
                        property_schema,
                        quote!(value),
                        ty,
                        &property_location,
                        &mut nested,
                    )?;
                    if body.is_empty() {
                        continue;
                    }
                    // An optional list typify holds as a `Vec` with `#[serde(default)]`: an empty
                    // one is not sent, so it is absent rather than too short.
                    if !required.contains(property.as_str()) && is_vec(ty) {
                        body = quote!(if !value.is_empty() { #body });
                    }
                    checks.push(quote! {
                        {
                            let at = at.field(#property);
                            let value = &self.#ident;
                            #body
                        }
                    });
                }
                for (property, values) in schema
                    .get("x-nexevo-refused-values")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    let Some((ident, ty)) = fields.get(property.as_str()) else {
                        bail!(
                            "{SPEC_PATH}: {location}.x-nexevo-refused-values: no property `{property}`"
                        );
                    };
                    let values: Vec<&str> = values
                        .as_array()
                        .map(|v| v.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    let text = match holder_of(ty, self.replacements, &Value::Null) {
                        Holder::OpenEnum => quote!(value.as_str()),
                        _ => quote!(::std::convert::AsRef::<str>::as_ref(value)),
                    };
                    checks.push(quote! {
                        {
                            let at = at.field(#property);
                            let value = &self.#ident;
                            check::none_of_str(#text, &[#(#values),*], &at)?;
                        }
                    });
                }
                // The whole object's size last, so that a field out of its own bounds is named.
                if let Some(max) = u64_keyword(&schema, "x-nexevo-max-serialized-bytes", &location)?
                {
                    checks.push(quote!(check::serialized_size(self, #max, at)?;));
                }
                Ok((quote!(#(#checks)*), nested))
            }
            Some(_) => {
                // A newtype around a primitive, list or free-form object.
                let Some(syn::Item::Struct(rust_struct)) =
                    items.iter().find(|i| matches!(i, syn::Item::Struct(_)))
                else {
                    bail!("{SPEC_PATH}: {location}: expected typify to make a newtype");
                };
                let syn::Fields::Unnamed(fields) = &rust_struct.fields else {
                    bail!("{SPEC_PATH}: {location}: expected typify to make a newtype");
                };
                let Some(field) = fields.unnamed.first() else {
                    bail!("{SPEC_PATH}: {location}: expected typify to make a newtype");
                };
                let checks =
                    self.inline_checks(&schema, quote!(value), &field.ty, &location, &mut nested)?;
                if checks.is_empty() {
                    return Ok((quote!(let _ = at;), nested));
                }
                Ok((
                    quote! { let value = ::std::ops::Deref::deref(self); #checks },
                    nested,
                ))
            }
            None => bail!(
                "{SPEC_PATH}: {location}: a schema used in a request needs a `type` (or oneOf)"
            ),
        }
    }

    /// Checks for a value held in `expr` with Rust type `ty` against `schema` (inline or $ref).
    fn value_checks(
        &mut self,
        schema: &Value,
        expr: TokenStream,
        ty: &syn::Type,
        location: &str,
        nested: &mut Vec<String>,
    ) -> Result<TokenStream> {
        if let Some(inner) = option_inner(ty) {
            let checks = self.value_checks(schema, quote!(value), inner, location, nested)?;
            if checks.is_empty() {
                return Ok(checks);
            }
            return Ok(quote!(if let Some(value) = (#expr).as_ref() { #checks }));
        }
        if let Some(name) = schema_ref_name(schema) {
            if self.replacements.contains_key(name) {
                let target = self.schema(name)?.clone();
                return self.inline_checks(
                    &target,
                    expr,
                    ty,
                    &format!("components.schemas.{name}"),
                    nested,
                );
            }
            if self.needs_impl(name)? {
                nested.push(name.to_owned());
                return Ok(quote!(Validate::validate_at(#expr, &at)?;));
            }
            return Ok(TokenStream::new());
        }
        if let Some(all_of) = schema.get("allOf").and_then(Value::as_array) {
            // `allOf: [$ref]` with `nullable`: the Option is already unwrapped above.
            if let [single] = all_of.as_slice() {
                return self.value_checks(single, expr, ty, location, nested);
            }
            bail!(
                "{SPEC_PATH}: {location}: allOf with more than one schema is not supported in requests"
            );
        }
        self.inline_checks(schema, expr, ty, location, nested)
    }

    /// Whether a named schema gets a `Validate` impl (it, or something it holds, has a constraint).
    fn needs_impl(&self, name: &str) -> Result<bool> {
        let mut seen = BTreeSet::new();
        self.constrained(name, &mut seen)
    }

    fn constrained(&self, name: &str, seen: &mut BTreeSet<String>) -> Result<bool> {
        if !seen.insert(name.to_owned()) {
            return Ok(false);
        }
        let schema = self.schema(name)?;
        Ok(self.value_constrained(schema, seen)?
            || matches!(
                self.replacements.get(name),
                Some(Replacement::OpenEnum { .. })
            ))
    }

    fn value_constrained(&self, schema: &Value, seen: &mut BTreeSet<String>) -> Result<bool> {
        if let Some(name) = schema_ref_name(schema) {
            return self.constrained(name, seen);
        }
        let Some(map) = schema.as_object() else {
            return Ok(false);
        };
        if map
            .keys()
            .any(|k| CONSTRAINT_KEYWORDS.contains(&k.as_str()) || k.starts_with("x-nexevo-"))
            || (map.contains_key("enum")
                && map.get("type").and_then(Value::as_str) != Some("boolean"))
        {
            return Ok(true);
        }
        for child in map
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|p| p.values())
        {
            if self.value_constrained(child, seen)? {
                return Ok(true);
            }
        }
        for key in ["items", "additionalProperties"] {
            if let Some(child) = map.get(key)
                && self.value_constrained(child, seen)?
            {
                return Ok(true);
            }
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            for child in map.get(key).and_then(Value::as_array).into_iter().flatten() {
                if self.value_constrained(child, seen)? {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// Checks of an inline schema's own constraints.
    pub(crate) fn inline_checks(
        &mut self,
        schema: &Value,
        expr: TokenStream,
        ty: &syn::Type,
        location: &str,
        nested: &mut Vec<String>,
    ) -> Result<TokenStream> {
        let holder = holder_of(ty, self.replacements, schema);
        let kind = schema.get("type").and_then(Value::as_str);
        let mut checks = Vec::new();
        match kind {
            Some("string") => {
                let text = match holder {
                    Holder::Text => quote!(::std::convert::AsRef::<str>::as_ref(#expr)),
                    Holder::Secret => quote!(#expr.expose()),
                    Holder::DecimalString => quote!(&#expr.to_string()),
                    Holder::OpenEnum => {
                        checks.push(quote!(check::known(#expr, &at)?;));
                        return Ok(quote!(#(#checks)*));
                    }
                    Holder::Opaque => return Ok(TokenStream::new()),
                    other => bail!("{SPEC_PATH}: {location}: a string schema held as {other:?}"),
                };
                let min = u64_keyword(schema, "minLength", location)?;
                let max = u64_keyword(schema, "maxLength", location)?;
                if min.is_some() || max.is_some() {
                    let min = option_tokens(min);
                    let max = option_tokens(max);
                    checks.push(quote!(check::length(#text, #min, #max, &at)?;));
                }
                if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
                    regress::Regex::new(pattern).map_err(|e| {
                        anyhow!(
                            "{SPEC_PATH}: {location}: pattern `{pattern}` is not a valid regex: {e}"
                        )
                    })?;
                    pattern::compile(pattern)
                        .map_err(|e| anyhow!("{SPEC_PATH}: {location}: {e:#}"))?;
                    let index = match self.patterns.iter().position(|p| p == pattern) {
                        Some(index) => index,
                        None => {
                            self.patterns.push(pattern.to_owned());
                            self.patterns.len() - 1
                        }
                    };
                    let ident = format_ident!("PATTERN_{index}");
                    match schema.get("x-nexevo-pattern-says").and_then(Value::as_str) {
                        Some(says) => {
                            checks.push(quote!(check::pattern_said(#text, &#ident, #says, &at)?;))
                        }
                        None => checks.push(quote!(check::pattern(#text, &#ident, &at)?;)),
                    }
                }
                if let Some(values) = schema.get("enum").and_then(Value::as_array) {
                    let values: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
                    checks.push(quote!(check::one_of_str(#text, &[#(#values),*], &at)?;));
                }
            }
            Some("integer") => {
                let value = quote!(i128::from(*#expr));
                if let Some(values) = schema.get("enum").and_then(Value::as_array) {
                    let values: Vec<i128> = values
                        .iter()
                        .filter_map(Value::as_i64)
                        .map(i128::from)
                        .collect();
                    checks.push(quote!(check::one_of_int(#value, &[#(#values),*], &at)?;));
                }
                let (min, max) = (schema.get("minimum"), schema.get("maximum"));
                if min.is_some() || max.is_some() {
                    let min = int_bound(min, schema, "exclusiveMinimum", location)?;
                    let max = int_bound(max, schema, "exclusiveMaximum", location)?;
                    checks.push(quote!(check::int_range(#value, #min, #max, &at)?;));
                }
            }
            Some("number") => {
                let (min, max) = (schema.get("minimum"), schema.get("maximum"));
                match holder {
                    Holder::DecimalNumber => {
                        if min.is_some() || max.is_some() {
                            let min = decimal_bound(min, schema, "exclusiveMinimum", location)?;
                            let max = decimal_bound(max, schema, "exclusiveMaximum", location)?;
                            checks.push(
                                quote!(check::decimal_range(#expr.value(), #min, #max, &at)?;),
                            );
                        }
                        if let Some(places) =
                            u64_keyword(schema, "x-nexevo-max-decimal-places", location)?
                        {
                            let places = u32::try_from(places)?;
                            checks
                                .push(quote!(check::decimal_places(#expr.value(), #places, &at)?;));
                        }
                    }
                    Holder::Float => {
                        if min.is_some() || max.is_some() {
                            let min = float_bound(min, schema, "exclusiveMinimum", location)?;
                            let max = float_bound(max, schema, "exclusiveMaximum", location)?;
                            checks.push(quote!(check::float_range(*#expr, #min, #max, &at)?;));
                        }
                    }
                    other => bail!("{SPEC_PATH}: {location}: a number schema held as {other:?}"),
                }
            }
            Some("array") => {
                let min = u64_keyword(schema, "minItems", location)?;
                let max = u64_keyword(schema, "maxItems", location)?;
                if min.is_some() || max.is_some() {
                    let min = option_tokens(min);
                    let max = option_tokens(max);
                    checks.push(quote!(check::items(#expr.len(), #min, #max, &at)?;));
                }
                if schema.get("uniqueItems").and_then(Value::as_bool) == Some(true) {
                    checks.push(quote!(check::unique(#expr, &at)?;));
                }
                let item_ty = vec_inner(ty).ok_or_else(|| {
                    anyhow!("{SPEC_PATH}: {location}: an array not held as a Vec")
                })?;
                if let Some(items) = schema.get("items") {
                    let item_checks = self.value_checks(
                        items,
                        quote!(value),
                        item_ty,
                        &format!("{location}.items"),
                        nested,
                    )?;
                    if !item_checks.is_empty() {
                        checks.push(quote! {
                            for (index, value) in #expr.iter().enumerate() {
                                let at = at.index(index);
                                #item_checks
                            }
                        });
                    }
                }
            }
            Some("object") => {
                if schema.get("properties").is_some() {
                    bail!(
                        "{SPEC_PATH}: {location}: objects with properties in a request must be named schemas"
                    );
                }
                if let Some(max) = u64_keyword(schema, "maxProperties", location)? {
                    checks.push(quote!(check::properties(#expr.len(), #max, &at)?;));
                }
                if let Some(max) = u64_keyword(schema, "x-nexevo-max-serialized-bytes", location)? {
                    checks.push(quote!(check::serialized_size(#expr, #max, &at)?;));
                }
            }
            Some("boolean") | None => {}
            Some(other) => bail!("{SPEC_PATH}: {location}: unsupported type `{other}`"),
        }
        Ok(quote!(#(#checks)*))
    }
}
