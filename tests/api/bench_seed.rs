//! The benchmark dataset generator: exact sizes, the same rows on every run and database, and
//! the visibility and coalition rules, checked in SQL.

use std::fmt::Debug;

use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, Iterable, PrimaryKeyToColumn, QueryOrder, Statement};
use sha2::{Digest, Sha256};

use entity::{
    coalition, coalition_membership, contribution, learning_question, learning_track, meeting, meeting_question,
    organisation, outcome, outcome_question, person, question_theme, theme, track_session, workgroup,
    workgroup_membership, workgroup_theme,
};
use samenspel::seed::bench::{BenchCounts, seed_bench};

use crate::helpers::spawn_app;

/// SHA-256 of every row at scale 0.01, the same on SQLite and PostgreSQL. When the generator
/// changes on purpose, run `cargo test bench_seed -- --nocapture` and paste the printed digest.
const DIGEST_AT_0_01: &str = "ea8684a7b515cc2aff2a1c23202e515ac6e451c42856fa8c92aa4e9c6e085ec0";

#[tokio::test]
async fn the_bench_dataset_has_the_planned_sizes() {
    let app = spawn_app().await;

    let counts = seed_bench(&app.db, 0.01).await.expect("seeding at scale 0.01");

    // At least five organisations, so that every coalition has five members.
    let planned = [
        ("organisation", 5),
        ("theme", 1),
        ("person", 20),
        ("coalition", 5),
        ("coalition_membership", 25),
        ("workgroup", 20),
        ("learning_question", 200),
        ("contribution", 1_000),
        ("learning_track", 5),
        ("meeting", 50),
        ("outcome", 10),
    ];
    let reported = counts.tables();
    for (table, rows) in planned {
        assert_eq!(
            reported.iter().find(|(t, _)| *t == table).map(|r| r.1),
            Some(rows),
            "{table}"
        );
    }
    for (table, rows) in reported {
        assert!(rows > 0, "{table} is empty");
        assert_eq!(
            count(&app.db, &format!("SELECT COUNT(*) FROM {table}")).await,
            rows,
            "{table}"
        );
    }
}

#[tokio::test]
async fn the_bench_dataset_is_the_same_on_every_run() {
    let (first, second) = (spawn_app().await, spawn_app().await);

    let a = seed_bench(&first.db, 0.01).await.expect("first seed");
    let b = seed_bench(&second.db, 0.01).await.expect("second seed");

    assert_eq!(a, b);
    let digest = digest(&first.db).await;
    println!("bench dataset digest at scale 0.01: {digest}");
    assert_eq!(digest, self::digest(&second.db).await);
    assert_eq!(
        digest, DIGEST_AT_0_01,
        "the generator's rows changed; see DIGEST_AT_0_01"
    );
}

#[tokio::test]
async fn the_bench_generator_refuses_a_filled_database_and_a_bad_scale() {
    let app = spawn_app().await;
    for scale in [0.0, -1.0, f64::NAN, 1e9] {
        assert!(seed_bench(&app.db, scale).await.is_err(), "scale {scale}");
    }
    seed_bench(&app.db, 0.002).await.expect("first seed");

    let again = seed_bench(&app.db, 0.002).await;

    let message = format!("{:#}", again.expect_err("a second seed must fail"));
    assert!(message.contains("not empty"), "{message}");
    assert_eq!(count(&app.db, "SELECT COUNT(*) FROM organisation").await, 5);
}

