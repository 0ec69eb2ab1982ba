//! Tokens through the API: who may create, revoke and list which tokens, what a valid request
//! is, and the audit record of each change. Independent of GraphQL.

use chrono::{Duration, Utc};
use entity::{api_token, organisation};
use sea_orm::{DatabaseConnection, EntityTrait};

use super::keys::JwtKeys;
use super::store::{self, MAX_DAYS, NewToken};
use crate::changes::{Action, Scope};
use crate::codes::Code;
use crate::error::{AppError, AppResult};
use crate::ids::NodeType;
use crate::permissions;
use crate::services::write::path::{self, Change};
use crate::services::write::{Check, WriteError, WriteResult};
use crate::viewer::{Role, TokenViewer, Viewer};

/// Longest label, in characters.
pub const MAX_LABEL: usize = 200;

/// A request for a new token.
#[derive(Debug, Clone)]
pub struct TokenRequest {
    /// A name for people.
    pub label: String,
    /// What the token may do.
    pub role: Role,
    /// Days until it expires, 1 to 365.
    pub expires_in_days: i32,
    /// Its organisation; only a platform admin may name one other than its own.
    pub organisation_id: Option<i32>,
}

/// Creates a token for `viewer`; returns the JWT (shown once) and its row.
pub async fn create(
    db: &DatabaseConnection,
    keys: &JwtKeys,
    viewer: &Viewer,
    req: TokenRequest,
) -> WriteResult<(String, api_token::Model)> {
    let actor = permissions::token(viewer)?;
    let organisation_id = may_create(actor, &req)?;
    let label = validate(db, &req, organisation_id).await?;
    let new = NewToken {
        organisation_id,
        role: req.role,
        label,
        expires_at: Utc::now() + Duration::days(req.expires_in_days.into()),
        created_by_token_id: Some(actor.token_id),
    };
    path::run(db, viewer, "createApiToken", |w| {
        Box::pin(async move {
            let (jwt, row) = store::issue(w.db(), keys, new).await?;
            w.record(issued(&row));
            Ok((jwt, row))
        })
    })
    .await
}

/// The change of issuing token `row`: its organisation's admins may hear of it.
pub fn issued(row: &api_token::Model) -> Change {
    let scope = Scope::admin(row.organisation_id);
    Change::new(NodeType::ApiToken, row.id, Action::Created, scope).fields([
        "label",
        "role",
        "organisation",
        "expiresAt",
    ])
}

/// The change of revoking token `row`.
pub fn revoked(row: &api_token::Model) -> Change {
    Change::new(
        NodeType::ApiToken,
        row.id,
        Action::Revoked,
        Scope::admin(row.organisation_id),
    )
    .fields(["revokedAt"])
}

fn forbidden(msg: &str) -> AppError {
    AppError::Forbidden(msg.into())
}

/// The organisation the new token will belong to, if the actor may create it at all.
fn may_create(actor: &TokenViewer, req: &TokenRequest) -> AppResult<Option<i32>> {
    match actor.role {
        Role::PlatformAdmin => Ok(req.organisation_id),
        Role::OrgAdmin if req.organisation_id.is_some_and(|o| Some(o) != actor.organisation_id) => Err(forbidden(
            "An ORG_ADMIN token creates tokens for its own organisation only",
        )),
        Role::OrgAdmin if !actor.role.covers(req.role) => Err(forbidden(
            "An ORG_ADMIN token creates tokens of role ORG_ADMIN or lower only",
        )),
        Role::OrgAdmin => Ok(actor.organisation_id),
        Role::Editor | Role::Reader => Err(forbidden("Only ORG_ADMIN and PLATFORM_ADMIN tokens may create tokens")),
    }
}

/// Every problem with the request at once; the trimmed label when there are none.
async fn validate(db: &DatabaseConnection, req: &TokenRequest, organisation_id: Option<i32>) -> WriteResult<String> {
    let mut check = Check::new();
    let label = check.text("label", &req.label, MAX_LABEL);
    if !(1..=MAX_DAYS).contains(&i64::from(req.expires_in_days)) {
        let msg = format!("`expiresInDays` must lie between 1 and {MAX_DAYS}");
        check.fail("expiresInDays", Code::OutOfRange, msg);
    }
    match (req.role, organisation_id) {
        (Role::PlatformAdmin, Some(_)) => check.fail(
            "organisation",
            Code::Invalid,
            "A PLATFORM_ADMIN token belongs to no organisation",
        ),
        (Role::PlatformAdmin, None) => {}
        (_, None) => check.fail("organisation", Code::Required, "Name the organisation the token is for"),
        (_, Some(id)) => match organisation::Entity::find_by_id(id).one(db).await? {
            None => check.fail("organisation", Code::NotFound, "No such organisation"),
            // Its tokens are refused while it is archived: a new one would not work either.
            Some(o) if o.archived_at.is_some() => check.fail(
                "organisation",
                Code::Archived,
                "The organisation is archived: restore it before creating tokens for it",
            ),
            Some(_) => {}
        },
    }
    check.finish()?;
    Ok(label)
}

/// Revokes token `id` for `viewer`: an ORG_ADMIN its own organisation's, a PLATFORM_ADMIN any.
/// Revoking a revoked token changes nothing.
pub async fn revoke(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> AppResult<api_token::Model> {
    let actor = permissions::token(viewer)?;
    if !matches!(actor.role, Role::PlatformAdmin | Role::OrgAdmin) {
        return Err(forbidden("Only ORG_ADMIN and PLATFORM_ADMIN tokens may revoke tokens"));
    }
    let done = path::run(db, viewer, "revokeApiToken", |w| {
        Box::pin(async move {
            let token = store::find(w.db(), id)
                .await?
                .ok_or_else(|| AppError::not_found("No API token with this ID"))?;
            if actor.role == Role::OrgAdmin && token.organisation_id != actor.organisation_id {
                return Err(forbidden("An ORG_ADMIN token revokes its own organisation's tokens only").into());
            }
            if store::revoke(w.db(), id).await? {
                w.record(revoked(&token));
            }
            Ok(store::find(w.db(), id).await?.unwrap_or(token))
        })
    })
    .await;
    done.map_err(WriteError::into_app)
}
