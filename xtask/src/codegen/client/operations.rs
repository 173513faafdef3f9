//! Each area's file of the low-level client, `crates/nexevo-api/src/generated/<area>.rs`: its
//! operations' methods, each split into the request it builds and the `async fn` that sends it.

use anyhow::{Result, anyhow, bail};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The contents of an area's file: `impl Client` with its operations.
pub(crate) fn area_rs(methods: &[syn::ImplItemFn]) -> Result<TokenStream> {
    let mut items = Vec::with_capacity(methods.len() * 2);
    for method in methods {
        let (builder, sender) = split_request_builder(method)?;
        items.push(builder);
        items.push(sender);
    }
    Ok(quote! {
        #[allow(unused_imports)]
        use super::{encode_path, types, ByteStream, Client, ClientHooks, ClientInfo, Error, OperationInfo, RequestBuilderExt, ResponseValue};

        impl Client {
            #(#items)*
        }
    })
}

/// Splits one of progenitor's operation methods in two: `<operation>_request`, which builds the
/// request (URL, query, headers, body) and returns it, and the method itself, which calls it
/// and then sends and decodes as progenitor wrote. The SDK sends and decodes on its own terms
/// (a retry builds the request again instead of keeping a copy; the body is read once, capped,
/// and decoded from those bytes), so the request's building is the one part of progenitor's
/// method it uses, and it must not be written twice.
///
/// progenitor's method builds the request in the statements before `let info =
/// OperationInfo { .. }`, ending with `let mut request = ….build()?;`.
fn split_request_builder(method: &syn::ImplItemFn) -> Result<(syn::ImplItemFn, syn::ImplItemFn)> {
    let name = &method.sig.ident;
    let split = method
        .block
        .stmts
        .iter()
        .position(|stmt| binds(stmt, "info"))
        .ok_or_else(|| anyhow!("progenitor's `{name}` has no `let info = OperationInfo`"))?;
    let (building, sending) = method.block.stmts.split_at(split);
    if !building.last().is_some_and(|stmt| binds(stmt, "request")) {
        bail!("progenitor's `{name}` does not end building with `let request = …`");
    }
    let builder_name = format_ident!("{name}_request");
    let mut builder_sig = method.sig.clone();
    builder_sig.asyncness = None;
    builder_sig.ident = builder_name.clone();
    builder_sig.output = syn::parse_quote!(-> Result<::reqwest::Request, crate::RequestError>);
    let doc = format!(
        "Builds the request [`Self::{name}`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does)."
    );
    let mut builder = method.clone();
    // Inline, like the `async fn` below: compiled where a call is made (the SDK's calls are
    // inline too, so in the application), never for operations nobody calls.
    builder.attrs = vec![
        syn::parse_quote!(#[doc = #doc]),
        syn::parse_quote!(#[inline]),
    ];
    builder.sig = builder_sig;
    builder.block = syn::parse_quote!({ #(#building)* Ok(request) });
    let args = method.sig.inputs.iter().filter_map(|input| match input {
        syn::FnArg::Typed(typed) => Some(&typed.pat),
        syn::FnArg::Receiver(_) => None,
    });
    let mut sender = method.clone();
    // Compiled by the application that calls it, not by every build of this crate: the SDK
    // sends with `<operation>_request` and never calls these.
    sender.attrs.push(syn::parse_quote!(#[inline]));
    sender.block = syn::parse_quote!({
        #[allow(unused_mut)]
        let mut request = self.#builder_name(#(#args),*)?;
        #(#sending)*
    });
    Ok((builder, sender))
}

/// Whether `stmt` is a `let` binding the plain name `name`.
fn binds(stmt: &syn::Stmt, name: &str) -> bool {
    matches!(stmt, syn::Stmt::Local(local) if matches!(&local.pat, syn::Pat::Ident(ident) if ident.ident == name))
}
