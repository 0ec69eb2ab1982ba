//! Relay pagination by keyset cursors: arguments, opaque cursors, sort orders and the SQL that
//! pages a root list or many parents' children at once. Never OFFSET: a page boundary is a
//! (sort value, id) pair, so rows inserted between pages are neither skipped nor repeated.

mod args;
mod cursor;
mod fetch;
mod seal;
mod sort;

pub use args::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageArgs};
pub use cursor::{Cursor, SortValue};
pub use fetch::{Page, count_grouped, fetch_grouped, fetch_page, narrow_to_page};
pub use seal::{CursorKey, Scope};
pub use sort::{Keyed, Sort};
