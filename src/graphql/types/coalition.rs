//! `Coalition` and `CoalitionMembership`.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::{coalition, coalition_membership, organisation};

use super::{LearningQuestion, LearningTrack, Meeting, Organisation, Outcome, Workgroup, required};
use crate::graphql::connection::{Conn, PageInput, nested};
use crate::graphql::enums::{CoalitionKind, LifecycleStage, MembershipRole};
use crate::graphql::ids::{NodeType, encode};
use crate::graphql::scalars::Date;
use crate::loaders::{
    CoalitionMeetings, CoalitionMembers, CoalitionOutcomes, CoalitionQuestions, CoalitionTracks, CoalitionWorkgroups,
};

/// The `Coalition` object; documented on its GraphQL impl below.
pub struct Coalition(pub coalition::Model);

/// A community of practice, area coalition, learning community or partnership in which
/// organisations learn together.
#[Object]
impl Coalition {
    /// Global ID.
    pub async fn id(&self) -> ID {
        encode(NodeType::Coalition, self.0.id)
    }
    /// Stable, human-readable key, e.g. `cop-wooncirkels`.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What form the coalition takes.
    async fn kind(&self) -> CoalitionKind {
        self.0.kind.into()
    }
    /// The area or neighbourhood it works in.
    async fn area(&self) -> Option<&str> {
        self.0.area.as_deref()
    }
    /// The municipality it works in.
    async fn municipality(&self) -> Option<&str> {
        self.0.municipality.as_deref()
    }
    /// Where the coalition is in its life.
    async fn stage(&self) -> LifecycleStage {
        self.0.stage.into()
    }
    /// First day.
    async fn starts_on(&self) -> Option<Date> {
        self.0.starts_on.map(Date)
    }
    /// Last day, if it has ended or will end.
    async fn ends_on(&self) -> Option<Date> {
        self.0.ends_on.map(Date)
    }
    /// What the coalition works on.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
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
    /// When it was archived; archived records stay readable.
    async fn archived_at(&self) -> Option<DateTime<Utc>> {
        self.0.archived_at
    }
    /// Member organisations, with their roles.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn members(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<CoalitionMembership>> {
        let input = PageInput {
            first,
            after,
            last,
            before,
        };
        nested::<CoalitionMembers, _>(ctx, self.0.id, input, CoalitionMembership).await
    }
    /// Workgroups, learning circles and studios of the coalition, by name.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn workgroups(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Workgroup>> {
        nested::<CoalitionWorkgroups, _>(
            ctx,
            self.0.id,
            PageInput {
                first,
                after,
                last,
                before,
            },
            Workgroup,
        )
        .await
    }
    /// Learning questions of the coalition, newest first.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn learning_questions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<LearningQuestion>> {
        let input = PageInput {
            first,
            after,
            last,
            before,
        };
        nested::<CoalitionQuestions, _>(ctx, self.0.id, input, LearningQuestion).await
    }
    /// Learning tracks the coalition runs.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn learning_tracks(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<LearningTrack>> {
        let input = PageInput {
            first,
            after,
            last,
            before,
        };
        nested::<CoalitionTracks, _>(ctx, self.0.id, input, LearningTrack).await
    }
    /// Meetings of the coalition, in date order.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn meetings(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Meeting>> {
        nested::<CoalitionMeetings, _>(
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
    /// What the coalition published.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn outcomes(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Outcome>> {
        nested::<CoalitionOutcomes, _>(
            ctx,
            self.0.id,
            PageInput {
                first,
                after,
                last,
                before,
            },
            Outcome,
        )
        .await
    }
}

/// The `CoalitionMembership` object; documented on its GraphQL impl below.
pub struct CoalitionMembership(pub coalition_membership::Model);

/// An organisation taking part in a coalition.
#[Object]
impl CoalitionMembership {
    /// Global ID.
    pub async fn id(&self) -> ID {
        encode(NodeType::CoalitionMembership, self.0.id)
    }
    /// The part the organisation plays.
    async fn role(&self) -> MembershipRole {
        self.0.role.into()
    }
    /// When the organisation joined.
    async fn joined_on(&self) -> Option<Date> {
        self.0.joined_on.map(Date)
    }
    /// When the organisation left, if it did.
    async fn left_on(&self) -> Option<Date> {
        self.0.left_on.map(Date)
    }
    /// The organisation.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Organisation> {
        required::<organisation::Entity, _>(ctx, self.0.organisation_id, Organisation).await
    }
    /// The coalition.
    async fn coalition(&self, ctx: &Context<'_>) -> Result<Coalition> {
        required::<coalition::Entity, _>(ctx, self.0.coalition_id, Coalition).await
    }
}
