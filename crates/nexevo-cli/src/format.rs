//! How an answer is written: `--format table` (people: a summary or a table, the default),
//! `json` (`--json`), `jsonl` (one compact JSON value a line: a list's items each on its own),
//! `yaml`, and `--jq FILTER` over the JSON answer. Every machine format is the SDK's typed answer
//! as JSON would show it, so money stays the server's decimal strings in each.

use clap::{Arg, ArgAction, ArgMatches};
use serde_json::Value;

use crate::error::CliError;
use crate::output::Shown;

/// A way to print answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// For people: a summary, or a table for a list.
    Table,
    /// JSON, pretty (`--json`).
    Json,
    /// One compact JSON value a line: a list's items each on its own line.
    Jsonl,
    /// YAML.
    Yaml,
}

impl Format {
    /// Every format, by its name on the command line.
    const NAMES: [(&'static str, Self); 4] = [
        ("table", Self::Table),
        ("json", Self::Json),
        ("jsonl", Self::Jsonl),
        ("yaml", Self::Yaml),
    ];

    fn named(name: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, format)| *format)
    }
}

/// What the output flags ask for: the format, and the `--jq` filter.
pub(crate) struct OutputMode {
    format: Format,
    #[cfg(feature = "jq")]
    jq: Option<crate::jq::Filter>,
}

/// The flags that choose the output, global like every output flag.
pub(crate) fn args(heading: &'static str) -> [Arg; 3] {
    [
        Arg::new("json")
            .long("json")
            .global(true)
            .help_heading(heading)
            .action(ArgAction::SetTrue)
            .conflicts_with("format")
            .help("Print the answer as JSON, for scripts (the same as --format json)"),
        Arg::new("format")
            .long("format")
            .value_name("FORMAT")
            .global(true)
            .help_heading(heading)
            .value_parser(Format::NAMES.map(|(name, _)| name))
            .help(
                "How answers are printed: table (for people; the default), json, jsonl (one \
                 compact JSON value a line, a list's items each on its own), yaml",
            ),
        Arg::new("jq")
            .long("jq")
            .value_name("FILTER")
            .global(true)
            .help_heading(heading)
            .help(
                "Run a jq filter over the JSON answer (what --json prints); each result on a \
                 line, a string as it is, anything else as compact JSON",
            ),
    ]
}

impl OutputMode {
    /// The mode the flags ask for. A `--jq` filter is compiled here, before anything is sent:
    /// one that does not compile is a usage error with jaq's words.
    pub(crate) fn from_matches(matches: &ArgMatches) -> Result<Self, CliError> {
        let chosen = matches
            .get_one::<String>("format")
            .map(|name| {
                Format::named(name)
                    .ok_or_else(|| CliError::Usage(format!("no output format `{name}`")))
            })
            .transpose()?;
        let format = match chosen {
            Some(format) => format,
            None if matches.get_flag("json") => Format::Json,
            None => Format::Table,
        };
        let filter = matches.get_one::<String>("jq");
        if filter.is_some() && matches!(chosen, Some(Format::Table | Format::Yaml)) {
            return Err(CliError::Usage(
                "--jq prints JSON: it goes with --format json or jsonl, not table or yaml"
                    .to_owned(),
            ));
        }
        #[cfg(feature = "jq")]
        {
            let jq = filter
                .map(|code| crate::jq::Filter::compile(code))
                .transpose()?;
            Ok(Self { format, jq })
        }
        #[cfg(not(feature = "jq"))]
        match filter {
            Some(_) => Err(CliError::Usage(
                "this nexevo was built without jq (the `jq` feature): --jq is not available"
                    .to_owned(),
            )),
            None => Ok(Self { format }),
        }
    }

    /// Whether answers are printed for scripts (any format but `table`, or `--jq`).
    pub(crate) fn for_scripts(&self) -> bool {
        self.format != Format::Table || self.has_jq()
    }

    /// Whether the format is `json` or `jsonl`, with no filter: what `nexevo chat`, which
    /// prints its stream's chunks as JSON lines, can do.
    pub(crate) fn json(&self) -> bool {
        matches!(self.format, Format::Json | Format::Jsonl) && !self.has_jq()
    }

    fn has_jq(&self) -> bool {
        #[cfg(feature = "jq")]
        {
            self.jq.is_some()
        }
        #[cfg(not(feature = "jq"))]
        false
    }

    /// Whether a list's `next_cursor` is missing from what is printed (a table, or JSON lines of
    /// the items), so a note on stderr must tell it.
    pub(crate) fn hides_cursor(&self) -> bool {
        !self.has_jq() && matches!(self.format, Format::Table | Format::Jsonl)
    }

    /// `nexevo chat` prints a stream, not an answer: only text or JSON lines.
    pub(crate) fn check_for_chat(&self) -> Result<(), CliError> {
        if self.has_jq() || self.format == Format::Yaml {
            return Err(CliError::Usage(
                "`nexevo chat` prints its answer as text, or as JSON lines with --json or \
                 --format jsonl; --format yaml and --jq are for the API's other answers"
                    .to_owned(),
            ));
        }
        Ok(())
    }

    /// The answer as scripts get it, with how it must reach a terminal; `None` for people
    /// (the caller writes a summary or a table). `page`: the answer is a list's page,
    /// `{data, next_cursor}`.
    pub(crate) fn for_script(
        &self,
        value: &Value,
        page: bool,
    ) -> Result<Option<(String, Shown)>, CliError> {
        #[cfg(feature = "jq")]
        if let Some(filter) = &self.jq {
            return filter.run(value).map(Some);
        }
        let text = match self.format {
            Format::Table => return Ok(None),
            Format::Json => crate::output::json(value),
            Format::Jsonl => json_lines(value, page),
            Format::Yaml => serde_norway::to_string(value)
                .map_err(|error| CliError::Local(format!("writing the answer as YAML: {error}")))?,
        };
        Ok(Some((text, Shown::Json)))
    }
}

/// One compact JSON value a line: a page's items, or a list answered whole, each on its own
/// line (none for an empty list); any other answer on one line.
fn json_lines(value: &Value, page: bool) -> String {
    let items = match value {
        Value::Object(page_object) if page => page_object.get("data").and_then(Value::as_array),
        Value::Array(items) => Some(items),
        _ => None,
    };
    let mut text = String::new();
    match items {
        Some(items) => {
            for item in items {
                text.push_str(&item.to_string());
                text.push('\n');
            }
        }
        None => {
            text.push_str(&value.to_string());
            text.push('\n');
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn json_lines_put_each_item_of_a_list_on_its_own_line() {
        let page = json!({"data": [{"a": 1}, {"a": "x\ny"}], "next_cursor": "c"});
        assert_eq!(json_lines(&page, true), "{\"a\":1}\n{\"a\":\"x\\ny\"}\n");
        assert_eq!(json_lines(&json!([1, 2]), false), "1\n2\n");
        assert_eq!(json_lines(&json!({"data": []}), true), "");
        let one = json!({"data": [1], "b": {"c": "100.00"}});
        assert_eq!(
            json_lines(&one, false),
            "{\"b\":{\"c\":\"100.00\"},\"data\":[1]}\n"
        );
    }

    #[test]
    fn yaml_keeps_money_a_string() {
        let balance = json!({"balance_usd": "100.00", "tiny": "0.0005081325", "n": 3});
        let text = serde_norway::to_string(&balance).unwrap_or_default();
        let back: Value = serde_norway::from_str(&text).unwrap_or_default();
        assert_eq!(back, balance, "{text}");
        assert!(text.contains("balance_usd: '100.00'"), "{text}");
    }
}
