//! Alert deliveries go only where they may, and are bounded. A webhook URL aimed inside (an
//! internal address however it is written, a local name, a user name and password) is refused
//! when it is set; a name that resolves to such an address — at any attempt: DNS can change —
//! is refused and never dialled; an allowed name is dialled at the address that was checked,
//! with TLS verified for the name. No redirect is followed; a retry stops when the key's
//! webhook was changed or removed; at most a set number of attempts run at once and of alerts
//! wait.
//!
//! No test here sends anything beyond loopback: names resolve through the sandbox's injectable
//! resolver, and connections are opened by its injectable dialer, which records the address it
//! was asked for and connects to a receiver on loopback instead. The receiver's certificate
//! (`alert_tls/`, for `alerts.example` and `*.alerts.example`, signed by a test CA the sandbox
//! is told to trust, both valid until 2126) was made with `openssl req -x509 -newkey ec …`
//! (the CA) and `openssl x509 -req … -extfile` (the leaf: `CA:FALSE`, `serverAuth`, the two
//! names); the CA's key was not kept.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::*;
use nexevo_sandbox::{DEFAULT_ALERT_CONCURRENCY, DeliveryOutcome, SandboxBuilder, WebhookDelivery};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::crypto::aws_lc_rs;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// The test CA, which signed the receiver's certificate.
const TEST_CA: &[u8] = include_bytes!("alert_tls/ca.der");

/// A request as a receiver saw it.
#[derive(Debug, Clone)]
struct Received {
    /// The TLS server name the client asked for, if it came over TLS.
    server_name: Option<String>,
    head: String,
    body: String,
}

/// A receiver on loopback that counts its connections (at once and in all) and records every
/// request; it answers each after `delay` with the head `answer(n)` gives for the n-th request
/// (from 0).
#[derive(Clone)]
struct Receiver {
    address: SocketAddr,
    connections: Arc<AtomicUsize>,
    open: Arc<AtomicUsize>,
    most_open: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<Received>>>,
}

type Answer = Arc<dyn Fn(usize) -> String + Send + Sync>;

impl Receiver {
    async fn start(
        delay: Duration,
        answer: impl Fn(usize) -> String + Send + Sync + 'static,
    ) -> Self {
        Self::serving(None, delay, answer).await
    }

    /// A receiver over TLS, with the certificate for `alerts.example` and `*.alerts.example`,
    /// answering every request `status`.
    async fn tls(status: u16) -> Self {
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
            include_bytes!("alert_tls/leaf.key.der").to_vec(),
        ));
        let certificate = CertificateDer::from(include_bytes!("alert_tls/leaf.der").to_vec());
        let config = ServerConfig::builder_with_provider(Arc::new(aws_lc_rs::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![certificate], key)
            .unwrap();
        let acceptor = TlsAcceptor::from(Arc::new(config));
        Self::serving(Some(acceptor), Duration::ZERO, move |_| head(status, "")).await
    }

    async fn serving(
        tls: Option<TlsAcceptor>,
        delay: Duration,
        answer: impl Fn(usize) -> String + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let receiver = Receiver {
            address: listener.local_addr().unwrap(),
            connections: Arc::default(),
            open: Arc::default(),
            most_open: Arc::default(),
            requests: Arc::default(),
        };
        let answer: Answer = Arc::new(answer);
        let serving = receiver.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (receiver, answer) = (serving.clone(), Arc::clone(&answer));
                receiver.connections.fetch_add(1, Ordering::SeqCst);
                let now_open = receiver.open.fetch_add(1, Ordering::SeqCst) + 1;
                receiver.most_open.fetch_max(now_open, Ordering::SeqCst);
                let tls = tls.clone();
                tokio::spawn(async move {
                    match tls {
                        Some(tls) => {
                            if let Ok(stream) = tls.accept(stream).await {
                                let name = stream.get_ref().1.server_name().map(str::to_owned);
                                receiver.serve(stream, name, delay, &answer).await;
                            }
                        }
                        None => receiver.serve(stream, None, delay, &answer).await,
                    }
                    receiver.open.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        receiver
    }

    /// A receiver answering every request with `status` at once.
    async fn answering(status: u16) -> Self {
        Self::start(Duration::ZERO, move |_| head(status, "")).await
    }

    async fn serve(
        &self,
        mut stream: impl AsyncRead + AsyncWrite + Unpin,
        server_name: Option<String>,
        delay: Duration,
        answer: &Answer,
    ) {
        let Some(mut request) = read_request(&mut stream).await else {
            return;
        };
        request.server_name = server_name;
        let n = {
            let mut requests = self.requests.lock().unwrap();
            requests.push(request);
            requests.len() - 1
        };
        tokio::time::sleep(delay).await;
        let _ = stream.write_all(answer(n).as_bytes()).await;
        let _ = stream.shutdown().await;
    }

    /// `http://127.0.0.1:PORT/hook`: the sandbox's test mode.
    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hook", self.address.port())
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    fn most_open(&self) -> usize {
        self.most_open.load(Ordering::SeqCst)
    }

    fn requests(&self) -> Vec<Received> {
        self.requests.lock().unwrap().clone()
    }
}

/// An answer's head, with `headers` (each ending in CRLF) and no body.
fn head(status: u16, headers: &str) -> String {
    format!("HTTP/1.1 {status} X\r\n{headers}content-length: 0\r\nconnection: close\r\n\r\n")
}

/// Reads one request (its head and a `content-length` body), or nothing if the peer goes away.
async fn read_request(stream: &mut (impl AsyncRead + Unpin)) -> Option<Received> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
            let length = head
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            if bytes.len() >= end + 4 + length {
                let body = String::from_utf8_lossy(&bytes[end + 4..end + 4 + length]).into_owned();
                return Some(Received {
                    server_name: None,
                    head,
                    body,
                });
            }
        }
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        bytes.extend_from_slice(&chunk[..read]);
    }
}

