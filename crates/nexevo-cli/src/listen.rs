//! `nexevo keys listen KEY_ID`: a key's spend alerts, received on this machine while it runs.
//!
//! It points the key's alert webhook at a receiver on `http://127.0.0.1:PORT/alerts` (which only
//! a sandbox on this machine delivers to: the service itself takes `https://` to public hosts),
//! verifies each delivery with the SDK's [`WebhookVerifier`], prints each verified event once,
//! optionally passes it on to `--forward-to` signed with a secret of this run's own, and when it
//! ends (Ctrl-C, or `--max-events`) removes the webhook it set. The webhook's signing secret is
//! kept in memory only and never shown.
//!
//! The receiver is hyper's HTTP/1 server, already in the build as reqwest's client half; it is
//! bounded so a hostile local client costs little: a few connections at once, one request each,
//! a short time to send the head and the whole request, a small head, and a body no larger than
//! the verifier accepts, which is refused before it is read further.

use std::collections::{HashSet, VecDeque};
use std::net::Ipv4Addr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use bytes::Bytes;
use clap::{Arg, ArgAction, ArgMatches, Command};
use futures_util::FutureExt as _;
use http_body_util::{BodyExt as _, Full, Limited};
use hyper::body::Incoming;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use nexevo::Secret;
use nexevo::keys::webhooks::{DEFAULT_MAX_BODY_BYTES, WebhookVerifier, sign};
use nexevo::keys::{AlertEvent, AlertWebhook, KeysExt as _};
use nexevo_api::types::KeyId;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::args;
use crate::context::{Context, waiting};
use crate::error::CliError;
use crate::output::{self, Shown};

/// The receiver's path: the webhook is `http://127.0.0.1:PORT/alerts`.
const PATH: &str = "/alerts";

/// Connections served at once; more wait to be accepted.
const MAX_CONNECTIONS: usize = 16;

/// The time a client has to send a request's head, and its whole request.
const HEAD_TIME: Duration = Duration::from_secs(5);
const REQUEST_TIME: Duration = Duration::from_secs(10);

/// The largest request head read (hyper's smallest buffer): an alert's head is a few hundred
/// bytes.
const MAX_HEAD_BYTES: usize = 8 * 1024;

/// Event ids remembered to print each event once (a delivery is retried until answered 2xx).
const REMEMBERED_EVENTS: usize = 1024;

/// How long a forward may take, and how long connections in progress may finish at the end.
const FORWARD_TIME: Duration = Duration::from_secs(10);
const DRAIN_TIME: Duration = Duration::from_secs(2);

/// The pause after a connection could not be accepted.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// The bytes of the secret `--forward-to` deliveries are signed with (as a sandbox's).
const FORWARD_SECRET_BYTES: usize = 24;

/// `nexevo keys listen`.
pub(crate) fn command() -> Command {
    Command::new("listen")
        .about("Receive a key's spend alerts here, verified, until Ctrl-C")
        .long_about(
            "Receive a key's spend alerts on this machine: points the key's alert webhook at a \
             receiver on http://127.0.0.1, verifies every delivery with the webhook's signing \
             secret (kept in memory, never shown), prints each verified event (a line, or its \
             JSON with --json), and answers 400 to a delivery that does not verify. Runs until \
             Ctrl-C or --max-events, then removes the webhook it set (exit 0).\n\n\
             Only a sandbox on this machine delivers to http://127.0.0.1 (`nexevo sandbox`); the \
             service itself delivers to https:// receivers on public hosts, so against it \
             listen refuses before changing anything. A key that already has a webhook is left \
             alone unless --replace: setting one rotates the signing secret its receiver checks.",
        )
        .after_help("Example:\n  nexevo keys listen key_5b7e9c --max-events 1")
        .arg(
            Arg::new("key_id")
                .value_name("KEY_ID")
                .help("The key's id (`key_…`).")
                .required(true),
        )
        .arg(
            Arg::new("port")
                .long("port")
                .value_name("PORT")
                .value_parser(clap::value_parser!(u16))
                .default_value("0")
                .help("The receiver's port on 127.0.0.1 (0: any free port)"),
        )
        .arg(
            Arg::new("replace")
                .long("replace")
                .action(ArgAction::SetTrue)
                .help(
                    "Take over the key's existing webhook (removed, not restored, at the end; \
                     its receiver's secret no longer verifies once rotated)",
                ),
        )
        .arg(
            Arg::new("forward_to")
                .long("forward-to")
                .value_name("URL")
                .help(
                    "Also POST each verified event to URL, signed (Standard Webhooks headers) \
                     with a whsec_ secret made for this run and printed on stderr at the start",
                ),
        )
        .arg(
            Arg::new("max_events")
                .long("max-events")
                .value_name("N")
                .value_parser(clap::value_parser!(u64).range(1..))
                .help("End after N verified events (for scripts)"),
        )
}

