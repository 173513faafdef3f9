//! `cargo xtask api-diff`: each row of its table, as a change to the real spec.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use serde_json::{Value, json};
use xtask::api_diff::{Change, diff, spec_at_revision};
use xtask::spec::Spec;
use xtask::workspace_root;

fn spec() -> Spec {
    Spec::load(&workspace_root()).unwrap()
}

/// The changes one edit of the real spec makes.
fn changes(edit: impl FnOnce(&mut Value)) -> Vec<Change> {
    let old = spec();
    let mut doc = old.doc.clone();
    edit(&mut doc);
    let new = Spec::parse(&serde_yaml::to_string(&doc).unwrap()).unwrap();
    diff(&old, &new)
}

/// An edit whose changes are all breaking, one of them at `location` saying `what`.
fn breaking(edit: impl FnOnce(&mut Value), location: &str, what: &str) {
    verdict(edit, true, location, what);
}

/// An edit whose changes are all compatible, one of them at `location` saying `what`.
fn compatible(edit: impl FnOnce(&mut Value), location: &str, what: &str) {
    verdict(edit, false, location, what);
}

fn verdict(edit: impl FnOnce(&mut Value), breaking: bool, location: &str, what: &str) {
    let changes = changes(edit);
    assert!(!changes.is_empty(), "the edit changed nothing");
    assert!(
        changes.iter().all(|c| c.breaking == breaking),
        "all {}: {changes:#?}",
        if breaking { "breaking" } else { "compatible" }
    );
    assert!(
        changes
            .iter()
            .any(|c| c.location.contains(location) && c.what.contains(what)),
        "one at {location} saying {what}: {changes:#?}"
    );
}

fn schema<'a>(doc: &'a mut Value, name: &str) -> &'a mut Value {
    &mut doc["components"]["schemas"][name]
}

#[test]
fn the_same_spec_has_no_changes() {
    assert_eq!(changes(|_| {}), []);
}

#[test]
fn the_spec_at_head_reads_from_git() {
    let head = spec_at_revision(&workspace_root(), "HEAD").unwrap();
    assert_eq!(diff(&head, &head), []);
    assert!(spec_at_revision(&workspace_root(), "no-such-revision").is_err());
}

// ------------------------------------------------------------------------------ requests

#[test]
fn a_removed_operation_is_breaking_and_a_new_one_is_not() {
    breaking(
        |doc| {
            doc["paths"]["/v1/billing/plan"]
                .as_object_mut()
                .unwrap()
                .remove("get");
        },
        "operation getPlan",
        "removed",
    );
    compatible(
        |doc| {
            let mut copy = doc["paths"]["/v1/billing/plan"]["get"].clone();
            copy["operationId"] = json!("getPlanHistory");
            doc["paths"]["/v1/billing/plan-history"] = json!({ "get": copy });
        },
        "operation getPlanHistory",
        "new",
    );
}

#[test]
fn a_removed_parameter_is_breaking() {
    breaking(
        |doc| {
            doc["paths"]["/v1/billing/usage"]["get"]["parameters"]
                .as_array_mut()
                .unwrap()
                .retain(|p| p["$ref"] != "#/components/parameters/Days");
        },
        "getUsage query parameter days",
        "removed",
    );
}

#[test]
fn an_optional_value_becoming_required_is_breaking() {
    breaking(
        |doc| doc["components"]["parameters"]["Days"]["required"] = json!(true),
        "query parameter days",
        "optional → required",
    );
    breaking(
        |doc| {
            schema(doc, "CreateKeyRequest")["required"] = json!(["name", "geo_policy"]);
            // The new required field is positional: the call changes too.
            doc["paths"]["/v1/keys"]["post"]["x-nexevo-positional"] = json!(["name"]);
        },
        "components.schemas.CreateKeyRequest.geo_policy",
        "optional → required",
    );
}

#[test]
fn a_new_required_value_is_breaking_and_a_new_optional_one_is_not() {
    breaking(
        |doc| {
            let body = schema(doc, "UpdateProfileRequest");
            body["properties"]["locale"] =
                json!({"type": "string", "maxLength": 10, "description": "A locale."});
            body["required"] = json!(["full_name", "locale"]);
            doc["paths"]["/v1/auth/me"]["patch"]["x-nexevo-positional"] = json!(["full_name"]);
        },
        "UpdateProfileRequest.locale",
        "new and required",
    );
    compatible(
        |doc| {
            schema(doc, "UpdateProfileRequest")["properties"]["locale"] =
                json!({"type": "string", "maxLength": 10, "description": "A locale."});
        },
        "UpdateProfileRequest.locale",
        "new and optional",
    );
}

