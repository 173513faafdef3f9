//! What every emitter of the generator shares, and which reads none of them: how schemas are
//! represented in Rust, the Cargo feature of each area, the names an area's crate and calls
//! take, where the generated files go, and the file type they are written as.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Result, anyhow};
use quote::format_ident;
use serde_json::Value;

use crate::spec::{SPEC_PATH, Spec, variant_name};

/// Where the low-level client's generated files live, relative to the workspace root.
pub(crate) const GENERATED_DIR: &str = "crates/nexevo-api/src/generated";

/// The e2e tests' helper that makes every generated call, relative to the workspace root.
pub(crate) const EVERY_CALL_PATH: &str = "tests/generated_calls.rs";

/// Where the CLI's commands are written, relative to the workspace root.
pub(crate) const COMMANDS_PATH: &str = "crates/nexevo-cli/src/generated.rs";

/// Where the fields of each CLI command's answer, in the spec's order, are written: a module of
/// its own that uses nothing, so the CLI's tables read it without a module cycle.
pub(crate) const ANSWER_FIELDS_PATH: &str = "crates/nexevo-cli/src/answer_fields.rs";

/// Where every CLI command's example invocation is written.
pub(crate) const EXAMPLES_PATH: &str = "crates/nexevo-cli/tests/every_command/examples.rs";

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the workspace root.
    pub path: PathBuf,
    /// The file's full text.
    pub contents: String,
}

/// How a component schema is represented in Rust when typify's default will not do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Replacement {
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
    /// The Rust type that stands for the schema `name` in the low-level client.
    pub(crate) fn rust_path(&self, name: &str) -> String {
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
pub(crate) fn replacements(spec: &Spec) -> BTreeMap<String, Replacement> {
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

/// The Cargo feature (and facade module) of each tag whose feature is not the tag itself. The
/// one place a tag and its feature differ.
const FEATURE_OF_TAG: &[(&str, &str)] = &[("organizations", "orgs")];

/// The Cargo feature of a tag, in `nexevo-api` and `nexevo` alike.
pub(crate) fn feature_of(tag: &str) -> &str {
    FEATURE_OF_TAG
        .iter()
        .find(|(t, _)| *t == tag)
        .map_or(tag, |(_, feature)| feature)
}

/// The names an area's crate and calls take.
#[derive(Debug, Clone)]
pub(crate) struct Area {
    /// The spec's tag.
    pub(crate) tag: String,
    /// The Cargo feature of `nexevo` (and module `nexevo::<feature>`).
    pub(crate) feature: String,
    /// The area crate's package name, `nexevo-<feature>`.
    pub(crate) crate_name: String,
    /// The handle type (`Keys`): the tag's `x-nexevo-handle`, or the tag in PascalCase.
    pub(crate) handle: String,
    /// The extension trait that adds `client.<tag>()`.
    pub(crate) ext_trait: String,
    /// The tag's description.
    pub(crate) description: String,
}

impl Area {
    /// The area of a tag of the spec.
    pub(crate) fn of(spec: &Spec, tag: &str) -> Result<Self> {
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
    pub(crate) fn generated_path(&self) -> String {
        format!("crates/{}/src/generated.rs", self.crate_name)
    }

    /// The area crate's name as Rust code names it (`nexevo_keys`).
    pub(crate) fn crate_ident(&self) -> syn::Ident {
        format_ident!("{}", self.crate_name.replace('-', "_"))
    }

    /// The words an operationId of this area drops: the tag, and the tag without its plural `s`.
    pub(crate) fn words(&self) -> Vec<String> {
        let mut words = vec![self.tag.clone()];
        if let Some(singular) = self.tag.strip_suffix('s') {
            words.push(singular.to_owned());
        }
        words
    }
}

/// What the calls and the CLI are planned from: the spec, and what the low-level client made
/// of it.
pub(crate) struct CallInputs<'a> {
    /// The spec.
    pub(crate) spec: &'a Spec,
    /// progenitor's methods, by area.
    pub(crate) methods: &'a BTreeMap<String, Vec<syn::ImplItemFn>>,
    /// The generated types, by name.
    pub(crate) types: &'a BTreeMap<String, Vec<syn::Item>>,
    /// Schemas with a Rust type of their own.
    pub(crate) replacements: &'a BTreeMap<String, Replacement>,
}
