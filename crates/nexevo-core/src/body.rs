//! Reading an answer's body: always bounded in size, so no server can make a call hold an
//! unbounded amount of memory.

use bytes::{Bytes, BytesMut};
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
    pub(crate) fn for_status(self, status: reqwest::StatusCode) -> usize {
        if status.is_success() {
            self.answer
        } else {
            self.error
        }
    }
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
pub(crate) async fn read_capped(
    mut response: reqwest::Response,
    headers: &HeaderMap,
    limit: usize,
) -> Result<(Bytes, bool), BodyFailure> {
    let status = response.status();
    let cut = !status.is_success();
    let too_large = || {
        BodyFailure::TooLarge(Error::AnswerTooLarge {
            status: status.as_u16(),
            limit,
            request_id: request_id(headers),
        })
    };
    let declared = response.content_length();
    if !cut && declared.is_some_and(|length| length > limit as u64) {
        return Err(too_large());
    }
    let Some(first) = response.chunk().await.map_err(BodyFailure::Http)? else {
        return Ok((Bytes::new(), false));
    };
    if first.len() > limit {
        return if cut {
            Ok((first.slice(..limit), true))
        } else {
            Err(too_large())
        };
    }
    let Some(second) = response.chunk().await.map_err(BodyFailure::Http)? else {
        return Ok((first, false));
    };
    let capacity = declared.map_or(first.len() + second.len(), |length| {
        usize::try_from(length).unwrap_or(limit)
    });
    let mut body = BytesMut::with_capacity(capacity.min(limit));
    let mut next = Some(second);
    body.extend_from_slice(&first);
    while let Some(chunk) = next {
        if body.len() + chunk.len() > limit {
            if !cut {
                return Err(too_large());
            }
            let room = limit - body.len();
            body.extend_from_slice(&chunk[..room]);
            return Ok((body.freeze(), true));
        }
        body.extend_from_slice(&chunk);
        next = response.chunk().await.map_err(BodyFailure::Http)?;
    }
    Ok((body.freeze(), false))
}
