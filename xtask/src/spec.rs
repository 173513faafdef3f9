//! Reading `openapi/nexevo.yaml` and the facts about it the generator relies on.
//!
//! The spec is read twice over: as a `serde_json::Value`, so the generator can walk it and name
//! any location precisely in an error, and as `openapiv3::OpenAPI` for progenitor.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value};

/// The spec, relative to the workspace root.
pub const SPEC_PATH: &str = "openapi/nexevo.yaml";

const HTTP_METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Schema keywords that only constrain values. They are checked by the generated validators,
/// and stripped from the copy of the spec that typify sees, so that typify emits plain field
/// types instead of a validating newtype per constrained field.
pub(crate) const CONSTRAINT_KEYWORDS: [&str; 12] = [
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
];

/// The loaded spec.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The whole document.
    pub doc: Value,
    /// Operations, by path then method.
    pub operations: Vec<Operation>,
    /// The declared tags, in document order: one generated area (and Cargo feature) each.
    pub areas: Vec<String>,
    /// The whole document with every mapping in the order it is written (`doc`'s objects are
    /// sorted by key): where the order of a schema's properties is needed.
    ordered: serde_yaml::Value,
}

/// One operation of the spec.
#[derive(Debug, Clone)]
pub struct Operation {
    /// `operationId` as written (camelCase).
    pub operation_id: String,
    /// The name progenitor gives the generated method (snake_case).
    pub method_name: String,
    /// The operation's only tag.
    pub area: String,
    /// HTTP method, upper case.
    pub http_method: String,
    /// The path template.
    pub path: String,
    /// Where the operation sits in the spec, for error messages.
    pub location: String,
    /// Whether the operation needs a credential (it does unless its `security` is empty).
    pub requires_auth: bool,
    /// The statuses its responses document, as the spec writes them (`"200"`, `"5XX"`).
    pub responses: Vec<String>,
    /// Component schemas the operation names directly in any parameter, body or response,
    /// including media types progenitor does not decode (the event-stream chunk type).
    pub direct_schemas: BTreeSet<String>,
}

impl Operation {
    /// The JSON pointer to the operation in the document (`/paths/~1v1~1keys/post`).
    pub fn pointer(&self) -> String {
        format!(
            "{}/{}",
            self.path_item_pointer(),
            self.http_method.to_ascii_lowercase()
        )
    }

    /// The JSON pointer to the operation's path item (`/paths/~1v1~1keys`).
    pub fn path_item_pointer(&self) -> String {
        format!("/paths/{}", self.path.replace('~', "~0").replace('/', "~1"))
    }
}

impl Spec {
    /// Reads and checks the spec at `root/openapi/nexevo.yaml`.
    pub fn load(root: &Path) -> Result<Self> {
        let path = root.join(SPEC_PATH);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        Self::parse(&text)
    }

    /// Parses and checks spec text.
    pub fn parse(text: &str) -> Result<Self> {
        let doc: Value =
            serde_yaml::from_str(text).with_context(|| format!("{SPEC_PATH} is not valid YAML"))?;
        let ordered: serde_yaml::Value =
            serde_yaml::from_str(text).with_context(|| format!("{SPEC_PATH} is not valid YAML"))?;
        let areas = declared_tags(&doc)?;
        let operations = collect_operations(&doc, &areas)?;
        check_secret_fields_are_named(&doc)?;
        check_no_untranslated_keywords(&doc)?;
        Ok(Self {
            doc,
            operations,
            areas,
            ordered,
        })
    }

