//! `learningQuestions` with its filter and order.

use async_graphql::{Context, ID, InputObject, Object, Result};
use chrono::{DateTime, Utc};
use entity::learning_question;

use crate::graphql::connection::{Conn, PageInput, loaders, root};
use crate::graphql::enums::{OrderDirection, QuestionStatus, Visibility};
use crate::graphql::ids::{NodeType, decode_as};
use crate::graphql::types::LearningQuestion;
use crate::paging::Sort;
use crate::services::questions::{QuestionFilter, questions};
use crate::sorts::QUESTION_NEWEST;

/// Which learning questions to list; every field given must match.
#[derive(InputObject, Default)]
pub struct LearningQuestionFilter {
    /// Any of these statuses.
    status: Option<Vec<QuestionStatus>>,
    /// Has this theme (a Theme ID).
    theme: Option<ID>,
    /// Belongs to this coalition (a Coalition ID).
    coalition: Option<ID>,
    /// Worked on by this workgroup (a Workgroup ID).
    workgroup: Option<ID>,
    /// Asked by this organisation (an Organisation ID).
    organisation: Option<ID>,
    /// Any of these visibilities.
    visibility: Option<Vec<Visibility>>,
    /// Asked at or after this moment.
    created_after: Option<DateTime<Utc>>,
    /// Asked before this moment.
    created_before: Option<DateTime<Utc>>,
}

impl LearningQuestionFilter {
    fn plain(self) -> Result<QuestionFilter> {
        let id = |v: Option<ID>, t| v.map(|id| decode_as(&id, t)).transpose();
        Ok(QuestionFilter {
            statuses: self.status.map(|v| v.into_iter().map(Into::into).collect()),
            theme_id: id(self.theme, NodeType::Theme)?,
            coalition_id: id(self.coalition, NodeType::Coalition)?,
            workgroup_id: id(self.workgroup, NodeType::Workgroup)?,
            organisation_id: id(self.organisation, NodeType::Organisation)?,
            visibilities: self.visibility.map(|v| v.into_iter().map(Into::into).collect()),
            created_after: self.created_after,
            created_before: self.created_before,
        })
    }
}

/// What to sort learning questions on.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq)]
pub enum LearningQuestionOrderField {
    /// When the question was asked.
    CreatedAt,
    /// When the question was last changed.
    UpdatedAt,
    /// The question's title.
    Title,
}

/// The order of the learning-question list.
#[derive(InputObject)]
pub struct LearningQuestionOrder {
    /// What to sort on.
    field: LearningQuestionOrderField,
    /// Which way.
    #[graphql(default)]
    direction: OrderDirection,
}

fn question_sort(o: Option<LearningQuestionOrder>) -> Sort<learning_question::Entity> {
    use LearningQuestionOrderField::*;
    use OrderDirection::*;
    use learning_question::Column as C;
    match o.map(|o| (o.field, o.direction)) {
        None | Some((CreatedAt, Desc)) => QUESTION_NEWEST,
        Some((CreatedAt, Asc)) => Sort::new("CREATED_AT_ASC", C::CreatedAt, false),
        Some((UpdatedAt, Asc)) => Sort::new("UPDATED_AT_ASC", C::UpdatedAt, false),
        Some((UpdatedAt, Desc)) => Sort::new("UPDATED_AT_DESC", C::UpdatedAt, true),
        Some((Title, Asc)) => Sort::new("TITLE_ASC", C::Title, false),
        Some((Title, Desc)) => Sort::new("TITLE_DESC", C::Title, true),
    }
}

/// Root field of learning questions.
#[derive(Default)]
pub struct QuestionQuery;

#[Object]
impl QuestionQuery {
    /// Learning questions, newest first unless `orderBy` says otherwise.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn learning_questions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which questions to list.")] filter: Option<LearningQuestionFilter>,
        #[graphql(desc = "The order of the list.")] order_by: Option<LearningQuestionOrder>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<LearningQuestion>> {
        let plain = filter.unwrap_or_default().plain()?;
        let select = questions(loaders(ctx)?.viewer(), &plain)?;
        let input = PageInput {
            first,
            after,
            last,
            before,
        };
        root(ctx, select, &question_sort(order_by), input, LearningQuestion).await
    }
}
