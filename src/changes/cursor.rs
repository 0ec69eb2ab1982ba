//! Change-feed cursors: a position in the log, signed like every other cursor and bound to the
//! change feed, so no other list's cursor is taken for one.

use crate::error::{AppError, AppResult};
use crate::paging::{Cursor, CursorKey, Scope, SortValue};

/// The list change cursors belong to.
pub const SCOPE: Scope = Scope {
    table: "change_event",
    sort: "CHANGES",
    parent: None,
};

/// Position `id` (an event id) as a cursor, not yet sealed.
pub fn at(id: i64) -> Cursor {
    Cursor {
        value: SortValue::Int(id),
        id: 0,
    }
}

/// The cursor of position `id` (an event id).
pub fn encode(key: &CursorKey, id: i64) -> String {
    key.seal(&SCOPE, &at(id))
}

/// The position a client's change cursor names.
pub fn decode(key: &CursorKey, s: &str) -> AppResult<i64> {
    let c = key.open(&SCOPE, s)?;
    match c.value {
        SortValue::Int(id) if id >= 0 && c.id == 0 => Ok(id),
        _ => Err(AppError::bad_input("Invalid change cursor")),
    }
}
