//! Writing a value of a checked schema: deterministic choices seeded by the prompt, strings
//! from the prompt or the schema's format, numbers within their bounds, and always the least
//! deep branch where the depth budget is tight.

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value, json};

use crate::seeded::{fnv, splitmix};

use super::check::{
    Checked, MAX_PATTERN_MATCH_CHARS, Refusal, escape, min_items, refuse, required_of, types_of,
};

/// The most characters of the prompt a string field repeats.
const MAX_ECHO_CHARS: usize = 64;

/// The most values (scalars, lists and objects, nested ones counted) an answer holds. A schema
/// whose smallest value is larger is refused: lists of lists of objects multiply, and a small
/// schema could otherwise ask for billions.
pub(super) const MAX_VALUES: usize = 10_000;

/// Below this many values left, lists stop at their `minItems`.
const SPARE_VALUES: usize = 1_000;

/// How many strings the sandbox writes for a `pattern` the prompt does not match; each field
/// with the pattern takes one of them. Each is checked once, so a schema with thousands of
/// such fields costs a few matches per pattern, not one per field.
const STRINGS_PER_PATTERN: u64 = 4;

/// Writes a value of a checked schema.
pub(super) struct Writer<'a> {
    checked: &'a Checked<'a>,
    seed: u64,
    prompt: String,
    /// Values still allowed ([`MAX_VALUES`] at the start).
    remaining: usize,
    /// The strings written for each `pattern`, every one checked against it.
    pattern_strings: BTreeMap<String, Vec<String>>,
}

impl<'a> Writer<'a> {
    pub(super) fn new(checked: &'a Checked<'a>, prompt: &str) -> Self {
        Self {
            checked,
            seed: fnv(prompt.as_bytes()),
            prompt: prompt.chars().take(MAX_ECHO_CHARS).collect(),
            remaining: MAX_VALUES,
            pattern_strings: BTreeMap::new(),
        }
    }

