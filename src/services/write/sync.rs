//! What the writes of every editable record share: reading the row a write is about (only if
//! the viewer may see it and change it), and idempotent sync by external reference, where a
//! repeat of the same input changes nothing and records nothing.

use std::future::Future;

use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter};

use super::load::visible_row;
use super::save::Versioned;
use super::{Check, WriteResult};
use crate::error::AppResult;
use crate::viewer::Viewer;

/// A record a viewer may change under a rule of its own.
pub trait Editable: Versioned {
    /// The record's name for people, e.g. `learning question`.
    const WHAT: &'static str;
    /// Refuses (FORBIDDEN) a viewer that may see `m` but not change it.
    fn may_edit(viewer: &Viewer, m: &Self::Model) -> AppResult<()>;
}

/// Row `id` if the viewer may see it (else NOT_FOUND, exactly as missing) and change it (else
/// FORBIDDEN).
pub async fn editable<E: Editable>(conn: &impl ConnectionTrait, viewer: &Viewer, id: i32) -> WriteResult<E::Model> {
    let m = visible_row::<E>(conn, viewer, id, E::WHAT).await?;
    E::may_edit(viewer, &m)?;
    Ok(m)
}

/// A record that integration scripts sync by an external reference, unique per organisation.
pub trait Synced: Editable {
    /// The fields a client may set.
    type Fields: Send;
    /// The organisation that owns the reference.
    fn owner_column() -> Self::Column;
    /// The reference.
    fn ref_column() -> Self::Column;
    /// `f` without what `m` already holds; `None` when nothing is left to change.
    fn changes(m: &Self::Model, f: Self::Fields) -> Option<Self::Fields>;
}

/// A record's key in an organisation's own system.
#[derive(Debug, Clone, Copy)]
pub struct ExternalRef<'r> {
    /// The organisation whose key it is.
    pub owner: i32,
    /// The key, as the client sent it.
    pub value: &'r str,
}

/// Creates or updates the record that organisation `key.owner` knows as `key.value`. `placed`
/// refuses an existing record under another parent; `create` and `update` are the entity's
/// own writes. Returns the record and whether it was created.
pub async fn upsert<E, C, CF, U, UF>(
    db: &DatabaseConnection,
    viewer: &Viewer,
    key: ExternalRef<'_>,
    placed: impl FnOnce(&E::Model) -> WriteResult<()>,
    f: E::Fields,
    create: C,
    update: U,
) -> WriteResult<(E::Model, bool)>
where
    E: Synced,
    C: FnOnce(String, E::Fields) -> CF,
    CF: Future<Output = WriteResult<E::Model>>,
    U: FnOnce(i32, E::Fields) -> UF,
    UF: Future<Output = WriteResult<E::Model>>,
{
    let mut c = Check::new();
    let external_ref = c.text("externalRef", key.value, 200);
    c.finish()?;
    let existing = E::find()
        .filter(E::owner_column().eq(key.owner))
        .filter(E::ref_column().eq(&external_ref))
        .one(db)
        .await?;
    let Some(m) = existing else {
        return Ok((create(external_ref, f).await?, true));
    };
    placed(&m)?;
    let id = E::id_of(&m);
    match E::changes(&m, f) {
        // Nothing to change, but the answer shows the row: only to whom may still edit it.
        None => Ok((editable::<E>(db, viewer, id).await?, false)),
        Some(f) => Ok((update(id, f).await?, false)),
    }
}
