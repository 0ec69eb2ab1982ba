//! Keyset paging: every row exactly once, forward and backward, even while rows are inserted.

use std::collections::HashSet;

use chrono::Duration;
use entity::{OrganisationKind, Visibility, organisation};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::{Value, json};

use crate::fixtures::{self, t0};
use crate::helpers::{TestApp, spawn_app};

/// Inserts organisations `from..to`; every ten share a `created_at`, so ties must be broken by id.
async fn insert_orgs(db: &DatabaseConnection, prefix: &str, from: usize, to: usize, minutes: i64) {
    let rows: Vec<organisation::ActiveModel> = (from..to)
        .map(|i| organisation::ActiveModel {
            id: NotSet,
            slug: Set(format!("{prefix}-{i:04}")),
            name: Set(format!("{prefix} {i:04}")),
            kind: Set(OrganisationKind::Welfare),
            city: Set(None),
            website: Set(None),
            description: Set(None),
            external_ref: Set(None),
            created_at: Set(t0() + Duration::minutes(minutes + (i / 10) as i64)),
            updated_at: Set(t0()),
            ..Default::default()
        })
        .collect();
    organisation::Entity::insert_many(rows).exec(db).await.unwrap();
}

const LIST: &str = r#"query($first: Int, $after: String, $last: Int, $before: String) {
  organisations(orderBy: {field: CREATED_AT, direction: ASC}, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { slug } } }"#;

async fn page(app: &TestApp, vars: Value) -> Value {
    app.data(LIST, vars).await["organisations"].clone()
}

fn slugs(p: &Value) -> Vec<String> {
    p["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["slug"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn forward_and_backward_yield_every_row_once_in_a_stable_order() {
    let app = spawn_app().await;
    insert_orgs(&app.db, "org", 0, 250, 0).await;
    let mut forward = vec![];
    let mut after = Value::Null;
    loop {
        let p = page(&app, json!({ "first": 30, "after": after })).await;
        assert_eq!(p["totalCount"], 250);
        forward.extend(slugs(&p));
        if !p["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            break;
        }
        after = p["pageInfo"]["endCursor"].clone();
    }
    let expected: Vec<String> = (0..250).map(|i| format!("org-{i:04}")).collect();
    assert_eq!(forward, expected);

    let mut backward = vec![];
    let mut before = Value::Null;
    loop {
        let p = page(&app, json!({ "last": 30, "before": before })).await;
        let mut s = slugs(&p);
        s.extend(backward);
        backward = s;
        if !p["pageInfo"]["hasPreviousPage"].as_bool().unwrap() {
            break;
        }
        before = p["pageInfo"]["startCursor"].clone();
    }
    assert_eq!(backward, expected);
}

#[tokio::test]
async fn rows_inserted_between_pages_neither_skip_nor_repeat_rows() {
    let app = spawn_app().await;
    insert_orgs(&app.db, "org", 0, 250, 0).await;
    let mut seen = vec![];
    let mut after = Value::Null;
    for round in 0.. {
        let p = page(&app, json!({ "first": 40, "after": after })).await;
        seen.extend(slugs(&p));
        if !p["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            break;
        }
        after = p["pageInfo"]["endCursor"].clone();
        // New rows land before, among and after the rows still to come.
        insert_orgs(&app.db, &format!("new{round}"), 0, 30, -60 + round * 7).await;
    }
    let originals: Vec<&String> = seen.iter().filter(|s| s.starts_with("org-")).collect();
    assert_eq!(originals.len(), 250, "every original row exactly once");
    assert_eq!(originals.iter().collect::<HashSet<_>>().len(), 250);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), seen.len(), "no row twice");
}

#[tokio::test]
async fn nested_connections_page_by_cursor_too() {
    let app = spawn_app().await;
    let c = fixtures::coalition(&app.db, "leren-en-innoveren").await;
    for i in 0..40 {
        fixtures::workgroup(&app.db, c.id, &format!("Leerkring {i:02}"), Visibility::Public).await;
    }
    let q = r#"query($after: String) { coalition(slug: "leren-en-innoveren") {
        workgroups(first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } } }"#;
    let mut names = vec![];
    let mut after = Value::Null;
    loop {
        let d = app.data(q, json!({ "after": after })).await;
        let w = &d["coalition"]["workgroups"];
        assert_eq!(w["totalCount"], 40);
        names.extend(
            w["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["name"].as_str().unwrap().to_string()),
        );
        if !w["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            break;
        }
        after = w["pageInfo"]["endCursor"].clone();
    }
    let expected: Vec<String> = (0..40).map(|i| format!("Leerkring {i:02}")).collect();
    assert_eq!(names, expected);
}