/// Runs `nexevo keys listen` (it handles Ctrl-C itself: its end, after removing the webhook).
pub(crate) async fn run(cx: &Context, m: &ArgMatches) -> Result<(), CliError> {
    // Polled once now, so from here Ctrl-C is caught rather than ending the process.
    let mut interrupted = std::pin::pin!(tokio::signal::ctrl_c());
    if let Some(installed) = (&mut interrupted).now_or_never() {
        installed.map_err(|error| CliError::Local(format!("catching Ctrl-C: {error}")))?;
        return Err(CliError::Interrupted);
    }
    let key_id = args::required::<KeyId>(m, "key_id")?;
    let port = m.get_one::<u16>("port").copied().unwrap_or(0);
    let max_events = m.get_one::<u64>("max_events").copied();
    let forwarder = m
        .get_one::<String>("forward_to")
        .map(|url| Forwarder::new(url))
        .transpose()?;
    let client = cx.client("update_alert_webhook")?;
    if !nexevo::is_loopback_url(client.base_url()) {
        return Err(CliError::Usage(format!(
            "keys listen needs Nexevo on this machine (`nexevo sandbox`): its receiver is on \
             http://127.0.0.1, which {} does not deliver to (the service takes only https:// \
             receivers on public hosts); nothing was changed",
            client.base_url()
        )));
    }
    let key = tokio::select! {
        biased;
        _ = &mut interrupted => return Err(CliError::Interrupted),
        key = waiting(client.keys().get(key_id.clone()).into_future()) => key?,
    };
    if let Some(existing) = &key.alert_webhook_url {
        if !m.get_flag("replace") {
            return Err(CliError::Usage(format!(
                "{key_id} already sends its spend alerts to {existing}; a new webhook would \
                 rotate the signing secret that receiver checks. Pass --replace to take them \
                 over (that webhook is removed, not restored, at the end); nothing was changed"
            )));
        }
        output::note(&format!(
            "replacing {key_id}'s webhook {existing}: it is removed, not restored, at the end"
        ));
    }
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))
        .await
        .map_err(|error| CliError::Usage(format!("--port {port}: {error}")))?;
    let address = listener
        .local_addr()
        .map_err(|error| CliError::Local(format!("the receiver's address: {error}")))?;
    let url = format!("http://{address}{PATH}");
    // Not raced with Ctrl-C: once sent, the webhook may be set, and must be removed; a Ctrl-C
    // meanwhile is seen by the loop at once.
    let set = match waiting(
        client
            .keys()
            .update_alert_webhook(key_id.clone(), url.as_str())
            .into_future(),
    )
    .await
    {
        Ok(set) => set,
        // Without an answer it may have been set all the same.
        Err(CliError::Sdk(error)) if error.as_api().is_none() => {
            if remove_webhook(&client, &key_id, &url).await.is_err() {
                note_still_set(&key_id, &url);
            }
            return Err(CliError::Sdk(error));
        }
        Err(error) => return Err(error),
    };
    let listening = Listening {
        json: cx.json(),
        key_id: &key_id,
        url: &url,
        max_events,
        forwarder,
    };
    let outcome = listening.serve(listener, set, interrupted).await;
    // A second Ctrl-C abandons the removal: the webhook stays, and the user is told how to
    // remove it.
    let removed = tokio::select! {
        biased;
        _ = tokio::signal::ctrl_c() => Err(CliError::Interrupted),
        removed = remove_webhook(&client, &key_id, &url) => removed,
    };
    if removed.is_err() {
        note_still_set(&key_id, &url);
    }
    outcome.and(removed)
}

