//! Reading a command's arguments as the types its call takes, and its secrets from where
//! secrets may come from: never the command line, which `ps` shows to every user.

use std::io::{BufRead as _, IsTerminal as _};

use clap::{Arg, ArgAction, ArgMatches};
use nexevo::Secret;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::CliError;

/// An argument's text as `T`: as a JSON string first (names, ids, enums and decimals, which
/// keep every digit as written), else as JSON (numbers, booleans).
pub(crate) fn parse<T: DeserializeOwned>(id: &str, text: &str) -> Result<T, CliError> {
    if let Ok(value) = serde_json::from_value(Value::String(text.to_owned())) {
        return Ok(value);
    }
    let json: Value = serde_json::from_str(text)
        .map_err(|_| invalid(id, text, "not a value of its kind".to_owned()))?;
    serde_json::from_value(json).map_err(|error| invalid(id, text, error.to_string()))
}

fn invalid(id: &str, text: &str, why: String) -> CliError {
    CliError::Usage(format!(
        "invalid value {text:?} for {}: {why}",
        display_name(id)
    ))
}

/// How the command line names an argument: `--monthly-spend-cap`, or `KEY_ID`.
fn display_name(id: &str) -> String {
    id.to_ascii_uppercase()
}

/// A required argument (clap has checked that it is there).
pub(crate) fn required<T: DeserializeOwned>(m: &ArgMatches, id: &str) -> Result<T, CliError> {
    optional(m, id)?.ok_or_else(|| CliError::Usage(format!("{} is required", display_name(id))))
}

/// An optional argument, when given.
pub(crate) fn optional<T: DeserializeOwned>(
    m: &ArgMatches,
    id: &str,
) -> Result<Option<T>, CliError> {
    m.get_one::<String>(id)
        .map(|text| parse(id, text))
        .transpose()
}

/// Names a command takes for values (`up` for `1`), from the spec's `x-nexevo-value-names`:
/// a name becomes its value's text, any other text is kept for the call's type to read, and
/// help and completions list the names and the values.
#[derive(Clone)]
pub(crate) struct NamedValues(&'static [(&'static str, &'static str)]);

impl NamedValues {
    pub(crate) fn new(names: &'static [(&'static str, &'static str)]) -> Self {
        Self(names)
    }
}

impl clap::builder::TypedValueParser for NamedValues {
    type Value = String;

    fn parse_ref(
        &self,
        _command: &clap::Command,
        _arg: Option<&Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let text = value
            .to_str()
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8))?;
        Ok(self
            .0
            .iter()
            .find(|(name, _)| *name == text)
            .map_or(text, |(_, value)| value)
            .to_owned())
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let names = self.0.iter().map(|(name, value)| {
            clap::builder::PossibleValue::new(*name).help(format!("the same as {value}"))
        });
        let values = self
            .0
            .iter()
            .map(|(_, value)| clap::builder::PossibleValue::new(*value));
        Some(Box::new(names.chain(values)))
    }
}

/// The idempotency key a command was given, else a fresh one, printed on stderr so the same
/// call can be retried with it (and is then applied once).
pub(crate) fn idempotency_key(m: &ArgMatches, id: &str) -> String {
    if let Some(given) = m.get_one::<String>(id) {
        return given.clone();
    }
    let key = nexevo::fresh_idempotency_key();
    crate::output::note(&format!(
        "idempotency key {key}: pass it as {} to retry this call, and it is applied once",
        display_name(id)
    ));
    key
}

/// The values an open enum knows today, for help and completions: any other text still goes
/// through, since the API may add values this version does not know.
#[derive(Clone)]
pub(crate) struct OpenValues(&'static [&'static str]);

impl OpenValues {
    pub(crate) fn new(known: &'static [&'static str]) -> Self {
        Self(known)
    }
}

impl clap::builder::TypedValueParser for OpenValues {
    type Value = String;

    fn parse_ref(
        &self,
        _command: &clap::Command,
        _arg: Option<&Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        value
            .to_str()
            .map(str::to_owned)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            self.0
                .iter()
                .map(|value| clap::builder::PossibleValue::new(*value)),
        ))
    }
}

/// A required amount of money (clap has checked that it is there).
pub(crate) fn required_money(m: &ArgMatches, id: &str) -> Result<Decimal, CliError> {
    optional_money(m, id)?
        .ok_or_else(|| CliError::Usage(format!("{} is required", display_name(id))))
}

