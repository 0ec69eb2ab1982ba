//! Validated Relay arguments: `first`/`after` pages forward, `last`/`before` backward.

use super::cursor::Cursor;
use super::seal::{CursorKey, Scope};
use crate::error::AppError;

/// Largest page a client may ask for.
pub const MAX_PAGE_SIZE: i32 = 100;
/// Page size when neither `first` nor `last` is given.
pub const DEFAULT_PAGE_SIZE: i32 = 20;

/// What one connection field was asked for, after validation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageArgs {
    /// Rows on the page.
    pub limit: u64,
    /// `last`/`before` was used: the page ends at `before` (or the end of the list).
    pub backward: bool,
    /// Only rows after this boundary.
    pub after: Option<Cursor>,
    /// Only rows before this boundary.
    pub before: Option<Cursor>,
}

impl PageArgs {
    /// Checks the four Relay arguments; the cursors must be ones `key` sealed for `scope`.
    pub fn new(
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        (key, scope): (&CursorKey, &Scope),
    ) -> Result<Self, AppError> {
        let size = match (first, last) {
            (Some(_), Some(_)) => {
                return Err(AppError::bad_input(
                    "Pass either `first` or `last`, not both: a page is read in one direction",
                ));
            }
            (Some(n), None) => check("first", n)?,
            (None, Some(n)) => check("last", n)?,
            (None, None) => DEFAULT_PAGE_SIZE,
        };
        let open = |c: String| key.open(scope, &c);
        let after: Option<Cursor> = after.map(open).transpose()?;
        let before = before.map(open).transpose()?;
        Ok(PageArgs {
            limit: size as u64,
            backward: last.is_some(),
            after,
            before,
        })
    }
}

fn check(name: &str, n: i32) -> Result<i32, AppError> {
    if n < 0 {
        return Err(AppError::bad_input(format!("`{name}` must not be negative (got {n})")));
    }
    if n > MAX_PAGE_SIZE {
        return Err(AppError::bad_input(format!(
            "`{name}` is {n}, but a page holds at most {MAX_PAGE_SIZE} rows"
        )));
    }
    Ok(n)
}
