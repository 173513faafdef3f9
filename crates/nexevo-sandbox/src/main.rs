//! `nexevo-sandbox`: serve the sandbox on a port until Ctrl-C.
//!
//! ```text
//! cargo run -p nexevo-sandbox -- --port 8080 [--fault get_balance=503x1]... [--rate-limit 600]
//! ```

use std::io::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use nexevo_sandbox::{DEMO_EMAIL, DEMO_PASSWORD, FaultRule, Sandbox};

const USAGE: &str = "\
usage: nexevo-sandbox [--port PORT] [--fault RULE]... [--rate-limit REQUESTS_PER_MINUTE]
                      [--max-connections N] [--body-read-timeout SECONDS] [--allow-host NAME]...
                      [--routing-seed N] [--exploration-rate RATE] [--no-learning]

  --port PORT          listen on 127.0.0.1:PORT (default: a free port)
  --fault RULE         make requests fail: OPERATION=FAULT[xCOUNT], OPERATION an operation id
                       (get_balance, create_key, ...) or *, FAULT one of 503 (any 5xx),
                       429:SECONDS, delay:MILLIS, delay:MILLIS:5XX, delay-after:MILLIS,
                       reset-before, reset-after, malformed,
                       cut:CHUNKS, stream-reset:CHUNKS, bad-chunk:CHUNKS,
                       error-event:CHUNKS:CODE, slow:MILLIS
  --rate-limit N       answer 429 past N requests a minute per credential
  --max-connections N  serve at most N connections at once (default 1024, lowered to what
                       the open-file limit leaves room for; the soft limit is raised to the
                       hard one at start)
  --body-read-timeout SECONDS
                       answer 408 to a request whose body has not arrived SECONDS after its
                       head (default 30)
  --allow-host NAME    also answer requests addressed to NAME (only loopback names by default)
  --routing-seed N     seed the router's exploration draws (default 0)
  --exploration-rate RATE
                       the share of a payer's tier requests, once it rated any, routed to a
                       backend other than the best-scored (0 to 1, default 0.1)
  --no-learning        route every tier request to its default backend, whatever the feedback
";

/// The sandbox the arguments ask for, and the most connections they ask to serve.
fn parse(args: &[String]) -> Result<(nexevo_sandbox::SandboxBuilder, usize), String> {
    let mut builder = Sandbox::builder();
    let mut max_connections = nexevo_sandbox::DEFAULT_MAX_CONNECTIONS;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        builder = match arg.as_str() {
            "--port" => builder.port(
                value()?
                    .parse()
                    .map_err(|_| "--port takes a number".to_owned())?,
            ),
            "--fault" => builder.fault(value()?.parse::<FaultRule>().map_err(|e| e.to_string())?),
            "--rate-limit" => builder.rate_limit(
                value()?
                    .parse()
                    .map_err(|_| "--rate-limit takes a number".to_owned())?,
                Duration::from_secs(60),
            ),
            "--max-connections" => {
                max_connections = value()?
                    .parse()
                    .map_err(|_| "--max-connections takes a number".to_owned())?;
                builder.max_connections(max_connections)
            }
            "--body-read-timeout" => builder.body_read_timeout(
                value()?
                    .parse::<f64>()
                    .ok()
                    .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
                    .ok_or_else(|| "--body-read-timeout takes a number of seconds".to_owned())?,
            ),
            "--allow-host" => builder.allow_host(value()?.as_str()),
            "--routing-seed" => builder.routing_seed(
                value()?
                    .parse()
                    .map_err(|_| "--routing-seed takes a number".to_owned())?,
            ),
            "--exploration-rate" => builder.exploration_rate(
                value()?
                    .parse::<f64>()
                    .ok()
                    .filter(|rate| (0.0..=1.0).contains(rate))
                    .ok_or_else(|| "--exploration-rate takes a number from 0 to 1".to_owned())?,
            ),
            "--no-learning" => builder.learning(false),
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        };
    }
    Ok((builder, max_connections))
}

/// Raises the soft limit on open descriptors to the hard limit, saying so: each connection
/// holds one, and a soft limit of 1,024 (a common default) would leave too few.
fn raise_descriptor_limit() {
    #[cfg(unix)]
    {
        let Ok((before, _)) = rlimit::getrlimit(rlimit::Resource::NOFILE) else {
            return;
        };
        match rlimit::increase_nofile_limit(u64::MAX) {
            Ok(after) if after > before => {
                eprintln!("nexevo-sandbox: raised the open-file limit from {before} to {after}");
            }
            Ok(_) => {}
            Err(error) => {
                eprintln!(
                    "nexevo-sandbox: could not raise the open-file limit ({before}): {error}"
                );
            }
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (builder, max_connections) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}\n");
            }
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    raise_descriptor_limit();
    let sandbox = match builder.start().await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("error: could not start the sandbox: {error}");
            return ExitCode::FAILURE;
        }
    };
    // One write, whose failure is ignored: whoever started the sandbox may stop reading its
    // output once it has the URL and key, and that must not stop the server.
    let banner = format!(
        "Nexevo sandbox listening on {url}\n\n  NEXEVO_BASE_URL={url}\n  NEXEVO_API_KEY={key}\n\n  demo login: {DEMO_EMAIL} / {DEMO_PASSWORD} (balance $100.00)\n\nCtrl-C to stop.\n",
        url = sandbox.base_url(),
        key = sandbox.demo().api_key.expose(),
    );
    let mut stdout = std::io::stdout();
    let _ = stdout
        .write_all(banner.as_bytes())
        .and_then(|()| stdout.flush());
    if sandbox.max_connections() < max_connections {
        eprintln!(
            "nexevo-sandbox: serving at most {} connections at once, as the open-file limit leaves room for",
            sandbox.max_connections()
        );
    }
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("error: waiting for Ctrl-C: {error}");
    }
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}
