//! The calls users make: for each area, `crates/nexevo-<area>/src/generated.rs` with the area's
//! handle (`client.keys()`), one builder per operation and their `Operation` impls, all from
//! the spec.
//!
//! How an operation becomes a call:
//! - **Method name:** the operationId in snake_case with the area's words removed
//!   (`createKey` in `keys` is `create`, `listInvoices` in `billing` is `list_invoices`), or the
//!   operation's `x-nexevo-method`.
//! - **Builder type:** the operationId in PascalCase (`CreateKey`), with `Call` appended when a
//!   schema has that name (`twoFaStatus` is `TwoFaStatusCall`).
//! - **Positional arguments**, in this order: the path parameters in path order, the required
//!   query parameters, then the body's required fields in the order of its `required` list, or
//!   the fields the operation's `x-nexevo-positional` lists, in its order.
//! - **Setters:** every other parameter and body field, named after it or after its entry in
//!   the operation's `x-nexevo-setters` map. `cursor` is `Paginated::cursor` on a list.
//! - **Lists:** an operation with `cursor` and `limit` query parameters whose answer is
//!   `{data, next_cursor}` answers a `Page` and is `Paginated`.
//! - **Answer:** the response body, or its field named by `x-nexevo-answer`.
//! - **Idempotency-Key:** every call but a GET sends one (the operation must declare the
//!   parameter): `Idempotent::idempotency_key` or a fresh one, unless `x-nexevo-idempotency-key`
//!   names a body field that doubles as the key (then that is the one setting).
//! - An operation marked `x-nexevo-hand-written: <where>` gets no generated call; its area crate
//!   writes it by hand.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use anyhow::{Context, Result, anyhow, bail};
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use serde_json::Value;
use syn::visit_mut::VisitMut;

use crate::codegen::Replacement;
use crate::spec::{Operation, SPEC_PATH, Spec, snake_case, variant_name};
use crate::validation::{generic_arg, last_segment, option_inner, struct_fields, vec_inner};

pub mod cli;

/// The Cargo feature (and facade module) of each tag whose feature is not the tag itself. The
/// one place a tag and its feature differ.
const FEATURE_OF_TAG: &[(&str, &str)] = &[("organizations", "orgs")];

/// The Cargo feature of a tag, in `nexevo-api` and `nexevo` alike.
pub fn feature_of(tag: &str) -> &str {
    FEATURE_OF_TAG
        .iter()
        .find(|(t, _)| *t == tag)
        .map_or(tag, |(_, feature)| feature)
}

/// The names [`crate::calls`] gives an area.
#[derive(Debug, Clone)]
pub struct Area {
    /// The spec's tag.
    pub tag: String,
    /// The Cargo feature of `nexevo` (and module `nexevo::<feature>`).
    pub feature: String,
    /// The area crate's package name, `nexevo-<feature>`.
    pub crate_name: String,
    /// The handle type (`Keys`): the tag's `x-nexevo-handle`, or the tag in PascalCase.
    pub handle: String,
    /// The extension trait that adds `client.<tag>()`.
    pub ext_trait: String,
    /// The tag's description.
    pub description: String,
}

impl Area {
    /// The area of a tag of the spec.
    pub fn of(spec: &Spec, tag: &str) -> Result<Self> {
        let declared = spec
            .doc
            .get("tags")
            .and_then(Value::as_array)
            .and_then(|tags| {
                tags.iter()
                    .find(|t| t.get("name").and_then(Value::as_str) == Some(tag))
            })
            .ok_or_else(|| anyhow!("{SPEC_PATH}: no tag `{tag}`"))?;
        let feature = feature_of(tag).to_owned();
        let pascal = variant_name(tag);
        Ok(Self {
            tag: tag.to_owned(),
            crate_name: format!("nexevo-{feature}"),
            feature,
            handle: declared
                .get("x-nexevo-handle")
                .and_then(Value::as_str)
                .map_or_else(|| pascal.clone(), str::to_owned),
            ext_trait: format!("{pascal}Ext"),
            description: declared
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        })
    }

    /// Where the area's generated calls are written, relative to the workspace root.
    pub fn generated_path(&self) -> String {
        format!("crates/{}/src/generated.rs", self.crate_name)
    }

    fn crate_ident(&self) -> syn::Ident {
        format_ident!("{}", self.crate_name.replace('-', "_"))
    }

    /// The words an operationId of this area drops: the tag, and the tag without its plural `s`.
    fn words(&self) -> Vec<String> {
        let mut words = vec![self.tag.clone()];
        if let Some(singular) = self.tag.strip_suffix('s') {
            words.push(singular.to_owned());
        }
        words
    }
}

/// Everything generated for the calls of the spec.
#[derive(Debug)]
pub struct Calls {
    /// Each area with its generated file's contents (not yet formatted) and its calls' digest.
    pub areas: Vec<(Area, TokenStream, String)>,
    /// The body of the e2e helper that makes every generated call once.
    pub every_call: TokenStream,
    /// The CLI's commands, one per generated call.
    pub cli: cli::Cli,
}

/// What the generator learned about the generated client and its types.
pub struct Inputs<'a> {
    /// The spec.
    pub spec: &'a Spec,
    /// progenitor's methods, by area.
    pub methods: &'a BTreeMap<String, Vec<syn::ImplItemFn>>,
    /// The generated types, by name.
    pub types: &'a BTreeMap<String, Vec<syn::Item>>,
    /// Schemas with a Rust type of their own.
    pub replacements: &'a BTreeMap<String, Replacement>,
}

/// Generates the calls of every area.
pub fn generate(inputs: &Inputs<'_>) -> Result<Calls> {
    let mut areas = Vec::new();
    let mut every_call = Vec::new();
    let mut planned = Vec::new();
    for tag in &inputs.spec.areas {
        let area = Area::of(inputs.spec, tag)?;
        let mut plans = Vec::new();
        let mut hand_written = Vec::new();
        for op in inputs.spec.operations.iter().filter(|op| &op.area == tag) {
            let operation = operation_value(inputs.spec, op);
            if let Some(place) = operation.get("x-nexevo-hand-written") {
                let place = place.as_str().ok_or_else(|| {
                    anyhow!(
                        "{SPEC_PATH}: {}: x-nexevo-hand-written says where the call is written",
                        op.location
                    )
                })?;
                hand_written.push((op, place.to_owned()));
                continue;
            }
            plans.push(
                Plan::new(inputs, &area, op).with_context(|| {
                    format!("{SPEC_PATH}: {} ({})", op.location, op.operation_id)
                })?,
            );
        }
        let mut names = BTreeSet::new();
        for plan in &plans {
            if !names.insert(plan.method.to_string()) {
                bail!(
                    "{SPEC_PATH}: two operations of `{tag}` are both called `{}`; give one an x-nexevo-method",
                    plan.method
                );
            }
        }
        let file = render_area(inputs, &area, &plans)?;
        let digest = digest(&area, &plans, &hand_written);
        for plan in &plans {
            every_call.push(plan.example_call(&area)?);
        }
        areas.push((area.clone(), file, digest));
        planned.push((area, plans));
    }
    Ok(Calls {
        areas,
        every_call: quote!(#(#every_call)*),
        cli: cli::generate(inputs, &planned)?,
    })
}

fn operation_value<'a>(spec: &'a Spec, op: &Operation) -> &'a Value {
    &spec.doc["paths"][&op.path][op.http_method.to_ascii_lowercase()]
}