#[test]
fn a_type_change_is_breaking_in_a_request_and_in_a_response() {
    breaking(
        |doc| {
            schema(doc, "UpdateProfileRequest")["properties"]["full_name"] =
                json!({"type": "integer", "minimum": 0, "maximum": 9})
        },
        "UpdateProfileRequest.full_name",
        "type string → integer",
    );
    breaking(
        |doc| schema(doc, "TierUsage")["properties"]["requests"]["format"] = json!("uint32"),
        "components.schemas.TierUsage.requests",
        "type integer (uint64) → integer (uint32)",
    );
}

#[test]
fn a_narrower_constraint_is_breaking_and_a_wider_one_is_not() {
    breaking(
        |doc| schema(doc, "CreateKeyRequest")["properties"]["name"]["maxLength"] = json!(50),
        "CreateKeyRequest.name",
        "maxLength 100 → 50 (narrower)",
    );
    breaking(
        |doc| doc["components"]["parameters"]["Limit"]["schema"]["minimum"] = json!(5),
        "parameter limit",
        "minimum 1 → 5 (narrower)",
    );
    breaking(
        |doc| schema(doc, "CreateKeyRequest")["properties"]["name"]["pattern"] = json!("^[a-z]+$"),
        "CreateKeyRequest.name",
        "pattern",
    );
    compatible(
        |doc| schema(doc, "CreateKeyRequest")["properties"]["name"]["maxLength"] = json!(200),
        "CreateKeyRequest.name",
        "maxLength 100 → 200 (wider)",
    );
    compatible(
        |doc| doc["components"]["parameters"]["Days"]["schema"]["maximum"] = json!(365),
        "parameter days",
        "maximum 90 → 365 (wider)",
    );
}

#[test]
fn a_removed_enum_value_is_breaking_and_a_new_one_is_not() {
    breaking(
        |doc| schema(doc, "GeoPolicy")["enum"] = json!(["cn-only", "any"]),
        "components.schemas.GeoPolicy",
        "\"overseas-only\"",
    );
    compatible(
        |doc| schema(doc, "MemberStatus")["enum"] = json!(["active", "invited", "suspended"]),
        "components.schemas.MemberStatus",
        "new enum value \"suspended\"",
    );
}

// ----------------------------------------------------------------------------- responses

#[test]
fn a_removed_or_renamed_response_field_is_breaking() {
    breaking(
        |doc| {
            let balance = schema(doc, "Balance");
            balance["properties"]
                .as_object_mut()
                .unwrap()
                .remove("organization_id");
        },
        "components.schemas.Balance.organization_id",
        "removed",
    );
    let renamed = changes(|doc| {
        let plan = schema(doc, "Plan");
        let renews = plan["properties"]
            .as_object_mut()
            .unwrap()
            .remove("renews_at")
            .unwrap();
        plan["properties"]["renewal_at"] = renews;
    });
    assert!(
        renamed
            .iter()
            .any(|c| c.breaking && c.location.ends_with("Plan.renews_at")),
        "{renamed:#?}"
    );
}

#[test]
fn a_response_field_becoming_optional_or_nullable_is_breaking() {
    breaking(
        |doc| {
            schema(doc, "Balance")["required"] = json!(["balance_usd", "updated_at"]);
        },
        "components.schemas.Balance.currency",
        "may now be absent",
    );
    breaking(
        |doc| schema(doc, "Balance")["properties"]["currency"]["nullable"] = json!(true),
        "components.schemas.Balance.currency",
        "may now be null",
    );
}

#[test]
fn a_new_response_field_or_enum_value_is_not_breaking() {
    compatible(
        |doc| {
            schema(doc, "Balance")["properties"]["credit_limit_usd"] =
                json!({"$ref": "#/components/schemas/Money"});
        },
        "components.schemas.Balance.credit_limit_usd",
        "new field",
    );
    compatible(
        |doc| {
            schema(doc, "CheckoutStatus")["enum"] =
                json!(["open", "complete", "expired", "refunded"])
        },
        "components.schemas.CheckoutStatus",
        "new enum value \"refunded\"",
    );
}

// --------------------------------------------------------------------------- the SDK's calls

#[test]
fn a_change_of_the_sdks_call_names_is_breaking() {
    breaking(
        |doc| doc["paths"]["/v1/billing/balance"]["get"]["x-nexevo-method"] = json!("get_balance"),
        "operation getBalance",
        "its SDK method balance → get_balance",
    );
    breaking(
        |doc| doc["paths"]["/v1/keys"]["post"]["x-nexevo-setters"] = json!({}),
        "operation createKey",
        "the setter of monthly_spend_cap_usd monthly_spend_cap → monthly_spend_cap_usd",
    );
    // Naming a call as it was already called changes nothing.
    assert_eq!(
        changes(
            |doc| doc["paths"]["/v1/billing/plan"]["get"]["x-nexevo-method"] = json!("get_plan")
        ),
        []
    );
}
