//! `createApiToken` and `revokeApiToken`: organisation admins manage their own tokens, platform
//! admins everyone's.

use std::sync::Arc;

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};

use super::support::request;
use crate::auth::JwtKeys;
use crate::auth::graphql::{ApiToken, TokenRole};
use crate::auth::service::{self, TokenRequest};
use crate::auth::store::parse_id;
use crate::error::AppError;
use crate::graphql::ids::{NodeType, decode_as};
use crate::graphql::user_error::{UserError, outcome};

/// A new API token.
#[derive(InputObject)]
pub struct CreateApiTokenInput {
    /// What the token is for, e.g. "CRM sync"; 1 to 200 characters.
    label: String,
    /// What the token may do; at most the creating token's own role.
    role: TokenRole,
    /// Days until the token expires, 1 to 365.
    #[graphql(default = 90)]
    expires_in_days: i32,
    /// The organisation the token is for (an Organisation ID). An ORG_ADMIN may only name its
    /// own, which is also the default; a PLATFORM_ADMIN names any, or none for a platform token.
    organisation: Option<ID>,
}

/// The result of `createApiToken`.
#[derive(SimpleObject)]
pub struct CreateApiTokenPayload {
    /// The token, to send as `Authorization: Bearer <token>`. Shown this once and never again:
    /// store it now. Null when there are user errors.
    token: Option<String>,
    /// The new token's record; null when there are user errors.
    api_token: Option<ApiToken>,
    /// Problems with the input; when there are any, nothing was created.
    user_errors: Vec<UserError>,
}

/// Which token to revoke.
#[derive(InputObject)]
pub struct RevokeApiTokenInput {
    /// ID of the token (as `apiTokens` lists it).
    id: ID,
}

/// The result of `revokeApiToken`.
#[derive(SimpleObject)]
pub struct RevokeApiTokenPayload {
    /// The revoked token's record.
    api_token: Option<ApiToken>,
    /// Problems with the input.
    user_errors: Vec<UserError>,
}

/// Token mutations.
#[derive(Default)]
pub struct TokenMutation;

#[Object]
impl TokenMutation {
    /// Creates an API token. An ORG_ADMIN creates tokens for its own organisation up to its own
    /// role; a PLATFORM_ADMIN for any organisation, or platform tokens. Others get FORBIDDEN.
    async fn create_api_token(&self, ctx: &Context<'_>, input: CreateApiTokenInput) -> Result<CreateApiTokenPayload> {
        let req = TokenRequest {
            label: input.label,
            role: input.role.into(),
            expires_in_days: input.expires_in_days,
            organisation_id: input
                .organisation
                .map(|id| decode_as(&id, NodeType::Organisation))
                .transpose()?,
        };
        let keys = ctx.data::<Arc<JwtKeys>>()?;
        let (db, viewer) = request(ctx)?;
        let done = service::create(db, keys, viewer, req).await;
        let (created, user_errors) = outcome(done)?;
        let (token, api_token) = created.map(|(jwt, row)| (jwt, ApiToken(row))).unzip();
        Ok(CreateApiTokenPayload {
            token,
            api_token,
            user_errors,
        })
    }

    /// Revokes an API token: it stops working on the very next request. An ORG_ADMIN revokes
    /// its own organisation's tokens, a PLATFORM_ADMIN any. Revoking twice changes nothing.
    async fn revoke_api_token(&self, ctx: &Context<'_>, input: RevokeApiTokenInput) -> Result<RevokeApiTokenPayload> {
        let id = parse_id(&input.id).ok_or_else(|| AppError::bad_input("Malformed API token ID"))?;
        let (db, viewer) = request(ctx)?;
        let row = service::revoke(db, viewer, id).await?;
        Ok(RevokeApiTokenPayload {
            api_token: Some(ApiToken(row)),
            user_errors: Vec::new(),
        })
    }
}
