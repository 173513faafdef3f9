//! Running progenitor on the shape-only spec: its settings (the replacements), its errors and
//! panics turned into messages, and a failure narrowed down to the operation or schema that
//! causes it.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};

use anyhow::{Result, anyhow};
use proc_macro2::TokenStream;

use crate::codegen::model::Replacement;
use crate::spec::{SPEC_PATH, Spec, schema_areas};

fn settings(replacements: &BTreeMap<String, Replacement>) -> progenitor_impl::GenerationSettings {
    use progenitor_impl::{GenerationSettings, InterfaceStyle, TagStyle, TypeImpl};
    let mut settings = GenerationSettings::new();
    // No hooks and no inner type: the generated `async fn`s send with the client's own
    // `reqwest::Client`, as progenitor's do by default. The SDK sends nothing through them: it
    // builds each request with `<operation>_request` and sends it itself (retries, credentials,
    // tracing and its `RequestSender` live in `nexevo-core`).
    settings
        .with_interface(InterfaceStyle::Positional)
        .with_tag(TagStyle::Merged)
        .with_derive("PartialEq");
    for (name, replacement) in replacements {
        let impls = match replacement {
            Replacement::Secret | Replacement::DecimalNumber => vec![],
            Replacement::OpenEnum { .. } | Replacement::Timestamp | Replacement::Date => {
                vec![TypeImpl::Display, TypeImpl::FromStr]
            }
            Replacement::DecimalString => {
                vec![TypeImpl::Display, TypeImpl::FromStr, TypeImpl::Default]
            }
        };
        settings.with_replacement(name, replacement.rust_path(name), impls.into_iter());
    }
    settings
}

thread_local! {
    /// The message of a panic raised inside progenitor on this thread, if one is being caught.
    static CAUGHT_PANIC: RefCell<Option<Option<String>>> = const { RefCell::new(None) };
}

/// Runs progenitor on a spec, turning both its errors and its panics into messages.
fn progenitor_tokens(
    spec: &openapiv3::OpenAPI,
    settings: &progenitor_impl::GenerationSettings,
) -> std::result::Result<TokenStream, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let caught = CAUGHT_PANIC.with(|cell| {
                let mut slot = cell.borrow_mut();
                match slot.as_mut() {
                    Some(message) => {
                        *message = Some(info.to_string());
                        true
                    }
                    None => false,
                }
            });
            if !caught {
                previous(info);
            }
        }));
    });
    CAUGHT_PANIC.with(|cell| *cell.borrow_mut() = Some(None));
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let mut generator = progenitor_impl::Generator::new(settings);
        generator.generate_tokens(spec)
    }));
    let message = CAUGHT_PANIC.with(|cell| cell.borrow_mut().take()).flatten();
    match outcome {
        Ok(Ok(tokens)) => Ok(tokens),
        Ok(Err(error)) => Err(error.to_string()),
        Err(_) => Err(format!(
            "progenitor panicked: {}",
            message.unwrap_or_else(|| "(no message)".to_owned())
        )),
    }
}

/// progenitor's client for the spec, or why it cannot write one, at the operation or schema at
/// fault.
pub(crate) fn run(
    spec: &Spec,
    replacements: &BTreeMap<String, Replacement>,
) -> Result<TokenStream> {
    let settings = settings(replacements);
    let shape = spec.shape_only()?;
    match progenitor_tokens(&shape, &settings) {
        Ok(tokens) => Ok(tokens),
        Err(message) => Err(anyhow!(
            "{}: progenitor cannot generate code for {}: {message}",
            SPEC_PATH,
            locate_failure(spec, &settings)
        )),
    }
}

/// Narrows a failed generation down to the operation or schema that causes it, by generating
/// each on its own.
fn locate_failure(spec: &Spec, settings: &progenitor_impl::GenerationSettings) -> String {
    let Ok(shape) = spec.shape_only() else {
        return "the document".to_owned();
    };
    let mut no_paths = shape.clone();
    no_paths.paths.paths.clear();
    if progenitor_tokens(&no_paths, settings).is_err() {
        return locate_schema_failure(spec, &no_paths, settings);
    }
    for op in &spec.operations {
        let mut single = shape.clone();
        let method = op.http_method.to_ascii_lowercase();
        single.paths.paths.retain(|path, _| path == &op.path);
        if let Some(openapiv3::ReferenceOr::Item(item)) = single.paths.paths.get_mut(&op.path) {
            for (name, slot) in [
                ("get", &mut item.get),
                ("put", &mut item.put),
                ("post", &mut item.post),
                ("delete", &mut item.delete),
                ("options", &mut item.options),
                ("head", &mut item.head),
                ("patch", &mut item.patch),
                ("trace", &mut item.trace),
            ] {
                if name != method {
                    *slot = None;
                }
            }
        }
        if progenitor_tokens(&single, settings).is_err() {
            return format!("{} (operationId {})", op.location, op.operation_id);
        }
    }
    "the combination of operations (each works alone)".to_owned()
}

/// The smallest self-contained set of schemas that fails names the culprit.
fn locate_schema_failure(
    spec: &Spec,
    no_paths: &openapiv3::OpenAPI,
    settings: &progenitor_impl::GenerationSettings,
) -> String {
    let areas = schema_areas(spec);
    let mut candidates: Vec<(usize, String, BTreeSet<String>)> = spec
        .schemas()
        .keys()
        .map(|name| {
            let closure = spec.schemas_reached([name.clone()]);
            (closure.len(), name.clone(), closure)
        })
        .collect();
    candidates.sort();
    for (_, name, closure) in candidates {
        let mut single = no_paths.clone();
        if let Some(components) = single.components.as_mut() {
            components
                .schemas
                .retain(|schema, _| closure.contains(schema));
        }
        if progenitor_tokens(&single, settings).is_err() {
            let used_by = areas
                .get(&name)
                .map(|a| a.iter().cloned().collect::<Vec<_>>().join(", "));
            return format!(
                "components.schemas.{name}{}",
                used_by
                    .map(|areas| format!(" (used by {areas})"))
                    .unwrap_or_default()
            );
        }
    }
    "the components (no single schema fails alone)".to_owned()
}
