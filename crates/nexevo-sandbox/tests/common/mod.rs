//! Shared support for the sandbox's integration tests: a raw HTTP client whose every response
//! is checked against `openapi/nexevo.yaml` itself (the headers every response carries, that
//! the status is documented for the operation, the body against the schema of that operation
//! and status, the error shape), so no test can look at an answer the spec does not allow.

pub(crate) mod child;
pub(crate) mod fixtures;
pub(crate) mod totp;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use nexevo_api::ApiOperation;
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use spec_check::Spec;

// What most tests need, for `use common::*`.
#[allow(unused_imports)]
pub(crate) use nexevo_sandbox::{
    Account, DEFAULT_HEADER_READ_TIMEOUT, DEFAULT_MAX_CONNECTIONS, Fault, FaultRule, Sandbox,
};
#[allow(unused_imports)]
pub(crate) use reqwest::Method;
#[allow(unused_imports)]
pub(crate) use rust_decimal::Decimal;
#[allow(unused_imports)]
pub(crate) use rust_decimal_macros::dec;
#[allow(unused_imports)]
pub(crate) use serde_json::{Value, json};

pub(crate) use fixtures::*;
pub(crate) use totp::{code_at, code_now, wrong_code};

/// The spec, loaded once per test binary.
pub(crate) fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| Spec::load().expect("the spec loads"))
}

/// The operation a request is routed to: the method, and a path whose segments match the
/// operation's template (`{…}` matching any non-empty segment).
pub(crate) fn operation_for(method: &str, path: &str) -> Option<&'static ApiOperation> {
    let path = path.split('?').next().unwrap_or(path);
    let segments: Vec<&str> = path.split('/').collect();
    nexevo_api::OPERATIONS.iter().find(|op| {
        let template: Vec<&str> = op.path.split('/').collect();
        op.method == method
            && template.len() == segments.len()
            && template
                .iter()
                .zip(&segments)
                .all(|(t, s)| t == s || (t.starts_with('{') && !s.is_empty()))
    })
}

/// The spec's `responses` object of an operation.
pub(crate) fn responses_of(op: &ApiOperation) -> &'static Value {
    &spec().document()["paths"][op.path][op.method.to_ascii_lowercase()]["responses"]
}

/// Whether the spec documents `status` (exactly or by its `NXX` range) for the operation.
pub(crate) fn documented(op: &ApiOperation, status: u16) -> bool {
    let responses = responses_of(op);
    responses.get(status.to_string()).is_some()
        || responses.get(format!("{}XX", status / 100)).is_some()
}

