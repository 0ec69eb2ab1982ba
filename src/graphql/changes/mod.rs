//! The change feed in GraphQL: the `ChangeEvent` type, its enums and filter, the `changes`
//! connection and `changesCursor`, and the `changes` subscription.

mod cursor;
mod enums;
mod event;
mod query;

pub use cursor::{decode as decode_cursor, encode as encode_cursor};
pub use enums::{ChangeAction, ChangeEntityType, ChangeFilter};
pub use event::{ChangeEvent, ChangeEventConnection};
pub use query::ChangesQuery;
