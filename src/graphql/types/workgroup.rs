//! `Workgroup` and `WorkgroupMembership`.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::{coalition, person, workgroup, workgroup_membership};

use super::{Coalition, LearningQuestion, Meeting, Person, Theme, required};
use crate::graphql::connection::{Conn, PageInput, nested};
use crate::graphql::enums::{Visibility, WorkgroupKind, WorkgroupRole};
use crate::graphql::ids::{NodeType, encode};
use crate::graphql::scalars::Date;
use crate::loaders::{WorkgroupMeetings, WorkgroupMembers, WorkgroupQuestions, WorkgroupThemes};

/// The `Workgroup` object; documented on its GraphQL impl below.
pub struct Workgroup(pub workgroup::Model);

/// A workgroup, learning circle or learning studio inside a coalition.
#[Object]
impl Workgroup {
    /// Global ID.
    pub async fn id(&self) -> ID {
        encode(NodeType::Workgroup, self.0.id)
    }
    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The form of the workgroup.
    async fn kind(&self) -> WorkgroupKind {
        self.0.kind.into()
    }
    /// The way of working, e.g. transformatieleren.
    async fn method(&self) -> Option<&str> {
        self.0.method.as_deref()
    }
    /// What the workgroup works on.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// First day.
    async fn starts_on(&self) -> Option<Date> {
        self.0.starts_on.map(Date)
    }
    /// Last day.
    async fn ends_on(&self) -> Option<Date> {
        self.0.ends_on.map(Date)
    }
    /// Who may see the workgroup and what happens in it.
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
    /// When it was archived; archived records stay readable.
    async fn archived_at(&self) -> Option<DateTime<Utc>> {
        self.0.archived_at
    }
    /// The coalition the workgroup belongs to.
    async fn coalition(&self, ctx: &Context<'_>) -> Result<Coalition> {
        required::<coalition::Entity, _>(ctx, self.0.coalition_id, Coalition).await
    }
    /// Themes of the workgroup.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn themes(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Theme>> {
        nested::<WorkgroupThemes, _>(
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
    /// People taking part, with their roles.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn members(
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
        nested::<WorkgroupMembers, _>(ctx, self.0.id, input, WorkgroupMembership).await
    }
    /// Learning questions the workgroup works on, newest first.
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
        nested::<WorkgroupQuestions, _>(ctx, self.0.id, input, LearningQuestion).await
    }
    /// Meetings of the workgroup, in date order.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn meetings(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Meeting>> {
        nested::<WorkgroupMeetings, _>(
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

/// The `WorkgroupMembership` object; documented on its GraphQL impl below.
pub struct WorkgroupMembership(pub workgroup_membership::Model);

/// A person taking part in a workgroup.
#[Object]
impl WorkgroupMembership {
    /// Global ID.
    pub async fn id(&self) -> ID {
        encode(NodeType::WorkgroupMembership, self.0.id)
    }
    /// The part the person plays.
    async fn role(&self) -> WorkgroupRole {
        self.0.role.into()
    }
    /// The person.
    async fn person(&self, ctx: &Context<'_>) -> Result<Person> {
        required::<person::Entity, _>(ctx, self.0.person_id, Person).await
    }
    /// The workgroup.
    async fn workgroup(&self, ctx: &Context<'_>) -> Result<Workgroup> {
        required::<workgroup::Entity, _>(ctx, self.0.workgroup_id, Workgroup).await
    }
}