/// A unique email for a new account.
pub(crate) fn unique_email(tag: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("{tag}{}@example.com", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A raw HTTP client of one sandbox that checks every answer against the spec.
#[derive(Clone)]
pub(crate) struct Api {
    base: String,
    http: reqwest::Client,
    /// The body of every answer so far, in order (for "this secret never appears again").
    transcript: Arc<Mutex<Vec<String>>>,
}

impl Api {
    pub(crate) fn new(sandbox: &Sandbox) -> Self {
        Self::at(sandbox.base_url())
    }

    pub(crate) fn at(base: &str) -> Self {
        Self {
            base: base.to_owned(),
            http: reqwest::Client::new(),
            transcript: Arc::default(),
        }
    }

    pub(crate) fn request(&self, method: Method, path: &str) -> Call {
        Call {
            api: self.clone(),
            method,
            path: path.to_owned(),
            headers: Vec::new(),
            body: None,
            expect_malformed: false,
        }
    }

    pub(crate) fn get(&self, path: &str) -> Call {
        self.request(Method::GET, path)
    }

    pub(crate) fn post(&self, path: &str) -> Call {
        self.request(Method::POST, path)
    }

    pub(crate) fn put(&self, path: &str) -> Call {
        self.request(Method::PUT, path)
    }

    pub(crate) fn patch(&self, path: &str) -> Call {
        self.request(Method::PATCH, path)
    }

    pub(crate) fn delete(&self, path: &str) -> Call {
        self.request(Method::DELETE, path)
    }

    /// How many answers were received so far: a mark for [`Api::bodies_since`].
    pub(crate) fn mark(&self) -> usize {
        self.transcript
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// The bodies of the answers received since `mark`.
    pub(crate) fn bodies_since(&self, mark: usize) -> Vec<String> {
        self.transcript
            .lock()
            .unwrap_or_else(PoisonError::into_inner)[mark..]
            .to_vec()
    }

    /// Logs in and answers the session token.
    pub(crate) async fn login(&self, email: &str, password: &str) -> String {
        let reply = self
            .post("/v1/auth/login")
            .json(json!({ "email": email, "password": password }))
            .send()
            .await;
        reply.expect(200)["token"]
            .as_str()
            .expect("a token")
            .to_owned()
    }

    /// One small chat completion, answered 200.
    pub(crate) async fn chat(&self, token: &str, model: &str, text: &str) -> Value {
        self.post("/v1/chat/completions")
            .token(token)
            .json(json!({ "model": model, "messages": [{ "role": "user", "content": text }] }))
            .send()
            .await
            .expect(200)
            .clone()
    }
}

/// One request being built.
pub(crate) struct Call {
    api: Api,
    method: Method,
    path: String,
    headers: Vec<(String, Vec<u8>)>,
    body: Option<Vec<u8>>,
    expect_malformed: bool,
}

impl Call {
    /// Authenticates with this Bearer token (an API key or a session token).
    pub(crate) fn token(self, token: &str) -> Self {
        self.header("authorization", &format!("Bearer {token}"))
    }

    pub(crate) fn header(self, name: &str, value: &str) -> Self {
        self.header_bytes(name, value.as_bytes())
    }

    pub(crate) fn header_bytes(mut self, name: &str, value: &[u8]) -> Self {
        self.headers.push((name.to_owned(), value.to_vec()));
        self
    }

    /// Acts on this organization (`Nexevo-Organization`).
    pub(crate) fn org(self, org_id: &str) -> Self {
        self.header("nexevo-organization", org_id)
    }

    /// Sends this `Idempotency-Key`.
    pub(crate) fn idem(self, key: &str) -> Self {
        self.header("idempotency-key", key)
    }

    pub(crate) fn json(self, body: Value) -> Self {
        self.raw(body.to_string().into_bytes(), Some("application/json"))
    }

    /// A body sent as it is, with this content type if any.
    pub(crate) fn raw(mut self, body: Vec<u8>, content_type: Option<&str>) -> Self {
        if let Some(content_type) = content_type {
            self.headers
                .push(("content-type".into(), content_type.as_bytes().to_vec()));
        }
        self.body = Some(body);
        self
    }

    /// The answer is expected to be a 2xx whose body is not JSON (the `MalformedBody` fault):
    /// its headers are checked, its body only for being malformed.
    pub(crate) fn expect_malformed_body(mut self) -> Self {
        self.expect_malformed = true;
        self
    }

    /// Sends the request; panics if it gets no answer or an answer the spec does not allow.
    pub(crate) async fn send(self) -> Reply {
        let what = format!("{} {}", self.method, self.path);
        match self.try_send().await {
            Ok(reply) => reply,
            Err(error) => panic!("{what}: no answer: {error:?}"),
        }
    }

    /// Sends the request; an answer is checked as by [`Call::send`], a transport error (a reset
    /// connection, a body that breaks off) is returned.
    pub(crate) async fn try_send(self) -> Result<Reply, reqwest::Error> {
        let url = format!("{}{}", self.api.base, self.path);
        let mut request = self.api.http.request(self.method.clone(), url);
        for (name, value) in &self.headers {
            request = request.header(name.as_str(), value.as_slice());
        }
        if let Some(body) = self.body {
            request = request.body(body);
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let event_stream = headers
            .get(CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"));
        let (text, broken_off) = if event_stream {
            read_stream(response).await
        } else {
            (response.text().await?, None)
        };
        let reply = check(
            self.method.as_str(),
            &self.path,
            status,
            headers,
            text,
            broken_off,
            self.expect_malformed,
        );
        self.api
            .transcript
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(reply.text.clone());
        Ok(reply)
    }
}

/// Reads an event stream to its end, keeping what arrived if it breaks off.
async fn read_stream(mut response: reqwest::Response) -> (String, Option<String>) {
    let mut bytes = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
            Ok(None) => return (String::from_utf8_lossy(&bytes).into_owned(), None),
            Err(error) => {
                return (
                    String::from_utf8_lossy(&bytes).into_owned(),
                    Some(format!("{error:?}")),
                );
            }
        }
    }
}

/// An answer that passed the checks.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub(crate) what: String,
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) text: String,
    /// The JSON body; `Null` when the body is empty, an event stream or malformed on purpose.
    pub(crate) body: Value,
    pub(crate) operation: Option<&'static ApiOperation>,
    /// The events of a `text/event-stream` answer.
    pub(crate) sse: Option<Sse>,
}

impl Reply {
    pub(crate) fn describe(&self) -> String {
        format!("{} answered {}: {}", self.what, self.status, self.text)
    }

    /// Asserts the status; answers the body.
    #[track_caller]
    pub(crate) fn expect(&self, status: u16) -> &Value {
        assert_eq!(self.status, status, "{}", self.describe());
        &self.body
    }

    /// Asserts an error status and code; answers the error detail.
    #[track_caller]
    pub(crate) fn expect_error(&self, status: u16, code: &str) -> &Value {
        assert_eq!(self.status, status, "{}", self.describe());
        assert_eq!(
            self.body["error"]["code"],
            json!(code),
            "{}",
            self.describe()
        );
        &self.body["error"]
    }

    /// Asserts a 422 `validation_failed` naming `field`.
    #[track_caller]
    pub(crate) fn expect_invalid(&self, field: &str) {
        let error = self.expect_error(422, "validation_failed");
        assert_eq!(error["field"], json!(field), "{}", self.describe());
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The event stream of this answer.
    #[track_caller]
    pub(crate) fn stream(&self) -> &Sse {
        self.sse
            .as_ref()
            .unwrap_or_else(|| panic!("not an event stream: {}", self.describe()))
    }
}

/// A server-sent event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SseEvent {
    pub(crate) event: Option<String>,
    pub(crate) data: String,
}

/// The events of a streamed answer, each already checked against the spec.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sse {
    pub(crate) events: Vec<SseEvent>,
    /// Chunks (`data:` events that parse as JSON), each valid against `ChatCompletionChunk`.
    pub(crate) chunks: Vec<Value>,
    /// `data:` events that are not JSON (the `StreamMalformedChunk` fault).
    pub(crate) malformed: Vec<String>,
    /// Error events' bodies, each valid against `Error`.
    pub(crate) errors: Vec<Value>,
    /// Whether the stream ended with `data: [DONE]`.
    pub(crate) done: bool,
    /// The transport error, if the body broke off.
    pub(crate) broken_off: Option<String>,
    /// Bytes after the last complete event.
    pub(crate) trailing: String,
}

