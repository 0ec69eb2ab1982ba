//! The number of SQL statements of a nested query does not grow with page sizes: every level
//! is one batched statement, whatever the number of parents.

use entity::{Attribution, OrganisationKind, Visibility, contribution, learning_question, workgroup};
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::json;

use crate::fixtures::{self, Link, link};
use crate::helpers::spawn_unlimited_app;

const NESTED: &str = r#"query($n: Int) {
  coalitions(first: $n) { totalCount nodes { name
    members(first: $n) { totalCount nodes { role organisation { name } } }
    workgroups(first: $n) { totalCount nodes { name
      themes(first: $n) { nodes { slug } }
      learningQuestions(first: $n) { totalCount nodes { title workgroup { name } coalition { name }
        contributions(first: $n) { totalCount nodes { body author { name } organisation { name } } }
        meetings(first: $n) { nodes { title } } } } } } } } }"#;

#[tokio::test]
async fn nested_query_statement_count_is_independent_of_page_size() {
    let app = spawn_unlimited_app().await;
    let db = &app.db;
    let theme = fixtures::theme(db, "borging").await;
    let person = fixtures::person(db, None, "Bewoner").await;
    for c in 0..8 {
        let coalition = fixtures::coalition(db, &format!("coalitie-{c}")).await;
        for o in 0..7 {
            let org = fixtures::org(db, &format!("org-{c}-{o}"), OrganisationKind::Welfare).await;
            fixtures::member(db, coalition.id, org.id).await;
        }
        let wgs: Vec<workgroup::ActiveModel> = (0..7)
            .map(|w| fixtures::workgroup_am(coalition.id, format!("Werkgroep {c}-{w}"), Visibility::Public))
            .collect();
        workgroup::Entity::insert_many(wgs).exec(db).await.unwrap();
        let wgs = fixtures::workgroups_of(db, coalition.id).await;
        for wg in &wgs {
            link(db, Link::WorkgroupTheme(wg.id, theme.id)).await;
            let qs: Vec<learning_question::ActiveModel> = (0..6)
                .map(|q| fixtures::question_am(coalition.id, Some(wg.id), format!("Vraag {q}"), Visibility::Public))
                .collect();
            learning_question::Entity::insert_many(qs).exec(db).await.unwrap();
        }
    }
    let questions = learning_question::Entity::find().all(db).await.unwrap();
    let contributions: Vec<contribution::ActiveModel> = questions
        .iter()
        .flat_map(|q| {
            (0..6).map(|i| {
                let mut am = fixtures::contribution_am(q, Some(person.id), None, Visibility::Public);
                am.attribution = Set(if i % 2 == 0 {
                    Attribution::Named
                } else {
                    Attribution::Anonymous
                });
                am
            })
        })
        .collect();
    for chunk in contributions.chunks(500) {
        contribution::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await
            .unwrap();
    }

    let mut counts = vec![];
    let mut sizes = vec![];
    for n in [5, 50] {
        let before = app.statements.get();
        let d = app.data(NESTED, json!({ "n": n })).await;
        counts.push(app.statements.get() - before);
        sizes.push(d.to_string().len());
    }
    assert!(
        sizes[1] > sizes[0] * 2,
        "the larger page must return more rows: {sizes:?}"
    );
    assert_eq!(counts[0], counts[1], "statements for first: 5 and first: 50");
    // One statement per list level and one per to-one hop, not per row.
    assert!(counts[0] <= 16, "too many statements: {}", counts[0]);
}

/// On PostgreSQL the service's connections plan each prepared statement once: without it
/// PostgreSQL replanned the child pages on every execution (see `db::connect`).
#[tokio::test]
async fn postgresql_connections_keep_generic_plans() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = spawn_unlimited_app().await;
    if app.db.get_database_backend() != DbBackend::Postgres {
        return;
    }
    let row = app
        .db
        .query_one_raw(Statement::from_string(DbBackend::Postgres, "SHOW plan_cache_mode"))
        .await
        .unwrap()
        .expect("SHOW answers one row");
    let mode: String = row.try_get("", "plan_cache_mode").unwrap();
    assert_eq!(mode, "force_generic_plan");
}
