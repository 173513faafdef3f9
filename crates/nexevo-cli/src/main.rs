//! `nexevo`: every Nexevo API call from a terminal. `nexevo <area> <call> [ARGS] [--flags]` is
//! generated from the spec (`generated.rs`), made with the SDK and shown by `output`; `nexevo
//! chat`, `nexevo sandbox` and `nexevo completions` are written by hand.
//!
//! Exit codes: 0 success, 1 an API or network error, 2 a usage or validation error (nothing was
//! sent), 130 interrupted.

mod answer_fields;
mod args;
mod chat;
mod config;
mod context;
mod error;
mod format;
mod generated;
mod hand_written;
#[cfg(feature = "jq")]
mod jq;
mod output;
#[cfg(feature = "sandbox")]
mod sandbox;
mod table;
mod time_limits;
mod usage_chart;

use std::process::ExitCode;

use clap::{Arg, ArgMatches, Command};

use crate::config::{ConfigStore, Flags, Settings};
use crate::context::Context;
use crate::error::{CliError, EXIT_USAGE};

/// The whole command line: the global flags, every area's generated commands, and the
/// hand-written ones.
fn app() -> Command {
    let app = Command::new("nexevo")
        .version(env!("CARGO_PKG_VERSION"))
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

/// Where `--help` lists the flags every command takes, after the command's own.
const GLOBAL_OPTIONS: &str = "Global options";

/// The flags every command takes: its settings, and how it prints answers.
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
            let cx = Context::new(settings, store, output, timeout(matches)?);
            let work = async {
                if chat {
                    chat::run(&cx, m).await
                } else {
                    generated::run(&cx, area, m).await
                }
            };
            let interrupted = tokio::signal::ctrl_c();
            // Biased, so the Ctrl-C handler is in place before the command's first step (a
            // password prompt, say) and Ctrl-C never kills the process with the terminal's
            // echo off.
            let outcome = tokio::select! {
                biased;
                _ = interrupted => Err(CliError::Interrupted),
                outcome = work => outcome,
            };
            outcome.map_err(|error| error.naming_server(cx.server()))
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
