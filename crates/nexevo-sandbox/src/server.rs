//! The accept loop: HTTP/1.1 over TCP, with connections that a request can reset (fault
//! injection needs "the client sees no answer", which a handler cannot otherwise cause). It
//! serves at most so many connections at once — fewer than the process may open descriptors
//! — backs off when accepting fails (out of descriptors, say) rather than spinning, and gives
//! each request a time by which its head and then its body must have arrived.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, oneshot};
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::context::{BodyDeadline, ConnectionControl};

/// The most connections a sandbox serves at once, by default.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1_024;

/// How long a request's head may take to arrive, by default.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a request's body may take to arrive once its head has, by default.
pub const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The first wait after a failed accept; it doubles with each failure in a row, up to
/// [`MAX_ACCEPT_BACKOFF`], and starts over after a success.
const FIRST_ACCEPT_BACKOFF: Duration = Duration::from_millis(10);

/// The longest wait after failed accepts.
const MAX_ACCEPT_BACKOFF: Duration = Duration::from_secs(1);

/// How many connections are served at once, and how long a request's head and body may take.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConnectionLimits {
    pub(crate) max: usize,
    pub(crate) header_read_timeout: Duration,
    pub(crate) body_read_timeout: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            max: DEFAULT_MAX_CONNECTIONS,
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            body_read_timeout: DEFAULT_BODY_READ_TIMEOUT,
        }
    }
}

/// The most connections the process can serve at once given its soft limit on open
/// descriptors, `descriptors`: each connection holds one, and the rest of the process (the
/// listener, the runtime, alert deliveries, an embedding test's own sockets and files) needs
/// some too — a quarter of the limit, at most 256 and at least 8.
pub(crate) fn connections_within(descriptors: u64) -> usize {
    let reserve = (descriptors / 4).clamp(8, 256);
    usize::try_from(descriptors.saturating_sub(reserve))
        .unwrap_or(usize::MAX)
        .max(1)
}

/// The process's soft limit on open descriptors, where the platform says.
pub(crate) fn descriptor_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        rlimit::getrlimit(rlimit::Resource::NOFILE)
            .ok()
            .map(|(soft, _)| soft)
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Serves `router` on `listener` until `shutdown` fires (or is dropped); then closes every
/// connection. Counts the connections it accepts in `accepted`. At most `limits.max` are
/// served at once: past that, the next is accepted only when one closes.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    mut shutdown: oneshot::Receiver<()>,
    accepted: Arc<AtomicU64>,
    limits: ConnectionLimits,
) {
    let mut connections = JoinSet::new();
    let slots = Arc::new(Semaphore::new(limits.max));
    let mut backoff = FIRST_ACCEPT_BACKOFF;
    loop {
        // A free slot first: then accept.
        let slot = tokio::select! {
            _ = &mut shutdown => break,
            slot = Arc::clone(&slots).acquire_owned() => slot,
            Some(_) = connections.join_next(), if !connections.is_empty() => continue,
        };
        let Ok(slot) = slot else { break };
        tokio::select! {
            _ = &mut shutdown => break,
            accepted_stream = listener.accept() => {
                let Ok((stream, _)) = accepted_stream else {
                    // Out of descriptors, most often: accepting again at once would fail again
                    // at once, for as long as it lasts. Closing connections still goes on.
                    drop(slot);
                    let pause = tokio::time::sleep(backoff);
                    tokio::pin!(pause);
                    loop {
                        tokio::select! {
                            _ = &mut shutdown => {
                                connections.shutdown().await;
                                return;
                            }
                            () = &mut pause => break,
                            Some(_) = connections.join_next(), if !connections.is_empty() => {}
                        }
                    }
                    backoff = (backoff * 2).min(MAX_ACCEPT_BACKOFF);
                    continue;
                };
                backoff = FIRST_ACCEPT_BACKOFF;
                accepted.fetch_add(1, Ordering::Relaxed);
                let _ = stream.set_nodelay(true);
                let control = ConnectionControl::default();
                let io = TokioIo::new(Resettable { stream, reset: Arc::clone(&control.0) });
                let router = router.clone();
                let body_read_timeout = limits.body_read_timeout;
                let service = hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
                    request.extensions_mut().insert(control.clone());
                    // The head has arrived: the body's time starts now.
                    if let Some(at) = tokio::time::Instant::now().checked_add(body_read_timeout) {
                        request.extensions_mut().insert(BodyDeadline { at, timeout: body_read_timeout });
                    }
                    router.clone().oneshot(request)
                });
                let header_read_timeout = limits.header_read_timeout;
                connections.spawn(async move {
                    let _ = hyper::server::conn::http1::Builder::new()
                        .keep_alive(true)
                        .timer(TokioTimer::new())
                        .header_read_timeout(header_read_timeout)
                        .serve_connection(io, service)
                        .await;
                    drop(slot);
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
}

/// A TCP stream that fails every read and write once its request asked for a reset, and
/// then closes with RST rather than FIN.
struct Resettable {
    stream: TcpStream,
    reset: Arc<AtomicBool>,
}

impl Resettable {
    fn check(&self) -> io::Result<()> {
        if self.reset.load(Ordering::SeqCst) {
            // Zero linger makes the close a reset, as a crashed server's would be.
            let _ = self.stream.set_zero_linger();
            return Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "fault injection: connection reset",
            ));
        }
        Ok(())
    }
}

impl AsyncRead for Resettable {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.check()?;
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Resettable {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.check()?;
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.check()?;
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.check()?;
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}
