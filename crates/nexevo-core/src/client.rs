//! The client: configuration, credentials, and the one place every call goes through.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue, USER_AGENT};
use secrecy::{ExposeSecret, SecretString};

use crate::body::BodyLimits;
use crate::error::{Error, Result};
use crate::retry::RetryPolicy;
use crate::sender::RequestSender;

/// Nexevo's production API.
pub const DEFAULT_BASE_URL: &str = "https://api.nexevo.ai";

/// The `User-Agent` the SDK sends (after the application's own, when one is set).
pub const SDK_USER_AGENT: &str = concat!("nexevo-rust/", env!("CARGO_PKG_VERSION"));

/// How long to wait, never unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Establishing a connection (applies to the client the SDK builds).
    pub connect: Duration,
    /// One attempt of an ordinary call, from sending to the last byte of the answer.
    pub request: Duration,
    /// For streams, the longest silence between chunks (and before the answer's head, and for
    /// the whole of an error answer's body). Any bytes re-arm it, keep-alive comments too: a
    /// model thinking for minutes behind a proxy that pings is alive.
    pub stream_idle: Duration,
    /// For streams, a total deadline from the answer's head to `[DONE]`: `None` (the default),
    /// so a long completion is never cut off while it keeps talking. Set it to bound a server
    /// that only ever sends keep-alives; passing it ends the stream with
    /// [`StreamError::Deadline`](crate::StreamError::Deadline).
    pub stream_deadline: Option<Duration>,
}

impl Default for Timeouts {
    /// Connect 10 s; an ordinary call 120 s per attempt (a non-streamed completion can be
    /// slow); 60 s of silence in a stream.
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            request: Duration::from_secs(120),
            stream_idle: Duration::from_secs(60),
            stream_deadline: None,
        }
    }
}

/// A Nexevo client. Cheap to clone (one `Arc`); clones share one connection pool. `Send`,
/// `Sync`, and every future it returns is `Send + 'static`.
///
/// ```no_run
/// # fn demo() -> nexevo_core::Result<()> {
/// let client = nexevo_core::Client::builder()
///     .api_key("nx-live-…")
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

#[derive(Clone)]
pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    /// What sends instead of `http`, when something should (a test double, a recorder).
    pub(crate) sender: Option<Arc<dyn RequestSender>>,
    /// Builds each operation's request (`<operation>_request`); never sends one itself.
    pub(crate) api: nexevo_api::Client,
    /// The spec's secret headers (`nexevo_api::SECRET_HEADERS`), parsed once rather than on
    /// every request.
    pub(crate) secret_headers: Box<[HeaderName]>,
    pub(crate) base_url: String,
    /// `Bearer …`, marked sensitive so reqwest never shows it: the credential's only copy.
    pub(crate) authorization: Option<HeaderValue>,
    pub(crate) organization: Option<String>,
    pub(crate) timeouts: Timeouts,
    pub(crate) retry: RetryPolicy,
    pub(crate) user_agent: HeaderValue,
    pub(crate) body_limits: BodyLimits,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field(
                "credential",
                &self.inner.authorization.as_ref().map(|_| "[REDACTED]"),
            )
            .field("organization", &self.inner.organization)
            .field("timeouts", &self.inner.timeouts)
            .field("retry", &self.inner.retry)
            .field("body_limits", &self.inner.body_limits)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`]. Every setting has a sane default; only the credential is usually set.
#[derive(Default)]
pub struct ClientBuilder {
    credential: Option<SecretString>,
    base_url: Option<String>,
    organization: Option<String>,
    timeouts: Timeouts,
    retry: RetryPolicy,
    body_limits: BodyLimits,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    sender: Option<Arc<dyn RequestSender>>,
    allow_insecure_http: bool,
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
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Authenticate with an API key (`nx-…`).
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().api_key("nx-live-…").build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn api_key(mut self, key: impl Into<SecretString>) -> Self {
        self.credential = Some(key.into());
        self
    }

    /// Authenticate with a session token from a login.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().session_token("nxs_…").build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn session_token(mut self, token: impl Into<SecretString>) -> Self {
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

    /// All timeouts at once.
    ///
    /// ```
    /// use std::time::Duration;
    /// let timeouts = nexevo_core::Timeouts { request: Duration::from_secs(30), ..Default::default() };
    /// let client = nexevo_core::Client::builder().timeouts(timeouts).build()?;
    /// assert_eq!(client.timeouts().request, Duration::from_secs(30));
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// The connect timeout (for the client the SDK builds).
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

    /// The per-attempt timeout of ordinary calls.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let client = nexevo_core::Client::builder().timeout(Duration::from_secs(20)).build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.request = timeout;
        self
    }

    /// The longest silence a stream may have.
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

    /// A total deadline for every stream (see [`Timeouts::stream_deadline`]; none by default).
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
    /// let client = nexevo_core::Client::builder().from_env().timeout(Duration::from_secs(30)).build()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn from_env(mut self) -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        if self.credential.is_none() {
            self.credential = var("NEXEVO_API_KEY").map(SecretString::from);
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
        let api = nexevo_api::Client::new_with_client(
            &base_url,
            http.clone(),
            Arc::new(nexevo_api::DirectTransport),
        );
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
                user_agent,
                body_limits: self.body_limits,
            }),
        })
    }
}

