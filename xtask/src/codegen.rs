//! `cargo xtask generate`: the spec in, `crates/nexevo-api/src/generated/` out.
//!
//! progenitor writes the client from a shape-only copy of the spec (see [`Spec::shape_only`]);
//! this module then
//! - splits its output into one file per area, so a feature compiles only its area's methods,
//! - gates every generated type on the areas that reach it (a reference graph over the
//!   generated items), so `billing` alone does not compile a keys-only type,
//! - adds what typify cannot give: open enums that keep unknown values, validators for every
//!   constraint of the spec (see [`crate::validation`]),
//! - formats each file with prettyplease and then rustfmt, so `cargo fmt --check` and
//!   `cargo xtask check` can never disagree.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use proc_macro2::{TokenStream, TokenTree};
use quote::{format_ident, quote};
use serde_json::Value;

use crate::spec::{Spec, snake_case, variant_name};
use crate::{calls, digest, validation};

/// The e2e tests' helper that makes every generated call, relative to the workspace root.
pub const EVERY_CALL_PATH: &str = "tests/generated_calls.rs";

/// Where the generated files live, relative to the workspace root.
pub const GENERATED_DIR: &str = "crates/nexevo-api/src/generated";

const HEADER: &str =
    "// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.\n";

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the workspace root.
    pub path: PathBuf,
    /// The file's full text.
    pub contents: String,
}

/// Everything one generation produces.
#[derive(Debug)]
pub struct Generation {
    /// The files to write under [`GENERATED_DIR`].
    pub files: Vec<GeneratedFile>,
    /// For each area, a digest of its public API: what snapshot tests pin.
    pub digests: BTreeMap<String, String>,
}

/// How a component schema is represented in Rust when typify's default will not do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replacement {
    /// A string enum: an open enum that keeps unknown values (written by `open_enum!`).
    OpenEnum {
        /// The wire values, in spec order.
        values: Vec<String>,
    },
    /// A decimal string: `rust_decimal::Decimal`, serialized as a string with its scale kept.
    DecimalString,
    /// A decimal JSON number: `crate::DecimalNumber`, written and read exactly.
    DecimalNumber,
    /// A secret (`format: password`): `crate::Secret`, redacted in Debug and Display.
    Secret,
    /// A timestamp: `crate::Timestamp` directly rather than a newtype around it.
    Timestamp,
    /// A calendar day: `crate::Date`.
    Date,
}

impl Replacement {
    fn rust_path(&self, name: &str) -> String {
        match self {
            Self::OpenEnum { .. } => format!("crate::types::{name}"),
            Self::DecimalString => "::rust_decimal::Decimal".to_owned(),
            Self::DecimalNumber => "crate::DecimalNumber".to_owned(),
            Self::Secret => "crate::Secret".to_owned(),
            Self::Timestamp => "crate::Timestamp".to_owned(),
            Self::Date => "crate::Date".to_owned(),
        }
    }
}

/// Decides which component schemas get a [`Replacement`].
pub fn replacements(spec: &Spec) -> BTreeMap<String, Replacement> {
    let mut out = BTreeMap::new();
    for (name, schema) in spec.schemas() {
        let kind = schema.get("type").and_then(Value::as_str);
        let format = schema.get("format").and_then(Value::as_str);
        let replacement =
            match (kind, format) {
                (_, Some("password")) => Some(Replacement::Secret),
                (Some("string"), Some("decimal")) => Some(Replacement::DecimalString),
                (Some("number"), Some("decimal")) => Some(Replacement::DecimalNumber),
                (Some("string"), Some("date-time")) => Some(Replacement::Timestamp),
                (Some("string"), Some("date")) => Some(Replacement::Date),
                (Some("string"), _) => schema.get("enum").and_then(Value::as_array).map(|values| {
                    Replacement::OpenEnum {
                        values: values
                            .iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect(),
                    }
                }),
                _ => None,
            };
        if let Some(replacement) = replacement {
            out.insert(name.clone(), replacement);
        }
    }
    out
}

