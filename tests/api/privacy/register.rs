//! The register of personal data holds every column of the migrated database, and nothing
//! else: a migration that adds a column nobody classified fails here, on SQLite and
//! PostgreSQL alike.

use std::collections::BTreeSet;

use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::helpers::{TestApp, spawn_app};
use samenspel::privacy::register::{Class, Erase, Export, REGISTER};

/// `(table, column)` of every column of the database, the migration tool's tables left out.
async fn columns(app: &TestApp) -> BTreeSet<(String, String)> {
    let backend = app.db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns \
             WHERE table_schema = current_schema()"
        }
        // Tables and virtual tables (an FTS5 index), not the shadow tables SQLite keeps behind
        // a virtual table, nor its own statistics.
        _ => {
            "SELECT l.name AS t, p.name AS c FROM pragma_table_list l JOIN pragma_table_info(l.name) p \
             WHERE l.schema = 'main' AND l.type IN ('table', 'virtual') AND l.name NOT LIKE 'sqlite_%'"
        }
    };
    let rows = app
        .db
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            (
                r.try_get::<String>("", "t").unwrap(),
                r.try_get::<String>("", "c").unwrap(),
            )
        })
        .filter(|(t, _)| !t.starts_with("seaql_"))
        .collect()
}

/// Columns the search index has on one database only: a tsvector on PostgreSQL, an FTS5 table
/// on SQLite.
const ONE_DATABASE_ONLY: &[(&str, &str)] = &[
    ("search_entry", "document"),
    ("search_fts", "title"),
    ("search_fts", "body"),
];

#[tokio::test]
async fn every_column_of_the_database_is_classified() {
    let app = spawn_app().await;
    let real = columns(&app).await;
    assert!(real.len() > 150, "columns read from the database: {}", real.len());
    let registered: BTreeSet<(String, String)> = REGISTER
        .iter()
        .flat_map(|t| t.columns.iter().map(|c| (t.name.to_string(), c.name.to_string())))
        .collect();
    let unclassified: Vec<_> = real.difference(&registered).collect();
    assert!(
        unclassified.is_empty(),
        "columns missing from src/privacy/register.rs: {unclassified:?}"
    );
    let stale: Vec<_> = registered
        .difference(&real)
        .filter(|(t, c)| !ONE_DATABASE_ONLY.contains(&(t.as_str(), c.as_str())))
        .collect();
    assert!(stale.is_empty(), "register entries without a column: {stale:?}");
    let names: Vec<_> = REGISTER.iter().map(|t| t.name).collect();
    let unique: BTreeSet<_> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "one entry per table");
}

#[test]
fn the_register_says_what_erasure_does_with_everything_personal() {
    for t in REGISTER {
        for c in t.columns {
            if c.class == Class::Personal && t.name == "person" {
                assert_eq!(c.export, Export::Included, "{}.{} is the person's own", t.name, c.name);
            }
        }
    }
    let person = samenspel::privacy::register::table("person").unwrap();
    let erase = |name: &str| person.columns.iter().find(|c| c.name == name).unwrap().erase;
    assert_eq!(
        (erase("name"), erase("email"), erase("external_ref")),
        (Erase::Pseudonymised, Erase::Cleared, Erase::Cleared)
    );
    // What erasure does besides keeping and scrubbing is written out in `privacy::erase`; the
    // register and the code agree.
    let acting: BTreeSet<_> = REGISTER
        .iter()
        .flat_map(|t| t.columns.iter().map(move |c| (t.name, c.name, c.erase)))
        .filter(|(_, _, e)| !matches!(e, Erase::Kept | Erase::Scrubbed | Erase::Derived))
        .collect();
    let done: BTreeSet<_> = samenspel::privacy::erase::WRITES.iter().copied().collect();
    assert_eq!(acting, done);
}
