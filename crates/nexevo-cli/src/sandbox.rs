//! `nexevo sandbox`: a local, stateful Nexevo on this machine until Ctrl-C, and the variables
//! that point the CLI (or any SDK) at it.

use clap::{Arg, ArgAction, ArgMatches, Command};
use nexevo_sandbox::{DEMO_EMAIL, DEMO_PASSWORD, FaultRule, Sandbox};

use crate::error::CliError;
use crate::output;

/// The `sandbox` command.
pub(crate) fn command() -> Command {
    Command::new("sandbox")
        .about("Run a local Nexevo until Ctrl-C, printing the variables that reach it")
        .arg(
            Arg::new("port")
                .long("port")
                .value_name("PORT")
                .value_parser(clap::value_parser!(u16))
                .help("Listen on 127.0.0.1:PORT (default: a free port)"),
        )
        .arg(
            Arg::new("fault")
                .long("fault")
                .value_name("RULE")
                .action(ArgAction::Append)
                .help(
                    "Make requests fail: OPERATION=FAULT[xCOUNT], OPERATION an operation id \
                     (get_balance, create_key, …) or *, FAULT one of 503, 429:SECONDS, \
                     delay:MILLIS, reset-before, reset-after, malformed, cut:CHUNKS, \
                     stream-reset:CHUNKS, slow:MILLIS",
                ),
        )
        .arg(
            Arg::new("routing-seed")
                .long("routing-seed")
                .value_name("N")
                .value_parser(clap::value_parser!(u64))
                .help("Seed the router's exploration draws (default 0)"),
        )
        .arg(
            Arg::new("exploration-rate")
                .long("exploration-rate")
                .value_name("RATE")
                .value_parser(exploration_rate)
                .help(
                    "The share of an account's tier requests, once it rated any, routed to a \
                     backend other than the best-scored (0 to 1, default 0.1)",
                ),
        )
        .arg(
            Arg::new("no-learning")
                .long("no-learning")
                .action(ArgAction::SetTrue)
                .help("Route every tier request to its default backend, whatever the feedback"),
        )
}

fn exploration_rate(text: &str) -> Result<f64, String> {
    text.parse::<f64>()
        .ok()
        .filter(|rate| (0.0..=1.0).contains(rate))
        .ok_or_else(|| "a number from 0 to 1".to_owned())
}

/// Runs the sandbox until Ctrl-C (which ends the command with exit 0: stopping is its end).
pub(crate) async fn run(m: &ArgMatches) -> Result<(), CliError> {
    let mut builder = Sandbox::builder();
    if let Some(port) = m.get_one::<u16>("port") {
        builder = builder.port(*port);
    }
    for rule in m.get_many::<String>("fault").into_iter().flatten() {
        let rule = rule
            .parse::<FaultRule>()
            .map_err(|error| CliError::Usage(format!("--fault {rule}: {error}")))?;
        builder = builder.fault(rule);
    }
    if let Some(seed) = m.get_one::<u64>("routing-seed") {
        builder = builder.routing_seed(*seed);
    }
    if let Some(rate) = m.get_one::<f64>("exploration-rate") {
        builder = builder.exploration_rate(*rate);
    }
    if m.get_flag("no-learning") {
        builder = builder.learning(false);
    }
    let sandbox = builder
        .start()
        .await
        .map_err(|error| CliError::Local(format!("the sandbox could not start: {error}")))?;
    output::write_stdout(
        &format!(
            "export NEXEVO_BASE_URL={url}\nexport NEXEVO_API_KEY={key}\n",
            url = sandbox.base_url(),
            key = sandbox.demo().api_key.expose(),
        ),
        output::Shown::Text,
    )?;
    output::note(&format!(
        "Nexevo sandbox on {url}: run the lines above in another shell to use it.\n\
         demo login: {DEMO_EMAIL} / {DEMO_PASSWORD} (balance $100.00). Ctrl-C to stop.",
        url = sandbox.base_url()
    ));
    tokio::signal::ctrl_c()
        .await
        .map_err(|error| CliError::Local(format!("waiting for Ctrl-C: {error}")))?;
    sandbox.shutdown().await;
    Ok(())
}
