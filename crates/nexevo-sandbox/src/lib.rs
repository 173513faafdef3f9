//! A local, stateful Nexevo: every operation of the API, in memory, on `127.0.0.1`.
//!
//! Start one in a test, point a client at [`Sandbox::base_url`], and use the ready demo account
//! (an API key with a balance) or [`Sandbox::create_account`] for more. Chat completions need no
//! model: the reply is derived from the request and priced by a documented table (see the
//! pricing notes in its README), so balances, usage and feedback behave as they would against
//! Nexevo. The README also says what makes it safe to run on a developer's machine (loopback
//! hosts only, JSON bodies only, read only once authenticated and up to their operation's stated
//! size, slow heads and bodies cut off, connections capped below the descriptor limit, spend
//! alerts sent only to checked public addresses) and how its state is kept bounded.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sandbox = nexevo_sandbox::Sandbox::start().await?;
//! let key = sandbox.demo().api_key.expose();
//! let balance = reqwest::Client::new()
//!     .get(format!("{}/v1/billing/balance", sandbox.base_url()))
//!     .bearer_auth(key)
//!     .send()
//!     .await;
//! # Ok(()) }
//! ```
//!
//! Tests of failure handling can make it misbehave ([`Sandbox::faults`]: 5xx, 429, delays,
//! connection resets before or after handling, malformed bodies, broken streams) and read what
//! reached it ([`Sandbox::counters`]: requests received and applied per operation).

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

mod alert_delivery;
mod alerts;
mod attempts;
mod context;
mod contract;
mod counters;
mod delivery_guard;
mod delivery_log;
mod errors;
mod extract;
mod faults;
mod handlers;
mod idempotency;
mod idempotency_store;
mod layers;
mod pricing;
mod router;
mod routing;
mod seeded;
mod server;
mod state;
mod structured;

use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use nexevo_api::Secret;
use nexevo_api::types::GeoPolicy;
use rust_decimal::Decimal;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use alert_delivery::{DEFAULT_ALERT_CONCURRENCY, DEFAULT_ALERT_QUEUE_CAPACITY};
pub use contract::UndocumentedAnswer;
pub use counters::Counters;
pub use delivery_log::{DeliveryOutcome, WebhookDelivery};
pub use faults::{Fault, FaultPlan, FaultRule, ParseFaultError};
pub use idempotency_store::{
    DEFAULT_RECORD_BYTES, DEFAULT_RECORD_BYTES_PER_CREDENTIAL, DEFAULT_RECORDS_PER_CREDENTIAL,
    DEFAULT_UNAUTHENTICATED_RECORDS,
};
pub use server::{DEFAULT_BODY_READ_TIMEOUT, DEFAULT_HEADER_READ_TIMEOUT, DEFAULT_MAX_CONNECTIONS};
pub use state::{OUTBOX_CAPACITY, SentEmail};

use alert_delivery::DeliverySettings;
use context::{App, RateLimit, Settings};
use idempotency_store::RecordCaps;
use routing::learned::RoutingSettings;
use server::ConnectionLimits;

/// The operations of the spec this sandbox implements, by id (as in `nexevo_api::OPERATIONS`),
/// in spec order. Any other operation of the spec answers 501 `not_implemented`, naming it.
pub fn implemented_operations() -> Vec<&'static str> {
    router::implemented_operations()
}

/// The demo account's email.
pub const DEMO_EMAIL: &str = "demo@nexevo.dev";
/// The demo account's password.
pub const DEMO_PASSWORD: &str = "sandbox-demo-password";

/// An account in the sandbox, with its credentials.
#[derive(Debug, Clone)]
pub struct Account {
    /// The user's id (`u_…`).
    pub user_id: String,
    /// The login email.
    pub email: String,
    /// The login password.
    pub password: Secret,
    /// A full API key of the account, usable as the Bearer token.
    pub api_key: Secret,
}

/// A running sandbox. It stops when dropped or [shut down](Sandbox::shutdown).
pub struct Sandbox {
    base_url: String,
    app: Arc<App>,
    demo: Account,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
    connections: Arc<AtomicU64>,
    max_connections: usize,
    strict_contract: bool,
}

