//! What a client is: its shared state and how it shows. A leaf of the client's modules, so
//! the builder that makes one and the methods that use one both read it and it reads neither.

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderName, HeaderValue};

use nexevo_api::Secret;

use crate::body::BodyLimits;
use crate::error::{Error, Result};
use crate::http_trace::{HttpObserver, Redactor};
use crate::retry::{RetryObserver, RetryPolicy};
use crate::sender::RequestSender;
use crate::telemetry;
use crate::time_limits::Timeouts;

/// Nexevo's production API.
pub const DEFAULT_BASE_URL: &str = "https://api.nexevo.ai";

/// The `User-Agent` the SDK sends (after the application's own, when one is set).
pub const SDK_USER_AGENT: &str = concat!("nexevo-rust/", env!("CARGO_PKG_VERSION"));

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
    /// Told of each retry before its wait.
    pub(crate) on_retry: Option<RetryObserver>,
    /// Told of each exchange, secrets redacted.
    pub(crate) on_http: Option<HttpObserver>,
    /// Build each call's request, tell `on_http`, and send nothing ([`Error::DryRun`]).
    pub(crate) dry_run: bool,
    pub(crate) user_agent: HeaderValue,
    pub(crate) body_limits: BodyLimits,
    /// What each call records about itself, and where its metrics go.
    pub(crate) telemetry: telemetry::Settings,
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

impl Inner {
    /// What redacts this client's exchanges in a trace: its credential, and the spec's secret
    /// headers.
    pub(crate) fn redactor(&self) -> Redactor<'_> {
        let credential = self
            .authorization
            .as_ref()
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "));
        Redactor {
            credential,
            secret_headers: &self.secret_headers,
        }
    }
}

/// The `Authorization` value for `credential`, marked sensitive so reqwest never shows it.
pub(super) fn bearer(credential: &Secret) -> Result<HeaderValue> {
    let mut value = HeaderValue::from_str(&format!("Bearer {}", credential.expose()))
        .map_err(|_| Error::Config("the credential has characters a header cannot carry".into()))?;
    value.set_sensitive(true);
    Ok(value)
}
