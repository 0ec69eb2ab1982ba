//! `viewer` (who is asking) and `apiTokens` (the tokens an admin may see).

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::organisation;

use crate::auth::graphql::{ApiToken, TokenRole};
use crate::auth::listing::{self, TOKEN_NEWEST};
use crate::auth::store::global_id;
use crate::graphql::connection::{Conn, PageInput, loaders, root};
use crate::graphql::types::{Organisation, one};
use crate::viewer::TokenViewer;

/// The `Viewer` object; documented on its GraphQL impl below.
pub struct Viewer(TokenViewer);

/// The token making the request.
#[Object]
impl Viewer {
    /// The organisation the token belongs to; null for a platform token.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        one::<organisation::Entity, _>(ctx, self.0.organisation_id, Organisation).await
    }
    /// What the token may do.
    async fn role(&self) -> TokenRole {
        self.0.role.into()
    }
    /// ID of the token, as `apiTokens` lists it and `revokeApiToken` takes it.
    async fn token_id(&self) -> ID {
        ID(global_id(self.0.token_id))
    }
    /// The label the token was given.
    async fn token_label(&self) -> &str {
        &self.0.label
    }
    /// When the token stops working.
    async fn token_expires_at(&self) -> DateTime<Utc> {
        self.0.expires_at
    }
}

/// Who is asking, and their tokens.
#[derive(Default)]
pub struct ViewerQuery;

#[Object]
impl ViewerQuery {
    /// The token making the request; null without one.
    async fn viewer(&self, ctx: &Context<'_>) -> Result<Option<Viewer>> {
        Ok(loaders(ctx)?.viewer().token().cloned().map(Viewer))
    }

    /// API tokens, newest first: an ORG_ADMIN sees its organisation's, a PLATFORM_ADMIN all.
    /// Other roles get FORBIDDEN, no token UNAUTHENTICATED. Never shows the tokens themselves.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn api_tokens(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<ApiToken>> {
        let select = listing::tokens(loaders(ctx)?.viewer())?;
        let input = PageInput {
            first,
            after,
            last,
            before,
        };
        root(ctx, select, &TOKEN_NEWEST, input, ApiToken).await
    }
}
