//! Change-feed cursors: a position in the log, made opaque like every other cursor.

use std::borrow::Cow;

use crate::error::AppResult;
use crate::paging::{Cursor, SortValue};

/// The ordering name change cursors carry, so no other connection's cursor is taken for one.
const SORT: &str = "CHANGES";

/// The cursor of position `id` (an event id).
pub fn encode(id: i64) -> String {
    Cursor {
        sort: Cow::Borrowed(SORT),
        value: SortValue::Int(id),
        id: 0,
    }
    .encode()
}

/// The position a client's change cursor names.
pub fn decode(s: &str) -> AppResult<i64> {
    let c = Cursor::decode(s, SORT)?;
    match c.value {
        SortValue::Int(id) if id >= 0 && c.id == 0 => Ok(id),
        _ => Err(crate::error::AppError::bad_input("Invalid change cursor")),
    }
}
