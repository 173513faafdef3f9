//! `nexevo`: every Nexevo API call from a terminal. `nexevo <area> <call> [ARGS] [--flags]` is
//! generated from the spec (`generated.rs`), made with the SDK and shown by `output`; `nexevo
//! chat`, `nexevo sandbox` and `nexevo completions` are written by hand.
//!
//! Exit codes: 0 success, 1 an API or network error, 2 a usage or validation error (nothing was
//! sent), 130 interrupted.

mod answer_fields;
mod api_command;
mod args;
mod chat;
mod config;
mod config_command;
mod context;
mod error;
mod format;
mod generated;
mod hand_written;
#[cfg(feature = "jq")]
mod jq;
mod listen;
mod output;
#[cfg(feature = "sandbox")]
mod sandbox;
mod status_line;
mod table;
mod time_limits;
mod usage_chart;

use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::config::{ConfigStore, Flags, Settings};
use crate::context::{Context, HttpView};
use crate::error::{CliError, EXIT_USAGE};

/// The whole command line: the global flags, every area's generated commands, and the
/// hand-written ones.
fn app() -> Command {
    let app = Command::new("nexevo")
        .version(version())
        .about("Nexevo from a terminal: every API call, streaming chat, and a local sandbox")
        .after_help(
            "Settings come from flags, else NEXEVO_API_KEY, NEXEVO_BASE_URL, NEXEVO_ORGANIZATION \
             and NEXEVO_PROFILE, else the profile in the config file (`config.toml` in the \
             config directory, or in NEXEVO_CONFIG_DIR).\n\
             Output: a summary or a table for people; --json, --format jsonl or yaml, or --jq for \
             scripts. A call the API answers with no content (`orgs remove-member`, `auth \
             logout`) prints nothing on stdout for scripts, and `done` on stderr for people.\n\
             Exit codes: 0 success, 1 API or network error, 2 usage or validation error, 130 \
             interrupted.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        .args(global_args())
        .subcommands(generated::area_commands())
        .mut_subcommand("chat", |chat| {
            // `nexevo chat "prompt"` asks; `nexevo chat models` is the area's generated call.
            chat.about("Ask a prompt, streamed (or `nexevo chat models`)")
                .long_about(
                    "Ask a prompt: the answer is streamed to stdout as it arrives, and the \
                     generation id, tier and cost go to stderr. `nexevo chat models` lists the \
                     models.",
                )
                .subcommand_required(false)
                .arg_required_else_help(false)
                .args_conflicts_with_subcommands(true)
                .args(chat::args())
        })
        .subcommand(api_command::command())
        .subcommand(config_command::command())
        .subcommand(
            Command::new("completions")
                .about("Print a shell's completion script (`nexevo completions bash > …`)")
                .arg(
                    Arg::new("shell")
                        .required(true)
                        .value_parser(clap::value_parser!(clap_complete::Shell)),
                ),
        );
    #[cfg(feature = "sandbox")]
    let app = app.subcommand(sandbox::command());
    app
}

/// `nexevo --version`: the CLI's version and the API's it was generated from.
fn version() -> &'static str {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    VERSION.get_or_init(|| {
        format!(
            "{} (Nexevo API {}, generated from openapi/nexevo.yaml)",
            env!("CARGO_PKG_VERSION"),
            nexevo_api::API_VERSION
        )
    })
}

/// Where `--help` lists the flags every command takes, after the command's own.
const GLOBAL_OPTIONS: &str = "Global options";

/// The flags every command takes: its settings, how it prints answers, and what it shows of
/// its requests.
fn global_args() -> Vec<Arg> {
    let setting = |id: &'static str, long: &'static str, name: &'static str, help: &'static str| {
        Arg::new(id)
            .long(long)
            .value_name(name)
            .global(true)
            .help_heading(GLOBAL_OPTIONS)
            .help(help)
    };
    [
        setting(
            "profile",
            "profile",
            "NAME",
            "The config file's profile to use (NEXEVO_PROFILE; `default`)",
        ),
        setting(
            "base_url",
            "base-url",
            "URL",
            "Where the API is (NEXEVO_BASE_URL; https://api.nexevo.ai)",
        ),
        setting(
            "organization",
            "organization",
            "ORG_ID",
            "Act for this organization (NEXEVO_ORGANIZATION)",
        ),
        setting(
            "api_key",
            "api-key",
            "KEY",
            "The API key (prefer NEXEVO_API_KEY: other users can see a flag's value in `ps`)",
        ),
        setting(
            "timeout",
            "timeout",
            "DURATION",
            "The most a call may take, retries included: 30, 2.5, 500ms, 2m (NEXEVO_TIMEOUT; \
             by kind: 60s for a call, 150s for a whole chat answer, a stream while it talks)",
        ),
        Arg::new("debug")
            .long("debug")
            .global(true)
            .help_heading(GLOBAL_OPTIONS)
            .action(ArgAction::SetTrue)
            .help("Trace each HTTP request and answer on stderr, every secret redacted"),
        Arg::new("yes")
            .long("yes")
            .short('y')
            .global(true)
            .help_heading(GLOBAL_OPTIONS)
            .action(ArgAction::SetTrue)
            .help("Answer yes to the question before a call that cannot be undone (revoke, delete, …)"),
        Arg::new("dry_run")
            .long("dry-run")
            .global(true)
            .help_heading(GLOBAL_OPTIONS)
            .action(ArgAction::SetTrue)
            .help(
                "Check the arguments and print the request as a curl line (the key as \
                 $NEXEVO_API_KEY, other secrets redacted); send nothing",
            ),
    ]
    .into_iter()
    .chain(format::args(GLOBAL_OPTIONS))
    .collect()
}

