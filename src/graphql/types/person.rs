//! `Person`: a participant.

use async_graphql::{Context, ID, Object, Result};
use entity::{organisation, person::Model};

use super::{Contribution, LearningQuestion, Organisation, WorkgroupMembership, one};
use crate::graphql::connection::{Conn, PageInput, loaders, nested};
use crate::graphql::enums::PersonRole;
use crate::graphql::ids::{NodeType, encode};
use crate::loaders::{PersonContributions, PersonMemberships, PersonQuestions};
use crate::policy;

/// The `Person` object; documented on its GraphQL impl below.
pub struct Person(pub Model);

/// A participant in learning: a resident, professional, civil servant, volunteer, expert by
/// experience, researcher or facilitator. Residents may have no organisation.
#[Object]
impl Person {
    /// Global ID.
    pub async fn id(&self) -> ID {
        encode(NodeType::Person, self.0.id)
    }
    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The role the person takes part in.
    async fn role(&self) -> PersonRole {
        self.0.role.into()
    }
    /// Increases with every change; send it back as `expectedVersion` to update safely.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When the person's data was erased (`erasePerson`): the name is a placeholder, the email
    /// and external reference are gone. Null for everyone else.
    async fn erased_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.erased_at
    }
    /// Your organisation's own key for this record (see the upsert mutations); null for
    /// everyone but that organisation and platform admins.
    async fn external_ref(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        let viewer = crate::graphql::connection::loaders(ctx)?.viewer();
        let own = viewer.is_platform_admin()
            || (self.0.organisation_id.is_some() && viewer.organisation_id() == self.0.organisation_id);
        Ok(self.0.external_ref.as_deref().filter(|_| own))
    }
    /// Email address; only for admins of the person's own organisation and platform admins,
    /// null for everyone else.
    async fn email(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        let viewer = loaders(ctx)?.viewer();
        Ok(if policy::shows_email(viewer, &self.0) {
            self.0.email.as_deref()
        } else {
            None
        })
    }
    /// The organisation the person works for, if any.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        one::<organisation::Entity, _>(ctx, self.0.organisation_id, Organisation).await
    }
    /// Workgroups the person takes part in.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn workgroup_memberships(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<WorkgroupMembership>> {
        let input = PageInput {
            first,
            after,
            last,
            before,
        };
        nested::<PersonMemberships, _>(ctx, self.0.id, input, WorkgroupMembership).await
    }
    /// Contributions by the person. Those shared without name appear only inside their
    /// coalition.
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
        nested::<PersonContributions, _>(ctx, self.0.id, input, Contribution).await
    }
    /// Learning questions the person asked, newest first.
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
        nested::<PersonQuestions, _>(ctx, self.0.id, input, LearningQuestion).await
    }
}
