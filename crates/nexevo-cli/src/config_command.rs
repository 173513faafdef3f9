//! `nexevo config list|get|set|unset`: a profile's settings in the config file, read and
//! changed without editing it. An API key is set from stdin or a prompt, never from an
//! argument (it would be in the shell's history and in `ps`), and never printed.

use clap::{Arg, ArgMatches, Command};
use nexevo::Secret;
use serde_json::{Map, Value, json};

use crate::config::{ConfigStore, DEFAULT_PROFILE, Profile, origin_of};
use crate::error::CliError;
use crate::output;

/// The settings a profile holds that `config` reads and writes, with what each is.
const SETTINGS: [(&str, &str); 3] = [
    (
        "base_url",
        "where the API is (https://api.nexevo.ai when not set)",
    ),
    ("organization", "the organization calls act for (`org_…`)"),
    (
        "api_key",
        "the API key (a secret: set from stdin or a prompt, never printed)",
    ),
];

/// The `config` command.
pub(crate) fn command() -> Command {
    let key = || {
        Arg::new("key")
            .value_name("KEY")
            .required(true)
            .value_parser(SETTINGS.map(|(name, _)| name))
            .help("base_url, organization or api_key")
    };
    let listed = SETTINGS
        .iter()
        .map(|(name, what)| format!("  {name:<13}{what}"))
        .collect::<Vec<_>>()
        .join("\n");
    Command::new("config")
        .about("Read and change a profile's settings in the config file")
        .long_about(
            "Read and change a profile's settings in the config file (the profile named by \
             --profile or NEXEVO_PROFILE, else `default`). Flags and variables still win over \
             what it holds.",
        )
        .after_help(format!(
            "Settings:\n{listed}\n\nExamples:\n  nexevo config set base_url \
             http://127.0.0.1:8080\n  nexevo config set api_key < key.txt\n  nexevo config \
             list --profile work"
        ))
        .subcommand_required(true)
        .subcommand(
            Command::new("list").about("Show the profile's settings (secrets as set or not)"),
        )
        .subcommand(
            Command::new("get")
                .about("Print one setting's value")
                .arg(key()),
        )
        .subcommand(
            Command::new("set")
                .about("Change a setting (api_key: from stdin, or a prompt on a terminal)")
                .arg(key())
                .arg(
                    Arg::new("value")
                        .value_name("VALUE")
                        .help("The value (not for api_key)"),
                ),
        )
        .subcommand(Command::new("unset").about("Remove a setting").arg(key()))
}

