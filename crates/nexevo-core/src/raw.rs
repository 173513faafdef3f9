//! A request by method and path ([`Client::request`]), for tools that speak HTTP to the API
//! (`nexevo api METHOD PATH`) yet want what a typed call does.
//!
//! A method and path the spec describes is that operation: its parameters and body are checked
//! by the operation's generated validators before anything is sent, its body is bounded as the
//! spec says, a request that is not a GET carries an `Idempotency-Key` (the caller's, else a
//! fresh one, the same on every attempt), and it is retried, timed, traced and redacted under
//! the operation's name. A path the spec does not know is refused, unless the caller says
//! [`allow_unknown`](RawRequest::allow_unknown): then it is sent as given, still with the
//! client's credential, retries, time limits and redaction. The path can never leave the
//! client's base URL, so the credential goes nowhere else.

use std::future::IntoFuture;

use nexevo_api::ClientInfo as _;
use reqwest::Method;
use reqwest::header::{HeaderName, HeaderValue};
use serde_json::Value;

use crate::client::{Client, Success};
use crate::error::{Error, Result};
use crate::operation::BoxFuture;
use crate::options::{RequestOptions, fresh_idempotency_key};
use crate::response::{Response, ResponseMeta};
use crate::telemetry::CallTrace;

/// The header that makes a request safe to retry.
const IDEMPOTENCY_KEY: &str = "Idempotency-Key";
/// The header that names the organization a call acts for.
const ORGANIZATION: &str = "Nexevo-Organization";
/// The operation name a request the spec does not describe is traced and retried under.
const RAW: &str = "raw";

/// A request by method and path, built with [`Client::request`] and sent by awaiting it (or
/// [`send`](Self::send)). Answers the body as JSON (`null` when there is none).
///
/// ```no_run
/// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
/// let keys = client.request("GET", "/v1/keys").query("limit", "5").await?;
/// println!("{}", keys["data"]);
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[must_use = "a request does nothing until it is sent or awaited"]
pub struct RawRequest {
    client: Client,
    method: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Value>,
    allow_unknown: bool,
    options: RequestOptions,
}

/// What [`RawRequest`] found the request to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RawTarget {
    /// An operation of the spec.
    Operation(&'static nexevo_api::ApiOperation),
    /// A path the spec does not describe, sent as given
    /// ([`allow_unknown`](RawRequest::allow_unknown)).
    Unknown,
}

impl RawTarget {
    /// What a method and path are: the spec's operation with that method whose path template
    /// the path fills, else [`Unknown`](Self::Unknown).
    ///
    /// ```
    /// use nexevo_core::RawTarget;
    ///
    /// let target = RawTarget::of("DELETE", "/v1/keys/key_5b7e9c");
    /// assert!(matches!(target, RawTarget::Operation(op) if op.id == "revoke_key"));
    /// assert_eq!(RawTarget::of("GET", "/v1/nowhere"), RawTarget::Unknown);
    /// ```
    pub fn of(method: &str, path: &str) -> Self {
        match operation_of(method, path) {
            Some(operation) => Self::Operation(operation),
            None => Self::Unknown,
        }
    }
}

impl Client {
    /// A request by HTTP method and path (`/v1/keys`, a query may follow `?`), for what a
    /// typed call cannot say: a tool's generic command, an endpoint newer than this SDK.
    /// See [`RawRequest`] for what it checks.
    ///
    /// ```
    /// let client = nexevo_core::Client::builder().api_key("nx-test-…").build()?;
    /// let request = client.request("post", "/v1/keys").json(serde_json::json!({"name": "ci"}));
    /// assert!(request.target().is_ok());
    /// # Ok::<(), nexevo_core::Error>(())
    /// ```
    pub fn request(&self, method: &str, path: &str) -> RawRequest {
        let (path, query) = match path.split_once('?') {
            Some((path, query)) => (
                path,
                url::form_urlencoded::parse(query.as_bytes())
                    .map(|(name, value)| (name.into_owned(), value.into_owned()))
                    .collect(),
            ),
            None => (path, Vec::new()),
        };
        RawRequest {
            client: self.clone(),
            method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            query,
            headers: Vec::new(),
            body: None,
            allow_unknown: false,
            options: RequestOptions::default(),
        }
    }
}

impl RawRequest {
    /// Adds a query parameter.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Adds a header (`Idempotency-Key`, say). `Authorization` is the client's: a header of that
    /// name is refused when sent, so a credential cannot be swapped in by accident.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the JSON body.
    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Sends a method and path the spec does not describe as given, rather than refusing it.
    pub fn allow_unknown(mut self, allow: bool) -> Self {
        self.allow_unknown = allow;
        self
    }

    /// The operation of the spec the method and path are, or why the request is refused before
    /// sending: a path that is not a plain absolute path of this API, or (unless
    /// [`allow_unknown`](Self::allow_unknown)) one the spec does not describe.
    pub fn target(&self) -> Result<RawTarget> {
        plain_path(&self.path)?;
        let target = RawTarget::of(&self.method, &self.path);
        if matches!(target, RawTarget::Operation(_)) || self.allow_unknown {
            Ok(target)
        } else {
            Err(Error::UnknownOperation {
                method: self.method.clone(),
                path: self.path.clone(),
            })
        }
    }