/// An optional amount of money, when given: plain digits with an optional fraction
/// (`^[0-9]+(\.[0-9]+)?$`), read exactly. The API's bounds and decimal places are checked by
/// the SDK before anything is sent; this refuses what the API's decimals never are and
/// `Decimal`'s parser would still take (`1e2`, `1_000`, `+5`, `5.`, ` 5`).
pub(crate) fn optional_money(m: &ArgMatches, id: &str) -> Result<Option<Decimal>, CliError> {
    m.get_one::<String>(id)
        .map(|text| money(id, text))
        .transpose()
}

fn money(id: &str, text: &str) -> Result<Decimal, CliError> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !(digits(whole) && digits(fraction)) {
        return Err(invalid(
            id,
            text,
            "an amount is digits with an optional fraction, such as 25 or 12.50".to_owned(),
        ));
    }
    text.parse()
        .map_err(|_| invalid(id, text, "too many digits for an amount".to_owned()))
}

/// Every value of an argument given once per item.
pub(crate) fn list<T: DeserializeOwned>(m: &ArgMatches, id: &str) -> Result<Vec<T>, CliError> {
    m.get_many::<String>(id)
        .into_iter()
        .flatten()
        .map(|text| parse(id, text))
        .collect()
}

/// An optional argument written as a JSON object (`--metadata '{"team":"search"}'`).
pub(crate) fn optional_json(m: &ArgMatches, id: &str) -> Result<Option<Value>, CliError> {
    let Some(text) = m.get_one::<String>(id) else {
        return Ok(None);
    };
    match serde_json::from_str::<Value>(text) {
        Ok(value @ Value::Object(_)) => Ok(Some(value)),
        Ok(_) => Err(invalid(id, text, "a JSON object is expected".to_owned())),
        Err(error) => Err(invalid(id, text, format!("not JSON: {error}"))),
    }
}

/// `--all` and `--cursor`, which every list takes (`--limit` is the list's own setter).
pub(crate) fn list_args() -> [Arg; 2] {
    [
        Arg::new("all")
            .long("all")
            .help("Every item, fetching page after page")
            .action(ArgAction::SetTrue)
            .conflicts_with("cursor"),
        Arg::new("cursor")
            .long("cursor")
            .value_name("CURSOR")
            .help("Start at this page: the `next_cursor` of the page before"),
    ]
}

/// The flag that reads a command's secrets from stdin, with help naming them.
pub(crate) fn secret_args(names: &[&str]) -> [Arg; 1] {
    let list = names
        .iter()
        .map(|name| env_name(name))
        .collect::<Vec<_>>()
        .join(", ");
    [Arg::new("password_stdin")
        .long("password-stdin")
        .help(format!(
            "Read {} from stdin, one a line. Otherwise each is read from its variable ({list}), \
             or asked for without echo on a terminal; never from an argument, which `ps` shows",
            names.join(", ")
        ))
        .action(ArgAction::SetTrue)]
}

/// The variable a secret is read from: `NEXEVO_PASSWORD`, `NEXEVO_NEW_PASSWORD`.
pub(crate) fn env_name(name: &str) -> String {
    format!("NEXEVO_{}", name.to_ascii_uppercase())
}

/// Whether a call failed with the API's error `code` (`two_factor_required`).
pub(crate) fn failed_with(outcome: &Result<(), CliError>, code: &str) -> bool {
    matches!(outcome, Err(CliError::Sdk(error)) if error.code().is_some_and(|found| found.as_str() == code))
}

/// A value the answer said is needed (`x-nexevo-ask-when`): from its variable
/// (`NEXEVO_TOTP_CODE`), else asked for on a terminal without echo; `None` when neither can
/// give it, saying how to.
pub(crate) async fn ask_for<T: DeserializeOwned>(
    name: &'static str,
) -> Result<Option<T>, CliError> {
    let variable = env_name(name);
    if let Some(text) = std::env::var(&variable).ok().filter(|v| !v.is_empty()) {
        return parse(name, text.trim()).map(Some);
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        crate::output::note(&format!(
            "the server asks for {}: pass --{} or set {variable}",
            label(name).to_lowercase(),
            name.replace('_', "-")
        ));
        return Ok(None);
    }
    let prompt = format!("{}: ", label(name));
    let text = tokio::task::spawn_blocking(move || rpassword::prompt_password(prompt))
        .await
        .map_err(|error| CliError::Local(format!("reading {name}: {error}")))?
        .map_err(|error| CliError::Local(format!("reading {name}: {error}")))?;
    parse(name, text.trim()).map(Some)
}

