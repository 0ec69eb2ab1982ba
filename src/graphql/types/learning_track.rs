//! `LearningTrack`: a series of sessions with a goal.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::{coalition, learning_track::Model};

use super::{Coalition, Meeting, required};
use crate::graphql::connection::{Conn, PageInput, nested};
use crate::graphql::ids::{NodeType, encode};
use crate::graphql::scalars::Date;
use crate::loaders::TrackSessions;

/// The `LearningTrack` object; documented on its GraphQL impl below.
pub struct LearningTrack(pub Model);

/// A learning track (leerlijn): a series of sessions with a goal, run by a coalition.
#[Object]
impl LearningTrack {
    /// Global ID.
    pub async fn id(&self) -> ID {
        encode(NodeType::LearningTrack, self.0.id)
    }
    /// Title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// What participants should be able to do afterwards.
    async fn goal(&self) -> &str {
        &self.0.goal
    }
    /// First day.
    async fn starts_on(&self) -> Option<Date> {
        self.0.starts_on.map(Date)
    }
    /// Last day.
    async fn ends_on(&self) -> Option<Date> {
        self.0.ends_on.map(Date)
    }
    /// When the record was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When the record was last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    /// Increases with every change; send it back as `expectedVersion` to update safely.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The coalition that runs the track.
    async fn coalition(&self, ctx: &Context<'_>) -> Result<Coalition> {
        required::<coalition::Entity, _>(ctx, self.0.coalition_id, Coalition).await
    }
    /// The sessions of the track, in date order.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn sessions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Meeting>> {
        nested::<TrackSessions, _>(
            ctx,
            self.0.id,
            PageInput {
                first,
                after,
                last,
                before,
            },
            Meeting,
        )
        .await
    }
}
