//! `Theme`: a tag shared across coalitions.

use async_graphql::{Context, ID, Object, Result};
use entity::theme::Model;

use super::{LearningQuestion, Workgroup};
use crate::graphql::connection::{Conn, PageInput, nested};
use crate::graphql::ids::{NodeType, encode};
use crate::loaders::{ThemeQuestions, ThemeWorkgroups};

/// The `Theme` object; documented on its GraphQL impl below.
pub struct Theme(pub Model);

/// A theme shared across coalitions, such as wooncirkels or positieve gezondheid.
#[Object]
impl Theme {
    /// Global ID.
    pub async fn id(&self) -> ID {
        encode(NodeType::Theme, self.0.id)
    }
    /// Stable, human-readable key.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What the theme covers.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// Increases with every change; send it back as `expectedVersion` to update safely.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Learning questions with this theme, newest first.
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
        nested::<ThemeQuestions, _>(ctx, self.0.id, input, LearningQuestion).await
    }
    /// Workgroups with this theme.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn workgroups(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Workgroup>> {
        nested::<ThemeWorkgroups, _>(
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
}
