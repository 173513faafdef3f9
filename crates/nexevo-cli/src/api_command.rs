//! `nexevo api METHOD PATH`: any request by method and path, as gh's `api` makes them, through
//! the SDK's request by method and path (`Client::request`): a method and path of the spec are
//! that operation, checked by its validators, keyed for idempotency, retried, traced and
//! redacted like the generated command for it; any other path is refused unless `--raw`.

use clap::{Arg, ArgAction, ArgMatches, Command};
use nexevo::RawTarget;
use serde_json::{Map, Value};

use crate::context::{Context, waiting};
use crate::error::CliError;
use crate::output;
use crate::time_limits::CallKind;

/// The most pages `--paginate` follows: a server that always answers a cursor must not keep
/// the command running forever.
const MAX_PAGES: usize = 10_000;

/// The `api` command.
pub(crate) fn command() -> Command {
    Command::new("api")
        .about("Make any API request by method and path, printing the answer's JSON")
        .long_about(
            "Make any API request by method and path, printing the answer's JSON. A method and \
             path of the API are checked as the command for that call checks them (nothing is \
             sent when a value is wrong), carry an idempotency key unless a GET, and are retried \
             like any call; a path the API does not describe is refused unless --raw. Fields go \
             in the query of a GET and in the JSON body otherwise.",
        )
        .after_help(
            "Examples:\n  nexevo api GET /v1/billing/balance\n  nexevo api GET /v1/keys -f \
             limit=5 --paginate\n  nexevo api POST /v1/keys -f name=ci -f \
             monthly_spend_cap_usd=25.00\n  nexevo api PUT /v1/keys/key_5b7e9c/spend-cap -F \
             monthly_spend_cap_usd=null -i",
        )
        .arg(
            Arg::new("method")
                .value_name("METHOD")
                .required(true)
                .help("GET, POST, PUT, PATCH or DELETE"),
        )
        .arg(
            Arg::new("path")
                .value_name("PATH")
                .required(true)
                .help("The path, from /v1 (a query may follow ?)"),
        )
        .arg(
            Arg::new("field")
                .short('f')
                .long("field")
                .value_name("KEY=VALUE")
                .action(ArgAction::Append)
                .help("A field whose value is text"),
        )
        .arg(
            Arg::new("typed_field")
                .short('F')
                .long("typed-field")
                .value_name("KEY=JSON")
                .action(ArgAction::Append)
                .help(
                    "A field whose value is JSON: a number, true, false, null, a list, an object",
                ),
        )
        .arg(
            Arg::new("header")
                .short('H')
                .long("header")
                .value_name("NAME: VALUE")
                .action(ArgAction::Append)
                .help("A header to send (Idempotency-Key, say)"),
        )
        .arg(
            Arg::new("include")
                .short('i')
                .long("include")
                .action(ArgAction::SetTrue)
                .help("Print the answer's status line and headers before its body"),
        )
        .arg(
            Arg::new("paginate")
                .long("paginate")
                .action(ArgAction::SetTrue)
                .help("Follow next_cursor to the last page, printing every item as one list"),
        )
        .arg(
            Arg::new("raw")
                .long("raw")
                .action(ArgAction::SetTrue)
                .help("Send a method and path the API does not describe, as given"),
        )
}