impl Client {
    /// A builder with the defaults.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().api_key("nx-live-…").build()?;
    /// assert_eq!(client.base_url(), nexevo_core::DEFAULT_BASE_URL);
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client from `NEXEVO_API_KEY` (required), `NEXEVO_BASE_URL` and `NEXEVO_ORGANIZATION`.
    ///
    /// ```no_run
    /// let client = nexevo_core::Client::from_env()?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn from_env() -> Result<Self> {
        let builder = ClientBuilder::default().from_env();
        if builder.credential.is_none() {
            return Err(Error::Config("NEXEVO_API_KEY is not set".into()));
        }
        builder.build()
    }

    /// The base URL calls go to.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().base_url("http://127.0.0.1:8080/").build()?;
    /// assert_eq!(client.base_url(), "http://127.0.0.1:8080");
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The organization calls act on, if one is set.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().build()?;
    /// assert_eq!(client.organization(), None);
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn organization(&self) -> Option<&str> {
        self.inner.organization.as_deref()
    }

    /// The timeouts in force.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().build()?;
    /// assert_eq!(client.timeouts(), nexevo_core::Timeouts::default());
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn timeouts(&self) -> Timeouts {
        self.inner.timeouts
    }

    /// The same client authenticated with another credential (a session token from a login,
    /// say). Shares this client's connection pool and settings.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().api_key("nx-live-…").build()?;
    /// let as_session = client.with_credential("nxs_…")?;
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn with_credential(&self, credential: impl Into<SecretString>) -> Result<Self> {
        let authorization = bearer(&credential.into())?;
        Ok(self.derive(|inner| inner.authorization = Some(authorization)))
    }

    /// The same client acting on another organization (or, with `None`, on the caller's own
    /// account). Shares this client's connection pool.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().build()?;
    /// let for_acme = client.with_organization(Some("org_4f8a2c"));
    /// assert_eq!(for_acme.organization(), Some("org_4f8a2c"));
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn with_organization(&self, org_id: Option<&str>) -> Self {
        self.derive(|inner| inner.organization = org_id.map(str::to_owned))
    }

    /// The organization to send as `Nexevo-Organization`, checked with the spec's validator for
    /// that header: a malformed one is a validation error and nothing is sent. (Only the areas
    /// that send the header call this, so an organization set on a client used for other areas
    /// is never checked or sent.)
    ///
    /// ```
    /// # fn check(org: &str) -> Result<(), nexevo_core::ValidationError> { Ok(()) }
    /// let client = nexevo_core::Client::builder().organization("org_4f8a2c").build()?;
    /// assert_eq!(client.organization_header(check)?.as_deref(), Some("org_4f8a2c"));
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    #[doc(hidden)]
    pub fn organization_header(
        &self,
        validate: fn(&str) -> std::result::Result<(), nexevo_api::ValidationError>,
    ) -> Result<Option<&str>> {
        match self.organization() {
            Some(org) => {
                validate(org)?;
                Ok(Some(org))
            }
            None => Ok(None),
        }
    }

    fn derive(&self, change: impl FnOnce(&mut Inner)) -> Self {
        let mut inner = Inner::clone(&self.inner);
        change(&mut inner);
        Self {
            inner: Arc::new(inner),
        }
    }

    /// The `Idempotency-Key` for a POST: the caller's, checked with the spec's validator for
    /// that header (a malformed one is a validation error and nothing is sent), else a fresh
    /// random UUID. The same key is sent on every attempt of the call, so a create whose
    /// answer was lost can be retried safely.
    ///
    /// ```
    /// use nexevo_core::Client;
    /// # fn check(key: &str) -> Result<(), nexevo_core::ValidationError> { Ok(()) }
    /// assert_eq!(Client::idempotency_key(Some("mine".into()), check)?, "mine");
    /// assert_ne!(Client::idempotency_key(None, check)?, Client::idempotency_key(None, check)?);
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    #[doc(hidden)]
    pub fn idempotency_key(
        given: Option<String>,
        validate: fn(&str) -> std::result::Result<(), nexevo_api::ValidationError>,
    ) -> Result<String> {
        crate::options::key_or_fresh(given.as_deref(), validate)
    }

    pub(crate) fn user_agent(&self) -> &HeaderValue {
        &self.inner.user_agent
    }

    /// The largest answer bodies this client reads.
    pub fn body_limits(&self) -> BodyLimits {
        self.inner.body_limits
    }

    pub(crate) fn retry_policy(&self) -> RetryPolicy {
        self.inner.retry
    }

    pub(crate) fn authorization(&self) -> Option<&HeaderValue> {
        self.inner.authorization.as_ref()
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    pub(crate) fn api(&self) -> &nexevo_api::Client {
        &self.inner.api
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

/// Whether `url` names this machine: `localhost` and its subdomains (which resolve to loopback
/// by RFC 6761), `127.0.0.0/8`, `[::1]` and its IPv4-mapped forms. The URL parser has already
/// read every spelling of an address (`2130706433`, `0x7f.1`) as the address it is.
pub(crate) fn is_loopback(url: &reqwest::Url) -> bool {
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

/// The `Authorization` value for `credential`, marked sensitive so reqwest never shows it.
fn bearer(credential: &SecretString) -> Result<HeaderValue> {
    let mut value = HeaderValue::from_str(&format!("Bearer {}", credential.expose_secret()))
        .map_err(|_| Error::Config("the credential has characters a header cannot carry".into()))?;
    value.set_sensitive(true);
    Ok(value)
}

/// Sets the SDK's `User-Agent` on a request unless it has one.
pub(crate) fn set_user_agent(request: &mut reqwest::Request, agent: &HeaderValue) {
    request
        .headers_mut()
        .entry(USER_AGENT)
        .or_insert_with(|| agent.clone());
}
