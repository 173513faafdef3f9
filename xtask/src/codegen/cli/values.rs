//! What values an argument takes, as help and completions offer them: a closed enum's values,
//! an open enum's known ones, and names for values (`x-nexevo-value-names`).

use serde_json::Value;

use crate::codegen::model::CallInputs;
use crate::codegen::plan::Input;
use crate::codegen::syntax::last_segment;

/// The closed list of values an input's type takes, when its schema is an enum the SDK knows
/// completely (an open enum accepts values it does not know yet, so the CLI must too).
pub(super) fn possible_values(inputs: &CallInputs<'_>, input: &Input) -> Option<Vec<String>> {
    let name = last_segment(&input.ty);
    if inputs.replacements.contains_key(&name) {
        return None;
    }
    let values = inputs.spec.schemas().get(&name)?.get("enum")?.as_array()?;
    values
        .iter()
        .map(|value| value.as_str().map(str::to_owned))
        .collect()
}

/// The values an open enum knows today (its schema's `enum`), when the input's type is one:
/// listed in help and completions, while other values still go through (the API may add some).
pub(super) fn known_values(inputs: &CallInputs<'_>, input: &Input) -> Option<Vec<String>> {
    let name = last_segment(&input.ty);
    if !inputs.replacements.contains_key(&name) {
        return None;
    }
    let values = inputs.spec.schemas().get(&name)?.get("enum")?.as_array()?;
    values
        .iter()
        .map(|value| value.as_str().map(str::to_owned))
        .collect()
}

/// The names the CLI takes for an input's values (`x-nexevo-value-names` on its type's schema),
/// each with the value's text: `[("up", "1"), ("down", "-1")]`.
pub(super) fn value_names(inputs: &CallInputs<'_>, input: &Input) -> Vec<(String, String)> {
    let name = last_segment(&input.ty);
    let Some(names) = inputs
        .spec
        .schemas()
        .get(&name)
        .and_then(|schema| schema.get("x-nexevo-value-names"))
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    names
        .iter()
        .map(|(name, value)| {
            let text = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned);
            (name.clone(), text)
        })
        .collect()
}
