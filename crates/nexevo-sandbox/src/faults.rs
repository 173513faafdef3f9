//! Fault injection: make the next requests (of one operation, or all) fail in a chosen way.

use std::fmt;
use std::str::FromStr;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// A way for the sandbox to misbehave.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer this status (a 5xx) with the error shape, without handling the request.
    Status(u16),
    /// Answer 429 `rate_limited` with `Retry-After: seconds`, without handling the request.
    RateLimited {
        /// The `Retry-After` value.
        retry_after_seconds: u64,
    },
    /// Wait this long before handling the request.
    Delay(Duration),
    /// Wait this long, then answer this status (a 5xx) without handling the request: a slow
    /// failure, such as a gateway's timeout.
    DelayedStatus {
        /// The wait.
        delay: Duration,
        /// The status then answered.
        status: u16,
    },
    /// Close the connection with a reset before handling the request: nothing is applied.
    ResetBeforeHandling,
    /// Handle the request, then reset the connection instead of answering: the change is
    /// applied but the client never sees the answer.
    ResetAfterHandling,
    /// Handle the request, then wait this long before answering: the change is applied at
    /// once and its answer comes late (a repeat with the same `Idempotency-Key` meanwhile waits
    /// for it).
    DelayAfterHandling(Duration),
    /// Handle the request, then answer its status with a body that is not valid JSON.
    MalformedBody,
    /// For a stream: end the response after this many chunks, without `data: [DONE]`.
    StreamCutBeforeDone {
        /// Chunks sent before the cut.
        after_chunks: u32,
    },
    /// For a stream: after this many chunks, reset the connection mid-stream.
    StreamReset {
        /// Chunks sent before the reset.
        after_chunks: u32,
    },
    /// For a stream: send a chunk that is not valid JSON after this many good ones.
    StreamMalformedChunk {
        /// Good chunks sent before the bad one.
        after_chunks: u32,
    },
    /// For a stream: send an `event: error` with this code after this many chunks, then end.
    StreamErrorEvent {
        /// Chunks sent before the error.
        after_chunks: u32,
        /// The error code in the event.
        code: String,
    },
    /// For a stream: wait this long before each chunk.
    SlowChunks(Duration),
}

impl Fault {
    /// Whether the fault acts on a streamed answer (and so on chat completions with `stream`).
    pub fn is_stream_fault(&self) -> bool {
        matches!(
            self,
            Self::StreamCutBeforeDone { .. }
                | Self::StreamReset { .. }
                | Self::StreamMalformedChunk { .. }
                | Self::StreamErrorEvent { .. }
                | Self::SlowChunks(_)
        )
    }
}

/// A fault and the requests it applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    fault: Fault,
    operation: Option<String>,
    remaining: Option<u32>,
}

impl FaultRule {
    /// A fault for every request of every operation, until narrowed.
    pub fn new(fault: Fault) -> Self {
        Self {
            fault,
            operation: None,
            remaining: None,
        }
    }

    /// Only requests of this operation (the generated method name, e.g. `get_balance`).
    pub fn on(mut self, operation: impl Into<String>) -> Self {
        self.operation = Some(operation.into());
        self
    }

    /// Only the next `count` matching requests.
    pub fn times(mut self, count: u32) -> Self {
        self.remaining = Some(count);
        self
    }

    /// Only the next matching request.
    pub fn once(self) -> Self {
        self.times(1)
    }

    /// The fault.
    pub fn fault(&self) -> &Fault {
        &self.fault
    }

    fn matches(&self, operation: &str) -> bool {
        self.remaining != Some(0) && self.operation.as_deref().is_none_or(|op| op == operation)
    }
}

/// The active fault rules; the first matching rule applies to a request, and uses one of its
/// `times`.
#[derive(Debug, Default)]
pub struct FaultPlan {
    rules: Mutex<Vec<FaultRule>>,
}

impl FaultPlan {
    /// Adds a rule after the existing ones.
    pub fn push(&self, rule: FaultRule) {
        self.rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(rule);
    }

