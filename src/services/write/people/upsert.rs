//! Syncing people by external reference: integration scripts send the people of their own
//! system, and a repeat of the same input changes nothing and records nothing.

use entity::person;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::{PersonFields, insert, target_organisation, update};
use crate::services::write::{Check, WriteResult};
use crate::viewer::Viewer;

/// Creates or updates the person the organisation knows as `external_ref`; a repeat of the same
/// input changes nothing and records nothing. Returns the person and whether it was created.
pub async fn upsert(
    db: &DatabaseConnection,
    viewer: &Viewer,
    named: Option<i32>,
    external_ref: &str,
    f: PersonFields,
) -> WriteResult<(person::Model, bool)> {
    let org = target_organisation(viewer, named)?;
    let mut c = Check::new();
    let external_ref = c.text("externalRef", external_ref, 200);
    c.finish()?;
    let Some(p) = by_external_ref(db, org, &external_ref).await? else {
        return Ok((insert(db, viewer, org, f, Some(external_ref)).await?, true));
    };
    let f = PersonFields {
        name: f.name.filter(|v| v.trim() != p.name),
        email: f
            .email
            .filter(|v| v.as_deref().map(str::trim).filter(|v| !v.is_empty()) != p.email.as_deref()),
        role: f.role.filter(|v| *v != p.role),
    };
    if f.name.is_none() && f.email.is_none() && f.role.is_none() {
        return Ok((p, false));
    }
    Ok((update(db, viewer, p.id, f, None).await?, false))
}

async fn by_external_ref(
    conn: &impl ConnectionTrait,
    org: i32,
    external_ref: &str,
) -> WriteResult<Option<person::Model>> {
    Ok(person::Entity::find()
        .filter(person::Column::OrganisationId.eq(org))
        .filter(person::Column::ExternalRef.eq(external_ref))
        .one(conn)
        .await?)
}
