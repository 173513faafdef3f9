//! How long a command waits: the SDK's time limits, chosen by the kind of call, and the total
//! a user sets with `--timeout` or `NEXEVO_TIMEOUT`.
//!
//! | kind | connect | an attempt (a stream: its head) | the call, retries included | a stream |
//! |---|---|---|---|---|
//! | any call but chat | 5 s | 30 s | 60 s | — |
//! | chat, not streamed | 5 s | 120 s (the head comes with the whole answer) | 150 s | — |
//! | chat, streamed | 5 s | 30 s | 60 s to the head | 60 s of silence, no total |
//!
//! So a server that accepts connections and never answers fails a call in a minute at most,
//! and a long streamed answer is never cut off while it keeps talking. `--timeout` replaces the
//! call's total (and, for a stream, bounds the whole stream too), and no attempt outlasts it.

use std::time::Duration;

use nexevo::Timeouts;

use crate::error::CliError;

/// The variable that sets the total for every call, as `--timeout` does.
pub(crate) const TIMEOUT_VAR: &str = "NEXEVO_TIMEOUT";

/// The longest total a user may set: a day.
const MOST: Duration = Duration::from_secs(24 * 3600);

/// What a command's call is, for its time limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CallKind {
    /// Any call but chat.
    Call,
    /// A chat completion answered whole.
    Chat,
    /// A streamed chat completion.
    ChatStream,
}

/// The time limits of a call of `kind`, with the user's `total` when one is set.
pub(crate) fn timeouts(kind: CallKind, total: Option<Duration>) -> Timeouts {
    let mut limits = Timeouts {
        connect: Duration::from_secs(5),
        ..Timeouts::default()
    };
    match kind {
        CallKind::Call | CallKind::ChatStream => {
            limits.attempt = Duration::from_secs(30);
            limits.call_deadline = Some(Duration::from_secs(60));
        }
        CallKind::Chat => {
            limits.attempt = Duration::from_secs(120);
            limits.call_deadline = Some(Duration::from_secs(150));
        }
    }
    if let Some(total) = total {
        limits.call_deadline = Some(total);
        limits.attempt = limits.attempt.min(total);
        limits.connect = limits.connect.min(total);
        if kind == CallKind::ChatStream {
            limits.stream_deadline = Some(total);
        }
    }
    limits
}

/// A duration as a user writes it: a number of seconds (`90`, `2.5`), or a number with a unit
/// (`500ms`, `30s`, `2m`, `1h`); more than nothing and at most a day. `source` names where it
/// came from (`--timeout`, `NEXEVO_TIMEOUT`) for the error.
pub(crate) fn parse_duration(text: &str, source: &str) -> Result<Duration, CliError> {
    let invalid = || {
        CliError::Usage(format!(
            "{source} {text:?} is not a duration: write seconds (30, 2.5) or a number with \
             ms, s, m or h (500ms, 2m), more than 0 and at most 24h"
        ))
    };
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let millis_per_unit: u64 = match unit {
        "" | "s" => 1_000,
        "ms" => 1,
        "m" => 60_000,
        "h" => 3_600_000,
        _ => return Err(invalid()),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    let whole: u64 = whole.parse().map_err(|_| invalid())?;
    // The fraction in thousandths of the unit, read exactly (no floating point).
    let thousandths: u64 = format!("{fraction:0<3}")
        .get(..3)
        .and_then(|digits| digits.parse().ok())
        .ok_or_else(invalid)?;
    let millis = whole
        .checked_mul(millis_per_unit)
        .and_then(|ms| ms.checked_add(thousandths * millis_per_unit / 1_000))
        .ok_or_else(invalid)?;
    let duration = Duration::from_millis(millis);
    if duration.is_zero() || duration > MOST {
        return Err(invalid());
    }
    Ok(duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_seconds_or_a_number_with_a_unit() {
        for (text, millis) in [
            ("30", 30_000),
            ("2.5", 2_500),
            ("500ms", 500),
            ("30s", 30_000),
            ("1.5m", 90_000),
            ("2m", 120_000),
            ("1h", 3_600_000),
            ("24h", 86_400_000),
        ] {
            let duration = parse_duration(text, "--timeout").unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(duration, Duration::from_millis(millis), "{text}");
        }
        for text in [
            "",
            "0",
            "0s",
            "-1",
            "1d",
            "25h",
            "s",
            "1.2.3",
            "1 s",
            "abc",
            "99999999999999999999",
        ] {
            let error = parse_duration(text, "NEXEVO_TIMEOUT")
                .err()
                .map(|e| e.to_string());
            assert!(
                error
                    .as_deref()
                    .is_some_and(|e| e.starts_with("NEXEVO_TIMEOUT")),
                "{text}: {error:?}"
            );
        }
    }

    #[test]
    fn a_silent_server_fails_within_a_minute_and_a_stream_only_when_silent() {
        let call = timeouts(CallKind::Call, None);
        assert_eq!(call.connect, Duration::from_secs(5));
        assert_eq!(call.call_deadline, Some(Duration::from_secs(60)));
        let stream = timeouts(CallKind::ChatStream, None);
        assert_eq!(
            stream.stream_deadline, None,
            "a long answer is never cut off"
        );
        assert_eq!(stream.stream_idle, Timeouts::default().stream_idle);
        let total = Duration::from_secs(2);
        for kind in [CallKind::Call, CallKind::Chat, CallKind::ChatStream] {
            let limits = timeouts(kind, Some(total));
            assert_eq!(limits.call_deadline, Some(total));
            assert!(limits.attempt <= total && limits.connect <= total);
        }
        assert_eq!(
            timeouts(CallKind::ChatStream, Some(total)).stream_deadline,
            Some(total)
        );
    }
}
