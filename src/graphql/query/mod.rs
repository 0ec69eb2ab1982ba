//! Root query fields, one object per domain, merged into `Query`.

mod audit;
mod directory;
mod questions;
mod schedule;
mod viewer;

use async_graphql::{Context, MergedObject, Result};
use sea_orm::DatabaseConnection;

use super::node::NodeQuery;

/// Everything a client can read. Lists are Relay connections; lookups by slug or global ID.
#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct QueryRoot(
    NodeQuery,
    directory::DirectoryQuery,
    questions::QuestionQuery,
    schedule::ScheduleQuery,
    viewer::ViewerQuery,
    audit::AuditQuery,
    super::changes::ChangesQuery,
    super::webhooks::WebhookQuery,
    super::search::SearchQueryRoot,
);

/// The database of the request.
fn db<'a>(ctx: &Context<'a>) -> Result<&'a DatabaseConnection> {
    ctx.data::<DatabaseConnection>()
}