    /// A value of `schema` no deeper than `budget`; the checks guarantee one exists wherever
    /// the least depth fits the budget.
    pub(super) fn value(
        &mut self,
        schema: &Value,
        path: &str,
        budget: usize,
    ) -> Result<Value, Refusal> {
        let no_value = || refuse(path, "no value of this schema fits the limits");
        self.remaining = self.remaining.checked_sub(1).ok_or_else(|| {
            refuse(
                path,
                format!("its smallest value holds more than {MAX_VALUES} values"),
            )
        })?;
        let node = schema.as_object().ok_or_else(no_value)?;
        if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            let target = self.checked.resolve(reference).ok_or_else(no_value)?;
            return self.value(target, path, budget);
        }
        if let Some(constant) = node.get("const") {
            return Ok(constant.clone());
        }
        if let Some(values) = node.get("enum").and_then(Value::as_array) {
            return values
                .get(self.pick(path, values.len()))
                .cloned()
                .ok_or_else(no_value);
        }
        if let Some(variants) = node.get("anyOf").and_then(Value::as_array) {
            let fitting: Vec<&Value> = variants
                .iter()
                .filter(|v| self.checked.least_depth(v).is_some_and(|d| d <= budget))
                .collect();
            let chosen = fitting
                .get(self.pick(path, fitting.len()))
                .ok_or_else(no_value)?;
            return self.value(chosen, path, budget);
        }
        let types = types_of(node);
        // Prefer a value to `null`, and a scalar to a container when the budget is tight.
        let fits = |kind: &&str| match *kind {
            "object" | "array" => self.container_fits(node, kind, budget),
            _ => true,
        };
        let kind = types
            .iter()
            .filter(|kind| **kind != "null")
            .find(|kind| fits(kind))
            .or_else(|| types.iter().find(|kind| **kind == "null"))
            .copied()
            .unwrap_or("object");
        match kind {
            "null" => Ok(Value::Null),
            "boolean" => Ok(Value::Bool(self.pick(path, 2) == 1)),
            "string" => Ok(Value::String(self.string(node, path)?)),
            "integer" => integer(node, self.pick(path, 100))
                .ok_or_else(|| refuse(path, "no integer lies within the bounds")),
            "number" => number(node, self.pick(path, 100))
                .ok_or_else(|| refuse(path, "no number lies within the bounds")),
            "array" => self.array(node, path, budget),
            _ => self.object(node, path, budget),
        }
    }

    fn container_fits(&self, node: &Map<String, Value>, kind: &str, budget: usize) -> bool {
        let mut alone = node.clone();
        alone.insert("type".to_owned(), json!(kind));
        self.checked
            .least_depth(&Value::Object(alone))
            .is_some_and(|depth| depth <= budget)
    }

    fn array(
        &mut self,
        node: &Map<String, Value>,
        path: &str,
        budget: usize,
    ) -> Result<Value, Refusal> {
        let least = min_items(node);
        let most = node
            .get("maxItems")
            .and_then(Value::as_u64)
            .map_or(u64::MAX, |most| most);
        let items = node
            .get("items")
            .cloned()
            .unwrap_or_else(|| json!({"type": "string"}));
        let item_fits = self
            .checked
            .least_depth(&items)
            .is_some_and(|depth| depth < budget);
        // Two items where the bounds allow them, to show a list; the least when depth or the
        // values left are tight.
        let count = if item_fits && self.remaining > SPARE_VALUES {
            least.max(2).min(most)
        } else {
            least
        };
        let mut values = Vec::new();
        for index in 0..count {
            values.push(self.value(
                &items,
                &format!("{path}/{index}"),
                budget.saturating_sub(1),
            )?);
        }
        Ok(Value::Array(values))
    }

    fn object(
        &mut self,
        node: &Map<String, Value>,
        path: &str,
        budget: usize,
    ) -> Result<Value, Refusal> {
        let Some(properties) = node.get("properties").and_then(Value::as_object) else {
            // An open object with nothing listed (a tool without parameters): the prompt.
            if node.get("additionalProperties") == Some(&Value::Bool(false)) {
                return Ok(json!({}));
            }
            return Ok(json!({ "input": self.prompt }));
        };
        let required = required_of(node);
        let mut object = Map::new();
        for (name, property) in properties {
            let least = self.checked.least_depth(property);
            let needed = required.contains(&name.as_str());
            if !needed && least.is_none_or(|depth| depth >= budget) {
                continue;
            }
            let at = format!("{path}/{}", escape(name));
            object.insert(
                name.clone(),
                self.value(property, &at, budget.saturating_sub(1))?,
            );
        }
        Ok(Value::Object(object))
    }

    fn string(&mut self, node: &Map<String, Value>, path: &str) -> Result<String, Refusal> {
        if let Some(source) = node.get("pattern").and_then(Value::as_str) {
            return self.pattern_string(source, path);
        }
        Ok(self.format_string(node, path))
    }

    /// A string `source` matches: the prompt where it does, else one of a few written from the
    /// pattern and seeded by the prompt. Each is checked with the matcher the SDK's validators
    /// use before it is handed out.
    fn pattern_string(&mut self, source: &str, path: &str) -> Result<String, Refusal> {
        let pattern = self
            .checked
            .pattern(source)
            .ok_or_else(|| refuse(path, "`pattern` was not checked"))?;
        if !self.pattern_strings.contains_key(source) {
            let strings: Vec<String> = if pattern.is_match(&self.prompt) {
                vec![self.prompt.clone()]
            } else {
                let seed = self.seed ^ fnv(source.as_bytes());
                (0..STRINGS_PER_PATTERN)
                    .filter_map(|i| pattern.example(splitmix(seed ^ i), MAX_PATTERN_MATCH_CHARS))
                    .filter(|example| pattern.is_match(example))
                    .collect()
            };
            self.pattern_strings.insert(source.to_owned(), strings);
        }
        let strings = self
            .pattern_strings
            .get(source)
            .filter(|strings| !strings.is_empty())
            .ok_or_else(|| refuse(path, "the sandbox wrote no string that `pattern` matches"))?;
        let chosen = self.pick(path, strings.len());
        strings
            .get(chosen)
            .cloned()
            .ok_or_else(|| refuse(path, "the sandbox wrote no string that `pattern` matches"))
    }

    /// A string for the node's `format`, or the prompt.
    fn format_string(&self, node: &Map<String, Value>, path: &str) -> String {
        let hash = self.hash(path);
        match node.get("format").and_then(Value::as_str) {
            Some("date-time") => "2026-04-27T09:30:00Z".to_owned(),
            Some("date") => "2026-04-27".to_owned(),
            Some("time") => "09:30:00".to_owned(),
            Some("duration") => "PT1H30M".to_owned(),
            Some("email") => "user@example.com".to_owned(),
            Some("hostname") => "example.com".to_owned(),
            Some("ipv4") => "192.0.2.1".to_owned(),
            Some("ipv6") => "2001:db8::1".to_owned(),
            Some("uuid") => format!(
                "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
                hash >> 32,
                (hash >> 16) & 0xffff,
                hash & 0xfff,
                (hash >> 12) & 0xfff,
                hash & 0xffff_ffff_ffff
            ),
            _ => self.prompt.clone(),
        }
    }

    fn hash(&self, path: &str) -> u64 {
        splitmix(self.seed ^ fnv(path.as_bytes()))
    }

    /// A choice among `count`, fixed by the prompt and the place in the value.
    fn pick(&self, path: &str, count: usize) -> usize {
        let count = u64::try_from(count).unwrap_or(u64::MAX).max(1);
        usize::try_from(self.hash(path) % count).unwrap_or(0)
    }
}

