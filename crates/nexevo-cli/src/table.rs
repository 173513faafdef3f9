//! Answers for people: a summary of one answer, a table of a list, its columns in the spec's
//! order, each row one line, cut to a terminal's width (never in a pipe: `--json` and pipes
//! get every value whole).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::IsTerminal as _;

use serde_json::{Map, Value};

use crate::output::{Shown, for_terminal};

/// The order of an answer's fields, by dotted path (`[]` for a list's items): the order the
/// spec writes them (`answer_fields`, generated), so a table's columns and a summary's lines
/// come in the same order on every run, whatever fields each item has.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldOrder(&'static [&'static str]);

impl FieldOrder {
    /// The order of `operation`'s answer.
    pub(crate) fn of(operation: &str) -> Self {
        Self(crate::answer_fields::answer_fields(operation))
    }

    /// The place of `path`: its own, else its nearest ancestor's (a free-form object's fields
    /// sit where the object does); a field the spec does not name comes after every one it does.
    fn rank(self, path: &str) -> usize {
        let mut candidate = path;
        loop {
            if let Some(place) = self.0.iter().position(|field| *field == candidate) {
                return place;
            }
            match candidate.rsplit_once('.') {
                Some((parent, _)) => candidate = parent,
                None => return usize::MAX,
            }
        }
    }

    /// Sorts `(path, …)` pairs into this order: by the spec's place, ids first among fields
    /// it does not place, else as they came (objects' fields sorted by name).
    fn sort<T>(self, within: &str, entries: &mut [(String, T)]) {
        entries.sort_by_cached_key(|(key, _)| (self.rank(&format!("{within}{key}")), !is_id(key)));
    }
}

/// Where people's output goes: a terminal of some width, or not a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Screen {
    /// Whether it is a terminal: control characters are escaped in each cell (so a cell's
    /// width is what the terminal shows).
    terminal: bool,
    /// The columns a table must fit in; `None` to show every cell whole.
    width: Option<usize>,
}

impl Screen {
    /// Not a terminal: every value whole.
    pub(crate) const PIPE: Self = Self {
        terminal: false,
        width: None,
    };

    /// Stdout's: a terminal's width is `COLUMNS` when set, else the terminal's own; a pipe or a
    /// file shows every value whole.
    pub(crate) fn stdout() -> Self {
        if !std::io::stdout().is_terminal() {
            return Self::PIPE;
        }
        let from_variable = std::env::var("COLUMNS")
            .ok()
            .and_then(|columns| columns.trim().parse::<usize>().ok());
        let width = from_variable
            .or_else(|| {
                terminal_size::terminal_size_of(std::io::stdout())
                    .map(|(terminal_size::Width(columns), _)| usize::from(columns))
            })
            .filter(|columns| *columns > 0);
        Self {
            terminal: true,
            width,
        }
    }
}

/// People's output, and whether any of it was cut to fit the terminal.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Shaped {
    /// The text, ending with a newline.
    pub(crate) text: String,
    /// What was left out to fit the terminal: none, or a note saying what and where it is whole.
    pub(crate) cut: Option<String>,
}

impl Shaped {
    fn whole(text: String) -> Self {
        Self { text, cut: None }
    }
}

/// One answer for people: `field  value` lines, nested objects as `outer.inner`, lists of
/// objects as tables below. Values are never cut (one may be a secret shown once); each is
/// on one line.
pub(crate) fn summary(value: &Value, order: FieldOrder, screen: Screen) -> Shaped {
    let map = match value {
        Value::Object(map) => map,
        // A list answered whole (`chat models`) reads as a table, like a page.
        Value::Array(items) => return table(items, order, "", screen),
        // No answer to show (`upgrade-hint` when there is none): say so, not `-`.
        Value::Null => return Shaped::whole("(none)\n".to_owned()),
        other => return Shaped::whole(format!("{}\n", one_line(&cell(other)))),
    };
    let mut rows = Vec::new();
    let mut tables = Vec::new();
    flatten(map, "", &mut rows, &mut tables);
    order.sort("", &mut rows);
    order.sort("", &mut tables);
    let width = rows
        .iter()
        .map(|(key, _)| shown_width(key))
        .max()
        .unwrap_or(0);
    let mut out = Shaped::default();
    for (key, value) in rows {
        let value = shown(&one_line(&value), screen);
        let _ = writeln!(out.text, "{}  {value}", padded(&key, width));
    }
    for (key, items) in tables {
        let shaped = table(&items, order, &format!("{key}[]."), screen);
        let _ = write!(out.text, "\n{key}:\n{}", shaped.text);
        out.cut = out.cut.or(shaped.cut);
    }
    out
}

