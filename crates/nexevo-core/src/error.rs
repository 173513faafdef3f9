//! One error type for every call of the SDK.

use std::fmt;
use std::time::Duration;

use nexevo_api::ValidationError;
use nexevo_api::types::ErrorCode;

/// What can go wrong with a call. Every variant says whether the server answered: those that
/// did carry its request id ([`Error::request_id`]).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with an error status.
    Api(Box<ApiError>),

    /// A value broke a rule of the API before anything was sent: the field and the rule.
    Validation(ValidationError),

    /// A time limit passed before the call had its answer (for a stream: its head, or an error
    /// answer's body): which one, and after how many attempts. Every time limit is in the table
    /// on [`Timeouts`](crate::Timeouts); a stream that times out once it has begun ends with
    /// [`StreamError::IdleTimeout`] or [`StreamError::Deadline`] instead.
    Timeout {
        /// How many attempts were made.
        attempts: u32,
        /// The limit that passed.
        limit: TimeLimit,
    },

    /// The connection failed (could not connect, or was lost), on every attempt.
    Connection {
        /// How many attempts were made.
        attempts: u32,
        /// The transport's error (its URL removed).
        source: reqwest::Error,
    },

    /// An answer arrived but could not be read as what the API promises.
    Decode {
        /// The answer's status.
        status: u16,
        /// The answer's `X-Request-Id`, if it had one.
        request_id: Option<String>,
        /// What was wrong with it.
        message: String,
    },

    /// A server-sent event stream broke: it ended early, went silent, or sent an error event.
    Stream(StreamError),

    /// The server answered with a redirect (3xx). The SDK follows none: a request carries
    /// credentials and secrets that must not leave for another host. Point the client's base
    /// URL at where the API really is.
    Redirect {
        /// The answer's status.
        status: u16,
        /// Where it pointed (`Location`), if it said.
        location: Option<String>,
        /// The answer's `X-Request-Id`, if it had one.
        request_id: Option<String>,
    },

    /// An answer's body was larger than the client's [`BodyLimits`](crate::BodyLimits) allow
    /// (for a success, `answer`; for an error, `error`). Not retried.
    AnswerTooLarge {
        /// The answer's status.
        status: u16,
        /// The limit it exceeded, in bytes.
        limit: usize,
        /// The answer's `X-Request-Id`, if it had one.
        request_id: Option<String>,
    },

    /// The base URL is plain `http://` to a host that is not this machine: the credential and
    /// every prompt would cross the network readable by anyone on the path. Use `https://`, or
    /// opt in for a network you trust with
    /// [`ClientBuilder::allow_insecure_http`](crate::ClientBuilder::allow_insecure_http) or
    /// `NEXEVO_ALLOW_INSECURE_HTTP=1`. Loopback (`localhost`, `127.0.0.0/8`, `[::1]`) is
    /// always allowed.
    InsecureBaseUrl {
        /// The base URL refused.
        base_url: String,
    },

    /// The client is misconfigured (say, a base URL that is not a URL).
    Config(String),

    /// The client makes dry runs ([`ClientBuilder::dry_run`](crate::ClientBuilder::dry_run)):
    /// the request was built and checked, and not sent.
    DryRun,

    /// A request by method and path ([`Client::request`](crate::Client::request)) that is no
    /// operation of the API, refused before sending (a typo, or an endpoint to send with
    /// `allow_unknown`).
    UnknownOperation {
        /// The method, upper case.
        method: String,
        /// The path.
        path: String,
    },
}

