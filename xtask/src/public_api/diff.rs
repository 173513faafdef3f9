//! What a change between two listings means for users: each item removed, added or changed,
//! with its verdict.
//!
//! A line's identity is its kind and path (`pub fn nexevo::Client::builder`; for an impl, its
//! trait and type without the impl's generics, bounds and associated items), so a line whose
//! identity is in both listings with another text is one changed item.
//!
//! | change | verdict |
//! |---|---|
//! | an item removed | breaking |
//! | an item changed (signature, shape, bounds, a re-export's target) | breaking |
//! | an item added | additive |
//! | a variant added to an existing enum that is not `#[non_exhaustive]` | breaking: exhaustive matches stop compiling |
//! | a field added to an existing struct with only public fields and no `#[non_exhaustive]` | breaking: struct literals stop compiling |
//! | a field added to a struct `nexevo-api` generates (its line ends `// generated`) | additive: building generated types with struct literals is unsupported (RELEASING.md) |
//! | a trait item without a default added to an existing trait | breaking: implementations stop compiling |
//! | `#[non_exhaustive]` or `#[doc(hidden)]` added | breaking |
//! | `#[non_exhaustive]` or `#[doc(hidden)]` removed | additive |
//! | `#[deprecated]` added or removed | compatible |
//! | only an argument's name changed | compatible |
//! | a `#[doc(hidden)]` item removed, or changed and still hidden | compatible: hidden items are not API |

use std::collections::BTreeMap;
use std::fmt;

use super::line::GENERATED;

/// How much a change matters to users, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Nothing users can rely on changed.
    Compatible,
    /// New API: code that compiled still compiles.
    Additive,
    /// Code that uses the API may stop compiling.
    Breaking,
}

/// What happened to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Only in the old listing.
    Removed,
    /// In both, as different lines.
    Changed,
    /// Only in the new listing.
    Added,
}

/// One item's change between two listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What it means for users.
    pub verdict: Verdict,
    /// Removed, changed or added.
    pub kind: Kind,
    /// Why the verdict is not the plain one for its kind, if it is not.
    pub reason: Option<&'static str>,
    /// The item's line in the old listing.
    pub old: Option<String>,
    /// The item's line in the new listing.
    pub new: Option<String>,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = match self.verdict {
            Verdict::Breaking => "BREAKING  ",
            Verdict::Additive => "additive  ",
            Verdict::Compatible => "compatible",
        };
        let kind = match self.kind {
            Kind::Removed => "removed",
            Kind::Changed => "changed",
            Kind::Added => "added",
        };
        let reason = self
            .reason
            .map(|reason| format!(" ({reason})"))
            .unwrap_or_default();
        match (&self.old, &self.new) {
            (Some(old), Some(new)) => {
                write!(f, "{verdict} {kind}{reason}: {old}\n{:19}now: {new}", "")
            }
            (Some(line), None) | (None, Some(line)) => {
                write!(f, "{verdict} {kind}{reason}: {line}")
            }
            (None, None) => write!(f, "{verdict} {kind}{reason}"),
        }
    }
}

/// The item lines of a listing file: its `# ` comments and blank lines left out.
pub fn item_lines(listing: &str) -> Vec<&str> {
    listing
        .lines()
        .filter(|line| !(line.trim().is_empty() || *line == "#" || line.starts_with("# ")))
        .collect()
}

/// Every change from the listing `old` to the listing `new` (each a file's text), breaking
/// ones first.
pub fn diff(old: &str, new: &str) -> Vec<Change> {
    let old_lines = by_identity(old);
    let new_lines = by_identity(new);
    let mut changes = Vec::new();
    for (identity, old_line) in &old_lines {
        match new_lines.get(identity) {
            None => {
                let (verdict, reason) = if is_hidden(old_line) {
                    (Verdict::Compatible, Some("it was #[doc(hidden)]"))
                } else {
                    (Verdict::Breaking, None)
                };
                changes.push(Change {
                    verdict,
                    kind: Kind::Removed,
                    reason,
                    old: Some((*old_line).to_owned()),
                    new: None,
                });
            }
            Some(new_line) if new_line != old_line => {
                let (verdict, reason) = changed(old_line, new_line);
                changes.push(Change {
                    verdict,
                    kind: Kind::Changed,
                    reason,
                    old: Some((*old_line).to_owned()),
                    new: Some((*new_line).to_owned()),
                });
            }
            Some(_) => {}
        }
    }
    for (identity, new_line) in &new_lines {
        if !old_lines.contains_key(identity) {
            let reason = added_breaks(new_line, &old_lines, &new_lines);
            changes.push(Change {
                verdict: if reason.is_some() {
                    Verdict::Breaking
                } else {
                    Verdict::Additive
                },
                kind: Kind::Added,
                reason,
                old: None,
                new: Some((*new_line).to_owned()),
            });
        }
    }
    changes.sort_by(|a, b| {
        b.verdict
            .cmp(&a.verdict)
            .then(a.kind.cmp(&b.kind))
            .then(a.old.cmp(&b.old))
            .then(a.new.cmp(&b.new))
    });
    changes
}

