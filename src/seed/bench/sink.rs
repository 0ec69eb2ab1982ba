//! Writing generated rows fast: multi-row `INSERT`s of as many rows as SQLite's 32,766
//! bound-parameter limit allows, all inside the caller's transaction.

use anyhow::{Context, Result};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, EntityName, EntityTrait,
    Iterable, Statement,
};

/// Bound parameters per statement: below SQLite's limit of 32,766 (PostgreSQL allows 65,535).
const MAX_PARAMS: usize = 30_000;

/// Rows of one table collected and written a full statement at a time.
pub struct Batch<A: ActiveModelTrait> {
    rows: Vec<A>,
    per_statement: usize,
    written: u64,
}

impl<A: ActiveModelTrait + Send> Batch<A> {
    pub fn new() -> Self {
        let columns = <A::Entity as EntityTrait>::Column::iter().count().max(1);
        let per_statement = (MAX_PARAMS / columns).max(1);
        Self {
            rows: Vec::with_capacity(per_statement),
            per_statement,
            written: 0,
        }
    }

    /// Adds a row, writing the batch when a statement is full.
    pub async fn push(&mut self, txn: &DatabaseTransaction, row: A) -> Result<()> {
        self.rows.push(row);
        if self.rows.len() >= self.per_statement {
            self.flush(txn).await?;
        }
        Ok(())
    }

    /// Writes what is left and returns the rows written in all.
    pub async fn finish(mut self, txn: &DatabaseTransaction) -> Result<u64> {
        self.flush(txn).await?;
        Ok(self.written)
    }

    async fn flush(&mut self, txn: &DatabaseTransaction) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::replace(&mut self.rows, Vec::with_capacity(self.per_statement));
        let n = rows.len() as u64;
        A::Entity::insert_many(rows)
            .exec_without_returning(txn)
            .await
            .with_context(|| format!("inserting into {}", A::Entity::default().table_name()))?;
        self.written += n;
        Ok(())
    }
}

/// Writes all `rows` and returns how many there were.
pub async fn insert_all<A: ActiveModelTrait + Send>(txn: &DatabaseTransaction, rows: Vec<A>) -> Result<u64> {
    let mut batch = Batch::new();
    for row in rows {
        batch.push(txn, row).await?;
    }
    batch.finish(txn).await
}

/// Tables whose `id` the generator sets itself.
const WITH_IDS: [&str; 12] = [
    "organisation",
    "theme",
    "person",
    "coalition",
    "coalition_membership",
    "workgroup",
    "workgroup_membership",
    "learning_question",
    "contribution",
    "learning_track",
    "meeting",
    "outcome",
];

/// Tables that must be empty before the generator runs.
const DOMAIN: [&str; 5] = ["organisation", "coalition", "person", "theme", "learning_question"];

/// Fails unless the domain tables are empty.
pub async fn ensure_empty(db: &DatabaseConnection) -> Result<()> {
    let backend = db.get_database_backend();
    for table in DOMAIN {
        let sql = format!("SELECT 1 FROM {table} LIMIT 1");
        let row = db
            .query_one_raw(Statement::from_string(backend, sql))
            .await
            .with_context(|| format!("checking whether {table} is empty"))?;
        anyhow::ensure!(
            row.is_none(),
            "the database already holds data (table {table} is not empty): the bench dataset only \
             goes into a freshly migrated, empty database"
        );
    }
    Ok(())
}

/// Moves PostgreSQL's id sequences past the ids the generator set, so later inserts (the
/// benchmark's mutations) get fresh ids. SQLite does this by itself.
pub async fn advance_sequences(txn: &DatabaseTransaction) -> Result<()> {
    if txn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    for table in WITH_IDS {
        let sql = format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))");
        txn.execute_unprepared(&sql)
            .await
            .with_context(|| format!("advancing the id sequence of {table}"))?;
    }
    Ok(())
}
