//! `Meeting`: a learning session, workshop or expert meeting.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::{coalition, meeting::Model, workgroup};

use super::{Coalition, LearningQuestion, LearningTrack, Workgroup, one, required};
use crate::graphql::connection::{Conn, PageInput, nested};
use crate::graphql::enums::{MeetingKind, Visibility};
use crate::graphql::ids::{NodeType, encode};
use crate::loaders::{MeetingQuestions, MeetingTracks};

/// The `Meeting` object; documented on its GraphQL impl below.
pub struct Meeting(pub Model);

/// A learning session, workshop, expert meeting or knowledge-community afternoon.
#[Object]
impl Meeting {
    /// Global ID.
    pub async fn id(&self) -> ID {
        encode(NodeType::Meeting, self.0.id)
    }
    /// Title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// The form of the meeting.
    async fn kind(&self) -> MeetingKind {
        self.0.kind.into()
    }
    /// When it starts.
    async fn starts_at(&self) -> DateTime<Utc> {
        self.0.starts_at
    }
    /// When it ends.
    async fn ends_at(&self) -> Option<DateTime<Utc>> {
        self.0.ends_at
    }
    /// Where it takes place.
    async fn location(&self) -> Option<&str> {
        self.0.location.as_deref()
    }
    /// The work form used, e.g. intervisie or a walk through the neighbourhood.
    async fn work_form(&self) -> Option<&str> {
        self.0.work_form.as_deref()
    }
    /// The report written afterwards.
    async fn report(&self) -> Option<&str> {
        self.0.report.as_deref()
    }
    /// Who may see the meeting.
    async fn visibility(&self) -> Visibility {
        self.0.visibility.into()
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
    /// Your organisation's own key for this record (see the upsert mutations); null for
    /// everyone but that organisation and platform admins.
    async fn external_ref(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        let viewer = crate::graphql::connection::loaders(ctx)?.viewer();
        let own = viewer.is_platform_admin()
            || (self.0.organisation_id.is_some() && viewer.organisation_id() == self.0.organisation_id);
        Ok(self.0.external_ref.as_deref().filter(|_| own))
    }
    /// The coalition that holds the meeting.
    async fn coalition(&self, ctx: &Context<'_>) -> Result<Coalition> {
        required::<coalition::Entity, _>(ctx, self.0.coalition_id, Coalition).await
    }
    /// The workgroup that holds the meeting, if any.
    async fn workgroup(&self, ctx: &Context<'_>) -> Result<Option<Workgroup>> {
        one::<workgroup::Entity, _>(ctx, self.0.workgroup_id, Workgroup).await
    }
    /// Learning questions discussed, newest first.
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
        nested::<MeetingQuestions, _>(ctx, self.0.id, input, LearningQuestion).await
    }
    /// Learning tracks this meeting is a session of.
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
        nested::<MeetingTracks, _>(ctx, self.0.id, input, LearningTrack).await
    }
}
