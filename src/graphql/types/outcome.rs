//! `Outcome`: what a coalition published.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::{coalition, outcome::Model};

use super::{Coalition, LearningQuestion, required};
use crate::graphql::connection::{Conn, PageInput, nested};
use crate::graphql::enums::{OutcomeKind, Visibility};
use crate::graphql::ids::{NodeType, encode};
use crate::graphql::scalars::Date;
use crate::loaders::OutcomeQuestions;

/// The `Outcome` object; documented on its GraphQL impl below.
pub struct Outcome(pub Model);

/// What a coalition published: a bundle, report, guide, visual story, article or toolkit.
#[Object]
impl Outcome {
    /// Global ID.
    pub async fn id(&self) -> ID {
        encode(NodeType::Outcome, self.0.id)
    }
    /// What was published.
    async fn kind(&self) -> OutcomeKind {
        self.0.kind.into()
    }
    /// Title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// What it says, in short.
    async fn summary(&self) -> Option<&str> {
        self.0.summary.as_deref()
    }
    /// Where to read or download it.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }
    /// When it was published.
    async fn published_on(&self) -> Option<Date> {
        self.0.published_on.map(Date)
    }
    /// Who may see it.
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
    /// The coalition that published it.
    async fn coalition(&self, ctx: &Context<'_>) -> Result<Coalition> {
        required::<coalition::Entity, _>(ctx, self.0.coalition_id, Coalition).await
    }
    /// Learning questions it answers, newest first.
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
        nested::<OutcomeQuestions, _>(ctx, self.0.id, input, LearningQuestion).await
    }
}