    /// The keys of the mapping at a JSON pointer (`/components/schemas/ApiKey/properties`), in
    /// the order the document writes them.
    pub fn keys_in_order(&self, pointer: &str) -> Vec<String> {
        let mut current = &self.ordered;
        for segment in pointer.split('/').skip(1) {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            let Some(next) = current.get(segment.as_str()) else {
                return Vec::new();
            };
            current = next;
        }
        current
            .as_mapping()
            .map(|mapping| {
                mapping
                    .keys()
                    .filter_map(|key| key.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The component schemas, by name.
    pub fn schemas(&self) -> &Map<String, Value> {
        static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
        self.doc
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
    }

    /// The operation's object in the document.
    pub fn operation(&self, op: &Operation) -> &Value {
        self.doc.pointer(&op.pointer()).unwrap_or(&Value::Null)
    }

    /// The path item that holds the operation (and the parameters of every operation on its
    /// path).
    pub fn path_item(&self, op: &Operation) -> &Value {
        self.doc
            .pointer(&op.path_item_pointer())
            .unwrap_or(&Value::Null)
    }

    /// The schema of an operation's first successful (2xx) JSON answer, if it has one, with
    /// its status.
    pub fn success_schema<'a>(&'a self, operation: &'a Value) -> Option<(&'a Value, &'a str)> {
        let responses = operation.get("responses")?.as_object()?;
        responses
            .iter()
            .filter(|(status, _)| status.starts_with('2'))
            .find_map(|(status, response)| Some((self.json_schema(response)?, status.as_str())))
    }

    /// The schema of a request body's or a response's JSON content (`content.application/json`),
    /// the body or response followed to its shared component if it is a `$ref`; the schema
    /// itself may be one.
    pub fn json_schema<'a>(&'a self, body: &'a Value) -> Option<&'a Value> {
        self.resolve(body)
            .pointer("/content/application~1json/schema")
    }

    /// The component schemas `roots` name, and every component schema those name in turn.
    pub fn schemas_reached(&self, roots: impl IntoIterator<Item = String>) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<String> = roots.into_iter().collect();
        while let Some(name) = stack.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            if let Some(schema) = self.schemas().get(&name) {
                let mut refs = BTreeSet::new();
                collect_schema_refs(&self.doc, schema, &mut refs, &mut BTreeSet::new());
                stack.extend(refs);
            }
        }
        seen
    }

    /// Follows a `$ref` to a component of this document.
    pub fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        let mut current = value;
        // Bounded: a `$ref` cycle among components would otherwise loop forever.
        for _ in 0..16 {
            match current.get("$ref").and_then(Value::as_str) {
                Some(reference) => match reference.strip_prefix('#') {
                    Some(pointer) => match self.doc.pointer(pointer) {
                        Some(target) => current = target,
                        None => return current,
                    },
                    None => return current,
                },
                None => return current,
            }
        }
        current
    }

    /// The most bytes `op`'s request body may take as JSON: its schema's
    /// `x-nexevo-max-serialized-bytes`, which every body must state so that a server can refuse
    /// a larger one before reading it. `None` for an operation without a body.
    pub fn max_request_bytes(&self, op: &Operation) -> Result<Option<u64>> {
        let Some(body) = self.operation(op).get("requestBody") else {
            return Ok(None);
        };
        let schema = self
            .json_schema(body)
            .map_or(&Value::Null, |schema| self.resolve(schema));
        match schema.get("x-nexevo-max-serialized-bytes") {
            Some(max) => max.as_u64().map(Some).ok_or_else(|| {
                anyhow::anyhow!(
                    "{SPEC_PATH}: {}.requestBody: x-nexevo-max-serialized-bytes must be a non-negative integer",
                    op.location
                )
            }),
            None => anyhow::bail!(
                "{SPEC_PATH}: {}.requestBody: the body's schema states no x-nexevo-max-serialized-bytes (every body needs one: it is what a server reads at most)",
                op.location
            ),
        }
    }

    /// The copy of the spec that progenitor and typify see: value constraints stripped (the
    /// generated validators check them), integer enums widened to plain integers (so a new
    /// value from the server still parses).
    pub fn shape_only(&self) -> Result<openapiv3::OpenAPI> {
        let mut doc = self.doc.clone();
        for_each_schema_mut(&mut doc, &mut |schema| {
            for keyword in CONSTRAINT_KEYWORDS {
                schema.remove(keyword);
            }
            let is_number = matches!(
                schema.get("type").and_then(Value::as_str),
                Some("integer" | "number")
            );
            if is_number {
                schema.remove("enum");
            }
            schema.retain(|key, _| !key.starts_with("x-nexevo-"));
        });
        serde_json::from_value(doc)
            .context("the spec does not have the shape of an OpenAPI 3.0 document")
    }
}

/// The component schema name a `$ref` points at, if it is one.
pub fn schema_ref_name(value: &Value) -> Option<&str> {
    value
        .get("$ref")?
        .as_str()?
        .strip_prefix("#/components/schemas/")
}

