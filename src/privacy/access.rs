//! Who may export or erase a person's data: the admins of the person's own organisation and
//! platform admins (a resident without an organisation: platform admins only). A person of
//! another organisation is NOT_FOUND, exactly as a missing one, so an admin cannot learn who
//! exists elsewhere; an editor or reader is FORBIDDEN before anything is looked up.

use entity::person;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::Privacy;
use crate::error::{AppError, AppResult};
use crate::viewer::{Role, TokenViewer, Viewer};

/// The token behind a privacy request, if it may make one at all, with one request of its
/// budget spent.
pub fn requester<'v>(viewer: &'v Viewer, privacy: &Privacy) -> AppResult<&'v TokenViewer> {
    let Viewer::Token(t) = viewer else {
        return Err(AppError::Unauthenticated(
            "Send a bearer token to export or erase a person's data".into(),
        ));
    };
    if !matches!(t.role, Role::PlatformAdmin | Role::OrgAdmin) {
        return Err(AppError::Forbidden(
            "Only admins of the person's organisation and platform admins export or erase a person's data".into(),
        ));
    }
    privacy.limit.spend(t.token_id)?;
    Ok(t)
}

/// Person `id`, if `t` may ask for their data; else NOT_FOUND, as for a missing person.
pub async fn subject(conn: &impl ConnectionTrait, t: &TokenViewer, id: i32) -> AppResult<person::Model> {
    let missing = || AppError::not_found("No person with that ID");
    let mut find = person::Entity::find_by_id(id);
    if t.role != Role::PlatformAdmin {
        // An organisation's admin asks for the people of that organisation only.
        let org = t.organisation_id.ok_or_else(missing)?;
        find = find.filter(person::Column::OrganisationId.eq(org));
    }
    find.one(conn).await?.ok_or_else(missing)
}
