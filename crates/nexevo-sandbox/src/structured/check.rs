//! Whether a schema is in the subset (and closed, when strict), and the least depth of a value
//! of each of its parts: a schema with no finite value is refused here, before any is written.

use std::collections::BTreeMap;

use nexevo_api::validation::Pattern;
use serde_json::{Map, Value, json};

pub(super) const MAX_DEPTH: usize = 10;
const MAX_PROPERTIES: usize = 5_000;
const MAX_ENUM_VALUES: usize = 1_000;
const MAX_SCHEMA_BYTES: usize = 64 * 1024;
/// The most characters the shortest string a `pattern` matches may have.
pub(super) const MAX_PATTERN_MATCH_CHARS: u64 = 1_000;
const STRING_FORMATS: &[&str] = &[
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
const JSON_TYPES: &[&str] = &[
    "string", "number", "integer", "boolean", "object", "array", "null",
];

/// Why a schema was refused: the JSON Pointer of the part at fault and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub(crate) path: String,
    pub(crate) reason: String,
}

pub(super) fn refuse(path: &str, reason: impl Into<String>) -> Refusal {
    Refusal {
        path: path.to_owned(),
        reason: reason.into(),
    }
}

/// A schema that passed the checks, with the smallest depth of a value of each definition.
pub(super) struct Checked<'a> {
    root: &'a Value,
    definitions: Option<&'a Map<String, Value>>,
    /// The least depth a value of the root, and of each definition, can have (`None`: none is
    /// finite).
    root_depth: Option<usize>,
    definition_depths: Map<String, Value>,
    /// Every `pattern` of the schema, compiled once.
    patterns: BTreeMap<String, Pattern>,
}

impl<'a> Checked<'a> {
    pub(super) fn new(root: &'a Value, strict: bool) -> Result<Self, Refusal> {
        let Some(node) = root.as_object() else {
            return Err(refuse("", "the schema is not an object"));
        };
        if node.get("type") != Some(&json!("object")) {
            return Err(refuse("", "the root must be `type: object`"));
        }
        let bytes = serde_json::to_vec(root).map_or(usize::MAX, |bytes| bytes.len());
        if bytes > MAX_SCHEMA_BYTES {
            return Err(refuse(
                "",
                format!("the schema is over {MAX_SCHEMA_BYTES} bytes"),
            ));
        }
        let definitions = match node.get("$defs") {
            None => None,
            Some(Value::Object(definitions)) => Some(definitions),
            Some(_) => return Err(refuse("/$defs", "`$defs` is not an object")),
        };
        let mut check = Check {
            strict,
            definitions,
            properties: 0,
            enum_values: 0,
            patterns: BTreeMap::new(),
        };
        check.node(root, "", 0, true)?;
        for (name, definition) in definitions.into_iter().flatten() {
            check.node(definition, &format!("/$defs/{}", escape(name)), 0, false)?;
        }
        let mut checked = Checked {
            root,
            definitions,
            root_depth: None,
            definition_depths: Map::new(),
            patterns: check.patterns,
        };
        checked.settle_depths();
        match checked.root_depth {
            None => Err(refuse("", "the schema has no finite value")),
            Some(depth) if depth > MAX_DEPTH => Err(refuse(
                "",
                format!("its smallest value nests deeper than {MAX_DEPTH} levels"),
            )),
            Some(_) => Ok(checked),
        }
    }

    /// The least depths of the root and every definition: each starts infinite and falls as
    /// the others do, until nothing changes (at most once per definition, plus the root).
    fn settle_depths(&mut self) {
        let rounds = self.definitions.map_or(0, Map::len) + 2;
        for _ in 0..rounds {
            let mut changed = false;
            for (name, definition) in self.definitions.into_iter().flatten() {
                let depth = self.least_depth(definition);
                if depth.is_some() && self.definition_depth(name) != depth {
                    self.definition_depths.insert(name.clone(), json!(depth));
                    changed = true;
                }
            }
            let root = self.least_depth(self.root);
            if root != self.root_depth {
                self.root_depth = root;
                changed = true;
            }
            if !changed {
                break;
            }
        }
    }

    fn definition_depth(&self, name: &str) -> Option<usize> {
        self.definition_depths
            .get(name)
            .and_then(Value::as_u64)
            .and_then(|depth| usize::try_from(depth).ok())
    }

    fn reference_depth(&self, reference: &str) -> Option<usize> {
        if reference == "#" {
            return self.root_depth;
        }
        reference
            .strip_prefix("#/$defs/")
            .and_then(|name| self.definition_depth(&unescape(name)))
    }

    /// A `pattern` of the schema, compiled when it was checked.
    pub(super) fn pattern(&self, source: &str) -> Option<&Pattern> {
        self.patterns.get(source)
    }

