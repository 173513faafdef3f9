//! A per-area digest of the generated public API: each operation of the low-level client with
//! its Rust signature, each type with its fields and their Rust types, each enum with its
//! variants, then the calls users make with their arguments, setters and answers. Snapshot tests
//! pin it, so a spec or generator change shows up as a short diff a reviewer can read.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

use crate::codegen::gating::{Gating, item_subject};
use crate::codegen::model::feature_of;
use crate::codegen::plan::{IdempotencyKey, Input, PlannedArea};
use crate::codegen::syntax::serde_rename;
use crate::spec::Spec;

/// The digest of each area: its low-level operations and types, then its calls.
pub(crate) fn digests(
    spec: &Spec,
    methods: &BTreeMap<String, Vec<syn::ImplItemFn>>,
    types: &[syn::Item],
    gating: &Gating,
    planned: &[PlannedArea],
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for area in &spec.areas {
        let mut text = String::new();
        let feature = feature_of(area);
        let _ = writeln!(text, "area `{area}`: feature \"{feature}\"\n\noperations:");
        for op in spec.operations.iter().filter(|op| &op.area == area) {
            let signature = methods
                .get(area)
                .and_then(|ms| ms.iter().find(|m| m.sig.ident == op.method_name))
                .map(render_signature)
                .unwrap_or_else(|| "(not generated)".to_owned());
            let _ = writeln!(
                text,
                "  {} {}  [{}]\n    {signature}",
                op.http_method, op.path, op.operation_id
            );
        }
        let _ = writeln!(text, "\ntypes:");
        let mut seen = BTreeSet::new();
        let mut rendered: Vec<(String, String)> = Vec::new();
        let wire_values = open_enum_values(types);
        for item in types {
            let Some(subject) = item_subject(item) else {
                continue;
            };
            if !gating.areas_of(&subject).contains(area) {
                continue;
            }
            if let Some(description) = render_type(item, &wire_values)
                && seen.insert(subject.clone())
            {
                rendered.push((subject, description));
            }
        }
        rendered.sort();
        for (_, description) in rendered {
            let _ = writeln!(text, "{description}");
        }
        if let Some(calls) = planned.iter().find(|planned| planned.area.tag == *area) {
            text.push('\n');
            text.push_str(&calls_digest(calls));
        }
        out.insert(area.clone(), text);
    }
    out
}

fn render_signature(method: &syn::ImplItemFn) -> String {
    let params: Vec<String> = method
        .sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            syn::FnArg::Typed(arg) => Some(format!(
                "{}: {}",
                arg.pat.to_token_stream(),
                render(&arg.ty)
            )),
            syn::FnArg::Receiver(_) => None,
        })
        .collect();
    let output = match &method.sig.output {
        syn::ReturnType::Type(_, ty) => render(ty),
        syn::ReturnType::Default => "()".to_owned(),
    };
    format!(
        "async fn {}({}) -> {output}",
        method.sig.ident,
        params.join(", ")
    )
}

/// The wire value of each variant of each open enum, from its `open_enum_impls!` call.
fn open_enum_values(types: &[syn::Item]) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for item in types {
        if let syn::Item::Macro(call) = item
            && let Some(name) = item_subject(item)
        {
            let mut pairs = BTreeMap::new();
            collect_pairs(&call.mac.tokens, &mut pairs);
            out.insert(name, pairs);
        }
    }
    out
}

/// `(Variant, "wire")` groups, at any depth.
fn collect_pairs(tokens: &TokenStream, out: &mut BTreeMap<String, String>) {
    for token in tokens.clone() {
        if let TokenTree::Group(group) = token {
            let inner: Vec<TokenTree> = group.stream().into_iter().collect();
            match inner.as_slice() {
                [
                    TokenTree::Ident(variant),
                    TokenTree::Punct(comma),
                    TokenTree::Literal(wire),
                ] if comma.as_char() == ',' => {
                    out.insert(variant.to_string(), wire.to_string());
                }
                _ => collect_pairs(&group.stream(), out),
            }
        }
    }
}

fn render_type(
    item: &syn::Item,
    wire_values: &BTreeMap<String, BTreeMap<String, String>>,
) -> Option<String> {
    match item {
        syn::Item::Struct(s) => match &s.fields {
            syn::Fields::Named(fields) => {
                let mut text = format!("  struct {}", s.ident);
                for field in &fields.named {
                    let name = field
                        .ident
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    let wire = serde_rename(&field.attrs)
                        .map(|w| format!(" (\"{w}\")"))
                        .unwrap_or_default();
                    let _ = write!(text, "\n    {name}{wire}: {}", render(&field.ty));
                }
                Some(text)
            }
            syn::Fields::Unnamed(fields) => {
                let inner: Vec<String> = fields.unnamed.iter().map(|f| render(&f.ty)).collect();
                Some(format!("  newtype {}({})", s.ident, inner.join(", ")))
            }
            syn::Fields::Unit => Some(format!("  unit struct {}", s.ident)),
        },
        syn::Item::Enum(e) => {
            let wire = wire_values.get(&e.ident.to_string());
            let variants: Vec<String> = e
                .variants
                .iter()
                .map(|v| match &v.fields {
                    syn::Fields::Unnamed(fields) => {
                        let inner: Vec<String> =
                            fields.unnamed.iter().map(|f| render(&f.ty)).collect();
                        format!("{}({})", v.ident, inner.join(", "))
                    }
                    _ => match wire.and_then(|w| w.get(&v.ident.to_string())) {
                        Some(value) => format!("{}={value}", v.ident),
                        None => v.ident.to_string(),
                    },
                })
                .collect();
            let kind = if wire.is_some() { "open enum" } else { "enum" };
            Some(format!("  {kind} {}: {}", e.ident, variants.join(" | ")))
        }
        _ => None,
    }
}

/// A type as a reviewer wants to read it: last path segments only, no lifetimes.
fn render(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(path) => path
            .path
            .segments
            .last()
            .map(|segment| {
                let mut text = segment.ident.to_string();
                if let syn::PathArguments::AngleBracketed(args) = &segment.arguments {
                    let args: Vec<String> = args
                        .args
                        .iter()
                        .filter_map(|arg| match arg {
                            syn::GenericArgument::Type(ty) => Some(render(ty)),
                            syn::GenericArgument::Lifetime(_) => None,
                            other => Some(other.to_token_stream().to_string()),
                        })
                        .collect();
                    if !args.is_empty() {
                        text = format!("{text}<{}>", args.join(", "));
                    }
                }
                text
            })
            .unwrap_or_default(),
        syn::Type::Reference(reference) => format!("&{}", render(&reference.elem)),
        syn::Type::Slice(slice) => format!("[{}]", render(&slice.elem)),
        syn::Type::TraitObject(object) => format!("dyn {}", object.bounds.to_token_stream()),
        other => other.to_token_stream().to_string(),
    }
}

/// The calls of an area: each with its arguments, setters, answer and traits, then those written
/// by hand.
fn calls_digest(planned: &PlannedArea) -> String {
    let PlannedArea {
        area,
        plans,
        hand_written,
    } = planned;
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
            .map(|input| format!("{}: {}", input.name, rendered_type(input)))
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
            let _ = writeln!(text, "    .{}({})", setter.name, rendered_type(setter));
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

/// The type an input is taken as, as a reviewer reads it.
fn rendered_type(input: &Input) -> String {
    simplify(&input.arg_type())
}

/// A type as a reviewer reads it: without paths (unlike [`render`], the `impl` and `dyn` of an
/// argument's type kept).
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
