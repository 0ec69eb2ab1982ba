//! The GraphQL schema: types, root fields, connections and global IDs.

pub mod connection;
pub mod cost;
pub mod enums;
pub mod ids;
pub mod mutation;
pub mod node;
pub mod query;
pub mod scalars;
pub mod types;
pub mod user_error;

use async_graphql::{EmptySubscription, Schema};
use sea_orm::DatabaseConnection;

use mutation::MutationRoot;
use query::QueryRoot;

/// The executable schema.
pub type AppSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// The schema, serving from `db`.
pub fn build_schema(db: DatabaseConnection) -> AppSchema {
    Schema::build(QueryRoot::default(), MutationRoot::default(), EmptySubscription)
        .data(db)
        .finish()
}

/// The published contract: what `samenspel schema` prints and `schema.graphql` holds.
pub fn sdl() -> String {
    Schema::build(QueryRoot::default(), MutationRoot::default(), EmptySubscription)
        .finish()
        .sdl()
}
