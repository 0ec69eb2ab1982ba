//! Retention of the audit log: audit events older than `SAMENSPEL_AUDIT_RETENTION_DAYS` are
//! pruned every hour, beside the change events' own retention (`changes::retention`).
//! [`prune`] takes "now" as an argument, so `samenspel prune --now …` (and the tests) can run
//! retention as of any moment.

use chrono::{DateTime, Utc};
use entity::audit_event;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::error::AppResult;

/// Removes the audit events made before `cutoff`; returns how many.
pub async fn prune_audit(db: &DatabaseConnection, cutoff: DateTime<Utc>) -> AppResult<u64> {
    let gone = audit_event::Entity::delete_many()
        .filter(audit_event::Column::CreatedAt.lt(cutoff))
        .exec(db)
        .await?;
    Ok(gone.rows_affected)
}

/// How many events one run of retention removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pruned {
    /// Audit events.
    pub audit_events: u64,
    /// Change events.
    pub change_events: u64,
}

/// Prunes audit events older than `audit_days` and change events older than `change_days`, as
/// of `now`.
pub async fn prune(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    audit_days: u32,
    change_days: u32,
) -> AppResult<Pruned> {
    let days = |d: u32| chrono::Duration::days(d.into());
    Ok(Pruned {
        audit_events: prune_audit(db, now - days(audit_days)).await?,
        change_events: crate::changes::retention::prune(db, now - days(change_days)).await?,
    })
}

/// Prunes audit events older than `days` now and every hour from now on, in the background.
pub fn keep_pruning(db: DatabaseConnection, days: u32) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every.tick().await;
            match prune_audit(&db, Utc::now() - chrono::Duration::days(days.into())).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(events = n, "pruned audit events past retention"),
                Err(e) => tracing::warn!(error = ?e, "pruning audit events failed"),
            }
        }
    });
}
