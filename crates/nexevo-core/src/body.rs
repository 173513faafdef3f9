//! Reading an answer's body: always bounded in size, so no server can make a call hold an
//! unbounded amount of memory.

use bytes::{Bytes, BytesMut};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::error::Error;
use crate::response::request_id;

/// The largest bodies the SDK reads. A successful answer over its limit ends the call with
/// [`Error::AnswerTooLarge`] (not retried: the same request would get the same answer); an
/// error answer is read up to its limit, retried as its status says, and if it is the call's
/// last answer ends it with [`Error::AnswerTooLarge`] carrying that status.
///
/// ```
/// let limits = nexevo_core::BodyLimits { answer: 64 << 20, ..Default::default() };
/// let client = nexevo_core::Client::builder().body_limits(limits).build()?;
/// assert_eq!(client.body_limits().answer, 64 << 20);
/// # Ok::<(), nexevo_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyLimits {
    /// A successful answer's body, in bytes (default 32 MiB: a long conversation's page of
    /// messages fits many times over).
    pub answer: usize,
    /// An error answer's body, in bytes (default 64 KiB: the error shape needs a few hundred
    /// bytes; anything longer is a proxy's page, of which the start says enough).
    pub error: usize,
}

impl Default for BodyLimits {
    fn default() -> Self {
        Self {
            answer: 32 << 20,
            error: 64 << 10,
        }
    }
}

impl BodyLimits {
    /// The limit for an answer with this status.
    pub(crate) fn for_status(self, status: StatusCode) -> usize {
        if status.is_success() {
            self.answer
        } else {
            self.error
        }
    }
}

/// A whole answer: its head and its body, read (within its size limit) inside its attempt.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    /// The body was cut at this limit (an error answer only: a success over it is an error).
    pub(crate) cut: Option<usize>,
}

/// Why a body could not be read.
#[derive(Debug)]
pub(crate) enum BodyFailure {
    /// The transport failed while reading (a reset, a timeout).
    Http(reqwest::Error),
    /// The body was larger than its limit.
    TooLarge(Error),
}

/// Reads `response`'s body (its headers already taken into `headers`), reading no more than
/// `limit` bytes. Past the limit a success's body is [`Error::AnswerTooLarge`] (refused before
/// reading when `Content-Length` already says so); an error's is cut there, with `true`, since
/// its status says what matters and its start says the rest. One chunk (the usual case for an
/// API answer) is kept as it arrived, without a copy.
///
/// Every call in flight holds this future, so it keeps little across its awaits: the body so
/// far (the caller keeps the response).
pub(crate) async fn read_capped(
    response: &mut reqwest::Response,
    headers: &HeaderMap,
    limit: usize,
) -> Result<(Bytes, bool), BodyFailure> {
    let status = response.status();
    let too_large = || {
        BodyFailure::TooLarge(Error::AnswerTooLarge {
            status: status.as_u16(),
            limit,
            request_id: request_id(headers),
        })
    };
    let declared = response.content_length();
    if status.is_success() && declared.is_some_and(|length| length > limit as u64) {
        return Err(too_large());
    }
    let mut body = Collected::Nothing;
    while let Some(chunk) = response.chunk().await.map_err(BodyFailure::Http)? {
        let so_far = body.len();
        if so_far + chunk.len() > limit {
            if status.is_success() {
                return Err(too_large());
            }
            let mut cut = body.into_buffer(limit, declared);
            cut.extend_from_slice(&chunk[..limit - so_far]);
            return Ok((cut.freeze(), true));
        }
        body = match body {
            Collected::Nothing => Collected::One(chunk),
            more => {
                let mut buffer = more.into_buffer(limit, declared);
                buffer.extend_from_slice(&chunk);
                Collected::Many(buffer)
            }
        };
    }
    Ok((body.into_bytes(), false))
}

/// A body as it is read: usually one chunk, kept as it arrived.
enum Collected {
    Nothing,
    One(Bytes),
    Many(BytesMut),
}

impl Collected {
    fn len(&self) -> usize {
        match self {
            Self::Nothing => 0,
            Self::One(bytes) => bytes.len(),
            Self::Many(buffer) => buffer.len(),
        }
    }

    /// A buffer holding what was read, with room for the declared length (within `limit`).
    fn into_buffer(self, limit: usize, declared: Option<u64>) -> BytesMut {
        match self {
            Self::Many(buffer) => buffer,
            other => {
                let capacity = declared
                    .and_then(|length| usize::try_from(length).ok())
                    .unwrap_or(0)
                    .max(other.len())
                    .min(limit);
                let mut buffer = BytesMut::with_capacity(capacity);
                if let Self::One(bytes) = other {
                    buffer.extend_from_slice(&bytes);
                }
                buffer
            }
        }
    }

    fn into_bytes(self) -> Bytes {
        match self {
            Self::Nothing => Bytes::new(),
            Self::One(bytes) => bytes,
            Self::Many(buffer) => buffer.freeze(),
        }
    }
}
