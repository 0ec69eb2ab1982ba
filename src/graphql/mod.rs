//! The GraphQL schema: types, root fields, connections and global IDs.

pub mod api;
pub mod bad_input;
pub mod changes;
pub mod connection;
pub mod cost;
pub mod enums;
pub mod ids;
pub mod limits;
pub mod mutation;
pub mod node;
pub mod query;
pub mod query_cache;
pub mod scalars;
pub mod search;
pub mod spare;
pub mod types;
pub mod user_error;
pub mod webhooks;

use async_graphql::{Schema, ValidationMode};
use sea_orm::DatabaseConnection;

use crate::config::{ApiSettings, Environment};
use crate::privacy::Privacy;
pub use api::Api;
use limits::MAX_NESTING;
use mutation::MutationRoot;
use query::QueryRoot;

/// The executable schema.
pub type AppSchema = Schema<QueryRoot, MutationRoot, changes::SubscriptionRoot>;

/// The schema, serving from `db`, with the budget and periods of privacy requests; introspection
/// and "Did you mean" suggestions as `api` says; validating documents as `mode` says ([`Api`]
/// builds a second schema from the same parts, so what it holds must be shared handles). It has
/// no extensions: [`Api`] does what they would, without a hook around every field.
pub fn build_schema(db: DatabaseConnection, api: &ApiSettings, privacy: Privacy, mode: ValidationMode) -> AppSchema {
    let mut builder = Schema::build(QueryRoot::default(), MutationRoot::default(), changes::SubscriptionRoot)
        .data(db)
        .data(privacy)
        .validation_mode(mode)
        // No `limit_complexity`: `Api` measures complexity and refuses by the number (see
        // `limits::batch::Meter`). async-graphql's recursion guard counts selection sets, so a
        // connection spelled `edges { node }` is three: our depth limit is the real one, and
        // `QueryLimits` refuses anything this guard would before it can trip.
        .limit_recursive_depth(MAX_NESTING);
    if !api.introspection {
        builder = builder.disable_introspection();
    }
    if api.environment == Environment::Production {
        builder = builder.disable_suggestions();
    }
    builder.finish()
}

/// The published contract: what `samenspel schema` prints and `schema.graphql` holds.
pub fn sdl() -> String {
    Schema::build(QueryRoot::default(), MutationRoot::default(), changes::SubscriptionRoot)
        .finish()
        .sdl()
}
