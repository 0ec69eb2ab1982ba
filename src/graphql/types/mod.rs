//! GraphQL output types, written by hand over the entities so a new column never leaks by
//! accident. Relations go through the per-request loaders.

mod audit_event;
mod coalition;
mod contribution;
mod learning_question;
mod learning_track;
mod meeting;
mod organisation;
mod outcome;
mod person;
mod theme;
mod workgroup;

pub use audit_event::AuditEvent;
pub use coalition::{Coalition, CoalitionMembership};
pub use contribution::Contribution;
pub use learning_question::LearningQuestion;
pub use learning_track::LearningTrack;
pub use meeting::Meeting;
pub use organisation::Organisation;
pub use outcome::Outcome;
pub use person::Person;
pub use theme::Theme;
pub use workgroup::{Workgroup, WorkgroupMembership};

use async_graphql::{Context, Result};

use super::connection::loaders;
use crate::error::AppError;
use crate::paging::Keyed;

/// A related row the viewer may not be allowed to see: `None` then.
pub(crate) async fn one<E: Keyed, N>(ctx: &Context<'_>, id: Option<i32>, wrap: fn(E::Model) -> N) -> Result<Option<N>>
where
    E::Model: Sync,
{
    let Some(id) = id else { return Ok(None) };
    Ok(loaders(ctx)?.one::<E>(id).await?.map(wrap))
}

/// A related row that is always visible when its parent is (a public directory entry, or the
/// parent whose visibility the child inherits).
pub(crate) async fn required<E: Keyed, N>(ctx: &Context<'_>, id: i32, wrap: fn(E::Model) -> N) -> Result<N>
where
    E::Model: Sync,
{
    match loaders(ctx)?.one::<E>(id).await? {
        Some(m) => Ok(wrap(m)),
        None => Err(AppError::not_found("A related record is missing").into()),
    }
}
