//! Every time limit of the SDK, and the two timers that enforce them: [`CallTimer`] for a
//! call (each attempt, and the call's deadline), [`TimedBody`] for a stream once its head has
//! arrived (its idle timeout and its deadline). Nothing else in the SDK starts a timer.

use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_util::Stream;
use tokio::time::{Instant, Sleep, sleep_until};

use crate::error::{StreamError, TimeLimit};

/// How long a call may take, in its parts; nothing waits unbounded.
///
/// | setting | bounds | default | when it passes |
/// |---|---|---|---|
/// | [`connect`](Self::connect) | establishing a connection (on the client the SDK builds) | 10 s | the attempt failed to connect: retried; on the last, [`Error::Timeout`] with [`TimeLimit::HttpClient`] |
/// | [`attempt`](Self::attempt) | one attempt, from sending the request to the last byte of its answer; for a stream, to its head | 120 s | retried when that is safe; on the last, [`Error::Timeout`] with [`TimeLimit::Attempt`] |
/// | [`call_deadline`](Self::call_deadline) | the whole call: every attempt and every wait between them (for a stream, until its head, and an error answer's body) | none | [`Error::Timeout`] with [`TimeLimit::CallDeadline`], never retried; a retry whose wait would end past it is not made, and the call ends with its last answer |
/// | [`stream_idle`](Self::stream_idle) | the longest silence of a stream once its head has arrived (any bytes re-arm it, keep-alive comments too), and the whole body of a stream's error answer | 60 s | the stream's last item, [`StreamError::IdleTimeout`]; for an error answer, [`Error::Timeout`] with [`TimeLimit::StreamIdle`] |
/// | [`stream_deadline`](Self::stream_deadline) | a stream's total, from its head to its end | none | the stream's last item, [`StreamError::Deadline`] |
///
/// Each is set for the client here or on its builder
/// ([`ClientBuilder::attempt_timeout`](crate::ClientBuilder::attempt_timeout), …), and all but
/// `connect` for one call on its builder ([`CallOptions::attempt_timeout`],
/// [`CallOptions::call_deadline`], [`StreamOptions::stream_idle_timeout`],
/// [`StreamOptions::stream_deadline`]). [`Error::is_timeout`] is true for each of their errors.
///
/// [`Error::Timeout`]: crate::Error::Timeout
/// [`Error::is_timeout`]: crate::Error::is_timeout
/// [`TimeLimit::HttpClient`]: crate::TimeLimit::HttpClient
/// [`TimeLimit::Attempt`]: crate::TimeLimit::Attempt
/// [`TimeLimit::CallDeadline`]: crate::TimeLimit::CallDeadline
/// [`TimeLimit::StreamIdle`]: crate::TimeLimit::StreamIdle
/// [`CallOptions::attempt_timeout`]: crate::CallOptions::attempt_timeout
/// [`CallOptions::call_deadline`]: crate::CallOptions::call_deadline
/// [`StreamOptions::stream_idle_timeout`]: crate::StreamOptions::stream_idle_timeout
/// [`StreamOptions::stream_deadline`]: crate::StreamOptions::stream_deadline
///
/// ```
/// use std::time::Duration;
/// let timeouts = nexevo_core::Timeouts {
///     attempt: Duration::from_secs(30),
///     call_deadline: Some(Duration::from_secs(90)),
///     ..Default::default()
/// };
/// let client = nexevo_core::Client::builder().timeouts(timeouts).build()?;
/// assert_eq!(client.timeouts().call_deadline, Some(Duration::from_secs(90)));
/// # Ok::<(), nexevo_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Establishing a connection (on the client the SDK builds; a `reqwest::Client` of your
    /// own keeps its own).
    pub connect: Duration,
    /// One attempt: from sending the request to the last byte of its answer; for a stream, to
    /// its head.
    pub attempt: Duration,
    /// The whole call, its retries and the waits between them included: `None` (the default),
    /// so the attempts and the retry policy alone bound a call.
    pub call_deadline: Option<Duration>,
    /// For streams, the longest silence once the head has arrived, and the whole body of an
    /// error answer. Any bytes re-arm it, keep-alive comments too: a model thinking for
    /// minutes behind a proxy that pings is alive.
    pub stream_idle: Duration,
    /// For streams, a total deadline from the answer's head to its end: `None` (the default),
    /// so a long completion is never cut off while it keeps talking. Set it to bound a server
    /// that only ever sends keep-alives.
    pub stream_deadline: Option<Duration>,
}

impl Default for Timeouts {
    /// Connect 10 s; each attempt 120 s (a non-streamed completion can be slow); 60 s of
    /// silence in a stream; no deadline for a call or a stream.
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            attempt: Duration::from_secs(120),
            call_deadline: None,
            stream_idle: Duration::from_secs(60),
            stream_deadline: None,
        }
    }
}

/// Further than any call lasts, and within any clock's range.
const FAR: Duration = Duration::from_secs(100 * 365 * 86_400);