/// The variable that makes every sandbox [strict about the contract](SandboxBuilder::strict_contract)
/// (`1`): the sandbox's own test suite sets it for every test (`.cargo/config.toml`).
pub const STRICT_CONTRACT_VAR: &str = "NEXEVO_SANDBOX_STRICT_CONTRACT";

/// Options for a sandbox.
#[derive(Debug, Clone)]
pub struct SandboxBuilder {
    port: u16,
    rate_limit: RateLimit,
    demo_balance: Decimal,
    faults: Vec<FaultRule>,
    unimplemented: Vec<String>,
    record_caps: RecordCaps,
    allowed_hosts: Vec<String>,
    connections: ConnectionLimits,
    alert_delivery: DeliverySettings,
    strict_contract: Option<bool>,
    routing: RoutingSettings,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        Self {
            port: 0,
            rate_limit: RateLimit {
                limit: 100_000,
                window: Duration::from_secs(60),
            },
            demo_balance: Decimal::new(10_000, 2),
            faults: Vec::new(),
            unimplemented: Vec::new(),
            record_caps: RecordCaps::default(),
            allowed_hosts: Vec::new(),
            connections: ConnectionLimits::default(),
            alert_delivery: DeliverySettings::default(),
            strict_contract: None,
            routing: RoutingSettings::default(),
        }
    }
}

impl SandboxBuilder {
    /// Listen on this port of 127.0.0.1 (default: one the OS assigns).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Allow `limit` requests per `window` per credential before answering 429 (default:
    /// 100,000 a minute, so only fault rules cause 429s unless you lower it).
    pub fn rate_limit(mut self, limit: u32, window: Duration) -> Self {
        self.rate_limit = RateLimit { limit, window };
        self
    }

    /// The demo account's starting balance in USD (default `100.00`).
    pub fn demo_balance(mut self, balance: Decimal) -> Self {
        self.demo_balance = balance;
        self
    }

    /// Starts with this fault rule active.
    pub fn fault(mut self, rule: FaultRule) -> Self {
        self.faults.push(rule);
        self
    }

    /// Answers `operation` (an id of `nexevo_api::OPERATIONS`) as one the sandbox does not
    /// implement: 501 `not_implemented`, naming it, counted and faultable like any other. For
    /// testing how your code handles a server that lacks an operation of the spec.
    pub fn unimplemented(mut self, operation: impl Into<String>) -> Self {
        self.unimplemented.push(operation.into());
        self
    }

    /// Keep at most `per_credential` `Idempotency-Key` records per credential and
    /// `unauthenticated` for all requests without a credential the sandbox issued, forgetting
    /// the oldest first (defaults [`DEFAULT_RECORDS_PER_CREDENTIAL`] and
    /// [`DEFAULT_UNAUTHENTICATED_RECORDS`]). Records are kept 24 hours of the sandbox's clock.
    pub fn idempotency_caps(mut self, per_credential: usize, unauthenticated: usize) -> Self {
        self.record_caps.per_credential = per_credential.max(1);
        self.record_caps.unauthenticated = unauthenticated.max(1);
        self
    }

    /// Keep `Idempotency-Key` records holding at most `per_credential` bytes per credential
    /// (and for all requests without a credential the sandbox issued, together) and `total`
    /// in all (defaults [`DEFAULT_RECORD_BYTES_PER_CREDENTIAL`] and [`DEFAULT_RECORD_BYTES`]).
    /// Past a cap the oldest answers are dropped; their records stay, so a repeat of their key
    /// is refused with a 409 `conflict` rather than applied again. An answer larger than a
    /// cap (a long stream) is answered but never kept. Each record counts about 1 KiB besides
    /// its answer.
    pub fn idempotency_byte_caps(mut self, per_credential: usize, total: usize) -> Self {
        self.record_caps.bytes_per_credential = per_credential;
        self.record_caps.bytes = total;
        self
    }

    /// Also answer requests addressed to this host name (say, a container's name behind a
    /// proxy of your own). By default only loopback names and addresses are answered —
    /// `localhost`, `*.localhost`, `127.0.0.0/8`, `[::1]` — and any other `Host` gets 421, so
    /// a web page cannot drive the sandbox through DNS rebinding.
    pub fn allow_host(mut self, host: impl Into<String>) -> Self {
        self.allowed_hosts.push(host.into().to_ascii_lowercase());
        self
    }

