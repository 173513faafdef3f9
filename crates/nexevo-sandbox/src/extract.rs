//! What handlers take from a request: the authenticated caller, the organization context, a
//! validated JSON body, validated query and path parameters.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use nexevo_api::types::{ErrorCode, OrgRole};
use nexevo_api::validation::Rule;
use nexevo_api::{Validate, ValidationError};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::context::{App, BodyDeadline, OperationId, ReadBody, RequestId};
use crate::errors::{ApiError, ApiResult};
use crate::idempotency_store::Scope;
use crate::state::{Data, Payer, secret_hash};

/// The request's context: its id and operation, and the counters to mark it applied.
pub(crate) struct Ctx {
    pub(crate) app: Arc<App>,
    pub(crate) request_id: String,
    pub(crate) operation: &'static str,
}

impl Ctx {
    /// Records that this request changed the sandbox's state.
    pub(crate) fn applied(&self) {
        self.app.counters.applied(self.operation);
    }
}

impl FromRequestParts<Arc<App>> for Ctx {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &Arc<App>,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self {
            app: Arc::clone(app),
            request_id: parts
                .extensions
                .get::<RequestId>()
                .map(|r| r.0.clone())
                .unwrap_or_default(),
            operation: parts
                .extensions
                .get::<OperationId>()
                .map(|o| o.0)
                .unwrap_or("unknown"),
        })
    }
}

/// How the caller authenticated.
#[derive(Debug, Clone)]
pub(crate) enum Credential {
    Session {
        token_hash: String,
    },
    /// An API key, and the organization it was created for (it acts for that one only).
    Key {
        key_id: String,
        org_id: Option<String>,
    },
}

/// The authenticated caller: an active user, by session token or API key.
#[derive(Debug, Clone)]
pub(crate) struct Caller {
    pub(crate) user_id: String,
    pub(crate) credential: Credential,
    /// The `Nexevo-Organization` header, checked against the spec: an error when it breaks the
    /// spec's rules. Only the operations that take the header read it (through
    /// [`Caller::payer`]), so the others ignore it, as an undeclared header should be.
    pub(crate) organization: ApiResult<Option<String>>,
}

impl Caller {
    /// Whether the caller may act in `org_id`: anyone, except with a key of another
    /// organization.
    pub(crate) fn may_act_in(&self, org_id: &str) -> bool {
        self.key_org().is_none_or(|own| own == org_id)
    }

    pub(crate) fn key_id(&self) -> Option<&str> {
        match &self.credential {
            Credential::Key { key_id, .. } => Some(key_id),
            Credential::Session { .. } => None,
        }
    }

    /// The organization the caller's key was created for, if it is such a key.
    pub(crate) fn key_org(&self) -> Option<&str> {
        match &self.credential {
            Credential::Key { org_id, .. } => org_id.as_deref(),
            Credential::Session { .. } => None,
        }
    }

    /// Who pays and whose keys are meant: the organization named by `Nexevo-Organization` (the
    /// caller must be a member), else the key's own organization, else the caller.
    pub(crate) fn payer(&self, data: &Data) -> ApiResult<(Payer, Option<OrgRole>)> {
        let named = self.organization.clone()?;
        if let Some(named) = &named
            && !self.may_act_in(named)
        {
            return Err(ApiError::forbidden(format!(
                "This key acts for its own organization only, not for {named}."
            )));
        }
        let organization = named.or_else(|| self.key_org().map(str::to_owned));
        match organization {
            None => Ok((Payer::User(self.user_id.clone()), None)),
            Some(org_id) => {
                let role = data
                    .orgs
                    .get(&org_id)
                    .and_then(|org| org.member(&self.user_id))
                    .filter(|member| member.active)
                    .map(|member| member.role.clone())
                    .ok_or_else(|| {
                        ApiError::forbidden(format!("You are not a member of {org_id}."))
                    })?;
                Ok((Payer::Org(org_id), Some(role)))
            }
        }
    }
}

impl FromRequestParts<Arc<App>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &Arc<App>,
    ) -> Result<Self, Self::Rejection> {
        let organization = header_param(
            parts,
            "Nexevo-Organization",
            nexevo_api::validate::params::nexevo_organization,
        );
        let (user_id, credential) = authenticate(app, &parts.headers)?;
        Ok(Self {
            user_id,
            credential,
            organization,
        })
    }
}

