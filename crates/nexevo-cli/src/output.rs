//! Writing answers: stdout (escaped on a terminal), notes on stderr, JSON for scripts (money
//! stays the server's decimal strings), amounts for people; `table` shapes summaries and
//! tables, `format` the other formats. Each answer's secrets are handled as the spec says
//! (`x-nexevo-answer-secret`): shown once with a warning, or stored and never printed.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{IsTerminal as _, Write};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use rust_decimal::Decimal;
use serde_json::Value;

use crate::error::CliError;

/// What the generated command tells the output about its call's answer.
pub(crate) struct AnswerOutline {
    /// The operation (`create_key`).
    pub(crate) operation: &'static str,
    /// Its secrets, by dotted path within the answer (`""` for the answer itself).
    pub(crate) secrets: &'static [(&'static str, SecretKind)],
}

/// What to do with a secret in an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SecretKind {
    /// Print it, saying it will not be shown again (a new key's `full_key`).
    ShownOnce,
    /// A credential to keep: stored in the profile, never printed.
    Session,
}

/// How text is written where it may reach a terminal. A terminal obeys control characters
/// instead of showing them: an answer, a key's name or a server's error message could set the
/// window title, clear the screen, or overwrite a line with a carriage return. So where the
/// stream is a terminal they are written escaped; pipes and files get the text exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shown {
    /// Text for people: a control character as `\x1b` (C0, DEL) or `\u{9b}` (C1, bidi).
    Text,
    /// JSON: a control character as its JSON escape (`\u001b`), so the data stays exact.
    Json,
}

/// Writes to stdout, escaped for a terminal when it is one; a closed pipe (`nexevo keys list |
/// head -1`) ends the output quietly.
pub(crate) fn write_stdout(text: &str, shown: Shown) -> Result<(), CliError> {
    static TERMINAL: OnceLock<bool> = OnceLock::new();
    let terminal = *TERMINAL.get_or_init(|| std::io::stdout().is_terminal());
    let text = if terminal {
        for_terminal(text, shown)
    } else {
        Cow::Borrowed(text)
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => {
            if let Some(last) = text.chars().last() {
                MID_LINE.store(last != '\n', Ordering::Relaxed);
            }
            Ok(())
        }
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(error) => Err(CliError::Local(format!("writing the answer: {error}"))),
    }
}

/// Whether stdout was left in the middle of a line (a streamed answer cut short): a note must
/// then end that line first, or on a terminal, where both streams share the screen, it would
/// start after the answer's last word.
static MID_LINE: AtomicBool = AtomicBool::new(false);

/// A note for the person at the terminal, never for a script reading stdout: a line on stderr,
/// escaped when stderr is a terminal. Stdout's line is ended first if it was left open.
pub(crate) fn note(text: &str) {
    if MID_LINE.swap(false, Ordering::Relaxed) {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(b"\n").and_then(|()| stdout.flush());
    }
    static TERMINAL: OnceLock<bool> = OnceLock::new();
    let terminal = *TERMINAL.get_or_init(|| std::io::stderr().is_terminal());
    let text = if terminal {
        for_terminal(text, Shown::Text)
    } else {
        Cow::Borrowed(text)
    };
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// `text` with every character a terminal would obey rather than show escaped: the C0 controls
/// but newline and tab, DEL, the C1 controls, and the bidirectional overrides and isolates
/// (which reorder what is shown).
pub(crate) fn for_terminal(text: &str, shown: Shown) -> Cow<'_, str> {
    let obeyed = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.contains(obeyed) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !obeyed(c) {
            escaped.push(c);
            continue;
        }
        let code = u32::from(c);
        let _ = match shown {
            Shown::Json => write!(escaped, "\\u{code:04x}"),
            Shown::Text if code < 0x80 => write!(escaped, "\\x{code:02x}"),
            Shown::Text => write!(escaped, "\\u{{{code:x}}}"),
        };
    }
    Cow::Owned(escaped)
}

/// Takes the value at a dotted path out of `value`.
pub(crate) fn take_path(value: &mut Value, path: &str) -> Option<Value> {
    if path.is_empty() {
        return Some(value.take());
    }
    let (parent, last) = match path.rsplit_once('.') {
        Some((parent, last)) => (value.pointer_mut(&pointer(parent))?, last),
        None => (value, path),
    };
    parent.as_object_mut()?.remove(last)
}

/// Whether a value is present (and not null) at a dotted path.
pub(crate) fn has_path(value: &Value, path: &str) -> bool {
    value
        .pointer(&pointer(path))
        .is_some_and(|found| !found.is_null())
}

fn pointer(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("/{}", path.replace('.', "/"))
    }
}

