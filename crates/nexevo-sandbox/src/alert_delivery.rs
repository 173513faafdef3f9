//! How an alert reaches its receiver, bounded and only where it may go. At most
//! `queue` alerts are pending at once (waiting, being sent, or waiting to retry): one fired
//! past that is dropped and counted. At most `concurrency` attempts are in flight, each with
//! one connection. An attempt checks the URL (`delivery_guard`), resolves its host once
//! (through the injectable resolver), checks every address it resolved to, and dials only
//! those addresses (through the injectable dialer); then TLS verified for the URL's host name,
//! one HTTP/1.1 POST, and its status. No proxy, no redirect, no connection kept; the answer's
//! body is never read. Reads only `delivery_guard` and `delivery_log`.

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use futures_util::future::BoxFuture;
use hyper::Request;
use hyper::header::{CONTENT_LENGTH, HOST};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, SemaphorePermit};
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
use tokio_rustls::rustls::{ClientConfig, crypto};
use url::Host;

use crate::delivery_guard::{Destination, destination};
use crate::delivery_log::DeliveryOutcome;

/// How many alert delivery attempts are in flight at once, by default.
pub const DEFAULT_ALERT_CONCURRENCY: usize = 16;

/// How many alerts may be pending at once (waiting, being sent, or waiting to retry), by
/// default.
pub const DEFAULT_ALERT_QUEUE_CAPACITY: usize = 1024;

/// Resolves a host name to its addresses.
pub(crate) type Resolve =
    Arc<dyn Fn(String) -> BoxFuture<'static, io::Result<Vec<IpAddr>>> + Send + Sync>;

/// Opens a TCP connection to an address.
pub(crate) type Dial =
    Arc<dyn Fn(SocketAddr) -> BoxFuture<'static, io::Result<TcpStream>> + Send + Sync>;

/// How alerts are delivered: the sandbox's settings.
#[derive(Clone)]
pub(crate) struct DeliverySettings {
    /// The wait before an alert's second attempt (doubling after).
    pub(crate) backoff: Duration,
    /// How long an attempt may take, from resolving the host to the answer's status.
    pub(crate) timeout: Duration,
    /// The most attempts in flight at once.
    pub(crate) concurrency: usize,
    /// The most alerts pending at once.
    pub(crate) queue_capacity: usize,
    pub(crate) resolve: Resolve,
    pub(crate) dial: Dial,
    /// Root certificates (DER) trusted beside the system's.
    pub(crate) extra_roots: Vec<Vec<u8>>,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        Self {
            backoff: Duration::from_secs(1),
            timeout: Duration::from_secs(10),
            concurrency: DEFAULT_ALERT_CONCURRENCY,
            queue_capacity: DEFAULT_ALERT_QUEUE_CAPACITY,
            resolve: Arc::new(|host| Box::pin(system_resolve(host))),
            dial: Arc::new(|address| Box::pin(TcpStream::connect(address))),
            extra_roots: Vec::new(),
        }
    }
}

impl fmt::Debug for DeliverySettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeliverySettings")
            .field("backoff", &self.backoff)
            .field("timeout", &self.timeout)
            .field("concurrency", &self.concurrency)
            .field("queue_capacity", &self.queue_capacity)
            .field("extra_roots", &self.extra_roots.len())
            .finish_non_exhaustive()
    }
}

/// The system's resolver (`getaddrinfo`, on a blocking thread).
async fn system_resolve(host: String) -> io::Result<Vec<IpAddr>> {
    let addresses = tokio::net::lookup_host((host.as_str(), 0)).await?;
    Ok(addresses.map(|address| address.ip()).collect())
}

/// The sandbox's alert delivery: its settings, its bounds, and its TLS set-up.
#[derive(Debug)]
pub(crate) struct AlertDelivery {
    settings: DeliverySettings,
    /// A permit per pending alert.
    pending: Arc<Semaphore>,
    /// A permit per attempt in flight.
    in_flight: Semaphore,
    /// Built on the first `https://` attempt: most sandboxes deliver only to the test mode.
    tls: OnceLock<Result<Arc<ClientConfig>, String>>,
}