/// Runs `nexevo api`.
pub(crate) async fn run(cx: &Context, m: &ArgMatches) -> Result<(), CliError> {
    let text = |id: &str| m.get_one::<String>(id).map(String::as_str).unwrap_or("");
    let method = text("method").to_ascii_uppercase();
    let path = text("path");
    let fields = fields(m)?;
    let headers = m
        .get_many::<String>("header")
        .into_iter()
        .flatten()
        .map(|header| {
            header
                .split_once(':')
                .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
                .ok_or_else(|| CliError::Usage(format!("header `{header}` is not `NAME: VALUE`")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let in_query = method == "GET" || method == "DELETE";
    let request = |client: &nexevo::Client, cursor: Option<&str>| {
        let mut request = client
            .request(&method, path)
            .allow_unknown(m.get_flag("raw"));
        for (name, value) in &headers {
            request = request.header(name, value);
        }
        if in_query {
            for (name, value) in &fields {
                let value = match value {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                request = request.query(name, value);
            }
        } else if !fields.is_empty() {
            request = request.json(Value::Object(fields.clone()));
        }
        match cursor {
            Some(cursor) => request.query("cursor", cursor),
            None => request,
        }
    };
    // The operation names the client's time limits and whether it needs a credential (the
    // request itself refuses what it is not, before sending).
    let operation = match RawTarget::of(&method, path.split('?').next().unwrap_or(path)) {
        RawTarget::Operation(operation) => operation.id,
        _ => "raw",
    };
    let client = cx.client_for(operation, CallKind::Call)?;
    if !m.get_flag("paginate") {
        let answer = waiting(request(&client, None).send()).await?;
        if m.get_flag("include") {
            let meta = answer.meta();
            let mut head = format!("HTTP {}\n", meta.status());
            for (name, value) in meta.headers() {
                head.push_str(&format!("{name}: {value}\n"));
            }
            head.push('\n');
            output::write_stdout(&head, output::Shown::Text)?;
        }
        return print(cx, &answer.into_value());
    }
    if method != "GET" {
        return Err(CliError::Usage(
            "--paginate follows the pages of a GET list".to_owned(),
        ));
    }
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page = waiting(request(&client, cursor.as_deref()).send())
            .await?
            .into_value();
        let Some(data) = page.get("data").and_then(Value::as_array) else {
            return Err(CliError::Usage(format!(
                "{method} {path} answers no list (`data`) to paginate"
            )));
        };
        items.extend(data.iter().cloned());
        match page.get("next_cursor").and_then(Value::as_str) {
            Some(next) if Some(next) != cursor.as_deref() => cursor = Some(next.to_owned()),
            _ => {
                let all = serde_json::json!({ "data": items, "next_cursor": null });
                return print(cx, &all);
            }
        }
    }
    Err(CliError::Local(format!(
        "stopped after {MAX_PAGES} pages: the server kept answering a cursor"
    )))
}

/// An answer as `--format` and `--jq` say, else as JSON (the API's own words: `api` has no
/// table of its own).
fn print(cx: &Context, value: &Value) -> Result<(), CliError> {
    let page = value.get("data").is_some_and(Value::is_array);
    match cx.output().for_script(value, page)? {
        Some((text, shown)) => output::write_stdout(&text, shown),
        None => output::write_stdout(&output::json(value), output::Shown::Json),
    }
}

/// The `-f` and `-F` fields, in the order given (a later one replaces an earlier of its name).
fn fields(m: &ArgMatches) -> Result<Map<String, Value>, CliError> {
    let mut fields = Map::new();
    let split = |field: &str| {
        field
            .split_once('=')
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .filter(|(name, _)| !name.is_empty())
            .ok_or_else(|| CliError::Usage(format!("field `{field}` is not `KEY=VALUE`")))
    };
    let texts = m.get_many::<String>("field").into_iter().flatten();
    let typed = m.get_many::<String>("typed_field").into_iter().flatten();
    let mut given: Vec<(usize, String, Value)> = Vec::new();
    for (field, index) in texts.zip(m.indices_of("field").into_iter().flatten()) {
        let (name, value) = split(field)?;
        given.push((index, name, Value::String(value)));
    }
    for (field, index) in typed.zip(m.indices_of("typed_field").into_iter().flatten()) {
        let (name, value) = split(field)?;
        let value = serde_json::from_str(&value).map_err(|error| {
            CliError::Usage(format!(
                "-F {name}: `{value}` is not JSON ({error}); use -f for text"
            ))
        })?;
        given.push((index, name, value));
    }
    given.sort_by_key(|(index, _, _)| *index);
    for (_, name, value) in given {
        fields.insert(name, value);
    }
    Ok(fields)
}
