//! The rewrite on a table of Rust types: each row a type and the schema (or the refusal) the
//! subset gets for it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

use std::collections::{BTreeMap, HashSet};

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{SchemaError, SchemaLimit, SchemaProblem, StrictSchema, limits};

fn schema_of<T: JsonSchema>() -> Value {
    StrictSchema::of::<T>().unwrap().schema().clone()
}

fn refusal_of<T: JsonSchema>() -> SchemaError {
    StrictSchema::of::<T>().unwrap_err()
}

/// A flat struct.
#[derive(Deserialize, JsonSchema)]
struct Flat {
    /// The city, as written.
    city: String,
    count: u32,
    ratio: f64,
    done: bool,
}

#[test]
fn a_struct_is_closed_with_every_field_required_and_docs_as_descriptions() {
    assert_eq!(
        schema_of::<Flat>(),
        json!({
            "description": "A flat struct.",
            "type": "object",
            "properties": {
                "city": {"description": "The city, as written.", "type": "string"},
                "count": {"type": "integer", "minimum": 0},
                "ratio": {"type": "number"},
                "done": {"type": "boolean"},
            },
            "required": ["city", "count", "done", "ratio"],
            "additionalProperties": false,
        })
    );
}

#[derive(Deserialize, JsonSchema)]
struct Optional {
    nick: Option<String>,
    #[serde(default)]
    retries: u8,
    tags: Vec<String>,
}

#[test]
fn an_option_is_required_and_nullable_and_a_defaulted_field_is_required() {
    let schema = schema_of::<Optional>();
    assert_eq!(schema["required"], json!(["nick", "retries", "tags"]));
    assert_eq!(
        schema["properties"]["nick"],
        json!({"type": ["string", "null"]})
    );
    // Ranges stay; the integer format and the default go.
    assert_eq!(
        schema["properties"]["retries"],
        json!({"type": "integer", "minimum": 0, "maximum": 255})
    );
    assert_eq!(
        schema["properties"]["tags"],
        json!({"type": "array", "items": {"type": "string"}})
    );
}

#[derive(Deserialize, JsonSchema)]
struct Address {
    street: String,
}

#[derive(Deserialize, JsonSchema)]
struct Nested {
    /// Where they live.
    home: Address,
    work: Option<Address>,
}

#[test]
fn a_nested_struct_stays_a_definition_and_a_documented_reference_is_inlined() {
    let schema = schema_of::<Nested>();
    let closed_address = json!({
        "type": "object",
        "properties": {"street": {"type": "string"}},
        "required": ["street"],
        "additionalProperties": false,
    });
    assert_eq!(schema["$defs"]["Address"], closed_address);
    // A doc comment beside `$ref`: the definition is copied in, the description kept.
    let mut inlined = closed_address.clone();
    inlined["description"] = json!("Where they live.");
    assert_eq!(schema["properties"]["home"], inlined);
    assert_eq!(
        schema["properties"]["work"],
        json!({"anyOf": [{"$ref": "#/$defs/Address"}, {"type": "null"}]})
    );
}

#[derive(Deserialize, JsonSchema)]
struct Tree {
    label: String,
    children: Vec<Tree>,
}

#[test]
fn a_recursive_type_keeps_its_reference_to_the_root() {
    let schema = schema_of::<Tree>();
    assert_eq!(
        schema["properties"]["children"],
        json!({"type": "array", "items": {"$ref": "#"}})
    );
}

#[derive(Deserialize, JsonSchema)]
enum Unit {
    Low,
    /// The middle.
    Mid,
    High,
}

#[derive(Deserialize, JsonSchema)]
enum External {
    Circle { radius: u16 },
    Square(u16),
    Empty,
}

#[derive(Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Internal {
    Text { body: String },
    Blank,
}

#[derive(Deserialize, JsonSchema)]
#[serde(tag = "t", content = "c")]
enum Adjacent {
    Count(u32),
    Nothing,
}

#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
enum Untagged {
    Number(u32),
    Word(String),
}

#[derive(Deserialize, JsonSchema)]
struct Enums {
    unit: Unit,
    external: External,
    internal: Internal,
    adjacent: Adjacent,
    untagged: Untagged,
}

