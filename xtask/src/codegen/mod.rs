//! `cargo xtask generate`: the spec in, every generated file out, one module per output.
//!
//! - `client`: the low-level client, `crates/nexevo-api/src/generated/` (progenitor's output
//!   taken apart, one file per area, with open enums and newtype conversions typify lacks),
//! - `gating`: which areas reach each generated type, so a feature compiles only its own,
//! - `validate`: `validate.rs`, a validator for every constraint of the spec,
//! - `plan` and `calls`: each area crate's calls, planned and then written, and the e2e
//!   helper that makes every call once,
//! - `cli`: the CLI's commands, their answers' fields and their examples, from the same plans,
//! - `digest`: each area's public API as text, for the snapshot tests,
//! - `files`: rendering, formatting (prettyplease, then rustfmt, so `cargo fmt --check` and
//!   `cargo xtask check` can never disagree), writing and checking the files.
//!
//! `model` and `syntax` hold what they share, and read none of them; this module only runs
//! them in order. `tests/module_cycles.rs` keeps the graph free of cycles.

mod calls;
mod cli;
mod client;
mod digest;
mod fields;
mod files;
mod gating;
pub(crate) mod model;
pub(crate) mod plan;
mod syntax;
mod validate;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::spec::Spec;
use files::{render_file, render_source};
use gating::{Gating, index_types, paths_named_by_method};
use model::{ANSWER_FIELDS_PATH, COMMANDS_PATH, CallInputs, EVERY_CALL_PATH, EXAMPLES_PATH};

pub use model::GeneratedFile;

/// Everything one generation produces.
#[derive(Debug)]
pub struct Generation {
    /// The files to write, each at its path under the workspace root.
    pub files: Vec<GeneratedFile>,
    /// For each area, a digest of its public API: what snapshot tests pin.
    pub digests: BTreeMap<String, String>,
}

/// Runs the whole generation in memory.
pub fn generate(root: &Path) -> Result<Generation> {
    let spec = Spec::load(root)?;
    generate_from(&spec)
}

/// Writes the generation to disk, removing generated files that are no longer produced.
pub fn write(root: &Path, generation: &Generation) -> Result<Vec<PathBuf>> {
    files::write(root, &generation.files)
}

/// The generated files whose checked-in text differs from a fresh generation: changed,
/// missing, or no longer generated.
pub fn stale_files(root: &Path, generation: &Generation) -> Result<Vec<(PathBuf, String)>> {
    files::stale_files(root, &generation.files)
}

/// Runs the whole generation for an already loaded spec.
pub fn generate_from(spec: &Spec) -> Result<Generation> {
    let replacements = model::replacements(spec);
    let client = client::generate(spec, &replacements)?;
    let method_refs: BTreeMap<String, BTreeSet<String>> = client
        .methods
        .iter()
        .map(|(area, methods)| {
            (
                area.clone(),
                methods.iter().flat_map(paths_named_by_method).collect(),
            )
        })
        .collect();
    let gating = Gating::compute(&client.types, spec, &method_refs)?;
    let types_by_name = index_types(&client.types);
    let validators = validate::generate(spec, &replacements, &types_by_name, &gating)?;
    let gated_types: Vec<syn::Item> = client
        .types
        .into_iter()
        .map(|item| gating.apply(item))
        .collect::<Result<_>>()?;

    let mut files = vec![
        render_file(
            "mod.rs",
            &client::mod_rs(spec, client.top)?,
            "The generated client: `Client`, its constructors, and the operations as data.",
        )?,
        render_file(
            "types.rs",
            &client::types_rs(&gated_types),
            "Types of every schema, each compiled only when an enabled area uses it.",
        )?,
        render_file(
            "validate.rs",
            &validators,
            "Validators for every constraint of the spec, shared by the SDK (before sending) and the sandbox (on receipt).",
        )?,
    ];
    for area in &spec.areas {
        let methods = client
            .methods
            .get(area)
            .map(Vec::as_slice)
            .unwrap_or_default();
        files.push(render_file(
            &format!("{area}.rs"),
            &client::area_rs(methods)?,
            &format!("The `{area}` operations: compiled only with the `{area}` feature."),
        )?);
    }

    let inputs = CallInputs {
        spec,
        methods: &client.methods,
        types: &types_by_name,
        replacements: &replacements,
    };
    let mut planned = Vec::new();
    let mut area_calls = Vec::new();
    let mut every_call = Vec::new();
    for tag in &spec.areas {
        let area = plan::plan_area(&inputs, tag)?;
        area_calls.push(calls::area_file(&inputs, &area)?);
        every_call.extend(calls::example_calls(&area)?);
        planned.push(area);
    }
    let cli = cli::generate(&inputs, &planned)?;
    for (area, tokens) in planned.iter().map(|p| &p.area).zip(&area_calls) {
        files.push(render_source(
            &area.generated_path(),
            tokens,
            &format!(
                "The `{}` calls: `client.{}()` and a builder per operation, from the spec's `{}` operations.",
                area.tag, area.tag, area.tag
            ),
            "",
        )?);
    }
    files.push(render_source(
        COMMANDS_PATH,
        &cli.commands,
        "The `nexevo` CLI's commands: `nexevo <area> <call>` for every generated call, and what runs them.",
        "",
    )?);
    files.push(render_source(
        ANSWER_FIELDS_PATH,
        &cli.fields,
        "The fields of each `nexevo` command's answer, in the order the spec writes them.",
        "",
    )?);
    files.push(render_source(
        EXAMPLES_PATH,
        &cli.examples,
        "Every generated command of the CLI, with the spec's example values.",
        "",
    )?);
    files.push(render_source(
        EVERY_CALL_PATH,
        &calls::every_call_file(&every_call),
        "Every generated call, made once with the spec's example values.",
        "",
    )?);
    let digests = digest::digests(spec, &client.methods, &gated_types, &gating, &planned);
    Ok(Generation { files, digests })
}
