//! A line of the listing: what the writer makes and the listing sorts and counts.

/// How a line marks a `#[doc(hidden)]` item.
pub(super) const HIDDEN: &str = "#[doc(hidden)] ";

/// One line of the listing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Line {
    /// The path of the item the line belongs to (a field's is its struct's).
    pub(super) anchor: Vec<String>,
    /// Where among the lines of its anchor: the item, its members, inherent impls, trait impls.
    pub(super) group: u8,
    /// The member's name, to keep an item's members in name order.
    pub(super) member: String,
    /// The line.
    pub text: String,
    /// What kind of item it lists, for counting (`function`, `trait impl`).
    pub kind: &'static str,
}