    /// Sends the request: checked as [`RawRequest`] says, then as any call is. Answers the body
    /// (`null` when empty; a string when it is not JSON) with the answer's metadata. A status
    /// other than 2xx is the SDK's error for it, as for a typed call.
    pub fn send(self) -> BoxFuture<Result<Response<Value>>> {
        Box::pin(async move {
            let target = self.target()?;
            let method = Method::from_bytes(self.method.as_bytes())
                .map_err(|_| Error::Config(format!("`{}` is not an HTTP method", self.method)))?;
            let (operation, keyed) = match target {
                RawTarget::Operation(operation) => {
                    self.check(operation)?;
                    (operation.id, operation.takes_idempotency_key)
                }
                // Of a request the spec does not describe, only the method says whether a
                // retry could apply it twice.
                RawTarget::Unknown => (RAW, method == Method::POST),
            };
            let url = self.url()?;
            let mut headers = Vec::with_capacity(self.headers.len() + 2);
            for (name, value) in &self.headers {
                let name = HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| Error::Config(format!("`{name}` is not a header name")))?;
                if name == reqwest::header::AUTHORIZATION {
                    return Err(Error::Config(
                        "Authorization is the client's credential; set it on the client".into(),
                    ));
                }
                let value = HeaderValue::from_str(value).map_err(|_| {
                    Error::Config(format!("the value of `{name}` cannot be a header's"))
                })?;
                headers.push((name, value));
            }
            let has = |headers: &[(HeaderName, HeaderValue)], wanted: &str| {
                headers
                    .iter()
                    .any(|(name, _)| name.as_str().eq_ignore_ascii_case(wanted))
            };
            if keyed && !has(&headers, IDEMPOTENCY_KEY) {
                // Made once, here, so every attempt carries the same key.
                let key = HeaderValue::from_str(&fresh_idempotency_key())
                    .map_err(|_| Error::Config("an idempotency key".into()))?;
                headers.push((HeaderName::from_static("idempotency-key"), key));
            }
            if !has(&headers, ORGANIZATION)
                && let Some(organization) = self.client.organization()
            {
                let value = HeaderValue::from_str(organization)
                    .map_err(|_| Error::Config("the organization cannot be a header".into()))?;
                headers.push((HeaderName::from_static("nexevo-organization"), value));
            }
            let body = self.body.as_ref();
            let build = |api: &nexevo_api::Client| {
                // The headers every generated request carries, so that a request by path is
                // the request its operation's call sends.
                let mut request = api
                    .client()
                    .request(method.clone(), url.clone())
                    .header(reqwest::header::ACCEPT, "application/json")
                    .header("api-version", nexevo_api::Client::api_version());
                for (name, value) in &headers {
                    request = request.header(name.clone(), value.clone());
                }
                if let Some(body) = body {
                    request = request.json(body);
                }
                request.build().map_err(nexevo_api::RequestError::from)
            };
            let mut trace =
                CallTrace::http(&self.client.inner.telemetry, operation, method.as_str());
            let (answer, attempts) = self
                .client
                .exchange(&self.options, &mut trace, operation, Success::Any, &build)
                .await?;
            let value = if answer.body.is_empty() {
                Value::Null
            } else {
                serde_json::from_slice(&answer.body).unwrap_or_else(|_| {
                    Value::String(String::from_utf8_lossy(&answer.body).into_owned())
                })
            };
            let meta = ResponseMeta::new(answer.status.as_u16(), answer.headers, attempts);
            Ok(Response::from_parts(value, meta))
        })
    }

    /// The operation's checks, before anything is sent: its validators, and its body's bound.
    fn check(&self, operation: &nexevo_api::ApiOperation) -> Result<()> {
        let bound = path_parameters(operation.path, &self.path);
        let organization = self.client.organization();
        let parameter = |name: &str| -> Option<&str> {
            bound
                .iter()
                .find(|(bound, _)| *bound == name)
                .map(|(_, value)| *value)
                .or_else(|| {
                    self.query
                        .iter()
                        .find(|(query, _)| query == name)
                        .map(|(_, value)| value.as_str())
                })
                .or_else(|| {
                    self.headers
                        .iter()
                        .find(|(header, _)| header.eq_ignore_ascii_case(name))
                        .map(|(_, value)| value.as_str())
                })
                .or_else(|| organization.filter(|_| name.eq_ignore_ascii_case(ORGANIZATION)))
        };
        if let Some(outcome) =
            nexevo_api::validate::requests::check(operation.id, &parameter, self.body.as_ref())
        {
            outcome?;
        }
        if let (Some(max), Some(body)) = (operation.max_request_bytes, &self.body) {
            let size = serde_json::to_vec(body).map_or(0, |bytes| bytes.len());
            if u64::try_from(size).unwrap_or(u64::MAX) > max {
                return Err(nexevo_api::ValidationError::at_field(
                    "body",
                    nexevo_api::validation::Rule::MaxSerializedBytes(max),
                )
                .into());
            }
        }
        Ok(())
    }

    /// The full URL: the client's base URL, the path, the query.
    fn url(&self) -> Result<reqwest::Url> {
        let mut url = reqwest::Url::parse(&format!("{}{}", self.client.base_url(), self.path))
            .map_err(|error| Error::Config(format!("`{}` makes no URL: {error}", self.path)))?;
        if !self.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&self.query);
        }
        Ok(url)
    }
}