/// Addresses by host name, for the sandbox's resolver; a name not listed does not resolve.
fn resolver(
    table: &[(&str, &[&str])],
) -> impl Fn(String) -> std::future::Ready<io::Result<Vec<IpAddr>>> + Send + Sync + 'static {
    let table: HashMap<String, Vec<IpAddr>> = table
        .iter()
        .map(|(name, addresses)| {
            let addresses = addresses.iter().map(|a| a.parse().unwrap()).collect();
            ((*name).to_owned(), addresses)
        })
        .collect();
    move |name| {
        std::future::ready(
            table
                .get(&name)
                .cloned()
                .ok_or_else(|| io::Error::other(format!("no such name: {name}"))),
        )
    }
}

/// The addresses a dialer was asked for, in order.
type Dialled = Arc<Mutex<Vec<SocketAddr>>>;

/// A dialer that records each address it is asked for and connects to `receiver` instead, so
/// nothing is sent beyond loopback.
fn dialer(
    receiver: &Receiver,
) -> (
    Dialled,
    impl Fn(SocketAddr) -> BoxedConnect + Send + Sync + 'static,
) {
    let dialled = Dialled::default();
    let to = receiver.address;
    let record = Arc::clone(&dialled);
    let dial = move |address| -> BoxedConnect {
        record.lock().unwrap().push(address);
        Box::pin(TcpStream::connect(to))
    };
    (dialled, dial)
}

type BoxedConnect =
    std::pin::Pin<Box<dyn std::future::Future<Output = io::Result<TcpStream>> + Send>>;

/// How many alerts are done with: delivered, given up, or out of attempts.
fn finished(deliveries: &[WebhookDelivery]) -> usize {
    deliveries
        .iter()
        .filter(|d| {
            d.delivered() || d.attempt == 5 || matches!(d.outcome, DeliveryOutcome::Abandoned(_))
        })
        .count()
}

/// The attempts for one key.
fn of_key(deliveries: &[WebhookDelivery], key_id: &str) -> Vec<WebhookDelivery> {
    deliveries
        .iter()
        .filter(|d| d.key_id == key_id)
        .cloned()
        .collect()
}

/// A sandbox whose alerts retry fast.
fn builder() -> SandboxBuilder {
    Sandbox::builder()
        .alert_retry_backoff(Duration::from_millis(10))
        .alert_attempt_timeout(Duration::from_secs(2))
}

/// A new key of the demo account whose alerts go to `url`, with a cap its first call crosses
/// (both thresholds at once: two alerts); its secret.
async fn alerting_key(api: &Api, demo: &str, url: &str) -> (String, String) {
    let created = api
        .create_key(
            demo,
            json!({ "name": "alerting", "monthly_spend_cap_usd": "0.000001" }),
        )
        .await;
    let key_id = created.id();
    set_webhook(api, demo, &key_id, json!(url)).await;
    (key_id, created.full_key)
}

