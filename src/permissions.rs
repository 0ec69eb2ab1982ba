//! Who may change what, in one place. Reads are filtered by `policy`; writes ask here first and
//! a refusal happens before anything is written.

use entity::{MembershipRole, coalition_membership};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::error::{AppError, AppResult};
use crate::viewer::{Role, TokenViewer, Viewer};

fn rank(role: Role) -> u8 {
    match role {
        Role::PlatformAdmin => 3,
        Role::OrgAdmin => 2,
        Role::Editor => 1,
        Role::Reader => 0,
    }
}

/// The token behind a write; anonymous callers are asked to authenticate.
pub fn token(viewer: &Viewer) -> AppResult<&TokenViewer> {
    match viewer {
        Viewer::Token(t) => Ok(t),
        Viewer::Anonymous => Err(AppError::Unauthenticated("Send a bearer token to change data".into())),
    }
}

fn forbidden(what: &str) -> AppError {
    AppError::Forbidden(format!("This token may not {what}"))
}

/// Platform admins only.
pub fn platform_admin(viewer: &Viewer, what: &str) -> AppResult<()> {
    if token(viewer)?.role == Role::PlatformAdmin {
        Ok(())
    } else {
        Err(forbidden(what))
    }
}

/// Admins of `organisation_id`, and platform admins.
pub fn organisation_admin(viewer: &Viewer, organisation_id: i32, what: &str) -> AppResult<()> {
    let t = token(viewer)?;
    let own = t.organisation_id == Some(organisation_id) && rank(t.role) >= rank(Role::OrgAdmin);
    if t.role == Role::PlatformAdmin || own {
        Ok(())
    } else {
        Err(forbidden(what))
    }
}

/// Editors (and admins) of an organisation that is a member of `coalition_id`, and platform admins.
pub fn coalition_editor(viewer: &Viewer, coalition_id: i32, what: &str) -> AppResult<()> {
    let t = token(viewer)?;
    let member = t.coalitions.contains(&coalition_id) && rank(t.role) >= rank(Role::Editor);
    if t.role == Role::PlatformAdmin || member {
        Ok(())
    } else {
        Err(forbidden(what))
    }
}

/// Editors (and admins) of `organisation_id` itself, and platform admins: for what an organisation
/// authored, such as its contributions.
pub fn organisation_editor(viewer: &Viewer, organisation_id: Option<i32>, what: &str) -> AppResult<()> {
    let t = token(viewer)?;
    let own = organisation_id.is_some() && t.organisation_id == organisation_id && rank(t.role) >= rank(Role::Editor);
    if t.role == Role::PlatformAdmin || own {
        Ok(())
    } else {
        Err(forbidden(what))
    }
}

/// Platform admins, and admins of an organisation that leads `coalition_id`.
pub async fn coalition_admin(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    coalition_id: i32,
    what: &str,
) -> AppResult<()> {
    let t = token(viewer)?;
    if t.role == Role::PlatformAdmin {
        return Ok(());
    }
    let Some(org) = t.organisation_id.filter(|_| t.role == Role::OrgAdmin) else {
        return Err(forbidden(what));
    };
    use coalition_membership::Column as C;
    let leads = coalition_membership::Entity::find()
        .filter(C::CoalitionId.eq(coalition_id))
        .filter(C::OrganisationId.eq(org))
        .filter(C::Role.eq(MembershipRole::Lead))
        .filter(C::LeftOn.is_null())
        .count(db)
        .await?;
    if leads > 0 { Ok(()) } else { Err(forbidden(what)) }
}

/// Editors (and admins) of any organisation, and platform admins: for the shared vocabulary of
/// themes, which belongs to no single coalition.
pub fn any_editor(viewer: &Viewer, what: &str) -> AppResult<()> {
    let t = token(viewer)?;
    if rank(t.role) >= rank(Role::Editor) {
        Ok(())
    } else {
        Err(forbidden(what))
    }
}

/// Admins of the organisation a person belongs to, and platform admins; a person without an
/// organisation (a resident) is for platform admins only.
pub fn person_admin(viewer: &Viewer, organisation_id: Option<i32>, what: &str) -> AppResult<()> {
    match organisation_id {
        Some(org) => organisation_admin(viewer, org, what),
        None => platform_admin(viewer, what),
    }
}
