//! Connecting to SQLite or PostgreSQL, migrating, and counting statements for tests and
//! benchmarks.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};

use crate::config::DatabaseSettings;

/// Counts the SQL statements a connection has run.
#[derive(Debug, Default)]
pub struct StatementCounter(AtomicU64);

impl StatementCounter {
    /// Statements run so far.
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    /// Counts one more statement.
    pub fn count(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

/// Page cache of each SQLite connection, in KiB (a negative `cache_size`). SQLite's default is
/// 2,000 KiB; with the pool's and the background pool's connections together that was 15 MB of
/// heap per connection under the nested list, and the peak over 150 MB. The file's pages stay
/// in the operating system's cache, so a page read again costs a copy, not a disk read: at 512
/// KiB search and the nested list on SQLite ran as fast as before (bench, scale 1).
const SQLITE_CACHE_KIB: i64 = -512;

/// A pooled connection idle this long is pinged before it is handed out. sqlx's default pings
/// on *every* checkout: one more round trip to PostgreSQL (or to the SQLite connection's
/// thread) per statement, which on the small lookup cost more than the statements' own work.
/// A connection that broke while in use is closed by sqlx on the error; one that broke while
/// idle (a restarted server) is found by this ping.
const PING_IF_IDLE: Duration = Duration::from_secs(10);

/// Opens the pool. SQLite gets WAL, foreign keys, a busy timeout, full fsync and
/// `secure_delete`; the file is created when missing.
///
/// PostgreSQL connections plan each prepared statement once (`plan_cache_mode =
/// force_generic_plan`). Left to itself PostgreSQL replans a statement on every execution
/// whenever its generic plan *looks* dearer, and for the child pages (`unnest($1::int4[])`, a
/// parent list of unknown length) it always does: planning took 0.3 ms of a 0.1 ms statement,
/// most of the database's time on a small lookup. The statements here are key lookups and
/// keyset pages, whose plan does not depend on the values bound.
pub async fn connect(settings: &DatabaseSettings) -> anyhow::Result<(DatabaseConnection, Arc<StatementCounter>)> {
    if !settings.database_url.starts_with("postgres") {
        configure_sqlite();
    }
    let mut opts = ConnectOptions::new(settings.database_url.clone());
    opts.max_connections(settings.db_pool.max(1))
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .test_before_acquire_if_idle_for(PING_IF_IDLE)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // Deleted and overwritten content is zeroed, so an erased name does not linger
                // in free space of the file (see `privacy::erase`).
                .pragma("secure_delete", "ON")
                .pragma("cache_size", SQLITE_CACHE_KIB.to_string())
        })
        .map_sqlx_postgres_opts(|o| o.options([("plan_cache_mode", "force_generic_plan")]));
    let mut db = Database::connect(opts).await.context("connecting to the database")?;
    let counter = Arc::new(StatementCounter::default());
    let c = counter.clone();
    db.set_metric_callback(move |_| c.count());
    Ok((db, counter))
}

/// A second, small pool for the service's own background work (following the change log,
/// retention), so that it never takes a connection from requests and is not counted with
/// their statements.
pub async fn connect_background(settings: &DatabaseSettings) -> anyhow::Result<DatabaseConnection> {
    let small = DatabaseSettings {
        database_url: settings.database_url.clone(),
        db_pool: 2,
    };
    Ok(connect(&small).await?.0)
}

/// Turns off SQLite's memory statistics, once per process, before SQLite starts. With them on,
/// every allocation inside SQLite takes one process-wide lock, and the connections' threads
/// queued on it: searching (whose scoring builds strings for every match) spent more time
/// waiting on that lock than working. Nothing here reads the statistics.
fn configure_sqlite() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: `sqlite3_config` must run before SQLite initialises and not beside other
        // SQLite calls; this runs before this process opens its first SQLite connection. Should
        // SQLite have started already (another library in the process), the call is refused
        // with SQLITE_MISUSE and changes nothing.
        let rc = unsafe { libsqlite3_sys::sqlite3_config(libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS, 0) };
        if rc != libsqlite3_sys::SQLITE_OK {
            tracing::debug!(rc, "SQLite was already initialised; its memory statistics stay on");
        }
    });
}

/// Brings the schema up to date.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None).await.context("running migrations")
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`), so it waits its turn under the busy timeout instead of failing with "database
/// is locked" when it upgrades from reading to writing; PostgreSQL ignores the mode.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    };
    db.begin_with_options(options).await
}

/// Keeps the SQLite query planner's statistics current (`PRAGMA optimize`, which runs ANALYZE
/// where it helps): without them SQLite sorts whole tables for a keyset page instead of reading
/// an index in order, and a page's cost grows with the table. PostgreSQL's autovacuum does this
/// on its own.
pub async fn optimize(db: &DatabaseConnection) -> anyhow::Result<()> {
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA optimize=0x10002")
            .await
            .context("updating SQLite statistics")?;
    }
    Ok(())
}