async fn set_webhook(api: &Api, demo: &str, key_id: &str, url: Value) {
    api.put(&format!("/v1/keys/{key_id}/alert-webhook"))
        .token(demo)
        .json(json!({ "url": url }))
        .send()
        .await
        .expect(200);
}

/// One charge with `key`, which crosses its cap.
async fn spend(api: &Api, key: &str) {
    api.chat(key, "nexevo/balanced", "hi").await;
}

/// The deliveries once `done` holds for them (within 20 s).
async fn deliveries_when(
    sandbox: &Sandbox,
    done: impl Fn(&[WebhookDelivery]) -> bool,
) -> Vec<WebhookDelivery> {
    for _ in 0..1000 {
        let deliveries = sandbox.webhook_deliveries();
        if done(&deliveries) {
            return deliveries;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("deliveries: {:#?}", sandbox.webhook_deliveries());
}

#[tokio::test]
async fn a_redirect_from_the_receiver_is_not_followed() {
    let sandbox = builder().start().await.unwrap();
    let (api, demo) = client_of(&sandbox);
    let elsewhere = Receiver::answering(200).await;
    let location = format!("location: {}\r\n", elsewhere.url());
    let redirecting = Receiver::start(Duration::ZERO, move |_| head(307, &location)).await;
    let (_, key) = alerting_key(&api, &demo, &redirecting.url()).await;
    spend(&api, &key).await;
    let attempts = deliveries_when(&sandbox, |d| finished(d) == 2).await;
    assert!(attempts.iter().all(|a| !a.delivered()), "{attempts:#?}");
    assert_eq!(redirecting.requests().len(), 10, "5 attempts of each alert");
    assert_eq!(elsewhere.connections(), 0, "the redirect was followed");
}

#[tokio::test]
async fn retries_stop_once_the_webhook_is_changed_or_removed() {
    let sandbox = builder()
        .alert_retry_backoff(Duration::from_millis(300))
        .start()
        .await
        .unwrap();
    let (api, demo) = client_of(&sandbox);
    let failing = Receiver::answering(503).await;
    let next = Receiver::answering(200).await;
    for change in [json!(next.url()), json!(null)] {
        let before = failing.requests().len();
        let (key_id, key) = alerting_key(&api, &demo, &failing.url()).await;
        spend(&api, &key).await;
        // Both alerts' first attempts fail; the webhook changes while they wait to retry.
        let first = deliveries_when(&sandbox, |d| {
            d.iter().filter(|a| a.key_id == key_id).count() == 2
        })
        .await;
        set_webhook(&api, &demo, &key_id, change.clone()).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(
            failing.requests().len(),
            before + 2,
            "after {change}: {first:#?}"
        );
        let attempts = of_key(&sandbox.webhook_deliveries(), &key_id);
        assert_eq!(attempts.len(), 4, "{attempts:#?}");
        let why = if change.is_null() {
            "removed"
        } else {
            "changed"
        };
        for given_up in &attempts[2..] {
            assert_eq!(given_up.attempt, 2);
            assert_eq!(given_up.address, None);
            assert_eq!(
                given_up.outcome,
                DeliveryOutcome::Abandoned(format!("the key's alert webhook was {why}"))
            );
        }
    }
    assert_eq!(
        next.connections(),
        0,
        "an alert of the old webhook went to the new one"
    );
}

#[tokio::test]
async fn alerts_of_many_keys_at_once_hold_at_most_the_cap_of_connections() {
    let sandbox = builder().start().await.unwrap();
    let (api, demo) = client_of(&sandbox);
    let slow = Receiver::start(Duration::from_millis(150), |_| head(200, "")).await;
    let mut keys = Vec::new();
    for _ in 0..150 {
        keys.push(alerting_key(&api, &demo, &slow.url()).await.1);
    }
    let charges: Vec<_> = keys
        .iter()
        .map(|key| {
            let api = api.clone();
            let key = key.clone();
            tokio::spawn(async move { spend(&api, &key).await })
        })
        .collect();
    for charge in charges {
        charge.await.unwrap();
    }
    let attempts = deliveries_when(&sandbox, |d| {
        d.iter().filter(|a| a.delivered()).count() == 300
    })
    .await;
    assert_eq!(attempts.len(), 300, "each delivered at once");
    assert!(
        slow.most_open() <= DEFAULT_ALERT_CONCURRENCY,
        "{} connections at once",
        slow.most_open()
    );
}

#[tokio::test]
async fn alerts_past_the_queue_capacity_are_dropped_and_counted() {
    let sandbox = builder()
        .alert_queue_capacity(4)
        .alert_concurrency(2)
        .start()
        .await
        .unwrap();
    let (api, demo) = client_of(&sandbox);
    let slow = Receiver::start(Duration::from_secs(1), |_| head(200, "")).await;
    let mut keys = Vec::new();
    for _ in 0..5 {
        keys.push(alerting_key(&api, &demo, &slow.url()).await);
    }
    // Four keys' two alerts each, while the first ones are still being answered: four wait,
    // four are dropped.
    futures_util::future::join_all(keys[..4].iter().map(|(_, key)| spend(&api, key))).await;
    assert_eq!(sandbox.alerts_dropped(), 4);
    let delivered = deliveries_when(&sandbox, |d| d.len() == 4).await;
    assert!(
        delivered.iter().all(WebhookDelivery::delivered),
        "{delivered:#?}"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(slow.requests().len(), 4, "no dropped alert was sent");
    // Room again: the fifth key's alerts are delivered.
    spend(&api, &keys[4].1).await;
    let all = deliveries_when(&sandbox, |d| d.len() == 6).await;
    assert_eq!(of_key(&all, &keys[4].0).len(), 2);
    assert!(all.iter().all(WebhookDelivery::delivered));
    assert_eq!(sandbox.alerts_dropped(), 4);
}

#[tokio::test]
async fn webhook_urls_that_reach_inside_are_refused_when_set() {
    let (_sandbox, api, demo) = start().await;
    let (key_id, _) = alerting_key(&api, &demo, "https://hooks.alerts.example/ok").await;
    let path = format!("/v1/keys/{key_id}/alert-webhook");
    for (url, why) in [
        ("https://127.0.0.1/", "127.0.0.1 is loopback (127.0.0.0/8)"),
        ("https://2130706433/", "127.0.0.1 is loopback"),
        ("https://0x7f.1/", "127.0.0.1 is loopback"),
        ("https://0177.0.0.01/", "127.0.0.1 is loopback"),
        ("https://[::1]/", "::1 is loopback"),
        (
            "https://[::ffff:127.0.0.1]/",
            "IPv4-mapped 127.0.0.1, loopback",
        ),
        (
            "https://[::ffff:a9fe:a9fe]/",
            "IPv4-mapped 169.254.169.254, link-local",
        ),
        (
            "https://[64:ff9b::10.1.2.3]/",
            "NAT64 of 10.1.2.3, private-use",
        ),
        (
            "https://169.254.169.254/latest/meta-data/",
            "169.254.169.254 is link-local",
        ),
        ("https://[fd00:ec2::254]/", "unique local"),
        ("https://10.0.0.1/", "private-use (10.0.0.0/8)"),
        ("https://172.16.5.4/", "private-use (172.16.0.0/12)"),
        ("https://192.168.1.1/", "private-use (192.168.0.0/16)"),
        ("https://100.100.100.200/", "shared address space"),
        ("https://0.0.0.0/", "\"this network\""),
        ("https://localhost/", "localhost is loopback"),
        ("https://localhost./", "localhost is loopback"),
        ("https://admin.localhost/", "admin.localhost is loopback"),
        ("https://metadata.google.internal/", "a private-use name"),
        ("https://intranet/", "a name without a dot"),
        (
            "https://user:secret@hooks.alerts.example/",
            "user name or password",
        ),
        (
            "https://hooks.alerts.example@127.0.0.1/",
            "user name or password",
        ),
        ("https://hooks.alerts.example\\@10.0.0.1/", "backslash"),
    ] {
        let reply = api
            .put(&path)
            .token(&demo)
            .json(json!({ "url": url }))
            .send()
            .await;
        reply.expect_invalid("url");
        let message = reply.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(why), "{url}: {message}");
    }
    for url in [
        "https://hooks.alerts.example/billing?team=1",
        "https://93.184.215.14:8443/",
        "https://[2606:4700:4700::1111]/",
        "http://127.0.0.1:9/hook",
        "http://localhost:9/hook",
    ] {
        let reply = api
            .put(&path)
            .token(&demo)
            .json(json!({ "url": url }))
            .send()
            .await;
        assert_eq!(reply.expect(200)["key"]["alert_webhook_url"], json!(url));
    }
}

#[tokio::test]
async fn a_name_that_resolves_to_a_refused_address_is_never_dialled() {
    let receiver = Receiver::tls(200).await;
    let (dialled, dial) = dialer(&receiver);
    let names: [(&str, &[&str]); 7] = [
        ("metadata.evil.example", &["169.254.169.254"]),
        ("private.evil.example", &["10.0.0.7"]),
        ("loopback.alerts.example", &["127.0.0.1"]),
        ("mixed.alerts.example", &["93.184.215.14", "192.168.0.10"]),
        ("mapped.evil.example", &["::ffff:169.254.169.254"]),
        ("nat64.evil.example", &["64:ff9b::a9fe:a9fe"]),
        ("ula.evil.example", &["fd00:ec2::254"]),
    ];
    let sandbox = builder()
        .alert_resolver(resolver(&names))
        .alert_dialer(dial)
        .alert_root_certificate(TEST_CA)
        .start()
        .await
        .unwrap();
    let (api, demo) = client_of(&sandbox);
    let mut keys = Vec::new();
    for (name, addresses) in names {
        let (key_id, key) = alerting_key(&api, &demo, &format!("https://{name}/hook")).await;
        spend(&api, &key).await;
        keys.push((key_id, name, addresses[addresses.len() - 1]));
    }
    // Two alerts a key, five attempts each, every one refused.
    let all = deliveries_when(&sandbox, |d| finished(d) == 2 * names.len()).await;
    for (key_id, name, refused) in keys {
        for attempt in of_key(&all, &key_id) {
            assert_eq!(attempt.address, None, "{attempt:#?}");
            let DeliveryOutcome::Refused(why) = &attempt.outcome else {
                panic!("not refused: {attempt:#?}");
            };
            let expected = format!("{name} resolved to a refused address: {refused} is ");
            assert!(why.starts_with(&expected), "{why}");
        }
    }
    assert_eq!(
        *dialled.lock().unwrap(),
        [],
        "a refused address was dialled"
    );
    assert_eq!(receiver.connections(), 0);
}

#[tokio::test]
async fn an_allowed_name_is_dialled_at_the_checked_address_with_tls_for_the_name() {
    let receiver = Receiver::tls(200).await;
    let (dialled, dial) = dialer(&receiver);
    let sandbox = builder()
        .alert_resolver(resolver(&[
            ("hooks.alerts.example", &["93.184.215.14"]),
            ("hooks.other.example", &["93.184.215.15"]),
        ]))
        .alert_dialer(dial)
        .alert_root_certificate(TEST_CA)
        .start()
        .await
        .unwrap();
    let (api, demo) = client_of(&sandbox);
    let url = "https://hooks.alerts.example/billing?team=1";
    let (key_id, key) = alerting_key(&api, &demo, url).await;
    spend(&api, &key).await;
    let delivered = deliveries_when(&sandbox, |d| finished(d) == 2).await;
    let checked: SocketAddr = "93.184.215.14:443".parse().unwrap();
    for attempt in &delivered {
        assert_eq!(
            attempt.outcome,
            DeliveryOutcome::Status(200),
            "{attempt:#?}"
        );
        assert_eq!(attempt.address, Some(checked));
    }
    assert_eq!(*dialled.lock().unwrap(), [checked, checked]);
    let requests = receiver.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.server_name.as_deref(), Some("hooks.alerts.example"));
        let head = request.head.to_ascii_lowercase();
        assert!(
            head.starts_with("post /billing?team=1 http/1.1\r\n"),
            "{head}"
        );
        assert!(
            head.contains("\r\nhost: hooks.alerts.example\r\n"),
            "{head}"
        );
        assert!(head.contains("\r\nwebhook-signature: v1,"), "{head}");
        assert!(request.body.contains(&key_id), "{}", request.body);
    }

    // A name the receiver's certificate is not valid for: dialled (it passed the checks), and
    // refused by TLS, which verifies the URL's name, not the address.
    let (other_id, other) = alerting_key(&api, &demo, "https://hooks.other.example/").await;
    spend(&api, &other).await;
    let all = deliveries_when(&sandbox, |d| finished(d) == 4).await;
    for attempt in of_key(&all, &other_id) {
        assert_eq!(attempt.address, Some("93.184.215.15:443".parse().unwrap()));
        let DeliveryOutcome::Failed(why) = &attempt.outcome else {
            panic!("{attempt:#?}");
        };
        assert!(
            why.starts_with("TLS failed:") && why.contains("certificate"),
            "{why}"
        );
    }
    assert_eq!(
        receiver.requests().len(),
        2,
        "nothing sent over the unverified connection"
    );
}