    /// Removes every rule.
    pub fn clear(&self) {
        self.rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// Takes the fault for a request, if a rule matches it: with `stream_faults`, a fault for a
    /// stream that has begun; without, a fault for the request itself (any request of the
    /// operation, streamed or not).
    pub(crate) fn take(&self, operation: &str, stream_faults: bool) -> Option<Fault> {
        let mut rules = self.rules.lock().unwrap_or_else(PoisonError::into_inner);
        let rule = rules
            .iter_mut()
            .find(|r| r.fault.is_stream_fault() == stream_faults && r.matches(operation))?;
        if let Some(remaining) = rule.remaining.as_mut() {
            *remaining -= 1;
        }
        Some(rule.fault.clone())
    }
}

/// A rule written as text, for the binary's `--fault` flag:
/// `OPERATION=FAULT[xCOUNT]`, where `OPERATION` is an operation id or `*`, and `FAULT` is one of
/// `503` (any 5xx), `429:SECONDS`, `delay:MILLIS`, `delay:MILLIS:503` (then that 5xx),
/// `delay-after:MILLIS` (handled at once, answered late), `reset-before`, `reset-after`, `malformed`,
/// `cut:CHUNKS`, `stream-reset:CHUNKS`, `bad-chunk:CHUNKS`, `error-event:CHUNKS:CODE`,
/// `slow:MILLIS`. Without `xCOUNT` the fault applies to every matching request.
///
/// ```
/// use nexevo_sandbox::FaultRule;
/// let rule: FaultRule = "get_balance=503x2".parse().unwrap();
/// let every: FaultRule = "*=delay:250".parse().unwrap();
/// ```
impl FromStr for FaultRule {
    type Err = ParseFaultError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || ParseFaultError(text.to_owned());
        let (operation, rest) = text.split_once('=').ok_or_else(error)?;
        let (fault, count) = match rest.rsplit_once('x') {
            Some((fault, count))
                if !count.is_empty() && count.chars().all(|c| c.is_ascii_digit()) =>
            {
                (fault, Some(count.parse::<u32>().map_err(|_| error())?))
            }
            _ => (rest, None),
        };
        let parts: Vec<&str> = fault.split(':').collect();
        let number = |index: usize| -> Result<u64, ParseFaultError> {
            parts
                .get(index)
                .and_then(|p| p.parse().ok())
                .ok_or_else(error)
        };
        let chunks = |index: usize| -> Result<u32, ParseFaultError> {
            u32::try_from(number(index)?).map_err(|_| error())
        };
        let fault = match parts.as_slice() {
            [status] if status.len() == 3 && status.starts_with('5') => {
                Fault::Status(status.parse().map_err(|_| error())?)
            }
            ["429", _] => Fault::RateLimited {
                retry_after_seconds: number(1)?,
            },
            ["delay", _] => Fault::Delay(Duration::from_millis(number(1)?)),
            ["delay", _, status] if status.len() == 3 && status.starts_with('5') => {
                Fault::DelayedStatus {
                    delay: Duration::from_millis(number(1)?),
                    status: status.parse().map_err(|_| error())?,
                }
            }
            ["delay-after", _] => Fault::DelayAfterHandling(Duration::from_millis(number(1)?)),
            ["reset-before"] => Fault::ResetBeforeHandling,
            ["reset-after"] => Fault::ResetAfterHandling,
            ["malformed"] => Fault::MalformedBody,
            ["cut", _] => Fault::StreamCutBeforeDone {
                after_chunks: chunks(1)?,
            },
            ["stream-reset", _] => Fault::StreamReset {
                after_chunks: chunks(1)?,
            },
            ["bad-chunk", _] => Fault::StreamMalformedChunk {
                after_chunks: chunks(1)?,
            },
            ["error-event", _, code] => Fault::StreamErrorEvent {
                after_chunks: chunks(1)?,
                code: (*code).to_owned(),
            },
            ["slow", _] => Fault::SlowChunks(Duration::from_millis(number(1)?)),
            _ => return Err(error()),
        };
        let mut rule = FaultRule::new(fault);
        if operation != "*" {
            if nexevo_api::ApiOperation::by_id(operation).is_none() {
                return Err(error());
            }
            rule = rule.on(operation);
        }
        if let Some(count) = count {
            rule = rule.times(count);
        }
        Ok(rule)
    }
}

/// A `--fault` rule that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseFaultError(String);

impl fmt::Display for ParseFaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a fault rule: write OPERATION=FAULT[xCOUNT], e.g. get_balance=503x1, *=delay:2000, create_chat_completion=cut:3",
            self.0
        )
    }
}

impl std::error::Error for ParseFaultError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse_from_text() {
        let rule: FaultRule = "get_balance=503x2".parse().unwrap();
        assert_eq!(
            rule,
            FaultRule::new(Fault::Status(503))
                .on("get_balance")
                .times(2)
        );
        let rule: FaultRule = "*=429:1".parse().unwrap();
        assert_eq!(
            rule,
            FaultRule::new(Fault::RateLimited {
                retry_after_seconds: 1
            })
        );
        let rule: FaultRule = "create_chat_completion=error-event:2:internal_error"
            .parse()
            .unwrap();
        assert_eq!(
            rule.fault(),
            &Fault::StreamErrorEvent {
                after_chunks: 2,
                code: "internal_error".into()
            }
        );
        let rule: FaultRule = "create_key=delay:300:503x1".parse().unwrap();
        assert_eq!(
            rule.fault(),
            &Fault::DelayedStatus {
                delay: Duration::from_millis(300),
                status: 503
            }
        );
        let rule: FaultRule = "revoke_key=delay-after:250".parse().unwrap();
        assert_eq!(
            rule.fault(),
            &Fault::DelayAfterHandling(Duration::from_millis(250))
        );
        assert!("no_such_operation=503".parse::<FaultRule>().is_err());
        assert!("get_balance=teapot".parse::<FaultRule>().is_err());
    }

    #[test]
    fn a_rule_is_used_up_by_its_count() {
        let plan = FaultPlan::default();
        plan.push(FaultRule::new(Fault::Status(503)).on("get_balance").once());
        assert_eq!(plan.take("get_plan", false), None);
        assert_eq!(plan.take("get_balance", false), Some(Fault::Status(503)));
        assert_eq!(plan.take("get_balance", false), None);
    }

    #[test]
    fn stream_faults_wait_for_a_stream() {
        let plan = FaultPlan::default();
        plan.push(FaultRule::new(Fault::StreamCutBeforeDone { after_chunks: 1 }).once());
        assert_eq!(plan.take("create_chat_completion", false), None);
        assert!(plan.take("create_chat_completion", true).is_some());
    }
}
