//! Generates `validate.rs`: a `Validate` impl for every type a request body can hold, and a
//! validator for every shared parameter, checking each constraint the spec states.
//!
//! The SDK runs them before sending (a typed error, nothing sent) and the sandbox runs the same
//! code on what it receives (a 422 naming the field), so the two can never disagree.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, anyhow, bail};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use crate::codegen::{Gating, Replacement};
use crate::spec::{SPEC_PATH, Spec, schema_ref_name, snake_case};

/// Generates the contents of `validate.rs`.
pub fn generate(
    spec: &Spec,
    replacements: &BTreeMap<String, Replacement>,
    types: &BTreeMap<String, Vec<syn::Item>>,
    gating: &Gating,
) -> Result<TokenStream> {
    let mut generator = Generator {
        spec,
        replacements,
        types,
        patterns: Vec::new(),
    };

    // Every component schema reachable from a request body.
    let mut worklist: Vec<String> = Vec::new();
    for op in &spec.operations {
        let Some(operation) = spec.doc.pointer(&op_pointer(op)) else {
            continue;
        };
        if let Some(body) = operation.get("requestBody") {
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
        let (body, nested) = generator.type_impl(&name)?;
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

    let params = generator.parameter_validators(gating)?;
    let mut patterns = Vec::new();
    let mut pattern_idents = Vec::new();
    for (index, source) in generator.patterns.iter().enumerate() {
        let ident = format_ident!("PATTERN_{index}");
        // Compiled (and refused if unsupported) where the pattern was first met.
        let steps = crate::pattern::tokens(&crate::pattern::compile(source)?);
        patterns.push(quote!(static #ident: Pattern = Pattern::new(#source, #steps);));
        pattern_idents.push(ident);
    }

    Ok(quote! {
        #[allow(unused_imports)]
        use crate::types;
        #[allow(unused_imports)]
        use crate::validation::{check, Class, FieldPath, Pattern, Step, Validate, ValidationError};

        #(#impls)*

        /// Validators for the shared parameters (path, query and header), named after them.
        pub mod params {
            #[allow(unused_imports)]
            use super::*;
            #params
        }

        #(#[allow(dead_code)] #patterns)*

        /// Every pattern, for the test that checks each against a regex engine.
        #[cfg(test)]
        pub(crate) static PATTERNS: &[&Pattern] = &[#(&#pattern_idents),*];
    })
}

fn op_pointer(op: &crate::spec::Operation) -> String {
    format!(
        "/paths/{}/{}",
        op.path.replace('~', "~0").replace('/', "~1"),
        op.http_method.to_ascii_lowercase()
    )
}

struct Generator<'a> {
    spec: &'a Spec,
    replacements: &'a BTreeMap<String, Replacement>,
    types: &'a BTreeMap<String, Vec<syn::Item>>,
    /// Regex sources, one static each.
    patterns: Vec<String>,
}

/// How a value is held in Rust, which decides how its checks read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holder {
    /// `String` or a newtype that derefs to one.
    Text,
    /// `crate::Secret`.
    Secret,
    /// `rust_decimal::Decimal`: checked in its JSON (string) form.
    DecimalString,
    /// `crate::DecimalNumber`.
    DecimalNumber,
    /// An open enum.
    OpenEnum,
    /// Any integer type.
    Integer,
    /// `f64`.
    Float,
    /// `Vec<_>`.
    List,
    /// `serde_json::Map`.
    Map,
    /// Nothing to check (booleans, timestamps).
    Opaque,
    /// A generated type with its own `Validate` impl.
    Validated,
}

impl Generator<'_> {
    fn schema(&self, name: &str) -> Result<&Value> {
        self.spec
            .schemas()
            .get(name)
            .ok_or_else(|| anyhow!("{SPEC_PATH}: no components.schemas.{name}"))
    }

    /// The body of `Validate::validate_at` for a generated type, and the types it recurses into.
    fn type_impl(&mut self, name: &str) -> Result<(TokenStream, Vec<String>)> {
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
            .any(|k| CONSTRAINTS.contains(&k.as_str()) || k.starts_with("x-nexevo-"))
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
    fn inline_checks(
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
                    crate::pattern::compile(pattern)
                        .map_err(|e| anyhow!("{SPEC_PATH}: {location}: {e:#}"))?;
                    let index = match self.patterns.iter().position(|p| p == pattern) {
                        Some(index) => index,
                        None => {
                            self.patterns.push(pattern.to_owned());
                            self.patterns.len() - 1
                        }
                    };
                    let ident = format_ident!("PATTERN_{index}");
                    checks.push(quote!(check::pattern(#text, &#ident, &at)?;));
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

    /// One function per shared parameter that has constraints, gated on the areas using it.
    fn parameter_validators(&mut self, gating: &Gating) -> Result<TokenStream> {
        let Some(parameters) = self
            .spec
            .doc
            .pointer("/components/parameters")
            .and_then(Value::as_object)
        else {
            return Ok(TokenStream::new());
        };
        let parameters = parameters.clone();
        let mut users: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for op in &self.spec.operations {
            let operation = self.spec.doc.pointer(&op_pointer(op));
            let path_item = self.spec.doc.pointer(
                &op_pointer(op)
                    .rsplit_once('/')
                    .map(|(p, _)| p.to_owned())
                    .unwrap_or_default(),
            );
            for list in [
                operation.and_then(|o| o.get("parameters")),
                path_item.and_then(|p| p.get("parameters")),
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
            let resolved = self.spec.resolve(schema).clone();
            let (arg_ty, value_ty): (TokenStream, syn::Type) =
                match resolved.get("type").and_then(Value::as_str) {
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
                    _ => bail!(
                        "{SPEC_PATH}: {location}: only string and integer parameters are supported"
                    ),
                };
            let mut nested = Vec::new();
            let value_expr = if arg_ty.to_string() == "& str" {
                quote!(value)
            } else {
                quote!(&value)
            };
            let checks =
                self.inline_checks(&resolved, value_expr, &value_ty, &location, &mut nested)?;
            let function = format_ident!("{}", snake_case(name));
            let doc = format!("Checks the `{wire_name}` parameter against the spec.");
            let cfg = gating.cfg(areas);
            functions.push(quote! {
                #cfg
                #[doc = #doc]
                pub fn #function(value: #arg_ty) -> Result<(), ValidationError> {
                    let at = FieldPath::top(#wire_name);
                    #checks
                    let _ = (&at, &value);
                    Ok(())
                }
            });
        }
        Ok(quote!(#(#functions)*))
    }
}

const CONSTRAINTS: [&str; 12] = [
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
];

fn holder_of(
    ty: &syn::Type,
    replacements: &BTreeMap<String, Replacement>,
    schema: &Value,
) -> Holder {
    let text = quote!(#ty).to_string().replace(' ', "");
    if text.contains("Secret") {
        return Holder::Secret;
    }
    if text.ends_with("Decimal") {
        return Holder::DecimalString;
    }
    if text.ends_with("DecimalNumber") {
        return Holder::DecimalNumber;
    }
    // A timestamp or a date is well formed by construction; a bool has no constraints.
    if ["crate::Timestamp", "crate::Date", "bool"].contains(&text.as_str()) {
        return Holder::Opaque;
    }
    if is_vec(ty) {
        return Holder::List;
    }
    if text.ends_with("Map<::std::string::String,::serde_json::Value>") {
        return Holder::Map;
    }
    if ["f64", "f32"].contains(&text.as_str()) {
        return Holder::Float;
    }
    if [
        "u8",
        "u16",
        "u32",
        "u64",
        "i8",
        "i16",
        "i32",
        "i64",
        "::std::num::NonZeroU32",
        "::std::num::NonZeroU64",
    ]
    .contains(&text.as_str())
    {
        return Holder::Integer;
    }
    let last = last_segment(ty);
    if matches!(replacements.get(&last), Some(Replacement::OpenEnum { .. })) {
        return Holder::OpenEnum;
    }
    if schema.get("type").and_then(Value::as_str) == Some("string") {
        return Holder::Text;
    }
    Holder::Validated
}

pub(crate) fn struct_fields(
    rust_struct: &syn::ItemStruct,
) -> BTreeMap<String, (syn::Ident, syn::Type)> {
    let mut out = BTreeMap::new();
    for field in &rust_struct.fields {
        let Some(ident) = &field.ident else { continue };
        let mut wire = ident.to_string().trim_start_matches("r#").to_owned();
        for attr in &field.attrs {
            if attr.path().is_ident("serde") {
                let _ = attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("rename") {
                        let value: syn::LitStr = meta.value()?.parse()?;
                        wire = value.value();
                    } else if meta.input.peek(syn::Token![=]) {
                        let _: syn::Expr = meta.value()?.parse()?;
                    }
                    Ok(())
                });
            }
        }
        out.insert(wire, (ident.clone(), field.ty.clone()));
    }
    out
}

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

pub(crate) fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    generic_arg(ty, "Option")
}

pub(crate) fn vec_inner(ty: &syn::Type) -> Option<&syn::Type> {
    generic_arg(ty, "Vec")
}

fn is_vec(ty: &syn::Type) -> bool {
    vec_inner(ty).is_some()
}

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

fn u64_keyword(schema: &Value, keyword: &str, location: &str) -> Result<Option<u64>> {
    match schema.get(keyword) {
        None => Ok(None),
        Some(value) => value.as_u64().map(Some).ok_or_else(|| {
            anyhow!("{SPEC_PATH}: {location}.{keyword} must be a non-negative integer")
        }),
    }
}

fn option_tokens(value: Option<u64>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn exclusive(schema: &Value, keyword: &str) -> bool {
    schema.get(keyword).and_then(Value::as_bool) == Some(true)
}

fn int_bound(
    bound: Option<&Value>,
    schema: &Value,
    exclusive_keyword: &str,
    location: &str,
) -> Result<TokenStream> {
    let Some(bound) = bound else {
        return Ok(quote!(None));
    };
    let value = bound
        .as_i64()
        .ok_or_else(|| anyhow!("{SPEC_PATH}: {location}: integer bounds must be integers"))?;
    let value = i128::from(value);
    let text = bound.to_string();
    let exclusive = exclusive(schema, exclusive_keyword);
    Ok(quote!(Some(check::Bound { value: #value, text: #text, exclusive: #exclusive })))
}

fn float_bound(
    bound: Option<&Value>,
    schema: &Value,
    exclusive_keyword: &str,
    location: &str,
) -> Result<TokenStream> {
    let Some(bound) = bound else {
        return Ok(quote!(None));
    };
    let value = bound
        .as_f64()
        .ok_or_else(|| anyhow!("{SPEC_PATH}: {location}: bounds must be numbers"))?;
    let text = bound.to_string();
    let exclusive = exclusive(schema, exclusive_keyword);
    Ok(quote!(Some(check::Bound { value: #value, text: #text, exclusive: #exclusive })))
}

/// A decimal bound as `Decimal::from_i128_with_scale(mantissa, scale)`, from the spec's literal text.
fn decimal_bound(
    bound: Option<&Value>,
    schema: &Value,
    exclusive_keyword: &str,
    location: &str,
) -> Result<TokenStream> {
    let Some(bound) = bound else {
        return Ok(quote!(None));
    };
    let text = bound.to_string();
    let (mantissa, scale) = decimal_parts(&text).ok_or_else(|| {
        anyhow!("{SPEC_PATH}: {location}: bound `{text}` is not a plain decimal number")
    })?;
    let exclusive = exclusive(schema, exclusive_keyword);
    Ok(quote!(Some(check::Bound {
        value: ::rust_decimal::Decimal::from_i128_with_scale(#mantissa, #scale),
        text: #text,
        exclusive: #exclusive,
    })))
}

fn decimal_parts(text: &str) -> Option<(i128, u32)> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = format!("{whole}{fraction}");
    let mantissa: i128 = digits.parse().ok()?;
    let scale = u32::try_from(fraction.len()).ok()?;
    (scale <= 28).then_some((mantissa, scale))
}