#[tokio::test]
async fn a_name_that_rebinds_to_loopback_after_the_first_attempt_is_not_dialled_again() {
    let receiver = Receiver::tls(503).await;
    let (dialled, dial) = dialer(&receiver);
    let lookups = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&lookups);
    let sandbox = builder()
        .alert_resolver(move |name: String| {
            // The first answer of each of the two alerts is public; every later one loopback.
            let first = counted.fetch_add(1, Ordering::SeqCst) < 2;
            let address = if first { "93.184.215.14" } else { "127.0.0.1" };
            assert_eq!(name, "rebind.alerts.example");
            std::future::ready(Ok(vec![address.parse().unwrap()]))
        })
        .alert_dialer(dial)
        .alert_root_certificate(TEST_CA)
        .start()
        .await
        .unwrap();
    let (api, demo) = client_of(&sandbox);
    let (_, key) = alerting_key(&api, &demo, "https://rebind.alerts.example/hook").await;
    spend(&api, &key).await;
    let all = deliveries_when(&sandbox, |d| finished(d) == 2).await;
    let public: SocketAddr = "93.184.215.14:443".parse().unwrap();
    for attempt in &all {
        if attempt.attempt == 1 {
            assert_eq!(
                attempt.outcome,
                DeliveryOutcome::Status(503),
                "{attempt:#?}"
            );
            assert_eq!(attempt.address, Some(public));
        } else {
            assert_eq!(
                attempt.outcome,
                DeliveryOutcome::Refused(
                    "rebind.alerts.example resolved to a refused address: 127.0.0.1 is loopback (127.0.0.0/8)"
                        .to_owned()
                ),
                "{attempt:#?}"
            );
            assert_eq!(attempt.address, None);
        }
    }
    assert_eq!(*dialled.lock().unwrap(), [public, public]);
    assert_eq!(
        lookups.load(Ordering::SeqCst),
        10,
        "resolved once per attempt"
    );
    assert_eq!(receiver.requests().len(), 2);
}

