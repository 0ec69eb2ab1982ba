//! The GraphQL schema: types, root fields, connections and global IDs.

pub mod connection;
pub mod enums;
pub mod ids;
pub mod node;
pub mod query;
pub mod scalars;
pub mod types;

use async_graphql::{EmptyMutation, EmptySubscription, Schema};
use sea_orm::DatabaseConnection;

use query::QueryRoot;

/// The executable schema.
pub type AppSchema = Schema<QueryRoot, EmptyMutation, EmptySubscription>;

/// The schema, serving from `db`.
pub fn build_schema(db: DatabaseConnection) -> AppSchema {
    Schema::build(QueryRoot::default(), EmptyMutation, EmptySubscription)
        .data(db)
        .finish()
}

/// The published contract: what `samenspel schema` prints and `schema.graphql` holds.
pub fn sdl() -> String {
    Schema::build(QueryRoot::default(), EmptyMutation, EmptySubscription)
        .finish()
        .sdl()
}
