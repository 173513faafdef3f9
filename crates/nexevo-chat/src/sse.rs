//! An incremental parser of server-sent events (the `text/event-stream` format of the HTML
//! standard): bytes in, however they are split across reads; events out.
//!
//! It handles `data:` spread over several lines, `event:` names, comments and keep-alives
//! (`:` lines), all three line endings (CRLF, LF, CR, even split across reads), and text split
//! mid-character. It holds at most one event's bytes: an event larger than its cap is an error,
//! never unbounded buffering, so memory stays flat however long the stream runs.

// Hand-written: streaming and the request builder are what the spec cannot say.

// Not API: the stream's own parser, `pub` for the fuzz targets and benches, which reach it
// through `__internals` (the `__internals` feature); without it, nothing outside uses it.
#![cfg_attr(not(feature = "__internals"), allow(unreachable_pub))]

use std::fmt;

/// The default cap on one event's size: far above any chunk Nexevo sends.
pub const DEFAULT_MAX_EVENT_BYTES: usize = 1024 * 1024;

/// One event: its name (`event:`, `None` for the default `message`) and its data (the `data:`
/// lines joined with `\n`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Event {
    /// The `event:` field, if any.
    pub event: Option<String>,
    /// The `data:` lines, joined with `\n`.
    pub data: String,
}

/// An event grew past the parser's cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventTooLarge {
    /// The cap, in bytes.
    pub limit: usize,
}

impl fmt::Display for EventTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an event exceeded {} bytes", self.limit)
    }
}

impl std::error::Error for EventTooLarge {}

/// The parser's state between reads.
#[derive(Debug)]
pub struct Parser {
    /// The current line, not yet ended.
    line: Vec<u8>,
    /// The current event's data and name.
    data: String,
    has_data: bool,
    event: Option<String>,
    /// Bytes of the current event so far (lines included), against the cap.
    event_bytes: usize,
    max_event_bytes: usize,
    /// The last byte was a CR: an LF right after it belongs to the same line ending.
    after_cr: bool,
    /// Nothing parsed yet: a leading byte-order mark is skipped.
    at_start: bool,
    /// The first bytes, until they show whether they are a byte-order mark.
    probe: Vec<u8>,
    /// The current line is a comment, not yet ended.
    in_comment: bool,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

impl Default for Parser {
    fn default() -> Self {
        Self::new(DEFAULT_MAX_EVENT_BYTES)
    }
}

impl Parser {
    /// A parser refusing events larger than `max_event_bytes`.
    pub fn new(max_event_bytes: usize) -> Self {
        Self {
            line: Vec::new(),
            data: String::new(),
            has_data: false,
            event: None,
            event_bytes: 0,
            max_event_bytes,
            after_cr: false,
            at_start: true,
            probe: Vec::new(),
            in_comment: false,
        }
    }

    /// Parses the next bytes, calling `emit` for each event they complete.
    pub fn feed(
        &mut self,
        mut bytes: &[u8],
        emit: &mut impl FnMut(Event),
    ) -> Result<(), EventTooLarge> {
        if self.at_start {
            // A leading byte-order mark is dropped. It may arrive split across reads, so up to
            // three bytes wait in `probe` until they tell; bytes that turn out not to be one
            // are parsed like any others (and count against the cap like any others).
            let take = (BOM.len() - self.probe.len()).min(bytes.len());
            self.probe.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.probe.len() < BOM.len() && BOM.starts_with(&self.probe) {
                return Ok(());
            }
            self.at_start = false;
            let probe = std::mem::take(&mut self.probe);
            if probe != BOM {
                self.parse(&probe, emit)?;
            }
        }
        self.parse(bytes, emit)
    }