fn flatten(
    map: &Map<String, Value>,
    prefix: &str,
    rows: &mut Vec<(String, String)>,
    tables: &mut Vec<(String, Vec<Value>)>,
) {
    for (key, value) in map {
        let key = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Object(inner) => flatten(inner, &key, rows, tables),
            Value::Array(items) if items.iter().any(Value::is_object) => {
                tables.push((key, items.clone()));
            }
            other => rows.push((key, cell(other))),
        }
    }
}

/// Whether a field names what a row is (`key_id`, `id`): among fields the spec does not
/// place, such fields come first.
fn is_id(key: &str) -> bool {
    key == "id" || key.ends_with("_id")
}

/// A value in a cell: text as it is, no value as `-`, a list of plain values joined.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => "-".to_owned(),
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// A value on one line: each line break as `⏎`, a tab as `\t`, so a row stays a row.
fn one_line(text: &str) -> Cow<'_, str> {
    if !text.contains(['\n', '\t']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.replace("\r\n", "⏎")
            .replace('\n', "⏎")
            .replace('\t', "\\t"),
    )
}

/// A value as the screen shows it: escaped where a terminal would obey it.
fn shown(text: &str, screen: Screen) -> String {
    if screen.terminal {
        for_terminal(text, Shown::Text).into_owned()
    } else {
        text.to_owned()
    }
}

