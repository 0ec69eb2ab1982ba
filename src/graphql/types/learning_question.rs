//! `LearningQuestion`: what a workgroup or coalition works on.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::{coalition, learning_question::Model, organisation, person, workgroup};

use super::{Coalition, Contribution, Meeting, Organisation, Outcome, Person, Theme, Workgroup, one, required};
use crate::graphql::connection::{Conn, PageInput, nested, nested_along};
use crate::graphql::enums::{QuestionStatus, Visibility};
use crate::graphql::ids::{NodeType, encode};
use crate::loaders::{
    ContributionOrganisation, QuestionContributions, QuestionMeetings, QuestionOutcomes, QuestionThemes,
};

/// The `LearningQuestion` object; documented on its GraphQL impl below.
pub struct LearningQuestion(pub Model);

/// A learning question a workgroup or coalition works on. Follow it to its contributions, the
/// meetings that discussed it and the outcomes that answered it.
#[Object]
impl LearningQuestion {
    /// Global ID.
    pub async fn id(&self) -> ID {
        encode(NodeType::LearningQuestion, self.0.id)
    }
    /// The question itself.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Why it is asked and what is already known.
    async fn context(&self) -> &str {
        &self.0.context
    }
    /// Where the question stands.
    async fn status(&self) -> QuestionStatus {
        self.0.status.into()
    }
    /// Who may see the question and its contributions.
    async fn visibility(&self) -> Visibility {
        self.0.visibility.into()
    }
    /// The answer in short, once the question is answered.
    async fn resolution_summary(&self) -> Option<&str> {
        self.0.resolution_summary.as_deref()
    }
    /// When the question was asked.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When the question was last changed.
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
            || (self.0.asked_by_organisation_id.is_some()
                && viewer.organisation_id() == self.0.asked_by_organisation_id);
        Ok(self.0.external_ref.as_deref().filter(|_| own))
    }
    /// The coalition the question belongs to.
    async fn coalition(&self, ctx: &Context<'_>) -> Result<Coalition> {
        required::<coalition::Entity, _>(ctx, self.0.coalition_id, Coalition).await
    }
    /// The workgroup working on it, if any.
    async fn workgroup(&self, ctx: &Context<'_>) -> Result<Option<Workgroup>> {
        one::<workgroup::Entity, _>(ctx, self.0.workgroup_id, Workgroup).await
    }
    /// The organisation that asked it.
    async fn asked_by_organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        one::<organisation::Entity, _>(ctx, self.0.asked_by_organisation_id, Organisation).await
    }
    /// The person who asked it.
    async fn asked_by_person(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        one::<person::Entity, _>(ctx, self.0.asked_by_person_id, Person).await
    }
    /// Learning questions like this one, across every coalition you may see (never this one);
    /// answered questions with an outcome rank higher.
    #[graphql(complexity = "crate::graphql::cost::page(first, None, child_complexity)")]
    async fn similar_questions(&self, ctx: &Context<'_>, first: Option<i32>) -> Result<Vec<LearningQuestion>> {
        let text = format!("{}\n{}", self.0.title, self.0.context);
        crate::graphql::search::similar(ctx, &text, Some(self.0.id), first).await
    }
    /// Themes of the question.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn themes(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Theme>> {
        nested::<QuestionThemes, _>(
            ctx,
            self.0.id,
            PageInput {
                first,
                after,
                last,
                before,
            },
            Theme,
        )
        .await
    }
    /// Experiences, insights, tips, do's, don'ts and resources shared on the question, oldest
    /// first.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn contributions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Contribution>> {
        let input = PageInput {
            first,
            after,
            last,
            before,
        };
        // Their organisations come in the same statement when the query asks for them.
        if crate::graphql::connection::nodes_select(&ctx.look_ahead(), "organisation") {
            nested_along::<QuestionContributions, ContributionOrganisation, _>(ctx, self.0.id, input, Contribution)
                .await
        } else {
            nested::<QuestionContributions, _>(ctx, self.0.id, input, Contribution).await
        }
    }
    /// Meetings that discussed the question, in date order.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn meetings(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Meeting>> {
        nested::<QuestionMeetings, _>(
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
    /// Outcomes that answer the question.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn outcomes(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Outcome>> {
        nested::<QuestionOutcomes, _>(
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
