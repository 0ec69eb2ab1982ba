//! Rows of join tables: adding one twice or removing a missing one changes nothing, so such
//! mutations are safe to repeat and record an audit event only when something changed.

use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, PrimaryKeyTrait};

use super::{WriteResult, invalid};
use crate::codes::Code;

/// Adds (`add`) or removes the row `key`; true when something changed.
pub async fn toggle<E>(
    conn: &impl ConnectionTrait,
    key: (i32, i32),
    row: E::ActiveModel,
    add: bool,
) -> WriteResult<bool>
where
    E: EntityTrait,
    E::PrimaryKey: PrimaryKeyTrait<ValueType = (i32, i32)>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let exists = E::find_by_id(key).one(conn).await?.is_some();
    if add && !exists {
        E::insert(row).exec_without_returning(conn).await?;
        Ok(true)
    } else if !add && exists {
        E::delete_by_id(key).exec(conn).await?;
        Ok(true)
    } else {
        Ok(false)
    }
}

/// Both ends of a link must belong to one coalition: a safe space never leaks into another.
pub fn same_coalition(field: &'static str, a: i32, b: i32) -> WriteResult<()> {
    if a == b {
        Ok(())
    } else {
        Err(invalid(
            field,
            Code::CrossCoalition,
            "Both records must belong to the same coalition",
        ))
    }
}
