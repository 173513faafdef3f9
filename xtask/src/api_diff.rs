//! `cargo xtask api-diff [REV]`: what a change of the spec means for users of this SDK.
//!
//! It compares the spec at a git revision (default `HEAD`) with the working copy and lists
//! every change, each breaking or not, by the direction the value travels:
//!
//! | | breaking | not breaking |
//! |---|---|---|
//! | request | a removed operation or parameter, an optional value becoming required, a new required value, a type change, a narrower constraint, a removed enum value | a new operation, a new optional value, a wider constraint, a new enum value |
//! | response | a removed or renamed field, a field becoming optional or nullable, a type change, a removed enum value (the SDK's variant goes) | a new field, a new enum value (the SDK's enums are open) |
//!
//! A change of an operation's `x-nexevo-*` extensions renames or reshapes its call, so it is
//! breaking too. A pattern cannot be compared, so a new or changed one counts as narrower.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value};

use crate::codegen::model::feature_of;
use crate::spec::{SPEC_PATH, Spec};

/// One change between two versions of the spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// Whether code that uses the SDK may stop compiling or working.
    pub breaking: bool,
    /// Where: the operation, parameter, or schema and field.
    pub location: String,
    /// What changed.
    pub what: String,
    /// The area whose calls it changes, as its Cargo feature (`billing`, `orgs`): the
    /// operation's area, or for a shared schema each area that uses it (one change per area).
    pub area: String,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.breaking {
            "BREAKING"
        } else {
            "ok      "
        };
        write!(
            f,
            "{kind}  {}: {} [{}]",
            self.location, self.what, self.area
        )
    }
}

/// The spec as it is at `revision` of the git repository at `root`.
pub fn spec_at_revision(root: &Path, revision: &str) -> Result<Spec> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["show", &format!("{revision}:{SPEC_PATH}")])
        .output()
        .context("running git")?;
    if !output.status.success() {
        bail!(
            "git cannot show {SPEC_PATH} at {revision}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Spec::parse(&String::from_utf8(output.stdout).context("the spec is not UTF-8")?)
        .with_context(|| format!("the spec at {revision}"))
}

/// Runs `cargo xtask api-diff`: the report to print, and whether it succeeds (no breaking
/// change, or `allow_breaking`).
pub fn run(root: &Path, revision: &str, allow_breaking: bool) -> Result<(String, bool)> {
    let old = spec_at_revision(root, revision)?;
    let new = Spec::load(root)?;
    let changes = diff(&old, &new);
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut report = format!(
        "{SPEC_PATH}: {revision} → working copy: {} change{}, {breaking} breaking\n",
        changes.len(),
        plural(changes.len())
    );
    for change in &changes {
        report.push_str(&format!("  {change}\n"));
    }
    let ok = breaking == 0 || allow_breaking;
    if !ok {
        report.push_str(&format!(
            "{breaking} breaking change{} for users of the SDK; pass --allow-breaking if that is intended\n",
            plural(breaking)
        ));
    }
    Ok((report, ok))
}

/// Every change from `old` to `new`, breaking ones first.
pub fn diff(old: &Spec, new: &Spec) -> Vec<Change> {
    let mut differ = Differ {
        old,
        new,
        changes: BTreeSet::new(),
        visited: BTreeSet::new(),
        area: String::new(),
    };
    differ.tags();
    differ.operations();
    let mut changes: Vec<Change> = differ.changes.into_iter().collect();
    changes.sort_by(|a, b| b.breaking.cmp(&a.breaking).then(a.cmp(b)));
    changes
}

/// Which way a value travels: what users send, or what they read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Direction {
    Request,
    Response,
}

impl Direction {
    fn word(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Response => "response",
        }
    }
}

struct Differ<'a> {
    old: &'a Spec,
    new: &'a Spec,
    changes: BTreeSet<Change>,
    /// Named schemas already compared, per direction and area: a schema two areas share is
    /// compared (and its changes reported) once for each, as each area's crate re-exports it.
    visited: BTreeSet<(Direction, String, String)>,
    /// The area of the operation being compared (its Cargo feature).
    area: String,
}