/// Tells how to remove a webhook this listener could not.
fn note_still_set(key_id: &KeyId, url: &str) {
    output::note(&format!(
        "{key_id}'s alert webhook may still be {url}: remove it with `nexevo keys \
         clear-alert-webhook {key_id}`"
    ));
}

/// Removes the key's webhook if it is still this listener's; one someone set since is left.
async fn remove_webhook(
    client: &nexevo::Client,
    key_id: &KeyId,
    url: &str,
) -> Result<(), CliError> {
    let key = waiting(client.keys().get(key_id.clone()).into_future()).await?;
    match key.alert_webhook_url.as_deref() {
        Some(current) if current == url => {
            waiting(
                client
                    .keys()
                    .clear_alert_webhook(key_id.clone())
                    .into_future(),
            )
            .await?;
            output::note(&format!("removed {key_id}'s alert webhook ({url})"));
        }
        Some(current) => output::note(&format!(
            "{key_id}'s alert webhook was changed to {current} meanwhile: left as it is"
        )),
        None => output::note(&format!("{key_id}'s alert webhook was already removed")),
    }
    Ok(())
}

/// A listener whose webhook is set.
struct Listening<'a> {
    json: bool,
    key_id: &'a KeyId,
    url: &'a str,
    max_events: Option<u64>,
    forwarder: Option<Forwarder>,
}

impl Listening<'_> {
    /// Receives until Ctrl-C or `max_events`, then lets what is in progress finish (bounded).
    async fn serve(
        self,
        listener: TcpListener,
        set: AlertWebhook,
        mut interrupted: std::pin::Pin<&mut impl Future<Output = std::io::Result<()>>>,
    ) -> Result<(), CliError> {
        let secret = set.signing_secret.ok_or_else(|| {
            CliError::Local("Nexevo answered no signing secret for the webhook".to_owned())
        })?;
        let verifier = WebhookVerifier::new(secret)
            .map_err(|error| CliError::Local(format!("the webhook's signing secret: {error}")))?
            .max_body_bytes(DEFAULT_MAX_BODY_BYTES);
        let (events, mut verified) = mpsc::unbounded_channel();
        let receiver = Arc::new(Receiver {
            verifier,
            seen: Mutex::new(Seen::default()),
            events,
        });
        if let Some(forwarder) = &self.forwarder {
            output::note(&format!(
                "forwarding verified alerts to {}, signed with {} (this run's secret)",
                forwarder.url,
                forwarder.secret.expose()
            ));
        }
        output::note(&format!(
            "ready: {}'s spend alerts come to {}; Ctrl-C ends and removes the webhook",
            self.key_id, self.url
        ));
        let mut connections = JoinSet::new();
        let mut forwards = JoinSet::new();
        let mut received = 0u64;
        let outcome = loop {
            tokio::select! {
                biased;
                caught = &mut interrupted => {
                    break caught.map_err(|error| CliError::Local(format!("catching Ctrl-C: {error}")));
                }
                Some(event) = verified.recv() => {
                    if let Err(error) = self.print(&event) {
                        break Err(error);
                    }
                    if let Some(forwarder) = &self.forwarder {
                        forwards.spawn(forwarder.clone().forward(event));
                    }
                    received += 1;
                    if self.max_events.is_some_and(|max| received >= max) {
                        break Ok(());
                    }
                }
                accepted = listener.accept(), if connections.len() < MAX_CONNECTIONS => {
                    match accepted {
                        Ok((stream, _)) => {
                            connections.spawn(serve_connection(Arc::clone(&receiver), stream));
                        }
                        Err(error) => {
                            output::note(&format!("warning: accepting a connection: {error}"));
                            // Out of descriptors, say: a pause rather than a busy loop.
                            tokio::time::sleep(ACCEPT_PAUSE).await;
                        }
                    }
                }
                Some(_) = connections.join_next(), if !connections.is_empty() => {}
                Some(_) = forwards.join_next(), if !forwards.is_empty() => {}
            }
        };
        drop(listener);
        let _ = tokio::time::timeout(DRAIN_TIME, async {
            while connections.join_next().await.is_some() {}
        })
        .await;
        connections.abort_all();
        // Each forward is bounded by its own timeout.
        while forwards.join_next().await.is_some() {}
        outcome
    }

    /// Prints a verified event: a line for people, or its JSON on one line.
    fn print(&self, verified: &Verified) -> Result<(), CliError> {
        if self.json {
            let line = serde_json::from_slice::<serde_json::Value>(&verified.body)
                .map(|value| value.to_string())
                .map_err(|error| CliError::Local(format!("showing the event: {error}")))?;
            return output::write_stdout(&format!("{line}\n"), Shown::Json);
        }
        output::write_stdout(&format!("{}\n", for_people(&verified.event)), Shown::Text)
    }
}

