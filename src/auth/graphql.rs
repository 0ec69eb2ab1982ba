//! GraphQL views of tokens, shared by `apiTokens` and the token mutations: `Role` and
//! `ApiToken` (listed through the shared `Conn`). The JWT itself is never part of them.

use async_graphql::{Context, Enum, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::{api_token, organisation};

use super::store::global_id;
use crate::error::AppError;
use crate::graphql::types::{Organisation, one};

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
