//! Exports through the API: a coalition's lead admins (and platform admins) ask for a link,
//! which is audited; following it re-checks the token and the right, then sends the file.

use chrono::Utc;
use entity::coalition;
use sea_orm::{DatabaseConnection, EntityTrait};

use super::link::{Grant, LinkKey, PATH, VALID_SECONDS};
use crate::changes::{Action, Scope};
use crate::error::{AppError, AppResult};
use crate::ids::NodeType;
use crate::permissions;
use crate::services::write::WriteError;
use crate::services::write::path::{self, Change};
use crate::viewer::Viewer;

/// A download link and when it stops working.
#[derive(Debug, Clone)]
pub struct Link {
    /// The path of the download on this server, e.g. `/exports/coalition/…`.
    pub url: String,
    /// When it stops working.
    pub expires_at: chrono::DateTime<Utc>,
}

const WHAT: &str = "export this coalition (its lead organisation's ORG_ADMIN or a PLATFORM_ADMIN may)";

/// A link to the archive of coalition `id` for the viewer's token; the request is audited.
pub async fn request(db: &DatabaseConnection, key: &LinkKey, viewer: &Viewer, id: i32) -> AppResult<Link> {
    let token = permissions::token(viewer)?;
    may_export(db, viewer, id).await?;
    let grant = Grant {
        coalition_id: id,
        token_id: token.token_id,
        expires: Utc::now().timestamp() + VALID_SECONDS,
    };
    let done = path::run(db, viewer, "requestCoalitionExport", |w| {
        Box::pin(async move {
            // An export changes no record: the audit log tells who took the coalition's
            // knowledge away, the change log stays silent (the action is not stored).
            let scope = Scope::PUBLIC.in_coalition(id);
            w.record(Change::new(NodeType::Coalition, id, Action::Updated, scope).audit_only());
            Ok(())
        })
    })
    .await;
    done.map_err(WriteError::into_app)?;
    Ok(Link {
        url: format!("{PATH}{}", key.seal(&grant)),
        expires_at: grant.expires_at(),
    })
}

/// The archive behind a link's sealed part, for the token that asked for it; its right is
/// checked again. Returns the coalition's slug and the file.
pub async fn download(
    db: &DatabaseConnection,
    key: &LinkKey,
    viewer: &Viewer,
    sealed: &str,
) -> AppResult<(String, Vec<u8>)> {
    let Some(grant) = key.open(sealed) else {
        return Err(AppError::not_found(
            "No such export link: ask for one with `requestCoalitionExport`",
        ));
    };
    if grant.expires <= Utc::now().timestamp() {
        return Err(AppError::not_found(
            "This export link has expired: ask for a new one with `requestCoalitionExport`",
        ));
    }
    let token = permissions::token(viewer)?;
    if token.token_id != grant.token_id {
        return Err(AppError::Forbidden(
            "This export link belongs to another token: send the token that asked for it".into(),
        ));
    }
    may_export(db, viewer, grant.coalition_id).await?;
    super::export::export(db, grant.coalition_id).await
}

/// NOT_FOUND for a coalition that does not exist, FORBIDDEN for a viewer who may not export it.
async fn may_export(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> AppResult<()> {
    if coalition::Entity::find_by_id(id).one(db).await?.is_none() {
        return Err(AppError::not_found("No coalition with this ID"));
    }
    permissions::coalition_admin(db, viewer, id, WHAT).await
}