/// `"s"` unless there is exactly one.
fn plural(count: impl Into<u64>) -> &'static str {
    if count.into() == 1 { "" } else { "s" }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(error) => error.fmt(f),
            Self::Validation(error) => write!(f, "invalid request: {error}"),
            Self::Timeout { attempts, limit } => write!(
                f,
                "timed out after {attempts} attempt{} ({limit})",
                plural(*attempts)
            ),
            Self::Connection { attempts, source } => write!(
                f,
                "connection failed after {attempts} attempt{}: {source}",
                plural(*attempts)
            ),
            Self::Decode {
                status,
                request_id,
                message,
            } => write!(
                f,
                "could not decode the {status} answer (request {}): {message}",
                request_id.as_deref().unwrap_or("without an id")
            ),
            Self::Stream(error) => write!(f, "stream failed: {error}"),
            Self::Redirect {
                status, location, ..
            } => write!(
                f,
                "the server answered {status}, a redirect to {}; the SDK follows no redirects \
                 (set the base URL to where the API is)",
                location.as_deref().unwrap_or("(no Location)")
            ),
            Self::AnswerTooLarge { status, limit, .. } => write!(
                f,
                "the {status} answer's body exceeded the client's limit of {limit} bytes"
            ),
            Self::InsecureBaseUrl { base_url } => write!(
                f,
                "refusing plain http to {base_url}: credentials and prompts would cross the \
                 network unencrypted; use https, or opt in with \
                 ClientBuilder::allow_insecure_http or NEXEVO_ALLOW_INSECURE_HTTP=1"
            ),
            Self::Config(message) => write!(f, "configuration: {message}"),
            Self::DryRun => f.write_str("dry run: the request was built and not sent"),
            Self::UnknownOperation { method, path } => write!(
                f,
                "{method} {path} is no operation of the Nexevo API (check the method and path, \
                 or allow unknown paths to send it as it is)"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // Transparent: the API error is this error, not its cause.
            Self::Api(error) => error.source(),
            Self::Validation(error) => Some(error),
            Self::Connection { source, .. } => Some(source),
            Self::Stream(error) => Some(error),
            Self::Timeout { .. }
            | Self::Decode { .. }
            | Self::Redirect { .. }
            | Self::AnswerTooLarge { .. }
            | Self::InsecureBaseUrl { .. }
            | Self::Config(_)
            | Self::DryRun
            | Self::UnknownOperation { .. } => None,
        }
    }
}

impl From<Box<ApiError>> for Error {
    fn from(error: Box<ApiError>) -> Self {
        Self::Api(error)
    }
}

impl From<ValidationError> for Error {
    fn from(error: ValidationError) -> Self {
        Self::Validation(error)
    }
}

impl From<StreamError> for Error {
    fn from(error: StreamError) -> Self {
        Self::Stream(error)
    }
}

/// The time limit that ended a call with [`Error::Timeout`] (see the table on
/// [`Timeouts`](crate::Timeouts)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeLimit {
    /// The attempt timeout: the last attempt had no whole answer (for a stream, no head) within
    /// it ([`Timeouts::attempt`](crate::Timeouts::attempt)).
    Attempt(Duration),
    /// The call's deadline: the call, its retries and the waits between them, took longer
    /// ([`Timeouts::call_deadline`](crate::Timeouts::call_deadline)).
    CallDeadline(Duration),
    /// The stream idle timeout: a stream's error answer went silent for longer while its body
    /// was being read ([`Timeouts::stream_idle`](crate::Timeouts::stream_idle)).
    StreamIdle(Duration),
    /// A timeout of the HTTP client itself: connecting
    /// ([`Timeouts::connect`](crate::Timeouts::connect)), or a timeout set on a
    /// `reqwest::Client` given to [`ClientBuilder::http_client`](crate::ClientBuilder::http_client).
    HttpClient,
}

impl fmt::Display for TimeLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Attempt(limit) => write!(f, "the attempt timeout of {limit:?}"),
            Self::CallDeadline(limit) => write!(f, "the call's deadline of {limit:?}"),
            Self::StreamIdle(limit) => {
                write!(
                    f,
                    "the stream idle timeout of {limit:?}, reading an error answer"
                )
            }
            Self::HttpClient => f.write_str("the HTTP client's own timeout"),
        }
    }
}

