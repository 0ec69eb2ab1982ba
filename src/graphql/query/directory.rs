//! `organisations`, `organisation`, `coalitions`, `coalition`, `workgroups`, `themes`, `theme`.

use async_graphql::{Context, ID, InputObject, Object, Result};
use entity::{coalition, organisation, theme};

use super::db;
use crate::graphql::connection::{Conn, PageInput, loaders, root};
use crate::graphql::enums::{OrderDirection, OrganisationKind};
use crate::graphql::ids::{NodeType, decode_as};
use crate::graphql::types::{Coalition, Organisation, Theme, Workgroup};
use crate::paging::Sort;
use crate::services::{self, directory as svc};
use crate::sorts::*;

/// Which organisations to list; every field given must match.
#[derive(InputObject, Default)]
pub struct OrganisationFilter {
    /// Any of these kinds.
    kind: Option<Vec<OrganisationKind>>,
    /// Members of this coalition (a Coalition ID).
    coalition: Option<ID>,
}

/// What to sort organisations on.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq)]
pub enum OrganisationOrderField {
    /// Name.
    Name,
    /// When the record was created.
    CreatedAt,
}

/// The order of the organisation list.
#[derive(InputObject)]
pub struct OrganisationOrder {
    /// What to sort on.
    field: OrganisationOrderField,
    /// Which way.
    #[graphql(default)]
    direction: OrderDirection,
}

fn organisation_sort(o: Option<OrganisationOrder>) -> Sort<organisation::Entity> {
    use OrderDirection::*;
    use OrganisationOrderField::*;
    use organisation::Column as C;
    match o.map(|o| (o.field, o.direction)) {
        None | Some((Name, Asc)) => ORGANISATION_NAME,
        Some((Name, Desc)) => Sort::new("NAME_DESC", C::Name, true),
        Some((CreatedAt, Asc)) => Sort::new("CREATED_AT_ASC", C::CreatedAt, false),
        Some((CreatedAt, Desc)) => Sort::new("CREATED_AT_DESC", C::CreatedAt, true),
    }
}

/// Root fields of the directory.
#[derive(Default)]
pub struct DirectoryQuery;

#[Object]
impl DirectoryQuery {
    /// Partner organisations, by name unless `orderBy` says otherwise.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn organisations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which organisations to list.")] filter: Option<OrganisationFilter>,
        #[graphql(desc = "The order of the list.")] order_by: Option<OrganisationOrder>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Organisation>> {
        let f = filter.unwrap_or_default();
        let plain = svc::OrganisationFilter {
            kinds: f.kind.map(|k| k.into_iter().map(Into::into).collect()),
            coalition_id: f.coalition.map(|id| decode_as(&id, NodeType::Coalition)).transpose()?,
        };
        let select = svc::organisations(loaders(ctx)?.viewer(), &plain);
        let input = PageInput {
            first,
            after,
            last,
            before,
        };
        root(ctx, select, &organisation_sort(order_by), input, Organisation).await
    }

    /// The organisation with this slug; a NOT_FOUND error when there is none.
    async fn organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "e.g. `cordaan`")] slug: String,
    ) -> Result<Option<Organisation>> {
        let m = svc::organisation_by_slug(db(ctx)?, loaders(ctx)?.viewer(), &slug).await?;
        Ok(Some(Organisation(m)))
    }

    /// Coalitions, by name.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn coalitions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Coalition>> {
        let select = services::visible::<coalition::Entity>(loaders(ctx)?.viewer());
        root(
            ctx,
            select,
            &COALITION_NAME,
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

    /// The coalition with this slug; a NOT_FOUND error when there is none.
    async fn coalition(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "e.g. `cop-wooncirkels`")] slug: String,
    ) -> Result<Option<Coalition>> {
        let m = svc::coalition_by_slug(db(ctx)?, loaders(ctx)?.viewer(), &slug).await?;
        Ok(Some(Coalition(m)))
    }

    /// Workgroups, learning circles and studios, by name.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn workgroups(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only workgroups of this coalition (a Coalition ID).")] coalition: Option<ID>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Workgroup>> {
        let coalition_id = coalition.map(|id| decode_as(&id, NodeType::Coalition)).transpose()?;
        let select = svc::workgroups(loaders(ctx)?.viewer(), coalition_id);
        root(
            ctx,
            select,
            &WORKGROUP_NAME,
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

    /// Themes, by name.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn themes(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Theme>> {
        let select = services::visible::<theme::Entity>(loaders(ctx)?.viewer());
        root(
            ctx,
            select,
            &THEME_NAME,
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

    /// The theme with this slug; a NOT_FOUND error when there is none.
    async fn theme(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "e.g. `wooncirkels`")] slug: String,
    ) -> Result<Option<Theme>> {
        let m = svc::theme_by_slug(db(ctx)?, loaders(ctx)?.viewer(), &slug).await?;
        Ok(Some(Theme(m)))
    }
}