fn main() -> ExitCode {
    let matches = match app().try_get_matches() {
        Ok(matches) => matches,
        Err(error) => {
            // `--help` and `--version` are "errors" that go to stdout and succeed.
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            output::note(&CliError::Local(format!("starting the runtime: {error}")).report());
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(run(&matches));
    // A read of stdin may still be blocked in the runtime's pool (Ctrl-C at a prompt); it
    // must not keep the process alive.
    runtime.shutdown_background();
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            output::note(&error.report());
            ExitCode::from(error.exit_code())
        }
    }
}

async fn run(matches: &ArgMatches) -> Result<(), CliError> {
    let Some((command, m)) = matches.subcommand() else {
        return Err(CliError::Usage(
            "a command is needed; see `nexevo --help`".to_owned(),
        ));
    };
    match command {
        "completions" => completions(m),
        "config" => config_command::run(m, flags(matches).profile, matches.get_flag("json")).await,
        // Ctrl-C is how the sandbox stops: its end, not an interruption.
        #[cfg(feature = "sandbox")]
        "sandbox" => sandbox::run(m).await,
        area => {
            let store = ConfigStore::load()?;
            let settings = Settings::resolve(flags(matches), &store);
            let output = format::OutputMode::from_matches(matches)?;
            let chat = area == "chat" && m.subcommand().is_none();
            if chat {
                output.check_for_chat()?;
            }
            let http_view = if matches.get_flag("dry_run") {
                HttpView::DryRun
            } else if matches.get_flag("debug") {
                HttpView::Debug
            } else {
                HttpView::Quiet
            };
            let cx = Context::new(
                settings,
                store,
                output,
                timeout(matches)?,
                http_view,
                matches.get_flag("yes"),
            );
            let work = async {
                if area == "api" {
                    api_command::run(&cx, m).await
                } else if chat {
                    chat::run(&cx, m).await
                } else {
                    generated::run(&cx, area, m).await
                }
            };
            let ends_on_ctrl_c = hand_written::ends_on_ctrl_c(area, m);
            let interrupted = async move {
                if ends_on_ctrl_c {
                    std::future::pending::<()>().await;
                }
                let _ = tokio::signal::ctrl_c().await;
            };
            // Biased, so the Ctrl-C handler is in place before the command's first step (a
            // password prompt, say) and Ctrl-C never kills the process with the terminal's
            // echo off.
            let outcome = tokio::select! {
                biased;
                _ = interrupted => Err(CliError::Interrupted),
                outcome = work => outcome,
            };
            match outcome {
                // The request was printed, as asked, and nothing was sent.
                Err(CliError::Sdk(nexevo::Error::DryRun)) => Ok(()),
                outcome => outcome.map_err(|error| error.naming_server(cx.server())),
            }
        }
    }
}

/// The global flags given.
fn flags(matches: &ArgMatches) -> Flags {
    let text = |id: &str| matches.get_one::<String>(id).cloned();
    Flags {
        profile: text("profile"),
        base_url: text("base_url"),
        organization: text("organization"),
        api_key: text("api_key"),
    }
}

/// The total a call may take: `--timeout`, else `NEXEVO_TIMEOUT`, else none (each kind of call
/// keeps its own limits, `time_limits`).
fn timeout(matches: &ArgMatches) -> Result<Option<std::time::Duration>, CliError> {
    if let Some(text) = matches.get_one::<String>("timeout") {
        return time_limits::parse_duration(text, "--timeout").map(Some);
    }
    match std::env::var(time_limits::TIMEOUT_VAR) {
        Ok(text) if !text.is_empty() => {
            time_limits::parse_duration(&text, time_limits::TIMEOUT_VAR).map(Some)
        }
        _ => Ok(None),
    }
}

/// `nexevo completions SHELL`.
fn completions(m: &ArgMatches) -> Result<(), CliError> {
    let shell = m
        .get_one::<clap_complete::Shell>("shell")
        .copied()
        .ok_or_else(|| CliError::Usage("a shell is needed: bash, zsh or fish".to_owned()))?;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut app(), "nexevo", &mut script);
    output::write_stdout(&String::from_utf8_lossy(&script), output::Shown::Text)
}