/// A bound of the node as a decimal: `Some(None)` when absent, `None` when it is no number a
/// decimal can hold (then no value is written rather than one that might break it).
fn bound(node: &Map<String, Value>, key: &str) -> Option<Option<Decimal>> {
    match node.get(key) {
        None => Some(None),
        Some(Value::Number(number)) => {
            let text = number.to_string();
            Decimal::from_str(&text)
                .or_else(|_| Decimal::from_scientific(&text))
                .ok()
                .map(Some)
        }
        Some(_) => None,
    }
}

/// The integer nearest `wish` within the node's bounds (and a multiple of `multipleOf`, when
/// that is a whole number).
fn integer(node: &Map<String, Value>, wish: usize) -> Option<Value> {
    let one = Decimal::ONE;
    let mut low = bound(node, "minimum")?.map(|b| b.ceil());
    if let Some(exclusive) = bound(node, "exclusiveMinimum")? {
        let above = exclusive.floor().checked_add(one)?;
        low = Some(low.map_or(above, |low| low.max(above)));
    }
    let mut high = bound(node, "maximum")?.map(|b| b.floor());
    if let Some(exclusive) = bound(node, "exclusiveMaximum")? {
        let below = exclusive.ceil().checked_sub(one)?;
        high = Some(high.map_or(below, |high| high.min(below)));
    }
    let step = bound(node, "multipleOf")?
        .filter(|step| *step >= one && step.fract().is_zero())
        .unwrap_or(one);
    let mut value = Decimal::from(u64::try_from(wish).unwrap_or(0));
    if let Some(low) = low {
        value = value.max(low);
    }
    if let Some(high) = high {
        value = value.min(high);
    }
    let mut value = value.checked_div(step)?.ceil().checked_mul(step)?;
    if let Some(high) = high
        && value > high
    {
        value = high.checked_div(step)?.floor().checked_mul(step)?;
    }
    let within = low.is_none_or(|low| value >= low) && high.is_none_or(|high| value <= high);
    within.then(|| value.to_i64().map(Value::from)).flatten()
}

/// A number within the node's bounds: an integer where one fits; else, with a fractional
/// `multipleOf`, its first multiple above the lower bound; else the middle of the bounds.
fn number(node: &Map<String, Value>, wish: usize) -> Option<Value> {
    let step = bound(node, "multipleOf")?;
    let whole_step = step.is_none_or(|step| step >= Decimal::ONE && step.fract().is_zero());
    if whole_step && let Some(value) = integer(node, wish) {
        return Some(value);
    }
    let minimum = bound(node, "minimum")?;
    let exclusive_minimum = bound(node, "exclusiveMinimum")?;
    let maximum = bound(node, "maximum")?;
    let exclusive_maximum = bound(node, "exclusiveMaximum")?;
    let above = |value: Decimal| {
        minimum.is_none_or(|low| value >= low) && exclusive_minimum.is_none_or(|low| value > low)
    };
    let below = |value: Decimal| {
        maximum.is_none_or(|high| value <= high)
            && exclusive_maximum.is_none_or(|high| value < high)
    };
    let value = match step.filter(|step| step.is_sign_positive() && !step.is_zero()) {
        Some(step) => {
            let low = minimum.or(exclusive_minimum).unwrap_or(Decimal::ZERO);
            let first = low.checked_div(step)?.ceil().checked_mul(step)?;
            if above(first) {
                first
            } else {
                first.checked_add(step)?
            }
        }
        None => {
            let low = minimum.or(exclusive_minimum)?;
            let high = maximum.or(exclusive_maximum)?;
            low.checked_add(high)?.checked_div(Decimal::TWO)?
        }
    };
    (above(value) && below(value))
        .then(|| serde_json::from_str::<Value>(&value.normalize().to_string()).ok())
        .flatten()
}
