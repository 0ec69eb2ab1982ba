//! Claiming due deliveries. A worker takes a delivery by setting a lease (`locked_until_ms`,
//! `lease`); a replica that dies mid-attempt loses it when the lease runs out, and another
//! retries (at least once). On PostgreSQL the lease is set on rows taken `FOR UPDATE SKIP
//! LOCKED`, so replicas claiming at once never take the same row; on SQLite one statement does.
//!
//! Which rows are due: pending, their time come, not leased, their webhook enabled, no earlier
//! delivery of the same record to the same webhook still pending (events of one record arrive
//! in version order), and at most `per_endpoint` in flight per webhook (one while it fails), so
//! a slow receiver cannot take every worker.

use std::time::Duration;

use entity::webhook_delivery;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, Statement, Value};

use crate::error::AppResult;

/// The candidates, soonest first: due ones, then the next one to come due.
const CANDIDATES: &str = "
SELECT c.id, c.next_attempt_ms FROM (
  SELECT d.id, d.next_attempt_ms,
         ROW_NUMBER() OVER (PARTITION BY d.webhook_id ORDER BY d.next_attempt_ms, d.id) AS n,
         (CASE WHEN w.failing_since IS NULL THEN ? ELSE 1 END)
           - (SELECT COUNT(*) FROM webhook_delivery f
               WHERE f.webhook_id = d.webhook_id AND f.state = 'PENDING' AND f.locked_until_ms > ?) AS room
    FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
   WHERE d.state = 'PENDING' AND d.locked_until_ms <= ? AND w.disabled_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM webhook_delivery e
                      WHERE e.webhook_id = d.webhook_id AND e.record_key = d.record_key
                        AND e.state = 'PENDING' AND e.id < d.id)
) c WHERE c.n <= c.room ORDER BY c.next_attempt_ms, c.id LIMIT ?";

/// Due deliveries, at most `limit`, now leased by this worker; and when the next one comes due
/// (milliseconds since the epoch), if one is waiting.
pub async fn claim(
    db: &DatabaseConnection,
    limit: usize,
    per_endpoint: u32,
    lease: Duration,
) -> AppResult<(Vec<webhook_delivery::Model>, Option<i64>)> {
    let now = chrono::Utc::now().timestamp_millis();
    let backend = db.get_database_backend();
    let values: Vec<Value> = vec![
        i64::from(per_endpoint).into(),
        now.into(),
        now.into(),
        (limit as i64 + 1).into(),
    ];
    let rows = db.query_all_raw(statement(backend, CANDIDATES, values)).await?;
    let mut due = Vec::new();
    let mut next = None;
    for r in rows {
        let (id, at): (i32, i64) = (r.try_get("", "id")?, r.try_get("", "next_attempt_ms")?);
        if at <= now && due.len() < limit {
            due.push(id);
        } else {
            next = Some(next.map_or(at, |n: i64| n.min(at)));
        }
    }
    if due.is_empty() {
        return Ok((Vec::new(), next));
    }
    let until = now + lease.as_millis() as i64;
    let token = hex::encode(rand::random::<[u8; 12]>());
    let ids = due.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
    let sql = match backend {
        DbBackend::Postgres => format!(
            "UPDATE webhook_delivery SET locked_until_ms = ?, lease = ? WHERE id IN (
               SELECT id FROM webhook_delivery WHERE id IN ({ids}) AND state = 'PENDING' AND locked_until_ms <= ?
               FOR UPDATE SKIP LOCKED) RETURNING *"
        ),
        _ => format!(
            "UPDATE webhook_delivery SET locked_until_ms = ?, lease = ?
              WHERE id IN ({ids}) AND state = 'PENDING' AND locked_until_ms <= ? RETURNING *"
        ),
    };
    let values = vec![until.into(), token.into(), now.into()];
    let claimed = webhook_delivery::Entity::find()
        .from_raw_sql(statement(backend, &sql, values))
        .all(db)
        .await?;
    Ok((claimed, next))
}

/// `sql` with `?` placeholders, numbered `$1…` for PostgreSQL.
fn statement(backend: DbBackend, sql: &str, values: Vec<Value>) -> Statement {
    let text = match backend {
        DbBackend::Postgres => {
            let mut out = String::with_capacity(sql.len() + 8);
            let mut n = 0;
            for ch in sql.chars() {
                if ch == '?' {
                    n += 1;
                    out.push_str(&format!("${n}"));
                } else {
                    out.push(ch);
                }
            }
            out
        }
        _ => sql.to_string(),
    };
    Statement::from_sql_and_values(backend, text, values)
}