/// A caller acting on their own account (its profile, security, conversations): an
/// organization's key is refused with a 403, as it acts for its organization only.
pub(crate) struct PersonalCaller(pub(crate) Caller);

impl FromRequestParts<Arc<App>> for PersonalCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &Arc<App>,
    ) -> Result<Self, Self::Rejection> {
        let caller = Caller::from_request_parts(parts, app).await?;
        if let Some(org) = caller.key_org() {
            return Err(ApiError::forbidden(format!(
                "This key acts for the organization {org} only; a personal account needs a personal key or a session."
            )));
        }
        Ok(Self(caller))
    }
}

/// The hash of the request's bearer token, as credentials are stored, if it sent one.
pub(crate) fn token_hash(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(secret_hash)
}

/// Whether the sandbox issued this credential (a session it holds, or a key, revoked or not):
/// per-credential state is kept only for those, so that made-up tokens cannot grow it.
pub(crate) fn issued_credential(app: &App, hash: &str) -> bool {
    let data = app.store.lock();
    data.sessions.contains_key(hash) || data.key_by_hash.contains_key(hash)
}

/// Who the `Authorization` header authenticates: an active user, by live session or
/// unrevoked key; anything else is a 401.
pub(crate) fn authenticate(
    app: &App,
    headers: &axum::http::HeaderMap,
) -> ApiResult<(String, Credential)> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::unauthorized("Missing bearer token."))?;
    let hash = secret_hash(token);
    let now = app.store.now();
    let mut data = app.store.lock();
    let (user_id, credential) = if let Some(session) = data.sessions.get(&hash) {
        if session.expires_at <= now {
            return Err(ApiError::unauthorized(
                "The session has expired; log in again.",
            ));
        }
        (
            session.user_id.clone(),
            Credential::Session { token_hash: hash },
        )
    } else if let Some(key_id) = data.key_by_hash.get(&hash).cloned() {
        let key = data
            .keys
            .get_mut(&key_id)
            .ok_or_else(|| ApiError::unauthorized("Invalid bearer token."))?;
        if key.revoked_at.is_some() {
            return Err(ApiError::unauthorized("This API key was revoked."));
        }
        key.last_used_at = Some(now);
        let org_id = key.org_id.clone();
        (key.user_id.clone(), Credential::Key { key_id, org_id })
    } else {
        return Err(ApiError::unauthorized("Invalid bearer token."));
    };
    if !data.users.get(&user_id).is_some_and(|u| u.active) {
        return Err(ApiError::unauthorized("This account is deactivated."));
    }
    Ok((user_id, credential))
}

/// A header parameter, checked with its generated validator. `name` is spelled as in the spec
/// (`Nexevo-Organization`), which a 422 names; the lookup ignores case.
pub(crate) fn header_param(
    parts: &Parts,
    name: &str,
    validate: fn(&str) -> Result<(), ValidationError>,
) -> ApiResult<Option<String>> {
    let Some(value) = parts.headers.get(name) else {
        return Ok(None);
    };
    let text = value
        .to_str()
        .map_err(|_| ApiError::invalid(name, format!("{name} must be printable ASCII")))?;
    validate(text)?;
    Ok(Some(text.to_owned()))
}

/// The `X-Nexevo-Provider-Key` header (bring-your-own-key), validated; never stored or logged.
pub(crate) struct ProviderKey(pub(crate) Option<String>);

impl FromRequestParts<Arc<App>> for ProviderKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &Arc<App>) -> Result<Self, Self::Rejection> {
        header_param(
            parts,
            "X-Nexevo-Provider-Key",
            nexevo_api::validate::params::provider_key,
        )
        .map(Self)
    }
}

/// A body may hold at most one JSON value for every this many bytes its operation takes:
/// parsed, a value costs some 32 to 64 bytes wherever the spec leaves a field free-form (a
/// function's parameters, a response schema), so a body of numbers (`1,1,1,…`) would cost some
/// 30 times its size. A body of the spec's shapes holds far fewer.
const BYTES_PER_VALUE: u64 = 16;

