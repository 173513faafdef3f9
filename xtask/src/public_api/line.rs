//! A line of the listing, what the writer makes and the listing sorts and counts, and a name
//! an item is reached by, what the lints read.

/// How a line marks a `#[doc(hidden)]` item.
pub(super) const HIDDEN: &str = "#[doc(hidden)] ";

/// How a struct's line ends when `nexevo-api` generates it from the spec: users read it from
/// answers and build it with its builder, never with a struct literal, so a field the spec adds
/// is not a breaking change (the versioning policy in RELEASING.md).
pub const GENERATED: &str = " // generated";

/// The crate whose structs are generated.
pub(super) const GENERATED_CRATE: &str = "nexevo_api";

/// One path users reach an item by, with what the item is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Named {
    /// Which item: the same for every path to it, distinct for distinct items.
    pub identity: String,
    /// The path users reach it by (`nexevo::chat::ModelInfo`).
    pub path: String,
    /// The name it is defined with (`Model`), which a renaming re-export hides.
    pub defined_as: String,
}

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

impl Line {
    /// A line from its text alone (a listing read back from its file, or made up in a test):
    /// it sorts by its text.
    pub fn from_text(text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            anchor: Vec::new(),
            group: 0,
            member: String::new(),
            kind: "line",
            text,
        }
    }
}
