//! What a compiled pattern is made of: plain data, so the generator can write it as a `static`.

use std::borrow::Cow;

/// A sequence of [`Step`]s, borrowed in generated `static`s and owned when compiled at run
/// time.
pub type Steps = Cow<'static, [Step]>;

/// One step of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Step {
    /// Between `min` and `max` (no limit when `None`) characters of `class`.
    Repeat {
        /// The characters allowed.
        class: Class,
        /// Fewest repetitions.
        min: u32,
        /// Most repetitions.
        max: Option<u32>,
    },
    /// Exactly this text.
    Literal(Cow<'static, str>),
    /// The steps of a group, once or not at all.
    Optional(Steps),
    /// The steps of one of these alternatives (a group with `|`).
    Either(Cow<'static, [Steps]>),
}

/// A set of characters: inclusive ranges, or everything outside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    /// Inclusive ranges.
    pub ranges: Cow<'static, [(char, char)]>,
    /// Whether the class is every character *not* in `ranges`.
    pub negated: bool,
}

impl Class {
    /// Whether `c` is in the class.
    pub fn contains(&self, c: char) -> bool {
        self.ranges
            .iter()
            .any(|&(first, last)| first <= c && c <= last)
            != self.negated
    }
}
