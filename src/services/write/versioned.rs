//! Optimistic locking: an update applies only to the version it was based on, so two concurrent
//! edits of one record never silently overwrite each other.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{WriteResult, invalid};
use crate::codes::Code;

/// Writes `changes` to row `id` if its version is still `version`, and bumps the version.
/// `expected` is the client's `expectedVersion`, when it sent one.
pub async fn update_versioned<E, A>(
    conn: &impl ConnectionTrait,
    changes: A,
    id: (E::Column, i32),
    version: (E::Column, i32),
    expected: Option<i32>,
) -> WriteResult<()>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E> + Send,
{
    let conflict = || {
        invalid(
            "expectedVersion",
            Code::VersionConflict,
            "The record was changed by someone else; read it again and retry",
        )
    };
    if expected.is_some_and(|e| e != version.1) {
        return Err(conflict());
    }
    let (version_col, current) = version;
    let res = E::update_many()
        .set(changes)
        .col_expr(version_col, Expr::col(version_col).add(1))
        .filter(id.0.eq(id.1))
        .filter(version_col.eq(current))
        .exec(conn)
        .await?;
    if res.rows_affected == 0 {
        Err(conflict())
    } else {
        Ok(())
    }
}
