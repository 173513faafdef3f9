//! The checked-in generated code, and the API it exposes per area, against a fresh generation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::sync::OnceLock;

use xtask::codegen::{self, Generation};
use xtask::workspace_root;

fn generation() -> &'static Generation {
    static GENERATION: OnceLock<Generation> = OnceLock::new();
    GENERATION.get_or_init(|| codegen::generate(&workspace_root()).expect("the spec generates"))
}

#[test]
fn checked_in_code_matches_a_fresh_generation() {
    let stale = codegen::stale_files(&workspace_root(), generation()).unwrap();
    assert!(
        stale.is_empty(),
        "generated code is stale; run `cargo xtask generate`:\n{}",
        stale
            .iter()
            .map(|(path, why)| format!("  {} {why}", path.display()))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn generated_api_per_area() {
    let digests = &generation().digests;
    assert_eq!(digests.len(), 7, "one digest per area");
    // Named as when this module was a test binary of its own, so each area's snapshot keeps its
    // file, `snapshots/codegen__api_<area>.snap`, rather than taking the binary's name too.
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (area, digest) in digests {
            insta::assert_snapshot!(format!("codegen__api_{area}"), digest);
        }
    });
}

/// Generates from the real spec with one change applied to its document.
fn generate_with(change: impl FnOnce(&mut serde_json::Value)) -> anyhow::Result<Generation> {
    let mut doc = xtask::spec::Spec::load(&workspace_root())?.doc;
    change(&mut doc);
    let spec = xtask::spec::Spec::parse(&serde_yaml::to_string(&doc)?)?;
    codegen::generate_from(&spec)
}

#[test]
fn a_shape_progenitor_panics_on_is_reported_at_its_operation() {
    // progenitor reaches a `todo!()` for a JSON response without a schema.
    let error = generate_with(|doc| {
        doc["paths"]["/v1/billing/balance"]["get"]["responses"]["200"]["content"]["application/json"] =
            serde_json::json!({});
    })
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("paths./v1/billing/balance.get (operationId getBalance)"),
        "{error}"
    );
    assert!(error.contains("progenitor panicked"), "{error}");
}

#[test]
fn a_broken_schema_is_reported_at_its_component() {
    let error = generate_with(|doc| {
        doc["components"]["schemas"]["Balance"]["properties"]["currency"] =
            serde_json::json!({ "$ref": "#/components/schemas/NoSuchSchema" });
    })
    .unwrap_err()
    .to_string();
    assert!(error.contains("components.schemas.Balance"), "{error}");
}

#[test]
fn an_operation_without_exactly_one_tag_is_refused() {
    let error = generate_with(|doc| {
        doc["paths"]["/v1/keys"]["post"]["tags"] = serde_json::json!(["keys", "billing"]);
    })
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("paths./v1/keys.post (createKey) must have exactly one tag"),
        "{error}"
    );
}

#[test]
fn a_constraint_the_validators_do_not_check_is_refused_at_its_location() {
    let error = generate_with(|doc| {
        doc["components"]["schemas"]["CheckoutAmount"]["multipleOf"] = serde_json::json!(0.01);
    })
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("components.schemas.CheckoutAmount.multipleOf"),
        "{error}"
    );
}

#[test]
fn a_decimal_example_that_is_no_decimal_is_refused_at_its_operation() {
    let error = generate_with(|doc| {
        doc["components"]["schemas"]["CheckoutRequest"]["example"]["amount_usd"] =
            serde_json::json!("12abc");
    })
    .map(|generation| {
        let calls = generation
            .files
            .iter()
            .find(|f| f.path.ends_with("tests/generated_calls.rs"))
            .map(|f| f.contents.clone())
            .unwrap_or_default();
        let line = calls
            .lines()
            .find(|line| line.contains("billing::Decimal::new"))
            .unwrap_or_default()
            .trim()
            .to_owned();
        format!("generated, the example written as `{line}`")
    })
    .unwrap_err();
    let error = format!("{error:#}");
    assert!(
        error.contains("paths./v1/billing/checkout.post (createCheckout)")
            && error.contains("`amount_usd`")
            && error.contains("`12abc`"),
        "{error}"
    );
}