/// What one attempt came to, and the address it connected to, if any.
#[derive(Debug)]
pub(crate) struct Attempted {
    pub(crate) outcome: DeliveryOutcome,
    pub(crate) address: Option<SocketAddr>,
}

impl AlertDelivery {
    pub(crate) fn new(settings: DeliverySettings) -> Self {
        Self {
            pending: Arc::new(Semaphore::new(settings.queue_capacity)),
            in_flight: Semaphore::new(settings.concurrency),
            settings,
            tls: OnceLock::new(),
        }
    }

    /// The wait before an alert's second attempt.
    pub(crate) fn backoff(&self) -> Duration {
        self.settings.backoff
    }

    /// A place for one more pending alert, held until it is done; none when the queue is full.
    pub(crate) fn enqueue(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.pending).try_acquire_owned().ok()
    }

    /// Stops delivering: no attempt starts after this (one in flight runs to its end), so
    /// every pending alert ends at its next turn, unrecorded.
    pub(crate) fn stop(&self) {
        self.in_flight.close();
    }

    /// A place among the attempts in flight, once one is free, held for the attempt; none
    /// when delivery has stopped.
    pub(crate) async fn place_in_flight(&self) -> Option<SemaphorePermit<'_>> {
        self.in_flight.acquire().await.ok()
    }

    /// One attempt to POST `body` with `headers` to `url` (in a place in flight).
    pub(crate) async fn attempt(
        &self,
        url: &str,
        headers: &[(&'static str, &str)],
        body: &str,
    ) -> Attempted {
        let destination = match destination(url) {
            Ok(destination) => destination,
            Err(rule) => {
                return Attempted {
                    outcome: DeliveryOutcome::Refused(format!("the URL {rule}")),
                    address: None,
                };
            }
        };
        let mut address = None;
        let sent = tokio::time::timeout(
            self.settings.timeout,
            self.send(&destination, headers, body, &mut address),
        )
        .await;
        let outcome = match sent {
            Ok(Ok(status)) => DeliveryOutcome::Status(status),
            Ok(Err(outcome)) => outcome,
            Err(_) => {
                DeliveryOutcome::Failed(format!("no answer within {:?}", self.settings.timeout))
            }
        };
        Attempted { outcome, address }
    }

    /// Resolves, checks, dials, and sends; `dialled` is set to the address connected to.
    async fn send(
        &self,
        destination: &Destination,
        headers: &[(&'static str, &str)],
        body: &str,
        dialled: &mut Option<SocketAddr>,
    ) -> Result<u16, DeliveryOutcome> {
        let addresses = self.checked_addresses(destination).await?;
        let tls = if destination.tls {
            Some(self.tls_connector()?)
        } else {
            None
        };
        let (stream, address) = self.dial(&addresses).await?;
        *dialled = Some(address);
        let mut request = Request::post(destination.target.as_str())
            .header(HOST, destination.authority.as_str())
            .header(CONTENT_LENGTH, body.len());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(body.to_owned())
            .map_err(|error| failed("the request could not be built", error))?;
        let Some(tls) = tls else {
            return exchange(stream, request).await;
        };
        let server_name = match &destination.host {
            Host::Domain(name) => ServerName::try_from(name.clone())
                .map_err(|error| failed("not a name TLS accepts", error))?,
            Host::Ipv4(ip) => ServerName::from(IpAddr::V4(*ip)),
            Host::Ipv6(ip) => ServerName::from(IpAddr::V6(*ip)),
        };
        let stream = tls
            .connect(server_name, stream)
            .await
            .map_err(|error| failed("TLS failed", error))?;
        exchange(stream, request).await
    }

    /// The addresses of the destination's host, resolved once, every one of them allowed.
    async fn checked_addresses(
        &self,
        destination: &Destination,
    ) -> Result<Vec<SocketAddr>, DeliveryOutcome> {
        let addresses = match &destination.host {
            Host::Ipv4(ip) => vec![IpAddr::V4(*ip)],
            Host::Ipv6(ip) => vec![IpAddr::V6(*ip)],
            // The test mode's `localhost` is loopback by definition (RFC 6761), not by DNS.
            Host::Domain(_) if !destination.tls => {
                vec![
                    IpAddr::V4(Ipv4Addr::LOCALHOST),
                    IpAddr::V6(Ipv6Addr::LOCALHOST),
                ]
            }
            Host::Domain(name) => {
                let resolved = (self.settings.resolve)(name.clone())
                    .await
                    .map_err(|error| failed(&format!("{name} could not be resolved"), error))?;
                if resolved.is_empty() {
                    return Err(DeliveryOutcome::Failed(format!(
                        "{name} resolved to no address"
                    )));
                }
                resolved
            }
        };
        // One refused address refuses the name: a name that answers a public address beside
        // an internal one is as likely a rebinding attempt as a mistake.
        if let Some(why) = addresses.iter().find_map(|ip| destination.refuses(*ip)) {
            return Err(DeliveryOutcome::Refused(match &destination.host {
                Host::Domain(name) => format!("{name} resolved to a refused address: {why}"),
                _ => why,
            }));
        }
        Ok(addresses
            .into_iter()
            .map(|ip| SocketAddr::new(ip, destination.port))
            .collect())
    }

    /// A connection to the first of `addresses` that accepts one.
    async fn dial(
        &self,
        addresses: &[SocketAddr],
    ) -> Result<(TcpStream, SocketAddr), DeliveryOutcome> {
        let mut why = String::new();
        for address in addresses {
            match (self.settings.dial)(*address).await {
                Ok(stream) => return Ok((stream, *address)),
                Err(error) => why = format!("could not connect to {address}: {error}"),
            }
        }
        Err(DeliveryOutcome::Failed(why))
    }

    /// The TLS connector, built once; if it cannot be built, every `https://` attempt fails
    /// (no other client stands in for it).
    fn tls_connector(&self) -> Result<TlsConnector, DeliveryOutcome> {
        self.tls
            .get_or_init(|| tls_config(&self.settings.extra_roots))
            .clone()
            .map(TlsConnector::from)
            .map_err(|why| DeliveryOutcome::Failed(format!("TLS could not be set up: {why}")))
    }
}

/// The SDK's TLS stack: rustls, the platform's verifier (the system's roots and `extra_roots`),
/// HTTP/1.1 only.
fn tls_config(extra_roots: &[Vec<u8>]) -> Result<Arc<ClientConfig>, String> {
    let provider = Arc::new(crypto::aws_lc_rs::default_provider());
    let roots = extra_roots
        .iter()
        .map(|der| CertificateDer::from(der.clone()));
    let verifier =
        rustls_platform_verifier::Verifier::new_with_extra_roots(roots, Arc::clone(&provider))
            .map_err(|error| error.to_string())?;
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| error.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// Sends `request` on `stream` and answers its status; the connection ends with the call.
async fn exchange<S>(stream: S, request: Request<String>) -> Result<u16, DeliveryOutcome>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|error| failed("HTTP failed", error))?;
    let answer = sender.send_request(request);
    tokio::pin!(answer, connection);
    let ended = tokio::select! {
        biased;
        answer = &mut answer => return status_of(answer),
        ended = &mut connection => ended,
    };
    // The poll that ended the connection may have handed its answer over.
    match (answer.await, ended) {
        (Ok(answer), _) => Ok(answer.status().as_u16()),
        (Err(_), Err(error)) | (Err(error), Ok(())) => Err(failed("HTTP failed", error)),
    }
}

fn status_of<B>(answer: hyper::Result<hyper::Response<B>>) -> Result<u16, DeliveryOutcome> {
    answer
        .map(|answer| answer.status().as_u16())
        .map_err(|error| failed("HTTP failed", error))
}

/// A failure, with the error and each of its sources (hyper's own say little: "error
/// trying to connect").
fn failed(what: &str, error: impl std::error::Error) -> DeliveryOutcome {
    let mut why = format!("{what}: {error}");
    let mut source = error.source();
    while let Some(cause) = source {
        why.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    DeliveryOutcome::Failed(why)
}
