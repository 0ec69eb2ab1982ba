//! `Organisation`: a partner.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::organisation::Model;

use super::{Coalition, CoalitionMembership, Contribution, LearningQuestion, Person};
use crate::graphql::connection::{Conn, PageInput, nested};
use crate::graphql::enums::OrganisationKind;
use crate::graphql::ids::{NodeType, encode};
use crate::loaders::{
    OrganisationCoalitions, OrganisationContributions, OrganisationMemberships, OrganisationPeople,
    OrganisationQuestions,
};

/// The `Organisation` object; documented on its GraphQL impl below.
pub struct Organisation(pub Model);

/// A partner organisation: a care provider, municipality, knowledge institute, housing
/// corporation, funder, welfare organisation or resident initiative.
#[Object]
impl Organisation {
    /// Global ID.
    pub async fn id(&self) -> ID {
        encode(NodeType::Organisation, self.0.id)
    }
    /// Stable, human-readable key, e.g. `cordaan`.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What kind of partner this is.
    async fn kind(&self) -> OrganisationKind {
        self.0.kind.into()
    }
    /// City of the main office.
    async fn city(&self) -> Option<&str> {
        self.0.city.as_deref()
    }
    /// Website.
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }
    /// What the organisation does.
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
    /// Coalitions the organisation takes part in, by name.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn coalitions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Coalition>> {
        nested::<OrganisationCoalitions, _>(
            ctx,
            self.0.id,
            PageInput {
                first,
                after,
                last,
                before,
            },
            Coalition,
        )
        .await
    }
    /// Memberships of coalitions, with the organisation's role in each.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn memberships(
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
        nested::<OrganisationMemberships, _>(ctx, self.0.id, input, CoalitionMembership).await
    }
    /// People who work for or on behalf of the organisation.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn people(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Person>> {
        nested::<OrganisationPeople, _>(
            ctx,
            self.0.id,
            PageInput {
                first,
                after,
                last,
                before,
            },
            Person,
        )
        .await
    }
    /// Learning questions the organisation asked, newest first.
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
        nested::<OrganisationQuestions, _>(ctx, self.0.id, input, LearningQuestion).await
    }
    /// Contributions made on behalf of the organisation. Anonymous ones appear only inside
    /// their coalition.
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
        nested::<OrganisationContributions, _>(ctx, self.0.id, input, Contribution).await
    }
}