/// Runs the whole generation in memory.
pub fn generate(root: &Path) -> Result<Generation> {
    let spec = Spec::load(root)?;
    generate_from(&spec)
}

/// Runs the whole generation for an already loaded spec.
pub fn generate_from(spec: &Spec) -> Result<Generation> {
    let replacements = replacements(spec);
    let tokens = run_progenitor(spec, &replacements)?;
    let file: syn::File =
        syn::parse2(tokens).context("progenitor's output does not parse as Rust")?;
    let parts = Parts::split(file, spec)?;

    let mut type_items = parts.types;
    type_items.extend(string_newtype_conversions(&type_items));
    for (name, replacement) in &replacements {
        if let Replacement::OpenEnum { values } = replacement {
            type_items.extend(open_enum_items(spec, name, values)?);
        }
    }

    let method_refs: BTreeMap<String, BTreeSet<String>> = parts
        .methods
        .iter()
        .map(|(area, methods)| {
            (
                area.clone(),
                methods.iter().flat_map(paths_named_by_method).collect(),
            )
        })
        .collect();
    let gating = Gating::compute(&type_items, spec, &method_refs)?;
    let types_by_name = index_types(&type_items);
    let validators = validation::generate(spec, &replacements, &types_by_name, &gating)?;

    let gated_types: Vec<syn::Item> = type_items
        .into_iter()
        .map(|item| gating.apply(item))
        .collect::<Result<_>>()?;

    let mut files = Vec::new();
    files.push(render_file(
        "mod.rs",
        &mod_rs(spec, parts.top)?,
        "The generated client: `Client`, its constructor and the hooks the hand-written layer implements.",
    )?);
    files.push(render_file(
        "types.rs",
        &types_rs(&gated_types),
        "Types of every schema, each compiled only when an enabled area uses it.",
    )?);
    files.push(render_file(
        "validate.rs",
        &validators,
        "Validators for every constraint of the spec, shared by the SDK (before sending) and the sandbox (on receipt).",
    )?);
    for area in &spec.areas {
        let methods = parts
            .methods
            .get(area)
            .map(Vec::as_slice)
            .unwrap_or_default();
        files.push(render_file(
            &format!("{area}.rs"),
            &area_rs(methods)?,
            &format!("The `{area}` operations: compiled only with the `{area}` feature."),
        )?);
    }

    let mut digests = digest::digests(spec, &parts.methods, &gated_types, &gating);
    let calls = calls::generate(&calls::Inputs {
        spec,
        methods: &parts.methods,
        types: &types_by_name,
        replacements: &replacements,
    })?;
    for (area, tokens, calls_digest) in calls.areas {
        files.push(render_source(
            &area.generated_path(),
            &tokens,
            &format!(
                "The `{}` calls: `client.{}()` and a builder per operation, from the spec's `{}` operations.",
                area.tag, area.tag, area.tag
            ),
            "",
        )?);
        if let Some(digest) = digests.get_mut(&area.tag) {
            digest.push('\n');
            digest.push_str(&calls_digest);
        }
    }
    files.push(render_source(
        calls::cli::COMMANDS_PATH,
        &calls.cli.commands,
        "The `nexevo` CLI's commands: `nexevo <area> <call>` for every generated call, and what runs them.",
        "",
    )?);
    files.push(render_source(
        calls::cli::EXAMPLES_PATH,
        &calls.cli.examples,
        "Every generated command of the CLI, with the spec's example values.",
        "",
    )?);
    let every_call = calls.every_call;
    files.push(render_source(
        EVERY_CALL_PATH,
        &quote! {
            /// Makes every generated call once, with the spec's example values, ignoring the
            /// answers: `every_operation.rs` then checks that the sandbox received each.
            pub(crate) async fn make_every_generated_call(client: &::nexevo::Client) {
                use ::nexevo::prelude::*;
                #every_call
            }
        },
        "Every generated call, made once with the spec's example values.",
        "",
    )?);
    Ok(Generation { files, digests })
}