/// The most of a body read for an operation that takes none: what a client may send by habit
/// (`{}`), which only tells one request from another for its `Idempotency-Key`.
const UNTAKEN_BODY_BYTES: u64 = 1024;

/// Reads the body of a request to `operation`, the one place a body is read: only once the
/// request is authenticated (where the operation needs it) and, for an operation that takes a
/// body, sent as JSON; only up to the operation's stated size (`max_request_bytes`: 413
/// beyond, unread when its `Content-Length` says so); and only until its deadline (408 after).
/// After a refusal the connection is closed. The body is then the request's [`ReadBody`]. An
/// operation that takes no body reads at most [`UNTAKEN_BODY_BYTES`] of one, refusing more
/// with a 422 (it documents neither 408 nor 413).
///
/// A credential that no longer authenticates may still send its body when the idempotency
/// store holds a record of its `Idempotency-Key` for this operation (only a credential that
/// authenticated can have made one): the idempotency layer then decides, replaying an answer
/// to the credential its own request ended, and refusing any other.
pub(crate) async fn admit_body(
    app: &App,
    operation: &'static nexevo_api::ApiOperation,
    request: Request,
) -> Result<Request, Response> {
    let (mut parts, body) = request.into_parts();
    if operation.requires_auth
        && let Err(error) = authenticate(app, &parts.headers)
        && !holds_a_record(app, operation, &parts.headers)
    {
        return Err(error.into_response());
    }
    let takes_body = operation.max_request_bytes.is_some();
    // A web page can send a form or text/plain body across origins without asking; JSON it
    // cannot send without a preflight the sandbox never grants.
    if takes_body && !is_json(parts.headers.get(header::CONTENT_TYPE)) {
        let mut error = ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::ValidationFailed,
            "The body must be sent as Content-Type: application/json.",
        );
        error.field = Some("Content-Type".to_owned());
        return Err(error.into_response());
    }
    let max = operation.max_request_bytes.unwrap_or(UNTAKEN_BODY_BYTES);
    let refuse = |status: StatusCode, message: String| {
        let status = if takes_body {
            status
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        closing(ApiError::new(status, ErrorCode::ValidationFailed, message))
    };
    let too_large = || {
        let message = if takes_body {
            format!("The body is larger than {max} bytes, the most this operation takes.")
        } else {
            format!("This operation takes no body (at most {max} bytes of one are ignored).")
        };
        refuse(StatusCode::PAYLOAD_TOO_LARGE, message)
    };
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|declared| declared > max) {
        return Err(too_large());
    }
    let deadline = parts.extensions.get::<BodyDeadline>().copied();
    let limit = usize::try_from(max).unwrap_or(usize::MAX);
    let read = read_bounded(body, declared, limit);
    let bytes = match deadline {
        Some(deadline) => match tokio::time::timeout_at(deadline.at, read).await {
            Ok(read) => read,
            Err(_) => {
                return Err(refuse(
                    StatusCode::REQUEST_TIMEOUT,
                    format!(
                        "The body did not arrive within {} s of the request's head.",
                        deadline.timeout.as_secs_f32()
                    ),
                ));
            }
        },
        None => read.await,
    };
    match bytes {
        Ok(Some(bytes)) => {
            let most = usize::try_from(max / BYTES_PER_VALUE).unwrap_or(usize::MAX);
            if takes_body && !holds_at_most(&bytes, most) {
                return Err(refuse(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!(
                        "The body holds more than {most} JSON values, one for every {BYTES_PER_VALUE} of the {max} bytes this operation takes."
                    ),
                ));
            }
            parts.extensions.insert(ReadBody(bytes));
            Ok(Request::from_parts(parts, axum::body::Body::empty()))
        }
        Ok(None) => Err(too_large()),
        Err(()) => Err(closing(ApiError::invalid(
            "body",
            "The body could not be read.",
        ))),
    }
}

