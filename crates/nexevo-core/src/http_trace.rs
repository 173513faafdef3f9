//! A trace of each HTTP exchange with every secret redacted, for debugging tools (`nexevo
//! --debug`), and the dry run that builds a call's request and shows it instead of sending it.
//!
//! Redaction happens here, once, before anything reaches an observer: the `Authorization`
//! header, the spec's secret headers (`nexevo_api::SECRET_HEADERS`), cookies, and in a JSON
//! body the value of every property the spec marks secret (`nexevo_api::SECRET_FIELDS`), and
//! anywhere in a body the client's own credential. An observer cannot see a secret it could
//! leak.

use std::fmt::Write as _;
use std::sync::Arc;

use reqwest::header::{AUTHORIZATION, COOKIE, HeaderMap, HeaderName, SET_COOKIE};
use serde_json::Value;

/// What a trace shows in place of a secret.
pub const REDACTED: &str = "[redacted]";

/// The most of a body a trace shows: a trace is for reading, and a hostile answer must not make
/// it large.
const MAX_TRACED_BODY: usize = 64 * 1024;

/// One half of an HTTP exchange, as [`ClientBuilder::on_http`](crate::ClientBuilder::on_http)
/// sees it, secrets redacted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HttpEvent {
    /// A request about to be sent (or, in a dry run, built and not sent).
    Request(TracedRequest),
    /// An answer's head, and its body when the call reads it whole (not a stream's).
    Response(TracedResponse),
}

/// A request as a trace shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TracedRequest {
    /// The operation (`create_key`), or `raw` for a request the spec does not describe.
    pub operation: &'static str,
    /// The attempt, from 1.
    pub attempt: u32,
    /// The HTTP method, upper case.
    pub method: String,
    /// The full URL, query included.
    pub url: String,
    /// The headers in the order sent, secret values replaced by [`REDACTED`].
    pub headers: Vec<(String, String)>,
    /// The body as text (at most 64 KiB of it), secrets redacted; `None` when there is none.
    pub body: Option<String>,
}

/// An answer as a trace shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TracedResponse {
    /// The operation the answer is to.
    pub operation: &'static str,
    /// The attempt it answers, from 1.
    pub attempt: u32,
    /// The status code.
    pub status: u16,
    /// The headers, secret values replaced by [`REDACTED`].
    pub headers: Vec<(String, String)>,
    /// The body as text (at most 64 KiB of it), secrets redacted; `None` for a stream, whose
    /// body is read as it arrives.
    pub body: Option<String>,
}

impl TracedRequest {
    /// The request as a `curl` command a shell runs: the credential as `$NEXEVO_API_KEY` (so
    /// the line works where the variable is set, and shows no secret), every other secret as
    /// [`REDACTED`].
    pub fn curl(&self) -> String {
        let mut line = format!("curl -X {} {}", self.method, shell_quoted(&self.url));
        for (name, value) in &self.headers {
            if name.eq_ignore_ascii_case(AUTHORIZATION.as_str()) {
                line.push_str(" -H \"Authorization: Bearer $NEXEVO_API_KEY\"");
            } else {
                let _ = write!(line, " -H {}", shell_quoted(&format!("{name}: {value}")));
            }
        }
        if let Some(body) = &self.body {
            let _ = write!(line, " --data {}", shell_quoted(body));
        }
        line
    }
}

/// Quoted for a POSIX shell: single quotes, each `'` inside written as `'\''`.
fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// What is told of each exchange: a function the client was given.
pub(crate) type HttpObserver = Arc<dyn Fn(&HttpEvent) + Send + Sync>;

/// A request about to be sent, as a trace shows it.
pub(crate) fn traced_request(
    redactor: &Redactor<'_>,
    operation: &'static str,
    attempt: u32,
    request: &reqwest::Request,
) -> HttpEvent {
    HttpEvent::Request(TracedRequest {
        operation,
        attempt,
        method: request.method().as_str().to_owned(),
        url: request.url().as_str().to_owned(),
        headers: redactor.headers(request.headers()),
        body: request
            .body()
            .and_then(reqwest::Body::as_bytes)
            .map(|body| redactor.body(body)),
    })
}

/// An answer (its status, headers, and body when read whole), as a trace shows it.
pub(crate) fn traced_response(
    redactor: &Redactor<'_>,
    operation: &'static str,
    attempt: u32,
    status: u16,
    headers: &HeaderMap,
    body: Option<&[u8]>,
) -> HttpEvent {
    HttpEvent::Response(TracedResponse {
        operation,
        attempt,
        status,
        headers: redactor.headers(headers),
        body: body.map(|body| redactor.body(body)),
    })
}