/// Writes the generation to disk, removing generated files that are no longer produced.
pub fn write(root: &Path, generation: &Generation) -> Result<Vec<PathBuf>> {
    let dir = root.join(GENERATED_DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut changed = Vec::new();
    for file in &generation.files {
        let path = root.join(&file.path);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() != Some(file.contents.as_str()) {
            std::fs::write(&path, &file.contents)
                .with_context(|| format!("writing {}", path.display()))?;
            changed.push(file.path.clone());
        }
    }
    for stale in extra_files(root, generation)? {
        std::fs::remove_file(root.join(&stale))
            .with_context(|| format!("removing {}", stale.display()))?;
        changed.push(stale);
    }
    Ok(changed)
}

/// The generated files whose checked-in text differs from a fresh generation: changed,
/// missing, or no longer generated.
pub fn stale_files(root: &Path, generation: &Generation) -> Result<Vec<(PathBuf, String)>> {
    let mut stale = Vec::new();
    for file in &generation.files {
        match std::fs::read_to_string(root.join(&file.path)) {
            Ok(current) if current == file.contents => {}
            Ok(current) => {
                let line = current
                    .lines()
                    .zip(file.contents.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| current.lines().count().min(file.contents.lines().count()))
                    + 1;
                stale.push((
                    file.path.clone(),
                    format!("differs from a fresh generation from line {line}"),
                ));
            }
            Err(_) => stale.push((file.path.clone(), "is missing".to_owned())),
        }
    }
    for extra in extra_files(root, generation)? {
        stale.push((extra, "is no longer generated".to_owned()));
    }
    Ok(stale)
}

fn extra_files(root: &Path, generation: &Generation) -> Result<Vec<PathBuf>> {
    let dir = root.join(GENERATED_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let expected: BTreeSet<&PathBuf> = generation.files.iter().map(|f| &f.path).collect();
    let mut extra = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
        let relative = Path::new(GENERATED_DIR).join(entry.file_name());
        if !expected.contains(&relative) {
            extra.push(relative);
        }
    }
    extra.sort();
    Ok(extra)
}

// ---------------------------------------------------------------------------------- progenitor

fn settings(replacements: &BTreeMap<String, Replacement>) -> progenitor_impl::GenerationSettings {
    use progenitor_impl::{GenerationSettings, HooksMode, InterfaceStyle, TagStyle, TypeImpl};
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Positional)
        .with_tag(TagStyle::Merged)
        // The hand-written layer implements `ClientHooks` for `Client`: retries, auth and
        // tracing all go through `crate::Transport`.
        .with_hooks(HooksMode::Expected)
        .with_inner_type(quote!(::std::sync::Arc<dyn crate::Transport>))
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

fn run_progenitor(
    spec: &Spec,
    replacements: &BTreeMap<String, Replacement>,
) -> Result<TokenStream> {
    let settings = settings(replacements);
    let shape = spec.shape_only()?;
    match progenitor_tokens(&shape, &settings) {
        Ok(tokens) => Ok(tokens),
        Err(message) => Err(anyhow!(
            "{}: progenitor cannot generate code for {}: {message}",
            crate::spec::SPEC_PATH,
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
    let areas = crate::spec::schema_areas(spec);
    let mut candidates: Vec<(usize, String, BTreeSet<String>)> = spec
        .schemas()
        .keys()
        .map(|name| {
            let closure = schema_closure(spec, name);
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

fn schema_closure(spec: &Spec, name: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![name.to_owned()];
    while let Some(next) = stack.pop() {
        if !seen.insert(next.clone()) {
            continue;
        }
        if let Some(schema) = spec.schemas().get(&next) {
            let mut refs = Vec::new();
            collect_refs_in(schema, &mut refs);
            stack.extend(refs);
        }
    }
    seen
}

fn collect_refs_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(name) = crate::spec::schema_ref_name(value) {
                out.push(name.to_owned());
            }
            map.values().for_each(|child| collect_refs_in(child, out));
        }
        Value::Array(items) => items.iter().for_each(|child| collect_refs_in(child, out)),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------- splitting

/// progenitor's output, taken apart.
struct Parts {
    /// Top-level items other than the types module and the operation methods.
    top: Vec<syn::Item>,
    /// The contents of `mod types`.
    types: Vec<syn::Item>,
    /// Operation methods by area.
    methods: BTreeMap<String, Vec<syn::ImplItemFn>>,
}

impl Parts {
    fn split(file: syn::File, spec: &Spec) -> Result<Self> {
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

/// The name each type-level item is about: a struct's or enum's name; for an impl, its self
/// type, or for an impl on a foreign type (`impl From<KeyId> for String`) the generated type it
/// converts; for an `open_enum_impls!` call, the enum it completes.
pub fn item_subject(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Struct(s) => Some(s.ident.to_string()),
        syn::Item::Enum(e) => Some(e.ident.to_string()),
        syn::Item::Type(t) => Some(t.ident.to_string()),
        syn::Item::Fn(f) => Some(f.sig.ident.to_string()),
        syn::Item::Impl(block) => {
            let self_ty = match &*block.self_ty {
                syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                _ => None,
            };
            let foreign = self_ty
                .as_deref()
                .is_none_or(|name| FOREIGN_SELF_TYPES.contains(&name));
            if !foreign {
                return self_ty;
            }
            // The first generated (CamelCase, non-std) type named in the trait's generics.
            let (trait_path, _) = block.trait_.as_ref()?;
            let mut idents = Vec::new();
            collect_idents_ordered(&quote!(#trait_path), &mut idents);
            idents.into_iter().find(|ident| {
                ident.starts_with(|c: char| c.is_ascii_uppercase())
                    && !STD_NAMES.contains(&ident.as_str())
            })
        }
        syn::Item::Macro(m) => m
            .mac
            .tokens
            .clone()
            .into_iter()
            .find_map(|token| match token {
                TokenTree::Ident(ident) => Some(ident.to_string()),
                _ => None,
            }),
        _ => None,
    }
}

/// Types typify implements conversions on that are not generated items.
const FOREIGN_SELF_TYPES: [&str; 6] = ["String", "str", "Value", "Map", "Vec", "Option"];

/// Standard names that appear in trait paths beside the generated type.
const STD_NAMES: [&str; 9] = [
    "From", "TryFrom", "Into", "String", "Vec", "Option", "Box", "Value", "Map",
];

fn collect_idents_ordered(tokens: &TokenStream, out: &mut Vec<String>) {
    for token in tokens.clone() {
        match token {
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Group(group) => collect_idents_ordered(&group.stream(), out),
            _ => {}
        }
    }
}

/// Collects the items named by paths: `types::Foo`, `Vec<Foo>`, `Foo::new`, `defaults::bar`,
/// and paths written in serde attributes (`default = "defaults::bar"`). `Self::Variant` names
/// nothing new, and neither does an enum variant's own name, which is what makes this sharper
/// than collecting identifiers.
#[derive(Default)]
pub struct PathCollector {
    names: BTreeSet<String>,
}

impl PathCollector {
    fn record(&mut self, path: &syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        // Skip leading module segments (`crate::types::`, `defaults::`): the first segment with
        // nothing but its own trailing members after it is the item referred to.
        let mut index = 0;
        while index + 1 < segments.len() && is_module_segment(&segments[index]) {
            index += 1;
        }
        if let Some(first) = segments.get(index)
            && first != "Self"
        {
            self.names.insert(first.clone());
        }
    }
}

fn is_module_segment(segment: &str) -> bool {
    segment.starts_with(|c: char| c.is_ascii_lowercase()) || segment == "crate"
}

impl<'ast> syn::visit::Visit<'ast> for PathCollector {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.record(path);
        syn::visit::visit_path(self, path);
    }

    fn visit_attribute(&mut self, attr: &'ast syn::Attribute) {
        if attr.path().is_ident("serde") {
            let _ = attr.parse_nested_meta(|meta| {
                if meta.input.peek(syn::Token![=]) {
                    let value: syn::LitStr = meta.value()?.parse()?;
                    if let Ok(path) = value.parse::<syn::ExprPath>() {
                        self.record(&path.path);
                    }
                }
                Ok(())
            });
        }
        syn::visit::visit_attribute(self, attr);
    }
}

/// The items an item names through paths.
pub fn paths_named_by_item(item: &syn::Item) -> BTreeSet<String> {
    let mut collector = PathCollector::default();
    syn::visit::Visit::visit_item(&mut collector, item);
    collector.names
}

/// The items a method names through paths.
pub fn paths_named_by_method(method: &syn::ImplItemFn) -> BTreeSet<String> {
    let mut collector = PathCollector::default();
    syn::visit::Visit::visit_impl_item_fn(&mut collector, method);
    collector.names
}

/// The generated items about each type name (struct or enum and its impls).
pub fn index_types(items: &[syn::Item]) -> BTreeMap<String, Vec<syn::Item>> {
    let mut out: BTreeMap<String, Vec<syn::Item>> = BTreeMap::new();
    for item in items {
        if let Some(subject) = item_subject(item) {
            out.entry(subject).or_default().push(item.clone());
        }
    }
    out
}

// ---------------------------------------------------------------------------------- gating

/// Which areas use each generated type.
#[derive(Debug, Default)]
pub struct Gating {
    /// Areas by subject (type, or helper function of `defaults`/`error`).
    pub areas: BTreeMap<String, BTreeSet<String>>,
    /// Every area, in spec order.
    pub all_areas: Vec<String>,
}

impl Gating {
    fn compute(
        items: &[syn::Item],
        spec: &Spec,
        method_refs: &BTreeMap<String, BTreeSet<String>>,
    ) -> Result<Self> {
        // Nodes: every subject in the types module, including items nested in its helper
        // modules (`defaults`, `error`); edges: the identifiers each subject's items mention.
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut add = |item: &syn::Item| {
            if let Some(subject) = item_subject(item) {
                let mut named = paths_named_by_item(item);
                named.remove(&subject);
                edges.entry(subject).or_default().extend(named);
            }
        };
        for item in items {
            match item {
                syn::Item::Mod(module) => {
                    for inner in module.content.iter().flat_map(|(_, items)| items) {
                        add(inner);
                    }
                }
                other => add(other),
            }
        }
        let nodes: BTreeSet<String> = edges.keys().cloned().collect();
        let mut areas: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for area in &spec.areas {
            let mut roots: BTreeSet<String> = method_refs.get(area).cloned().unwrap_or_default();
            for op in spec.operations.iter().filter(|op| &op.area == area) {
                roots.extend(op.direct_schemas.iter().cloned());
            }
            let mut stack: Vec<String> = roots.into_iter().filter(|r| nodes.contains(r)).collect();
            let mut seen = BTreeSet::new();
            while let Some(node) = stack.pop() {
                if !seen.insert(node.clone()) {
                    continue;
                }
                areas.entry(node.clone()).or_default().insert(area.clone());
                if let Some(next) = edges.get(&node) {
                    stack.extend(
                        next.iter()
                            .filter(|n| nodes.contains(*n) && !seen.contains(*n))
                            .cloned(),
                    );
                }
            }
        }
        let used = crate::spec::schema_areas(spec);
        let unused: Vec<&String> = spec
            .schemas()
            .keys()
            .filter(|name| !used.contains_key(*name))
            .collect();
        if !unused.is_empty() {
            bail!(
                "{}: no operation uses components.schemas.{}; remove it or reference it",
                crate::spec::SPEC_PATH,
                unused
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", components.schemas.")
            );
        }
        Ok(Self {
            areas,
            all_areas: spec.areas.clone(),
        })
    }

    /// The `#[cfg]` for a set of areas; none for what every area uses (the error types, say),
    /// which is part of every build.
    pub fn cfg(&self, areas: &BTreeSet<String>) -> Option<syn::Attribute> {
        let ordered: Vec<&String> = self
            .all_areas
            .iter()
            .filter(|a| areas.contains(*a))
            .collect();
        let features: Vec<&str> = ordered.iter().map(|tag| calls::feature_of(tag)).collect();
        match features.as_slice() {
            every if every.len() == self.all_areas.len() => None,
            [single] => Some(syn::parse_quote!(#[cfg(feature = #single)])),
            many => Some(syn::parse_quote!(#[cfg(any(#(feature = #many),*))])),
        }
    }

    /// The areas of a subject; none for an unknown one.
    pub fn areas_of(&self, subject: &str) -> BTreeSet<String> {
        self.areas.get(subject).cloned().unwrap_or_default()
    }

    fn apply(&self, mut item: syn::Item) -> Result<syn::Item> {
        if let syn::Item::Mod(module) = &mut item {
            let mut union = BTreeSet::new();
            if let Some((_, items)) = module.content.as_mut() {
                let mut gated = Vec::new();
                for inner in std::mem::take(items) {
                    match item_subject(&inner) {
                        Some(subject) => {
                            let areas = self.areas_of(&subject);
                            if areas.is_empty() {
                                continue; // a helper no enabled type needs: drop it
                            }
                            union.extend(areas.iter().cloned());
                            gated.push(with_attr(inner, self.cfg(&areas)));
                        }
                        None => gated.push(inner),
                    }
                }
                *items = gated;
            }
            if union.is_empty() {
                return Ok(item);
            }
            return Ok(with_attr(item, self.cfg(&union)));
        }
        match item_subject(&item) {
            Some(subject) => {
                let areas = self.areas_of(&subject);
                if areas.is_empty() {
                    bail!("generated type `{subject}` is used by no operation");
                }
                Ok(with_attr(item, self.cfg(&areas)))
            }
            None => Ok(item),
        }
    }
}

fn with_attr(mut item: syn::Item, attr: Option<syn::Attribute>) -> syn::Item {
    let Some(attr) = attr else { return item };
    let attrs = match &mut item {
        syn::Item::Struct(i) => &mut i.attrs,
        syn::Item::Enum(i) => &mut i.attrs,
        syn::Item::Type(i) => &mut i.attrs,
        syn::Item::Fn(i) => &mut i.attrs,
        syn::Item::Impl(i) => &mut i.attrs,
        syn::Item::Macro(i) => &mut i.attrs,
        syn::Item::Mod(i) => &mut i.attrs,
        syn::Item::Const(i) => &mut i.attrs,
        syn::Item::Static(i) => &mut i.attrs,
        syn::Item::Use(i) => &mut i.attrs,
        _ => return item,
    };
    attrs.insert(0, attr);
    item
}

// ---------------------------------------------------------------------------------- newtypes

/// Conversions typify leaves out for string newtypes (ids, emails): from `&str` and from a
/// reference, and `AsRef<str>`, so `client.keys().get("key_…")` and `get(&key.key_id)` both read
/// naturally.
fn string_newtype_conversions(items: &[syn::Item]) -> Vec<syn::Item> {
    let mut out = Vec::new();
    for item in items {
        let syn::Item::Struct(newtype) = item else {
            continue;
        };
        let syn::Fields::Unnamed(fields) = &newtype.fields else {
            continue;
        };
        let [field] = fields.unnamed.iter().collect::<Vec<_>>()[..] else {
            continue;
        };
        let inner = quote!(#field).to_string().replace(' ', "");
        if !inner.ends_with("::std::string::String") {
            continue;
        }
        let name = &newtype.ident;
        out.push(syn::parse_quote! {
            impl ::std::convert::From<&str> for #name {
                fn from(value: &str) -> Self {
                    Self(value.to_owned())
                }
            }
        });
        out.push(syn::parse_quote! {
            impl ::std::convert::From<&#name> for #name {
                fn from(value: &#name) -> Self {
                    value.clone()
                }
            }
        });
        out.push(syn::parse_quote! {
            impl ::std::convert::AsRef<str> for #name {
                fn as_ref(&self) -> &str {
                    &self.0
                }
            }
        });
    }
    out
}

// ---------------------------------------------------------------------------------- open enums

/// An open enum: the enum itself, written out, and an `open_enum_impls!` call for its impls
/// (its wire values, parsing that keeps unknown values, serde, Display).
fn open_enum_items(spec: &Spec, name: &str, values: &[String]) -> Result<[syn::Item; 2]> {
    let schema = spec
        .schemas()
        .get(name)
        .ok_or_else(|| anyhow!("no schema {name}"))?;
    let doc = schema
        .get("description")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            anyhow!(
                "{}: components.schemas.{name} has no description",
                crate::spec::SPEC_PATH
            )
        })?;
    let ident = format_ident!("{name}");
    let mut seen = BTreeSet::new();
    let variants = values
        .iter()
        .map(|value| {
            let variant = variant_name(value);
            if variant.is_empty() || variant.starts_with(|c: char| c.is_ascii_digit()) || !seen.insert(variant.clone()) {
                bail!(
                    "{}: components.schemas.{name}: enum value `{value}` does not give a distinct Rust variant name",
                    crate::spec::SPEC_PATH
                );
            }
            Ok((format_ident!("{variant}"), value.as_str()))
        })
        .collect::<Result<Vec<_>>>()?;
    let docs = variants.iter().map(|(_, value)| format!("`{value}`"));
    let names = variants.iter().map(|(variant, _)| variant);
    let pairs = variants
        .iter()
        .map(|(variant, value)| quote!((#variant, #value)));
    let doc_more = " The server may add values: one this version does not know parses as `Unknown` instead of failing the whole response.";
    Ok([
        syn::parse_quote! {
            #[doc = #doc]
            #[doc = ""]
            #[doc = #doc_more]
            #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            pub enum #ident {
                #(#[doc = #docs] #names,)*
                /// A value this version of the SDK does not know yet, kept as received.
                Unknown(crate::UnknownValue),
            }
        },
        syn::parse_quote! {
            crate::open_enum_impls!(#ident, [#(#pairs),*]);
        },
    ])
}

// ---------------------------------------------------------------------------------- files

fn mod_rs(spec: &Spec, top: Vec<syn::Item>) -> Result<TokenStream> {
    let areas = spec.areas.iter().map(|area| {
        let ident = format_ident!("{area}");
        let feature = calls::feature_of(area);
        quote!(#[cfg(feature = #feature)] mod #ident;)
    });
    let mut operations = Vec::new();
    for op in &spec.operations {
        let (id, method, path, area) = (&op.method_name, &op.http_method, &op.path, &op.area);
        let requires_auth = op.requires_auth;
        let responses = &op.responses;
        let max_request_bytes = match spec.max_request_bytes(op)? {
            Some(max) => quote!(Some(#max)),
            None => quote!(None),
        };
        operations.push(quote!(crate::ApiOperation {
            id: #id,
            method: #method,
            path: #path,
            area: #area,
            requires_auth: #requires_auth,
            max_request_bytes: #max_request_bytes,
            responses: &[#(#responses),*],
        }));
    }
    let secret_headers = secret_headers(spec);
    Ok(quote! {
        pub mod types;
        pub mod validate;
        #(#areas)*

        /// Every operation of the spec, by path then method, whichever features are on.
        pub const OPERATIONS: &[crate::ApiOperation] = &[#(#operations),*];

        /// The header parameters that carry secrets (`format: password`), lowercase: a
        /// transport marks them sensitive so no `Debug` of a request shows them.
        pub const SECRET_HEADERS: &[&str] = &[#(#secret_headers),*];

        #(#top)*
    })
}

/// The lowercase names of the spec's header parameters whose schema is `format: password`.
pub fn secret_headers(spec: &Spec) -> Vec<String> {
    let Some(parameters) = spec
        .doc
        .pointer("/components/parameters")
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    let mut names: Vec<String> = parameters
        .values()
        .filter(|p| p.get("in").and_then(Value::as_str) == Some("header"))
        .filter(|p| p.pointer("/schema/format").and_then(Value::as_str) == Some("password"))
        .filter_map(|p| p.get("name").and_then(Value::as_str))
        .map(str::to_ascii_lowercase)
        .collect();
    names.sort();
    names
}

fn types_rs(items: &[syn::Item]) -> TokenStream {
    quote!(#(#items)*)
}

fn area_rs(methods: &[syn::ImplItemFn]) -> Result<TokenStream> {
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
        "Builds the request [`Self::{name}`] sends, without sending it, for a transport that sends and decodes on its own terms."
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

/// Lints the generated files allow, and why. Each is something progenitor or typify emits that
/// our workspace lints would otherwise reject; we never edit their output to satisfy them.
const GENERATED_ALLOWS: &str = "\
#![allow(
    // typify and progenitor write items and impls without docs of their own.
    missing_docs,
    // Generated items are `pub` in a private module and re-exported selectively.
    unreachable_pub,
    // progenitor's `Client::new` unwraps reqwest's builder; the SDK never calls it.
    clippy::unwrap_used,
    // typify's and progenitor's style is theirs, not ours.
    clippy::all,
)]
";

fn render_file(name: &str, tokens: &TokenStream, purpose: &str) -> Result<GeneratedFile> {
    let path = Path::new(GENERATED_DIR).join(name);
    render_source(&path.to_string_lossy(), tokens, purpose, GENERATED_ALLOWS)
}

/// A generated source file at `path` (relative to the workspace root): the header, `purpose`
/// as its module doc, `allows`, then `tokens`, formatted.
fn render_source(
    path: &str,
    tokens: &TokenStream,
    purpose: &str,
    allows: &str,
) -> Result<GeneratedFile> {
    let file: syn::File =
        syn::parse2(tokens.clone()).with_context(|| format!("generated {path} does not parse"))?;
    let body = line_doc_comments(&prettyplease::unparse(&file));
    let text = format!("{HEADER}//! {purpose}\n\n{allows}\n{body}");
    let formatted = rustfmt(&text).with_context(|| format!("formatting generated {path}"))?;
    Ok(GeneratedFile {
        path: PathBuf::from(path),
        contents: formatted,
    })
}

/// Rewrites prettyplease's `/** … */` doc blocks as `///` lines, with a space after `///`.
///
/// rustfmt indents the inside of a block comment with the code around it, and markdown reads a
/// line indented by four spaces as a code block, which rustdoc would then compile as a doctest.
fn line_doc_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut block_indent: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        match &block_indent {
            Some(outer) => {
                let (content, ends) = match line.strip_suffix("*/") {
                    Some(content) => (content, true),
                    None => (line, false),
                };
                if !(ends && content.trim().is_empty()) {
                    push_doc_line(&mut out, outer, content);
                }
                if ends {
                    block_indent = None;
                }
            }
            None => match trimmed.strip_prefix("/**") {
                Some(rest) => {
                    let (content, ends) = match rest.strip_suffix("*/") {
                        Some(content) => (content, true),
                        None => (rest, false),
                    };
                    push_doc_line(&mut out, indent, content);
                    if !ends {
                        block_indent = Some(indent.to_owned());
                    }
                }
                None => match trimmed.strip_prefix("///") {
                    Some(rest) => push_doc_line(&mut out, indent, rest),
                    None => {
                        out.push_str(line);
                        out.push('\n');
                    }
                },
            },
        }
    }
    out
}

fn push_doc_line(out: &mut String, indent: &str, content: &str) {
    out.push_str(indent);
    out.push_str("///");
    if !content.is_empty() && !content.starts_with(' ') {
        out.push(' ');
    }
    out.push_str(content.trim_end());
    out.push('\n');
}

/// Formats with the toolchain's rustfmt, as `cargo fmt` would (edition 2024, default style).
fn rustfmt(text: &str) -> Result<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut child = Command::new(&rustfmt)
        .args(["--edition", "2024", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("running rustfmt (install it with `rustup component add rustfmt`)")?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| anyhow!("rustfmt has no stdin"))?;
    let input = text.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().context("waiting for rustfmt")?;
    writer
        .join()
        .map_err(|_| anyhow!("writing to rustfmt panicked"))?
        .context("writing to rustfmt")?;
    if !output.status.success() {
        bail!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    String::from_utf8(output.stdout).context("rustfmt wrote invalid UTF-8")
}

/// `createChatCompletion` style operation ids to method names; re-exported for the digest.
pub fn method_name(operation_id: &str) -> String {
    snake_case(operation_id)
}
