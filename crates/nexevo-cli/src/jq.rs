//! `--jq FILTER`: a jq filter over the JSON answer, in jaq's dialect of jq (its core, standard
//! library and JSON functions). Results are printed as `gh --jq` prints them: one a line, a
//! string as it is, anything else as compact JSON.

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data};
use jaq_json::Val;
use serde_json::Value;

use crate::error::CliError;
use crate::output::Shown;

/// The data the filter runs on: JSON values, with nothing but the filter's own definitions.
type Data = data::JustLut<Val>;

/// A compiled filter.
pub(crate) struct Filter(jaq_core::Filter<Data>);

impl Filter {
    /// Compiles `code`: a usage error with jaq's words when it does not compile.
    pub(crate) fn compile(code: &str) -> Result<Self, CliError> {
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs());
        let funs = jaq_core::funs()
            .chain(jaq_std::funs())
            .chain(jaq_json::funs());
        let loader = Loader::new(defs);
        let arena = Arena::default();
        let modules = loader
            .load(&arena, File { code, path: () })
            .map_err(|errors| {
                let why: Vec<String> = errors
                    .iter()
                    .flat_map(|(_, error)| load_error(code, error))
                    .collect();
                invalid(code, &why)
            })?;
        let filter = Compiler::default()
            .with_funs(funs)
            .compile(modules)
            .map_err(|errors| {
                let why: Vec<String> = errors
                    .iter()
                    .flat_map(|(_, undefined)| undefined)
                    .map(|(name, kind)| format!("undefined {} `{name}`", kind.as_str()))
                    .collect();
                invalid(code, &why)
            })?;
        Ok(Self(filter))
    }

    /// Runs the filter over `value`: each result on a line (a string as it is, anything else
    /// as compact JSON), with how the text must reach a terminal. A runtime error fails with
    /// jq's message.
    pub(crate) fn run(&self, value: &Value) -> Result<(String, Shown), CliError> {
        let input = jaq_json::read::parse_single(value.to_string().as_bytes())
            .map_err(|error| CliError::Local(format!("--jq: reading the answer: {error}")))?;
        let filter = &self.0;
        let context = Ctx::<Data>::new(&filter.lut, Vars::new([]));
        let mut text = String::new();
        let mut shown = Shown::Json;
        for result in filter.id.run((context, input)).map(jaq_core::unwrap_valr) {
            let result = result.map_err(|error| CliError::Local(format!("--jq: {error}")))?;
            match &result {
                Val::TStr(bytes) => {
                    // A string is written as it is: text, escaped as text on a terminal.
                    text.push_str(&String::from_utf8_lossy(bytes));
                    shown = Shown::Text;
                }
                other => text.push_str(&other.to_string()),
            }
            text.push('\n');
        }
        Ok((text, shown))
    }
}

/// A filter that does not compile: a usage error quoting it.
fn invalid(code: &str, why: &[String]) -> CliError {
    CliError::Usage(format!(
        "--jq {code:?} does not compile: {}",
        why.join("; ")
    ))
}

/// What jaq says of a filter it could not read, each with where in the filter.
fn load_error(code: &str, error: &jaq_core::load::Error<&str>) -> Vec<String> {
    use jaq_core::load::Error;
    match error {
        Error::Io(errors) => errors
            .iter()
            .map(|(path, why)| format!("{path}: {why}"))
            .collect(),
        Error::Lex(errors) => errors
            .iter()
            .map(|(expected, found)| {
                let expected = match expected {
                    jaq_core::load::lex::Expect::Delim(open) => match *open {
                        "(" => "closing parenthesis",
                        "[" => "closing bracket",
                        "{" => "closing brace",
                        _ => "closing quote",
                    },
                    other => other.as_str(),
                };
                format!("expected {expected} {}", at(code, found))
            })
            .collect(),
        Error::Parse(errors) => errors
            .iter()
            .map(|(expected, found)| {
                let found = if found.is_empty() {
                    "at the end".to_owned()
                } else {
                    let shown: String = found.chars().take(20).collect();
                    format!("at `{shown}` {}", at(code, found))
                };
                format!("expected {} {found}", expected.as_str())
            })
            .collect(),
    }
}

/// Where `part`, a slice of `code`, starts in it: `(column N)`, counted in characters from 1.
fn at(code: &str, part: &str) -> String {
    let start = (part.as_ptr() as usize).saturating_sub(code.as_ptr() as usize);
    let column = code
        .get(..start.min(code.len()))
        .map_or(0, |before| before.chars().count());
    format!("(column {})", column + 1)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn run(code: &str, value: Value) -> String {
        match Filter::compile(code) {
            Ok(filter) => filter
                .run(&value)
                .map(|(text, _)| text)
                .unwrap_or_else(|e| e.to_string()),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn results_are_lines_strings_raw_and_the_rest_compact_json() {
        let page = json!({"data": [{"name": "a", "cap": "100.00"}, {"name": "b", "cap": null}]});
        assert_eq!(run(".data[].name", page.clone()), "a\nb\n");
        assert_eq!(
            run(".data[0]", page.clone()),
            "{\"cap\":\"100.00\",\"name\":\"a\"}\n"
        );
        assert_eq!(run("[.data[] | select(.cap)] | length", page), "1\n");
        assert_eq!(run("empty", json!(1)), "");
    }

    #[test]
    fn a_filter_that_does_not_compile_is_a_usage_error_saying_why() {
        for (code, why) in [
            (".data[", "expected"),
            ("nosuchfunction", "undefined filter `nosuchfunction`"),
            ("\"open", "closing quote"),
        ] {
            let error = Filter::compile(code).err();
            assert!(
                matches!(&error, Some(CliError::Usage(message)) if message.contains(why)),
                "{code}: {error:?}"
            );
        }
    }

    #[test]
    fn a_runtime_error_fails_with_jqs_message() {
        let error = Filter::compile(".a + 1")
            .and_then(|filter| filter.run(&json!({"a": "text"})))
            .err();
        assert!(
            matches!(&error, Some(CliError::Local(message)) if message.starts_with("--jq: ")),
            "{error:?}"
        );
    }
}