/// Whether `bytes` holds at most `most` JSON values, counted without building any. A body that
/// is not JSON passes: parsing it says what is wrong with it.
fn holds_at_most(bytes: &[u8], most: usize) -> bool {
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

    /// Counts values into `.0`, failing past `.1`.
    #[derive(Clone, Copy)]
    struct Count<'a>(&'a std::cell::Cell<usize>, usize);

    impl Count<'_> {
        fn one<E: serde::de::Error>(self) -> Result<(), E> {
            let count = self.0.get() + 1;
            self.0.set(count);
            if count > self.1 {
                return Err(E::custom(TOO_MANY));
            }
            Ok(())
        }
    }

    const TOO_MANY: &str = "too many values";

    impl<'de> DeserializeSeed<'de> for Count<'_> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
            deserializer.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Count<'_> {
        type Value = ();
        fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            formatter.write_str("any JSON value")
        }
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
            self.one()
        }
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
            self.one()
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
            self.one()
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
            self.one()
        }
        fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
            self.one()
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
            self.one()
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<(), A::Error> {
            self.one()?;
            while items.next_element_seed(self)?.is_some() {}
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<(), A::Error> {
            self.one()?;
            while entries.next_key::<IgnoredAny>()?.is_some() {
                entries.next_value_seed(self)?;
            }
            Ok(())
        }
    }

    let count = std::cell::Cell::new(0);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    !matches!(
        Count(&count, most).deserialize(&mut deserializer),
        Err(error) if error.to_string().starts_with(TOO_MANY)
    )
}

/// Whether the idempotency store holds a record of this request's `Idempotency-Key`, for its
/// operation and credential as sent.
fn holds_a_record(
    app: &App,
    operation: &'static nexevo_api::ApiOperation,
    headers: &axum::http::HeaderMap,
) -> bool {
    let Some(key) = headers.get("idempotency-key") else {
        return false;
    };
    let scope = Scope::new(token_hash(headers), operation.id, key.as_bytes());
    app.idempotency.holds(&scope, app.store.now())
}

/// An error about the body, answered before the rest of it is read: the connection is closed
/// after it.
fn closing(mut error: ApiError) -> Response {
    error.field = Some("body".to_owned());
    let mut response = error.into_response();
    response.headers_mut().insert(
        header::CONNECTION,
        axum::http::HeaderValue::from_static("close"),
    );
    response
}

/// Reads `body` whole if it is at most `limit` bytes (`None` once it is more), into a buffer
/// that grows with what arrives rather than with what is declared. `Err` if the body breaks
/// off.
async fn read_bounded(
    body: axum::body::Body,
    declared: Option<u64>,
    limit: usize,
) -> Result<Option<bytes::Bytes>, ()> {
    use futures_util::StreamExt as _;
    // Room for a declared length (at most the limit) is reserved at once: memory the kernel
    // backs only as the bytes arrive.
    let reserve = declared.map_or(0, |declared| {
        usize::try_from(declared).unwrap_or(limit).min(limit)
    });
    let mut buffer = Vec::with_capacity(reserve);
    let mut frames = body.into_data_stream();
    while let Some(frame) = frames.next().await {
        let frame = frame.map_err(drop)?;
        if frame.len() > limit - buffer.len() {
            return Ok(None);
        }
        buffer.extend_from_slice(&frame);
    }
    Ok(Some(bytes::Bytes::from(buffer)))
}

/// The body [`admit_body`] read: every operation with a body has one.
fn read_body(parts: &Parts) -> ApiResult<bytes::Bytes> {
    parts
        .extensions
        .get::<ReadBody>()
        .map(|body| body.0.clone())
        .ok_or_else(|| ApiError::server(500))
}

/// A JSON body of type `T`, parsed and checked against every constraint of the spec: a body
/// that does not parse, lacks a field or breaks a rule is a 422 naming the field.
pub(crate) struct JsonBody<T>(pub(crate) T);

impl<T: DeserializeOwned + Validate> FromRequestParts<Arc<App>> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &Arc<App>) -> Result<Self, Self::Rejection> {
        let bytes = read_body(parts)?;
        parse_valid(&bytes).map(Self)
    }
}

/// Parses a body as a `T` that keeps every rule of the spec: straight into `T`, so that nothing
/// the handler does not read is built (an unknown field is skipped, a list of the wrong items
/// is refused at its first).
fn parse_valid<T: DeserializeOwned + Validate>(bytes: &[u8]) -> ApiResult<T> {
    let value = parse_json::<T>(bytes)?;
    value.validate()?;
    Ok(value)
}

