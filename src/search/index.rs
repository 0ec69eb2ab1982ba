//! Keeping the index in step with the records: each write refreshes the entries of the records
//! it changed inside its own transaction, and on start every record without an entry (seeded,
//! or written before the index existed) gets one. An entry holds the record's text and who may
//! find it (see `scope`), rewritten for the records a write changed and, when their scope moved,
//! for those below them.

use std::collections::HashSet;

use anyhow::Context;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};

use super::document::{KINDS, Record, read, read_many, searchable};
use super::scope;
use super::text::stems;
use crate::ids::NodeType;

/// Rows indexed per transaction when filling the index on start.
const BATCH: usize = 500;

/// Refreshes the entries of the records `changed` names: a record that still exists is indexed
/// as it is now, one that is gone loses its entry. Called by the write path before it commits.
pub async fn refresh(db: &impl ConnectionTrait, changed: &[(NodeType, i32)]) -> Result<(), DbErr> {
    let mut seen = HashSet::new();
    for &(t, id) in changed {
        if !searchable(t) || !seen.insert((t, id)) {
            continue;
        }
        let Some(r) = read(db, t, id).await? else {
            remove(db, t, id).await?;
            continue;
        };
        if !scope::reaches_below(t) {
            upsert(db, &r).await?;
            continue;
        }
        let before = scope::held(db, t, id).await?;
        upsert(db, &r).await?;
        if scope::held(db, t, id).await? != before {
            scope::below(db, t, id).await?;
        }
    }
    Ok(())
}

fn stmt(db: &impl ConnectionTrait, sql: &str, values: Vec<sea_orm::Value>) -> Statement {
    Statement::from_sql_and_values(db.get_database_backend(), sql, values)
}

/// Writes (or rewrites) the entry of one record.
pub async fn upsert(db: &impl ConnectionTrait, r: &Record) -> Result<(), DbErr> {
    let doc = r.document();
    let (kind, id) = (r.kind().name(), r.id());
    // Who may find it, from the record and its parents as they are in this transaction.
    let pg = db.get_database_backend() == DbBackend::Postgres;
    let (visibility, coalition) = scope::columns(r.kind(), if pg { "$2" } else { "?2" });
    if pg {
        let sql = format!(
            "INSERT INTO search_entry (kind, record_id, document, visibility, coalition_id) VALUES ($1, $2, \
             setweight(to_tsvector('samenspel_dutch', $3), 'A') || \
             setweight(to_tsvector('samenspel_dutch', $4), 'B'), {visibility}, {coalition}) \
             ON CONFLICT (kind, record_id) DO UPDATE SET document = EXCLUDED.document, \
             visibility = EXCLUDED.visibility, coalition_id = EXCLUDED.coalition_id"
        );
        db.execute_raw(stmt(
            db,
            &sql,
            vec![kind.into(), id.into(), doc.title.into(), doc.body.into()],
        ))
        .await?;
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO search_entry (kind, record_id, visibility, coalition_id) VALUES (?1, ?2, {visibility}, {coalition}) \
         ON CONFLICT (kind, record_id) DO UPDATE SET visibility = excluded.visibility, \
         coalition_id = excluded.coalition_id RETURNING id"
    );
    let row = db
        .query_one_raw(stmt(db, &sql, vec![kind.into(), id.into()]))
        .await?
        .ok_or_else(|| DbErr::RecordNotInserted)?;
    let entry: i64 = row.try_get("", "id")?;
    db.execute_raw(stmt(db, "DELETE FROM search_fts WHERE rowid = ?", vec![entry.into()]))
        .await?;
    let sql = "INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)";
    let values = vec![entry.into(), stems(&doc.title).into(), stems(&doc.body).into()];
    db.execute_raw(stmt(db, sql, values)).await?;
    Ok(())
}

/// Drops the entry of a record that is gone.
pub async fn remove(db: &impl ConnectionTrait, t: NodeType, id: i32) -> Result<(), DbErr> {
    let pg = db.get_database_backend() == DbBackend::Postgres;
    if !pg {
        let sql = "DELETE FROM search_fts WHERE rowid IN \
                   (SELECT id FROM search_entry WHERE kind = ? AND record_id = ?)";
        db.execute_raw(stmt(db, sql, vec![t.name().into(), id.into()])).await?;
    }
    let sql = if pg {
        "DELETE FROM search_entry WHERE kind = $1 AND record_id = $2"
    } else {
        "DELETE FROM search_entry WHERE kind = ? AND record_id = ?"
    };
    db.execute_raw(stmt(db, sql, vec![t.name().into(), id.into()])).await?;
    Ok(())
}

/// The table a kind's records live in.
pub fn table(t: NodeType) -> &'static str {
    match t {
        NodeType::LearningQuestion => "learning_question",
        NodeType::Contribution => "contribution",
        NodeType::Outcome => "outcome",
        NodeType::Meeting => "meeting",
        NodeType::Workgroup => "workgroup",
        NodeType::Coalition => "coalition",
        NodeType::Organisation => "organisation",
        _ => "theme",
    }
}

/// Indexes every searchable record that has no entry yet and returns how many. Run on start and
/// after seeding: the demo and bench seeds write their rows without the write path.
///
/// # Errors
/// Fails when the database cannot be read or written.
pub async fn backfill(db: &DatabaseConnection) -> anyhow::Result<u64> {
    let mut total = 0;
    for t in KINDS {
        let (table, kind) = (table(t), t.name());
        // Entries of records deleted beside the write path (a cascade) go; searching never
        // shows them anyway, since every hit is joined to its record.
        let orphans = format!(
            "DELETE FROM search_entry WHERE kind = '{kind}' AND NOT EXISTS \
             (SELECT 1 FROM {table} WHERE {table}.id = search_entry.record_id)"
        );
        db.execute_unprepared(&orphans)
            .await
            .context("dropping orphaned search entries")?;
        let sql = format!(
            "SELECT id FROM {table} WHERE NOT EXISTS (SELECT 1 FROM search_entry e \
             WHERE e.kind = '{kind}' AND e.record_id = {table}.id) ORDER BY id"
        );
        let rows = db
            .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .context("finding records missing from the search index")?;
        let ids: Vec<i32> = rows.iter().map(|r| r.try_get("", "id")).collect::<Result<_, _>>()?;
        for chunk in ids.chunks(BATCH) {
            let txn = crate::db::begin_write(db).await?;
            for r in read_many(&txn, t, chunk.to_vec(), None).await? {
                upsert(&txn, &r).await.context("indexing records for search")?;
            }
            txn.commit().await?;
        }
        total += ids.len() as u64;
    }
    scope::fill(db).await.context("scoping search entries")?;
    if db.get_database_backend() != DbBackend::Postgres {
        let sql = "DELETE FROM search_fts WHERE rowid NOT IN (SELECT id FROM search_entry)";
        db.execute_unprepared(sql)
            .await
            .context("dropping orphaned search text")?;
    } else if total > 1000 {
        // Planner statistics for the new entries (the bench seed analyses before they exist):
        // without them PostgreSQL guesses a handful of matches per query.
        db.execute_unprepared("ANALYZE search_entry")
            .await
            .context("analysing the search index")?;
    }
    Ok(total)
}
