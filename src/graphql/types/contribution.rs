//! `Contribution`: an answer to a learning question.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::{contribution::Model, learning_question, organisation, person};

use super::{LearningQuestion, Organisation, Person, one, required};
use crate::graphql::connection::loaders;
use crate::graphql::enums::{Attribution, ContributionKind, Visibility};
use crate::graphql::ids::{NodeType, encode};
use crate::policy;

/// The `Contribution` object; documented on its GraphQL impl below.
pub struct Contribution(pub Model);

/// An experience, insight, tip, do, don't or resource shared on a learning question.
#[Object]
impl Contribution {
    /// Global ID.
    pub async fn id(&self) -> ID {
        encode(NodeType::Contribution, self.0.id)
    }
    /// What the contribution offers.
    async fn kind(&self) -> ContributionKind {
        self.0.kind.into()
    }
    /// The text.
    async fn body(&self) -> &str {
        &self.0.body
    }
    /// How the contribution is attributed outside its coalition.
    async fn attribution(&self) -> Attribution {
        self.0.attribution.into()
    }
    /// Who may see the contribution.
    async fn visibility(&self) -> Visibility {
        self.0.visibility.into()
    }
    /// When it was shared.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When it was last changed.
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
    /// The question it answers.
    async fn question(&self, ctx: &Context<'_>) -> Result<LearningQuestion> {
        required::<learning_question::Entity, _>(ctx, self.0.question_id, LearningQuestion).await
    }
    /// The person who shared it; null outside the coalition unless attribution is NAMED.
    async fn author(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        let shown = policy::shows_author(loaders(ctx)?.viewer(), &self.0);
        one::<person::Entity, _>(ctx, self.0.author_person_id.filter(|_| shown), Person).await
    }
    /// The organisation it was shared for; null outside the coalition when attribution is
    /// ANONYMOUS.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        let shown = policy::shows_organisation(loaders(ctx)?.viewer(), &self.0);
        one::<organisation::Entity, _>(ctx, self.0.organisation_id.filter(|_| shown), Organisation).await
    }
}
