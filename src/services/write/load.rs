//! Reading the rows a write is about: only what the viewer may see, so a write to a hidden
//! record fails exactly like one to a missing record; and rows read back after a write.

use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};

use super::WriteResult;
use crate::error::{AppError, AppResult};
use crate::paging::Keyed;
use crate::viewer::Viewer;

/// Row `id` of `E` if the viewer may see it, else NOT_FOUND naming `what`.
pub async fn visible_row<E: Keyed>(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    id: i32,
    what: &str,
) -> AppResult<E::Model> {
    E::find()
        .filter(E::id_column().eq(id))
        .filter(E::visible(viewer))
        .one(conn)
        .await?
        .ok_or_else(|| AppError::not_found(format!("No {what} with that ID")))
}

/// Row `id` of `E`, read again after a write.
pub async fn reload<E: Keyed>(conn: &impl ConnectionTrait, id: i32) -> WriteResult<E::Model> {
    let row = E::find().filter(E::id_column().eq(id)).one(conn).await?;
    row.ok_or_else(|| AppError::not_found("The record is gone").into())
}
