//! The regex subset of the Nexevo API's JSON Schemas (`pattern`), as plain data.
//!
//! One compiler, one matcher and one writer of examples, shared by the three places that read
//! a pattern: the generator, which compiles the spec's patterns into `static` [`Pattern`]s for
//! the SDK's validators (so the SDK compiles no regex engine); the validators, which match
//! with [`Pattern::is_match`]; and the sandbox, which compiles the patterns of the schemas it
//! is sent, writes strings for them with [`Pattern::example`] and checks each with the same
//! matcher.
//!
//! # The subset
//!
//! ECMAScript syntax, as JSON Schema uses, limited to what API patterns need: `^` and `$` at
//! the ends, literal characters and escapes (`\.`, `\t`, `\n`, `\r`, `\f`, `\v`, `\uXXXX`),
//! `.`, `\d \D \w \W \s \S`, classes with ranges and negation (`[A-Za-z0-9_-]`, `[^@\s]`), the
//! quantifiers `* + ? {n} {n,} {n,m}` (a lazy `?` after one changes nothing), and groups,
//! plain or non-capturing, once or optional (`(…)`, `(…)?`), with alternatives inside them
//! (`(a|b)`). Anything else is refused with a [`PatternError`] naming the pattern: a pattern
//! is never checked more loosely than it says.
//!
//! # Cost
//!
//! Matching never backtracks: [`Pattern::is_match`] carries the set of positions each step
//! can end at, so a pattern of `p` steps costs `O(p × n)` on a string of `n` characters
//! whatever the pattern is. That matters to the sandbox, which matches patterns its callers
//! wrote.

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

mod compile;
mod example;
mod matcher;
mod steps;

use std::borrow::Cow;
use std::fmt;

pub use steps::{Class, Step, Steps};

/// A compiled pattern: its source and the [`Step`]s that match a whole string exactly when the
/// regex matches somewhere in it.
///
/// The generator writes the spec's patterns as `static`s ([`Pattern::from_compiled`]); a
/// pattern known only at run time comes from [`Pattern::compile`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    source: Cow<'static, str>,
    steps: Steps,
}

impl Pattern {
    /// A pattern and the steps the generator compiled it to (for generated `static`s).
    pub const fn from_compiled(source: &'static str, steps: &'static [Step]) -> Self {
        Self {
            source: Cow::Borrowed(source),
            steps: Cow::Borrowed(steps),
        }
    }

    /// Compiles `source`, refusing anything outside [the subset](crate#the-subset).
    ///
    /// ```
    /// let pattern = nexevo_pattern::Pattern::compile(r"^org_[a-z0-9]{1,8}$")?;
    /// assert!(pattern.is_match("org_7f3a"));
    /// assert!(!pattern.is_match("org_"));
    /// assert!(nexevo_pattern::Pattern::compile(r"^(ab)+$").is_err());
    /// # Ok::<(), nexevo_pattern::PatternError>(())
    /// ```
    pub fn compile(source: &str) -> Result<Self, PatternError> {
        let steps = compile::compile(source).map_err(|problem| PatternError {
            pattern: source.to_owned(),
            problem,
        })?;
        Ok(Self {
            source: Cow::Owned(source.to_owned()),
            steps: Cow::Owned(steps),
        })
    }

    /// The pattern as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The compiled steps.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Whether the regex matches `text` (its steps match the whole of it), in time linear in
    /// the text for a given pattern.
    pub fn is_match(&self, text: &str) -> bool {
        matcher::is_match(&self.steps, text)
    }

    /// The fewest characters a match can have, or `None` when nothing matches (a class no
    /// character is in); saturates at `u64::MAX`.
    pub fn shortest_match(&self) -> Option<u64> {
        example::shortest(&self.steps)
    }

    /// A string of at most `max_chars` characters that the pattern matches, chosen by `seed`
    /// (the same seed, the same string), and at most a few dozen characters longer than
    /// [`Pattern::shortest_match`]. `None` when nothing matches, or when the shortest match is
    /// longer than `max_chars`.
    ///
    /// ```
    /// let pattern = nexevo_pattern::Pattern::compile(r"^[A-Z]{2}-\d{3,5}(\.v\d)?$")?;
    /// for seed in 0..100 {
    ///     let example = pattern.example(seed, 64).expect("the pattern matches something");
    ///     assert!(pattern.is_match(&example), "{example}");
    /// }
    /// # Ok::<(), nexevo_pattern::PatternError>(())
    /// ```
    pub fn example(&self, seed: u64, max_chars: u64) -> Option<String> {
        if self.shortest_match()? > max_chars {
            return None;
        }
        Some(example::write(&self.steps, seed, max_chars))
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// A pattern outside [the subset](crate#the-subset), or not a regex at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pattern: String,
    problem: String,
}

impl PatternError {
    /// The pattern as given.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// What is wrong with it.
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pattern `{}`: {}", self.pattern, self.problem)
    }
}

impl std::error::Error for PatternError {}

#[cfg(test)]
mod tests;

/// The README's examples, compiled as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