/// A listing's lines by identity.
fn by_identity(listing: &str) -> BTreeMap<String, &str> {
    item_lines(listing)
        .into_iter()
        .map(|line| (identity(line), line))
        .collect()
}

/// The marks at the start of a line (`#[doc(hidden)]`), and the rest.
fn split_marks(line: &str) -> (Vec<&str>, &str) {
    let mut marks = Vec::new();
    let mut rest = line;
    while rest.starts_with("#[") {
        let Some(end) = rest.find("] ") else { break };
        marks.push(&rest[..=end]);
        rest = &rest[end + 2..];
    }
    (marks, rest)
}

fn is_hidden(line: &str) -> bool {
    split_marks(line).0.contains(&"#[doc(hidden)]")
}

/// The words that say what kind of item a line lists, before its path.
const KIND_WORDS: &[&str] = &[
    "pub",
    "mod",
    "struct",
    "union",
    "enum",
    "fn",
    "trait",
    "type",
    "const",
    "static",
    "mut",
    "macro",
    "use",
    "field",
    "variant",
    "async",
    "unsafe",
    "extern",
    "auto",
    "primitive",
    "proc",
];

/// A line's kind and path: what stays the same when the item changes.
pub fn identity(line: &str) -> String {
    let (_, rest) = split_marks(line);
    if let Some(header) = rest
        .strip_prefix("unsafe impl")
        .or_else(|| rest.strip_prefix("impl"))
    {
        return impl_identity(header);
    }
    let mut kind = Vec::new();
    let mut remaining = rest;
    while let Some((word, after)) = remaining.split_once(' ') {
        if KIND_WORDS.contains(&word) || word.starts_with('"') {
            kind.push(word);
            remaining = after;
        } else {
            break;
        }
    }
    format!("{} {}", kind.join(" "), leading_path(remaining))
}

/// The path at the start of `text`: identifiers joined by `::`.
fn leading_path(text: &str) -> &str {
    let identifier = |text: &str| {
        text.bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count()
    };
    let mut end = identifier(text);
    while end > 0 && text[end..].starts_with("::") {
        let next = identifier(&text[end + 2..]);
        if next == 0 {
            break;
        }
        end += 2 + next;
    }
    &text[..end]
}

/// `impl Trait<A> for Type<B>`: an impl without its generics, where clause and associated items.
fn impl_identity(header: &str) -> String {
    let mut rest = header;
    if rest.starts_with('<') {
        rest = &rest[closing(rest, 0).map_or(rest.len(), |end| end + 1)..];
    }
    let rest = rest.trim_start();
    let mut depth = 0usize;
    let mut end = rest.len();
    for (at, c) in rest.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' if rest[..at].ends_with('-') => {}
            '>' | ')' | ']' => depth = depth.saturating_sub(1),
            ' ' if depth == 0
                && (rest[at..].starts_with(" where ") || rest[at..].starts_with(" {")) =>
            {
                end = at;
                break;
            }
            _ => {}
        }
    }
    format!("impl {}", &rest[..end])
}

/// Where the bracket opened at `open` closes.
fn closing(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text[open..].char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            // `->` is an arrow, not a closing bracket.
            '>' if text[..open + at].ends_with('-') => {}
            '>' | ')' | ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(open + at);
                }
            }
            _ => {}
        }
    }
    None
}

