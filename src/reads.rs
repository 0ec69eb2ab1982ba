//! The connection the API's reads go through. On PostgreSQL its queries run on connections this
//! module keeps checked out of the pool ([`Leases`]); everything else, and every statement on
//! SQLite, goes to the pool as before.
//!
//! Why: sqlx sends every connection that goes back to its pool a `Sync` and waits for the
//! server's `ReadyForQuery` (a "ping", in a task of its own), whatever the statement left
//! behind. For a read that is one statement, that is a second round trip to PostgreSQL; without
//! it the small lookup ran 1.05× and the nested list 1.14× the requests/s (A/B pairs). A
//! read that completed has already read the server's `ReadyForQuery`, so its connection is
//! known to be idle and goes back here without the ping. A read that failed is pinged (which
//! reads up to the `ReadyForQuery` the error left pending) and kept only if that answers; one
//! that was dropped halfway (a timeout, a client gone) is pinged in a task of its own, which
//! waits for the statement in flight to end, as sqlx does; a broken connection is closed.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::sqlx::postgres::{PgConnectOptions, PgConnection};
use sea_orm::sqlx::{self, Connection};
use sea_orm::{
    ConnAcquireErr, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, ExecResult, QueryResult, RuntimeErr,
    Statement,
};
use sea_query_sqlx::SqlxValues;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::db::StatementCounter;

