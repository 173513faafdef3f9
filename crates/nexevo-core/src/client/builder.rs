//! Building a [`Client`]: its settings, and the checks that keep its credential safe.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use nexevo_api::Secret;
use reqwest::header::{HeaderName, HeaderValue};

use super::state::{Client, DEFAULT_BASE_URL, Inner, SDK_USER_AGENT, bearer};
use crate::body::BodyLimits;
use crate::error::{Error, Result};
use crate::http_trace::{HttpEvent, HttpObserver};
use crate::retry::{RetryNotice, RetryObserver, RetryPolicy};
use crate::sender::RequestSender;
use crate::telemetry;
use crate::time_limits::Timeouts;

/// Builds a [`Client`]. Every setting has a sane default; only the credential is usually set.
#[derive(Default)]
pub struct ClientBuilder {
    credential: Option<Secret>,
    base_url: Option<String>,
    organization: Option<String>,
    timeouts: Timeouts,
    retry: RetryPolicy,
    on_retry: Option<RetryObserver>,
    on_http: Option<HttpObserver>,
    dry_run: bool,
    body_limits: BodyLimits,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    sender: Option<Arc<dyn RequestSender>>,
    allow_insecure_http: bool,
    capture_message_content: bool,
    #[cfg(feature = "otel")]
    meter: Option<opentelemetry::metrics::Meter>,
}