/// Whether a `Content-Type` names JSON: `application/json` or `application/…+json`, with any
/// parameters (`; charset=utf-8`).
fn is_json(content_type: Option<&axum::http::HeaderValue>) -> bool {
    let Some(value) = content_type.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    kind.eq_ignore_ascii_case("application")
        && (subtype.eq_ignore_ascii_case("json")
            || subtype.len() > 5 && subtype[subtype.len() - 5..].eq_ignore_ascii_case("+json"))
}

/// A [`JsonBody`] that also keeps the body as it was sent, for the checks that need the text on
/// the wire rather than the parsed value (a decimal string's exact text, see
/// [`decimal_string_as_sent`]; a list sent empty).
pub(crate) struct JsonBodyAsSent<T>(pub(crate) T, pub(crate) Sent);

impl<T: DeserializeOwned + Validate> FromRequestParts<Arc<App>> for JsonBodyAsSent<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &Arc<App>) -> Result<Self, Self::Rejection> {
        let bytes = read_body(parts)?;
        let value = parse_valid(&bytes)?;
        Ok(Self(value, Sent(bytes)))
    }
}

/// A body as it was sent (already parsed as its operation's type): its top-level fields are
/// read from the text when asked, each as raw JSON borrowed from it, so that nothing is built
/// but what a check looks at.
pub(crate) struct Sent(bytes::Bytes);

impl Sent {
    /// The JSON text of the top-level field `name`, if it was sent.
    pub(crate) fn field(&self, name: &str) -> Option<&RawValue> {
        let fields: HashMap<String, &RawValue> = serde_json::from_slice(&self.0).ok()?;
        fields.get(name).copied()
    }
}

/// Whether `raw` is a JSON list without items (read without building them).
pub(crate) fn is_empty_list(raw: &RawValue) -> bool {
    serde_json::from_str::<Vec<serde::de::IgnoredAny>>(raw.get())
        .is_ok_and(|items| items.is_empty())
}

/// Checks that an optional decimal-string field was sent as a string that reads back as exactly
/// the decimal parsed from it. `Decimal` also reads a JSON number, `null`, an exponent (`"1e3"`)
/// or a sign, and the generated check sees only the decimal's own text (`"1000"`), so a value the
/// spec refuses would otherwise pass; requiring the round trip also keeps the promise that the
/// text comes back as sent.
pub(crate) fn decimal_string_as_sent(
    sent: &Sent,
    field: &'static str,
    parsed: Option<rust_decimal::Decimal>,
) -> ApiResult<()> {
    let Some(raw) = sent.field(field) else {
        return Ok(());
    };
    let text = serde_json::from_str::<String>(raw.get()).ok();
    match (text, parsed) {
        (Some(text), Some(value)) if text == value.to_string() => Ok(()),
        _ => Err(broken(
            field,
            "must be a decimal string written plainly, such as \"100.00\"",
        )),
    }
}

/// Parses JSON, naming the field at fault when it does not fit `T`.
pub(crate) fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> ApiResult<T> {
    // JSON is UTF-8; serde_json skips the strings it ignores (unknown fields) without checking.
    if std::str::from_utf8(bytes).is_err() {
        return Err(ApiError::invalid("body", "The body is not UTF-8 text."));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Ok(value) => {
            deserializer.end().map_err(|_| {
                ApiError::invalid(
                    "body",
                    "The body has trailing characters after the JSON value.",
                )
            })?;
            Ok(value)
        }
        Err(error) => {
            let path = error.path().to_string();
            let inner = error.into_inner();
            let message = inner.to_string();
            // A missing field is reported at its parent; name the field itself.
            let field = match message
                .strip_prefix("missing field `")
                .and_then(|m| m.split('`').next())
            {
                Some(missing) if path == "." => missing.to_owned(),
                Some(missing) => format!("{path}.{missing}"),
                None if path == "." => "body".to_owned(),
                None => path,
            };
            Err(ApiError::invalid(
                field.clone(),
                format!("{field}: {message}"),
            ))
        }
    }
}

/// Query parameters, each checked with its generated validator when read.
pub(crate) struct QueryParams(HashMap<String, String>);

