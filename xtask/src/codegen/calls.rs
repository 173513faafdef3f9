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
        let RenderedCall { method, builder } = render_call(area, plan)?;
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
        use nexevo_core::{BoxFuture, CallOptions, Client, Idempotent, Operation, Page, Paginated, Response, Result};
        // The core's plumbing, for generated code only: one path, no semver promise.
        #[allow(unused_imports)]
        use nexevo_core::__private::{self, awaitable, CallBuilder, RequestOptions};

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

/// One call: the handle's method that starts it, and the builder that method answers.
struct RenderedCall {
    method: TokenStream,
    builder: TokenStream,
}

/// Writes one call; each part's template below shows its shape, top to bottom, with the pieces
/// that vary from call to call written by the small functions after them, in the order they
/// appear.
fn render_call(area: &Area, plan: &Plan) -> Result<RenderedCall> {
    Ok(RenderedCall {
        method: render_method(area, plan)?,
        builder: render_builder(area, plan),
    })
}

/// The handle's method: the positional arguments in, the builder holding them out.
fn render_method(area: &Area, plan: &Plan) -> Result<TokenStream> {
    let Plan {
        method, builder, ..
    } = plan;
    let doc = method_doc(area, plan)?;
    let args = plan.positional.iter().map(argument);
    let fields = BuilderFields::of(plan);
    let filled = &fields.filled;
    Ok(quote! {
        #(#[doc = #doc])*
        pub fn #method(&self, #(#args),*) -> #builder {
            #builder {
                client: self.client.clone(),
                options: ::std::default::Default::default(),
                #filled
            }
        }
    })
}

/// The builder: its fields and setters; `send`, which takes it apart, checks every value and
/// only then sends; and the traits it implements.
fn render_builder(area: &Area, plan: &Plan) -> TokenStream {
    let Plan {
        builder,
        output,
        checks,
        ..
    } = plan;
    let doc = builder_doc(area, plan);
    let fields = BuilderFields::of(plan);
    let (declared, bound) = (&fields.declared, &fields.bound);
    let setters = setters(plan);
    let refuse_invalid = plan.needs_invalid.then(refuse_invalid);
    let check_body = plan.body.as_ref().map(|_| quote!(body.validate()?;));
    let organization = plan.organization.then(organization_header);
    let key = idempotency_key(&plan.idempotency);
    let sent = call_and_answer(plan);
    let paginated = plan.item.as_ref().map(|item| paginated(builder, item));
    let idempotent = matches!(plan.idempotency, IdempotencyKey::Options)
        .then(|| quote!(impl Idempotent for #builder {}));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        #[must_use = "a call does nothing until it is awaited"]
        pub struct #builder {
            pub(crate) client: Client,
            pub(crate) options: RequestOptions,
            #declared
        }

        #setters

        impl Operation for #builder {
            type Output = #output;

            #[inline]
            fn send(self) -> BoxFuture<Result<Response<#output>>> {
                // Taken apart outside the future, so that it holds each field once.
                let Self { client, options, #bound } = self;
                Box::pin(async move {
                    #refuse_invalid
                    #(#checks)*
                    #check_body
                    #organization
                    #key
                    #sent
                })
            }
        }

        #paginated

        impl CallBuilder for #builder {
            #[inline]
            fn options_mut(&mut self) -> &mut RequestOptions {
                &mut self.options
            }
        }

        impl CallOptions for #builder {}

        #idempotent

        awaitable!(#builder);
    }
}

/// The method's documentation: the summary, the description, each positional argument, and
/// an example with the spec's values.
fn method_doc(area: &Area, plan: &Plan) -> Result<Vec<String>> {
    let crate_ident = area.crate_ident();
    let mut doc = vec![plan.summary.clone(), String::new()];
    doc.extend(doc_lines(&plan.description));
    if !plan.positional.is_empty() {
        doc.push(String::new());
        for input in &plan.positional {
            doc.push(format!("- `{}`: {}", input.name, input.doc));
        }
    }
    let example = format!(
        "let answer = {}.await?;",
        example_source(plan, area, &crate_ident.to_string())?
    );
    doc.extend([
        String::new(),
        "```no_run".to_owned(),
        format!("# use {crate_ident}::*;"),
        "# async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {".to_owned(),
        example,
        "# let _ = answer;".to_owned(),
        "# Ok(()) }".to_owned(),
        "```".to_owned(),
    ]);
    Ok(doc)
}