    /// Serve at most this many connections at once (default
    /// [`DEFAULT_MAX_CONNECTIONS`]); further ones wait in the listen queue until one closes.
    /// It is lowered, when the sandbox starts, to what the process's limit on open descriptors
    /// leaves room for (three quarters of it, keeping at most 256 back), so that accepting never
    /// runs out of descriptors; [`Sandbox::max_connections`] says what it is. The sandbox does
    /// not raise the limit itself (the `nexevo-sandbox` binary does, to the hard limit).
    pub fn max_connections(mut self, connections: usize) -> Self {
        self.connections.max = connections.max(1);
        self
    }

    /// Close a connection whose request head has not fully arrived within this time (default
    /// [`DEFAULT_HEADER_READ_TIMEOUT`]): a slow client cannot hold a connection open for ever.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.connections.header_read_timeout = timeout;
        self
    }

    /// Answer `408` and close the connection when a request's body has not fully arrived within
    /// this time of its head (default [`DEFAULT_BODY_READ_TIMEOUT`]): a client sending a byte
    /// now and then cannot hold a connection for ever.
    pub fn body_read_timeout(mut self, timeout: Duration) -> Self {
        self.connections.body_read_timeout = timeout;
        self
    }

    /// Wait this long before an alert delivery's second attempt, twice as long before each
    /// next (default 1 s; five attempts in all).
    pub fn alert_retry_backoff(mut self, backoff: Duration) -> Self {
        self.alert_delivery.backoff = backoff;
        self
    }

    /// How long an alert delivery attempt may take, from resolving the webhook's host to the
    /// receiver's status, before it counts as failed and is retried (default 10 s).
    pub fn alert_attempt_timeout(mut self, timeout: Duration) -> Self {
        self.alert_delivery.timeout = timeout;
        self
    }

    /// Make at most this many alert delivery attempts at once, each on a connection of its own
    /// (default [`DEFAULT_ALERT_CONCURRENCY`]); the others wait their turn. A slow receiver,
    /// or many keys crossing a threshold at once, holds no more connections than this.
    pub fn alert_concurrency(mut self, attempts: usize) -> Self {
        self.alert_delivery.concurrency = attempts.max(1);
        self
    }

    /// Keep at most this many alerts pending at once — waiting their turn, being sent, or
    /// waiting to retry (default [`DEFAULT_ALERT_QUEUE_CAPACITY`]). An alert that fires while
    /// the queue is full is dropped unsent and counted ([`Sandbox::alerts_dropped`]); the
    /// alerts already pending go on.
    pub fn alert_queue_capacity(mut self, alerts: usize) -> Self {
        self.alert_delivery.queue_capacity = alerts.max(1);
        self
    }

    /// Resolve alert webhooks' host names with `resolve` rather than the system's resolver
    /// (`getaddrinfo`): for tests, to point a name at the addresses you choose — a private one
    /// to see it refused, a public one to see it checked and dialled (with
    /// [`alert_dialer`](Self::alert_dialer), so nothing leaves your machine). Called once per
    /// attempt, and every address it answers is checked like the system's: an `https://`
    /// alert goes to public addresses only, and one refused address refuses the attempt. The
    /// test mode's `localhost` is loopback without asking.
    pub fn alert_resolver<F, Fut>(mut self, resolve: F) -> Self
    where
        F: Fn(String) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = io::Result<Vec<IpAddr>>> + Send + 'static,
    {
        self.alert_delivery.resolve = Arc::new(move |host| Box::pin(resolve(host)));
        self
    }

    /// Open alert deliveries' connections with `dial` rather than by connecting to the
    /// address: for tests, to see which address a delivery dials and to hand it a receiver of
    /// your own on loopback instead. It is given only addresses that passed the checks, and
    /// what it answers is used as the connection to that address (TLS, if `https://`, is
    /// verified for the URL's host name all the same).
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// use std::net::IpAddr;
    /// use std::sync::{Arc, Mutex};
    ///
    /// let receiver = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    /// let at = receiver.local_addr()?;
    /// let dialled = Arc::new(Mutex::new(Vec::new()));
    /// let record = Arc::clone(&dialled);
    /// let sandbox = nexevo_sandbox::Sandbox::builder()
    ///     // As far as this sandbox knows, `hooks.example.com` is a public address…
    ///     .alert_resolver(|name| async move {
    ///         match name.as_str() {
    ///             "hooks.example.com" => Ok(vec![IpAddr::from([93, 184, 215, 14])]),
    ///             _ => Err(std::io::Error::other("unknown name")),
    ///         }
    ///     })
    ///     // …and a connection to a checked address reaches the receiver on loopback.
    ///     .alert_dialer(move |checked| {
    ///         record.lock().unwrap_or_else(|e| e.into_inner()).push(checked);
    ///         tokio::net::TcpStream::connect(at)
    ///     })
    ///     .start()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn alert_dialer<F, Fut>(mut self, dial: F) -> Self
    where
        F: Fn(SocketAddr) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = io::Result<TcpStream>> + Send + 'static,
    {
        self.alert_delivery.dial = Arc::new(move |address| Box::pin(dial(address)));
        self
    }

    /// Trust this root certificate (DER) for `https://` alert webhooks, beside the system's
    /// roots: for a test receiver with a certificate of its own. One that does not parse fails
    /// every `https://` attempt, recorded as failed: no other TLS set-up stands in for it.
    pub fn alert_root_certificate(mut self, der: impl Into<Vec<u8>>) -> Self {
        self.alert_delivery.extra_roots.push(der.into());
        self
    }

    /// Fail loudly when the sandbox answers a status its operation does not document: dropping
    /// the sandbox then panics, listing them (unless the thread is already panicking), so the
    /// test that drove it fails. Default: on when [`STRICT_CONTRACT_VAR`] is `1`. Statuses a
    /// fault rule forces are never counted. [`Sandbox::undocumented_answers`] lists them
    /// either way.
    pub fn strict_contract(mut self, strict: bool) -> Self {
        self.strict_contract = Some(strict);
        self
    }

    /// Seeds the router's exploration draws (default 0): the same seed, the same choices for
    /// the same requests and feedback.
    pub fn routing_seed(mut self, seed: u64) -> Self {
        self.routing.seed = seed;
        self
    }

    /// The share of a payer's tier requests, once it has rated any, that go to a backend other
    /// than the best-scored one (default 0.1, as the service does); from 0 to 1, else
    /// [`SandboxBuilder::start`] fails.
    pub fn exploration_rate(mut self, rate: f64) -> Self {
        self.routing.exploration = rate;
        self
    }

    /// Whether the router learns from feedback (default on). Off, every tier request goes to
    /// its tier's first backend, with `routing_reason: default`.
    pub fn learning(mut self, learning: bool) -> Self {
        self.routing.learning = learning;
        self
    }

    /// The most payers whose routing scores are kept (default 10,000); past it, the least
    /// recently routed or rated payer's are forgotten.
    pub fn routing_payers_cap(mut self, payers: usize) -> Self {
        self.routing.max_payers = payers;
        self
    }

    /// Starts the sandbox on the current Tokio runtime.
    pub async fn start(self) -> io::Result<Sandbox> {
        if !(0.0..=1.0).contains(&self.routing.exploration) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "the exploration rate must be from 0 to 1, not {}",
                    self.routing.exploration
                ),
            ));
        }
        // Made now rather than at the first login with an unknown email, which would be slower.
        handlers::passwords::dummy_hash();
        let faults = Arc::new(FaultPlan::default());
        for rule in self.faults {
            faults.push(rule);
        }
        let app = Arc::new(App::new(
            faults,
            Settings {
                rate_limit: self.rate_limit,
                record_caps: self.record_caps,
                allowed_hosts: self.allowed_hosts,
                alert_delivery: self.alert_delivery,
                routing: self.routing,
            },
        ));
        let demo = create_account(
            &app,
            DEMO_EMAIL,
            DEMO_PASSWORD,
            self.demo_balance,
            Some("Demo User"),
        )
        .map_err(io::Error::other)?;
        let mut limits = self.connections;
        if let Some(descriptors) = server::descriptor_limit() {
            limits.max = limits.max.min(server::connections_within(descriptors));
        }
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let (shutdown, on_shutdown) = oneshot::channel();
        let connections = Arc::new(AtomicU64::new(0));
        let server = tokio::spawn(server::serve(
            listener,
            router::router(Arc::clone(&app), &self.unimplemented),
            on_shutdown,
            Arc::clone(&connections),
            limits,
        ));
        Ok(Sandbox {
            base_url,
            app,
            demo,
            shutdown: Some(shutdown),
            server: Some(server),
            connections,
            max_connections: limits.max,
            strict_contract: self.strict_contract.unwrap_or_else(|| {
                std::env::var(STRICT_CONTRACT_VAR).is_ok_and(|value| value.trim() == "1")
            }),
        })
    }
}