fn declared_tags(doc: &Value) -> Result<Vec<String>> {
    let Some(tags) = doc.get("tags").and_then(Value::as_array) else {
        bail!("{SPEC_PATH}: `tags` must list the API areas (one generated feature each)");
    };
    let mut names = Vec::new();
    for (index, tag) in tags.iter().enumerate() {
        let Some(name) = tag.get("name").and_then(Value::as_str) else {
            bail!("{SPEC_PATH}: tags[{index}] has no name");
        };
        let valid = !name.is_empty()
            && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            && !name.starts_with('_');
        if !valid {
            bail!(
                "{SPEC_PATH}: tags[{index}] `{name}` must be a lowercase word: it becomes a Cargo feature and a module"
            );
        }
        names.push(name.to_owned());
    }
    Ok(names)
}

fn collect_operations(doc: &Value, areas: &[String]) -> Result<Vec<Operation>> {
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        bail!("{SPEC_PATH}: no `paths`");
    };
    let mut operations = Vec::new();
    let mut seen_ids = BTreeSet::new();
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            bail!("{SPEC_PATH}: paths.{path} is not an object");
        };
        for method in HTTP_METHODS {
            let Some(op) = item.get(method) else { continue };
            let location = format!("paths.{path}.{method}");
            let Some(operation_id) = op.get("operationId").and_then(Value::as_str) else {
                bail!("{SPEC_PATH}: {location} has no operationId");
            };
            if !seen_ids.insert(operation_id.to_owned()) {
                bail!("{SPEC_PATH}: {location}: operationId `{operation_id}` is used twice");
            }
            let tags: Vec<&str> = op
                .get("tags")
                .and_then(Value::as_array)
                .map(|tags| tags.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let [area] = tags.as_slice() else {
                bail!(
                    "{SPEC_PATH}: {location} ({operation_id}) must have exactly one tag, its area; it has {tags:?}"
                );
            };
            if !areas.iter().any(|declared| declared == area) {
                bail!(
                    "{SPEC_PATH}: {location} ({operation_id}) has tag `{area}`, which is not declared under `tags`"
                );
            }
            for field in ["summary", "description"] {
                if op
                    .get(field)
                    .and_then(Value::as_str)
                    .is_none_or(str::is_empty)
                {
                    bail!(
                        "{SPEC_PATH}: {location} ({operation_id}) has no {field}; it becomes the method's documentation"
                    );
                }
            }
            let mut direct_schemas = BTreeSet::new();
            let path_params = item.get("parameters");
            for value in [
                path_params,
                op.get("parameters"),
                op.get("requestBody"),
                op.get("responses"),
                // What the operation's callbacks send (the alert events) is the area's too.
                op.get("callbacks"),
            ]
            .into_iter()
            .flatten()
            {
                collect_schema_refs(doc, value, &mut direct_schemas, &mut BTreeSet::new());
            }
            let requires_auth = !op
                .get("security")
                .and_then(Value::as_array)
                .is_some_and(Vec::is_empty);
            let responses = op
                .get("responses")
                .and_then(Value::as_object)
                .map(|responses| responses.keys().cloned().collect())
                .unwrap_or_default();
            operations.push(Operation {
                requires_auth,
                responses,
                operation_id: operation_id.to_owned(),
                method_name: snake_case(operation_id),
                area: (*area).to_owned(),
                http_method: method.to_ascii_uppercase(),
                path: path.clone(),
                location,
                direct_schemas,
            });
        }
    }
    Ok(operations)
}

/// Collects the component schemas named by `value`, following references to shared
/// parameters, responses and headers (but not from one schema into another).
fn collect_schema_refs(
    doc: &Value,
    value: &Value,
    out: &mut BTreeSet<String>,
    visited: &mut BTreeSet<String>,
) {
    match value {
        Value::Object(map) => {
            if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                if let Some(name) = reference.strip_prefix("#/components/schemas/") {
                    out.insert(name.to_owned());
                } else if visited.insert(reference.to_owned())
                    && let Some(target) = reference.strip_prefix('#').and_then(|p| doc.pointer(p))
                {
                    collect_schema_refs(doc, target, out, visited);
                }
            }
            for child in map.values() {
                collect_schema_refs(doc, child, out, visited);
            }
        }
        Value::Array(items) => {
            for child in items {
                collect_schema_refs(doc, child, out, visited);
            }
        }
        _ => {}
    }
}

