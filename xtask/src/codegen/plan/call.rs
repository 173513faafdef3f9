//! A planned call: what it takes (positional arguments and setters, each an [`Input`]), what
//! it checks, how it builds its request, and what it answers.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use crate::codegen::model::Area;
use crate::spec::Operation;

/// How an argument's value is taken and stored.
#[derive(Debug, Clone)]
pub(crate) enum Conv {
    /// `impl Into<T>`.
    Into,
    /// `T` as it is.
    Value,
    /// A `Decimal`, stored as `DecimalNumber`.
    DecimalNumber,
    /// `impl IntoIterator<Item = impl Into<T>>`, stored as `Vec<T>`.
    IterInto(syn::Type),
    /// A `serde_json::Value` that must be a JSON object, stored as the newtype around its map.
    JsonObject(syn::Type),
}

/// Where an argument's value goes.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    /// A field of the builder (a parameter).
    Field,
    /// A field of the request body.
    Body,
}

/// One argument of a call: positional, or a setter.
#[derive(Debug, Clone)]
pub(crate) struct Input {
    /// The Rust name of the argument or setter.
    pub(crate) name: syn::Ident,
    /// The field it fills (of the builder or of the body).
    pub(crate) field: syn::Ident,
    pub(crate) target: Target,
    /// The type held (without `Option`), as the area crate names it.
    pub(crate) ty: syn::Type,
    /// Whether the held slot is an `Option`.
    pub(crate) optional: bool,
    pub(crate) conv: Conv,
    /// Its description, with its bounds.
    pub(crate) doc: String,
    /// The spec's example value for it.
    pub(crate) example: Option<Value>,
}

impl Input {
    /// The type the call takes it as (`impl Into<String>`).
    pub(crate) fn arg_type(&self) -> TokenStream {
        let ty = &self.ty;
        match &self.conv {
            Conv::Into => quote!(impl ::std::convert::Into<#ty>),
            Conv::Value => quote!(#ty),
            Conv::DecimalNumber => quote!(::nexevo_api::Decimal),
            Conv::IterInto(item) => {
                quote!(impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<#item>>)
            }
            Conv::JsonObject(_) => quote!(::serde_json::Value),
        }
    }
}

/// What the call answers.
#[derive(Debug, Clone)]
pub(crate) enum Answer {
    /// The response body as it is.
    Body,
    /// A field of the response body.
    Field(syn::Ident),
    /// A page of a list: the body's `data` and `next_cursor`.
    Page,
}

/// Where the `Idempotency-Key` of a call comes from.
#[derive(Debug, Clone)]
pub(crate) enum IdempotencyKey {
    /// A GET sends none.
    None,
    /// The call's options (the caller's, or a fresh one).
    Options,
    /// A body field that doubles as the key.
    BodyField(syn::Ident),
}

/// The request body's type, and each of its fields with its initial value (empty for a field a
/// positional argument fills).
pub(crate) type Body = (syn::Type, Vec<(syn::Ident, TokenStream)>);

/// Everything needed to write one operation's call.
pub(crate) struct Plan {
    pub(crate) op: Operation,
    pub(crate) method: syn::Ident,
    pub(crate) builder: syn::Ident,
    pub(crate) summary: String,
    pub(crate) description: String,
    /// Builder fields for parameters, with their types (`Option<T>` when optional).
    pub(crate) param_fields: Vec<(syn::Ident, syn::Type)>,
    pub(crate) positional: Vec<Input>,
    pub(crate) setters: Vec<Input>,
    /// The body type and its fields' initial values.
    pub(crate) body: Option<Body>,
    /// Parameter checks, run before anything is sent.
    pub(crate) checks: Vec<TokenStream>,
    /// Whether a setter can refuse its value (a JSON object that is not one), which the call
    /// then reports before sending.
    pub(crate) needs_invalid: bool,
    pub(crate) idempotency: IdempotencyKey,
    /// Whether the call sends the client's `Nexevo-Organization`.
    pub(crate) organization: bool,
    /// progenitor's `<operation>_request`, which builds the request.
    pub(crate) api_request: syn::Ident,
    /// The value passed for each of its arguments, in order.
    pub(crate) api_args: Vec<TokenStream>,
    /// The status of a successful answer, and its body's type.
    pub(crate) success: (u16, syn::Type),
    /// What the call answers, as the area crate names it.
    pub(crate) output: syn::Type,
    pub(crate) answer: Answer,
    /// For a list, the item type.
    pub(crate) item: Option<syn::Type>,
}

/// An area's calls, planned.
pub(crate) struct PlannedArea {
    pub(crate) area: Area,
    /// One plan per operation with a generated call, in the spec's order.
    pub(crate) plans: Vec<Plan>,
    /// The operations whose call is written by hand, with where (`x-nexevo-hand-written`).
    pub(crate) hand_written: Vec<(Operation, String)>,
}
