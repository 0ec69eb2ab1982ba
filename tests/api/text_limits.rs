//! Every length limit is checked before SQL, and the limits are the columns' own sizes, read from
//! the live database (PostgreSQL's `information_schema`, SQLite's declared types): a text one
//! character over a column's size is TOO_LONG on both databases (PostgreSQL would otherwise
//! fail with INTERNAL and SQLite store it), and a text of exactly its size is stored.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::json;

use crate::helpers::{TestApp, spawn_app};
use crate::text_fields::{self, Stored, text_fields};
use crate::writes;

/// Bounded text columns no client writes as text: enums (held to the longest enum value below)
/// and what the server writes itself (token ids, audit records).
const NOT_CLIENT_TEXT: &[&str] = &[
    "kind",
    "stage",
    "role",
    "visibility",
    "status",
    "attribution",
    "api_token.jti",
    "audit_event.action",
    "audit_event.entity_type",
    "audit_event.entity_id",
    "audit_event.visibility_from",
    "audit_event.visibility_to",
    "change_event.entity_type",
    "change_event.node_id",
    "change_event.action",
    "change_event.scope_visibility",
    // A webhook's URL must also parse and resolve, so its limits are tested in
    // `webhooks::manage`; the other webhook columns are written by the service.
    "webhook.url",
    "webhook.secret",
    "webhook.previous_secret",
    "webhook.disabled_reason",
    "webhook_delivery.event_type",
    "webhook_delivery.message_id",
    "webhook_delivery.record_key",
    "webhook_delivery.state",
    "webhook_delivery.lease",
    "webhook_delivery.last_error",
];

/// `(table, column)` → size in characters of every bounded text column of the database.
async fn column_sizes(app: &TestApp) -> BTreeMap<(String, String), usize> {
    let backend = app.db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT table_name::text AS t, column_name::text AS c, \
             CAST(character_maximum_length AS BIGINT) AS n FROM information_schema.columns \
             WHERE table_schema = current_schema() AND character_maximum_length IS NOT NULL"
        }
        _ => {
            "SELECT m.name AS t, p.name AS c, \
             CAST(substr(p.type, 9, length(p.type) - 9) AS INTEGER) AS n \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND lower(p.type) LIKE 'varchar(%)'"
        }
    };
    let rows = app
        .db
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            let (t, c, n): (String, String, i64) = (
                r.try_get("", "t").unwrap(),
                r.try_get("", "c").unwrap(),
                r.try_get("", "n").unwrap(),
            );
            ((t, c), n as usize)
        })
        .filter(|((t, _), _)| !t.starts_with("seaql_"))
        .collect()
}

#[tokio::test]
async fn every_bounded_column_a_client_writes_is_in_the_catalogue() {
    let app = spawn_app().await;
    let sizes = column_sizes(&app).await;
    assert!(sizes.len() > 20, "sizes read from the database: {sizes:?}");
    let catalogued: BTreeSet<(String, String)> = text_fields()
        .filter_map(|(_, _, stored)| match stored {
            Stored::Column(t, c) => Some((t.to_string(), c)),
            Stored::Free(_) => None,
        })
        .collect();
    for (t, c) in sizes.keys() {
        let internal = NOT_CLIENT_TEXT.contains(&c.as_str()) || NOT_CLIENT_TEXT.contains(&format!("{t}.{c}").as_str());
        assert!(
            internal || catalogued.contains(&(t.clone(), c.clone())),
            "{t}.{c} is bounded but no mutation in text_fields writes it"
        );
    }
    for column in &catalogued {
        assert!(
            sizes.contains_key(column),
            "{column:?} is catalogued but not a bounded column"
        );
    }
    // Enum columns hold every enum value.
    let q = "{ __schema { types { enumValues { name } } } }";
    let types = app.data(q, json!({})).await["__schema"]["types"].clone();
    let longest = types
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["enumValues"].as_array())
        .flatten();
    let longest = longest.map(|v| v["name"].as_str().unwrap().len()).max().unwrap();
    for ((t, c), n) in &sizes {
        if NOT_CLIENT_TEXT.contains(&c.as_str()) {
            assert!(
                *n >= longest,
                "{t}.{c} holds {n} characters, an enum value has {longest}"
            );
        }
    }
}

#[tokio::test]
async fn text_over_its_limit_is_too_long_and_text_at_it_is_stored() {
    let app = spawn_app().await;
    let rows = writes::arrange(&app).await;
    let sizes = column_sizes(&app).await;
    let limit = |stored: &Stored| match stored {
        Stored::Column(t, c) => sizes[&(t.to_string(), c.clone())],
        Stored::Free(n) => *n,
    };
    let audits = "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM audit_event";
    let count = || async {
        let stmt = Statement::from_string(app.db.get_database_backend(), audits);
        let row = app.db.query_one_raw(stmt).await.unwrap().unwrap();
        row.try_get::<i64>("", "n").unwrap()
    };
    let before = count().await;
    for (k, (mutation, field, stored)) in text_fields().enumerate() {
        let mut input = rows.input(mutation, k);
        input[field] = json!(text_fields::text_of(field, k, limit(&stored) + 1));
        let p = rows.send(&app, mutation, input).await;
        assert_eq!(
            writes::codes_on(&p, field),
            ["TOO_LONG"],
            "{mutation}.{field} {stored:?}: {p}"
        );
    }
    assert_eq!(count().await, before, "nothing over a limit was written");
    for (k, (mutation, field, stored)) in text_fields().enumerate() {
        let mut input = rows.input(mutation, 1000 + k);
        input[field] = json!(text_fields::text_of(field, 1000 + k, limit(&stored)));
        let p = rows.send(&app, mutation, input).await;
        assert_eq!(p["userErrors"], json!([]), "{mutation}.{field} at its limit {stored:?}");
    }
    assert!(count().await > before, "text at its limit was written");
}
