//! A live status on stderr while an answer streams to stdout (`nexevo chat`'s token and cost
//! count), on a terminal only: pipes and files see nothing of it.
//!
//! When stdout is the terminal too, the answer and the status share the screen, and the answer
//! is mid-line most of the time. So the status is drawn right after the answer's last
//! character, on the same row, the cursor moved back over it so the answer goes on where it
//! was, and erased before the answer goes on; it is drawn only when it fits in what is left of
//! the row, so it never wraps a line or scrolls the screen. When only stderr is the terminal,
//! the status has a line of its own.

use std::fmt;
use std::io::{IsTerminal as _, Write as _};

use rust_decimal::Decimal;

use crate::output::{self, Shown};

/// Where the status is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// stderr is not a terminal.
    Nowhere,
    /// stderr is a terminal and stdout is not: a line of its own.
    OwnLine,
    /// Both are the terminal: after the answer's last character.
    AfterAnswer,
}

/// The status line of one streamed answer; erased when dropped.
pub(crate) struct StatusLine {
    place: Place,
    /// Whether a status is on the screen now.
    shown: bool,
    /// The cursor's column after the answer written so far (`AfterAnswer`); the terminal's width
    /// when it waits at the row's end to wrap.
    column: usize,
}

/// The escape that erases from the cursor to the end of the row.
const ERASE_TO_END: &str = "\x1b[K";

impl StatusLine {
    /// A status line where stderr is a terminal; nothing is drawn elsewhere.
    pub(crate) fn start() -> Self {
        let place = match (
            std::io::stderr().is_terminal(),
            std::io::stdout().is_terminal(),
        ) {
            (false, _) => Place::Nowhere,
            (true, false) => Place::OwnLine,
            (true, true) => Place::AfterAnswer,
        };
        Self {
            place,
            shown: false,
            column: 0,
        }
    }

    /// Notes that `text` was written to stdout (as `shown`), so the status goes after it. Erase
    /// the status before writing ([`clear`](Self::clear)).
    pub(crate) fn wrote(&mut self, text: &str, shown: Shown) {
        if self.place == Place::AfterAnswer {
            let written = output::for_terminal(text, shown);
            self.column = advance(self.column, &written, terminal_width());
        }
    }

    /// Shows `status` in place of the one shown.
    pub(crate) fn show(&mut self, status: &str) {
        let drawn = match self.place {
            Place::Nowhere => return,
            Place::OwnLine => Some(format!("\r{ERASE_TO_END}{status}")),
            Place::AfterAnswer => {
                let status = format!("  [{status}]");
                let erase = if self.shown { ERASE_TO_END } else { "" };
                let width = console::measure_text_width(&status);
                if fits(self.column, width, terminal_width()) {
                    Some(format!("{erase}{status}\x1b[{width}D"))
                } else {
                    self.clear();
                    None
                }
            }
        };
        if let Some(drawn) = drawn {
            write_stderr(&drawn);
            self.shown = true;
        }
    }

    /// Erases the status, if one is shown.
    pub(crate) fn clear(&mut self) {
        if !self.shown {
            return;
        }
        self.shown = false;
        match self.place {
            Place::Nowhere => {}
            Place::OwnLine => write_stderr(&format!("\r{ERASE_TO_END}")),
            Place::AfterAnswer => write_stderr(ERASE_TO_END),
        }
    }
}

impl Drop for StatusLine {
    fn drop(&mut self) {
        self.clear();
    }
}

fn write_stderr(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    let _ = stderr.flush();
}

/// The terminal's columns (stderr's; 80 if it cannot say).
fn terminal_width() -> usize {
    usize::from(console::Term::stderr().size().1).max(1)
}