/// A positional argument of the method: `name: type`.
fn argument(input: &Input) -> TokenStream {
    let name = &input.name;
    let ty = input.arg_type();
    quote!(#name: #ty)
}

/// A builder's fields beyond its client and options (one per parameter, the body, and the
/// refusal a setter may leave), each three ways: as the struct declares it, as the handle's
/// method fills it, and as `send` takes it apart.
struct BuilderFields {
    declared: TokenStream,
    filled: TokenStream,
    bound: TokenStream,
}

impl BuilderFields {
    fn of(plan: &Plan) -> Self {
        let positional = |body: bool, field: &syn::Ident| {
            plan.positional
                .iter()
                .find(|input| matches!(input.target, Target::Body) == body && input.field == *field)
        };
        let mut fields = Self {
            declared: TokenStream::new(),
            filled: TokenStream::new(),
            bound: TokenStream::new(),
        };
        for (field, ty) in &plan.param_fields {
            let value = match positional(false, field) {
                Some(input) => field_init(field, input),
                None => quote!(#field: ::std::option::Option::None),
            };
            fields.push(
                quote!(pub(crate) #field: #ty,),
                quote!(#value,),
                quote!(#field,),
            );
        }
        if let Some((body_ty, initial)) = &plan.body {
            let values = initial
                .iter()
                .map(|(field, init)| match positional(true, field) {
                    Some(input) => field_init(field, input),
                    None => quote!(#field: #init),
                });
            fields.push(
                quote!(pub(crate) body: #body_ty,),
                quote!(body: #body_ty { #(#values),* },),
                quote!(body,),
            );
        }
        if plan.needs_invalid {
            fields.push(
                quote!(pub(crate) invalid: ::std::option::Option<::nexevo_api::ValidationError>,),
                quote!(invalid: ::std::option::Option::None,),
                quote!(invalid,),
            );
        }
        fields
    }

    fn push(&mut self, declared: TokenStream, filled: TokenStream, bound: TokenStream) {
        self.declared.extend(declared);
        self.filled.extend(filled);
        self.bound.extend(bound);
    }
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

/// The builder's documentation: what it is ready for.
fn builder_doc(area: &Area, plan: &Plan) -> String {
    let (handle, method) = (&area.handle, &plan.method);
    match plan.answer {
        Answer::Page => format!(
            "[`{handle}::{method}`], ready to await (one page) or to walk every item ([`Paginated::into_stream`])."
        ),
        _ => format!("[`{handle}::{method}`], ready to await."),
    }
}

/// `impl Builder { … }` with a method per setter; nothing for a call without setters.
fn setters(plan: &Plan) -> Option<TokenStream> {
    let builder = &plan.builder;
    let setters = plan.setters.iter().map(setter);
    (!plan.setters.is_empty()).then(|| quote!(impl #builder { #(#setters)* }))
}

/// One setter: it stores its value, or, for a JSON object, refuses anything else (the call
/// then fails before sending).
fn setter(input: &Input) -> TokenStream {
    let name = &input.name;
    let ty = input.arg_type();
    let place = place(input);
    let doc = &input.doc;
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
}

/// `send`'s first step for a call whose setter may refuse a value: the refusal, if there is one.
fn refuse_invalid() -> TokenStream {
    quote!(if let ::std::option::Option::Some(error) = invalid {
        return Err(error.into());
    })
}

/// The `Nexevo-Organization` the client is set to, checked.
fn organization_header() -> TokenStream {
    quote!(let organization = __private::organization_header(&client, params::nexevo_organization)?;)
}

/// The call's `Idempotency-Key`, bound as `key`: from its options or from the body's field that
/// doubles as it; none for a GET.
fn idempotency_key(key: &IdempotencyKey) -> Option<TokenStream> {
    match key {
        IdempotencyKey::None => None,
        IdempotencyKey::Options => Some(
            quote!(let key = __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;),
        ),
        IdempotencyKey::BodyField(field) => Some(quote! {
            // The body's key doubles as the Idempotency-Key: one setting, one key.
            let key = body.#field.clone();
        }),
    }
}

/// The call through the client, and what it answers of the response: the body, a field of it,
/// or a page.
fn call_and_answer(plan: &Plan) -> TokenStream {
    let Plan {
        api_request,
        api_args,
        ..
    } = plan;
    let operation_id = &plan.op.method_name;
    let (success, body_type) = &plan.success;
    let build = quote!(&|api| api.#api_request(#(#api_args),*));
    // An answer without content (`()`) has nothing to decode.
    let call = if matches!(body_type, syn::Type::Tuple(unit) if unit.elems.is_empty()) {
        quote!(__private::call_without_content(&client, &options, #operation_id, #success, #build).await)
    } else {
        quote!(__private::call::<#body_type>(&client, &options, #operation_id, #success, #build).await)
    };
    match &plan.answer {
        Answer::Body => call,
        Answer::Field(field) => quote!(Ok(#call?.map(|answer| answer.#field))),
        Answer::Page => {
            quote!(Ok(#call?.map(|list| ::nexevo_core::Page { items: list.data, next_cursor: list.next_cursor })))
        }
    }
}

/// `Paginated` for a list's builder: its item, and the cursor it starts from.
fn paginated(builder: &syn::Ident, item: &syn::Type) -> TokenStream {
    quote! {
        impl Paginated for #builder {
            type Item = #item;

            fn cursor(mut self, cursor: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.cursor = ::std::option::Option::Some(cursor.into());
                self
            }
        }
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
