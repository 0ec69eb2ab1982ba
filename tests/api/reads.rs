//! The reads' connections (`samenspel::reads`): on PostgreSQL, kept for reads and reused without
//! a ping when a read completed, pinged and kept when the server refused a read or a read was
//! dropped halfway, closed when the connection broke; on SQLite, the pool as before.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::{ConnectionTrait, DbBackend, DbErr, RuntimeErr, Statement, Value};

use samenspel::db::StatementCounter;
use samenspel::reads::Reads;

use crate::helpers::{TestApp, spawn_app};

fn sql(backend: DbBackend, text: &str, values: Vec<Value>) -> Statement {
    Statement::from_sql_and_values(backend, text, values)
}

/// The server process behind the connection a read gets.
async fn backend_pid(reads: &Reads) -> Result<i32, DbErr> {
    let stmt = sql(DbBackend::Postgres, "SELECT pg_backend_pid() AS pid", vec![]);
    let row = reads.query_one_raw(stmt).await?.expect("one row");
    row.try_get("", "pid")
}

/// A test app and its reads through `slots` kept connections, on PostgreSQL only.
async fn on_postgres(slots: u32) -> Option<(TestApp, Reads)> {
    let app = spawn_app().await;
    if app.db.get_database_backend() != DbBackend::Postgres {
        return None;
    }
    let reads = Reads::new(app.db.clone(), slots, Arc::default());
    Some((app, reads))
}

#[tokio::test]
async fn reads_count_their_statements_and_on_sqlite_use_the_pool() {
    let app = spawn_app().await;
    let counter = Arc::new(StatementCounter::default());
    let reads = Reads::new(app.db.clone(), 2, counter.clone());
    let backend = reads.get_database_backend();
    let rows = reads
        .query_all_raw(sql(backend, "SELECT 1 AS one UNION ALL SELECT 2", vec![]))
        .await
        .unwrap();
    let ones: Vec<i32> = rows.iter().map(|r| r.try_get("", "one").unwrap()).collect();
    assert_eq!(ones, [1, 2]);
    match backend {
        DbBackend::Postgres => {
            assert_eq!(counter.get(), 1, "a read on a kept connection is counted");
            assert_eq!(reads.kept(), (1, 1), "one connection opened, idle again after the read");
        }
        _ => assert_eq!(reads.kept(), (0, 0), "SQLite keeps no connections of its own"),
    }
}

#[tokio::test]
async fn a_completed_read_gives_its_connection_back_for_the_next() {
    let Some((_app, reads)) = on_postgres(2).await else {
        return; // PostgreSQL only: SQLite reads go to the pool
    };
    let first = backend_pid(&reads).await.unwrap();
    for _ in 0..5 {
        assert_eq!(
            backend_pid(&reads).await.unwrap(),
            first,
            "reads one after another share one connection"
        );
    }
    assert_eq!(reads.kept(), (1, 1));
}

#[tokio::test]
async fn reads_at_once_use_at_most_the_slots_and_all_complete() {
    let Some((_app, reads)) = on_postgres(2).await else {
        return; // PostgreSQL only: SQLite reads go to the pool
    };
    let sleepy = || {
        let reads = reads.clone();
        async move {
            let stmt = sql(
                DbBackend::Postgres,
                "SELECT pg_backend_pid() AS pid, pg_sleep(0.2)",
                vec![],
            );
            let row = reads.query_one_raw(stmt).await.unwrap().unwrap();
            row.try_get::<i32>("", "pid").unwrap()
        }
    };
    let pids = futures_util::future::join_all((0..5).map(|_| tokio::spawn(sleepy()))).await;
    let mut pids: Vec<i32> = pids.into_iter().map(|p| p.unwrap()).collect();
    pids.sort_unstable();
    pids.dedup();
    assert_eq!(
        pids.len(),
        2,
        "five reads at once on two slots: two connections, {pids:?}"
    );
    assert_eq!(reads.kept(), (2, 2));
}

#[tokio::test]
async fn a_refused_read_keeps_its_connection_and_fails_as_on_the_pool() {
    let Some((app, reads)) = on_postgres(1).await else {
        return; // PostgreSQL only: SQLite reads go to the pool
    };
    let pid = backend_pid(&reads).await.unwrap();
    // PostgreSQL refuses a NUL byte in text, after the statement reached it.
    let refused = || sql(DbBackend::Postgres, "SELECT $1::text AS t", vec!["a\0b".into()]);
    let kept = reads.query_all_raw(refused()).await.unwrap_err();
    let pooled = app.db.query_all_raw(refused()).await.unwrap_err();
    assert!(
        matches!(&kept, DbErr::Query(RuntimeErr::SqlxError(e)) if e.as_database_error().is_some()),
        "{kept:?}"
    );
    assert_eq!(kept.to_string(), pooled.to_string(), "the same error as the pool's");
    let bad_number = sql(DbBackend::Postgres, "SELECT $1::int AS n", vec!["zeven".into()]);
    assert!(reads.query_all_raw(bad_number).await.is_err());
    assert_eq!(
        backend_pid(&reads).await.unwrap(),
        pid,
        "the connection is still the same one"
    );
    assert_eq!(reads.kept(), (1, 1));
}

#[tokio::test]
async fn a_read_dropped_halfway_keeps_its_connection_once_the_statement_ends() {
    let Some((_app, reads)) = on_postgres(1).await else {
        return; // PostgreSQL only: SQLite reads go to the pool
    };
    let pid = backend_pid(&reads).await.unwrap();
    let started = std::time::Instant::now();
    let slow = reads.query_all_raw(sql(DbBackend::Postgres, "SELECT pg_sleep(1)", vec![]));
    assert!(tokio::time::timeout(Duration::from_millis(200), slow).await.is_err());
    assert_eq!(reads.kept(), (1, 0), "open, not idle: its statement is still running");
    // The one slot is free again only once the dropped statement ended and the ping answered.
    let next = backend_pid(&reads).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "the next read waited for the statement in flight: {:?}",
        started.elapsed()
    );
    assert_eq!(next, pid, "the same connection, kept after the ping");
    assert_eq!(reads.kept(), (1, 1));
}

#[tokio::test]
async fn a_connection_that_broke_fails_one_read_and_is_replaced() {
    let Some((app, reads)) = on_postgres(1).await else {
        return; // PostgreSQL only: SQLite reads go to the pool
    };
    let pid = backend_pid(&reads).await.unwrap();
    let kill = sql(DbBackend::Postgres, "SELECT pg_terminate_backend($1)", vec![pid.into()]);
    app.db.execute_raw(kill).await.unwrap();
    // As with the pool (README, "Pool"): the read on the broken connection fails, once.
    let mut failed = 0;
    let next = loop {
        match backend_pid(&reads).await {
            Ok(next) => break next,
            Err(_) if failed == 0 => failed += 1,
            Err(e) => panic!("a second read failed too: {e}"),
        }
    };
    assert_ne!(next, pid);
    assert_eq!(reads.kept(), (1, 1), "the broken connection is not kept");
}
