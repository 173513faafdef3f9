//! An API change as a maintainer makes it: a copy of the spec gains a paginated list operation
//! and a new optional response field, and one generation makes a call of it — with its setters
//! and `Paginated` — in the area's generated calls and its snapshot digest, with no hand edit;
//! `api-diff` calls the additions compatible and a removed response field breaking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::path::PathBuf;

use serde_json::{Value, json};
use xtask::api_diff::diff;
use xtask::codegen;
use xtask::spec::Spec;
use xtask::workspace_root;

/// A folder holding a copy of the spec with `edit` applied, as a workspace root.
fn spec_copy(name: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let root = std::env::temp_dir().join(format!("nexevo-{name}-{}", std::process::id()));
    std::fs::create_dir_all(root.join("openapi")).unwrap();
    let mut doc = Spec::load(&workspace_root()).unwrap().doc;
    edit(&mut doc);
    std::fs::write(
        root.join(xtask::spec::SPEC_PATH),
        serde_yaml::to_string(&doc).unwrap(),
    )
    .unwrap();
    root
}

pub(crate) fn add_invoices(doc: &mut Value) {
    let headers = doc["paths"]["/v1/billing/balance"]["get"]["responses"]["200"]["headers"].clone();
    let errors = |codes: &[&str]| -> Value {
        codes
            .iter()
            .map(|code| {
                let name = match *code {
                    "401" => "Unauthorized",
                    "403" => "Forbidden",
                    "422" => "ValidationFailed",
                    "429" => "RateLimited",
                    _ => "ServerError",
                };
                (
                    code.to_string(),
                    json!({"$ref": format!("#/components/responses/{name}")}),
                )
            })
            .collect::<serde_json::Map<String, Value>>()
            .into()
    };
    let mut responses = errors(&["401", "403", "422", "429", "5XX"]);
    responses["200"] = json!({
        "description": "One page of invoices.",
        "headers": headers,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/InvoiceList"}}},
    });
    doc["paths"]["/v1/billing/invoices"] = json!({
        "get": {
            "operationId": "listInvoices",
            "tags": ["billing"],
            "summary": "List invoices",
            "description": "The account's invoices, newest first.",
            "parameters": [
                {"$ref": "#/components/parameters/NexevoOrganization"},
                {"$ref": "#/components/parameters/Limit"},
                {"$ref": "#/components/parameters/Cursor"},
            ],
            "responses": responses,
        }
    });
    let schemas = &mut doc["components"]["schemas"];
    schemas["Invoice"] = json!({
        "type": "object",
        "description": "An invoice.",
        "required": ["invoice_id", "amount_usd", "issued_at"],
        "properties": {
            "invoice_id": {"type": "string", "description": "The invoice's id.", "example": "inv_1"},
            "amount_usd": {"$ref": "#/components/schemas/Money"},
            "issued_at": {"$ref": "#/components/schemas/Timestamp"},
        },
        "example": {"invoice_id": "inv_1", "amount_usd": "20.00", "issued_at": "2026-04-27T09:30:00Z"},
    });
    schemas["InvoiceList"] = json!({
        "type": "object",
        "description": "A page of invoices.",
        "required": ["data", "next_cursor"],
        "properties": {
            "data": {"type": "array", "description": "The invoices.", "items": {"$ref": "#/components/schemas/Invoice"}},
            "next_cursor": {"type": "string", "nullable": true, "description": "The next page's cursor.", "example": "c_2"},
        },
        "example": {"data": [], "next_cursor": null},
    });
    // And a new optional field in an answer.
    schemas["Balance"]["properties"]["credit_limit_usd"] =
        json!({"$ref": "#/components/schemas/Money"});
}

#[test]
fn a_new_list_operation_becomes_a_paginated_call_and_a_compatible_change() {
    let root = spec_copy("invoices", add_invoices);
    let generation = codegen::generate(&root).unwrap();

    let calls = generation
        .files
        .iter()
        .find(|f| f.path.ends_with("nexevo-billing/src/generated.rs"))
        .expect("billing's calls are generated");
    for expected in [
        "pub fn list_invoices(&self) -> ListInvoices",
        "pub struct ListInvoices",
        "impl Paginated for ListInvoices",
        "pub fn limit(mut self, limit: u32) -> Self",
        "api.list_invoices_request(cursor.as_deref(), limit, organization)",
        "pub use nexevo_api::types::{",
        "Invoice,",
    ] {
        assert!(
            calls.contents.contains(expected),
            "no `{expected}` in:\n{}",
            calls.contents
        );
    }
    let digest = &generation.digests["billing"];
    for expected in [
        "  list_invoices() -> ListInvoices  [listInvoices]\n    .limit(u32)\n    answers Page<Invoice>; CallOptions + Paginated\n",
        "  struct Invoice\n",
        "    credit_limit_usd: Option<Decimal>\n",
    ] {
        assert!(digest.contains(expected), "no `{expected}` in:\n{digest}");
    }

    let original = Spec::load(&workspace_root()).unwrap();
    let changed = Spec::load(&root).unwrap();
    let changes = diff(&original, &changed);
    assert!(changes.iter().all(|c| !c.breaking), "{changes:#?}");
    assert!(
        changes
            .iter()
            .any(|c| c.location == "operation listInvoices" && c.what.contains("new")),
        "{changes:#?}"
    );
    assert!(
        changes
            .iter()
            .any(|c| c.location.ends_with("Balance.credit_limit_usd") && c.what == "new field"),
        "{changes:#?}"
    );

    let without_currency = spec_copy("no-currency", |doc| {
        add_invoices(doc);
        let balance = &mut doc["components"]["schemas"]["Balance"];
        balance["properties"]
            .as_object_mut()
            .unwrap()
            .remove("currency");
        balance["required"] = json!(["balance_usd", "updated_at"]);
        balance["example"]
            .as_object_mut()
            .unwrap()
            .remove("currency");
    });
    let changes = diff(&changed, &Spec::load(&without_currency).unwrap());
    assert!(
        changes
            .iter()
            .any(|c| c.breaking && c.location.ends_with("Balance.currency")),
        "{changes:#?}"
    );
    let _ = std::fs::remove_dir_all(root);
    let _ = std::fs::remove_dir_all(without_currency);
}
