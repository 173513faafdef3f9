//! progenitor's output taken apart: the client's own items, the types module, and each
//! operation's method by the area it belongs to.

use std::collections::BTreeMap;

use anyhow::{Result, anyhow, bail};

use crate::spec::Spec;

/// progenitor's output, taken apart.
pub(crate) struct Parts {
    /// Top-level items other than the types module and the operation methods.
    pub(crate) top: Vec<syn::Item>,
    /// The contents of `mod types`.
    pub(crate) types: Vec<syn::Item>,
    /// Operation methods by area.
    pub(crate) methods: BTreeMap<String, Vec<syn::ImplItemFn>>,
}

impl Parts {
    /// Takes progenitor's file apart, checking it wrote one method per operation of the spec.
    pub(crate) fn split(file: syn::File, spec: &Spec) -> Result<Self> {
        let area_of: BTreeMap<&str, &str> = spec
            .operations
            .iter()
            .map(|op| (op.method_name.as_str(), op.area.as_str()))
            .collect();
        let mut top = Vec::new();
        let mut types = None;
        let mut methods: BTreeMap<String, Vec<syn::ImplItemFn>> = BTreeMap::new();
        for item in file.items {
            match item {
                syn::Item::Mod(module) if module.ident == "types" => {
                    let (_, items) = module
                        .content
                        .ok_or_else(|| anyhow!("progenitor emitted `mod types` without a body"))?;
                    types = Some(items);
                }
                syn::Item::Impl(mut block)
                    if is_impl_of_client(&block) && block.trait_.is_none() =>
                {
                    let mut kept = Vec::new();
                    for member in std::mem::take(&mut block.items) {
                        match member {
                            syn::ImplItem::Fn(method) => {
                                let name = method.sig.ident.to_string();
                                match area_of.get(name.as_str()) {
                                    Some(area) => {
                                        methods.entry((*area).to_owned()).or_default().push(method)
                                    }
                                    None => kept.push(syn::ImplItem::Fn(method)),
                                }
                            }
                            other => kept.push(other),
                        }
                    }
                    if !kept.is_empty() {
                        block.items = kept;
                        top.push(syn::Item::Impl(block));
                    }
                }
                other => top.push(other),
            }
        }
        let generated: usize = methods.values().map(Vec::len).sum();
        if generated != spec.operations.len() {
            bail!(
                "progenitor generated {generated} operation methods for the spec's {} operations",
                spec.operations.len()
            );
        }
        Ok(Self {
            top,
            types: types.ok_or_else(|| anyhow!("progenitor emitted no `mod types`"))?,
            methods,
        })
    }
}

fn is_impl_of_client(block: &syn::ItemImpl) -> bool {
    matches!(&*block.self_ty, syn::Type::Path(p) if p.path.is_ident("Client"))
}
