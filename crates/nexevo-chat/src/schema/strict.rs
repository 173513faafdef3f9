//! The rewrite of a JSON Schema into the strict subset, node by node. Each rule is named in the
//! table of `super`'s docs; this file applies them and nothing else.

use nexevo_api::validation::Pattern;
use serde_json::{Map, Value};

use super::error::{SchemaError, SchemaLimit, SchemaProblem};
use super::limits;

/// Keywords that only annotate or only document: dropped wherever they stand.
const DROPPED_ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "title",
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "contentEncoding",
    "contentMediaType",
];

/// Assertions the subset does not carry: dropped, so the model is not held to them (serde does
/// not check them either when it reads the answer).
const DROPPED_ASSERTIONS: &[&str] = &[
    "uniqueItems",
    "minLength",
    "maxLength",
    "minProperties",
    "maxProperties",
];

/// Keywords of a map with arbitrary keys: the subset closes every object.
const MAP_KEYWORDS: &[&str] = &["patternProperties", "propertyNames"];

/// String formats the subset keeps; any other format is dropped.
const KEPT_STRING_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "hostname",
    "ipv4",
    "ipv6",
    "uuid",
];

/// The JSON types a schema may name.
const JSON_TYPES: &[&str] = &[
    "string", "number", "integer", "boolean", "object", "array", "null",
];

/// The pattern schemars gives `rust_decimal::Decimal` for deserializing (a string or a number,
/// exponents allowed).
const SCHEMARS_DECIMAL_PATTERN: &str = r"^-?\d+(\.\d+)?([eE]\d+)?$";

/// A decimal in the subset: a string of plain digits, so it never passes through `f64`.
pub(super) const DECIMAL_PATTERN: &str = r"^-?[0-9]+(\.[0-9]+)?$";

/// What the walk has counted against the subset's limits so far.
#[derive(Default)]
struct Totals {
    properties: usize,
    enum_values: usize,
}

/// Rewrites `root` in place; on error nothing of it should be used.
pub(super) fn rewrite_root(root: &mut Value) -> Result<(), SchemaError> {
    let Value::Object(node) = root else {
        return Err(problem("", SchemaProblem::RootNotObject));
    };
    let definitions = match node.remove("$defs") {
        None => Map::new(),
        Some(Value::Object(definitions)) => definitions,
        Some(_) => return Err(problem("/$defs", SchemaProblem::NotASchema)),
    };
    let mut walk = Walk {
        definitions: &definitions,
        totals: Totals::default(),
    };
    walk.node(root, "", 0)?;
    let mut rewritten = Map::new();
    for (name, definition) in &definitions {
        let mut definition = definition.clone();
        walk.node(&mut definition, &format!("/$defs/{}", escape(name)), 0)?;
        rewritten.insert(name.clone(), definition);
    }
    if !is_object_schema(root) {
        return Err(problem("", SchemaProblem::RootNotObject));
    }
    if let Value::Object(node) = root
        && !rewritten.is_empty()
    {
        node.insert("$defs".to_owned(), Value::Object(rewritten));
    }
    let bytes = serde_json::to_vec(root).map_or(usize::MAX, |bytes| bytes.len());
    if bytes > limits::MAX_SCHEMA_BYTES {
        return Err(over_limit("", SchemaLimit::Bytes, limits::MAX_SCHEMA_BYTES));
    }
    Ok(())
}

struct Walk<'a> {
    definitions: &'a Map<String, Value>,
    totals: Totals,
}