/// The variable that opts in to plain `http://` base URLs beyond this machine (`1` or `true`).
pub const ALLOW_INSECURE_HTTP_VAR: &str = "NEXEVO_ALLOW_INSECURE_HTTP";

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field(
                "credential",
                &self.credential.as_ref().map(|_| "[REDACTED]"),
            )
            .field("base_url", &self.base_url)
            .field("organization", &self.organization)
            .field("timeouts", &self.timeouts)
            .field("retry", &self.retry)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("capture_message_content", &self.capture_message_content)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Whether a credential is set (from the builder or the environment).
    pub(super) fn has_credential(&self) -> bool {
        self.credential.is_some()
    }

    /// Authenticate with an API key (`nx-…`).
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().api_key("nx-live-…").build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn api_key(mut self, key: impl Into<Secret>) -> Self {
        self.credential = Some(key.into());
        self
    }

    /// Authenticate with a session token from a login.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().session_token("nxs_…").build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn session_token(mut self, token: impl Into<Secret>) -> Self {
        self.credential = Some(token.into());
        self
    }

    /// Talk to another server (the sandbox, say): a URL without the `/v1` path.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().base_url("http://127.0.0.1:8080").build()?;
    /// assert_eq!(client.base_url(), "http://127.0.0.1:8080");
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Allow a plain `http://` base URL to a host other than this machine (default: refused
    /// with [`Error::InsecureBaseUrl`], as the credential and every prompt would cross the
    /// network unencrypted). For a network you trust, such as a gateway inside your own
    /// cluster; `NEXEVO_ALLOW_INSECURE_HTTP=1` does the same through [`from_env`](Self::from_env).
    /// Loopback (`localhost`, `127.0.0.0/8`, `[::1]`) needs no opt-in.
    ///
    /// ```
    /// use nexevo_core::{Client, Error};
    /// let refused = Client::builder().base_url("http://gateway.internal:8080").build();
    /// assert!(matches!(refused, Err(Error::InsecureBaseUrl { .. })));
    /// let client = Client::builder()
    ///     .base_url("http://gateway.internal:8080")
    ///     .allow_insecure_http(true)
    ///     .build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Act on this organization's keys and billing (sent as `Nexevo-Organization`).
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().organization("org_4f8a2c").build()?;
    /// assert_eq!(client.organization(), Some("org_4f8a2c"));
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn organization(mut self, org_id: impl Into<String>) -> Self {
        self.organization = Some(org_id.into());
        self
    }

    /// All time limits at once (see the table on [`Timeouts`]).
    ///
    /// ```
    /// use std::time::Duration;
    /// let timeouts = nexevo_core::Timeouts { attempt: Duration::from_secs(30), ..Default::default() };
    /// let client = nexevo_core::Client::builder().timeouts(timeouts).build()?;
    /// assert_eq!(client.timeouts().attempt, Duration::from_secs(30));
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// How long establishing a connection may take ([`Timeouts::connect`]; for the client the
    /// SDK builds).
    ///
    /// ```
    /// # use std::time::Duration;
    /// let client = nexevo_core::Client::builder().connect_timeout(Duration::from_secs(3)).build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.connect = timeout;
        self
    }

    /// How long each attempt of a call may take ([`Timeouts::attempt`]): to the last byte of its
    /// answer; for a stream, to its head.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let client = nexevo_core::Client::builder().attempt_timeout(Duration::from_secs(20)).build()?;
    /// assert_eq!(client.timeouts().attempt, Duration::from_secs(20));
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.attempt = timeout;
        self
    }

    /// How long every call may take in all, its retries and the waits between them included
    /// ([`Timeouts::call_deadline`]; none by default).
    ///
    /// ```
    /// # use std::time::Duration;
    /// let client = nexevo_core::Client::builder().call_deadline(Duration::from_secs(30)).build()?;
    /// assert_eq!(client.timeouts().call_deadline, Some(Duration::from_secs(30)));
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn call_deadline(mut self, deadline: Duration) -> Self {
        self.timeouts.call_deadline = Some(deadline);
        self
    }

    /// The longest silence a stream may have ([`Timeouts::stream_idle`]).
    ///
    /// ```
    /// # use std::time::Duration;
    /// let client = nexevo_core::Client::builder().stream_idle_timeout(Duration::from_secs(90)).build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn stream_idle_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.stream_idle = timeout;
        self
    }

    /// A total deadline for every stream ([`Timeouts::stream_deadline`]; none by default).
    ///
    /// ```
    /// # use std::time::Duration;
    /// let client = nexevo_core::Client::builder().stream_deadline(Duration::from_secs(600)).build()?;
    /// assert_eq!(client.timeouts().stream_deadline, Some(Duration::from_secs(600)));
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn stream_deadline(mut self, deadline: Duration) -> Self {
        self.timeouts.stream_deadline = Some(deadline);
        self
    }

    /// The largest answer bodies the client reads (see [`BodyLimits`]).
    pub fn body_limits(mut self, limits: BodyLimits) -> Self {
        self.body_limits = limits;
        self
    }

    /// How failed attempts are retried.
    ///
    /// ```
    /// use nexevo_core::RetryPolicy;
    /// let client = nexevo_core::Client::builder().retry_policy(RetryPolicy::default().max_retries(5)).build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Calls `observe` before each retry's wait, with the call, the attempt that failed, its
    /// status, and how long the SDK waits (the server's `Retry-After` when it said): to show a
    /// countdown, count retries, or log them. It runs on the call's task, so keep it short.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder()
    ///     .on_retry(|notice| eprintln!("{} retries in {:?}", notice.operation, notice.wait))
    ///     .build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn on_retry(mut self, observe: impl Fn(&RetryNotice) + Send + Sync + 'static) -> Self {
        self.on_retry = Some(Arc::new(observe));
        self
    }

    /// Calls `observe` with each request before it is sent and each answer as it arrives, every
    /// secret redacted (the credential, the spec's secret headers and body properties): a
    /// debugging trace, as `nexevo --debug` prints. A streamed answer's body is not shown. It
    /// runs on the call's task, so keep it short.
    ///
    /// ```
    /// use nexevo_core::HttpEvent;
    ///
    /// let client = nexevo_core::Client::builder()
    ///     .on_http(|event| match event {
    ///         HttpEvent::Request(request) => eprintln!("> {} {}", request.method, request.url),
    ///         HttpEvent::Response(answer) => eprintln!("< {}", answer.status),
    ///         _ => {}
    ///     })
    ///     .build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn on_http(mut self, observe: impl Fn(&HttpEvent) + Send + Sync + 'static) -> Self {
        self.on_http = Some(Arc::new(observe));
        self
    }

    /// Makes every call a dry run: its arguments are checked and its request built as for
    /// real, shown to [`on_http`](Self::on_http), and not sent; the call fails with
    /// [`Error::DryRun`]. For a tool that shows what it would send (`nexevo --dry-run`).
    ///
    /// ```
    /// # async fn demo() {
    /// let client = nexevo_core::Client::builder().dry_run(true).build().unwrap();
    /// # let _ = client;
    /// # }
    /// ```
    pub fn dry_run(mut self, dry_run: bool) -> Self {
        self.dry_run = dry_run;
        self
    }

    /// Records what chat calls send and answer — prompts, answers, tool definitions, tool
    /// arguments and results — on their spans, as the OpenTelemetry conventions' opt-in
    /// `gen_ai.input.messages`, `gen_ai.output.messages` and `gen_ai.tool.definitions` (JSON
    /// text). Off by default: content is often personal or confidential, and a trace backend
    /// keeps it. No secret is recorded either way (see [`telemetry`](crate::telemetry)).
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().capture_message_content(true).build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn capture_message_content(mut self, capture: bool) -> Self {
        self.capture_message_content = capture;
        self
    }

    /// Records the client's GenAI metrics (token usage, durations, time to the first chunk,
    /// cost: see [`telemetry`](crate::telemetry)) on `provider`'s meter, scope `nexevo`.
    /// Without it, on the global meter provider as it is when the client is built.
    ///
    /// ```
    /// let provider = opentelemetry::metrics::noop::NoopMeterProvider::new();
    /// let client = nexevo_core::Client::builder().meter_provider(&provider).build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    #[cfg(feature = "otel")]
    pub fn meter_provider<P: opentelemetry::metrics::MeterProvider + ?Sized>(
        mut self,
        provider: &P,
    ) -> Self {
        self.meter = Some(telemetry::meter(provider));
        self
    }

    /// Your application's name and version, sent before the SDK's in `User-Agent`.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().user_agent("my-app/1.2").build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = Some(agent.into());
        self
    }

    /// Use this `reqwest::Client` (its pool, proxy and TLS settings). Its own timeouts apply
    /// in addition to the SDK's; its connect timeout replaces [`ClientBuilder::connect_timeout`].
    ///
    /// Build it with redirects off (`redirect(reqwest::redirect::Policy::none())`), as the
    /// SDK's own client is: reqwest's default follows them, and a redirect to another host
    /// would carry the request's secrets there (it drops only `Authorization`). Whatever its
    /// policy, a 3xx that reaches the SDK is [`Error::Redirect`].
    ///
    /// ```
    /// let http = reqwest::Client::builder()
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .pool_max_idle_per_host(4)
    ///     .build()?;
    /// let client = nexevo_core::Client::builder().http_client(http).build()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Sends every attempt through `sender` instead of HTTP: for tests of your own code
    /// against canned answers (credentials, retries and decoding still run as for real).
    ///
    /// ```
    /// use nexevo_core::{BoxFuture, RequestSender};
    ///
    /// #[derive(Debug)]
    /// struct Canned;
    /// impl RequestSender for Canned {
    ///     fn send(&self, _: reqwest::Request) -> BoxFuture<reqwest::Result<reqwest::Response>> {
    ///         let answer = http::Response::builder().status(503).body(reqwest::Body::from("{}")).unwrap();
    ///         Box::pin(async move { Ok(reqwest::Response::from(answer)) })
    ///     }
    /// }
    /// let client = nexevo_core::Client::builder().sender(Canned).build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn sender(mut self, sender: impl RequestSender) -> Self {
        self.sender = Some(Arc::new(sender));
        self
    }

    /// Fills unset fields from `NEXEVO_API_KEY`, `NEXEVO_BASE_URL` and `NEXEVO_ORGANIZATION`,
    /// and opts in to plain `http://` beyond this machine when `NEXEVO_ALLOW_INSECURE_HTTP` is
    /// `1` or `true` (see [`allow_insecure_http`](Self::allow_insecure_http)).
    ///
    /// ```
    /// # use std::time::Duration;
    /// let client = nexevo_core::Client::builder().from_env().attempt_timeout(Duration::from_secs(30)).build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn from_env(mut self) -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        if self.credential.is_none() {
            self.credential = var("NEXEVO_API_KEY").map(Secret::from);
        }
        if self.base_url.is_none() {
            self.base_url = var("NEXEVO_BASE_URL");
        }
        if self.organization.is_none() {
            self.organization = var("NEXEVO_ORGANIZATION");
        }
        if insecure_http_allowed_by_env() {
            self.allow_insecure_http = true;
        }
        self
    }

    /// Checks the settings and builds the client.
    ///
    /// ```
    /// assert!(nexevo_core::Client::builder().base_url("not a url").build().is_err());
    /// ```
    pub fn build(self) -> Result<Client> {
        let base_url = self.base_url.unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
        let parsed = reqwest::Url::parse(&base_url)
            .map_err(|e| Error::Config(format!("base URL {base_url:?} is not a URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(Error::Config(format!(
                "base URL {base_url:?} must be an http(s) URL with a host"
            )));
        }
        let base_url = base_url.trim_end_matches('/').to_owned();
        if parsed.scheme() == "http" && !self.allow_insecure_http && !is_loopback(&parsed) {
            return Err(Error::InsecureBaseUrl { base_url });
        }
        let authorization = self.credential.as_ref().map(bearer).transpose()?;
        let agent = match &self.user_agent {
            Some(app) => format!("{app} {SDK_USER_AGENT}"),
            None => SDK_USER_AGENT.to_owned(),
        };
        let user_agent = HeaderValue::from_str(&agent).map_err(|_| {
            Error::Config(format!("user agent {agent:?} is not a valid header value"))
        })?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                // An API answers; it does not send a client elsewhere with its secrets.
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(self.timeouts.connect)
                .pool_idle_timeout(Duration::from_secs(90))
                .build()
                .map_err(|e| Error::Config(format!("the HTTP client could not be built: {e}")))?,
        };
        // Builds each operation's request; the SDK sends them itself (`send_once`).
        let api = nexevo_api::Client::new_with_client(&base_url, http.clone());
        #[cfg(feature = "otel")]
        let meter = self
            .meter
            .unwrap_or_else(|| telemetry::meter(&*opentelemetry::global::meter_provider()));
        let telemetry = telemetry::Settings {
            server_address: parsed.host_str().unwrap_or_default().into(),
            server_port: parsed.port_or_known_default().unwrap_or_default(),
            capture_content: self.capture_message_content,
            #[cfg(feature = "otel")]
            instruments: Arc::new(telemetry::Instruments::new(&meter)),
        };
        Ok(Client {
            inner: Arc::new(Inner {
                sender: self.sender,
                api,
                secret_headers: nexevo_api::SECRET_HEADERS
                    .iter()
                    .filter_map(|name| HeaderName::from_bytes(name.as_bytes()).ok())
                    .collect(),
                http,
                base_url,
                authorization,
                organization: self.organization,
                timeouts: self.timeouts,
                retry: self.retry,
                on_retry: self.on_retry,
                on_http: self.on_http,
                dry_run: self.dry_run,
                user_agent,
                body_limits: self.body_limits,
                telemetry,
            }),
        })
    }
}

