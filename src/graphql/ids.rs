//! Global IDs as GraphQL `ID`s: the encoding lives in [`crate::ids`], below services and schema.

use async_graphql::ID;

pub use crate::ids::{NodeType, decode, decode_as};

/// The global ID of row `id` of type `t`.
pub fn encode(t: NodeType, id: i32) -> ID {
    ID(crate::ids::encode(t, id))
}