impl Walk<'_> {
    fn node(&mut self, schema: &mut Value, path: &str, depth: usize) -> Result<(), SchemaError> {
        if depth > limits::MAX_DEPTH {
            return Err(over_limit(path, SchemaLimit::Depth, limits::MAX_DEPTH));
        }
        let node = match schema {
            Value::Object(node) => node,
            Value::Bool(true) => return Err(problem(path, SchemaProblem::AnyValue)),
            _ => return Err(problem(path, SchemaProblem::NotASchema)),
        };
        for keyword in DROPPED_ANNOTATIONS.iter().chain(DROPPED_ASSERTIONS) {
            node.remove(*keyword);
        }
        merge_single_all_of(node, path)?;
        if let Some(one_of) = node.remove("oneOf") {
            if node.contains_key("anyOf") {
                return Err(unsupported(path, "oneOf"));
            }
            node.insert("anyOf".to_owned(), one_of);
        }
        if node.contains_key("$ref") && node.len() > 1 {
            self.inline_reference(node, path)?;
        }
        rewrite_decimal(node);
        self.check_keywords(node, path)?;
        rewrite_format(node);

        if let Some(reference) = node.get("$ref") {
            return self.check_reference(reference, path);
        }
        if let Some(values) = node.get("enum").and_then(Value::as_array) {
            self.totals.enum_values += values.len();
            if self.totals.enum_values > limits::MAX_ENUM_VALUES {
                return Err(over_limit(
                    path,
                    SchemaLimit::EnumValues,
                    limits::MAX_ENUM_VALUES,
                ));
            }
        }
        if let Some(Value::Array(variants)) = node.get_mut("anyOf") {
            for (index, variant) in variants.iter_mut().enumerate() {
                self.node(variant, &format!("{path}/anyOf/{index}"), depth + 1)?;
            }
        }
        match node.get_mut("items") {
            None => {}
            Some(Value::Array(_)) => return Err(problem(path, SchemaProblem::Tuple)),
            Some(items) => self.node(items, &format!("{path}/items"), depth + 1)?,
        }
        if is_object_node(node) {
            self.close_object(node, path, depth)?;
        }
        Ok(())
    }

    /// Every keyword left must be one of the subset's, and `type` must name JSON types.
    fn check_keywords(&self, node: &Map<String, Value>, path: &str) -> Result<(), SchemaError> {
        for (keyword, value) in node {
            match keyword.as_str() {
                "type" => check_type(value, path)?,
                "description"
                | "enum"
                | "const"
                | "properties"
                | "required"
                | "additionalProperties"
                | "items"
                | "minItems"
                | "maxItems"
                | "anyOf"
                | "$ref"
                | "format"
                | "minimum"
                | "maximum"
                | "exclusiveMinimum"
                | "exclusiveMaximum"
                | "multipleOf" => {}
                "pattern" => check_pattern(value, path)?,
                "prefixItems" => return Err(problem(path, SchemaProblem::Tuple)),
                map if MAP_KEYWORDS.contains(&map) => {
                    return Err(problem(path, SchemaProblem::MapWithArbitraryKeys));
                }
                other => return Err(unsupported(path, other)),
            }
        }
        Ok(())
    }

    /// Closes an object: no property beyond those listed, and every listed one required (an
    /// `Option` field already admits `null`, so it stays nullable and becomes required).
    fn close_object(
        &mut self,
        node: &mut Map<String, Value>,
        path: &str,
        depth: usize,
    ) -> Result<(), SchemaError> {
        // An object that lists no properties and is not closed takes any: a map. One that
        // lists some is closed (what schemars writes for a struct leaves it open).
        let closed = match node.get("additionalProperties") {
            Some(Value::Bool(false)) => true,
            None | Some(Value::Bool(true)) => false,
            Some(Value::Object(extra)) if extra.is_empty() => false,
            Some(_) => return Err(problem(path, SchemaProblem::MapWithArbitraryKeys)),
        };
        if !closed && !node.contains_key("properties") {
            return Err(problem(path, SchemaProblem::MapWithArbitraryKeys));
        }
        node.insert("additionalProperties".to_owned(), Value::Bool(false));
        let mut names = Vec::new();
        if let Some(properties) = node.get_mut("properties") {
            let Value::Object(properties) = properties else {
                return Err(problem(
                    &format!("{path}/properties"),
                    SchemaProblem::NotASchema,
                ));
            };
            self.totals.properties += properties.len();
            if self.totals.properties > limits::MAX_PROPERTIES {
                return Err(over_limit(
                    path,
                    SchemaLimit::Properties,
                    limits::MAX_PROPERTIES,
                ));
            }
            for (name, property) in properties.iter_mut() {
                let at = format!("{path}/properties/{}", escape(name));
                self.node(property, &at, depth + 1)?;
                names.push(Value::String(name.clone()));
            }
        } else {
            node.insert("properties".to_owned(), Value::Object(Map::new()));
        }
        node.insert("required".to_owned(), Value::Array(names));
        Ok(())
    }

    /// A `$ref` with keywords beside it: the subset allows none, so the definition is copied
    /// in their place (one level; its own references stay references) and the keywords beside
    /// it win. A reference to the root (`#`) loses its siblings instead of copying the root.
    fn inline_reference(
        &self,
        node: &mut Map<String, Value>,
        path: &str,
    ) -> Result<(), SchemaError> {
        let Some(reference) = node.remove("$ref") else {
            return Ok(());
        };
        if reference == "#" {
            node.clear();
            node.insert("$ref".to_owned(), reference);
            return Ok(());
        }
        let target = self.resolve(&reference, path)?;
        let Value::Object(target) = target else {
            return Err(problem(path, SchemaProblem::NotASchema));
        };
        for (keyword, value) in target {
            node.entry(keyword.clone()).or_insert_with(|| value.clone());
        }
        Ok(())
    }

    fn check_reference(&self, reference: &Value, path: &str) -> Result<(), SchemaError> {
        if reference == "#" {
            return Ok(());
        }
        self.resolve(reference, path).map(|_| ())
    }

    fn resolve(&self, reference: &Value, path: &str) -> Result<&Value, SchemaError> {
        let text = reference.as_str().unwrap_or_default();
        text.strip_prefix("#/$defs/")
            .map(unescape)
            .and_then(|name| self.definitions.get(&name))
            .ok_or_else(|| {
                problem(
                    path,
                    SchemaProblem::UnresolvedReference {
                        reference: text.to_owned(),
                    },
                )
            })
    }
}

