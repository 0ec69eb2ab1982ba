//! Claiming due deliveries. A worker takes a delivery by setting a lease (`locked_until_ms`,
//! `lease`); a replica that dies mid-attempt loses it when the lease runs out, and another
//! retries (at least once). On PostgreSQL the lease is set on rows taken `FOR UPDATE SKIP
//! LOCKED`, so replicas claiming at once never take the same row; on SQLite one statement does.
//!
//! Which rows are due: pending, their time come, not leased, their webhook enabled, no earlier
//! delivery of the same record to the same webhook still pending (events of one record arrive
//! in version order), and at most `per_endpoint` in flight per webhook (one while it fails), so
//! a slow receiver cannot take every worker. Failing webhooks together get at most the room the
//! caller gives them, so receivers that are down never hold every worker of a replica.

use std::time::Duration;

use entity::webhook_delivery;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, Statement, Value};

use crate::error::AppResult;

/// The candidates, soonest first: due ones, then the next one to come due.
const CANDIDATES: &str = "
SELECT c.id, c.next_attempt_ms, c.failing FROM (
  SELECT d.id, d.next_attempt_ms, CASE WHEN w.failing_since IS NULL THEN 0 ELSE 1 END AS failing,
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

/// What a claim found.
#[derive(Debug, Default)]
pub struct Claimed {
    /// Deliveries now leased to this worker, each with whether its webhook is failing.
    pub due: Vec<(webhook_delivery::Model, bool)>,
    /// When the next delivery comes due (milliseconds since the epoch), if one is waiting.
    pub next: Option<i64>,
}

/// Leases due deliveries: at most `limit`, of which at most `failing_room` to failing webhooks.
pub async fn claim(
    db: &DatabaseConnection,
    limit: usize,
    failing_room: usize,
    per_endpoint: u32,
    lease: Duration,
) -> AppResult<Claimed> {
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
    let mut failing = std::collections::HashSet::new();
    let mut next = None;
    for r in rows {
        let (id, at): (i32, i64) = (r.try_get("", "id")?, r.try_get("", "next_attempt_ms")?);
        let fails = r.try_get::<i32>("", "failing")? != 0;
        if at > now {
            next = Some(next.map_or(at, |n: i64| n.min(at)));
        } else if due.len() < limit && (!fails || failing.len() < failing_room) {
            due.push(id);
            if fails {
                failing.insert(id);
            }
        }
    }
    if due.is_empty() {
        return Ok(Claimed { due: Vec::new(), next });
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
    let due = claimed.into_iter().map(|d| {
        let fails = failing.contains(&d.id);
        (d, fails)
    });
    Ok(Claimed {
        due: due.collect(),
        next,
    })
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
