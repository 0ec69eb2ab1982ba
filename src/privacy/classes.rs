//! The words of the register of personal data: what a column holds ([`Class`]) and what an
//! export ([`Export`]) and an erasure ([`Erase`]) do with it.

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Says who a person is, or is about one person: a name, an email, a reference, a link.
    Personal,
    /// Text someone wrote, which may name people.
    FreeText,
    /// Neither: keys, categories, dates, counters.
    Neither,
}

/// What an export of a person's data does with a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Export {
    /// In the document, for the rows that are the person's.
    Included,
    /// Not in the document.
    Omitted,
}

/// What erasing a person does with a column of the rows that are theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Erase {
    /// Stays as it is.
    Kept,
    /// Set to null.
    Cleared,
    /// Replaced by a fixed placeholder (the person's name).
    Pseudonymised,
    /// A link to the person, set to null: the row stays, without them.
    Detached,
    /// NAMED becomes ORGANISATION (ANONYMOUS without an organisation).
    Reattributed,
    /// The row is deleted.
    Deleted,
    /// Every occurrence of the person's name and email is cut out of the text, wherever it is.
    Scrubbed,
    /// Bookkeeping the erasure itself sets: the version, when it happened.
    Updated,
    /// A copy derived from other columns (the search index): the write path rebuilds it from
    /// them in the erasure's own transaction, so it follows whatever erasure does to them.
    Derived,
}

/// One column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub class: Class,
    pub export: Export,
    pub erase: Erase,
}

/// One table and all its columns.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    /// What a row is, and why it holds personal data if it does.
    pub about: &'static str,
    pub columns: &'static [Column],
}

macro_rules! entry {
    ($name:literal, $about:literal, [$($col:literal: $class:ident, $export:ident, $erase:ident;)+]) => {
        Table {
            name: $name,
            about: $about,
            columns: &[$(Column {
                name: $col,
                class: Class::$class,
                export: Export::$export,
                erase: Erase::$erase,
            }),+],
        }
    };
}

pub(crate) use entry;
