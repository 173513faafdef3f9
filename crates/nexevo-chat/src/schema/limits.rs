//! The subset's limits: a schema over any of them is refused
//! ([`SchemaProblem::OverLimit`](super::SchemaProblem::OverLimit)).

/// The deepest a schema nests (object properties, array items and `anyOf` variants), counted
/// from the root and from each definition in `$defs`.
pub const MAX_DEPTH: usize = 10;
/// The most properties all the schema's objects list together.
pub const MAX_PROPERTIES: usize = 5_000;
/// The most values all the schema's `enum`s list together.
pub const MAX_ENUM_VALUES: usize = 1_000;
/// The most bytes the rewritten schema takes as JSON.
pub const MAX_SCHEMA_BYTES: usize = 64 * 1024;
/// The longest a schema's name may be; longer names derived from a type are cut.
pub const MAX_NAME_CHARS: usize = 64;
/// The most characters the shortest string a `pattern` matches may have: a longer one is a
/// pattern no answer should be made to spell out.
pub const MAX_PATTERN_MATCH_CHARS: usize = 1_000;