impl FromRequestParts<Arc<App>> for QueryParams {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &Arc<App>) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        serde_urlencoded::from_str::<Vec<(String, String)>>(query)
            .map(|pairs| Self(pairs.into_iter().collect()))
            .map_err(|_| ApiError::invalid("query", "The query string is malformed."))
    }
}

impl QueryParams {
    fn integer(
        &self,
        name: &str,
        validate: fn(u32) -> Result<(), ValidationError>,
    ) -> ApiResult<Option<u32>> {
        let Some(text) = self.0.get(name) else {
            return Ok(None);
        };
        let value: u32 = text
            .parse()
            .map_err(|_| ApiError::invalid(name, format!("{name} must be a whole number")))?;
        validate(value)?;
        Ok(Some(value))
    }

    /// `limit`, 20 by default.
    pub(crate) fn limit(&self) -> ApiResult<usize> {
        let limit = self
            .integer("limit", nexevo_api::validate::params::limit)?
            .unwrap_or(20);
        Ok(usize::try_from(limit).unwrap_or(usize::MAX))
    }

    /// `days`, 7 by default.
    pub(crate) fn days(&self) -> ApiResult<u32> {
        Ok(self
            .integer("days", nexevo_api::validate::params::days)?
            .unwrap_or(7))
    }

    /// `cursor`: an offset written as `c_<n>`.
    pub(crate) fn cursor(&self) -> ApiResult<usize> {
        let Some(text) = self.0.get("cursor") else {
            return Ok(0);
        };
        nexevo_api::validate::params::cursor(text)?;
        text.strip_prefix("c_")
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| ApiError::invalid("cursor", "cursor is not one this API returned"))
    }
}

/// One page of `items` from a `cursor`, and the cursor of the next page.
pub(crate) fn page<T>(items: Vec<T>, query: &QueryParams) -> ApiResult<(Vec<T>, Option<String>)> {
    let limit = query.limit()?;
    let start = query.cursor()?;
    if start > items.len() {
        return Err(ApiError::invalid(
            "cursor",
            "cursor is past the end of the list",
        ));
    }
    let end = start.saturating_add(limit).min(items.len());
    let next = (end < items.len()).then(|| format!("c_{end}"));
    let page = items.into_iter().skip(start).take(end - start).collect();
    Ok((page, next))
}

/// A path parameter, checked with its generated validator.
pub(crate) fn path_param(
    value: &str,
    validate: fn(&str) -> Result<(), ValidationError>,
) -> ApiResult<()> {
    validate(value).map_err(ApiError::from)
}

/// Only an organization's owner or admins may do this.
pub(crate) fn require_manager(role: Option<&OrgRole>) -> ApiResult<()> {
    match role {
        None | Some(OrgRole::Owner) | Some(OrgRole::Admin) => Ok(()),
        Some(_) => Err(ApiError::forbidden(
            "Only the organization's owner or an admin can do this.",
        )),
    }
}

/// A 422 for a rule the spec states in words.
pub(crate) fn broken(field: &str, rule: &'static str) -> ApiError {
    ApiError::invalid_rule(field, Rule::Described(rule.into()))
}

/// A 409 for a duplicate.
pub(crate) fn already_exists(message: impl Into<String>) -> ApiError {
    ApiError::conflict(ErrorCode::AlreadyExists, message)
}

/// Path parameters; one that does not decode is a 422 rather than axum's plain-text 400.
pub(crate) struct ValidPath<T>(pub(crate) T);

impl<T: DeserializeOwned + Send> FromRequestParts<Arc<App>> for ValidPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &Arc<App>,
    ) -> Result<Self, Self::Rejection> {
        use axum::extract::path::ErrorKind;
        use axum::extract::rejection::PathRejection;
        axum::extract::Path::<T>::from_request_parts(parts, app)
            .await
            .map(|axum::extract::Path(value)| Self(value))
            .map_err(|rejection| {
                // Name the parameter at fault when axum says which, as every 422 does.
                let field = match &rejection {
                    PathRejection::FailedToDeserializePathParams(error) => match error.kind() {
                        ErrorKind::InvalidUtf8InPathParam { key } => key.clone(),
                        _ => "path".to_owned(),
                    },
                    _ => "path".to_owned(),
                };
                ApiError::invalid(field.clone(), format!("{field} is not valid UTF-8 text"))
            })
    }
}
