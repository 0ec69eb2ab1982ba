//! Relay connections: pages of nodes with cursors, `pageInfo` and a lazily counted `totalCount`.

use std::sync::Arc;

use async_graphql::{Context, Object, OutputType, Result};
use futures_util::FutureExt;
use futures_util::future::{BoxFuture, Shared};
use sea_orm::{EntityTrait, PaginatorTrait, Select};

use super::spare::{self, Spare};
use super::types::*;
use super::webhooks::{Webhook, WebhookDelivery};
use crate::auth::JwtKeys;
use crate::auth::graphql::ApiToken;
use crate::error::AppResult;
use crate::loaders::{Along, Loaders, NoAlong, ToMany};
use crate::paging::{Cursor, CursorKey, Keyed, Page, PageArgs, Scope, Sort, fetch_page};

/// The `PageInfo` object; documented on its GraphQL impl below. Cursors are sealed only when
/// asked for.
pub struct PageInfo {
    has_next_page: bool,
    has_previous_page: bool,
    scope: Scope,
    start_cursor: Option<Cursor>,
    end_cursor: Option<Cursor>,
}

impl PageInfo {
    /// The page info of a forward page of the list `scope` from `start` to `end`.
    pub fn forward(scope: Scope, has_next_page: bool, start: Option<Cursor>, end: Option<Cursor>) -> Self {
        PageInfo {
            has_next_page,
            has_previous_page: false,
            scope,
            start_cursor: start,
            end_cursor: end,
        }
    }
}

/// Where a page sits in its list.
#[Object]
impl PageInfo {
    /// Rows follow this page: pass `endCursor` as `after` to read them.
    async fn has_next_page(&self) -> bool {
        self.has_next_page
    }
    /// Rows precede this page: pass `startCursor` as `before` to read them.
    async fn has_previous_page(&self) -> bool {
        self.has_previous_page
    }
    /// Cursor of the first row on the page.
    async fn start_cursor(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        let key = cursor_key(ctx)?;
        Ok(self.start_cursor.as_ref().map(|c| key.seal(&self.scope, c)))
    }
    /// Cursor of the last row on the page.
    async fn end_cursor(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        let key = cursor_key(ctx)?;
        Ok(self.end_cursor.as_ref().map(|c| key.seal(&self.scope, c)))
    }
}

/// A row of a list with its cursor, sealed only when asked for.
pub struct Edge<N> {
    scope: Scope,
    cursor: Cursor,
    node: N,
}

/// One row of a list with its cursor.
#[Object(
    concrete(name = "OrganisationEdge", params(Organisation)),
    concrete(name = "CoalitionEdge", params(Coalition)),
    concrete(name = "CoalitionMembershipEdge", params(CoalitionMembership)),
    concrete(name = "WorkgroupEdge", params(Workgroup)),
    concrete(name = "WorkgroupMembershipEdge", params(WorkgroupMembership)),
    concrete(name = "PersonEdge", params(Person)),
    concrete(name = "ThemeEdge", params(Theme)),
    concrete(name = "LearningQuestionEdge", params(LearningQuestion)),
    concrete(name = "ContributionEdge", params(Contribution)),
    concrete(name = "LearningTrackEdge", params(LearningTrack)),
    concrete(name = "MeetingEdge", params(Meeting)),
    concrete(name = "OutcomeEdge", params(Outcome)),
    concrete(name = "AuditEventEdge", params(AuditEvent)),
    concrete(name = "ApiTokenEdge", params(ApiToken)),
    concrete(name = "WebhookEdge", params(Webhook)),
    concrete(name = "WebhookDeliveryEdge", params(WebhookDelivery))
)]
impl<N: OutputType> Edge<N> {
    /// Opaque position of this row; pass it as `after` or `before`.
    async fn cursor(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(cursor_key(ctx)?.seal(&self.scope, &self.cursor))
    }
    /// The row.
    async fn node(&self) -> &N {
        &self.node
    }
}

/// A page of a list (Relay connection), read by keyset cursors.
pub struct Conn<N> {
    edges: Vec<Edge<N>>,
    page_info: PageInfo,
    total: Shared<BoxFuture<'static, AppResult<u64>>>,
}

/// A page of a list, with cursors to read on and the size of the whole list.
#[Object(
    concrete(name = "OrganisationConnection", params(Organisation)),
    concrete(name = "CoalitionConnection", params(Coalition)),
    concrete(name = "CoalitionMembershipConnection", params(CoalitionMembership)),
    concrete(name = "WorkgroupConnection", params(Workgroup)),
    concrete(name = "WorkgroupMembershipConnection", params(WorkgroupMembership)),
    concrete(name = "PersonConnection", params(Person)),
    concrete(name = "ThemeConnection", params(Theme)),
    concrete(name = "LearningQuestionConnection", params(LearningQuestion)),
    concrete(name = "ContributionConnection", params(Contribution)),
    concrete(name = "LearningTrackConnection", params(LearningTrack)),
    concrete(name = "MeetingConnection", params(Meeting)),
    concrete(name = "OutcomeConnection", params(Outcome)),
    concrete(name = "AuditEventConnection", params(AuditEvent)),
    concrete(name = "ApiTokenConnection", params(ApiToken)),
    concrete(name = "WebhookConnection", params(Webhook)),
    concrete(name = "WebhookDeliveryConnection", params(WebhookDelivery))
)]
impl<N: OutputType> Conn<N>
where
    Edge<N>: OutputType,
{
    /// The rows of the page with their cursors.
    async fn edges(&self) -> &[Edge<N>] {
        &self.edges
    }
    /// The rows of the page, without cursors.
    async fn nodes(&self) -> Vec<&N> {
        self.edges.iter().map(|e| &e.node).collect()
    }
    /// Where this page sits in the list.
    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }
    /// How many rows the whole list has for this viewer, across all pages; counted only when
    /// asked for.
    async fn total_count(&self) -> Result<u64> {
        Ok(self.total.clone().await?)
    }
}