    pub(super) fn resolve(&self, reference: &str) -> Option<&'a Value> {
        if reference == "#" {
            return Some(self.root);
        }
        let name = unescape(reference.strip_prefix("#/$defs/")?);
        self.definitions?.get(&name)
    }

    /// The least depth of a value of `schema`, given what is known of the definitions.
    pub(super) fn least_depth(&self, schema: &Value) -> Option<usize> {
        let node = schema.as_object()?;
        if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            return self.reference_depth(reference);
        }
        if node.contains_key("enum") || node.contains_key("const") {
            return Some(1);
        }
        if let Some(variants) = node.get("anyOf").and_then(Value::as_array) {
            return variants.iter().filter_map(|v| self.least_depth(v)).min();
        }
        let types = types_of(node);
        if types.contains(&"null") || types.iter().any(|t| is_scalar(t)) {
            return Some(1);
        }
        if types.contains(&"array") {
            if min_items(node) == 0 {
                return Some(1);
            }
            return node
                .get("items")
                .and_then(|items| self.least_depth(items))
                .map(|depth| depth + 1);
        }
        // An object: every required property must have a value.
        let required = required_of(node);
        let mut deepest = 0;
        for name in required {
            let property = node.get("properties").and_then(|p| p.get(name))?;
            deepest = deepest.max(self.least_depth(property)?);
        }
        Some(deepest + 1)
    }
}

/// The walk that checks a schema against the subset.
struct Check<'a> {
    strict: bool,
    definitions: Option<&'a Map<String, Value>>,
    properties: usize,
    enum_values: usize,
    patterns: BTreeMap<String, Pattern>,
}

