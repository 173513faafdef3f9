//! The maintainer's flow of README's "Changing the API", end to end in a copy of the
//! repository: edit the spec, generate, pin the public API, commit, `release-plan --apply`,
//! tag — then a breaking change, and a hand-made rename the spec knows nothing of.
//!
//! The copy documents its crates with the repository's compiled dependencies (the build
//! directory of `cargo xtask public-api`, shared; its JSON its own), so after the first run
//! each scenario costs rustdoc of the crates it changes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use xtask::release::plan::{Level, Plan, Source};
use xtask::release::{Mode, Options};
use xtask::spec::{SPEC_PATH, Spec};
use xtask::{codegen, public_api, release, workspace_root};

use crate::new_operation::add_invoices;

/// A copy of the repository's files (tracked, and new ones not ignored) in a fresh git
/// repository whose one commit is tagged `base`.
struct Copy {
    root: PathBuf,
}

impl Copy {
    fn new() -> Self {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("release-flow-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let files = Command::new("git")
            .arg("-C")
            .arg(workspace_root())
            .args([
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard",
            ])
            .output()
            .unwrap();
        for file in String::from_utf8(files.stdout).unwrap().split('\0') {
            let from = workspace_root().join(file);
            if file.is_empty() || !from.is_file() {
                continue;
            }
            let to = root.join(file);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(&from, &to).unwrap();
        }
        let copy = Self { root };
        copy.git(&["init", "-q"]);
        copy.commit("base");
        copy.git(&["tag", "base"]);
        copy
    }

    fn git(&self, args: &[&str]) -> String {
        let output = Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args([
                "-c",
                "user.name=Maintainer",
                "-c",
                "user.email=maintainer@example.com",
            ])
            .args(["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--allow-empty", "-m", message]);
    }

    /// The spec edited, as a maintainer edits it.
    fn edit_spec(&self, edit: impl FnOnce(&mut Value)) {
        let mut doc = Spec::load(&self.root).unwrap().doc;
        edit(&mut doc);
        std::fs::write(
            self.root.join(SPEC_PATH),
            serde_yaml::to_string(&doc).unwrap(),
        )
        .unwrap();
    }

    /// `cargo xtask generate`, then `cargo xtask public-api`.
    fn generate_and_pin(&self) {
        let generation = codegen::generate(&self.root).unwrap();
        codegen::write(&self.root, &generation).unwrap();
        let docs = Path::new(env!("CARGO_TARGET_TMPDIR")).join("release-flow-docs");
        let shared = public_api::build::target_dir(&workspace_root());
        let (report, _) = public_api::write(&self.root, &docs, Some(&shared)).unwrap();
        eprintln!("{report}");
    }

    fn release_plan(&self, since: Option<&str>, mode: Mode) -> (String, bool) {
        let options = Options {
            since: since.map(str::to_owned),
            mode,
        };
        release::run(&self.root, &options).unwrap()
    }

    fn plan(&self, since: Option<&str>) -> Plan {
        let baseline = release::baseline(&self.root, since).unwrap();
        release::plan::plan(&release::sources::gather(&self.root, &baseline.revision).unwrap())
    }

    fn changelog(&self, dir: &str) -> Option<String> {
        std::fs::read_to_string(self.root.join(dir).join("CHANGELOG.md")).ok()
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn with_level(plan: &Plan, level: Level) -> BTreeSet<&str> {
    plan.crates
        .iter()
        .filter(|krate| krate.level == Some(level))
        .map(|krate| krate.name.as_str())
        .collect()
}

fn bumped(plan: &Plan) -> BTreeSet<&str> {
    plan.crates
        .iter()
        .filter(|krate| krate.level.is_some())
        .map(|krate| krate.name.as_str())
        .collect()
}

fn remove_currency(doc: &mut Value) {
    let balance = &mut doc["components"]["schemas"]["Balance"];
    balance["properties"]
        .as_object_mut()
        .unwrap()
        .remove("currency");
    let required: Vec<Value> = balance["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|field| *field != "currency")
        .cloned()
        .collect();
    balance["required"] = Value::Array(required);
    if let Some(example) = balance["example"].as_object_mut() {
        example.remove("currency");
    }
}

#[test]
fn a_spec_change_ends_in_the_versions_and_changelogs_it_deserves() {
    let copy = Copy::new();

    // An added operation and an optional response field: nothing breaks. The crates whose
    // API grows take a patch (0.x) with a changelog entry: nexevo-api, the area's crate and
    // the facade — and the CLI, whose commands are generated from the spec (a new command).
    copy.edit_spec(add_invoices);
    copy.generate_and_pin();
    copy.commit("billing: list invoices; a balance's credit limit");
    let plan = copy.plan(Some("base"));
    assert_eq!(
        with_level(&plan, Level::Breaking),
        BTreeSet::new(),
        "{plan:#?}"
    );
    let grown = BTreeSet::from(["nexevo", "nexevo-api", "nexevo-billing", "nexevo-cli"]);
    assert_eq!(bumped(&plan), grown, "{plan:#?}");
    let billing = plan.get("nexevo-billing").unwrap();
    assert_eq!(billing.next_version.unwrap().to_string(), "0.1.1");
    assert!(
        billing
            .entries
            .iter()
            .any(|entry| entry.source == Source::Spec
                && entry.text.contains("listInvoices")
                && entry.text.contains("is new")),
        "{billing:#?}"
    );
    let (report, ok) = copy.release_plan(Some("base"), Mode::Check);
    eprintln!("{report}");
    assert!(ok, "an additive change waits for the release: {report}");

    let (report, ok) = copy.release_plan(Some("base"), Mode::Apply);
    assert!(ok, "{report}");
    for dir in [
        "crates/nexevo",
        "crates/nexevo-api",
        "crates/nexevo-billing",
        "crates/nexevo-cli",
    ] {
        let changelog = copy
            .changelog(dir)
            .unwrap_or_else(|| panic!("no changelog in {dir}"));
        assert!(changelog.contains("## 0.1.1 ("), "{dir}: {changelog}");
        assert!(changelog.contains("### Added"), "{dir}: {changelog}");
        assert!(!changelog.contains("### Breaking"), "{dir}: {changelog}");
    }
    for dir in [
        "crates/nexevo-core",
        "crates/nexevo-chat",
        "crates/nexevo-sandbox",
    ] {
        assert_eq!(copy.changelog(dir), None, "{dir} did not change");
    }
    let manifest = std::fs::read_to_string(copy.root.join("crates/nexevo-billing/Cargo.toml"));
    assert!(manifest.unwrap().contains("version = \"0.1.1\""));
    let root_manifest = std::fs::read_to_string(copy.root.join("Cargo.toml")).unwrap();
    assert!(
        root_manifest
            .contains("nexevo-billing = { path = \"crates/nexevo-billing\", version = \"0.1.1\" }"),
        "{root_manifest}"
    );
    // Applying again changes nothing: versions come from the baseline, not the manifests.
    let (report, _) = copy.release_plan(Some("base"), Mode::Apply);
    assert!(report.contains("Nothing to write"), "{report}");
    copy.commit("Release: nexevo-api, nexevo-billing, nexevo and nexevo-cli 0.1.1");
    for krate in &grown {
        copy.git(&["tag", &format!("{krate}-v0.1.1")]);
    }

    // A removed response field: a breaking release of nexevo-api, billing and the facade, and
    // of every crate whose API shows nexevo-api's items. With no SINCE the plan starts at the
    // last release tag.
    copy.edit_spec(remove_currency);
    copy.generate_and_pin();
    copy.commit("billing: a balance no longer says its currency");
    let plan = copy.plan(None);
    let breaking = with_level(&plan, Level::Breaking);
    for name in ["nexevo-api", "nexevo-billing", "nexevo"] {
        assert!(breaking.contains(name), "{name}: {plan:#?}");
    }
    let billing = plan.get("nexevo-billing").unwrap();
    assert_eq!(billing.next_version.unwrap().to_string(), "0.2.0");
    assert!(
        billing
            .entries
            .iter()
            .any(|entry| entry.source == Source::Spec && entry.text.contains("currency")),
        "{billing:#?}"
    );
    assert!(
        billing
            .entries
            .iter()
            .any(|entry| entry.source == Source::RustApi
                && entry
                    .text
                    .contains("Removed `field nexevo_billing::Balance::currency")),
        "{billing:#?}"
    );
    // Coupled by re-export: the core and another area's crate show nexevo-api's items.
    for name in ["nexevo-core", "nexevo-chat"] {
        let coupled = plan.get(name).unwrap();
        assert_eq!(coupled.level, Some(Level::Breaking), "{coupled:#?}");
        assert!(
            coupled.entries.iter().any(
                |entry| entry.source == Source::Reexport && entry.text.contains("`nexevo-api`")
            ),
            "{coupled:#?}"
        );
        assert_eq!(coupled.next_version.unwrap().to_string(), "0.2.0");
    }
    assert_eq!(plan.get("nexevo-pattern").unwrap().level, None);
    // CI refuses the change until its bumps are in it, with the plan's reasons.
    let (report, ok) = copy.release_plan(None, Mode::Check);
    eprintln!("{report}");
    assert!(!ok, "{report}");
    assert!(
        report.contains("nexevo-billing says 0.1.1 but its changes are breaking: it needs 0.2.0"),
        "{report}"
    );
    assert!(report.contains("currency"), "{report}");
    let (report, ok) = copy.release_plan(None, Mode::Apply);
    assert!(ok, "{report}");
    let (report, ok) = copy.release_plan(None, Mode::Check);
    assert!(ok, "{report}");
    let changelog = copy.changelog("crates/nexevo-billing").unwrap();
    eprintln!("{changelog}");
    assert!(changelog.contains("## 0.2.0 ("), "{changelog}");
    assert!(changelog.contains("### Breaking changes"), "{changelog}");
    assert!(
        changelog.contains("## 0.1.1 ("),
        "the older entry stays: {changelog}"
    );
    copy.git(&["checkout", "-q", "--", "."]);
    copy.git(&["clean", "-qfd"]);

    // A public Rust item renamed by hand, the spec untouched: the pinned listings catch it.
    copy.git(&["reset", "-q", "--hard", "nexevo-billing-v0.1.1"]);
    let verifier = copy.root.join("crates/nexevo-keys/src/webhooks.rs");
    let code = std::fs::read_to_string(&verifier).unwrap();
    assert!(code.contains("pub fn max_body_bytes("));
    std::fs::write(
        &verifier,
        code.replace("pub fn max_body_bytes(", "pub fn body_limit("),
    )
    .unwrap();
    copy.generate_and_pin();
    copy.commit("keys: the verifier's body limit, renamed");
    let (report, _) = copy.release_plan(None, Mode::Report);
    eprintln!("{report}");
    let plan = copy.plan(None);
    assert_eq!(
        with_level(&plan, Level::Breaking),
        BTreeSet::from(["nexevo", "nexevo-keys"]),
        "{plan:#?}"
    );
    let keys = plan.get("nexevo-keys").unwrap();
    assert!(
        keys.entries
            .iter()
            .any(|entry| entry.source == Source::RustApi
                && entry.text.contains(
                    "Removed `pub fn nexevo_keys::webhooks::WebhookVerifier::max_body_bytes"
                )),
        "{keys:#?}"
    );
    assert!(
        keys.entries
            .iter()
            .all(|entry| entry.source != Source::Spec)
    );
}

#[test]
fn versions_follow_cargo_rules() {
    use xtask::release::plan::Version;
    let bump = |version: &str, level| Version::parse(version).unwrap().bump(level).to_string();
    assert_eq!(bump("0.1.0", Level::Breaking), "0.2.0");
    assert_eq!(bump("0.1.3", Level::Additive), "0.1.4");
    assert_eq!(bump("0.1.3", Level::Patch), "0.1.4");
    assert_eq!(bump("1.4.2", Level::Breaking), "2.0.0");
    assert_eq!(bump("1.4.2", Level::Additive), "1.5.0");
    assert_eq!(bump("1.4.2", Level::Patch), "1.4.3");
    assert_eq!(bump("0.2.0-rc.1", Level::Patch), "0.2.1");
    assert_eq!(Version::parse("0.1"), None);
    assert_eq!(Version::parse("0.1.0.0"), None);
}

#[test]
fn the_command_reads_its_arguments() {
    let parse =
        |args: &[&str]| Options::parse(&args.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>());
    assert_eq!(
        parse(&["v1", "--apply"]).unwrap(),
        Options {
            since: Some("v1".to_owned()),
            mode: Mode::Apply
        }
    );
    assert_eq!(parse(&["--check"]).unwrap().mode, Mode::Check);
    assert!(parse(&["--apply", "--check"]).is_err());
    assert!(parse(&["a", "b"]).is_err());
    assert!(parse(&["--force"]).is_err());
}
