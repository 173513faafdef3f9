//! **Not for use.** The crate's insides, for its fuzz targets and benches only: compiled with
//! the `__internals` feature, which `nexevo` never turns on. No semver promise: anything here
//! may change or go in any release.
//!
//! - [`sse`]: the server-sent events parser a [`ChatStream`] reads its events with, fed bytes
//!   split however a fuzzer likes;
//! - [`stream_from_response`]: a [`ChatStream`] over a response made in memory, so that a
//!   bench measures the stream without a server.

use std::time::Duration;

use nexevo_core::__private::{self, TimedBody};

use crate::stream::{ChatStream, StreamBounds};
use crate::telemetry::StreamTrace;

/// The server-sent events parser: bytes in, however they are split across reads; events out.
pub mod sse {
    pub use crate::sse::{DEFAULT_MAX_EVENT_BYTES, Event, EventTooLarge, Parser};
}

/// A completion stream read from `response` (its status unchecked: a 2xx `text/event-stream`
/// answer), with this idle timeout, no deadline, and the default size caps.
pub fn stream_from_response(response: reqwest::Response, idle: Duration) -> ChatStream {
    let meta = __private::response_meta(&response);
    let body = TimedBody::new(response, idle, None);
    let trace = StreamTrace::new(__private::CallTrace::none());
    ChatStream::new(body, meta, StreamBounds::default(), trace)
}
