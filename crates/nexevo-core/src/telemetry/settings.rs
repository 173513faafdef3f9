//! What a client's calls record about themselves, set once when it is built. A leaf: the
//! telemetry's other modules read it.

use std::sync::Arc;

/// What a client's calls record about themselves, set once when it is built.
#[derive(Clone)]
pub(crate) struct Settings {
    /// `server.address` and `server.port`, from the base URL.
    pub(crate) server_address: Arc<str>,
    pub(crate) server_port: u16,
    /// Whether a chat call records its messages ([`crate::ClientBuilder::capture_message_content`]).
    pub(crate) capture_content: bool,
    /// The GenAI instruments, on the client's meter provider or the global one.
    #[cfg(feature = "otel")]
    pub(crate) instruments: Arc<super::metrics::Instruments>,
}