/// An operation's parameters by location and name: the shared component each refers to (if
/// it is one) and the parameter, resolved.
fn parameters(
    spec: &Spec,
    path: &str,
    operation: &Value,
) -> BTreeMap<(String, String), (Option<String>, Value)> {
    let item = &spec.doc["paths"][path];
    let mut out = BTreeMap::new();
    for list in [item.get("parameters"), operation.get("parameters")]
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
    {
        for reference in list {
            let component = reference
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/parameters/"))
                .map(str::to_owned);
            let parameter = spec.resolve(reference).clone();
            let key = (
                parameter["in"].as_str().unwrap_or_default().to_owned(),
                parameter["name"].as_str().unwrap_or_default().to_owned(),
            );
            out.insert(key, (component, parameter));
        }
    }
    out
}

fn json_body(spec: &Spec, operation: &Value) -> Option<Value> {
    spec.json_schema(operation.get("requestBody")?).cloned()
}

fn success_body(spec: &Spec, operation: &Value) -> Option<Value> {
    spec.success_schema(operation)
        .map(|(schema, _)| schema.clone())
}

/// Each operation by id: its method, path, definition and area (as its Cargo feature).
fn operations_by_id(spec: &Spec) -> BTreeMap<String, (String, String, Value, String)> {
    spec.operations
        .iter()
        .map(|op| {
            (
                op.operation_id.clone(),
                (
                    op.http_method.clone(),
                    op.path.clone(),
                    spec.operation(op).clone(),
                    feature_of(&op.area).to_owned(),
                ),
            )
        })
        .collect()
}