/// Where the cursor is after `text` is written from `column` on a terminal `width` wide:
/// a newline returns it to the start, a tab goes to the next stop, a character that does not
/// fit in the row starts the next one.
fn advance(mut column: usize, text: &str, width: usize) -> usize {
    let mut buffer = [0u8; 4];
    for c in text.chars() {
        match c {
            '\n' => column = 0,
            '\t' => column = ((column / 8 + 1) * 8).min(width.saturating_sub(1)),
            c => {
                let wide = console::measure_text_width(c.encode_utf8(&mut buffer));
                column = if column + wide > width {
                    wide
                } else {
                    column + wide
                };
            }
        }
    }
    column
}

/// Whether a status `wide` columns fits after `column` without reaching the row's last column
/// (where the terminal would wait to wrap).
fn fits(column: usize, wide: usize, width: usize) -> bool {
    column + wide < width
}

/// How much of an answer has arrived: its tokens (counted from the deltas until the usage
/// says), and its cost once known.
#[derive(Debug, Default)]
pub(crate) struct LiveCount {
    /// Chunks that carried some of the answer: about a token each.
    deltas: u64,
    /// The completion's tokens, from the usage on the last chunk.
    tokens: Option<u32>,
    cost: Option<Decimal>,
}

impl LiveCount {
    /// Counts a chunk of the answer.
    pub(crate) fn add(&mut self, chunk: &nexevo::chat::ChatCompletionChunk) {
        let carries = chunk.choices.iter().any(|choice| {
            let delta = &choice.delta;
            choice.index == 0
                && (delta
                    .content
                    .as_deref()
                    .is_some_and(|text| !text.is_empty())
                    || delta
                        .refusal
                        .as_deref()
                        .is_some_and(|text| !text.is_empty())
                    || !delta.tool_calls.is_empty())
        });
        if carries {
            self.deltas += 1;
        }
        if let Some(usage) = &chunk.usage {
            self.tokens = Some(usage.completion_tokens);
        }
        if let Some(cost) = chunk.nexevo.cost_usd {
            self.cost = Some(cost);
        }
    }
}

impl LiveCount {
    /// Whether nothing of the answer has arrived yet.
    pub(crate) fn is_empty(&self) -> bool {
        self.deltas == 0 && self.tokens.is_none()
    }
}

impl fmt::Display for LiveCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: u64| if n == 1 { "" } else { "s" };
        match self.tokens {
            Some(tokens) => write!(f, "{tokens} token{}", plural(u64::from(tokens)))?,
            None => write!(f, "~{} token{}", self.deltas, plural(self.deltas))?,
        }
        match self.cost {
            Some(cost) => write!(f, " · {}", output::money_for_people(cost)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_is_followed_through_lines_tabs_wide_characters_and_wraps() {
        assert_eq!(advance(0, "hello", 80), 5);
        assert_eq!(advance(5, " world\nnext", 80), 4);
        assert_eq!(advance(0, "a\tb", 80), 9);
        assert_eq!(advance(78, "\t", 80), 79);
        assert_eq!(advance(0, "漢字", 80), 4);
        // Exactly full: the cursor waits at the row's end; the next character starts a row.
        assert_eq!(advance(0, &"x".repeat(80), 80), 80);
        assert_eq!(advance(80, "y", 80), 1);
        assert_eq!(advance(79, "漢", 80), 2);
    }

    #[test]
    fn a_status_is_drawn_only_where_it_fits_in_the_row() {
        assert!(fits(0, 10, 80));
        assert!(fits(69, 10, 80));
        assert!(!fits(70, 10, 80), "it would reach the last column");
        assert!(!fits(80, 1, 80), "the cursor waits to wrap");
    }

    #[test]
    fn the_count_is_approximate_until_the_usage_says() {
        let mut count = LiveCount::default();
        assert_eq!(count.to_string(), "~0 tokens");
        count.deltas = 1;
        assert_eq!(count.to_string(), "~1 token");
        count.deltas = 12;
        assert_eq!(count.to_string(), "~12 tokens");
        count.tokens = Some(13);
        count.cost = Some(Decimal::new(1234, 6));
        assert_eq!(count.to_string(), "13 tokens · $0.001234");
    }
}