#[tokio::test]
async fn bench_records_are_never_broader_than_their_parents() {
    let app = spawn_app().await;
    let counts: BenchCounts = seed_bench(&app.db, 0.01).await.expect("seed");
    let rank = |col: &str| format!("(CASE {col} WHEN 'PUBLIC' THEN 0 WHEN 'PARTNERS' THEN 1 ELSE 2 END)");

    let broken = [
        // A contribution shares its question's coalition and is at most as visible.
        format!(
            "SELECT COUNT(*) FROM contribution c JOIN learning_question q ON q.id = c.question_id \
             WHERE c.coalition_id <> q.coalition_id OR {} < {}",
            rank("c.visibility"),
            rank("q.visibility")
        ),
        format!(
            "SELECT COUNT(*) FROM learning_question q JOIN workgroup w ON w.id = q.workgroup_id \
             WHERE q.coalition_id <> w.coalition_id OR {} < {}",
            rank("q.visibility"),
            rank("w.visibility")
        ),
        format!(
            "SELECT COUNT(*) FROM meeting m JOIN workgroup w ON w.id = m.workgroup_id \
             WHERE m.coalition_id <> w.coalition_id OR {} < {}",
            rank("m.visibility"),
            rank("w.visibility")
        ),
        "SELECT COUNT(*) FROM meeting_question mq JOIN meeting m ON m.id = mq.meeting_id \
         JOIN learning_question q ON q.id = mq.question_id WHERE m.coalition_id <> q.coalition_id"
            .to_owned(),
        "SELECT COUNT(*) FROM contribution WHERE LENGTH(body) NOT BETWEEN 100 AND 800".to_owned(),
        "SELECT COUNT(*) FROM learning_question WHERE LENGTH(title) NOT BETWEEN 40 AND 120 \
         OR LENGTH(context) NOT BETWEEN 300 AND 1500"
            .to_owned(),
        "SELECT COUNT(*) FROM learning_question WHERE version <> 1".to_owned(),
    ];
    for sql in broken {
        assert_eq!(count(&app.db, &sql).await, 0, "{sql}");
    }

    // Mixed visibility, mostly PUBLIC (about 60/25/15 at scale 1; 20 workgroups make it coarser here).
    let mut shares = Vec::new();
    for v in ["PUBLIC", "PARTNERS", "COALITION"] {
        let n = count(
            &app.db,
            &format!("SELECT COUNT(*) FROM contribution WHERE visibility = '{v}'"),
        )
        .await;
        shares.push(n * 100 / counts.contributions);
    }
    assert!(shares.iter().all(|&s| s >= 3), "visibility shares {shares:?}");
    assert!(
        shares[0] >= 35 && shares[0] > shares[1] && shares[0] > shares[2],
        "visibility shares {shares:?}"
    );
}

#[tokio::test]
async fn bench_timestamps_lie_between_2016_and_2025() {
    let app = spawn_app().await;
    seed_bench(&app.db, 0.01).await.expect("seed");
    let first = "2016-01-01T00:00:00Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap();
    let end = "2026-01-01T00:00:00Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap();

    let contributions = contribution::Entity::find().all(&app.db).await.unwrap();
    let questions = learning_question::Entity::find().all(&app.db).await.unwrap();

    let stamps = contributions
        .iter()
        .flat_map(|c| [c.created_at, c.updated_at])
        .chain(questions.iter().flat_map(|q| [q.created_at, q.updated_at]));
    for at in stamps {
        assert!(first <= at && at < end, "{at}");
    }
    let years: std::collections::BTreeSet<_> = contributions
        .iter()
        .map(|c| c.created_at.format("%Y"))
        .map(|y| y.to_string())
        .collect();
    assert!(years.len() >= 5, "contributions only in {years:?}");
}

async fn count(db: &DatabaseConnection, sql: &str) -> u64 {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql.to_owned()))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .expect("a row");
    row.try_get_by_index::<i64>(0).expect("a count") as u64
}

/// SHA-256 over every generated row, table by table in primary-key order.
async fn digest(db: &DatabaseConnection) -> String {
    let mut h = Sha256::new();
    rows::<organisation::Entity>(db, &mut h).await;
    rows::<theme::Entity>(db, &mut h).await;
    rows::<person::Entity>(db, &mut h).await;
    rows::<coalition::Entity>(db, &mut h).await;
    rows::<coalition_membership::Entity>(db, &mut h).await;
    rows::<workgroup::Entity>(db, &mut h).await;
    rows::<workgroup_membership::Entity>(db, &mut h).await;
    rows::<workgroup_theme::Entity>(db, &mut h).await;
    rows::<learning_question::Entity>(db, &mut h).await;
    rows::<question_theme::Entity>(db, &mut h).await;
    rows::<contribution::Entity>(db, &mut h).await;
    rows::<learning_track::Entity>(db, &mut h).await;
    rows::<meeting::Entity>(db, &mut h).await;
    rows::<meeting_question::Entity>(db, &mut h).await;
    rows::<track_session::Entity>(db, &mut h).await;
    rows::<outcome::Entity>(db, &mut h).await;
    rows::<outcome_question::Entity>(db, &mut h).await;
    hex::encode(h.finalize())
}

async fn rows<E: EntityTrait>(db: &DatabaseConnection, h: &mut Sha256)
where
    E::Model: Debug,
{
    let mut query = E::find();
    for key in E::PrimaryKey::iter() {
        query = query.order_by_asc(key.into_column());
    }
    for row in query.all(db).await.expect("reading rows back") {
        h.update(format!("{row:?}\n"));
    }
}