    /// Parses bytes after the start of the stream.
    fn parse(
        &mut self,
        mut bytes: &[u8],
        emit: &mut impl FnMut(Event),
    ) -> Result<(), EventTooLarge> {
        if self.after_cr && !bytes.is_empty() {
            self.after_cr = false;
            if let Some(rest) = bytes.strip_prefix(b"\n") {
                bytes = rest;
            }
        }
        while let Some(end) = memchr::memchr2(b'\n', b'\r', bytes) {
            let (head, tail) = bytes.split_at(end);
            if self.comment_continues(head) {
                // A comment ends here: dropped unread, and never counted toward an event.
                self.in_comment = false;
            } else {
                self.grow(head.len())?;
                if self.line.is_empty() {
                    self.line_complete(head, emit);
                } else {
                    self.line.extend_from_slice(head);
                    let line = std::mem::take(&mut self.line);
                    self.line_complete(&line, emit);
                    self.line = line;
                    self.line.clear();
                }
            }
            bytes = &tail[1..];
            if tail[0] == b'\r' {
                match bytes.first() {
                    Some(b'\n') => bytes = &bytes[1..],
                    Some(_) => {}
                    None => self.after_cr = true,
                }
            }
        }
        if self.comment_continues(bytes) {
            self.in_comment = true;
        } else {
            self.grow(bytes.len())?;
            self.line.extend_from_slice(bytes);
        }
        Ok(())
    }

    /// Whether `bytes`, the next of the current line, belong to a comment (a line starting
    /// with `:`, such as a keep-alive): a comment's bytes are neither kept nor counted toward
    /// an event's size, however long the line.
    fn comment_continues(&self, bytes: &[u8]) -> bool {
        self.in_comment || (self.line.is_empty() && bytes.first() == Some(&b':'))
    }

    /// Counts bytes against the current event's cap.
    fn grow(&mut self, by: usize) -> Result<(), EventTooLarge> {
        self.event_bytes = self.event_bytes.saturating_add(by);
        if self.event_bytes > self.max_event_bytes {
            return Err(EventTooLarge {
                limit: self.max_event_bytes,
            });
        }
        Ok(())
    }