impl Check<'_> {
    fn node(
        &mut self,
        schema: &Value,
        path: &str,
        depth: usize,
        root: bool,
    ) -> Result<(), Refusal> {
        if depth > MAX_DEPTH {
            return Err(refuse(
                path,
                format!("nests deeper than {MAX_DEPTH} levels"),
            ));
        }
        let Some(node) = schema.as_object() else {
            return Err(refuse(
                path,
                "not a schema (the subset has no boolean schemas)",
            ));
        };
        for (keyword, value) in node {
            let at = format!("{path}/{}", escape(keyword));
            match keyword.as_str() {
                "$defs" if root => {}
                "type" => check_type(value, &at)?,
                "description"
                | "title"
                | "const"
                | "required"
                | "minItems"
                | "maxItems"
                | "minimum"
                | "maximum"
                | "exclusiveMinimum"
                | "exclusiveMaximum"
                | "multipleOf"
                | "properties"
                | "items"
                | "anyOf"
                | "additionalProperties" => {}
                "enum" => {
                    let count = value.as_array().map_or(0, Vec::len);
                    if count == 0 {
                        return Err(refuse(&at, "`enum` lists no value"));
                    }
                    self.enum_values += count;
                    if self.enum_values > MAX_ENUM_VALUES {
                        return Err(refuse(
                            &at,
                            format!("over {MAX_ENUM_VALUES} enum values in all"),
                        ));
                    }
                }
                "$ref" => self.check_reference(value, &at)?,
                "pattern" => {
                    if node.contains_key("format") {
                        return Err(refuse(
                            &at,
                            "`pattern` beside `format` is outside the subset (a string takes one or the other)",
                        ));
                    }
                    self.check_pattern(value, &at)?;
                }
                "format" => {
                    let known = value.as_str().is_some_and(|f| STRING_FORMATS.contains(&f));
                    if !known {
                        return Err(refuse(
                            &at,
                            format!("`format` {value} is outside the subset"),
                        ));
                    }
                }
                other => {
                    return Err(refuse(
                        &at,
                        format!("`{other}` is outside the strict subset"),
                    ));
                }
            }
        }
        let states_a_value = ["type", "$ref", "anyOf", "enum", "const", "properties"]
            .iter()
            .any(|keyword| node.contains_key(*keyword));
        if !states_a_value {
            return Err(refuse(
                path,
                "names no type (any value is outside the subset)",
            ));
        }
        if node.contains_key("$ref") && node.keys().any(|k| k != "$ref" && k != "description") {
            return Err(refuse(path, "`$ref` with other keywords beside it"));
        }
        if let Some(variants) = node.get("anyOf") {
            let Some(variants) = variants.as_array().filter(|v| !v.is_empty()) else {
                return Err(refuse(&format!("{path}/anyOf"), "`anyOf` lists no schema"));
            };
            for (index, variant) in variants.iter().enumerate() {
                self.node(variant, &format!("{path}/anyOf/{index}"), depth + 1, false)?;
            }
        }
        if let Some(items) = node.get("items") {
            self.node(items, &format!("{path}/items"), depth + 1, false)?;
        }
        let most_items = node.get("maxItems").and_then(Value::as_u64);
        if most_items.is_some_and(|most| most < min_items(node)) {
            return Err(refuse(path, "no list fits: `minItems` is above `maxItems`"));
        }
        if types_of(node).contains(&"object") || node.contains_key("properties") {
            self.object(node, path, depth)?;
        }
        Ok(())
    }

    fn object(
        &mut self,
        node: &Map<String, Value>,
        path: &str,
        depth: usize,
    ) -> Result<(), Refusal> {
        let empty = Map::new();
        let properties = match node.get("properties") {
            None => &empty,
            Some(Value::Object(properties)) => properties,
            Some(_) => return Err(refuse(&format!("{path}/properties"), "not an object")),
        };
        match node.get("additionalProperties") {
            Some(Value::Bool(false)) => {}
            None | Some(Value::Bool(true)) if !self.strict => {}
            Some(Value::Bool(true)) | None => {
                return Err(refuse(
                    path,
                    "a strict schema's objects must set `additionalProperties: false`",
                ));
            }
            Some(_) => {
                return Err(refuse(
                    &format!("{path}/additionalProperties"),
                    "a map with arbitrary keys is outside the subset",
                ));
            }
        }
        let required = required_of(node);
        for name in &required {
            if !properties.contains_key(*name) {
                return Err(refuse(
                    &format!("{path}/required"),
                    format!("`{name}` is not a property"),
                ));
            }
        }
        if self.strict && required.len() != properties.len() {
            return Err(refuse(
                &format!("{path}/required"),
                "a strict schema requires every property",
            ));
        }
        self.properties += properties.len();
        if self.properties > MAX_PROPERTIES {
            return Err(refuse(
                path,
                format!("over {MAX_PROPERTIES} properties in all"),
            ));
        }
        for (name, property) in properties {
            let at = format!("{path}/properties/{}", escape(name));
            self.node(property, &at, depth + 1, false)?;
        }
        Ok(())
    }

    /// A regex of the subset the spec's own patterns use, matched by some string short enough
    /// to write.
    fn check_pattern(&mut self, value: &Value, at: &str) -> Result<(), Refusal> {
        let Some(source) = value.as_str() else {
            return Err(refuse(at, "`pattern` is not a string"));
        };
        if self.patterns.contains_key(source) {
            return Ok(());
        }
        let pattern = Pattern::compile(source).map_err(|error| {
            refuse(
                at,
                format!("`pattern` is outside the subset: {}", error.problem()),
            )
        })?;
        match pattern.shortest_match() {
            None => return Err(refuse(at, "no string matches `pattern`")),
            Some(chars) if chars > MAX_PATTERN_MATCH_CHARS => {
                return Err(refuse(
                    at,
                    format!(
                        "the shortest string `pattern` matches is over {MAX_PATTERN_MATCH_CHARS} characters"
                    ),
                ));
            }
            Some(_) => {}
        }
        self.patterns.insert(source.to_owned(), pattern);
        Ok(())
    }

    fn check_reference(&self, reference: &Value, at: &str) -> Result<(), Refusal> {
        let text = reference.as_str().unwrap_or_default();
        let found = text == "#"
            || text.strip_prefix("#/$defs/").is_some_and(|name| {
                self.definitions
                    .is_some_and(|d| d.contains_key(&unescape(name)))
            });
        if found {
            Ok(())
        } else {
            Err(refuse(at, format!("`{text}` refers to nothing in `$defs`")))
        }
    }
}

fn check_type(value: &Value, at: &str) -> Result<(), Refusal> {
    let names: Vec<&Value> = match value {
        Value::Array(names) if !names.is_empty() => names.iter().collect(),
        Value::String(_) => vec![value],
        _ => return Err(refuse(at, "`type` names no JSON type")),
    };
    for name in names {
        if !name.as_str().is_some_and(|name| JSON_TYPES.contains(&name)) {
            return Err(refuse(at, format!("{name} is not a JSON type")));
        }
    }
    Ok(())
}

pub(super) fn types_of(node: &Map<String, Value>) -> Vec<&str> {
    match node.get("type") {
        Some(Value::String(name)) => vec![name.as_str()],
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
        _ if node.contains_key("properties") => vec!["object"],
        _ => Vec::new(),
    }
}

fn is_scalar(kind: &str) -> bool {
    matches!(kind, "string" | "number" | "integer" | "boolean")
}

pub(super) fn required_of(node: &Map<String, Value>) -> Vec<&str> {
    node.get("required")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

pub(super) fn min_items(node: &Map<String, Value>) -> u64 {
    node.get("minItems").and_then(Value::as_u64).unwrap_or(0)
}

pub(super) fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}