/// Secret fields (`format: password`) must be named component schemas: the generator turns
/// those into a redacting secret type, which it can only do by name. A secret header
/// parameter is the exception: its value is passed as text, and the generator lists it in
/// `SECRET_HEADERS` for the transport to mark sensitive.
fn check_secret_fields_are_named(doc: &Value) -> Result<()> {
    let mut problems = Vec::new();
    let mut check = |schema: &Map<String, Value>, location: &str| {
        let is_component =
            location.starts_with("components.schemas.") && location.matches('.').count() == 2;
        let is_header_parameter = location
            .strip_prefix("components.parameters.")
            .and_then(|rest| rest.strip_suffix(".schema"))
            .filter(|name| !name.contains('.'))
            .and_then(|name| doc.pointer(&format!("/components/parameters/{name}/in")))
            .and_then(Value::as_str)
            == Some("header");
        if schema.get("format").and_then(Value::as_str) == Some("password")
            && !is_component
            && !is_header_parameter
        {
            problems.push(location.to_owned());
        }
        if schema.get("format").and_then(Value::as_str) == Some("decimal") && !is_component {
            problems.push(location.to_owned());
        }
    };
    for_each_schema(doc, &mut check);
    if !problems.is_empty() {
        bail!(
            "{SPEC_PATH}: secrets (`format: password`) and money (`format: decimal`) must be named component schemas referenced with $ref, so the generator can map them to their Rust types; inline at: {}",
            problems.join(", ")
        );
    }
    Ok(())
}

/// Keywords the generated validators do not translate. A constraint nobody checks is worse
/// than none (the spec would promise it and nothing would keep the promise), so the spec may
/// not use them: `multipleOf` would need exact decimal arithmetic the validators do not have.
const UNTRANSLATED_KEYWORDS: [&str; 1] = ["multipleOf"];

fn check_no_untranslated_keywords(doc: &Value) -> Result<()> {
    let mut problems = Vec::new();
    for_each_schema(doc, &mut |schema, location| {
        for keyword in UNTRANSLATED_KEYWORDS {
            if schema.contains_key(keyword) {
                problems.push(format!("{location}.{keyword}"));
            }
        }
    });
    if !problems.is_empty() {
        bail!(
            "{SPEC_PATH}: the generated validators do not check `multipleOf`, so the spec may not state it (bound the value with minimum, maximum or x-nexevo-max-decimal-places instead): {}",
            problems.join(", ")
        );
    }
    Ok(())
}

/// Calls `f` on every schema object in the document, with its location.
pub fn for_each_schema(doc: &Value, f: &mut dyn FnMut(&Map<String, Value>, &str)) {
    let mut clone = doc.clone();
    for_each_schema_located(&mut clone, "", &mut |schema, location| f(schema, location));
}

/// Calls `f` on every schema object in the document, mutably.
pub fn for_each_schema_mut(doc: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>)) {
    for_each_schema_located(doc, "", &mut |schema, _| f(schema));
}

fn for_each_schema_located(
    doc: &mut Value,
    _prefix: &str,
    f: &mut dyn FnMut(&mut Map<String, Value>, &str),
) {
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for (name, schema) in schemas.iter_mut() {
            walk_schema(schema, &format!("components.schemas.{name}"), f);
        }
    }
    for section in ["parameters", "headers"] {
        if let Some(items) = doc
            .pointer_mut(&format!("/components/{section}"))
            .and_then(Value::as_object_mut)
        {
            for (name, item) in items.iter_mut() {
                walk_holder(item, &format!("components.{section}.{name}"), f);
            }
        }
    }
    for section in ["responses", "requestBodies"] {
        if let Some(items) = doc
            .pointer_mut(&format!("/components/{section}"))
            .and_then(Value::as_object_mut)
        {
            for (name, item) in items.iter_mut() {
                walk_body(item, &format!("components.{section}.{name}"), f);
            }
        }
    }
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (key, value) in item.iter_mut() {
                let location = format!("paths.{path}.{key}");
                if key == "parameters" {
                    walk_list(value, &location, f);
                } else if HTTP_METHODS.contains(&key.as_str()) {
                    if let Some(params) = value.get_mut("parameters") {
                        walk_list(params, &format!("{location}.parameters"), f);
                    }
                    if let Some(body) = value.get_mut("requestBody") {
                        walk_body(body, &format!("{location}.requestBody"), f);
                    }
                    if let Some(responses) =
                        value.get_mut("responses").and_then(Value::as_object_mut)
                    {
                        for (status, response) in responses.iter_mut() {
                            walk_body(response, &format!("{location}.responses.{status}"), f);
                        }
                    }
                }
            }
        }
    }
}