impl Sse {
    /// The concatenated content deltas.
    pub(crate) fn content(&self) -> String {
        self.chunks
            .iter()
            .flat_map(|c| c["choices"].as_array().cloned().unwrap_or_default())
            .filter_map(|choice| choice["delta"]["content"].as_str().map(str::to_owned))
            .collect()
    }
}

fn parse_sse(text: &str) -> (Vec<SseEvent>, String) {
    let mut events = Vec::new();
    let mut blocks: Vec<&str> = text.split("\n\n").collect();
    let trailing = blocks.pop().unwrap_or_default().to_owned();
    for block in blocks {
        let mut event = None;
        let mut data: Option<String> = None;
        for line in block.lines() {
            if line.starts_with(':') {
                continue;
            }
            let (name, value) = line.split_once(':').unwrap_or((line, ""));
            let value = value.strip_prefix(' ').unwrap_or(value);
            match name {
                "event" => event = Some(value.to_owned()),
                "data" => {
                    data = Some(match data {
                        Some(before) => format!("{before}\n{value}"),
                        None => value.to_owned(),
                    });
                }
                other => panic!("unexpected SSE field {other:?} in {block:?}"),
            }
        }
        if let Some(data) = data {
            events.push(SseEvent { event, data });
        }
    }
    (events, trailing)
}

