//! Retention: change events older than the retention period are removed, and the watermark
//! moves with them so that a cursor into the removed part is told it expired.

use chrono::{DateTime, Utc};
use entity::{change_event as ce, change_log};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};

use crate::error::AppResult;

/// Removes the events that occurred before `cutoff`; returns how many.
pub async fn prune(db: &DatabaseConnection, cutoff: DateTime<Utc>) -> AppResult<u64> {
    let txn = crate::db::begin_write(db).await?;
    let newest_old: Option<Option<i64>> = ce::Entity::find()
        .select_only()
        .column_as(ce::Column::Id.max(), "m")
        .filter(ce::Column::OccurredAt.lt(cutoff))
        .into_tuple()
        .one(&txn)
        .await?;
    let Some(through) = newest_old.flatten() else {
        return Ok(0);
    };
    let gone = ce::Entity::delete_many()
        .filter(ce::Column::Id.lte(through))
        .exec(&txn)
        .await?
        .rows_affected;
    change_log::Entity::update_many()
        .col_expr(change_log::Column::PrunedThrough, Expr::value(through))
        .filter(change_log::Column::Id.eq(1))
        .filter(change_log::Column::PrunedThrough.lt(through))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(gone)
}

/// Prunes events older than `days` now and every hour from now on, in the background.
pub fn keep_pruning(db: DatabaseConnection, days: u32) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every.tick().await;
            let cutoff = Utc::now() - chrono::Duration::days(days.into());
            match prune(&db, cutoff).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(events = n, "pruned change events past retention"),
                Err(e) => tracing::warn!(error = ?e, "pruning change events failed"),
            }
        }
    });
}