/// An amount for people to read: exact when it has at most 6 decimal places, else rounded to
/// two significant digits and marked `≈` (the exact amount is in `--json`).
pub(crate) fn money_for_people(amount: Decimal) -> String {
    if amount.normalize().scale() <= 6 {
        return format!("${amount}");
    }
    let magnitude = amount.abs();
    // Decimal places that keep two significant digits (at least cents).
    let mut places = 2u32;
    while places < 28 && magnitude < Decimal::new(1, places.saturating_sub(1)) {
        places += 1;
    }
    format!("≈ ${}", amount.round_dp(places).normalize())
}

/// One half of an HTTP exchange on stderr, secrets already redacted by the SDK (`--debug`):
/// `>` lines for a request, `<` lines for its answer, as `curl -v` writes them.
pub(crate) fn http_trace(event: &nexevo::HttpEvent) {
    let (mark, head, headers, body) = match event {
        nexevo::HttpEvent::Request(request) => (
            '>',
            format!(
                "{} {}  ({}, attempt {})",
                request.method, request.url, request.operation, request.attempt
            ),
            &request.headers,
            &request.body,
        ),
        nexevo::HttpEvent::Response(answer) => (
            '<',
            format!(
                "{}  ({}, attempt {})",
                answer.status, answer.operation, answer.attempt
            ),
            &answer.headers,
            &answer.body,
        ),
        _ => return,
    };
    let mut text = format!("{mark} {head}");
    for (name, value) in headers {
        let _ = write!(text, "\n{mark} {name}: {value}");
    }
    if let Some(body) = body {
        let _ = write!(text, "\n{mark}\n{mark} {body}");
    }
    note(&text);
}

/// The request a dry run built, as a curl line on stdout (`--dry-run`).
pub(crate) fn curl_line(event: &nexevo::HttpEvent) {
    if let nexevo::HttpEvent::Request(request) = event {
        // The command's only output; a closed stdout has nobody to tell.
        let _ = write_stdout(&format!("{}\n", request.curl()), Shown::Text);
    }
}

/// Asks a question on stderr and reads one line of the answer from stdin (a terminal: the
/// caller checks), on the runtime's blocking pool so Ctrl-C still interrupts.
pub(crate) async fn ask(question: &str) -> Result<String, CliError> {
    {
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "{question}");
        let _ = stderr.flush();
    }
    tokio::task::spawn_blocking(|| {
        use std::io::{BufRead as _, Read as _};
        let mut line = String::new();
        // An answer is a word: a line longer than this is not read further.
        std::io::stdin()
            .lock()
            .take(1024)
            .read_line(&mut line)
            .map(|_| line)
            .map_err(|error| CliError::Local(format!("reading the answer: {error}")))
    })
    .await
    .map_err(|error| CliError::Local(format!("reading the answer: {error}")))?
}

/// JSON for scripts, pretty and ending with a newline.
pub(crate) fn json(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn money_for_people_is_exact_or_says_it_is_rounded() {
        let shown = |text: &str| money_for_people(text.parse().unwrap_or_default());
        assert_eq!(shown("0.000029"), "$0.000029");
        assert_eq!(shown("12.50"), "$12.50");
        assert_eq!(shown("0.0005081325"), "≈ $0.00051");
        assert_eq!(shown("1.2345678"), "≈ $1.23");
        assert_eq!(shown("0.0123456789"), "≈ $0.012");
    }

    #[test]
    fn what_a_terminal_would_obey_is_escaped_and_json_stays_json() {
        let hostile = "\u{1b}]0;pwned\u{7}\u{1b}[2Jok\r\u{9b}31m\u{202e}txt\u{7f}\tend\n";
        assert_eq!(
            for_terminal(hostile, Shown::Text),
            "\\x1b]0;pwned\\x07\\x1b[2Jok\\x0d\\u{9b}31m\\u{202e}txt\\x7f\tend\n"
        );
        let json = serde_json::to_string(&json!({ "name": hostile })).unwrap();
        let shown = for_terminal(&json, Shown::Json);
        assert!(!shown.contains(|c: char| c.is_control()), "{shown}");
        let back: Value = serde_json::from_str(&shown).unwrap();
        assert_eq!(back["name"], hostile, "the data is exact");
        assert!(matches!(
            for_terminal("plain\ttext\n", Shown::Text),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_secret_is_taken_out_by_its_path() {
        let mut value = json!({"session": {"token": "nxs_x", "user": 1}});
        assert_eq!(take_path(&mut value, "session.token"), Some(json!("nxs_x")));
        assert_eq!(value, json!({"session": {"user": 1}}));
        assert!(!has_path(&value, "session.token"));
        assert!(has_path(&value, "session.user"));
    }
}
