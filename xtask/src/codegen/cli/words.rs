//! The CLI's words in help: the spec's operation ids, headers and request fields become the
//! commands, flags and arguments a user types, and values are named by kind (`<USD>`, `<N>`).

use std::collections::BTreeMap;

use anyhow::{Result, bail};
use serde_json::Value;

use crate::codegen::plan::{Plan, PlannedArea};

/// A command's description in the CLI's words: the spec's, with its `x-nexevo-cli-words`
/// phrases replaced (each must still be in it), then its names translated.
pub(super) fn description(
    plan: &Plan,
    names: &[(String, String)],
    commands: &CommandNames<'_>,
) -> Result<String> {
    let mut description = plan.description.trim().to_owned();
    let operation = commands.spec.operation(&plan.op);
    if let Some(words) = operation
        .get("x-nexevo-cli-words")
        .and_then(Value::as_object)
    {
        for (phrase, said) in words {
            if !description.contains(phrase.as_str()) {
                bail!(
                    "{}: x-nexevo-cli-words: the description no longer says {phrase:?}",
                    plan.op.operation_id
                );
            }
            description = description.replace(phrase.as_str(), said.as_str().unwrap_or_default());
        }
    }
    Ok(in_cli_words(&description, names, commands))
}

/// The command of each operation of the spec, by operationId: the generated one, or for an
/// operation whose call is written by hand, its area's own command (`nexevo chat`).
pub(super) struct CommandNames<'a> {
    spec: &'a crate::spec::Spec,
    by_operation: BTreeMap<String, String>,
}

impl<'a> CommandNames<'a> {
    pub(super) fn of(spec: &'a crate::spec::Spec, areas: &[PlannedArea]) -> Self {
        let mut by_operation = BTreeMap::new();
        for PlannedArea {
            area,
            plans,
            hand_written,
        } in areas
        {
            for plan in plans {
                by_operation.insert(
                    plan.op.operation_id.clone(),
                    format!(
                        "nexevo {} {}",
                        area.feature,
                        kebab(&plan.method.to_string())
                    ),
                );
            }
            for (op, _) in hand_written {
                by_operation.insert(op.operation_id.clone(), format!("nexevo {}", area.feature));
            }
        }
        Self { spec, by_operation }
    }
}

/// The spec's words in the CLI's: each `` `name` `` of an operation becomes its command,
/// of a header its flag or what it is, of a field of this command its flag or argument.
pub(super) fn in_cli_words(
    text: &str,
    names: &[(String, String)],
    commands: &CommandNames<'_>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        let Some(length) = rest[start + 1..].find('`') else {
            break;
        };
        let name = &rest[start + 1..start + 1 + length];
        out.push_str(&rest[..start]);
        match cli_word(name, names, commands) {
            Some(word) => out.push_str(&word),
            None => {
                out.push('`');
                out.push_str(name);
                out.push('`');
            }
        }
        rest = &rest[start + 2 + length..];
    }
    out.push_str(rest);
    out
}

/// What the CLI calls `name`, when it calls it something else.
fn cli_word(name: &str, names: &[(String, String)], commands: &CommandNames<'_>) -> Option<String> {
    if let Some(command) = commands.by_operation.get(name) {
        return Some(format!("`{command}`"));
    }
    match name {
        "Nexevo-Organization" => return Some("`--organization`".to_owned()),
        "Idempotency-Key" => return Some("idempotency key".to_owned()),
        _ => {}
    }
    names
        .iter()
        .find(|(spec, _)| spec == name)
        .map(|(_, said)| said.clone())
}

/// The command-line name of an argument or flag (`monthly_spend_cap` → `monthly-spend-cap`).
pub(super) fn kebab(name: &str) -> String {
    name.replace('_', "-")
}
