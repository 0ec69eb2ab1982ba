//! The change feed in GraphQL: the `ChangeEvent` type, its enums and filter, the `changes`
//! connection and `changesCursor`, and the `changes` subscription.

mod enums;
mod event;
mod query;
mod subscription;

pub use enums::{ChangeAction, ChangeEntityType, ChangeFilter};
pub use event::{ChangeEvent, ChangeEventConnection};
pub use query::ChangesQuery;
pub use subscription::SubscriptionRoot;
