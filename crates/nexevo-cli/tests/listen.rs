//! `nexevo keys listen`: a key's spend alerts, fired by a sandbox when the key's chat spending
//! crosses its cap, arrive at the listener over real HTTP, verified, printed once and passed on
//! re-signed; a forged delivery is refused; a key's existing webhook is kept unless
//! `--replace`; and the listener's webhook is removed when it ends.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use nexevo::keys::webhooks::{WebhookVerifier, sign};
use nexevo_sandbox::Sandbox;
use serde_json::Value;

use crate::support::{self, User};

/// How long a test waits for the listener to say something before failing.
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `nexevo keys listen`, its stderr read line by line as it comes.
struct Listener {
    child: Child,
    stderr: mpsc::Receiver<String>,
    /// The stderr lines read so far.
    said: Vec<String>,
    /// The receiver's URL, from the ready line.
    url: String,
}

impl Listener {
    /// Starts the listener and waits for its ready line.
    fn start(user: &User, args: &[&str]) -> Self {
        let mut child = user
            .command(&[&["keys", "listen"], args].concat())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (lines, stderr) = mpsc::channel();
        let pipe = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { return };
                if lines.send(line).is_err() {
                    return;
                }
            }
        });
        let mut listener = Self {
            child,
            stderr,
            said: Vec::new(),
            url: String::new(),
        };
        let ready = listener.line_with("ready: ");
        listener.url = ready
            .split_whitespace()
            .find(|word| word.starts_with("http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("no URL in {ready:?}"))
            .trim_end_matches(';')
            .to_owned();
        listener
    }

    /// The first stderr line (read so far or next) that contains `needle`.
    fn line_with(&mut self, needle: &str) -> String {
        if let Some(line) = self.said.iter().find(|line| line.contains(needle)) {
            return line.clone();
        }
        loop {
            match self.stderr.recv_timeout(PATIENCE) {
                Ok(line) => {
                    self.said.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => panic!("no {needle:?} on stderr: {:#?}", self.said),
            }
        }
    }

    /// Waits for the end: the exit code, stdout, and all of stderr.
    fn finish(mut self) -> (i32, String, String) {
        let output = self.child.wait_with_output().unwrap();
        self.said.extend(self.stderr.iter());
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            self.said.join("\n"),
        )
    }
}

/// A sandbox and its demo user.
async fn sandbox() -> (Sandbox, User) {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let user = User::of(&sandbox);
    (sandbox, user)
}

/// A new key with a monthly cap any chat call crosses: its id and its full secret.
fn capped_key(user: &User) -> (String, String) {
    let created = user
        .run(&[
            "keys",
            "create",
            "listened",
            "--monthly-spend-cap",
            "0.000001",
            "--json",
        ])
        .json();
    (
        created["key"]["key_id"].as_str().unwrap().to_owned(),
        created["full_key"].as_str().unwrap().to_owned(),
    )
}

/// A chat call paid by the key `full_key`: what fires its alerts.
fn spend(user: &User, full_key: &str) {
    let mut chat = user.command(&["chat", "--no-stream", "Hello there"]);
    chat.env("NEXEVO_API_KEY", full_key);
    let run = support::Run(chat.output().unwrap());
    assert_eq!(run.code(), 0, "{}", run.stderr());
}

