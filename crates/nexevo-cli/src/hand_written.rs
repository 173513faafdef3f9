//! Commands for the SDK's hand-written calls, which the spec cannot describe (a call that
//! clears what an operation sets), and `keys listen` (`listen.rs`). The generated area commands take these as their own
//! (`generated::area_commands` adds [`commands`], `generated::run` falls back to [`run`]), so
//! `nexevo keys --help` lists them beside the generated ones.

use clap::{Arg, ArgMatches, Command};
use nexevo::keys::KeysExt as _;
use nexevo_api::types::KeyId;

use crate::args;
use crate::context::Context;
use crate::error::CliError;
use crate::listen;
use crate::output::AnswerOutline;

/// An area's hand-written commands.
pub(crate) fn commands(area: &str) -> Vec<Command> {
    let key_id = || {
        Arg::new("key_id")
            .value_name("KEY_ID")
            .help("The key's id (`key_…`).")
            .required(true)
    };
    match area {
        "keys" => vec![
            Command::new("clear-spend-cap")
                .about("Remove a key's monthly spend cap")
                .long_about(
                    "Remove a key's monthly spend cap: its billable requests are no longer \
                     refused for spending (`update-spend-cap` sets one).",
                )
                .after_help("Example:\n  nexevo keys clear-spend-cap key_5b7e9c")
                .arg(key_id()),
            Command::new("clear-alert-webhook")
                .about("Remove a key's spend alert webhook")
                .long_about(
                    "Remove a key's spend alert webhook: its spend alerts are no longer \
                     delivered (`update-alert-webhook` sets one).",
                )
                .after_help("Example:\n  nexevo keys clear-alert-webhook key_5b7e9c")
                .arg(key_id()),
            listen::command(),
        ],
        _ => Vec::new(),
    }
}

/// Whether a command handles Ctrl-C itself, as its way to end (`keys listen` removes its
/// webhook first), rather than being interrupted.
pub(crate) fn ends_on_ctrl_c(area: &str, m: &ArgMatches) -> bool {
    area == "keys" && m.subcommand_name() == Some("listen")
}

/// Runs a hand-written command, or says there is no such command.
pub(crate) async fn run(
    cx: &Context,
    area: &str,
    call: &str,
    m: &ArgMatches,
) -> Result<(), CliError> {
    match (area, call) {
        ("keys", "clear-spend-cap") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "update_spend_cap",
                secrets: &[],
            };
            let key_id = args::required::<KeyId>(m, "key_id")?;
            let call = cx
                .client("update_spend_cap")?
                .keys()
                .clear_spend_cap(key_id);
            cx.show(call, &ANSWER).await
        }
        ("keys", "clear-alert-webhook") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "update_alert_webhook",
                secrets: &[],
            };
            let key_id = args::required::<KeyId>(m, "key_id")?;
            let call = cx
                .client("update_alert_webhook")?
                .keys()
                .clear_alert_webhook(key_id);
            cx.show(call, &ANSWER).await
        }
        ("keys", "listen") => listen::run(cx, m).await,
        _ => Err(CliError::Usage(format!(
            "no command `nexevo {area} {call}`"
        ))),
    }
}