/// An event as one line for people: when, what, which key, and the amounts exactly.
fn for_people(event: &AlertEvent) -> String {
    format!(
        "{}  {}  {}  spent ${} of its ${} monthly cap  ({})",
        event.created_at,
        event.type_,
        event.key_id,
        event.month_to_date_spend_usd,
        event.monthly_spend_cap_usd,
        event.id
    )
}

/// A delivery that verified: the event, and its body exactly as signed.
struct Verified {
    event: AlertEvent,
    body: Bytes,
}

/// What each connection shares: the verifier, the events already seen, where they go.
struct Receiver {
    verifier: WebhookVerifier,
    seen: Mutex<Seen>,
    events: mpsc::UnboundedSender<Verified>,
}

/// The ids of the latest events received, oldest first out.
#[derive(Default)]
struct Seen {
    ids: HashSet<String>,
    order: VecDeque<String>,
}

impl Seen {
    /// Whether `id` is new (and now remembered).
    fn first_time(&mut self, id: &str) -> bool {
        if self.ids.contains(id) {
            return false;
        }
        if self.order.len() >= REMEMBERED_EVENTS
            && let Some(oldest) = self.order.pop_front()
        {
            self.ids.remove(&oldest);
        }
        self.ids.insert(id.to_owned());
        self.order.push_back(id.to_owned());
        true
    }
}

/// Serves one connection: one request, within [`REQUEST_TIME`].
async fn serve_connection(receiver: Arc<Receiver>, stream: tokio::net::TcpStream) {
    let service = hyper::service::service_fn(move |request| {
        let receiver = Arc::clone(&receiver);
        async move { Ok::<_, std::convert::Infallible>(receiver.answer(request).await) }
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIME)
        .max_buf_size(MAX_HEAD_BYTES)
        .keep_alive(false)
        .serve_connection(TokioIo::new(stream), service);
    let _ = tokio::time::timeout(REQUEST_TIME, connection).await;
}

impl Receiver {
    /// The answer to one request: 2xx to a verified delivery (printed the first time its
    /// event arrives), 400 to one that does not verify.
    async fn answer(&self, request: Request<Incoming>) -> Response<Full<Bytes>> {
        if request.uri().path() != PATH {
            return status(StatusCode::NOT_FOUND, "not found");
        }
        if request.method() != Method::POST {
            return status(StatusCode::METHOD_NOT_ALLOWED, "POST only");
        }
        let (head, body) = request.into_parts();
        let body = match Limited::new(body, DEFAULT_MAX_BODY_BYTES).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(error) if error.is::<http_body_util::LengthLimitError>() => {
                output::note(&format!(
                    "warning: refused a delivery whose body is over {DEFAULT_MAX_BODY_BYTES} bytes"
                ));
                return status(StatusCode::PAYLOAD_TOO_LARGE, "body too large");
            }
            Err(error) => {
                output::note(&format!(
                    "warning: a delivery's body could not be read: {error}"
                ));
                return status(StatusCode::BAD_REQUEST, "body unread");
            }
        };
        let event = match self.verifier.verify(&head.headers, &body) {
            Ok(event) => event,
            Err(error) => {
                output::note(&format!(
                    "warning: refused a delivery that does not verify: {error}"
                ));
                return status(StatusCode::BAD_REQUEST, "does not verify");
            }
        };
        let first_time = self
            .seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .first_time(&event.id);
        if first_time {
            // Closed only once the listener ends, when nothing more is printed.
            let _ = self.events.send(Verified { event, body });
        }
        status(StatusCode::OK, "received")
    }
}