#[test]
fn tagged_enums_become_any_of_with_every_variant_closed() {
    let schema = schema_of::<Enums>();
    let defs = &schema["$defs"];
    assert_eq!(
        defs["Unit"],
        json!({"anyOf": [
            {"type": "string", "enum": ["Low", "High"]},
            {"description": "The middle.", "type": "string", "const": "Mid"},
        ]})
    );
    assert_eq!(
        defs["Internal"]["anyOf"][0],
        json!({
            "type": "object",
            "properties": {
                "body": {"type": "string"},
                "kind": {"type": "string", "const": "text"},
            },
            "required": ["body", "kind"],
            "additionalProperties": false,
        })
    );
    for name in ["External", "Internal", "Adjacent", "Untagged"] {
        let variants = defs[name]["anyOf"].as_array().unwrap();
        assert!(variants.len() >= 2, "{name}: {}", defs[name]);
        assert!(defs[name].get("oneOf").is_none(), "{name}");
        for variant in variants {
            if variant["type"] == "object" {
                assert_eq!(variant["additionalProperties"], false, "{name}: {variant}");
            }
        }
    }
    assert_eq!(defs["Untagged"]["anyOf"][1], json!({"type": "string"}));
}

#[derive(Deserialize, JsonSchema)]
struct Money {
    #[serde(rename = "amountUsd")]
    amount_usd: Decimal,
    refund_usd: Option<Decimal>,
}

#[test]
fn a_decimal_is_a_plain_digit_string_and_renames_are_kept() {
    let schema = schema_of::<Money>();
    assert_eq!(
        schema["properties"]["amountUsd"],
        json!({"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"})
    );
    assert_eq!(
        schema["properties"]["refund_usd"],
        json!({"type": ["string", "null"], "pattern": "^-?[0-9]+(\\.[0-9]+)?$"})
    );
    assert_eq!(schema["required"], json!(["amountUsd", "refund_usd"]));
    let value: Money =
        serde_json::from_value(json!({"amountUsd": "0.10", "refund_usd": null})).unwrap();
    assert_eq!(value.amount_usd.to_string(), "0.10");
}

#[derive(Deserialize, JsonSchema)]
struct Dated {
    at: nexevo_api::Timestamp,
    on: Option<nexevo_api::Date>,
}

#[test]
fn timestamps_and_dates_are_rfc_3339_strings() {
    let schema = schema_of::<Dated>();
    assert_eq!(
        schema["properties"]["at"],
        json!({"type": "string", "format": "date-time"})
    );
    // `Option` of a type of ours: nullable, and still required.
    assert_eq!(
        schema["properties"]["on"],
        json!({"type": ["string", "null"], "format": "date"})
    );
    assert_eq!(schema["required"], json!(["at", "on"]));
}

#[derive(Deserialize, JsonSchema)]
struct WithSet {
    ids: HashSet<u32>,
}

#[test]
fn a_set_loses_unique_items() {
    assert_eq!(
        schema_of::<WithSet>()["properties"]["ids"],
        json!({"type": "array", "items": {"type": "integer", "minimum": 0}})
    );
}

#[test]
fn the_root_loses_schema_and_title() {
    let schema = schema_of::<Address>();
    assert!(schema.get("$schema").is_none() && schema.get("title").is_none());
}

#[derive(Deserialize, JsonSchema)]
struct WithMap {
    scores: BTreeMap<String, u32>,
}

#[derive(Deserialize, JsonSchema)]
struct WithTuple {
    point: (i32, i32),
}

#[derive(Deserialize, JsonSchema)]
struct WithAny {
    extra: serde_json::Value,
}

#[test]
fn what_the_subset_cannot_say_is_refused_naming_the_type_and_the_path() {
    let map = refusal_of::<WithMap>();
    assert_eq!(map.problem(), &SchemaProblem::MapWithArbitraryKeys);
    assert_eq!(map.path(), "/properties/scores");
    assert!(map.type_name().unwrap().ends_with("WithMap"), "{map}");
    assert!(map.to_string().contains("WithMap"), "{map}");
    assert!(map.to_string().contains("/properties/scores"), "{map}");

    let tuple = refusal_of::<WithTuple>();
    assert_eq!(
        (tuple.problem(), tuple.path()),
        (&SchemaProblem::Tuple, "/properties/point")
    );

    let any = refusal_of::<WithAny>();
    assert_eq!(
        (any.problem(), any.path()),
        (&SchemaProblem::AnyValue, "/properties/extra")
    );

    let list = refusal_of::<Vec<Address>>();
    assert_eq!(list.problem(), &SchemaProblem::RootNotObject);
    let union = refusal_of::<Unit>();
    assert_eq!(union.problem(), &SchemaProblem::RootNotObject);
}