/// Redacts what the client sends and receives, knowing its credential.
pub(crate) struct Redactor<'a> {
    /// The credential's text (`nx-…`), whose every appearance in a body is redacted.
    pub(crate) credential: Option<&'a str>,
    /// The spec's secret headers.
    pub(crate) secret_headers: &'a [HeaderName],
}

impl Redactor<'_> {
    /// The headers, in order, with every secret's value replaced.
    pub(crate) fn headers(&self, headers: &HeaderMap) -> Vec<(String, String)> {
        headers
            .iter()
            .map(|(name, value)| {
                let secret = value.is_sensitive()
                    || *name == AUTHORIZATION
                    || *name == COOKIE
                    || *name == SET_COOKIE
                    || self.secret_headers.contains(name);
                let shown = if secret {
                    REDACTED.to_owned()
                } else {
                    String::from_utf8_lossy(value.as_bytes()).into_owned()
                };
                (name.as_str().to_owned(), shown)
            })
            .collect()
    }

    /// A body as text with its secrets redacted: the spec's secret properties of a JSON body,
    /// and the credential anywhere.
    ///
    /// The whole body is redacted before it is cut to 64 KiB, so a cut never splits a secret
    /// from the name that marks it (bodies are already bounded by the client's body limits).
    pub(crate) fn body(&self, body: &[u8]) -> String {
        let mut text = match serde_json::from_slice::<Value>(body) {
            Ok(mut value) => {
                redact_fields(&mut value);
                value.to_string()
            }
            Err(_) => String::from_utf8_lossy(body).into_owned(),
        };
        if let Some(credential) = self.credential.filter(|credential| !credential.is_empty()) {
            text = text.replace(credential, REDACTED);
        }
        if text.len() > MAX_TRACED_BODY {
            let mut end = MAX_TRACED_BODY;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let cut = text.len() - end;
            text.truncate(end);
            let _ = write!(text, "… ({cut} more bytes not shown)");
        }
        text
    }
}

/// Replaces the value of every secret property (`nexevo_api::SECRET_FIELDS`), at any depth.
fn redact_fields(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (name, field) in map.iter_mut() {
                if nexevo_api::SECRET_FIELDS.contains(&name.as_str()) && !field.is_null() {
                    *field = Value::String(REDACTED.to_owned());
                } else {
                    redact_fields(field);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_fields),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    #[test]
    fn secrets_are_redacted_in_headers_and_bodies() {
        let redactor = Redactor {
            credential: Some("nx-test-abc"),
            secret_headers: &[HeaderName::from_static("x-nexevo-provider-key")],
        };
        let mut headers = HeaderMap::new();
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_static("Bearer nx-test-abc"),
        );
        headers.insert(
            "x-nexevo-provider-key",
            HeaderValue::from_static("sk-provider"),
        );
        headers.insert("content-type", HeaderValue::from_static("application/json"));
        let shown = redactor.headers(&headers);
        assert!(!format!("{shown:?}").contains("nx-test-abc"), "{shown:?}");
        assert!(!format!("{shown:?}").contains("sk-provider"), "{shown:?}");
        assert!(shown.contains(&("content-type".to_owned(), "application/json".to_owned())));

        let body = br#"{"email":"a@b.c","password":"hunter2hunter2","data":[{"full_key":"nx-live-x"}],"note":"key nx-test-abc"}"#;
        let shown = redactor.body(body);
        for secret in ["hunter2hunter2", "nx-live-x", "nx-test-abc"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("a@b.c"), "{shown}");
    }

    #[test]
    fn a_curl_line_names_the_variable_not_the_key_and_quotes_for_a_shell() {
        let request = TracedRequest {
            operation: "create_key",
            attempt: 1,
            method: "POST".to_owned(),
            url: "http://127.0.0.1:8080/v1/keys".to_owned(),
            headers: vec![
                ("authorization".to_owned(), REDACTED.to_owned()),
                ("idempotency-key".to_owned(), "k1".to_owned()),
            ],
            body: Some(r#"{"name":"it's mine"}"#.to_owned()),
        };
        assert_eq!(
            request.curl(),
            r#"curl -X POST 'http://127.0.0.1:8080/v1/keys' -H "Authorization: Bearer $NEXEVO_API_KEY" -H 'idempotency-key: k1' --data '{"name":"it'\''s mine"}'"#
        );
    }

    #[test]
    fn a_large_body_is_cut_for_the_trace() {
        let redactor = Redactor {
            credential: None,
            secret_headers: &[],
        };
        let shown = redactor.body(&vec![b'a'; MAX_TRACED_BODY + 10]);
        assert!(
            shown.ends_with("… (10 more bytes not shown)"),
            "{}",
            &shown[shown.len() - 40..]
        );
    }
}