/// A command's secrets, read before its call is made.
pub(crate) struct Secrets {
    values: Vec<(&'static str, Secret)>,
}

impl Secrets {
    /// Reads each named secret: from its variable, else (with `--password-stdin`) the next
    /// line of stdin, else from the terminal without echo.
    pub(crate) fn read(m: &ArgMatches, names: &[&'static str]) -> Result<Self, CliError> {
        let from_stdin = m.get_flag("password_stdin");
        let mut stdin = std::io::stdin().lock();
        let mut values = Vec::with_capacity(names.len());
        for &name in names {
            let variable = env_name(name);
            let value = if let Some(value) = std::env::var(&variable).ok().filter(|v| !v.is_empty())
            {
                value
            } else if from_stdin {
                let mut line = String::new();
                let read = stdin.read_line(&mut line).map_err(|error| {
                    CliError::Local(format!("reading {name} from stdin: {error}"))
                })?;
                if read == 0 {
                    return Err(CliError::Usage(format!(
                        "stdin ended before {name} (one secret a line: {})",
                        names.join(", ")
                    )));
                }
                line.trim_end_matches(['\r', '\n']).to_owned()
            } else if std::io::stderr().is_terminal() {
                rpassword::prompt_password(format!("{}: ", label(name))).map_err(|error| {
                    CliError::Local(format!("reading {name} from the terminal: {error}"))
                })?
            } else {
                return Err(CliError::Usage(format!(
                    "{name} is needed: set {variable}, pass --password-stdin, or run in a terminal"
                )));
            };
            values.push((name, Secret::new(value)));
        }
        Ok(Self { values })
    }

    /// The secret read for `name`.
    pub(crate) fn take(&mut self, name: &str) -> Result<Secret, CliError> {
        let index = self
            .values
            .iter()
            .position(|(n, _)| *n == name)
            .ok_or_else(|| CliError::Usage(format!("{name} was not read")))?;
        Ok(self.values.swap_remove(index).1)
    }
}

/// An optional secret (a setter's): from its variable, when set and not empty. Never asked
/// for, and never read from stdin, where the command's required secrets come.
pub(crate) fn optional_secret(name: &str) -> Option<Secret> {
    std::env::var(env_name(name))
        .ok()
        .filter(|value| !value.is_empty())
        .map(Secret::new)
}

/// The help naming the variables a command's optional secrets are read from.
pub(crate) fn optional_secrets_help(names: &[&str]) -> String {
    let list = names
        .iter()
        .map(|name| format!("{} ({name})", env_name(name)))
        .collect::<Vec<_>>()
        .join(", ");
    format!("Optional secrets are read from their variables only, when set: {list}.")
}

/// A prompt's words for a secret: `new_password` → `New password`, `totp_code` →
/// `Two-factor code` (what an authenticator app calls it).
fn label(name: &str) -> String {
    let words = name.replace("totp", "two-factor").replace('_', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_as_the_call_takes_them() {
        let cap: rust_decimal::Decimal = parse("cap", "100.00").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cap.to_string(), "100.00", "every digit kept");
        let days: u32 = parse("days", "30").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(days, 30);
        let name: String = parse("name", "123").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(name, "123", "text stays text");
        let error = parse::<u32>("days", "thirty").err().map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("invalid value \"thirty\" for DAYS: not a value of its kind")
        );
        assert!(parse::<u32>("days", "-1").is_err());
    }

    #[test]
    fn money_is_plain_digits_with_an_optional_fraction() {
        for (text, exact) in [("25", "25"), ("12.50", "12.50"), ("0.05", "0.05")] {
            let amount = money("amount_usd", text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(amount.to_string(), exact);
        }
        for text in [
            "1e2", "1_000", "+5", "5.", ".5", "  5", "5 ", "-5", "", "1,5", "５",
        ] {
            let error = money("amount_usd", text).err().map(|e| e.to_string());
            assert_eq!(
                error.as_deref(),
                Some(
                    format!(
                        "invalid value {text:?} for AMOUNT_USD: an amount is digits with an \
                         optional fraction, such as 25 or 12.50"
                    )
                    .as_str()
                ),
            );
        }
        assert!(money("amount_usd", &"9".repeat(40)).is_err());
    }

    #[test]
    fn a_prompt_names_its_secret() {
        assert_eq!(label("new_password"), "New password");
        assert_eq!(env_name("reset_token"), "NEXEVO_RESET_TOKEN");
    }
}