/// Whether `NEXEVO_ALLOW_INSECURE_HTTP` opts in to plain `http://` beyond this machine (`1`,
/// `true` or `yes`): what [`ClientBuilder::from_env`] reads, for tools that layer their own
/// settings (the `nexevo` CLI).
pub fn insecure_http_allowed_by_env() -> bool {
    std::env::var(ALLOW_INSECURE_HTTP_VAR).is_ok_and(|value| {
        matches!(
            value.trim().to_ascii_lowercase().as_str(),
            "1" | "true" | "yes"
        )
    })
}

/// Whether `url` names this machine, where plain `http://` is allowed without opting in:
/// `localhost` and its subdomains (which resolve to loopback by RFC 6761), `127.0.0.0/8`,
/// `[::1]` and its IPv4-mapped forms, however the address is spelt (`2130706433`, `0x7f.1`).
/// Text that is not a URL names no machine.
///
/// ```
/// assert!(nexevo_core::is_loopback_url("http://127.0.0.1:8080"));
/// assert!(nexevo_core::is_loopback_url("http://localhost/v1"));
/// assert!(!nexevo_core::is_loopback_url("https://api.nexevo.ai"));
/// ```
pub fn is_loopback_url(url: &str) -> bool {
    reqwest::Url::parse(url).is_ok_and(|parsed| is_loopback(&parsed))
}

/// [`is_loopback_url`] of a parsed URL. The URL parser has already read every spelling of an
/// address as the address it is.
fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(address)) => address.is_loopback(),
        Ok(std::net::IpAddr::V6(address)) => {
            address.is_loopback() || address.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Err(_) => {
            let name = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
    }
}
