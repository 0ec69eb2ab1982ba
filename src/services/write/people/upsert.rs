//! Syncing people by external reference: integration scripts send the people of their own
//! system, and a repeat of the same input changes nothing and records nothing.

use entity::person;
use sea_orm::DatabaseConnection;

use super::{PersonFields, insert, target_organisation, update};
use crate::services::write::WriteResult;
use crate::services::write::sync::{ExternalRef, Synced, upsert as sync};
use crate::viewer::Viewer;

impl Synced for person::Entity {
    type Fields = PersonFields;

    fn owner_column() -> person::Column {
        person::Column::OrganisationId
    }

    fn ref_column() -> person::Column {
        person::Column::ExternalRef
    }

    fn changes(p: &person::Model, f: PersonFields) -> Option<PersonFields> {
        let f = PersonFields {
            name: f.name.filter(|v| v.trim() != p.name),
            email: f
                .email
                .filter(|v| v.as_deref().map(str::trim).filter(|v| !v.is_empty()) != p.email.as_deref()),
            role: f.role.filter(|v| *v != p.role),
        };
        let none = f.name.is_none() && f.email.is_none() && f.role.is_none();
        (!none).then_some(f)
    }
}

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
    sync::<person::Entity, _, _, _, _>(
        db,
        viewer,
        ExternalRef {
            owner: org,
            value: external_ref,
        },
        |_| Ok(()),
        f,
        |r, f| insert(db, viewer, org, f, Some(r)),
        |id, f| update(db, viewer, id, f, None),
    )
    .await
}