#[test]
fn a_schema_given_as_json_gets_the_same_rewrite() {
    let schema = StrictSchema::from_value(
        "weather",
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "properties": {
                "city": {"type": "string", "format": "uri", "maxLength": 80},
                "when": {"type": "string", "format": "date-time"},
                "kind": {"oneOf": [{"const": "rain"}, {"const": "sun"}]},
                "where": {"allOf": [{"$ref": "#/$defs/Place"}]},
            },
            "$defs": {"Place": {"type": "object", "properties": {"lat": {"type": "number", "format": "double"}}}},
        }),
    )
    .unwrap();
    assert_eq!(schema.name(), "weather");
    assert_eq!(
        schema.schema(),
        &json!({
            "type": "object",
            "properties": {
                "city": {"type": "string"},
                "when": {"type": "string", "format": "date-time"},
                "kind": {"anyOf": [{"const": "rain"}, {"const": "sun"}]},
                "where": {"$ref": "#/$defs/Place"},
            },
            "required": ["city", "kind", "when", "where"],
            "additionalProperties": false,
            "$defs": {"Place": {
                "type": "object",
                "properties": {"lat": {"type": "number"}},
                "required": ["lat"],
                "additionalProperties": false,
            }},
        })
    );
}

#[test]
fn hand_written_schemas_outside_the_subset_are_refused_at_their_path() {
    let cases = [
        (
            json!({"type": "object", "properties": {"a": {"not": {"type": "null"}}}}),
            "/properties/a",
            SchemaProblem::UnsupportedKeyword {
                keyword: "not".into(),
            },
        ),
        (
            json!({"type": "object", "properties": {"a": {"$ref": "#/$defs/Missing"}}}),
            "/properties/a",
            SchemaProblem::UnresolvedReference {
                reference: "#/$defs/Missing".into(),
            },
        ),
        (
            json!({"type": "object", "additionalProperties": {"type": "string"}}),
            "",
            SchemaProblem::MapWithArbitraryKeys,
        ),
        (
            json!({"type": "object"}),
            "",
            SchemaProblem::MapWithArbitraryKeys,
        ),
        (
            json!({"type": "object", "properties": {"a/b": {"type": "strin"}}}),
            "/properties/a~1b/type",
            SchemaProblem::NotASchema,
        ),
        (
            json!({"type": "object", "properties": {"a": {"allOf": [{"type": "string"}, {"minLength": 1}]}}}),
            "/properties/a",
            SchemaProblem::UnsupportedKeyword {
                keyword: "allOf".into(),
            },
        ),
        (
            json!({"anyOf": [{"type": "object", "properties": {}}]}),
            "",
            SchemaProblem::RootNotObject,
        ),
        (
            json!(["not", "a", "schema"]),
            "",
            SchemaProblem::RootNotObject,
        ),
    ];
    for (schema, path, problem) in cases {
        let error = StrictSchema::from_value("s", schema.clone()).unwrap_err();
        assert_eq!(
            (error.path(), error.problem()),
            (path, &problem),
            "{schema}"
        );
        assert_eq!(error.type_name(), None);
    }
}

#[test]
fn a_name_outside_the_apis_alphabet_is_refused_and_a_types_name_is_made_one() {
    let error = StrictSchema::from_value("two words", json!({"type": "object", "properties": {}}))
        .unwrap_err();
    assert!(matches!(error.problem(), SchemaProblem::InvalidName { .. }));
    assert!(
        StrictSchema::of::<Address>()
            .unwrap()
            .with_name("")
            .is_err()
    );
    #[derive(Deserialize, JsonSchema)]
    struct Wrapper<T> {
        inner: T,
    }
    let name = StrictSchema::of::<Wrapper<Address>>()
        .unwrap()
        .name()
        .to_owned();
    assert!(
        name.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
        "{name}"
    );
}

