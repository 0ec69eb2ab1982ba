//! SIGKILL while a client writes: after a restart on the same database every write that was
//! answered with success is there, with its audit event, and the database is consistent.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use entity::{audit_event, learning_question};
use samenspel::config::DatabaseSettings;
use samenspel::graphql::ids::{NodeType, decode_as, encode};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, Statement};
use serde_json::json;
use tokio::task::JoinSet;

use crate::helpers::fresh_database_url;
use crate::server::{self, Server, write};

const WRITERS: usize = 4;

/// Writes questions until the server stops answering; returns the errors that were not the
/// connection going away.
async fn writer(address: String, token: String, coalition: String, acked: Arc<Mutex<Vec<String>>>) -> Vec<String> {
    let client = reqwest::Client::new();
    let mut errors = Vec::new();
    for i in 0.. {
        let input =
            json!({ "coalition": coalition, "title": format!("Vraag {i}"), "context": "Schrijven tot het stopt" });
        match write(&client, &address, &token, "createLearningQuestion", input).await {
            Ok(id) => acked.lock().unwrap().push(id),
            Err(e) if e.starts_with("transport") => break,
            Err(e) => errors.push(e),
        }
    }
    errors
}

/// Starts the server, writes with several clients, and kills it with SIGKILL once 30 writes
/// were answered; returns the IDs of the writes answered with success.
async fn write_then_kill(url: &str, token: &str, coalition: &str) -> Vec<String> {
    let mut server = Server::start(url);
    let acked = Arc::new(Mutex::new(Vec::new()));
    let mut writers = JoinSet::new();
    for _ in 0..WRITERS {
        let args = (server.address.clone(), token.to_owned(), coalition.to_owned());
        writers.spawn(writer(args.0, args.1, args.2, acked.clone()));
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while acked.lock().unwrap().len() < 30 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill();
    let errors: Vec<String> = writers.join_all().await.into_iter().flatten().collect();
    assert!(errors.is_empty(), "writes failed before the kill: {errors:?}");
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 30, "only {} writes before the deadline", acked.len());
    acked
}

#[tokio::test]
async fn sigkill_loses_no_acknowledged_write() {
    // Arrange
    let (url, _dir) = fresh_database_url().await;
    let world = server::arrange(&url).await;
    let token = server::editor_token(&url);
    // Act: three times, kill the server mid-stream; then start it again on the same database.
    let mut acked = Vec::new();
    for _ in 0..3 {
        acked.extend(write_then_kill(&url, &token, &world.coalition).await);
    }
    let server = Server::start(&url);
    // Assert
    let settings = DatabaseSettings {
        database_url: url.clone(),
        db_pool: 1,
    };
    let (db, _) = samenspel::db::connect(&settings).await.unwrap();
    let rows = question_ids(&db).await;
    for id in &acked {
        let id = decode_as(id, NodeType::LearningQuestion).unwrap();
        assert!(rows.contains(&id), "question {id} was acknowledged but is lost");
    }
    assert_consistent(&db, &rows).await;
    let client = reqwest::Client::new();
    let input = json!({ "coalition": world.coalition, "title": "Na de herstart", "context": "c" });
    let after = write(&client, &server.address, &token, "createLearningQuestion", input).await;
    assert!(after.is_ok(), "the restarted server takes writes: {after:?}");
}

async fn question_ids(db: &DatabaseConnection) -> HashSet<i32> {
    let rows = learning_question::Entity::find().all(db).await.unwrap();
    rows.into_iter().map(|q| q.id).collect()
}

/// Every question has its audit event and every audit event its question; SQLite's own checks
/// find nothing wrong.
async fn assert_consistent(db: &DatabaseConnection, rows: &HashSet<i32>) {
    let audits = audit_event::Entity::find()
        .filter(audit_event::Column::EntityType.eq("LearningQuestion"))
        .all(db)
        .await
        .unwrap();
    let audited: HashSet<String> = audits.into_iter().map(|a| a.entity_id).collect();
    let expected: HashSet<String> = rows
        .iter()
        .map(|id| encode(NodeType::LearningQuestion, *id).to_string())
        .collect();
    assert_eq!(audited, expected, "a write and its audit event commit together");
    if db.get_database_backend() == DbBackend::Sqlite {
        assert_eq!(pragma::<String>(db, "integrity_check").await, "ok");
        let dangling = db.query_all_raw(Statement::from_string(DbBackend::Sqlite, "PRAGMA foreign_key_check"));
        assert!(dangling.await.unwrap().is_empty(), "dangling foreign keys");
        // What `db::connect` promises: WAL (kept in the file), full fsync and foreign keys.
        assert_eq!(pragma::<String>(db, "journal_mode").await, "wal");
        assert_eq!(pragma::<i32>(db, "synchronous").await, 2, "FULL");
        assert_eq!(pragma::<i32>(db, "foreign_keys").await, 1);
    }
}

/// The first value `PRAGMA name` answers.
async fn pragma<T: sea_orm::TryGetable>(db: &DatabaseConnection, name: &str) -> T {
    let sql = format!("PRAGMA {name}");
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Sqlite, sql))
        .await
        .unwrap();
    row.expect("a row").try_get_by_index(0).unwrap()
}
