//! How a checked value is held in Rust, and the spec's bounds as the tokens the checks take.

use std::collections::BTreeMap;

use anyhow::{Result, anyhow};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use crate::codegen::model::Replacement;
use crate::codegen::syntax::{is_vec, last_segment, render_tokens};
use crate::spec::{SPEC_PATH, decimal_parts};

/// How a value is held in Rust, which decides how its checks read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holder {
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

/// How a value of type `ty` (with schema `schema`) is held.
pub(crate) fn holder_of(
    ty: &syn::Type,
    replacements: &BTreeMap<String, Replacement>,
    schema: &Value,
) -> Holder {
    let text = render_tokens(ty);
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

/// A keyword's non-negative integer, if the schema states it.
pub(crate) fn u64_keyword(schema: &Value, keyword: &str, location: &str) -> Result<Option<u64>> {
    match schema.get(keyword) {
        None => Ok(None),
        Some(value) => value.as_u64().map(Some).ok_or_else(|| {
            anyhow!("{SPEC_PATH}: {location}.{keyword} must be a non-negative integer")
        }),
    }
}

/// `Some(value)` or `None` as tokens.
pub(crate) fn option_tokens(value: Option<u64>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn exclusive(schema: &Value, keyword: &str) -> bool {
    schema.get(keyword).and_then(Value::as_bool) == Some(true)
}

/// `bound` as a `check::Bound` whose value `value` writes from the spec's number, exclusive
/// when `exclusive_keyword` says so; `None` when there is no bound.
fn bound_tokens(
    bound: Option<&Value>,
    schema: &Value,
    exclusive_keyword: &str,
    value: impl FnOnce(&Value, &str) -> Result<TokenStream>,
) -> Result<TokenStream> {
    let Some(bound) = bound else {
        return Ok(quote!(None));
    };
    let text = bound.to_string();
    let value = value(bound, &text)?;
    let exclusive = exclusive(schema, exclusive_keyword);
    Ok(quote!(Some(check::Bound { value: #value, text: #text, exclusive: #exclusive })))
}

/// An integer bound as a `check::Bound`, exclusive when `exclusive_keyword` says so.
pub(crate) fn int_bound(
    bound: Option<&Value>,
    schema: &Value,
    exclusive_keyword: &str,
    location: &str,
) -> Result<TokenStream> {
    bound_tokens(bound, schema, exclusive_keyword, |bound, _| {
        let value = bound
            .as_i64()
            .ok_or_else(|| anyhow!("{SPEC_PATH}: {location}: integer bounds must be integers"))?;
        let value = i128::from(value);
        Ok(quote!(#value))
    })
}

/// A number bound as a `check::Bound`, exclusive when `exclusive_keyword` says so.
pub(crate) fn float_bound(
    bound: Option<&Value>,
    schema: &Value,
    exclusive_keyword: &str,
    location: &str,
) -> Result<TokenStream> {
    bound_tokens(bound, schema, exclusive_keyword, |bound, _| {
        let value = bound
            .as_f64()
            .ok_or_else(|| anyhow!("{SPEC_PATH}: {location}: bounds must be numbers"))?;
        Ok(quote!(#value))
    })
}

/// A decimal bound as `Decimal::from_i128_with_scale(mantissa, scale)`, from the spec's literal text.
pub(crate) fn decimal_bound(
    bound: Option<&Value>,
    schema: &Value,
    exclusive_keyword: &str,
    location: &str,
) -> Result<TokenStream> {
    bound_tokens(bound, schema, exclusive_keyword, |_, text| {
        let (mantissa, scale) = decimal_parts(text).ok_or_else(|| {
            anyhow!("{SPEC_PATH}: {location}: bound `{text}` is not a plain decimal number")
        })?;
        Ok(quote!(::rust_decimal::Decimal::from_i128_with_scale(#mantissa, #scale)))
    })
}