/// The instant `length` after `now`; `None` for a length beyond any call's life, which is no
/// limit (`Duration::MAX` among them: it must not overflow).
fn limit_at(now: Instant, length: Duration) -> Option<Instant> {
    if length >= FAR {
        return None;
    }
    now.checked_add(length)
}

/// When a timer for `bound` from `now` goes off, if the `deadline` is not sooner.
fn timer_at(now: Instant, bound: Duration, deadline: Option<Instant>) -> Instant {
    let at = limit_at(now, bound).unwrap_or_else(|| now.checked_add(FAR).unwrap_or(now));
    deadline.map_or(at, |deadline| at.min(deadline))
}

pin_project_lite::pin_project! {
    /// What a [`CallTimer`] keeps in its one allocation.
    struct CallTimerState {
        // Made at the first attempt and re-armed after, never made again.
        #[pin]
        sleep: Option<Sleep>,
        attempt: Duration,
        // When the call must end, and how long it had.
        deadline: Option<(Instant, Duration)>,
    }
}

/// The one timer of a call: each attempt's timeout, the waits between attempts, and the call's
/// deadline, which bounds them all. Boxed once per call: every call in flight holds a pointer,
/// not a timer, and a retry re-arms it rather than making another.
pub(crate) struct CallTimer(Pin<Box<CallTimerState>>);

/// What passed when a [`CallTimer`] went off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expired {
    /// The bound it was armed with (an attempt's timeout, a stream's idle timeout, a wait).
    Bound,
    /// The call's deadline, of this length.
    CallDeadline(Duration),
}

impl Expired {
    /// The limit that passed, `bound` being the one the timer was armed with.
    pub(crate) fn limit(self, bound: TimeLimit) -> TimeLimit {
        match self {
            Self::Bound => bound,
            Self::CallDeadline(length) => TimeLimit::CallDeadline(length),
        }
    }
}

impl CallTimer {
    /// The timer of a call starting now, whose attempts may take `attempt` each and which must
    /// end within `call_deadline`, if it has one.
    pub(crate) fn start(attempt: Duration, call_deadline: Option<Duration>) -> Self {
        let deadline =
            call_deadline.and_then(|length| Some((limit_at(Instant::now(), length)?, length)));
        Self(Box::pin(CallTimerState {
            sleep: None,
            attempt,
            deadline,
        }))
    }

    /// How long each attempt may take.
    pub(crate) fn attempt(&self) -> Duration {
        self.0.attempt
    }

    /// Whether a wait of `wait` from now ends before the call's deadline (always, without one).
    pub(crate) fn leaves_time_for(&self, wait: Duration) -> bool {
        self.0.deadline.is_none_or(|(deadline, _)| {
            limit_at(Instant::now(), wait).is_some_and(|end| end < deadline)
        })
    }

    /// Answers `future`'s output, unless `bound` from now, or the call's deadline, passes first.
    pub(crate) fn within<F: Future>(&mut self, bound: Duration, future: F) -> Within<'_, F> {
        self.arm(bound);
        Within {
            future,
            timer: self,
        }
    }

    /// Waits `wait` (which [`leaves_time_for`](Self::leaves_time_for) said ends in time).
    pub(crate) fn sleep(&mut self, wait: Duration) -> impl Future<Output = ()> + '_ {
        self.arm(wait);
        poll_fn(|cx| self.poll_expired(cx).map(|_| ()))
    }

    /// Sets the timer to go off `bound` from now, or at the call's deadline if that is sooner.
    fn arm(&mut self, bound: Duration) {
        let mut state = self.0.as_mut().project();
        let deadline = state.deadline.map(|(deadline, _)| deadline);
        let at = timer_at(Instant::now(), bound, deadline);
        match state.sleep.as_mut().as_pin_mut() {
            Some(sleep) => sleep.reset(at),
            None => state.sleep.set(Some(sleep_until(at))),
        }
    }

    /// Whether the timer has gone off, and which limit that was.
    fn poll_expired(&mut self, cx: &mut Context<'_>) -> Poll<Expired> {
        let state = self.0.as_mut().project();
        let deadline = *state.deadline;
        let Some(sleep) = state.sleep.as_pin_mut() else {
            return Poll::Pending;
        };
        let at = sleep.deadline();
        sleep.poll(cx).map(|()| match deadline {
            Some((deadline, length)) if at >= deadline => Expired::CallDeadline(length),
            _ => Expired::Bound,
        })
    }
}

pin_project_lite::pin_project! {
    /// What [`CallTimer::within`] answers: a future that holds its inner future once (an
    /// `async` block would keep room for it twice, and every call in flight holds this).
    pub(crate) struct Within<'t, F> {
        #[pin]
        future: F,
        timer: &'t mut CallTimer,
    }
}

impl<F: Future> Future for Within<'_, F> {
    type Output = Result<F::Output, Expired>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        match this.future.poll(cx) {
            Poll::Ready(output) => Poll::Ready(Ok(output)),
            Poll::Pending => this.timer.poll_expired(cx).map(Err),
        }
    }
}