/// Checks an answer against the spec, or panics saying what is wrong.
fn check(
    method: &str,
    path: &str,
    status: u16,
    headers: HeaderMap,
    text: String,
    broken_off: Option<String>,
    expect_malformed: bool,
) -> Reply {
    let what = format!("{method} {path}");
    let fail = |why: &str| -> ! { panic!("{what} answered {status} {why}:\n{text}") };

    // Every response carries its request id and the rate-limit headers.
    let request_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .unwrap_or_else(|| fail("without X-Request-Id"));
    let integer_header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or_else(|| fail(&format!("without an integer {name}")))
    };
    let limit = integer_header("x-ratelimit-limit");
    let remaining = integer_header("x-ratelimit-remaining");
    integer_header("x-ratelimit-reset");
    if remaining > limit {
        fail("with more requests remaining than the limit");
    }
    if status == 429 {
        let retry_after = headers
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.parse::<u64>().is_ok());
        if !retry_after {
            fail("without an integer Retry-After");
        }
    }

    let operation = operation_for(method, path);
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let has_retry_after = headers.contains_key("retry-after");
    let mut reply = Reply {
        what: what.clone(),
        status,
        headers,
        text: text.clone(),
        body: Value::Null,
        operation,
        sse: None,
    };

    let Some(op) = operation else {
        // Not an operation of the spec (an unknown path): still the error shape.
        if status < 400 {
            fail("although no operation of the spec has this path");
        }
        let body: Value = serde_json::from_str(&text).unwrap_or_else(|_| fail("without JSON"));
        spec()
            .check_named("Error", &body)
            .unwrap_or_else(|e| fail(&format!("with a body that is not an Error: {e}")));
        reply.body = body;
        return reply;
    };
    let operation_key = format!("{} {}", op.method, op.path);
    if !documented(op, status) {
        fail(&format!(
            "which {} ({operation_key}) does not document",
            op.id
        ));
    }

    if expect_malformed {
        if !(200..300).contains(&status) {
            fail("instead of a 2xx with a malformed body");
        }
        if serde_json::from_str::<Value>(&text).is_ok() {
            fail("with valid JSON although a malformed body was expected");
        }
        return reply;
    }

    if content_type.starts_with("text/event-stream") {
        // The body is text; each event's data is checked against the schema named beside it.
        let schema = spec()
            .document()
            .pointer(&format!(
                "/paths/{}/{}/responses/{status}/content/text~1event-stream/x-nexevo-event-data",
                op.path.replace('~', "~0").replace('/', "~1"),
                op.method.to_ascii_lowercase()
            ))
            .cloned()
            .unwrap_or_else(|| fail("an event stream, which the spec does not document"));
        let (events, trailing) = parse_sse(&text);
        let mut sse = Sse {
            events: events.clone(),
            broken_off,
            trailing,
            ..Sse::default()
        };
        for (index, event) in events.iter().enumerate() {
            match event.event.as_deref() {
                None | Some("message") if event.data == "[DONE]" => {
                    if index + 1 != events.len() {
                        fail("with events after data: [DONE]");
                    }
                    sse.done = true;
                }
                None | Some("message") => match serde_json::from_str::<Value>(&event.data) {
                    Ok(chunk) => {
                        spec().check(&schema, &chunk).unwrap_or_else(|e| {
                            fail(&format!("with a chunk that breaks the spec: {e}: {chunk}"))
                        });
                        sse.chunks.push(chunk);
                    }
                    Err(_) => sse.malformed.push(event.data.clone()),
                },
                Some("error") => {
                    let error: Value = serde_json::from_str(&event.data)
                        .unwrap_or_else(|_| fail("with an error event that is not JSON"));
                    spec().check_named("Error", &error).unwrap_or_else(|e| {
                        fail(&format!("with an error event that is not an Error: {e}"))
                    });
                    if error["error"]["request_id"] != json!(request_id) {
                        fail("with an error event whose request_id is not X-Request-Id");
                    }
                    sse.errors.push(error);
                }
                Some(other) => fail(&format!("with an unexpected event type {other:?}")),
            }
        }
        reply.sse = Some(sse);
        return reply;
    }

    match spec().response_schema(&operation_key, status) {
        Some(schema) => {
            if !content_type.starts_with("application/json") {
                fail(&format!(
                    "with content type {content_type:?} instead of JSON"
                ));
            }
            let body: Value = serde_json::from_str(&text)
                .unwrap_or_else(|_| fail("with a body that is not JSON"));
            spec()
                .check(&schema, &body)
                .unwrap_or_else(|e| fail(&format!("with a body that breaks {schema}: {e}")));
            if status >= 400 {
                let error = &body["error"];
                if error["request_id"] != json!(request_id) {
                    fail("with an error whose request_id is not its X-Request-Id");
                }
                let code = error["code"].as_str().unwrap_or_default();
                let expected = match status {
                    401 => &[
                        "unauthorized",
                        "two_factor_required",
                        "invalid_two_factor_code",
                    ][..],
                    402 => &["spend_cap_exceeded", "insufficient_balance"][..],
                    403 => &["forbidden", "invalid_credentials", "geo_restricted"][..],
                    404 => &["not_found"][..],
                    409 => &[
                        "conflict",
                        "already_exists",
                        "idempotency_conflict",
                        "idempotency_in_progress",
                    ][..],
                    408 | 413 | 415 | 422 => &["validation_failed"][..],
                    429 => &["rate_limited", "too_many_attempts"][..],
                    _ => &["internal_error", "service_unavailable"][..],
                };
                if !expected.contains(&code) {
                    fail(&format!(
                        "with code {code:?}, not one the spec gives a {status}"
                    ));
                }
                // The spec: `idempotency_in_progress` is the one 409 with `Retry-After`.
                if status == 409 && (code == "idempotency_in_progress") != has_retry_after {
                    fail(
                        "with Retry-After on a 409 other than idempotency_in_progress, or without it there",
                    );
                }
                if matches!(status, 408 | 413 | 415 | 422) && !error["field"].is_string() {
                    fail("with a validation error that names no field");
                }
            }
            if op.id == "create_chat_completion" && status == 200 {
                let header = reply.header("x-nexevo-generation-id").map(str::to_owned);
                if header.as_deref() != body["nexevo"]["generation_id"].as_str() {
                    fail("with an X-Nexevo-Generation-Id that is not nexevo.generation_id");
                }
            }
            reply.body = body;
        }
        None => {
            if !text.is_empty() {
                fail("with a body where the spec documents none");
            }
        }
    }
    reply
}

