//! Planning one operation's call: each parameter and body field becomes a positional argument,
//! a setter, or a header the SDK fills; then the call's key, its request and its answer.

use std::collections::BTreeMap;

use anyhow::{Context, Result, anyhow, bail};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::call::{Answer, Body, Conv, IdempotencyKey, Input, Plan, Target};
use super::names::{builder_name, sdk_method_name};
use super::operation::{Param, is_secret_parameter, parameters, request_body, with_bounds};
use super::types::{conv_of, external, is_copy, list_field, strip_reference};
use crate::codegen::model::{Area, CallInputs};
use crate::codegen::syntax::{
    generic_arg, last_segment, option_inner, render_tokens, struct_fields, vec_inner,
};
use crate::spec::{Operation, snake_case};

/// Plans the call of `op`, an operation of `area`.
pub(crate) fn plan_call(inputs: &CallInputs<'_>, area: &Area, op: &Operation) -> Result<Plan> {
    let mut planner = Planner::new(inputs, op)?;
    // Path parameters in path order, then the rest as the spec lists them.
    let mut params = parameters(inputs.spec, op)?;
    params.sort_by_key(|p| match p.location.as_str() {
        "path" => op.path.find(&format!("{{{}}}", p.wire)).unwrap_or(0),
        _ => usize::MAX,
    });
    let paginated = planner.is_paginated(&params);
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
    Ok(Plan {
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

/// Setter names a call's own fields may not take: the per-call options of every builder.
const RESERVED_SETTERS: [&str; 6] = [
    "timeout",
    "retry_policy",
    "max_retries",
    "header",
    "idempotency_key",
    "with_meta",
];

/// What planning one operation's call works from, and what it has gathered so far.
struct Planner<'a> {
    inputs: &'a CallInputs<'a>,
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
    fn new(inputs: &'a CallInputs<'a>, op: &'a Operation) -> Result<Self> {
        let operation = inputs.spec.operation(op);
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
    fn is_paginated(&self, params: &[Param]) -> bool {
        let has = |wire: &str| params.iter().any(|p| p.wire == wire);
        let response = self.inputs.spec.success_schema(self.operation);
        has("cursor")
            && has("limit")
            && response.is_some_and(|(schema, _)| {
                let schema = self.inputs.spec.resolve(schema);
                schema
                    .pointer("/properties/data/type")
                    .and_then(Value::as_str)
                    == Some("array")
                    && schema.pointer("/properties/next_cursor").is_some()
            })
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