/// An answer of `code` with a word of text.
fn status(code: StatusCode, text: &'static str) -> Response<Full<Bytes>> {
    let mut answer = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *answer.status_mut() = code;
    answer
}

/// `--forward-to`: where verified events go next, and the secret they are signed with.
#[derive(Clone)]
struct Forwarder {
    url: String,
    secret: Secret,
    http: reqwest::Client,
}

impl Forwarder {
    /// Checks the URL and makes this run's secret.
    fn new(url: &str) -> Result<Self, CliError> {
        let parsed = url::Url::parse(url)
            .map_err(|error| CliError::Usage(format!("--forward-to {url}: not a URL: {error}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(CliError::Usage(format!(
                "--forward-to {url}: an http(s) URL with a host is needed"
            )));
        }
        let mut bytes = [0u8; FORWARD_SECRET_BYTES];
        getrandom::fill(&mut bytes)
            .map_err(|error| CliError::Local(format!("making a secret: {error}")))?;
        let secret = Secret::new(format!(
            "whsec_{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        ));
        let mut http = reqwest::Client::builder()
            .timeout(FORWARD_TIME)
            // The user's endpoint answers; it does not send the event elsewhere.
            .redirect(reqwest::redirect::Policy::none());
        if nexevo::is_loopback_url(url) {
            // A proxy from the environment would not reach this machine's endpoint.
            http = http.no_proxy();
        }
        let http = http
            .build()
            .map_err(|error| CliError::Local(format!("--forward-to: {error}")))?;
        Ok(Self {
            url: url.to_owned(),
            secret,
            http,
        })
    }

    /// POSTs the event's body, signed now with this run's secret; a failure is reported on
    /// stderr and not retried.
    async fn forward(self, verified: Verified) {
        let id = verified.event.id;
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        let signature = match sign(&self.secret, &id, timestamp, &verified.body) {
            Ok(signature) => signature,
            Err(error) => {
                output::note(&format!("warning: forwarding {id}: {error}"));
                return;
            }
        };
        let sent = self
            .http
            .post(&self.url)
            .header("content-type", "application/json")
            .header("webhook-id", id.as_str())
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(verified.body)
            .send()
            .await;
        match sent {
            Ok(answer) if answer.status().is_success() => {}
            Ok(answer) => output::note(&format!(
                "warning: forwarding {id} to {}: answered {}",
                self.url,
                answer.status()
            )),
            Err(error) => output::note(&format!(
                "warning: forwarding {id} to {}: {}",
                self.url,
                without_url(&error)
            )),
        }
    }
}

/// A reqwest error and its causes, without the URL it repeats.
fn without_url(error: &reqwest::Error) -> String {
    let mut text = if error.is_timeout() {
        format!("no answer within {}s", FORWARD_TIME.as_secs())
    } else if error.is_connect() {
        "could not connect".to_owned()
    } else {
        "the request failed".to_owned()
    };
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_event_is_seen_once_and_the_memory_is_bounded() {
        let mut seen = Seen::default();
        assert!(seen.first_time("evt_1"));
        assert!(!seen.first_time("evt_1"));
        for n in 0..REMEMBERED_EVENTS * 2 {
            seen.first_time(&format!("evt_x{n}"));
        }
        assert_eq!(seen.ids.len(), REMEMBERED_EVENTS);
        assert_eq!(seen.order.len(), REMEMBERED_EVENTS);
        assert!(seen.first_time("evt_1"), "forgotten once far behind");
    }
}