/// A sandbox with the defaults, a checked client of it, and the demo API key.
pub(crate) async fn start() -> (Sandbox, Api, String) {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let (api, key) = client_of(&sandbox);
    (sandbox, api, key)
}

/// A checked client of `sandbox`, and the demo API key.
pub(crate) fn client_of(sandbox: &Sandbox) -> (Api, String) {
    let key = sandbox.demo().api_key.expose().to_owned();
    (Api::new(sandbox), key)
}

/// A decimal string of a JSON value.
#[track_caller]
pub(crate) fn money(value: &Value) -> Decimal {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a decimal string: {value}"))
        .parse()
        .unwrap_or_else(|_| panic!("not a decimal: {value}"))
}

/// Ids to put in an operation's path template.
#[derive(Debug, Clone)]
pub(crate) struct PathIds {
    pub(crate) conversation_id: String,
    pub(crate) key_id: String,
    pub(crate) org_id: String,
    pub(crate) user_id: String,
}

impl Default for PathIds {
    /// Ids of the right form that name nothing.
    fn default() -> Self {
        Self {
            conversation_id: "conv_none".into(),
            key_id: "key_none".into(),
            org_id: "org_none".into(),
            user_id: "u_none".into(),
        }
    }
}

/// An operation's path with its template filled in.
pub(crate) fn concrete_path(op: &ApiOperation, ids: &PathIds) -> String {
    fill_path(op.path, ids)
}

/// A path template with its `{…}` ids filled in.
pub(crate) fn fill_path(template: &str, ids: &PathIds) -> String {
    template
        .replace("{conversation_id}", &ids.conversation_id)
        .replace("{key_id}", &ids.key_id)
        .replace("{org_id}", &ids.org_id)
        .replace("{user_id}", &ids.user_id)
}