#[test]
fn the_limits_are_enforced() {
    // Nesting: an object in an object, one level past the limit.
    let mut deep = json!({"type": "string"});
    for _ in 0..=limits::MAX_DEPTH {
        deep = json!({"type": "object", "properties": {"a": deep}});
    }
    let error = StrictSchema::from_value("deep", deep).unwrap_err();
    assert!(
        matches!(
            error.problem(),
            SchemaProblem::OverLimit {
                limit: SchemaLimit::Depth,
                ..
            }
        ),
        "{error}"
    );

    let properties: serde_json::Map<String, Value> = (0..=limits::MAX_PROPERTIES)
        .map(|i| (format!("p{i}"), json!({"type": "boolean"})))
        .collect();
    let error =
        StrictSchema::from_value("wide", json!({"type": "object", "properties": properties}))
            .unwrap_err();
    assert!(
        matches!(
            error.problem(),
            SchemaProblem::OverLimit {
                limit: SchemaLimit::Properties,
                ..
            }
        ),
        "{error}"
    );

    let values: Vec<Value> = (0..=limits::MAX_ENUM_VALUES).map(|i| json!(i)).collect();
    let error = StrictSchema::from_value(
        "many",
        json!({"type": "object", "properties": {"e": {"enum": values}}}),
    )
    .unwrap_err();
    assert!(
        matches!(
            error.problem(),
            SchemaProblem::OverLimit {
                limit: SchemaLimit::EnumValues,
                ..
            }
        ),
        "{error}"
    );

    let long = "x".repeat(limits::MAX_SCHEMA_BYTES);
    let error = StrictSchema::from_value(
        "big",
        json!({"type": "object", "properties": {"e": {"type": "string", "description": long}}}),
    )
    .unwrap_err();
    assert!(
        matches!(
            error.problem(),
            SchemaProblem::OverLimit {
                limit: SchemaLimit::Bytes,
                ..
            }
        ),
        "{error}"
    );
}

#[test]
fn patterns_must_be_regexes_of_the_subset_with_a_short_match() {
    let with_pattern = |pattern: &str| {
        json!({
            "type": "object",
            "properties": {"sku": {"type": "string", "pattern": pattern}},
        })
    };
    let kept = StrictSchema::from_value("sku", with_pattern(r"^[A-Z]{3}-\d{4}(-v\d)?$")).unwrap();
    assert_eq!(
        kept.schema()["properties"]["sku"]["pattern"],
        r"^[A-Z]{3}-\d{4}(-v\d)?$"
    );

    for (pattern, expected) in [
        (r"^(ab)+$", "a group may only be optional (`(…)?`)"),
        (r"^(?=a)b$", "only `(?:…)` groups are supported"),
        (r"^\bword$", "the escape `\\b` is not supported"),
        (r"^[^\u0000-\uffff]{2}\ud800$", "`\\u` names a surrogate"),
    ] {
        let error = StrictSchema::from_value("sku", with_pattern(pattern)).unwrap_err();
        assert_eq!(error.path(), "/properties/sku");
        assert_eq!(
            error.problem(),
            &SchemaProblem::UnsupportedPattern {
                pattern: pattern.into(),
                problem: expected.into(),
            },
            "{error}"
        );
    }

    // A format beside a pattern goes: a string takes one or the other.
    let mut both = with_pattern("^[0-9]{4}$");
    both["properties"]["sku"]["format"] = json!("date");
    let kept = StrictSchema::from_value("sku", both).unwrap();
    assert_eq!(
        kept.schema()["properties"]["sku"],
        json!({"type": "string", "pattern": "^[0-9]{4}$"})
    );

    let long = format!("^a{{{}}}$", limits::MAX_PATTERN_MATCH_CHARS + 1);
    let error = StrictSchema::from_value("sku", with_pattern(&long)).unwrap_err();
    assert_eq!(
        error.problem(),
        &SchemaProblem::OverLimit {
            limit: SchemaLimit::PatternMatchChars,
            most: limits::MAX_PATTERN_MATCH_CHARS,
        }
    );
    let at_the_limit = format!("^a{{{}}}$", limits::MAX_PATTERN_MATCH_CHARS);
    assert!(StrictSchema::from_value("sku", with_pattern(&at_the_limit)).is_ok());
}