/// The verdict on an item whose line changed.
fn changed(old: &str, new: &str) -> (Verdict, Option<&'static str>) {
    const HIDDEN: &str = "#[doc(hidden)]";
    const NON_EXHAUSTIVE: &str = "#[non_exhaustive]";
    let (old_marks, old_rest) = split_marks(old);
    let (new_marks, new_rest) = split_marks(new);
    if old_marks.contains(&HIDDEN) && new_marks.contains(&HIDDEN) {
        return (Verdict::Compatible, Some("it is #[doc(hidden)]"));
    }
    if old_rest == new_rest {
        let added = |mark: &str| !old_marks.contains(&mark) && new_marks.contains(&mark);
        let removed = |mark: &str| old_marks.contains(&mark) && !new_marks.contains(&mark);
        return if added(NON_EXHAUSTIVE) {
            (Verdict::Breaking, Some("now #[non_exhaustive]"))
        } else if added(HIDDEN) {
            (Verdict::Breaking, Some("now #[doc(hidden)]"))
        } else if removed(HIDDEN) {
            (Verdict::Additive, Some("no longer #[doc(hidden)]"))
        } else if removed(NON_EXHAUSTIVE) {
            (Verdict::Additive, Some("no longer #[non_exhaustive]"))
        } else {
            (Verdict::Compatible, Some("only #[deprecated] changed"))
        };
    }
    if old_marks == new_marks
        && without_argument_names(old_rest) == without_argument_names(new_rest)
    {
        return (Verdict::Compatible, Some("only an argument's name changed"));
    }
    (Verdict::Breaking, None)
}

/// A function's line (marks left out) with its arguments' names left out: `fn f(a: T)` →
/// `fn f(T)`; any other line as it is.
fn without_argument_names(line: &str) -> String {
    let identity = identity(line);
    let path = identity.rsplit(' ').next().unwrap_or_default();
    if !identity.ends_with(&format!("fn {path}")) {
        return line.to_owned();
    }
    let Some(mut open) = line.find(path).map(|at| at + path.len()) else {
        return line.to_owned();
    };
    if line[open..].starts_with('<') {
        match closing(line, open) {
            Some(end) => open = end + 1,
            None => return line.to_owned(),
        }
    }
    if !line[open..].starts_with('(') {
        return line.to_owned();
    }
    let Some(close) = closing(line, open) else {
        return line.to_owned();
    };
    let mut arguments = Vec::new();
    let mut depth = 0usize;
    let mut start = open + 1;
    for (at, c) in line[open + 1..close].char_indices() {
        let at = open + 1 + at;
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' if line[..at].ends_with('-') => {}
            '>' | ')' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                arguments.push(line[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    arguments.push(line[start..close].trim());
    let types: Vec<&str> = arguments
        .iter()
        .map(|argument| match argument.split_once(": ") {
            Some((name, ty))
                if name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == ' ') =>
            {
                ty
            }
            _ => argument,
        })
        .collect();
    format!(
        "{}({}){}",
        &line[..open],
        types.join(", "),
        &line[close + 1..]
    )
}

/// Why adding `line` breaks users, if it does: a member of an existing item that code using
/// it must now handle.
fn added_breaks(
    line: &str,
    old: &BTreeMap<String, &str>,
    new: &BTreeMap<String, &str>,
) -> Option<&'static str> {
    let (_, rest) = split_marks(line);
    let identity = identity(line);
    let path = identity.rsplit(' ').next().unwrap_or_default();
    let owner = path.rsplit_once("::").map(|(owner, _)| owner)?;
    let owner_line = |kinds: &[&str]| {
        kinds.iter().find_map(|kind| {
            let key = format!("{kind} {owner}");
            old.get(&key).and(new.get(&key)).copied()
        })
    };
    if rest.starts_with("variant ") {
        let owner = owner_line(&["pub enum"])?;
        return (!split_marks(owner).0.contains(&"#[non_exhaustive]"))
            .then_some("a new variant of an enum that is not #[non_exhaustive]");
    }
    if rest.starts_with("field ") {
        let owner = owner_line(&["pub struct"])?;
        let (marks, shape) = split_marks(owner);
        return (!marks.contains(&"#[non_exhaustive]")
            && !shape.contains("/* private fields */")
            && !shape.ends_with(GENERATED))
        .then_some("a new field of a struct users can build with a literal");
    }
    if rest.starts_with("trait ") {
        owner_line(&["pub trait", "pub unsafe trait"])?;
        let kind = identity.rsplit_once(' ').map_or("", |(kind, _)| kind);
        let required = if kind.ends_with("fn") {
            !rest.ends_with(" { .. }")
        } else {
            !rest.contains(" = ")
        };
        return required.then_some("a new trait item without a default");
    }
    None
}