impl IntoFuture for RawRequest {
    type Output = Result<Value>;
    type IntoFuture = BoxFuture<Result<Value>>;

    fn into_future(self) -> Self::IntoFuture {
        let sent = self.send();
        Box::pin(async move { sent.await.map(Response::into_value) })
    }
}

/// Refuses a path that could leave the API: not absolute, a scheme or host, `.`/`..`
/// segments, empty segments, a fragment, or characters a path does not carry as they are.
fn plain_path(path: &str) -> Result<()> {
    let refused = |why: &str| Err(Error::Config(format!("path `{path}` {why}")));
    if !path.starts_with('/') {
        return refused("must start with `/` (`/v1/keys`)");
    }
    if path.len() > 2048 {
        return refused("is longer than 2048 characters");
    }
    if path.contains("//") || path.contains('#') || path.contains('\\') {
        return refused("has an empty segment, a `#` or a `\\`");
    }
    // A URL parser reads `%2e` as `.`, so `/v1/%2e%2e/x` is `/x`: refused in every spelling.
    if path.split('/').any(|segment| {
        let dots = segment.to_ascii_lowercase().replace("%2e", ".");
        dots == "." || dots == ".."
    }) {
        return refused("has a `.` or `..` segment");
    }
    if path
        .bytes()
        .any(|byte| byte.is_ascii_control() || byte == b' ' || !byte.is_ascii())
    {
        return refused("has spaces, controls or characters to percent-encode first");
    }
    Ok(())
}

/// The operation of the spec with this method and a path template `path` fills.
fn operation_of(method: &str, path: &str) -> Option<&'static nexevo_api::ApiOperation> {
    nexevo_api::OPERATIONS.iter().find(|operation| {
        operation.method.eq_ignore_ascii_case(method) && path_parameters_match(operation.path, path)
    })
}

/// Whether `path` fills `template`, segment by segment (`{key_id}` takes one non-empty segment).
fn path_parameters_match(template: &str, path: &str) -> bool {
    let mut templates = template.split('/');
    let mut segments = path.split('/');
    loop {
        match (templates.next(), segments.next()) {
            (None, None) => return true,
            (Some(wanted), Some(given)) => {
                let parameter = wanted.starts_with('{') && wanted.ends_with('}');
                if (parameter && given.is_empty()) || (!parameter && wanted != given) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// The path parameters `path` gives `template`: each `{name}` and its segment.
fn path_parameters<'a>(template: &'a str, path: &'a str) -> Vec<(&'a str, &'a str)> {
    template
        .split('/')
        .zip(path.split('/'))
        .filter_map(|(wanted, given)| {
            wanted
                .strip_prefix('{')
                .and_then(|name| name.strip_suffix('}'))
                .map(|name| (name, given))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Client {
        Client::builder()
            .base_url("http://127.0.0.1:9")
            .api_key("nx-test-raw")
            .build()
            .unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn a_method_and_path_of_the_spec_is_its_operation() {
        let target = client().request("get", "/v1/keys/key_5b7e9c").target();
        assert!(
            matches!(target, Ok(RawTarget::Operation(op)) if op.id == "get_key"),
            "{target:?}"
        );
        let unknown = client().request("GET", "/v1/nothing-here").target();
        assert!(
            matches!(unknown, Err(Error::UnknownOperation { .. })),
            "{unknown:?}"
        );
        let allowed = client()
            .request("GET", "/v1/nothing-here")
            .allow_unknown(true)
            .target();
        assert!(matches!(allowed, Ok(RawTarget::Unknown)), "{allowed:?}");
    }

    #[test]
    fn a_path_that_could_leave_the_api_is_refused_even_when_unknown_is_allowed() {
        for path in [
            "v1/keys",
            "//evil.example/v1/keys",
            "/v1/../admin",
            "/v1/./keys",
            "/v1/%2e%2e/admin",
            "/v1/.%2E/admin",
            "/v1/keys#x",
            "/v1/ke ys",
            "/v1\\keys",
        ] {
            let target = client().request("GET", path).allow_unknown(true).target();
            assert!(
                matches!(target, Err(Error::Config(_))),
                "{path}: {target:?}"
            );
        }
    }

    #[test]
    fn path_parameters_are_read_by_the_template() {
        assert_eq!(
            path_parameters(
                "/v1/orgs/{org_id}/members/{user_id}",
                "/v1/orgs/org_1/members/u_2"
            ),
            [("org_id", "org_1"), ("user_id", "u_2")]
        );
        assert!(!path_parameters_match("/v1/keys/{key_id}", "/v1/keys/"));
    }
}