/// `allOf` with one schema is that schema; with more, the subset cannot state it.
fn merge_single_all_of(node: &mut Map<String, Value>, path: &str) -> Result<(), SchemaError> {
    let Some(all_of) = node.remove("allOf") else {
        return Ok(());
    };
    let Value::Array(mut parts) = all_of else {
        return Err(problem(path, SchemaProblem::NotASchema));
    };
    if parts.len() != 1 {
        return Err(unsupported(path, "allOf"));
    }
    let Some(Value::Object(part)) = parts.pop() else {
        return Err(problem(
            &format!("{path}/allOf/0"),
            SchemaProblem::NotASchema,
        ));
    };
    for (keyword, value) in part {
        if node.contains_key(&keyword) {
            return Err(unsupported(path, "allOf"));
        }
        node.insert(keyword, value);
    }
    Ok(())
}

/// `rust_decimal::Decimal` (a string or a number to schemars) becomes a string of plain
/// digits: a JSON number would be read through `f64`.
fn rewrite_decimal(node: &mut Map<String, Value>) {
    if node.get("pattern").and_then(Value::as_str) != Some(SCHEMARS_DECIMAL_PATTERN) {
        return;
    }
    let Some(Value::Array(types)) = node.get("type") else {
        return;
    };
    let names: Vec<&str> = types.iter().filter_map(Value::as_str).collect();
    if !(names.contains(&"string") && names.contains(&"number")) {
        return;
    }
    let nullable = names.contains(&"null");
    let kind = if nullable {
        Value::Array(vec!["string".into(), "null".into()])
    } else {
        Value::String("string".into())
    };
    node.insert("type".to_owned(), kind);
    node.insert("pattern".to_owned(), Value::String(DECIMAL_PATTERN.into()));
}

/// Integer and number formats (`int32`, `uint8`, `double`…) go: the bounds beside them say
/// what the subset can. A string keeps a format of the subset's (unless it has a `pattern`) and
/// loses any other.
fn rewrite_format(node: &mut Map<String, Value>) {
    let Some(format) = node.get("format").and_then(Value::as_str) else {
        node.remove("format");
        return;
    };
    let is_string = types_of(node).contains(&"string");
    // A string takes a `pattern` or a `format`: the pattern says more, so it stays.
    if !is_string || !KEPT_STRING_FORMATS.contains(&format) || node.contains_key("pattern") {
        node.remove("format");
    }
}

/// A `pattern` must be a regex of the subset that some string of a bounded length matches.
fn check_pattern(value: &Value, path: &str) -> Result<(), SchemaError> {
    let Some(source) = value.as_str() else {
        return Err(problem(path, SchemaProblem::NotASchema));
    };
    let refused = |why: &str| {
        problem(
            path,
            SchemaProblem::UnsupportedPattern {
                pattern: source.to_owned(),
                problem: why.to_owned(),
            },
        )
    };
    let pattern = Pattern::compile(source).map_err(|error| refused(error.problem()))?;
    let shortest = pattern
        .shortest_match()
        .ok_or_else(|| refused("no string matches it"))?;
    if shortest > u64::try_from(limits::MAX_PATTERN_MATCH_CHARS).unwrap_or(u64::MAX) {
        return Err(over_limit(
            path,
            SchemaLimit::PatternMatchChars,
            limits::MAX_PATTERN_MATCH_CHARS,
        ));
    }
    Ok(())
}

fn check_type(value: &Value, path: &str) -> Result<(), SchemaError> {
    let names: Vec<&Value> = match value {
        Value::Array(names) if !names.is_empty() => names.iter().collect(),
        Value::String(_) => vec![value],
        _ => return Err(problem(&format!("{path}/type"), SchemaProblem::NotASchema)),
    };
    for name in names {
        let known = name.as_str().is_some_and(|name| JSON_TYPES.contains(&name));
        if !known {
            return Err(problem(&format!("{path}/type"), SchemaProblem::NotASchema));
        }
    }
    Ok(())
}

fn types_of(node: &Map<String, Value>) -> Vec<&str> {
    match node.get("type") {
        Some(Value::String(name)) => vec![name.as_str()],
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_object_node(node: &Map<String, Value>) -> bool {
    types_of(node).contains(&"object") || node.contains_key("properties")
}

/// Whether the root is an object the answer can be: `type: object`, not a union or a reference.
fn is_object_schema(root: &Value) -> bool {
    root.as_object()
        .is_some_and(|node| types_of(node) == ["object"] && !node.contains_key("anyOf"))
}

/// A property name as a JSON Pointer segment (RFC 6901).
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

fn problem(path: &str, problem: SchemaProblem) -> SchemaError {
    SchemaError::new(path, problem)
}

fn unsupported(path: &str, keyword: &str) -> SchemaError {
    problem(
        path,
        SchemaProblem::UnsupportedKeyword {
            keyword: keyword.to_owned(),
        },
    )
}

fn over_limit(path: &str, limit: SchemaLimit, most: usize) -> SchemaError {
    problem(path, SchemaProblem::OverLimit { limit, most })
}