/// The method of an operation, for reqwest.
pub(crate) fn method_of(op: &ApiOperation) -> Method {
    op.method.parse().expect("an HTTP method")
}

/// The parameters of an operation (the path's and its own), resolved.
pub(crate) fn parameters(op: &ApiOperation) -> Vec<&'static Value> {
    let path = &spec().document()["paths"][op.path];
    let own = &path[op.method.to_ascii_lowercase()]["parameters"];
    [&path["parameters"], own]
        .into_iter()
        .filter_map(Value::as_array)
        .flatten()
        .map(|parameter| spec().resolve(parameter))
        .collect()
}

/// Everything one operation's requests need: a fresh account, its resources, a valid body.
pub(crate) struct Context {
    pub(crate) key: String,
    pub(crate) session: String,
    pub(crate) ids: PathIds,
    pub(crate) generation_id: String,
    pub(crate) email: String,
}

impl Context {
    pub(crate) async fn new(sandbox: &Sandbox, api: &Api) -> Self {
        let person = user(sandbox, api, dec!(10)).await;
        let conversation_id = api.new_conversation(&person.key).await;
        let key_id = api.new_key(&person.key).await;
        let (org_id, member) = api.organization_with_developer(sandbox, &person.key).await;
        let generation_id = api.generation_id(&person.key).await;
        Self {
            ids: PathIds {
                conversation_id,
                key_id,
                org_id,
                user_id: member.user_id,
            },
            generation_id,
            email: person.account.email,
            key: person.key,
            session: person.session,
        }
    }

    /// A valid body of the operation.
    pub(crate) fn body(&self, op: &ApiOperation) -> Option<Value> {
        Some(match op.id {
            "create_chat_completion" => {
                json!({ "model": "nexevo/fast", "messages": [{ "role": "user", "content": "hi" }] })
            }
            "create_conversation" => json!({ "title": "t", "metadata": { "a": 1 } }),
            "update_conversation" => json!({ "title": "t" }),
            "append_message" => json!({ "role": "user", "content": "hi" }),
            "register" => {
                json!({ "email": unique_email("r"), "password": "password-1234", "full_name": "N" })
            }
            "login" => {
                json!({ "email": self.email, "password": ACCOUNT_PASSWORD, "totp_code": "123456" })
            }
            "request_password_reset" => json!({ "email": self.email }),
            "confirm_password_reset" => {
                json!({ "reset_token": "rst_x", "new_password": "password-5678" })
            }
            "update_profile" => json!({ "full_name": "N" }),
            "change_password" => {
                json!({ "current_password": ACCOUNT_PASSWORD, "new_password": "password-5678" })
            }
            "verify_two_fa" | "disable_two_fa" => json!({ "code": "123456" }),
            "deactivate_account" => json!({ "password": ACCOUNT_PASSWORD, "reason": "r" }),
            "create_key" => {
                json!({ "name": "k", "monthly_spend_cap_usd": "100.00", "geo_policy": "any" })
            }
            "update_spend_cap" => json!({ "monthly_spend_cap_usd": "5" }),
            "update_alert_webhook" => json!({ "url": "https://example.com/hook" }),
            "update_geo_policy" => json!({ "geo_policy": "any" }),
            "create_checkout" => json!({ "amount_usd": 5, "idempotency_key": "k" }),
            "create_organization" => json!({ "name": "Acme" }),
            "invite_member" => json!({ "email": unique_email("i"), "role": "developer" }),
            "change_member_role" => json!({ "role": "admin" }),
            "transfer_owner" => json!({ "new_owner_user_id": self.ids.user_id }),
            "submit_feedback" => json!({
                "generation_id": self.generation_id, "rating": 1, "comment": "c", "tags": ["accurate"]
            }),
            _ => return None,
        })
    }

    /// A request of the operation that would succeed, authenticated as it needs.
    pub(crate) fn call(&self, api: &Api, op: &ApiOperation, path: &str) -> Call {
        let call = api.request(method_of(op), path);
        match op.id {
            "register" | "login" | "request_password_reset" | "confirm_password_reset" => call,
            "logout" => call.token(&self.session),
            _ => call.token(&self.key),
        }
    }
}