impl Sandbox {
    /// Options for a sandbox.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// Starts a sandbox with the defaults on an OS-assigned port.
    pub async fn start() -> io::Result<Self> {
        Self::builder().start().await
    }

    /// Where it listens, without a trailing slash: `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The ready demo account: [`DEMO_EMAIL`], [`DEMO_PASSWORD`], an API key and $100.00.
    pub fn demo(&self) -> &Account {
        &self.demo
    }

    /// Creates an account with an API key and a starting balance.
    pub fn create_account(
        &self,
        email: &str,
        password: &str,
        balance: Decimal,
    ) -> Result<Account, SandboxError> {
        create_account(&self.app, email, password, balance, None)
    }

    /// The fault plan: push rules to make requests fail, clear it to stop.
    pub fn faults(&self) -> &FaultPlan {
        &self.app.faults
    }

    /// The `X-Nexevo-Retry-Count` of each request of `operation` that carried one, in arrival
    /// order: `[1, 2]` after a call that succeeded on its third attempt. A first attempt
    /// carries none.
    pub fn retry_counts(&self, operation: &str) -> Vec<u32> {
        self.app.counters.retry_counts(operation)
    }

    /// What reached the sandbox for one operation (its generated method name, e.g.
    /// `create_key`).
    pub fn counters(&self, operation: &str) -> Counters {
        self.app.counters.get(operation)
    }