/// A connection idle this long is pinged before a read uses it (as the pool does, `db.rs`).
const PING_IF_IDLE: Duration = Duration::from_secs(10);
/// How long a read waits for a connection before it fails (as the pool's acquire timeout).
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long opening a connection may take (as the pool's connect timeout).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// A connection older than this is closed when it comes back, so the server's per-connection
/// memory (caches, prepared statements) is renewed now and then (sqlx's default lifetime).
const MAX_LIFETIME: Duration = Duration::from_secs(30 * 60);
/// How long a read dropped halfway may take to end before its connection is closed instead.
const SETTLE_TIMEOUT: Duration = Duration::from_secs(30);

/// Where the API reads from: the pool, and on PostgreSQL the kept connections.
#[derive(Clone)]
pub struct Reads {
    db: DatabaseConnection,
    leases: Option<Arc<Leases>>,
    statements: Arc<StatementCounter>,
}

impl Reads {
    /// Reads from `db`; on PostgreSQL through at most `max` kept connections of their own,
    /// opened when first needed. Their statements are counted in `statements`, like the pool's.
    pub fn new(db: DatabaseConnection, max: u32, statements: Arc<StatementCounter>) -> Self {
        let leases = match db.get_database_backend() {
            DbBackend::Postgres => {
                let options = db.get_postgres_connection_pool().connect_options();
                Some(Arc::new(Leases::new((*options).clone(), max)))
            }
            _ => None,
        };
        Reads { db, leases, statements }
    }

    /// The pool itself.
    pub fn pool(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Connections kept for reads: (open, idle).
    pub fn kept(&self) -> (usize, usize) {
        self.leases.as_ref().map_or((0, 0), |l| l.counts())
    }

    async fn query(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        match &self.leases {
            Some(leases) => {
                self.statements.count();
                leases.query_all(stmt).await
            }
            None => self.db.query_all_raw(stmt).await,
        }
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for Reads {
    fn get_database_backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.db.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.db.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        Ok(self.query(stmt).await?.into_iter().next())
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.query(stmt).await
    }
}

/// PostgreSQL connections kept checked out for reads, at most as many as the slots.
struct Leases {
    options: PgConnectOptions,
    idle: Mutex<Vec<Kept>>,
    slots: Arc<Semaphore>,
    open: AtomicUsize,
}

/// A kept connection and its times.
struct Kept {
    conn: PgConnection,
    opened: Instant,
    used: Instant,
}

/// A connection lent to one read. Dropped without [`Lease::give_back`] (the read was dropped
/// halfway), its connection is pinged in a task of its own, as sqlx does on every release: the
/// ping waits for the statement in flight to end, and the connection is kept if it answers.
/// The lease's slot stays taken until then.
struct Lease {
    kept: Option<Kept>,
    leases: Arc<Leases>,
    slot: Option<OwnedSemaphorePermit>,
}

impl Drop for Lease {
    fn drop(&mut self) {
        let Some(mut kept) = self.kept.take() else { return };
        let (leases, slot) = (self.leases.clone(), self.slot.take());
        let settle = async move {
            let answered = tokio::time::timeout(SETTLE_TIMEOUT, kept.conn.ping()).await;
            if matches!(answered, Ok(Ok(()))) {
                leases.keep(kept);
            } else {
                leases.open.fetch_sub(1, Ordering::Relaxed);
            }
            drop(slot);
        };
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => drop(runtime.spawn(settle)),
            // No runtime left (shutting down): the connection just closes.
            Err(_) => {
                self.leases.open.fetch_sub(1, Ordering::Relaxed);
            }
        }
    }
}

impl Lease {
    fn conn(&mut self) -> &mut PgConnection {
        &mut self
            .kept
            .as_mut()
            .expect("a lease holds its connection until given back")
            .conn
    }

    /// The read is complete (the server is ready for the next statement): keep the connection.
    fn give_back(mut self) {
        if let Some(kept) = self.kept.take() {
            self.leases.keep(kept);
        }
    }

    /// The connection is broken: close it.
    fn close(mut self) {
        if self.kept.take().is_some() {
            self.leases.open.fetch_sub(1, Ordering::Relaxed);
        }
    }
}

impl Leases {
    fn new(options: PgConnectOptions, max: u32) -> Self {
        Leases {
            options,
            idle: Mutex::new(Vec::new()),
            slots: Arc::new(Semaphore::new(max.max(1) as usize)),
            open: AtomicUsize::new(0),
        }
    }

    fn counts(&self) -> (usize, usize) {
        let idle = self.idle.lock().unwrap_or_else(|p| p.into_inner()).len();
        (self.open.load(Ordering::Relaxed), idle)
    }

    /// Puts an idle connection back, unless it has lived long enough.
    fn keep(&self, mut kept: Kept) {
        if kept.opened.elapsed() >= MAX_LIFETIME {
            self.open.fetch_sub(1, Ordering::Relaxed);
            return;
        }
        kept.used = Instant::now();
        self.idle.lock().unwrap_or_else(|p| p.into_inner()).push(kept);
    }

    /// A connection for one read: the one used last (kept warm), pinged first if it has been
    /// idle a while, or a new one.
    async fn lease(self: &Arc<Self>) -> Result<Lease, DbErr> {
        let slot = tokio::time::timeout(ACQUIRE_TIMEOUT, self.slots.clone().acquire_owned())
            .await
            .map_err(|_| DbErr::ConnectionAcquire(ConnAcquireErr::Timeout))?
            .map_err(|_| DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed))?;
        loop {
            let idle = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
            let Some(mut kept) = idle else { break };
            if kept.used.elapsed() < PING_IF_IDLE || kept.conn.ping().await.is_ok() {
                return Ok(self.lent(kept, slot));
            }
            // Broken while idle (a restarted server): dropped, try the next one.
            self.open.fetch_sub(1, Ordering::Relaxed);
        }
        let conn = tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&self.options))
            .await
            .map_err(|_| DbErr::ConnectionAcquire(ConnAcquireErr::Timeout))?
            .map_err(|e| DbErr::Conn(RuntimeErr::SqlxError(Arc::new(e))))?;
        self.open.fetch_add(1, Ordering::Relaxed);
        let now = Instant::now();
        let kept = Kept {
            conn,
            opened: now,
            used: now,
        };
        Ok(self.lent(kept, slot))
    }

    fn lent(self: &Arc<Self>, kept: Kept, slot: OwnedSemaphorePermit) -> Lease {
        Lease {
            kept: Some(kept),
            leases: self.clone(),
            slot: Some(slot),
        }
    }

    async fn query_all(self: &Arc<Self>, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        let mut lease = self.lease().await?;
        let values = SqlxValues(stmt.values.unwrap_or(sea_orm::Values(Vec::new())));
        let query = sqlx::query_with(sqlx::AssertSqlSafe(stmt.sql), values);
        match query.fetch_all(lease.conn()).await {
            Ok(rows) => {
                lease.give_back();
                Ok(rows.into_iter().map(QueryResult::from).collect())
            }
            Err(error) => {
                // A refused statement (bad input, a conflict) leaves the connection sound but
                // with the server's ReadyForQuery unread: the ping reads it. Anything else
                // (the connection broke) fails the ping too, and the connection is closed.
                if matches!(error, sqlx::Error::Database(_)) && lease.conn().ping().await.is_ok() {
                    lease.give_back();
                } else {
                    lease.close();
                }
                Err(DbErr::Query(RuntimeErr::SqlxError(Arc::new(error))))
            }
        }
    }
}