fn bool_at(schema: &Value, key: &str) -> bool {
    schema.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn required_set(schema: &Value) -> BTreeSet<String> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn properties(schema: &Value) -> Map<String, Value> {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

impl Differ<'_> {
    fn report(&mut self, breaking: bool, location: impl Into<String>, what: impl Into<String>) {
        self.changes.insert(Change {
            breaking,
            location: location.into(),
            what: what.into(),
            area: self.area.clone(),
        });
    }

    fn tags(&mut self) {
        let old: BTreeSet<&String> = self.old.areas.iter().collect();
        let new: BTreeSet<&String> = self.new.areas.iter().collect();
        for removed in old.difference(&new) {
            self.area = feature_of(removed).to_owned();
            self.report(
                true,
                format!("area {removed}"),
                "removed (its feature goes)",
            );
        }
        for added in new.difference(&old) {
            self.area = feature_of(added).to_owned();
            self.report(false, format!("area {added}"), "new");
        }
    }

    fn operations(&mut self) {
        let old = operations_by_id(self.old);
        let new = operations_by_id(self.new);
        for (id, (method, path, _, area)) in &old {
            if !new.contains_key(id) {
                self.area = area.clone();
                self.report(
                    true,
                    format!("operation {id}"),
                    format!("{method} {path} removed"),
                );
            }
        }
        for (id, (method, path, _, area)) in &new {
            if !old.contains_key(id) {
                self.area = area.clone();
                self.report(
                    false,
                    format!("operation {id}"),
                    format!("{method} {path} is new"),
                );
            }
        }
        for (id, (old_method, old_path, old_op, _)) in &old {
            let Some((new_method, new_path, new_op, area)) = new.get(id) else {
                continue;
            };
            self.area = area.clone();
            let at = format!("operation {id}");
            if (old_method, old_path) != (new_method, new_path) {
                self.report(
                    true,
                    &at,
                    format!("moved from {old_method} {old_path} to {new_method} {new_path}"),
                );
            }
            self.extensions(id, &at, old_op, new_op);
            self.parameters(id, old_path, old_op, new_path, new_op);
            let (old_body, new_body) = (json_body(self.old, old_op), json_body(self.new, new_op));
            match (old_body, new_body) {
                (Some(old), Some(new)) => self.schema(
                    Direction::Request,
                    &format!("request {id} body"),
                    &old,
                    &new,
                ),
                (Some(_), None) => self.report(true, &at, "its request body was removed"),
                (None, Some(_)) => self.report(true, &at, "it now needs a request body"),
                (None, None) => {}
            }
            match (
                success_body(self.old, old_op),
                success_body(self.new, new_op),
            ) {
                (Some(old), Some(new)) => {
                    self.schema(Direction::Response, &format!("response {id}"), &old, &new)
                }
                (Some(_), None) => self.report(true, &at, "it no longer answers a body"),
                (None, Some(_)) => self.report(false, &at, "it now answers a body"),
                (None, None) => {}
            }
        }
    }

    /// What the operation's `x-nexevo-*` extensions make of its call: its method name, its
    /// setters' names, its positional fields, what it answers, where its key comes from.
    fn extensions(&mut self, id: &str, at: &str, old: &Value, new: &Value) {
        let method = |spec: &Spec| {
            spec.operations
                .iter()
                .find(|op| op.operation_id == id)
                .and_then(|op| crate::codegen::plan::method_name_of(spec, op).ok())
        };
        let (before, after) = (method(self.old), method(self.new));
        if before != after {
            self.report(
                true,
                at,
                format!(
                    "its SDK method {} → {}",
                    before.unwrap_or_default(),
                    after.unwrap_or_default()
                ),
            );
        }
        let setters = |op: &Value| -> BTreeMap<String, Value> {
            op.get("x-nexevo-setters")
                .and_then(Value::as_object)
                .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default()
        };
        let (old_setters, new_setters) = (setters(old), setters(new));
        let fields: BTreeSet<&String> = old_setters.keys().chain(new_setters.keys()).collect();
        for field in fields {
            let name = |map: &BTreeMap<String, Value>| match map.get(field) {
                None => Some(crate::spec::snake_case(field)),
                Some(Value::Null) => None,
                Some(value) => value.as_str().map(str::to_owned),
            };
            let (before, after) = (name(&old_setters), name(&new_setters));
            if before != after {
                let show = |n: Option<String>| n.unwrap_or_else(|| "(no setter)".to_owned());
                self.report(
                    true,
                    at,
                    format!("the setter of {field} {} → {}", show(before), show(after)),
                );
            }
        }
        let positional = |spec: &Spec, op: &Value| -> Value {
            op.get("x-nexevo-positional").cloned().unwrap_or_else(|| {
                json_body(spec, op)
                    .map(|body| {
                        spec.resolve(&body)
                            .get("required")
                            .cloned()
                            .unwrap_or_default()
                    })
                    .unwrap_or_default()
            })
        };
        let (before, after) = (positional(self.old, old), positional(self.new, new));
        if before != after {
            self.report(
                true,
                at,
                format!("its positional body fields {before} → {after}"),
            );
        }
        for key in [
            "x-nexevo-answer",
            "x-nexevo-idempotency-key",
            "x-nexevo-hand-written",
        ] {
            let (before, after) = (old.get(key), new.get(key));
            if before != after {
                let show = |v: Option<&Value>| v.map_or("(none)".to_owned(), Value::to_string);
                self.report(
                    true,
                    at,
                    format!("{key} {} → {}", show(before), show(after)),
                );
            }
        }
    }

    fn parameters(
        &mut self,
        id: &str,
        old_path: &str,
        old_op: &Value,
        new_path: &str,
        new_op: &Value,
    ) {
        let old = parameters(self.old, old_path, old_op);
        let new = parameters(self.new, new_path, new_op);
        for ((place, name), (component, parameter)) in &new {
            let mut at = format!("request {id} {place} parameter {name}");
            let required = bool_at(parameter, "required");
            match old.get(&(place.clone(), name.clone())) {
                None if required => self.report(true, at, "new and required"),
                None => self.report(false, at, "new and optional"),
                Some((old_component, before)) => {
                    // A shared parameter is compared once, where it is defined.
                    if let (Some(shared), Some(old_shared)) = (component, old_component)
                        && shared == old_shared
                    {
                        let first = self.visited.insert((
                            Direction::Request,
                            format!("parameter {shared}"),
                            self.area.clone(),
                        ));
                        if !first {
                            continue;
                        }
                        at = format!(
                            "request components.parameters.{shared} ({place} parameter {name})"
                        );
                    }
                    match (bool_at(before, "required"), required) {
                        (false, true) => self.report(true, &at, "optional → required"),
                        (true, false) => self.report(false, &at, "required → optional"),
                        _ => {}
                    }
                    if let (Some(old_schema), Some(new_schema)) =
                        (before.get("schema"), parameter.get("schema"))
                    {
                        self.schema(Direction::Request, &at, old_schema, new_schema);
                    }
                }
            }
        }
        for (place, name) in old.keys() {
            if !new.contains_key(&(place.clone(), name.clone())) {
                self.report(
                    true,
                    format!("request {id} {place} parameter {name}"),
                    "removed",
                );
            }
        }
    }

    /// Compares two schemas met at `at`, following `$ref`s into named schemas once per
    /// direction (where a change is reported at the named schema).
    fn schema(&mut self, direction: Direction, at: &str, old: &Value, new: &Value) {
        let old_name = crate::spec::schema_ref_name(old);
        let new_name = crate::spec::schema_ref_name(new);
        let mut at = at.to_owned();
        if let (Some(old_name), Some(new_name)) = (old_name, new_name) {
            if old_name != new_name {
                self.report(true, &at, format!("type {old_name} → {new_name}"));
                return;
            }
            if !self
                .visited
                .insert((direction, old_name.to_owned(), self.area.clone()))
            {
                return;
            }
            at = format!("{} components.schemas.{old_name}", direction.word());
        }
        let old = self.old.resolve(old).clone();
        let new = self.new.resolve(new).clone();

        let kind = |s: &Value| {
            (
                s.get("type").and_then(Value::as_str).map(str::to_owned),
                s.get("format").and_then(Value::as_str).map(str::to_owned),
            )
        };
        if kind(&old) != kind(&new) {
            let show = |(t, f): (Option<String>, Option<String>)| {
                format!(
                    "{}{}",
                    t.unwrap_or_else(|| "any".into()),
                    f.map(|f| format!(" ({f})")).unwrap_or_default()
                )
            };
            self.report(
                true,
                &at,
                format!("type {} → {}", show(kind(&old)), show(kind(&new))),
            );
            return;
        }
        match (
            direction,
            bool_at(&old, "nullable"),
            bool_at(&new, "nullable"),
        ) {
            (Direction::Response, false, true) => self.report(true, &at, "may now be null"),
            (Direction::Request, true, false) => self.report(true, &at, "no longer accepts null"),
            (Direction::Request, false, true) => self.report(false, &at, "now accepts null"),
            (Direction::Response, true, false) => self.report(false, &at, "is never null now"),
            _ => {}
        }
        self.enums(direction, &at, &old, &new);
        if direction == Direction::Request {
            self.constraints(&at, &old, &new);
        }
        self.properties(direction, &at, &old, &new);
        for key in ["items", "additionalProperties"] {
            if let (Some(o), Some(n)) = (old.get(key), new.get(key))
                && o.is_object()
                && n.is_object()
            {
                self.schema(direction, &format!("{at}.{key}"), o, n);
            }
        }
        for key in ["oneOf", "anyOf", "allOf"] {
            let branches = |s: &Value| -> BTreeSet<String> {
                s.get(key)
                    .and_then(Value::as_array)
                    .map(|b| b.iter().map(Value::to_string).collect())
                    .unwrap_or_default()
            };
            let (before, after) = (branches(&old), branches(&new));
            for removed in before.difference(&after) {
                self.report(true, &at, format!("{key} branch {removed} removed"));
            }
            for added in after.difference(&before) {
                self.report(
                    direction == Direction::Response,
                    &at,
                    format!("{key} branch {added} added"),
                );
            }
        }
    }

    fn enums(&mut self, direction: Direction, at: &str, old: &Value, new: &Value) {
        let values = |s: &Value| -> Option<BTreeSet<String>> {
            s.get("enum")
                .and_then(Value::as_array)
                .map(|v| v.iter().map(Value::to_string).collect())
        };
        match (values(old), values(new)) {
            (Some(before), Some(after)) => {
                for removed in before.difference(&after) {
                    let what = match direction {
                        Direction::Request => format!("no longer accepts {removed}"),
                        Direction::Response => {
                            format!("enum value {removed} removed (the SDK's variant goes)")
                        }
                    };
                    self.report(true, at, what);
                }
                for added in after.difference(&before) {
                    self.report(false, at, format!("new enum value {added}"));
                }
            }
            (None, Some(_)) if direction == Direction::Request => {
                self.report(true, at, "now accepts only listed values");
            }
            (Some(_), None) => self.report(
                direction == Direction::Response,
                at,
                "no longer a closed list",
            ),
            _ => {}
        }
    }

    /// Request constraints: tighter is breaking, looser is not.
    fn constraints(&mut self, at: &str, old: &Value, new: &Value) {
        let number = |s: &Value, key: &str| s.get(key).and_then(Value::as_f64);
        // Upper bounds: lower is narrower. Lower bounds: higher is narrower.
        for (key, upper) in [
            ("maxLength", true),
            ("maximum", true),
            ("maxItems", true),
            ("maxProperties", true),
            ("x-nexevo-max-decimal-places", true),
            ("x-nexevo-max-serialized-bytes", true),
            ("minLength", false),
            ("minimum", false),
            ("minItems", false),
            ("minProperties", false),
        ] {
            let (before, after) = (number(old, key), number(new, key));
            let narrower = match (before, after) {
                (Some(b), Some(a)) if b == a => continue,
                (Some(b), Some(a)) => (a < b) == upper,
                (None, Some(_)) => true,
                (Some(_), None) => false,
                (None, None) => continue,
            };
            let show = |v: Option<f64>| v.map_or("none".to_owned(), |v| v.to_string());
            self.report(
                narrower,
                at,
                format!(
                    "{key} {} → {} ({})",
                    show(before),
                    show(after),
                    if narrower { "narrower" } else { "wider" }
                ),
            );
        }
        for key in ["exclusiveMinimum", "exclusiveMaximum", "uniqueItems"] {
            match (bool_at(old, key), bool_at(new, key)) {
                (false, true) => self.report(true, at, format!("now {key} (narrower)")),
                (true, false) => self.report(false, at, format!("no longer {key} (wider)")),
                _ => {}
            }
        }
        for key in ["pattern", "multipleOf", "x-nexevo-refused-values"] {
            let (before, after) = (old.get(key), new.get(key));
            match (before, after) {
                (b, a) if b == a => {}
                (_, Some(a)) => {
                    self.report(true, at, format!("{key} now {a} (treated as narrower)"))
                }
                (Some(_), None) => self.report(false, at, format!("no {key} (wider)")),
                (None, None) => {}
            }
        }
    }

    fn properties(&mut self, direction: Direction, at: &str, old: &Value, new: &Value) {
        let (before, after) = (properties(old), properties(new));
        let (old_required, new_required) = (required_set(old), required_set(new));
        for (name, schema) in &after {
            let field = format!("{at}.{name}");
            let required = new_required.contains(name);
            match before.get(name) {
                None => match direction {
                    Direction::Request if required => self.report(true, field, "new and required"),
                    Direction::Request => self.report(false, field, "new and optional"),
                    Direction::Response => self.report(false, field, "new field"),
                },
                Some(previous) => {
                    let was_required = old_required.contains(name);
                    match (direction, was_required, required) {
                        (Direction::Request, false, true) => {
                            self.report(true, &field, "optional → required")
                        }
                        (Direction::Request, true, false) => {
                            self.report(false, &field, "required → optional")
                        }
                        (Direction::Response, true, false) => {
                            self.report(true, &field, "may now be absent")
                        }
                        (Direction::Response, false, true) => {
                            self.report(false, &field, "now always present")
                        }
                        _ => {}
                    }
                    self.schema(direction, &field, previous, schema);
                }
            }
        }
        for name in before.keys() {
            if !after.contains_key(name) {
                self.report(true, format!("{at}.{name}"), "removed (or renamed)");
            }
        }
    }
}