    /// What reached the sandbox, over every operation.
    pub fn total_counters(&self) -> Counters {
        self.app.counters.total()
    }

    /// The most connections it serves at once: [`SandboxBuilder::max_connections`], lowered to
    /// what the process's descriptor limit leaves room for.
    pub fn max_connections(&self) -> usize {
        self.max_connections
    }

    /// How many TCP connections the sandbox has accepted (a client that pools its connections
    /// makes few).
    pub fn connections_accepted(&self) -> u64 {
        self.connections.load(Ordering::Relaxed)
    }

    /// The answers so far whose status their operation does not document in the spec (the
    /// first 64): the sandbox breaking its own contract. Statuses a fault rule forced are not
    /// among them.
    pub fn undocumented_answers(&self) -> Vec<UndocumentedAnswer> {
        self.app.contract.all()
    }

    /// Sets every counter back to zero.
    pub fn reset_counters(&self) {
        self.app.counters.reset();
    }

    /// The emails the sandbox has "sent" (password resets and organizations' invitations, with
    /// their tokens), oldest first: the latest [`OUTBOX_CAPACITY`].
    pub fn outbox(&self) -> Vec<SentEmail> {
        self.app.store.lock().outbox.iter().cloned().collect()
    }

    /// Every attempt to deliver a spend alert so far (the latest 10,000), oldest first: what
    /// was sent, signed how, to which address, and what came of it — the receiver's status, a
    /// failure, a refusal (an address alerts may not reach: nothing was dialled), or the alert
    /// given up (its webhook changed).
    pub fn webhook_deliveries(&self) -> Vec<WebhookDelivery> {
        self.app.deliveries.all()
    }

    /// How many alerts were dropped unsent because the queue was full (see
    /// [`SandboxBuilder::alert_queue_capacity`]).
    pub fn alerts_dropped(&self) -> u64 {
        self.app.deliveries.dropped()
    }

    /// How many `Idempotency-Key` records the sandbox keeps now (see
    /// [`SandboxBuilder::idempotency_caps`]).
    pub fn idempotency_records(&self) -> usize {
        self.app.idempotency.len()
    }

    /// How many bytes the `Idempotency-Key` records hold now, as their byte caps count them
    /// (see [`SandboxBuilder::idempotency_byte_caps`]).
    pub fn idempotency_bytes(&self) -> usize {
        self.app.idempotency.bytes()
    }

    /// How many rate-limit windows the sandbox keeps now: one per credential it issued that
    /// sent a request within the window, and one for all others.
    pub fn rate_limit_windows(&self) -> usize {
        self.app
            .rate_windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }

    /// How many sessions the sandbox keeps now, expired ones included until pruned — a test
    /// hook.
    #[doc(hidden)]
    pub fn sessions_kept(&self) -> usize {
        self.app.store.lock().sessions.len()
    }

    /// How many password-reset tokens the sandbox keeps now — a test hook.
    #[doc(hidden)]
    pub fn reset_tokens_kept(&self) -> usize {
        self.app.store.lock().reset_tokens.len()
    }

    /// How many counts of wrong two-factor codes the sandbox keeps now (per account and
    /// client, and per account) — a test hook.
    #[doc(hidden)]
    pub fn two_factor_counts_kept(&self) -> usize {
        self.app.store.lock().two_factor_attempts.len()
    }

    /// How many payers the router keeps learning state for (a test hook: bounded by
    /// [`SandboxBuilder::routing_payers_cap`]).
    pub fn routing_payers_kept(&self) -> usize {
        self.app.store.lock().learner.payers_kept()
    }

    /// How many password hashes the sandbox has verified (logins and password checks) — a
    /// test hook: a login with an unknown email verifies one too.
    #[doc(hidden)]
    pub fn password_verifications(&self) -> u64 {
        self.app
            .password_verifications
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Moves the sandbox's clock forward (sessions expire, a new month resets spend caps), at
    /// most 7,000 years ahead of the real time. TOTP codes stay on the real clock, as an
    /// authenticator app's are.
    pub fn advance_clock(&self, by: Duration) {
        self.app.store.advance_clock(by);
    }

    /// Stops accepting connections and closes the open ones.
    pub async fn shutdown(mut self) {
        self.stop();
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }

    fn stop(&mut self) {
        self.app.alert_delivery.stop();
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

impl std::fmt::Debug for Sandbox {
    /// Where it listens and its demo account; never its data (which holds secrets).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("base_url", &self.base_url)
            .field("demo", &self.demo)
            .field("connections_accepted", &self.connections_accepted())
            .finish_non_exhaustive()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.stop();
        if let Some(server) = self.server.take() {
            server.abort();
        }
        if self.strict_contract && !std::thread::panicking() {
            let undocumented = self.undocumented_answers();
            if !undocumented.is_empty() {
                // Strictness is what the caller asked for: the test that drove it fails.
                #[allow(clippy::panic)]
                {
                    panic!(
                        "the sandbox answered statuses its operations do not document in the \
                         spec: {undocumented:?}"
                    );
                }
            }
        }
    }
}

/// A sandbox operation that could not be done.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SandboxError {
    /// An account with this email exists.
    EmailTaken(String),
    /// The email or password breaks the API's rules.
    Invalid(String),
}

impl std::fmt::Display for SandboxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::EmailTaken(email) => {
                write!(f, "an account with the email {email} already exists")
            }
            Self::Invalid(why) => write!(f, "invalid account: {why}"),
        }
    }
}

impl std::error::Error for SandboxError {}

fn create_account(
    app: &App,
    email: &str,
    password: &str,
    balance: Decimal,
    full_name: Option<&str>,
) -> Result<Account, SandboxError> {
    let email = email.to_lowercase();
    // The spec's rules for a registration, as the API would check them.
    nexevo_api::Validate::validate(&nexevo_api::types::RegisterRequest {
        email: nexevo_api::types::Email(email.clone()),
        full_name: full_name.map(str::to_owned),
        password: Secret::new(password),
        invitation_token: None,
    })
    .map_err(|e| SandboxError::Invalid(e.to_string()))?;
    let hash = handlers::passwords::hash(password).map_err(|e| SandboxError::Invalid(e.message))?;
    let now = app.store.now();
    let mut data = app.store.lock();
    if data.user_by_email.contains_key(&email) {
        return Err(SandboxError::EmailTaken(email));
    }
    let user_id = handlers::auth::create_user(
        &mut data,
        &email,
        full_name.map(str::to_owned),
        hash,
        balance,
        None,
        now,
    );
    let (api_key, _) = handlers::keys::issue_key(
        &mut data,
        &user_id,
        None,
        "sandbox".into(),
        None,
        GeoPolicy::Any,
        now,
    );
    Ok(Account {
        user_id,
        email,
        password: Secret::new(password),
        api_key: Secret::new(api_key),
    })
}

/// The README's examples, compiled as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
