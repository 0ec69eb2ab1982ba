//! GraphQL views of tokens, shared by `apiTokens` and the token mutations: `Role`, `ApiToken`
//! and its connection. The JWT itself is never part of them.

use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{api_token, organisation};
use sea_orm::{DatabaseConnection, PaginatorTrait, Select};

use super::listing::TOKEN_NEWEST;
use super::store::global_id;
use crate::error::AppError;
use crate::graphql::connection::PageInput;
use crate::graphql::types::{Organisation, one};
use crate::paging::fetch_page;

/// What a token may do, from most to least powerful.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "Role", remote = "crate::viewer::Role")]
pub enum TokenRole {
    /// Everything, on every organisation.
    PlatformAdmin,
    /// Its own organisation: profile, people, and tokens of equal or lower role.
    OrgAdmin,
    /// Writes questions, contributions and meetings in its organisation's coalitions.
    Editor,
    /// Reads only, e.g. an integration that syncs data out.
    Reader,
}

/// The `ApiToken` object; documented on its GraphQL impl below.
pub struct ApiToken(pub api_token::Model);

/// An API token of an organisation or of the platform. The token itself is shown once, when it
/// is created, and never again.
#[Object]
impl ApiToken {
    /// ID of the token, as `revokeApiToken` takes it; also the `sub` claim of the token.
    async fn id(&self) -> ID {
        ID(global_id(self.0.id))
    }
    /// What the token is for, e.g. "CRM sync".
    async fn label(&self) -> &str {
        &self.0.label
    }
    /// What the token may do.
    async fn role(&self) -> Result<TokenRole> {
        let role = crate::viewer::Role::parse(&self.0.role);
        let unknown = || {
            AppError::from(anyhow::anyhow!(
                "token {} has unknown role {:?}",
                self.0.id,
                self.0.role
            ))
        };
        Ok(role.ok_or_else(unknown)?.into())
    }
    /// The organisation the token belongs to; null for a platform token.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        one::<organisation::Entity, _>(ctx, self.0.organisation_id, Organisation).await
    }
    /// When the token was issued.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When the token stops working.
    async fn expires_at(&self) -> DateTime<Utc> {
        self.0.expires_at
    }
    /// When the token was revoked; null while it is not.
    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.revoked_at
    }
    /// When the token was last used, to the minute; null when never.
    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_used_at
    }
}

/// One token of a list with its cursor.
#[derive(SimpleObject)]
pub struct ApiTokenEdge {
    /// Opaque position of this token; pass it as `after` or `before`.
    cursor: String,
    /// The token.
    node: ApiToken,
}

/// Where a page of tokens sits in the list.
#[derive(SimpleObject)]
pub struct ApiTokenPageInfo {
    /// Tokens follow this page: pass `endCursor` as `after` to read them.
    has_next_page: bool,
    /// Tokens precede this page: pass `startCursor` as `before` to read them.
    has_previous_page: bool,
    /// Cursor of the first token on the page.
    start_cursor: Option<String>,
    /// Cursor of the last token on the page.
    end_cursor: Option<String>,
}

/// A page of tokens, newest first, read by keyset cursors.
pub struct ApiTokenConnection {
    edges: Vec<ApiTokenEdge>,
    page_info: ApiTokenPageInfo,
    select: Select<api_token::Entity>,
}

/// A page of API tokens, newest first.
#[Object]
impl ApiTokenConnection {
    /// The tokens of the page with their cursors.
    async fn edges(&self) -> &[ApiTokenEdge] {
        &self.edges
    }
    /// The tokens of the page, without cursors.
    async fn nodes(&self) -> Vec<&ApiToken> {
        self.edges.iter().map(|e| &e.node).collect()
    }
    /// Where this page sits in the list.
    async fn page_info(&self) -> &ApiTokenPageInfo {
        &self.page_info
    }
    /// How many tokens the whole list has, across all pages.
    async fn total_count(&self, ctx: &Context<'_>) -> Result<u64> {
        let db = ctx.data::<DatabaseConnection>()?;
        Ok(self
            .select
            .clone()
            .count(db)
            .await
            .map_err(crate::error::AppError::from)?)
    }
}

/// A page of the tokens `select` holds.
pub async fn connection(
    db: &DatabaseConnection,
    select: Select<api_token::Entity>,
    input: PageInput,
) -> Result<ApiTokenConnection> {
    let args = input.args(&TOKEN_NEWEST)?;
    let page = fetch_page(db, select.clone(), &TOKEN_NEWEST, &args).await?;
    let edges: Vec<ApiTokenEdge> = page
        .items
        .into_iter()
        .map(|m| ApiTokenEdge {
            cursor: TOKEN_NEWEST.cursor(&m).encode(),
            node: ApiToken(m),
        })
        .collect();
    let page_info = ApiTokenPageInfo {
        has_next_page: page.has_next,
        has_previous_page: page.has_previous,
        start_cursor: edges.first().map(|e| e.cursor.clone()),
        end_cursor: edges.last().map(|e| e.cursor.clone()),
    };
    Ok(ApiTokenConnection {
        edges,
        page_info,
        select,
    })
}