// ---------------------------------------------------------------------------------- planning

/// How an argument's value is taken and stored.
#[derive(Debug, Clone)]
enum Conv {
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
enum Target {
    /// A field of the builder (a parameter).
    Field,
    /// A field of the request body.
    Body,
}

/// One argument of a call: positional, or a setter.
#[derive(Debug, Clone)]
struct Input {
    /// The Rust name of the argument or setter.
    name: syn::Ident,
    /// The field it fills (of the builder or of the body).
    field: syn::Ident,
    target: Target,
    /// The type held (without `Option`), as the area crate names it.
    ty: syn::Type,
    /// Whether the held slot is an `Option`.
    optional: bool,
    conv: Conv,
    doc: String,
    example: Option<Value>,
}

impl Input {
    fn arg_type(&self) -> TokenStream {
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

    /// The stored value made from the argument of the same name.
    fn value(&self) -> TokenStream {
        let name = &self.name;
        let value = match &self.conv {
            Conv::Into => quote!(#name.into()),
            Conv::Value => quote!(#name),
            Conv::DecimalNumber => quote!(::nexevo_api::DecimalNumber::new(#name)),
            Conv::IterInto(_) => {
                quote!(#name.into_iter().map(::std::convert::Into::into).collect())
            }
            Conv::JsonObject(_) => quote!(#name),
        };
        if self.optional {
            quote!(::std::option::Option::Some(#value))
        } else {
            value
        }
    }

    /// The place the value is stored, on a builder bound to `self`.
    fn place(&self) -> TokenStream {
        let field = &self.field;
        match self.target {
            Target::Field => quote!(self.#field),
            Target::Body => quote!(self.body.#field),
        }
    }

    fn rendered_type(&self) -> String {
        simplify(&self.arg_type())
    }
}

/// What the call answers.
#[derive(Debug, Clone)]
enum Answer {
    /// The response body as it is.
    Body,
    /// A field of the response body.
    Field(syn::Ident),
    /// A page of a list: the body's `data` and `next_cursor`.
    Page,
}

/// Where the `Idempotency-Key` of a call comes from.
#[derive(Debug, Clone)]
enum IdempotencyKey {
    /// A GET sends none.
    None,
    /// The call's options (the caller's, or a fresh one).
    Options,
    /// A body field that doubles as the key.
    BodyField(syn::Ident),
}

/// Everything needed to write one operation's call.
struct Plan {
    op: Operation,
    method: syn::Ident,
    builder: syn::Ident,
    summary: String,
    description: String,
    /// Builder fields for parameters, with their types (`Option<T>` when optional).
    param_fields: Vec<(syn::Ident, syn::Type)>,
    positional: Vec<Input>,
    setters: Vec<Input>,
    /// The body type and its fields' initial values.
    body: Option<Body>,
    /// Parameter checks, run before anything is sent.
    checks: Vec<TokenStream>,
    needs_invalid: bool,
    idempotency: IdempotencyKey,
    organization: bool,
    /// progenitor's `<operation>_request`, which builds the request.
    api_request: syn::Ident,
    api_args: Vec<TokenStream>,
    /// The status of a successful answer, and its body's type.
    success: (u16, syn::Type),
    output: syn::Type,
    answer: Answer,
    /// For a list, the item type.
    item: Option<syn::Type>,
}

/// A parameter of an operation, resolved.
struct Param {
    wire: String,
    component: String,
    location: String,
    required: bool,
    description: String,
    example: Option<Value>,
}

type Body = (syn::Type, Vec<(syn::Ident, TokenStream)>);

/// What planning one operation's call works from, and what it has gathered so far.
struct Planner<'a> {
    inputs: &'a Inputs<'a>,
    op: &'a Operation,
    /// The operation in the spec.
    operation: &'a Value,
    /// progenitor's method for it.
    progenitor: &'a syn::ImplItemFn,
    /// progenitor's arguments, by name, with their types.
    api_params: Vec<(syn::Ident, syn::Type)>,
    /// `x-nexevo-setters`: a field's setter name, or `None` for no setter.
    setter_names: BTreeMap<String, Option<String>>,
    param_fields: Vec<(syn::Ident, syn::Type)>,
    positional: Vec<Input>,
    setters: Vec<Input>,
    checks: Vec<TokenStream>,
    organization: bool,
    has_idempotency_param: bool,
    /// The value passed for each of progenitor's arguments, by name.
    arg_exprs: BTreeMap<String, TokenStream>,
    body: Option<Body>,
    needs_invalid: bool,
    body_fields_by_wire: BTreeMap<String, syn::Ident>,
}

impl<'a> Planner<'a> {
    fn new(inputs: &'a Inputs<'a>, op: &'a Operation) -> Result<Self> {
        let operation = operation_value(inputs.spec, op);
        let progenitor = inputs
            .methods
            .get(&op.area)
            .and_then(|methods| methods.iter().find(|m| m.sig.ident == op.method_name))
            .ok_or_else(|| anyhow!("progenitor generated no method `{}`", op.method_name))?;
        let api_params = progenitor
            .sig
            .inputs
            .iter()
            .filter_map(|input| match input {
                syn::FnArg::Typed(arg) => match &*arg.pat {
                    syn::Pat::Ident(ident) => Some((ident.ident.clone(), (*arg.ty).clone())),
                    _ => None,
                },
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        let setter_names = operation
            .get("x-nexevo-setters")
            .and_then(Value::as_object)
            .map(|map| {
                map.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().map(str::to_owned)))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Self {
            inputs,
            op,
            operation,
            progenitor,
            api_params,
            setter_names,
            param_fields: Vec::new(),
            positional: Vec::new(),
            setters: Vec::new(),
            checks: Vec::new(),
            organization: false,
            has_idempotency_param: false,
            arg_exprs: BTreeMap::new(),
            body: None,
            needs_invalid: false,
            body_fields_by_wire: BTreeMap::new(),
        })
    }

    fn text(&self, key: &str) -> String {
        self.operation
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim()
            .to_owned()
    }

    /// A field's setter: named after it, or as `x-nexevo-setters` says.
    fn setter_name(&self, wire: &str) -> syn::Ident {
        let name = self.setter_names.get(wire).cloned().flatten();
        format_ident!("{}", name.unwrap_or_else(|| snake_case(wire)))
    }

    /// Whether a field has a setter (`null` in `x-nexevo-setters`: a hand-written call sets it).
    fn has_setter(&self, wire: &str) -> bool {
        !matches!(self.setter_names.get(wire), Some(None))
    }

    /// The type of progenitor's argument `name`, as the area crate names it.
    fn api_type(&self, name: &str) -> Result<syn::Type> {
        self.api_params
            .iter()
            .find(|(ident, _)| ident == name)
            .map(|(_, ty)| external(self.inputs, &strip_reference(ty)))
            .ok_or_else(|| {
                anyhow!(
                    "progenitor's `{}` has no argument `{name}`",
                    self.op.method_name
                )
            })
    }

    /// Whether the operation is a list: `cursor` and `limit` in, `{data, next_cursor}` out.
    fn is_paginated(&self, params: &[Param]) -> Result<bool> {
        let has = |wire: &str| params.iter().any(|p| p.wire == wire);
        let response = success_schema(self.inputs.spec, self.operation)?;
        Ok(has("cursor")
            && has("limit")
            && response.is_some_and(|(schema, _)| {
                let schema = self.inputs.spec.resolve(&schema);
                schema
                    .pointer("/properties/data/type")
                    .and_then(Value::as_str)
                    == Some("array")
                    && schema.pointer("/properties/next_cursor").is_some()
            }))
    }

    /// One parameter: a header the SDK fills (the key, the organization), or a builder field,
    /// positional if required, a setter if not, checked before sending.
    fn parameter(&mut self, param: &Param, paginated: bool) -> Result<()> {
        let ident = format_ident!("{}", snake_case(&param.wire));
        let name = ident.to_string();
        match (param.location.as_str(), param.wire.as_str()) {
            ("header", "Idempotency-Key") => {
                self.has_idempotency_param = true;
                self.arg_exprs
                    .insert(name, quote!(::std::option::Option::Some(&key)));
                return Ok(());
            }
            ("header", "Nexevo-Organization") => {
                self.organization = true;
                self.arg_exprs.insert(name, quote!(organization));
                return Ok(());
            }
            ("header", _) if is_secret_parameter(self.inputs.spec, &param.component) => bail!(
                "the secret header `{}` needs a hand-written call (x-nexevo-hand-written), so it is never held in a Debug-printed builder",
                param.wire
            ),
            _ => {}
        }
        let api_ty = self.api_type(&name)?;
        let held = option_inner(&api_ty)
            .cloned()
            .unwrap_or_else(|| api_ty.clone());
        let held: syn::Type = match render_tokens(&held).as_str() {
            "&str" | "str" => syn::parse_quote!(::std::string::String),
            _ => held,
        };
        let optional = !param.required;
        let is_text = render_tokens(&held).ends_with("String");
        let field_ty: syn::Type = if optional {
            syn::parse_quote!(::std::option::Option<#held>)
        } else {
            held.clone()
        };
        self.param_fields.push((ident.clone(), field_ty));
        let by_ref = param.location == "path" || is_text || !is_copy(&held);
        let checked = if by_ref {
            quote!(value)
        } else {
            quote!(*value)
        };
        let validator = format_ident!("{}", snake_case(&param.component));
        let (check, expr) = if optional {
            (
                quote!(if let ::std::option::Option::Some(value) = &#ident { params::#validator(#checked)?; }),
                if is_text {
                    quote!(#ident.as_deref())
                } else {
                    quote!(#ident)
                },
            )
        } else {
            (
                quote!({ let value = &#ident; params::#validator(#checked)?; }),
                if by_ref {
                    quote!(&#ident)
                } else {
                    quote!(#ident)
                },
            )
        };
        self.checks.push(check);
        self.arg_exprs.insert(name, expr);
        if paginated && param.wire == "cursor" {
            return Ok(()); // set through `Paginated::cursor`
        }
        let input = Input {
            name: if param.required {
                ident.clone()
            } else {
                self.setter_name(&param.wire)
            },
            field: ident,
            target: Target::Field,
            conv: conv_of(self.inputs, &held),
            ty: held,
            optional,
            doc: param.description.clone(),
            example: param.example.clone(),
        };
        if param.required {
            self.positional.push(input);
        } else if self.has_setter(&param.wire) {
            self.setters.push(input);
        }
        Ok(())
    }

    /// The request body: its positional fields (after the parameters, in order), its setters,
    /// and the body's initial value.
    fn body(&mut self) -> Result<()> {
        let spec = self.inputs.spec;
        let Some((body_name, body_schema)) = request_body(spec, self.operation)? else {
            return Ok(());
        };
        let body_ty = self.api_type("body")?;
        let Some(syn::Item::Struct(rust_struct)) = self
            .inputs
            .types
            .get(&body_name)
            .and_then(|items| items.iter().find(|i| matches!(i, syn::Item::Struct(_))))
        else {
            bail!("the body `{body_name}` is not a struct with fields");
        };
        let fields = struct_fields(rust_struct);
        let names = |list: &Value| -> Result<Vec<String>> {
            list.as_array()
                .ok_or_else(|| anyhow!("a list of body fields is expected"))?
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| anyhow!("a body field's name is expected"))
                })
                .collect()
        };
        let required = body_schema
            .get("required")
            .map(names)
            .transpose()?
            .unwrap_or_default();
        let positional_fields = match self.operation.get("x-nexevo-positional") {
            Some(list) => names(list).context("x-nexevo-positional")?,
            None => required.clone(),
        };
        if let Some(wire) = required.iter().find(|w| !positional_fields.contains(w)) {
            bail!("the required body field `{wire}` must be positional");
        }
        let body_example = body_schema.get("example");
        let mut initial = Vec::new();
        let mut body_positional: BTreeMap<String, Input> = BTreeMap::new();
        for (wire, (field, ty)) in &fields {
            self.body_fields_by_wire.insert(wire.clone(), field.clone());
            let property = body_schema
                .pointer(&format!("/properties/{wire}"))
                .ok_or_else(|| anyhow!("the body `{body_name}` has no property `{wire}`"))?;
            let resolved = spec.resolve(property);
            let described = if property.get("$ref").is_some() {
                resolved
            } else {
                property
            };
            let description = property
                .get("description")
                .or_else(|| resolved.get("description"))
                .and_then(Value::as_str)
                .unwrap_or_default();
            let held_raw = option_inner(ty).cloned();
            let optional = held_raw.is_some();
            let held = external(self.inputs, &held_raw.unwrap_or_else(|| ty.clone()));
            let conv = conv_of(self.inputs, &held);
            let is_positional = positional_fields.contains(wire);
            initial.push((
                field.clone(),
                if is_positional {
                    TokenStream::new() // filled from the argument
                } else if optional {
                    quote!(::std::option::Option::None)
                } else {
                    quote!(::std::default::Default::default())
                },
            ));
            if matches!(conv, Conv::JsonObject(_)) {
                if is_positional {
                    bail!("the JSON object field `{wire}` cannot be positional");
                }
                self.needs_invalid = true;
            }
            let input = Input {
                name: if is_positional {
                    field.clone()
                } else {
                    self.setter_name(wire)
                },
                field: field.clone(),
                target: Target::Body,
                ty: held,
                optional,
                conv,
                doc: with_bounds(description, described),
                example: body_example
                    .and_then(|e| e.get(wire))
                    .or_else(|| property.get("example"))
                    .or_else(|| resolved.get("example"))
                    .cloned(),
            };
            if is_positional {
                body_positional.insert(wire.clone(), input);
            } else if self.has_setter(wire) {
                self.setters.push(input);
            }
        }
        for wire in &positional_fields {
            let input = body_positional.remove(wire).ok_or_else(|| {
                anyhow!("x-nexevo-positional names `{wire}`, which the body does not have")
            })?;
            self.positional.push(input);
        }
        self.arg_exprs.insert("body".to_owned(), quote!(&body));
        self.body = Some((body_ty, initial));
        Ok(())
    }

    /// Where the call's `Idempotency-Key` comes from.
    fn idempotency(&self) -> Result<IdempotencyKey> {
        if self.op.http_method == "GET" {
            return Ok(IdempotencyKey::None);
        }
        if !self.has_idempotency_param {
            bail!(
                "a {} call must declare the IdempotencyKey parameter: the SDK sends the key on every call but a GET",
                self.op.http_method
            );
        }
        Ok(
            match self
                .operation
                .get("x-nexevo-idempotency-key")
                .and_then(Value::as_str)
            {
                Some(wire) => IdempotencyKey::BodyField(
                    self.body_fields_by_wire.get(wire).cloned().ok_or_else(|| {
                        anyhow!(
                            "x-nexevo-idempotency-key names `{wire}`, which the body does not have"
                        )
                    })?,
                ),
                None => IdempotencyKey::Options,
            },
        )
    }

    /// The values of progenitor's arguments, in its order.
    fn api_args(&self) -> Result<Vec<TokenStream>> {
        self.api_params
            .iter()
            .map(|(ident, _)| {
                self.arg_exprs
                    .get(&ident.to_string())
                    .cloned()
                    .ok_or_else(|| anyhow!("no value for progenitor's argument `{ident}`"))
            })
            .collect()
    }

    /// The status of the operation's one successful answer, and the type of its body.
    fn success(&self) -> Result<(u16, syn::Type)> {
        let statuses: Vec<u16> = self
            .operation
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|responses| responses.keys())
            .filter_map(|status| status.parse::<u16>().ok())
            .filter(|status| (200..300).contains(status))
            .collect();
        let [status] = statuses[..] else {
            bail!(
                "{}: a call needs exactly one successful status, not {statuses:?}",
                self.op.location
            );
        };
        let returned = match &self.progenitor.sig.output {
            syn::ReturnType::Type(_, ty) => (**ty).clone(),
            syn::ReturnType::Default => syn::parse_quote!(()),
        };
        let value = generic_arg(&returned, "Result")
            .and_then(|ok| generic_arg(ok, "ResponseValue"))
            .ok_or_else(|| {
                anyhow!(
                    "progenitor's `{}` does not answer a ResponseValue",
                    self.op.method_name
                )
            })?;
        Ok((status, external(self.inputs, value)))
    }

    /// What the call answers: the body, a field of it, or a page of a list (and its item).
    /// `value` is the type of the successful answer's body ([`Planner::success`]).
    fn answer(
        &self,
        value: &syn::Type,
        paginated: bool,
    ) -> Result<(syn::Type, Answer, Option<syn::Type>)> {
        let value = value.clone();
        if paginated {
            let list_name = last_segment(&value);
            let data = list_field(self.inputs, &list_name, "data")?;
            let item =
                vec_inner(&data).ok_or_else(|| anyhow!("`{list_name}.data` is not a list"))?;
            let item = external(self.inputs, item);
            return Ok((
                syn::parse_quote!(::nexevo_core::Page<#item>),
                Answer::Page,
                Some(item),
            ));
        }
        match self
            .operation
            .get("x-nexevo-answer")
            .and_then(Value::as_str)
        {
            Some(field) => {
                let ty = list_field(self.inputs, &last_segment(&value), field)?;
                Ok((
                    external(self.inputs, &ty),
                    Answer::Field(format_ident!("{field}")),
                    None,
                ))
            }
            None => Ok((value, Answer::Body, None)),
        }
    }
}

impl Plan {
    fn new(inputs: &Inputs<'_>, area: &Area, op: &Operation) -> Result<Self> {
        let mut planner = Planner::new(inputs, op)?;
        // Path parameters in path order, then the rest as the spec lists them.
        let mut params = parameters(inputs.spec, op)?;
        params.sort_by_key(|p| match p.location.as_str() {
            "path" => op.path.find(&format!("{{{}}}", p.wire)).unwrap_or(0),
            _ => usize::MAX,
        });
        let paginated = planner.is_paginated(&params)?;
        for param in &params {
            planner.parameter(param, paginated)?;
        }
        planner.body()?;
        if let Some(name) = planner
            .setters
            .iter()
            .map(|s| s.name.to_string())
            .find(|name| RESERVED_SETTERS.contains(&name.as_str()))
        {
            bail!(
                "a setter may not be called `{name}`: that is a per-call option; rename it with x-nexevo-setters"
            );
        }
        let idempotency = planner.idempotency()?;
        let api_args = planner.api_args()?;
        let success = planner.success()?;
        let (output, answer, item) = planner.answer(&success.1, paginated)?;
        Ok(Self {
            method: format_ident!("{}", sdk_method_name(area, op, planner.operation)?),
            builder: builder_name(inputs.spec, op),
            summary: planner.text("summary"),
            description: planner.text("description"),
            op: op.clone(),
            param_fields: planner.param_fields,
            positional: planner.positional,
            setters: planner.setters,
            body: planner.body,
            checks: planner.checks,
            needs_invalid: planner.needs_invalid,
            idempotency,
            organization: planner.organization,
            api_request: format_ident!("{}_request", op.method_name),
            api_args,
            success,
            output,
            answer,
            item,
        })
    }

    /// Source of a call of this operation with the spec's example values.
    fn example(&self, area: &Area, module: &str) -> Result<String> {
        let args = self
            .positional
            .iter()
            .map(|input| example_text(input, module))
            .collect::<Result<Vec<_>>>()?;
        Ok(format!(
            "client.{}().{}({})",
            area.tag,
            self.method,
            args.join(", ")
        ))
    }

    /// A call of this operation with the spec's example values, its outcome ignored.
    fn example_call(&self, area: &Area) -> Result<TokenStream> {
        let call: syn::Expr =
            syn::parse_str(&self.example(area, &format!("::nexevo::{}", area.feature))?)
                .context("an example call does not parse")?;
        Ok(quote!(let _ = #call.await;))
    }
}

/// Setter names a call's own fields may not take: the per-call options of every builder.
const RESERVED_SETTERS: [&str; 6] = [
    "timeout",
    "retry_policy",
    "max_retries",
    "header",
    "idempotency_key",
    "with_meta",
];

/// The SDK's method name for an operation of `spec`.
pub fn method_name_of(spec: &Spec, op: &Operation) -> Result<String> {
    let area = Area::of(spec, &op.area)?;
    sdk_method_name(&area, op, operation_value(spec, op))
}

fn sdk_method_name(area: &Area, op: &Operation, operation: &Value) -> Result<String> {
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

fn builder_name(spec: &Spec, op: &Operation) -> syn::Ident {
    let pascal = variant_name(&op.method_name);
    if spec.schemas().contains_key(&pascal) {
        format_ident!("{pascal}Call")
    } else {
        format_ident!("{pascal}")
    }
}

fn parameters(spec: &Spec, op: &Operation) -> Result<Vec<Param>> {
    let item = &spec.doc["paths"][&op.path];
    let operation = operation_value(spec, op);
    let mut out = Vec::new();
    for list in [item.get("parameters"), operation.get("parameters")]
        .into_iter()
        .flatten()
    {
        for reference in list.as_array().into_iter().flatten() {
            let component = reference
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/parameters/"))
                .ok_or_else(|| anyhow!("parameters must be $refs to components.parameters"))?;
            let parameter = spec.resolve(reference);
            let get = |key: &str| {
                parameter
                    .get(key)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
            };
            let schema = parameter.get("schema").map(|s| spec.resolve(s));
            out.push(Param {
                wire: get("name").to_owned(),
                component: component.to_owned(),
                location: get("in").to_owned(),
                required: parameter
                    .get("required")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                description: with_bounds(get("description"), schema.unwrap_or(&Value::Null)),
                example: parameter
                    .get("example")
                    .or_else(|| schema.and_then(|s| s.get("example")))
                    .cloned(),
            });
        }
    }
    Ok(out)
}

/// A description with the schema's bounds and default after it, as a user wants to read them
/// on a setter: "Page size (1 to 100; 20 when not set)."
fn with_bounds(description: &str, schema: &Value) -> String {
    let description = description.trim().trim_end_matches('.');
    let number = |key: &str| schema.get(key).map(Value::to_string);
    let mut notes = Vec::new();
    // A description that gives numbers of its own already says its bounds.
    let says_bounds = description.contains(|c: char| c.is_ascii_digit());
    match (number("minimum"), number("maximum")) {
        _ if says_bounds => {}
        (Some(min), Some(max)) => notes.push(format!("{min} to {max}")),
        (None, Some(max)) => notes.push(format!("at most {max}")),
        _ => {}
    }
    match (number("minLength"), number("maxLength")) {
        _ if says_bounds => {}
        (Some(min), Some(max)) if min == max => notes.push(format!("{min} characters")),
        (Some(min), Some(max)) => notes.push(format!("{min} to {max} characters")),
        (None, Some(max)) => notes.push(format!("at most {max} characters")),
        _ => {}
    }
    if let Some(max) = number("maxItems").filter(|_| !says_bounds) {
        notes.push(format!("at most {max} items"));
    }
    if let Some(default) = schema.get("default") {
        notes.push(format!("{default} when not set"));
    }
    if notes.is_empty() {
        format!("{description}.")
    } else {
        format!("{description} ({}).", notes.join("; "))
    }
}

fn is_secret_parameter(spec: &Spec, component: &str) -> bool {
    spec.doc
        .pointer(&format!("/components/parameters/{component}/schema/format"))
        .and_then(Value::as_str)
        == Some("password")
}

/// The schema of the first 2xx JSON answer, if it has one, with its status.
fn success_schema(spec: &Spec, operation: &Value) -> Result<Option<(Value, String)>> {
    let Some(responses) = operation.get("responses").and_then(Value::as_object) else {
        return Ok(None);
    };
    for (status, response) in responses {
        if !status.starts_with('2') {
            continue;
        }
        let response = spec.resolve(response);
        if let Some(schema) = response.pointer("/content/application~1json/schema") {
            return Ok(Some((schema.clone(), status.clone())));
        }
    }
    Ok(None)
}

/// The body schema's name and its resolved schema.
fn request_body(spec: &Spec, operation: &Value) -> Result<Option<(String, Value)>> {
    let Some(body) = operation.get("requestBody") else {
        return Ok(None);
    };
    let body = spec.resolve(body);
    let schema = body
        .pointer("/content/application~1json/schema")
        .ok_or_else(|| anyhow!("the request body must be application/json"))?;
    let name = crate::spec::schema_ref_name(schema)
        .ok_or_else(|| anyhow!("the request body must be a $ref to a named schema"))?;
    Ok(Some((name.to_owned(), spec.resolve(schema).clone())))
}

/// The Rust type of a named struct's field (as the types module names it).
fn list_field(inputs: &Inputs<'_>, type_name: &str, wire: &str) -> Result<syn::Type> {
    let Some(syn::Item::Struct(rust_struct)) = inputs
        .types
        .get(type_name)
        .and_then(|items| items.iter().find(|i| matches!(i, syn::Item::Struct(_))))
    else {
        bail!("`{type_name}` is not a struct");
    };
    struct_fields(rust_struct)
        .get(wire)
        .map(|(_, ty)| ty.clone())
        .ok_or_else(|| anyhow!("`{type_name}` has no field `{wire}`"))
}

fn conv_of(inputs: &Inputs<'_>, held: &syn::Type) -> Conv {
    let text = render_tokens(held);
    if text.ends_with("::std::string::String") || text == "String" || text.ends_with("Secret") {
        return Conv::Into;
    }
    if text.ends_with("DecimalNumber") {
        return Conv::DecimalNumber;
    }
    if let Some(item) = vec_inner(held) {
        return Conv::IterInto(item.clone());
    }
    let name = last_segment(held);
    if let Some(syn::Item::Struct(newtype)) = inputs
        .types
        .get(&name)
        .and_then(|items| items.iter().find(|i| matches!(i, syn::Item::Struct(_))))
        && let syn::Fields::Unnamed(fields) = &newtype.fields
        && let Some(field) = fields.unnamed.first()
    {
        let inner = render_tokens(&field.ty);
        if inner.contains("Map<") {
            return Conv::JsonObject(held.clone());
        }
        if !matches!(
            inputs.replacements.get(&name),
            Some(Replacement::OpenEnum { .. })
        ) {
            return Conv::Into;
        }
    }
    Conv::Value
}

fn is_copy(ty: &syn::Type) -> bool {
    matches!(
        render_tokens(ty).as_str(),
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "bool"
    )
}

fn strip_reference(ty: &syn::Type) -> syn::Type {
    match ty {
        syn::Type::Reference(reference) => (*reference.elem).clone(),
        other => {
            // `Option<&'a str>` → `Option<&str>`: lifetimes do not belong in a builder.
            let mut ty = other.clone();
            StripLifetimes.visit_type_mut(&mut ty);
            ty
        }
    }
}

struct StripLifetimes;

impl VisitMut for StripLifetimes {
    fn visit_type_reference_mut(&mut self, reference: &mut syn::TypeReference) {
        reference.lifetime = None;
        syn::visit_mut::visit_type_reference_mut(self, reference);
    }
}

/// A type as the area crate names it: `crate::…` and `types::…` of the generated code become
/// `nexevo_api::…`, and a bare generated type `nexevo_api::types::…`.
fn external(inputs: &Inputs<'_>, ty: &syn::Type) -> syn::Type {
    struct Externalize<'a>(&'a BTreeMap<String, Vec<syn::Item>>);
    impl VisitMut for Externalize<'_> {
        fn visit_type_path_mut(&mut self, ty: &mut syn::TypePath) {
            syn::visit_mut::visit_type_path_mut(self, ty);
            let segments = &ty.path.segments;
            let first = segments
                .first()
                .map(|s| s.ident.to_string())
                .unwrap_or_default();
            if ty.path.leading_colon.is_some() {
                if first == "rust_decimal" {
                    ty.path = syn::parse_quote!(::nexevo_api::Decimal);
                }
                return;
            }
            let rest: Vec<&syn::PathSegment> = segments.iter().skip(1).collect();
            let path: syn::Path = if first == "crate" {
                syn::parse_quote!(::nexevo_api #(:: #rest)*)
            } else if first == "types" {
                syn::parse_quote!(::nexevo_api::types #(:: #rest)*)
            } else if segments.len() == 1 && self.0.contains_key(&first) {
                let only = &segments[0];
                syn::parse_quote!(::nexevo_api::types::#only)
            } else {
                return;
            };
            ty.path = path;
        }
    }
    let mut ty = ty.clone();
    Externalize(inputs.types).visit_type_mut(&mut ty);
    ty
}

fn render_tokens(tokens: &impl ToTokens) -> String {
    tokens.to_token_stream().to_string().replace(' ', "")
}

/// Rust source for an input's example value, naming types through `module` (`nexevo_keys`,
/// `nexevo::keys`).
fn example_text(input: &Input, module: &str) -> Result<String> {
    let example = input.example.as_ref().ok_or_else(|| {
        anyhow!(
            "`{}` has no example; the call's documentation needs one",
            input.name
        )
    })?;
    let type_name = last_segment(&input.ty);
    let is_decimal =
        matches!(input.conv, Conv::DecimalNumber) || render_tokens(&input.ty).ends_with("Decimal");
    Ok(match (&input.conv, example) {
        (_, value) if is_decimal => {
            let text = match value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            let (mantissa, scale) = decimal_parts(&text);
            format!("{module}::Decimal::new({mantissa}, {scale})")
        }
        (Conv::Into, Value::String(text)) => format!("{text:?}"),
        (Conv::Into, Value::Number(number)) => format!("{module}::{type_name}({number})"),
        (Conv::Value, Value::String(text)) => {
            format!("{module}::{type_name}::{}", variant_name(text))
        }
        (Conv::Value, Value::Number(number)) => number.to_string(),
        (Conv::Value, Value::Bool(flag)) => flag.to_string(),
        (Conv::IterInto(_), Value::Array(items)) => format!(
            "[{}]",
            items
                .iter()
                .map(|item| item.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (_, other) => bail!("no Rust form for the example {other} of `{}`", input.name),
    })
}

fn decimal_parts(text: &str) -> (i64, u32) {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = format!("{whole}{fraction}");
    (digits.parse().unwrap_or(0), fraction.len() as u32)
}

// ---------------------------------------------------------------------------------- rendering

fn doc_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.trim_end().to_owned())
        .collect()
}

fn render_area(inputs: &Inputs<'_>, area: &Area, plans: &[Plan]) -> Result<TokenStream> {
    let handle = format_ident!("{}", area.handle);
    let ext = format_ident!("{}", area.ext_trait);
    let accessor = format_ident!("{}", area.tag);
    let ext_doc = format!(
        "Adds [`{}()`]({}::{}) to the client.",
        area.tag, area.ext_trait, area.tag
    );
    let accessor_doc = format!("The `{}` calls: {}", area.tag, area.description);
    let handle_doc = format!("The `{}` calls of a client: {}", area.tag, area.description);

    let mut methods = Vec::new();
    let mut items = Vec::new();
    for plan in plans {
        let (method, builder) = render_call(area, plan)?;
        methods.push(method);
        items.push(builder);
    }
    let reexports = reexports(inputs, plans);
    Ok(quote! {
        #[allow(unused_imports)]
        use nexevo_api::validate::params;
        #[allow(unused_imports)]
        use nexevo_api::Validate;
        #[allow(unused_imports)]
        use nexevo_core::{awaitable, BoxFuture, CallOptions, Client, Idempotent, Operation, Page, Paginated, RequestOptions, Response, Result};

        #reexports

        #[doc = #ext_doc]
        pub trait #ext {
            #[doc = #accessor_doc]
            fn #accessor(&self) -> #handle;
        }

        impl #ext for Client {
            fn #accessor(&self) -> #handle {
                #handle { client: self.clone() }
            }
        }

        #[doc = #handle_doc]
        #[derive(Debug, Clone)]
        pub struct #handle {
            pub(crate) client: Client,
        }

        impl #handle {
            #(#methods)*
        }

        #(#items)*
    })
}

/// `pub use` of the types a user of the area meets: those its calls take and answer, and
/// every type they hold (request bodies and list wrappers, which the builders hide, are not
/// among them), plus the support types (`Decimal`, `Secret`, `Timestamp`, `Date`) they use.
fn reexports(inputs: &Inputs<'_>, plans: &[Plan]) -> TokenStream {
    struct Names(Vec<String>);
    impl<'ast> syn::visit::Visit<'ast> for Names {
        fn visit_path_segment(&mut self, segment: &'ast syn::PathSegment) {
            self.0.push(segment.ident.to_string());
            syn::visit::visit_path_segment(self, segment);
        }
    }
    let mut names = Names(Vec::new());
    for plan in plans {
        syn::visit::visit_type(&mut names, &plan.output);
        for input in plan.positional.iter().chain(&plan.setters) {
            syn::visit::visit_type(&mut names, &input.ty);
        }
    }
    let mut seen = BTreeSet::new();
    let mut stack = names.0;
    let mut used = BTreeSet::new();
    while let Some(name) = stack.pop() {
        used.insert(name.clone());
        if !seen.insert(name.clone()) {
            continue;
        }
        let mut inner = Names(Vec::new());
        for item in inputs.types.get(&name).into_iter().flatten() {
            match item {
                syn::Item::Struct(rust_struct) => {
                    for field in &rust_struct.fields {
                        syn::visit::visit_type(&mut inner, &field.ty);
                    }
                }
                syn::Item::Enum(rust_enum) => {
                    for field in rust_enum.variants.iter().flat_map(|v| &v.fields) {
                        syn::visit::visit_type(&mut inner, &field.ty);
                    }
                }
                _ => {}
            }
        }
        stack.extend(inner.0);
    }
    let hidden = ["Error", "ErrorDetail", "ErrorCode"];
    let types: Vec<syn::Ident> = seen
        .iter()
        .filter(|name| !hidden.contains(&name.as_str()))
        .filter(|name| {
            inputs.types.get(*name).into_iter().flatten().any(|item| {
                matches!(item, syn::Item::Struct(s) if s.ident == name.as_str())
                    || matches!(item, syn::Item::Enum(e) if e.ident == name.as_str())
            })
        })
        .map(|name| format_ident!("{name}"))
        .collect();
    let support: Vec<syn::Ident> = [
        ("Decimal", &["Decimal", "DecimalNumber"][..]),
        ("Secret", &["Secret"][..]),
        ("Timestamp", &["Timestamp"][..]),
        ("Date", &["Date"][..]),
    ]
    .into_iter()
    .filter(|(_, markers)| markers.iter().any(|m| used.contains(*m)))
    .map(|(name, _)| format_ident!("{name}"))
    .collect();
    // A hand-written item of the same name in the area crate takes precedence over these.
    let types = (!types.is_empty())
        .then(|| quote!(#[allow(unused_imports, unreachable_pub)] pub use nexevo_api::types::{#(#types),*};));
    let support = (!support.is_empty()).then(
        || quote!(#[allow(unused_imports, unreachable_pub)] pub use nexevo_api::{#(#support),*};),
    );
    quote!(#types #support)
}

fn render_call(area: &Area, plan: &Plan) -> Result<(TokenStream, TokenStream)> {
    let Plan {
        method,
        builder,
        output,
        ..
    } = plan;
    let handle = &area.handle;
    let crate_ident = area.crate_ident();

    // The handle's method.
    let mut method_doc = vec![plan.summary.clone(), String::new()];
    method_doc.extend(doc_lines(&plan.description));
    if !plan.positional.is_empty() {
        method_doc.push(String::new());
        for input in &plan.positional {
            method_doc.push(format!("- `{}`: {}", input.name, input.doc));
        }
    }
    let example = format!(
        "let answer = {}.await?;",
        plan.example(area, &crate_ident.to_string())?
    );
    method_doc.extend([
        String::new(),
        "```no_run".to_owned(),
        format!("# use {crate_ident}::*;"),
        "# async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {".to_owned(),
        example,
        "# let _ = answer;".to_owned(),
        "# Ok(()) }".to_owned(),
        "```".to_owned(),
    ]);
    let args = plan.positional.iter().map(|input| {
        let name = &input.name;
        let ty = input.arg_type();
        quote!(#name: #ty)
    });
    let param_inits = plan.param_fields.iter().map(|(field, _)| {
        match plan
            .positional
            .iter()
            .find(|input| matches!(input.target, Target::Field) && input.field == *field)
        {
            Some(input) => field_init(field, input),
            None => quote!(#field: ::std::option::Option::None),
        }
    });
    let body_init = plan.body.as_ref().map(|(body_ty, initial)| {
        let fields = initial.iter().map(|(field, init)| {
            match plan
                .positional
                .iter()
                .find(|input| matches!(input.target, Target::Body) && input.field == *field)
            {
                Some(input) => field_init(field, input),
                None => quote!(#field: #init),
            }
        });
        quote!(body: #body_ty { #(#fields),* },)
    });
    let invalid_init = plan
        .needs_invalid
        .then(|| quote!(invalid: ::std::option::Option::None,));
    let method_item = quote! {
        #(#[doc = #method_doc])*
        pub fn #method(&self, #(#args),*) -> #builder {
            #builder {
                client: self.client.clone(),
                options: ::std::default::Default::default(),
                #(#param_inits,)*
                #body_init
                #invalid_init
            }
        }
    };

    // The builder.
    let builder_doc = match plan.answer {
        Answer::Page => format!(
            "[`{handle}::{method}`], ready to await (one page) or to walk every item ([`Paginated::into_stream`])."
        ),
        _ => format!("[`{handle}::{method}`], ready to await."),
    };
    let param_fields = plan
        .param_fields
        .iter()
        .map(|(field, ty)| quote!(pub(crate) #field: #ty,));
    let body_field = plan
        .body
        .as_ref()
        .map(|(ty, _)| quote!(pub(crate) body: #ty,));
    let invalid_field = plan
        .needs_invalid
        .then(|| quote!(pub(crate) invalid: ::std::option::Option<::nexevo_api::ValidationError>,));
    let setters = plan.setters.iter().map(|input| {
        let name = &input.name;
        let ty = input.arg_type();
        let place = input.place();
        let doc = input.doc.clone();
        match &input.conv {
            Conv::JsonObject(newtype) => {
                let wire = input.field.to_string();
                quote! {
                    #[doc = #doc]
                    #[doc = ""]
                    #[doc = "A value that is not a JSON object fails the call with a validation error before anything is sent."]
                    pub fn #name(mut self, #name: #ty) -> Self {
                        match #name {
                            ::serde_json::Value::Object(map) => #place = ::std::option::Option::Some(#newtype(map)),
                            _ => {
                                self.invalid.get_or_insert_with(|| ::nexevo_api::ValidationError::at_field(
                                    #wire,
                                    ::nexevo_api::validation::Rule::Described("must be a JSON object".into()),
                                ));
                            }
                        }
                        self
                    }
                }
            }
            _ => {
                let value = input.value();
                quote! {
                    #[doc = #doc]
                    pub fn #name(mut self, #name: #ty) -> Self {
                        #place = #value;
                        self
                    }
                }
            }
        }
    });
    let setters_block = (!plan.setters.is_empty()).then(|| quote!(impl #builder { #(#setters)* }));

    let destructure_params = plan.param_fields.iter().map(|(field, _)| quote!(#field));
    let body_binding = plan.body.as_ref().map(|_| quote!(body,));
    let invalid_binding = plan.needs_invalid.then(|| quote!(invalid,));
    let invalid_check = plan.needs_invalid.then(|| {
        quote!(if let ::std::option::Option::Some(error) = invalid {
            return Err(error.into());
        })
    });
    let checks = &plan.checks;
    let body_check = plan.body.as_ref().map(|_| quote!(body.validate()?;));
    let organization = plan.organization.then(
        || quote!(let organization = client.organization_header(params::nexevo_organization)?;),
    );
    let key = match &plan.idempotency {
        IdempotencyKey::None => None,
        IdempotencyKey::Options => {
            Some(quote!(let key = options.idempotency_key(params::idempotency_key)?;))
        }
        IdempotencyKey::BodyField(field) => Some(quote! {
            // The body's key doubles as the Idempotency-Key: one setting, one key.
            let key = body.#field.clone();
        }),
    };
    let api_request = &plan.api_request;
    let api_args = &plan.api_args;
    let operation_id = &plan.op.method_name;
    let (success, body_type) = &plan.success;
    let build = quote!(&|api| api.#api_request(#(#api_args),*));
    // An answer without content (`()`) has nothing to decode.
    let call = if matches!(body_type, syn::Type::Tuple(unit) if unit.elems.is_empty()) {
        quote!(client.call_without_content(&options, #operation_id, #success, #build).await)
    } else {
        quote!(client.call::<#body_type>(&options, #operation_id, #success, #build).await)
    };
    let sent = match &plan.answer {
        Answer::Body => call,
        Answer::Field(field) => quote!(Ok(#call?.map(|answer| answer.#field))),
        Answer::Page => {
            quote!(Ok(#call?.map(|list| ::nexevo_core::Page { items: list.data, next_cursor: list.next_cursor })))
        }
    };
    let paginated = plan.item.as_ref().map(|item| {
        quote! {
            impl Paginated for #builder {
                type Item = #item;

                fn cursor(mut self, cursor: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.cursor = ::std::option::Option::Some(cursor.into());
                    self
                }
            }
        }
    });
    let idempotent = matches!(plan.idempotency, IdempotencyKey::Options)
        .then(|| quote!(impl Idempotent for #builder {}));
    let builder_item = quote! {
        #[doc = #builder_doc]
        #[derive(Debug, Clone)]
        #[must_use = "a call does nothing until it is awaited"]
        pub struct #builder {
            pub(crate) client: Client,
            pub(crate) options: RequestOptions,
            #(#param_fields)*
            #body_field
            #invalid_field
        }

        #setters_block

        impl Operation for #builder {
            type Output = #output;

            #[inline]
            fn send(self) -> BoxFuture<Result<Response<#output>>> {
                // Taken apart outside the future, so that it holds each field once.
                let Self { client, options, #(#destructure_params,)* #body_binding #invalid_binding } = self;
                Box::pin(async move {
                    #invalid_check
                    #(#checks)*
                    #body_check
                    #organization
                    #key
                    #sent
                })
            }
        }

        #paginated

        impl CallOptions for #builder {
            #[inline]
            fn options_mut(&mut self) -> &mut RequestOptions {
                &mut self.options
            }
        }

        #idempotent

        awaitable!(#builder);
    };
    Ok((method_item, builder_item))
}

/// `field: value` from the argument of the same name, or the shorthand `field` when the value
/// is the argument itself.
fn field_init(field: &syn::Ident, input: &Input) -> TokenStream {
    let value = input.value();
    if *field == value.to_string() {
        quote!(#field)
    } else {
        quote!(#field: #value)
    }
}

// ---------------------------------------------------------------------------------- digest

fn digest(area: &Area, plans: &[Plan], hand_written: &[(&Operation, String)]) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "calls: crate {}, `nexevo` feature \"{}\", client.{}() -> {}",
        area.crate_name, area.feature, area.tag, area.handle
    );
    for plan in plans {
        let args: Vec<String> = plan
            .positional
            .iter()
            .map(|input| format!("{}: {}", input.name, input.rendered_type()))
            .collect();
        let _ = writeln!(
            text,
            "  {}({}) -> {}  [{}]",
            plan.method,
            args.join(", "),
            plan.builder,
            plan.op.operation_id
        );
        for setter in &plan.setters {
            let _ = writeln!(text, "    .{}({})", setter.name, setter.rendered_type());
        }
        let mut traits = vec!["CallOptions"];
        if matches!(plan.idempotency, IdempotencyKey::Options) {
            traits.push("Idempotent");
        }
        if plan.item.is_some() {
            traits.push("Paginated");
        }
        let key = match &plan.idempotency {
            IdempotencyKey::None => String::new(),
            IdempotencyKey::Options => "; Idempotency-Key per call".to_owned(),
            IdempotencyKey::BodyField(field) => format!("; Idempotency-Key from body `{field}`"),
        };
        let _ = writeln!(
            text,
            "    answers {}; {}{key}",
            simplify(&plan.output.to_token_stream()),
            traits.join(" + ")
        );
    }
    for (op, place) in hand_written {
        let _ = writeln!(text, "  (hand-written: {place})  [{}]", op.operation_id);
    }
    text
}

/// A type as a reviewer reads it: without paths.
fn simplify(tokens: &TokenStream) -> String {
    let words: Vec<String> = tokens
        .to_string()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let mut out = String::new();
    for (index, word) in words.iter().enumerate() {
        let is_path_segment = word.chars().all(|c| c.is_alphanumeric() || c == '_')
            && !matches!(word.as_str(), "impl" | "dyn")
            && words.get(index + 1).is_some_and(|next| next == "::");
        if word == "::" || is_path_segment {
            continue;
        }
        match word.as_str() {
            "," => out.push_str(", "),
            "=" => out.push_str(" = "),
            "impl" | "dyn" => {
                out.push_str(word);
                out.push(' ');
            }
            _ => out.push_str(word),
        }
    }
    out
}