#[tokio::test]
async fn a_tls_set_up_that_fails_fails_the_delivery_and_dials_nothing() {
    let receiver = Receiver::tls(200).await;
    let (dialled, dial) = dialer(&receiver);
    let sandbox = builder()
        .alert_resolver(resolver(&[("hooks.alerts.example", &["93.184.215.14"])]))
        .alert_dialer(dial)
        .alert_root_certificate(b"not a certificate".to_vec())
        .start()
        .await
        .unwrap();
    let (api, demo) = client_of(&sandbox);
    let (_, key) = alerting_key(&api, &demo, "https://hooks.alerts.example/hook").await;
    spend(&api, &key).await;
    let all = deliveries_when(&sandbox, |d| finished(d) == 2).await;
    for attempt in &all {
        let DeliveryOutcome::Failed(why) = &attempt.outcome else {
            panic!("{attempt:#?}");
        };
        assert!(why.starts_with("TLS could not be set up: "), "{why}");
        assert_eq!(attempt.address, None);
    }
    assert_eq!(
        *dialled.lock().unwrap(),
        [],
        "dialled without the TLS set-up asked for"
    );
    assert_eq!(receiver.connections(), 0);
}

#[tokio::test]
async fn a_sandbox_shut_down_makes_no_more_attempts() {
    let sandbox = builder()
        .alert_retry_backoff(Duration::from_millis(200))
        .start()
        .await
        .unwrap();
    let (api, demo) = client_of(&sandbox);
    let failing = Receiver::answering(503).await;
    let (_, key) = alerting_key(&api, &demo, &failing.url()).await;
    spend(&api, &key).await;
    deliveries_when(&sandbox, |d| d.len() == 2).await;
    sandbox.shutdown().await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(failing.requests().len(), 2, "retried after the shutdown");
}
