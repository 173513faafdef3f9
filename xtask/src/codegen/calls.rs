//! The calls users make: for each area, `crates/nexevo-<area>/src/generated.rs` with the area's
//! handle (`client.keys()`), one builder per operation and their `Operation` impls, written from
//! the area's plans ([`crate::codegen::plan`]); and `tests/generated_calls.rs`, which makes
//! every generated call once with the spec's example values.

use std::collections::BTreeSet;

use anyhow::{Context, Result, anyhow, bail};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use crate::codegen::model::{Area, CallInputs};
use crate::codegen::plan::{Answer, Conv, IdempotencyKey, Input, Plan, PlannedArea, Target};
use crate::codegen::syntax::{last_segment, render_tokens};
use crate::spec::{SPEC_PATH, decimal_parts, plain_text, variant_name};

/// The contents of an area's `src/generated.rs`.
pub(crate) fn area_file(inputs: &CallInputs<'_>, planned: &PlannedArea) -> Result<TokenStream> {
    let PlannedArea { area, plans, .. } = planned;
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
fn reexports(inputs: &CallInputs<'_>, plans: &[Plan]) -> TokenStream {
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
        example_source(plan, area, &crate_ident.to_string())?
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
        let place = place(input);
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
                let value = stored_value(input);
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
    let value = stored_value(input);
    if *field == value.to_string() {
        quote!(#field)
    } else {
        quote!(#field: #value)
    }
}

/// The stored value made from the argument of the same name.
fn stored_value(input: &Input) -> TokenStream {
    let name = &input.name;
    let value = match &input.conv {
        Conv::Into => quote!(#name.into()),
        Conv::Value => quote!(#name),
        Conv::DecimalNumber => quote!(::nexevo_api::DecimalNumber::new(#name)),
        Conv::IterInto(_) => {
            quote!(#name.into_iter().map(::std::convert::Into::into).collect())
        }
        Conv::JsonObject(_) => quote!(#name),
    };
    if input.optional {
        quote!(::std::option::Option::Some(#value))
    } else {
        value
    }
}

/// The place an input's value is stored, on a builder bound to `self`.
fn place(input: &Input) -> TokenStream {
    let field = &input.field;
    match input.target {
        Target::Field => quote!(self.#field),
        Target::Body => quote!(self.body.#field),
    }
}

fn doc_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.trim_end().to_owned())
        .collect()
}

/// The contents of `tests/generated_calls.rs`: every generated call, made once.
pub(crate) fn every_call_file(calls: &[TokenStream]) -> TokenStream {
    quote! {
        /// Makes every generated call once, with the spec's example values, ignoring the
        /// answers: `every_operation.rs` then checks that the sandbox received each.
        pub(crate) async fn make_every_generated_call(client: &::nexevo::Client) {
            use ::nexevo::prelude::*;
            #(#calls)*
        }
    }
}

/// A call of each of the area's operations with the spec's example values, its outcome ignored.
pub(crate) fn example_calls(planned: &PlannedArea) -> Result<Vec<TokenStream>> {
    let area = &planned.area;
    planned
        .plans
        .iter()
        .map(|plan| {
            let source = example_source(plan, area, &format!("::nexevo::{}", area.feature))?;
            let call: syn::Expr =
                syn::parse_str(&source).context("an example call does not parse")?;
            Ok(quote!(let _ = #call.await;))
        })
        .collect()
}

/// Source of a call of this operation with the spec's example values, naming types through
/// `module` (`nexevo_keys`, `::nexevo::keys`).
fn example_source(plan: &Plan, area: &Area, module: &str) -> Result<String> {
    let args = plan
        .positional
        .iter()
        .map(|input| example_text(input, module))
        .collect::<Result<Vec<_>>>()
        .with_context(|| {
            format!(
                "{SPEC_PATH}: {} ({}): the call's example",
                plan.op.location, plan.op.operation_id
            )
        })?;
    Ok(format!(
        "client.{}().{}({})",
        area.tag,
        plan.method,
        args.join(", ")
    ))
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
            let text = plain_text(value);
            // `Decimal::new` takes the mantissa as an `i64`.
            let (mantissa, scale) = decimal_parts(&text)
                .and_then(|(mantissa, scale)| Some((i64::try_from(mantissa).ok()?, scale)))
                .ok_or_else(|| {
                    anyhow!(
                        "the example `{text}` of `{}` is not a decimal number a `Decimal` holds",
                        input.name
                    )
                })?;
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