/// Runs `nexevo config …` on `profile`.
pub(crate) async fn run(
    m: &ArgMatches,
    profile: Option<String>,
    json: bool,
) -> Result<(), CliError> {
    let profile = profile
        .or_else(|| {
            std::env::var("NEXEVO_PROFILE")
                .ok()
                .filter(|p| !p.is_empty())
        })
        .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
    let mut store = ConfigStore::load()?;
    let key = |m: &ArgMatches| m.get_one::<String>("key").cloned().unwrap_or_default();
    match m.subcommand() {
        Some(("list", _)) => {
            let shown = shown(&store.profile(&profile));
            let text = if json {
                output::json(&Value::Object(shown))
            } else {
                let mut text = format!("profile `{profile}` in {}\n", store.path().display());
                for (name, value) in &shown {
                    let value = match value {
                        Value::Null => "(not set)".to_owned(),
                        Value::String(text) => text.clone(),
                        other => other.to_string(),
                    };
                    text.push_str(&format!("{name:<13}{value}\n"));
                }
                text
            };
            output::write_stdout(&text, output::Shown::Text)
        }
        Some(("get", m)) => {
            let key = key(m);
            if key == "api_key" {
                return Err(CliError::Usage(
                    "api_key is a secret and is not printed; `nexevo config list` says whether \
                     it is set"
                        .to_owned(),
                ));
            }
            match shown(&store.profile(&profile)).get(&key) {
                Some(Value::String(value)) => {
                    output::write_stdout(&format!("{value}\n"), output::Shown::Text)
                }
                _ => Err(CliError::Usage(format!(
                    "`{key}` is not set in profile `{profile}`"
                ))),
            }
        }
        Some(("set", m)) => {
            let key = key(m);
            let value = m.get_one::<String>("value").cloned();
            let saved = store.profile(&profile);
            match key.as_str() {
                "base_url" => {
                    let url = value.ok_or_else(|| needs_value(&key))?;
                    check_base_url(&url)?;
                    // A stored key belongs to the server it was stored for: moving the
                    // profile elsewhere would send it there.
                    if saved.api_key.is_some()
                        && origin_of(&url)
                            != origin_of(
                                saved
                                    .base_url
                                    .as_deref()
                                    .unwrap_or(nexevo::DEFAULT_BASE_URL),
                            )
                    {
                        return Err(CliError::Usage(format!(
                            "profile `{profile}` holds an API key for {}, which must not go to \
                             {}: `nexevo config unset api_key` first, or use another --profile",
                            origin_of(
                                saved
                                    .base_url
                                    .as_deref()
                                    .unwrap_or(nexevo::DEFAULT_BASE_URL)
                            ),
                            origin_of(&url)
                        )));
                    }
                    store.update(&profile, |p| p.base_url = Some(url))?;
                }
                "organization" => {
                    let organization = value.ok_or_else(|| needs_value(&key))?;
                    nexevo_api::validate::params::nexevo_organization(&organization)
                        .map_err(|error| CliError::Usage(format!("organization: {error}")))?;
                    store.update(&profile, |p| p.organization = Some(organization))?;
                }
                _ => {
                    if value.is_some() {
                        return Err(CliError::Usage(
                            "an API key is not taken as an argument (it would be in the shell's \
                             history): `nexevo config set api_key` reads it from stdin, or asks \
                             on a terminal"
                                .to_owned(),
                        ));
                    }
                    let key = read_api_key().await?;
                    store.update(&profile, |p| p.api_key = Some(key))?;
                }
            }
            output::note(&format!("`{key}` set in profile `{profile}`"));
            Ok(())
        }
        Some(("unset", m)) => {
            let key = key(m);
            store.update(&profile, |p| match key.as_str() {
                "base_url" => p.base_url = None,
                "organization" => p.organization = None,
                _ => p.api_key = None,
            })?;
            output::note(&format!("`{key}` removed from profile `{profile}`"));
            Ok(())
        }
        _ => Err(CliError::Usage(
            "list, get, set or unset; see `nexevo config --help`".to_owned(),
        )),
    }
}

/// The profile as `list` and `get` show it: secrets only as whether they are set.
fn shown(profile: &Profile) -> Map<String, Value> {
    let mut shown = Map::new();
    shown.insert("base_url".into(), json!(profile.base_url));
    shown.insert("organization".into(), json!(profile.organization));
    shown.insert(
        "api_key".into(),
        json!(profile.api_key.as_ref().map(|_| "(set)")),
    );
    shown.insert(
        "session".into(),
        json!(profile.session_token.as_ref().map(|_| format!(
            "(stored, for {})",
            profile.session_origin.as_deref().unwrap_or("its server")
        ))),
    );
    shown
}

fn needs_value(key: &str) -> CliError {
    CliError::Usage(format!(
        "`nexevo config set {key} VALUE`: the value is missing"
    ))
}

/// A base URL the client would take: http(s), a host, nothing after the path.
fn check_base_url(url: &str) -> Result<(), CliError> {
    let parsed = url::Url::parse(url)
        .map_err(|error| CliError::Usage(format!("base_url `{url}` is not a URL: {error}")))?;
    if !matches!(parsed.scheme(), "https" | "http") || parsed.host_str().is_none() {
        return Err(CliError::Usage(format!(
            "base_url `{url}` must be an https URL (or http on this machine)"
        )));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() || !parsed.username().is_empty() {
        return Err(CliError::Usage(format!(
            "base_url `{url}` must have no query, fragment or user name"
        )));
    }
    Ok(())
}

/// The API key from stdin, or from a prompt without echo on a terminal.
async fn read_api_key() -> Result<Secret, CliError> {
    use std::io::IsTerminal as _;
    let text = if std::io::stdin().is_terminal() {
        tokio::task::spawn_blocking(|| rpassword::prompt_password("API key: "))
            .await
            .map_err(|error| CliError::Local(format!("reading the key: {error}")))?
            .map_err(|error| CliError::Local(format!("reading the key: {error}")))?
    } else {
        output::ask("").await?
    };
    let key = text.trim().to_owned();
    if key.is_empty() {
        return Err(CliError::Usage("no API key was given".to_owned()));
    }
    Ok(Secret::new(key))
}