/// The result of an SDK call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error status from the server, with its parsed body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The machine-readable code (`spend_cap_exceeded`, …); `Unknown` for a code this version
    /// does not know.
    pub code: ErrorCode,
    /// The server's explanation.
    pub message: String,
    /// For validation failures, the field at fault.
    pub field: Option<String>,
    /// The request id (from the body, or the `X-Request-Id` header).
    pub request_id: Option<String>,
    /// The `Retry-After` the server asked for, if any.
    pub retry_after: Option<Duration>,
    /// How many attempts were made before giving up.
    pub attempts: u32,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.message)?;
        if let Some(field) = &self.field {
            write!(f, " (field {field})")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// How a stream of server-sent events failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StreamError {
    /// The stream ended before its `data: [DONE]`: the answer is incomplete.
    Truncated {
        /// Chunks received before the end.
        chunks: u64,
    },
    /// No bytes arrived for longer than the stream idle timeout
    /// ([`Timeouts::stream_idle`](crate::Timeouts::stream_idle)).
    IdleTimeout(Duration),
    /// The server sent an error event in the middle of the stream.
    Server {
        /// The error code.
        code: ErrorCode,
        /// The server's explanation.
        message: String,
        /// The request id.
        request_id: Option<String>,
    },
    /// One event was larger than the parser accepts.
    EventTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// What [`collect_message`](https://docs.rs/nexevo-chat) accumulates (content, tool-call
    /// names and arguments) grew past its limit.
    MessageTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The stream's total deadline ([`Timeouts::stream_deadline`](crate::Timeouts::stream_deadline),
    /// off unless set) passed before its end, however alive it kept itself with keep-alive
    /// comments.
    Deadline(Duration),
    /// An event's data was not a valid chunk.
    Decode(String),
    /// The connection failed mid-stream.
    Connection(String),
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Truncated { chunks } => write!(
                f,
                "the stream ended after {chunks} chunk{} without [DONE]",
                plural(*chunks)
            ),
            Self::IdleTimeout(idle) => write!(f, "no data for {idle:?} (idle timeout)"),
            Self::Server { code, message, .. } => {
                write!(f, "the server reported {code}: {message}")
            }
            Self::EventTooLarge { limit } => write!(f, "an event exceeded {limit} bytes"),
            Self::MessageTooLarge { limit } => {
                write!(f, "the collected message exceeded {limit} bytes")
            }
            Self::Deadline(deadline) => {
                write!(
                    f,
                    "the stream did not end within its deadline of {deadline:?}"
                )
            }
            Self::Decode(message) => write!(f, "a chunk could not be decoded: {message}"),
            Self::Connection(message) => write!(f, "the connection failed mid-stream: {message}"),
        }
    }
}

impl std::error::Error for StreamError {}

impl Error {
    /// The request id of an error the server answered (an error status, an undecodable
    /// answer, or an error event in a stream).
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api(error) => error.request_id.as_deref(),
            Self::Decode { request_id, .. }
            | Self::Redirect { request_id, .. }
            | Self::AnswerTooLarge { request_id, .. } => request_id.as_deref(),
            Self::Stream(StreamError::Server { request_id, .. }) => request_id.as_deref(),
            _ => None,
        }
    }

    /// The HTTP status of an answer, if one arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(error) => Some(error.status),
            Self::Decode { status, .. }
            | Self::Redirect { status, .. }
            | Self::AnswerTooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The API error code, if the server sent one.
    pub fn code(&self) -> Option<&ErrorCode> {
        match self {
            Self::Api(error) => Some(&error.code),
            Self::Stream(StreamError::Server { code, .. }) => Some(code),
            _ => None,
        }
    }

    /// The field and rule of a validation failure, client-side or from the server's 422.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Validation(error) => Some(error.field()),
            Self::Api(error) => error.field.as_deref(),
            _ => None,
        }
    }

    /// The API error, if the server answered with an error status.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(error) => Some(error),
            _ => None,
        }
    }

    /// Whether nothing reached the server (a client-side check refused the call).
    pub fn is_validation(&self) -> bool {
        matches!(self, Self::Validation(_))
    }

    /// Whether a time limit ended the call ([`Error::Timeout`]) or its stream
    /// ([`StreamError::IdleTimeout`], [`StreamError::Deadline`]): any limit of the table on
    /// [`Timeouts`](crate::Timeouts).
    pub fn is_timeout(&self) -> bool {
        matches!(
            self,
            Self::Timeout { .. }
                | Self::Stream(StreamError::IdleTimeout(_) | StreamError::Deadline(_))
        )
    }
}