type Bytestream = Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>;

/// A streamed answer's body, read within the stream's time limits
/// ([`Timeouts::stream_idle`], [`Timeouts::stream_deadline`]): its bytes as they arrive, and
/// as its last item the [`StreamError`] that ended it early — a silence longer than the idle
/// timeout, the deadline, or the connection. Dropping it closes the connection.
///
/// What `__private::send_streaming` answers, with the limits of its call; a reader of events
/// (the chat crate's `ChatStream`) reads them from it and keeps no timer of its own. Reached
/// only through `__private`: plumbing, not API.
pub struct TimedBody {
    bytes: Bytestream,
    idle: Duration,
    // One timer for the stream's life, for the silence and the deadline both, re-armed rather
    // than re-allocated: a stream yields an item per network read, and a fresh boxed timer for
    // each was an allocation per token.
    timer: Option<Pin<Box<Sleep>>>,
    // Whether `timer` counts the current silence (it is stale after an item or a firing).
    armed: bool,
    deadline: Option<(Instant, Duration)>,
    ended: bool,
}

impl std::fmt::Debug for TimedBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TimedBody")
            .field("idle", &self.idle)
            .field("deadline", &self.deadline.map(|(_, length)| length))
            .field("ended", &self.ended)
            .finish_non_exhaustive()
    }
}

impl TimedBody {
    /// `response`'s body, from now on silent for at most `idle` at a time, and over within
    /// `deadline`, if one is given.
    pub fn new(response: reqwest::Response, idle: Duration, deadline: Option<Duration>) -> Self {
        Self {
            bytes: Box::pin(response.bytes_stream()),
            idle,
            timer: None,
            armed: false,
            deadline: deadline.and_then(|length| Some((limit_at(Instant::now(), length)?, length))),
            ended: false,
        }
    }

    /// The body's last item: `error`.
    fn end(&mut self, error: StreamError) -> Poll<Option<Result<Bytes, StreamError>>> {
        self.ended = true;
        Poll::Ready(Some(Err(error)))
    }
}

impl Stream for TimedBody {
    type Item = Result<Bytes, StreamError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.ended {
            return Poll::Ready(None);
        }
        // Checked first, on every poll, so that a stream of keep-alives cannot starve it.
        if let Some((at, length)) = this.deadline
            && Instant::now() >= at
        {
            return this.end(StreamError::Deadline(length));
        }
        match this.bytes.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(bytes))) => {
                this.armed = false;
                Poll::Ready(Some(Ok(bytes)))
            }
            Poll::Ready(Some(Err(error))) => {
                this.end(StreamError::Connection(error.without_url().to_string()))
            }
            Poll::Ready(None) => {
                this.ended = true;
                Poll::Ready(None)
            }
            Poll::Pending => {
                if !this.armed {
                    let deadline = this.deadline.map(|(deadline, _)| deadline);
                    let at = timer_at(Instant::now(), this.idle, deadline);
                    match &mut this.timer {
                        Some(timer) => timer.as_mut().reset(at),
                        None => this.timer = Some(Box::pin(sleep_until(at))),
                    }
                    this.armed = true;
                }
                let Some(timer) = &mut this.timer else {
                    return Poll::Pending;
                };
                if timer.as_mut().poll(cx).is_pending() {
                    return Poll::Pending;
                }
                this.armed = false;
                match this.deadline {
                    Some((at, length)) if timer.deadline() >= at => {
                        this.end(StreamError::Deadline(length))
                    }
                    _ => this.end(StreamError::IdleTimeout(this.idle)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn an_attempt_ends_at_its_bound_or_at_the_calls_deadline_whichever_is_sooner() {
        let mut timer = CallTimer::start(Duration::from_secs(1), Some(Duration::from_secs(3)));
        let never = std::future::pending::<()>;
        assert_eq!(
            timer.within(timer.attempt(), never()).await,
            Err(Expired::Bound)
        );
        assert!(timer.leaves_time_for(Duration::from_secs(1)));
        timer.sleep(Duration::from_secs(1)).await;
        assert!(!timer.leaves_time_for(Duration::from_secs(1)));
        assert_eq!(
            timer.within(timer.attempt(), never()).await,
            Err(Expired::CallDeadline(Duration::from_secs(3))),
            "cut short by the deadline"
        );
        assert_eq!(timer.within(Duration::ZERO, async { 7 }).await, Ok(7));
    }

    #[tokio::test(start_paused = true)]
    async fn a_limit_of_duration_max_is_no_limit_and_does_not_overflow() {
        let mut timer = CallTimer::start(Duration::MAX, Some(Duration::MAX));
        assert!(timer.leaves_time_for(Duration::MAX));
        let answered = timer.within(timer.attempt(), async {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            "late"
        });
        assert_eq!(answered.await, Ok("late"));
    }
}
