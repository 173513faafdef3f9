//! A stream that gives up when its source goes silent.

use std::future::Future as _;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::Stream;

/// Wraps `stream` so that waiting longer than `idle` for its next item ends it with
/// `Err(IdleTimeout)` (the silence clock restarts with every item). Dropping it drops the
/// source — for a response body, closing the connection.
pub fn idle_timeout<S: Stream + Unpin>(stream: S, idle: Duration) -> IdleTimeoutStream<S> {
    IdleTimeoutStream {
        stream,
        idle,
        deadline: None,
        armed: false,
    }
}

/// The stream [`idle_timeout`] returns.
#[derive(Debug)]
pub struct IdleTimeoutStream<S> {
    stream: S,
    idle: Duration,
    // One timer for the stream's life, re-armed rather than re-allocated: a stream yields an
    // item per network read, and a fresh boxed timer for each was an allocation per token.
    deadline: Option<Pin<Box<tokio::time::Sleep>>>,
    // Whether `deadline` counts the current silence (it is stale after an item or a firing).
    armed: bool,
}

/// The source said nothing for longer than the idle timeout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleTimeout(pub Duration);

impl<S: Stream + Unpin> Stream for IdleTimeoutStream<S> {
    type Item = Result<S::Item, IdleTimeout>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        match Pin::new(&mut this.stream).poll_next(cx) {
            Poll::Ready(item) => {
                this.armed = false;
                Poll::Ready(item.map(Ok))
            }
            Poll::Pending => {
                let idle = this.idle;
                if !this.armed
                    && let Some(deadline) = &mut this.deadline
                {
                    deadline.as_mut().reset(tokio::time::Instant::now() + idle);
                }
                this.armed = true;
                let deadline = this
                    .deadline
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(idle)));
                match deadline.as_mut().poll(cx) {
                    Poll::Ready(()) => {
                        this.armed = false;
                        Poll::Ready(Some(Err(IdleTimeout(idle))))
                    }
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }
}