fn walk_list(value: &mut Value, location: &str, f: &mut dyn FnMut(&mut Map<String, Value>, &str)) {
    if let Some(items) = value.as_array_mut() {
        for (index, item) in items.iter_mut().enumerate() {
            walk_holder(item, &format!("{location}[{index}]"), f);
        }
    }
}

/// A parameter or header: its schema is under `schema`.
fn walk_holder(
    value: &mut Value,
    location: &str,
    f: &mut dyn FnMut(&mut Map<String, Value>, &str),
) {
    if let Some(schema) = value.get_mut("schema") {
        walk_schema(schema, &format!("{location}.schema"), f);
    }
}

/// A request body or response: schemas under `content.*.schema`, headers under `headers`.
fn walk_body(value: &mut Value, location: &str, f: &mut dyn FnMut(&mut Map<String, Value>, &str)) {
    if let Some(content) = value.get_mut("content").and_then(Value::as_object_mut) {
        for (media_type, media) in content.iter_mut() {
            if let Some(schema) = media.get_mut("schema") {
                walk_schema(
                    schema,
                    &format!("{location}.content.{media_type}.schema"),
                    f,
                );
            }
        }
    }
    if let Some(headers) = value.get_mut("headers").and_then(Value::as_object_mut) {
        for (name, header) in headers.iter_mut() {
            walk_holder(header, &format!("{location}.headers.{name}"), f);
        }
    }
}

fn walk_schema(
    value: &mut Value,
    location: &str,
    f: &mut dyn FnMut(&mut Map<String, Value>, &str),
) {
    let Some(schema) = value.as_object_mut() else {
        return;
    };
    if schema.contains_key("$ref") {
        return;
    }
    f(schema, location);
    if let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        for (name, property) in properties.iter_mut() {
            walk_schema(property, &format!("{location}.properties.{name}"), f);
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(child) = schema.get_mut(key) {
            walk_schema(child, &format!("{location}.{key}"), f);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(children) = schema.get_mut(key).and_then(Value::as_array_mut) {
            for (index, child) in children.iter_mut().enumerate() {
                walk_schema(child, &format!("{location}.{key}[{index}]"), f);
            }
        }
    }
}

/// `createChatCompletion` → `create_chat_completion`, as progenitor names methods.
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if previous_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            previous_lower = false;
        } else if c == '-' || c == ' ' {
            out.push('_');
            previous_lower = false;
        } else {
            out.push(c);
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        }
    }
    out
}

/// `cn-only` → `CnOnly`, `json_object` → `JsonObject`: a Rust variant name for an enum value.
pub fn variant_name(value: &str) -> String {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// Areas each component schema is used by, following references between schemas.
pub fn schema_areas(spec: &Spec) -> BTreeMap<String, BTreeSet<String>> {
    let mut areas: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for op in &spec.operations {
        for name in spec.schemas_reached(op.direct_schemas.iter().cloned()) {
            areas.entry(name).or_default().insert(op.area.clone());
        }
    }
    areas
}

/// A decimal number as the spec writes it (`"-20.05"`, `10000`), as the mantissa and scale of a
/// `rust_decimal::Decimal` (`-2005`, `2`); `None` for text that is not a plain decimal number or
/// has more places than a `Decimal` keeps (28).
pub fn decimal_parts(text: &str) -> Option<(i128, u32)> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = format!("{whole}{fraction}");
    let mantissa: i128 = digits.parse().ok()?;
    let scale = u32::try_from(fraction.len()).ok()?;
    (scale <= 28).then_some((mantissa, scale))
}

/// A JSON value as a user types it: a string without its quotes, anything else as JSON.
pub fn plain_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
