//! Claiming due deliveries. A worker takes a delivery by setting a lease (`locked_until_ms`,
//! `lease`); a replica that dies mid-attempt loses it when the lease runs out, and another
//! retries (at least once). On PostgreSQL the lease is set on rows taken `FOR UPDATE SKIP
//! LOCKED`, so replicas claiming at once never take the same row; on SQLite one statement does.
//!
//! Which rows are due: pending, their time come, not leased, their webhook enabled, and no
//! earlier delivery of the same record to the same webhook still pending (events of one record
//! arrive in version order). Each webhook offers at most its room: `per_endpoint` in flight
//! (one while it fails), so a slow receiver cannot take every worker; failing webhooks together
//! get at most the room the caller gives them. Each webhook's candidates are read by an index
//! range of their own, so a long backlog of one webhook costs the others nothing.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use entity::webhook_delivery;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, Statement};

use crate::error::AppResult;

/// Webhooks per candidate statement (SQLite allows 500 terms in a compound SELECT).
const PER_STATEMENT: usize = 100;

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
    let rooms = rooms(db, now, per_endpoint).await?;
    let mut found: Vec<(i64, i32, bool)> = Vec::new();
    for chunk in rooms.chunks(PER_STATEMENT) {
        let parts: Vec<String> = chunk.iter().map(|(id, room, _)| candidates(*id, *room, now)).collect();
        let failing: HashSet<i32> = chunk.iter().filter(|c| c.2).map(|c| c.0).collect();
        let rows = db.query_all_raw(raw(db, parts.join(" UNION ALL "))).await?;
        for r in rows {
            let (id, hook, at): (i32, i32, i64) =
                (r.try_get("", "id")?, r.try_get("", "webhook_id")?, r.try_get("", "at")?);
            found.push((at, id, failing.contains(&hook)));
        }
    }
    found.sort_unstable();
    let mut due = Vec::new();
    let mut failing = HashSet::new();
    for (_, id, fails) in found {
        if due.len() == limit {
            break;
        }
        if fails && failing.len() >= failing_room {
            continue;
        }
        due.push(id);
        if fails {
            failing.insert(id);
        }
    }
    let next = next_due(db, now).await?;
    if due.is_empty() {
        return Ok(Claimed { due: Vec::new(), next });
    }
    let claimed = lease_rows(db, &due, now, lease).await?;
    let due = claimed.into_iter().map(|d| {
        let fails = failing.contains(&d.id);
        (d, fails)
    });
    Ok(Claimed {
        due: due.collect(),
        next,
    })
}

/// Each enabled webhook with room for another attempt: (id, room, failing).
async fn rooms(db: &DatabaseConnection, now: i64, per_endpoint: u32) -> AppResult<Vec<(i32, i64, bool)>> {
    let busy_sql = format!(
        "SELECT webhook_id, COUNT(*) AS n FROM webhook_delivery \
          WHERE state = 'PENDING' AND locked_until_ms > {now} GROUP BY webhook_id"
    );
    let mut busy = HashMap::new();
    for r in db.query_all_raw(raw(db, busy_sql)).await? {
        busy.insert(r.try_get::<i32>("", "webhook_id")?, r.try_get::<i64>("", "n")?);
    }
    let hooks_sql = "SELECT id, CASE WHEN failing_since IS NULL THEN 0 ELSE 1 END AS failing \
                     FROM webhook WHERE disabled_at IS NULL";
    let mut out = Vec::new();
    for r in db.query_all_raw(raw(db, hooks_sql.into())).await? {
        let (id, failing) = (r.try_get::<i32>("", "id")?, r.try_get::<i32>("", "failing")? != 0);
        let cap = if failing { 1 } else { i64::from(per_endpoint) };
        let room = cap - busy.get(&id).copied().unwrap_or(0);
        if room > 0 {
            out.push((id, room, failing));
        }
    }
    Ok(out)
}

/// The first `room` due deliveries of webhook `hook` that no earlier delivery of their record
/// holds back. The numbers are our own integers, never client input.
fn candidates(hook: i32, room: i64, now: i64) -> String {
    format!(
        "SELECT * FROM (SELECT d.id, d.webhook_id, d.next_attempt_ms AS at FROM webhook_delivery d \
          WHERE d.webhook_id = {hook} AND d.state = 'PENDING' AND d.next_attempt_ms <= {now} \
            AND d.locked_until_ms <= {now} \
            AND NOT EXISTS (SELECT 1 FROM webhook_delivery e WHERE e.webhook_id = d.webhook_id \
                            AND e.record_key = d.record_key AND e.state = 'PENDING' AND e.id < d.id) \
          ORDER BY d.next_attempt_ms, d.id LIMIT {room}) w{hook}"
    )
}

/// When the next pending delivery comes due.
async fn next_due(db: &DatabaseConnection, now: i64) -> AppResult<Option<i64>> {
    let sql = format!(
        "SELECT MIN(next_attempt_ms) AS at FROM webhook_delivery WHERE state = 'PENDING' AND next_attempt_ms > {now}"
    );
    Ok(match db.query_one_raw(raw(db, sql)).await? {
        Some(r) => r.try_get::<Option<i64>>("", "at")?,
        None => None,
    })
}

/// Sets the lease on those of `ids` still free; returns them.
async fn lease_rows(
    db: &DatabaseConnection,
    ids: &[i32],
    now: i64,
    lease: Duration,
) -> AppResult<Vec<webhook_delivery::Model>> {
    let until = now + lease.as_millis() as i64;
    let token = hex::encode(rand::random::<[u8; 12]>());
    let ids = ids.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
    let free = format!("id IN ({ids}) AND state = 'PENDING' AND locked_until_ms <= {now}");
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => format!(
            "UPDATE webhook_delivery SET locked_until_ms = {until}, lease = '{token}' WHERE id IN (\
               SELECT id FROM webhook_delivery WHERE {free} FOR UPDATE SKIP LOCKED) RETURNING *"
        ),
        _ => {
            format!("UPDATE webhook_delivery SET locked_until_ms = {until}, lease = '{token}' WHERE {free} RETURNING *")
        }
    };
    Ok(webhook_delivery::Entity::find()
        .from_raw_sql(raw(db, sql))
        .all(db)
        .await?)
}

fn raw(db: &DatabaseConnection, sql: String) -> Statement {
    Statement::from_string(db.get_database_backend(), sql)
}