/// The columns a terminal gives `text`.
fn shown_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` padded with spaces to `width` columns.
fn padded(text: &str, width: usize) -> String {
    let mut padded = text.to_owned();
    padded.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(shown_width(text)),
    ));
    padded
}

/// `text` cut to at most `width` columns, ending with `…` when cut.
fn cut_to(text: &str, width: usize) -> Cow<'_, str> {
    if shown_width(text) <= width {
        return Cow::Borrowed(text);
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let columns = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + columns + 1 > width {
            break;
        }
        kept.push(c);
        used += columns;
    }
    kept.push('…');
    Cow::Owned(kept)
}

/// The fewest columns a cut cell keeps, so a cut value is still recognisable.
const NARROWEST_CUT: usize = 8;

/// The spaces between two columns.
const GAP: usize = 2;

/// Items as a table: a column for each plain field (a nested object's fields as
/// `outer.inner`), in the spec's order (`within` is the table's path in the answer, for a
/// table inside one). Every row is one line; on a terminal of known width the widest cells are
/// cut with `…` (and, if that is not enough, the last columns left out) so a row fits.
pub(crate) fn table(items: &[Value], order: FieldOrder, within: &str, screen: Screen) -> Shaped {
    if items.is_empty() {
        return Shaped::whole("(none)\n".to_owned());
    }
    let rows: Vec<Vec<(String, String)>> = items
        .iter()
        .map(|item| {
            let mut row = Vec::new();
            match item {
                Value::Object(map) => {
                    let mut nested = Vec::new();
                    flatten(map, "", &mut row, &mut nested);
                }
                other => row.push(("value".to_owned(), cell(other))),
            }
            row
        })
        .collect();
    let mut columns: Vec<(String, ())> = Vec::new();
    for (key, _) in rows.iter().flatten() {
        if !columns.iter().any(|(column, ())| column == key) {
            columns.push((key.clone(), ()));
        }
    }
    columns.sort_by(|(a, ()), (b, ())| a.cmp(b));
    order.sort(within, &mut columns);
    let mut columns: Vec<String> = columns.into_iter().map(|(column, ())| column).collect();
    let mut grid: Vec<Vec<String>> = rows
        .into_iter()
        .map(|row| {
            columns
                .iter()
                .map(|column| {
                    row.iter().find(|(key, _)| key == column).map_or_else(
                        || "-".to_owned(),
                        |(_, value)| shown(&one_line(value), screen),
                    )
                })
                .collect()
        })
        .collect();
    let mut header: Vec<String> = columns.iter().map(|c| c.to_ascii_uppercase()).collect();
    let mut widths: Vec<usize> = (0..columns.len())
        .map(|i| {
            grid.iter()
                .map(|row| shown_width(&row[i]))
                .chain([shown_width(&header[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut cut = None;
    if let Some(limit) = screen.width {
        let whole: Vec<bool> = columns.iter().map(|column| is_id(column)).collect();
        let (kept, cap) = fit(&widths, &whole, limit);
        let left_out = columns.split_off(kept);
        header.truncate(kept);
        widths.truncate(kept);
        for row in &mut grid {
            row.truncate(kept);
        }
        let cap_of = |column: usize| if whole[column] { usize::MAX } else { cap };
        let cells_cut = widths
            .iter()
            .enumerate()
            .any(|(column, width)| *width > cap_of(column));
        if cells_cut {
            for (column, width) in widths.iter_mut().enumerate() {
                *width = (*width).min(cap_of(column));
            }
            for row in std::iter::once(&mut header).chain(grid.iter_mut()) {
                for (column, cell) in row.iter_mut().enumerate() {
                    if let Cow::Owned(shorter) = cut_to(cell, cap_of(column)) {
                        *cell = shorter;
                    }
                }
            }
        }
        cut = match (cells_cut, left_out.is_empty()) {
            (false, true) => None,
            (true, true) => Some(format!(
                "values cut with … to fit {limit} columns: --json (or a pipe) shows them whole"
            )),
            (_, false) => Some(format!(
                "{}not shown to fit {limit} columns: {}; --json (or a pipe) shows everything",
                if cells_cut {
                    "values cut with …, and "
                } else {
                    ""
                },
                left_out.join(", ")
            )),
        };
    }
    let line = |cells: &[String]| {
        let text = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| padded(cell, *width))
            .collect::<Vec<_>>()
            .join(&" ".repeat(GAP));
        format!("{}\n", text.trim_end())
    };
    let mut text = line(&header);
    for row in &grid {
        text.push_str(&line(row));
    }
    Shaped { text, cut }
}

/// How a table of columns of `widths` fits in `limit` columns: how many columns are kept (the
/// first ones, at least one), and the widest a kept cell may be. Only the widest cells are cut,
/// never below [`NARROWEST_CUT`], and never a column marked `whole` (an id is of use only
/// whole); columns are left out, from the last, only when cutting is not enough.
fn fit(widths: &[usize], whole: &[bool], limit: usize) -> (usize, usize) {
    let total = |kept: usize, cap: usize| {
        widths[..kept]
            .iter()
            .zip(whole)
            .map(|(width, whole)| if *whole { *width } else { (*width).min(cap) })
            .sum::<usize>()
            + GAP * kept.saturating_sub(1)
    };
    let widest = widths.iter().copied().max().unwrap_or(0);
    for kept in (1..=widths.len()).rev() {
        if total(kept, widest) <= limit {
            return (kept, widest);
        }
        // The widest cap that fits, if one no narrower than NARROWEST_CUT does.
        if let Some(cap) = (NARROWEST_CUT..widest)
            .rev()
            .find(|cap| total(kept, *cap) <= limit)
        {
            return (kept, cap);
        }
    }
    (1, limit.max(NARROWEST_CUT))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const NO_ORDER: FieldOrder = FieldOrder(&[]);

    #[test]
    fn a_list_is_a_table_with_a_column_per_field_whichever_items_have_it() {
        let items = [
            json!({"key_id": "key_1", "name": "prod", "cap": {"usd": "100.00"}}),
            json!({"key_id": "key_22", "name": null, "extra": true}),
        ];
        let expected = "KEY_ID  CAP.USD  EXTRA  NAME\n\
                        key_1   100.00   -      prod\n\
                        key_22  -        true   -\n";
        assert_eq!(table(&items, NO_ORDER, "", Screen::PIPE).text, expected);
        let reversed = [items[1].clone(), items[0].clone()];
        let shown = table(&reversed, NO_ORDER, "", Screen::PIPE).text;
        assert!(
            shown.starts_with("KEY_ID  CAP.USD  EXTRA  NAME\n"),
            "{shown}"
        );
    }

    #[test]
    fn columns_and_lines_come_in_the_specs_order() {
        const ORDER: FieldOrder = FieldOrder(&[
            "key_id",
            "name",
            "metadata",
            "cap.usd",
            "members[].user",
            "members[].role",
        ]);
        let items = [
            json!({"cap": {"usd": "1"}, "zeta": 1, "name": "n", "metadata": {"b": 1, "a": 2}, "key_id": "k"}),
        ];
        let shown = table(&items, ORDER, "", Screen::PIPE).text;
        assert!(
            shown.starts_with("KEY_ID  NAME  METADATA.A  METADATA.B  CAP.USD  ZETA\n"),
            "{shown}"
        );
        let one = json!({"name": "n", "key_id": "k", "members": [{"role": "r", "user": "u"}]});
        assert_eq!(
            summary(&one, ORDER, Screen::PIPE).text,
            "key_id  k\nname    n\n\nmembers:\nUSER  ROLE\nu     r\n"
        );
    }

    #[test]
    fn a_cell_is_one_line_and_a_terminal_sees_no_control_character() {
        let items = [json!({"note": "two\r\nlines\nand\ta tab", "title": "\u{1b}[2Jclear"})];
        let piped = table(&items, NO_ORDER, "", Screen::PIPE).text;
        assert_eq!(piped.lines().count(), 2, "{piped}");
        assert!(piped.contains("two⏎lines⏎and\\ta tab"), "{piped}");
        let terminal = Screen {
            terminal: true,
            width: None,
        };
        let shown = table(&items, NO_ORDER, "", terminal).text;
        assert!(shown.contains("\\x1b[2Jclear"), "{shown}");
        assert!(!shown.contains('\u{1b}'), "{shown}");
        // Aligned as the terminal shows it: the escaped cell's column starts under its header.
        let column_of = |line: &str, part: &str| line.find(part).map(|at| shown_width(&line[..at]));
        let mut lines = shown.lines();
        let (header, row) = (
            lines.next().unwrap_or_default(),
            lines.next().unwrap_or_default(),
        );
        assert_eq!(
            column_of(header, "TITLE"),
            column_of(row, "\\x1b"),
            "{shown}"
        );
        let one = summary(&json!({"text": "a\nb"}), NO_ORDER, Screen::PIPE).text;
        assert_eq!(one, "text  a⏎b\n");
    }

    #[test]
    fn on_a_narrow_terminal_the_widest_cells_are_cut_and_a_pipe_gets_them_whole() {
        let long = "https://example.com/".to_owned() + &"x".repeat(80);
        let items = [json!({"id": "key_1", "url": long, "name": "名前のある鍵"})];
        let narrow = Screen {
            terminal: true,
            width: Some(40),
        };
        let shaped = table(&items, NO_ORDER, "", narrow);
        for line in shaped.text.lines() {
            assert!(shown_width(line) <= 40, "{line:?} is wider than 40");
        }
        assert!(shaped.text.contains('…'), "{}", shaped.text);
        assert!(
            shaped.text.contains("key_1"),
            "narrow cells are kept: {}",
            shaped.text
        );
        assert!(shaped.cut.is_some_and(|note| note.contains("--json")));
        let piped = table(&items, NO_ORDER, "", Screen::PIPE);
        assert!(piped.text.contains(&long) && piped.cut.is_none());
        let roomy = Screen {
            terminal: true,
            width: Some(400),
        };
        assert_eq!(table(&items, NO_ORDER, "", roomy), piped);
        // Too many columns to cut to fit: the last are left out, and the note says which.
        let wide: serde_json::Map<String, Value> = (0..12)
            .map(|n| (format!("c{n:02}"), json!("v".repeat(12))))
            .collect();
        let shaped = table(&[Value::Object(wide)], NO_ORDER, "", narrow);
        assert!(
            shaped.text.lines().all(|line| shown_width(line) <= 40),
            "{}",
            shaped.text
        );
        assert!(shaped.cut.is_some_and(|note| note.contains("c11")));
    }

    #[test]
    fn a_cut_keeps_whole_characters_within_the_width() {
        assert_eq!(cut_to("abcdef", 4), "abc…");
        assert_eq!(cut_to("abc", 4), "abc");
        assert_eq!(cut_to("名前のある", 6), "名前…");
        assert_eq!(fit(&[5, 50, 5], &[false; 3], 40), (3, 26));
        assert_eq!(fit(&[5, 5], &[false; 2], 40), (2, 5));
        assert_eq!(fit(&[20, 30, 30], &[true, false, false], 40), (3, 8));
        assert_eq!(fit(&[20, 30, 30], &[true, false, false], 30), (2, 8));
    }

    #[test]
    fn a_list_answered_whole_is_a_table_and_no_answer_says_so() {
        let models = serde_json::json!([
            {"id": "nexevo/fast", "tier": "fast"},
            {"id": "nexevo/balanced", "tier": "balanced"},
        ]);
        let shown = summary(&models, NO_ORDER, Screen::PIPE).text;
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines.len(), 3, "{shown}");
        assert!(
            lines[0].starts_with("ID") && lines[0].contains("TIER"),
            "{shown}"
        );
        assert!(lines[1].starts_with("nexevo/fast"), "{shown}");
        assert_eq!(
            summary(&Value::Null, NO_ORDER, Screen::PIPE).text,
            "(none)\n"
        );
    }

    #[test]
    fn an_answer_is_a_summary_with_lists_of_objects_below() {
        let value = json!({"balance_usd": "100.00", "plan": {"name": "pro"}, "tags": ["a", "b"],
            "members": [{"user": "u1"}]});
        assert_eq!(
            summary(&value, NO_ORDER, Screen::PIPE).text,
            "balance_usd  100.00\nplan.name    pro\ntags         a, b\n\nmembers:\nUSER\nu1\n"
        );
    }
}