/// The key as `keys get --json` shows it.
fn key(user: &User, key_id: &str) -> Value {
    user.run(&["keys", "get", key_id, "--json"]).json()
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// POSTs `body` to `url` with Standard Webhooks headers; answers the status line.
fn deliver(url: &str, id: &str, signature: &str, body: &str) -> String {
    let authority = url.trim_start_matches("http://").split('/').next().unwrap();
    let mut stream = TcpStream::connect(authority).unwrap();
    write!(
        stream,
        "POST /alerts HTTP/1.1\r\nhost: {authority}\r\ncontent-type: application/json\r\n\
         webhook-id: {id}\r\nwebhook-timestamp: {}\r\nwebhook-signature: {signature}\r\n\
         content-length: {}\r\nconnection: close\r\n\r\n{body}",
        now(),
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer.lines().next().unwrap_or_default().to_owned()
}

/// A receiver of one request on 127.0.0.1 that answers 200: its URL, and the request's headers
/// and body once it has come.
fn endpoint() -> (String, mpsc::Receiver<(hyper::HeaderMap, Vec<u8>)>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    let (sent, received) = mpsc::channel();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(&stream);
        let mut headers = hyper::HeaderMap::new();
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            let Some((name, value)) = line.trim_end().split_once(':') else {
                break;
            };
            headers.append(
                hyper::header::HeaderName::from_bytes(name.trim().as_bytes()).unwrap(),
                value.trim().parse().unwrap(),
            );
        }
        let length: usize = headers["content-length"].to_str().unwrap().parse().unwrap();
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        (&stream)
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            .unwrap();
        sent.send((headers, body)).unwrap();
    });
    (url, received)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spend_alert_arrives_verified_and_is_printed_a_forged_one_is_refused() {
    let (sandbox, user) = sandbox().await;
    let (key_id, full_key) = capped_key(&user);
    let mut listener = Listener::start(&user, &[&key_id, "--max-events", "1"]);
    assert_eq!(
        key(&user, &key_id)["alert_webhook_url"],
        listener.url.as_str()
    );

    // Signed with a secret that is not the webhook's: refused, and not printed.
    let forged = format!(
        r#"{{"id":"evt_forged","type":"spend_cap.reached","created_at":"2026-04-27T09:30:00Z","key_id":"{key_id}","monthly_spend_cap_usd":"0.000001","month_to_date_spend_usd":"9.99"}}"#
    );
    let other = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let signature = sign(&other.into(), "evt_forged", now(), forged.as_bytes()).unwrap();
    let answered = deliver(&listener.url, "evt_forged", &signature, &forged);
    assert!(answered.starts_with("HTTP/1.1 400"), "{answered}");
    listener.line_with("refused a delivery that does not verify");

    spend(&user, &full_key);
    let url = listener.url.clone();
    let (code, stdout, stderr) = listener.finish();
    assert_eq!(code, 0, "{stderr}");
    let spent = key(&user, &key_id);
    let line = stdout.trim_end();
    assert_eq!(line.lines().count(), 1, "{stdout}");
    assert!(line.contains(&key_id), "{line}");
    assert!(line.contains("spend_cap."), "{line}");
    assert!(
        line.contains(&format!(
            "spent ${} of its $0.000001 monthly cap",
            spent["month_to_date_spend_usd"].as_str().unwrap()
        )),
        "{line}"
    );
    assert!(!stdout.contains("evt_forged"), "{stdout}");
    assert!(!stdout.contains("whsec_") && !stderr.contains("whsec_"));
    // Answered 2xx, and the webhook is gone.
    assert!(
        sandbox
            .webhook_deliveries()
            .iter()
            .any(|delivery| delivery.url == url && delivery.delivered()),
        "{:#?}",
        sandbox.webhook_deliveries()
    );
    assert!(stderr.contains("removed"), "{stderr}");
    assert!(spent["alert_webhook_url"].is_null(), "{spent}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_events_are_re_signed_with_the_secret_printed_at_the_start() {
    let (_sandbox, user) = sandbox().await;
    let (key_id, full_key) = capped_key(&user);
    let (endpoint, received) = endpoint();
    let mut listener = Listener::start(
        &user,
        &[
            &key_id,
            "--max-events",
            "1",
            "--json",
            "--forward-to",
            &endpoint,
        ],
    );
    let forwarding = listener.line_with("forwarding verified alerts to");
    let secret = forwarding
        .split_whitespace()
        .find(|word| word.starts_with("whsec_"))
        .unwrap()
        .to_owned();
    spend(&user, &full_key);
    let (code, stdout, stderr) = listener.finish();
    assert_eq!(code, 0, "{stderr}");
    let printed: Value = serde_json::from_str(stdout.trim_end()).unwrap();
    assert_eq!(printed["key_id"], key_id.as_str(), "{printed}");

    let (headers, body) = received.recv_timeout(PATIENCE).unwrap();
    let event = WebhookVerifier::new(secret.as_str())
        .unwrap()
        .verify(&headers, &body)
        .unwrap();
    assert_eq!(event.id, printed["id"].as_str().unwrap());
    assert_eq!(headers["webhook-id"], event.id.as_str());
    assert_eq!(serde_json::from_slice::<Value>(&body).unwrap(), printed);
    // Not the webhook's own secret: a receiver of the forwards trusts only this run's.
    assert!(stderr.matches("whsec_").count() == 1, "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_with_a_webhook_is_left_alone_unless_replace_and_ctrl_c_removes_the_webhook() {
    let (sandbox, user) = sandbox().await;
    let (key_id, _) = capped_key(&user);
    let theirs = "http://127.0.0.1:9/alerts";
    user.run(&["keys", "update-alert-webhook", &key_id, theirs])
        .ok();
    let sets = sandbox.counters("update_alert_webhook").received;

    let refused = user.run(&["keys", "listen", &key_id]);
    assert_eq!(refused.code(), 2, "{}", refused.stderr());
    assert!(
        refused.stderr().contains("already sends"),
        "{}",
        refused.stderr()
    );
    assert!(
        refused.stderr().contains("--replace"),
        "{}",
        refused.stderr()
    );
    assert_eq!(sandbox.counters("update_alert_webhook").received, sets);
    assert_eq!(key(&user, &key_id)["alert_webhook_url"], theirs);

    let listener = Listener::start(&user, &[&key_id, "--replace"]);
    assert_eq!(
        key(&user, &key_id)["alert_webhook_url"],
        listener.url.as_str()
    );
    support::interrupt(&listener.child);
    let (code, _, stderr) = listener.finish();
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("replacing"), "{stderr}");
    assert!(key(&user, &key_id)["alert_webhook_url"].is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listening_needs_nexevo_on_this_machine_and_changes_nothing_elsewhere() {
    let (_sandbox, user) = sandbox().await;
    let mut command = user.command(&["keys", "listen", "key_5b7e9c"]);
    // `.invalid` never resolves: were anything sent, the command would fail to connect (1).
    command.env("NEXEVO_BASE_URL", "https://nexevo.invalid");
    let run = support::Run(command.output().unwrap());
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("needs Nexevo on this machine"),
        "{}",
        run.stderr()
    );
}