/// The four Relay arguments of a connection field.
pub struct PageInput {
    /// Rows from the start (or after `after`).
    pub first: Option<i32>,
    /// Start after this cursor.
    pub after: Option<String>,
    /// Rows from the end (or before `before`).
    pub last: Option<i32>,
    /// End before this cursor.
    pub before: Option<String>,
}

impl PageInput {
    /// Validated arguments for the list `scope`, whose cursors `key` seals.
    pub fn args(self, key: &CursorKey, scope: &Scope) -> AppResult<PageArgs> {
        PageArgs::new(self.first, self.after, self.last, self.before, (key, scope))
    }
}

/// Whether the nodes of the connection that `connection` looks ahead into select `field`,
/// through `nodes` or through `edges { node }`.
pub fn nodes_select(connection: &async_graphql::Lookahead<'_>, field: &str) -> bool {
    connection.field("nodes").field(field).exists() || connection.field("edges").field("node").field(field).exists()
}

/// The per-request loaders.
pub fn loaders<'a>(ctx: &Context<'a>) -> Result<&'a Arc<Loaders>> {
    ctx.data::<Arc<Loaders>>()
}

/// The key of this server's cursors, which comes with the request's token keys.
pub fn cursor_key<'a>(ctx: &Context<'a>) -> Result<&'a CursorKey> {
    Ok(ctx.data::<Arc<JwtKeys>>()?.cursors())
}

fn build<E: Keyed, N: OutputType>(
    page: Page<E::Model>,
    sort: &Sort<E>,
    scope: Scope,
    wrap: impl Fn(E::Model) -> N,
    count: BoxFuture<'static, AppResult<u64>>,
) -> Conn<N> {
    let edges: Vec<Edge<N>> = page
        .items
        .into_iter()
        .map(|m| Edge {
            scope,
            cursor: sort.cursor(&m),
            node: wrap(m),
        })
        .collect();
    let page_info = PageInfo {
        has_next_page: page.has_next,
        has_previous_page: page.has_previous,
        scope,
        start_cursor: edges.first().map(|e| e.cursor.clone()),
        end_cursor: edges.last().map(|e| e.cursor.clone()),
    };
    Conn {
        edges,
        page_info,
        total: count.shared(),
    }
}

/// A root list: `select` holds visibility and filters.
pub async fn root<E: Keyed, N: OutputType>(
    ctx: &Context<'_>,
    select: Select<E>,
    sort: &Sort<E>,
    input: PageInput,
    wrap: impl Fn(E::Model) -> N,
) -> Result<Conn<N>>
where
    E::Model: Sync,
{
    let scope = sort.scope();
    let args = input.args(cursor_key(ctx)?, &scope)?;
    let db = loaders(ctx)?.reads();
    let page = fetch_page(db, select.clone(), sort, &args).await?;
    let db = db.clone();
    let count = async move { Ok(select.count(&db).await?) }.boxed();
    Ok(build(page, sort, scope, wrap, count))
}

/// A nested list of the children of `parent` through relation `R`.
pub async fn nested<R: ToMany<Child: Spare>, N: OutputType>(
    ctx: &Context<'_>,
    parent: i32,
    input: PageInput,
    wrap: impl Fn(<R::Child as EntityTrait>::Model) -> N,
) -> Result<Conn<N>>
where
    <R::Child as EntityTrait>::Model: Sync,
{
    nested_along::<R, NoAlong, N>(ctx, parent, input, wrap).await
}

/// A nested list of the children of `parent` through relation `R`, each child's row named by
/// `A` read in the same statement, and the long texts no field of the request shows left
/// unread (see `graphql::spare`).
pub async fn nested_along<R: ToMany<Child: Spare>, A: Along, N: OutputType>(
    ctx: &Context<'_>,
    parent: i32,
    input: PageInput,
    wrap: impl Fn(<R::Child as EntityTrait>::Model) -> N,
) -> Result<Conn<N>>
where
    <R::Child as EntityTrait>::Model: Sync,
{
    let sort = R::sort();
    let scope = sort.scope().under(R::PARENT);
    let args = input.args(cursor_key(ctx)?, &scope)?;
    let unread = spare::unread::<R::Child>(&ctx.look_ahead()).without::<R::Child>(sort.column);
    let loaders = loaders(ctx)?.clone();
    let page = loaders.page::<R, A>(parent, args, unread).await?;
    let count = async move { loaders.count::<R>(parent).await }.boxed();
    Ok(build(page, &sort, scope, wrap, count))
}