    fn line_complete(&mut self, line: &[u8], emit: &mut impl FnMut(Event)) {
        if line.is_empty() {
            // A blank line dispatches the event, if it has data.
            if self.has_data {
                emit(Event {
                    event: self.event.take(),
                    data: std::mem::take(&mut self.data),
                });
            }
            self.has_data = false;
            self.event = None;
            self.event_bytes = 0;
            return;
        }
        if line[0] == b':' {
            return; // a comment, such as a keep-alive
        }
        let (field, value) = match memchr::memchr(b':', line) {
            Some(colon) => {
                let value = &line[colon + 1..];
                (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &b""[..]),
        };
        match field {
            b"data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                push_utf8(&mut self.data, value);
                self.has_data = true;
            }
            b"event" => {
                let mut name = String::new();
                push_utf8(&mut name, value);
                self.event = Some(name);
            }
            // `id` and `retry` steer reconnection, which a completion stream never does; unknown
            // fields are ignored, as the standard says.
            _ => {}
        }
    }
}

fn push_utf8(out: &mut String, bytes: &[u8]) {
    match std::str::from_utf8(bytes) {
        Ok(text) => out.push_str(text),
        Err(_) => out.push_str(&String::from_utf8_lossy(bytes)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses a whole stream at once.
    fn parse_all(bytes: &[u8], max_event_bytes: usize) -> Result<Vec<Event>, EventTooLarge> {
        let mut events = Vec::new();
        Parser::new(max_event_bytes).feed(bytes, &mut |event| events.push(event))?;
        Ok(events)
    }

    fn events(input: &str) -> Vec<Event> {
        parse_all(input.as_bytes(), DEFAULT_MAX_EVENT_BYTES).unwrap()
    }

    fn data(text: &str) -> Event {
        Event {
            event: None,
            data: text.into(),
        }
    }

    #[test]
    fn a_comment_longer_than_the_cap_is_dropped_however_it_is_split() {
        let text = format!(": {}\ndata: ok\n\n", "k".repeat(100));
        for piece in [1, 3, text.len()] {
            let mut parser = Parser::new(16);
            let mut events = Vec::new();
            for bytes in text.as_bytes().chunks(piece) {
                parser
                    .feed(bytes, &mut |event| events.push(event))
                    .unwrap_or_else(|e| panic!("pieces of {piece}: {e:?}"));
            }
            assert_eq!(events.len(), 1, "pieces of {piece}");
            assert_eq!(events[0].data, "ok");
        }
    }

    #[test]
    fn data_lines_comments_names_and_line_endings() {
        assert_eq!(events("data: a\n\n"), [data("a")]);
        assert_eq!(events("data: a\ndata: b\n\n"), [data("a\nb")]);
        assert_eq!(events(": keep-alive\n\ndata:x\r\n\r\n"), [data("x")]);
        assert_eq!(events("data: x\r\rdata: y\n\n"), [data("x"), data("y")]);
        assert_eq!(
            events("event: error\ndata: {}\n\n"),
            [Event {
                event: Some("error".into()),
                data: "{}".into()
            }]
        );
        assert_eq!(events("id: 1\nretry: 10\nunknown: z\ndata\n\n"), [data("")]);
        assert_eq!(events("\u{feff}data: bom\n\n"), [data("bom")]);
        assert_eq!(events("data: no blank line at the end\n"), []);
    }

    #[test]
    fn the_same_events_however_the_bytes_are_split() {
        let input = "\u{feff}: hi\r\ndata: {\"a\": \"é中\"}\r\ndata: two\r\n\r\nevent: error\rdata: e\r\rdata: [DONE]\n\n";
        let whole = events(input);
        assert_eq!(whole.len(), 3);
        let bytes = input.as_bytes();
        for split in 0..=bytes.len() {
            let mut parser = Parser::default();
            let mut got = Vec::new();
            parser.feed(&bytes[..split], &mut |e| got.push(e)).unwrap();
            parser.feed(&bytes[split..], &mut |e| got.push(e)).unwrap();
            assert_eq!(got, whole, "split at {split}");
        }
        let mut parser = Parser::default();
        let mut got = Vec::new();
        for byte in bytes {
            parser
                .feed(std::slice::from_ref(byte), &mut |e| got.push(e))
                .unwrap();
        }
        assert_eq!(got, whole, "one byte at a time");
    }

    #[test]
    fn bytes_that_only_look_like_a_byte_order_mark_count_against_the_cap() {
        // Found by the `sse_split` fuzz target: a stream opening with 0xEF, fed a byte at a
        // time, held that byte aside and accepted an event one byte over the cap.
        let stream = [b"\xEF".as_slice(), &[b'x'; 64], b"\n\n"].concat();
        assert!(parse_all(&stream, 64).is_err());
        let mut parser = Parser::new(64);
        let refused = stream.iter().any(|byte| {
            parser
                .feed(std::slice::from_ref(byte), &mut |_| {})
                .is_err()
        });
        assert!(refused);
        // A real byte-order mark is dropped however it is split.
        let with_bom = b"\xEF\xBB\xBFdata: a\n\n";
        for split in 0..=with_bom.len() {
            let mut parser = Parser::default();
            let mut got = Vec::new();
            parser
                .feed(&with_bom[..split], &mut |e| got.push(e))
                .unwrap();
            parser
                .feed(&with_bom[split..], &mut |e| got.push(e))
                .unwrap();
            assert_eq!(got, [data("a")], "split at {split}");
        }
    }

    #[test]
    fn an_empty_read_between_cr_and_lf_changes_nothing() {
        let mut parser = Parser::default();
        let mut got = Vec::new();
        for piece in ["data: a\r", "", "\ndata: b\r", "", "\n\n"] {
            parser.feed(piece.as_bytes(), &mut |e| got.push(e)).unwrap();
        }
        assert_eq!(got, [data("a\nb")]);
    }

    #[test]
    fn an_event_over_the_cap_is_an_error_however_it_arrives() {
        let big = format!("data: {}\n\n", "x".repeat(100));
        assert!(parse_all(big.as_bytes(), 64).is_err());
        let mut parser = Parser::new(64);
        let mut failed = false;
        for piece in big.as_bytes().chunks(7) {
            if parser.feed(piece, &mut |_| {}).is_err() {
                failed = true;
                break;
            }
        }
        assert!(failed);
        // Many small events never accumulate.
        let many = "data: x\n\n".repeat(10_000);
        assert_eq!(parse_all(many.as_bytes(), 64).unwrap().len(), 10_000);
    }
}
