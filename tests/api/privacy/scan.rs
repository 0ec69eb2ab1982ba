//! Looking for a trace of a person: in every API answer, in every text column of every table,
//! and in the bytes of the database itself (the SQLite file after a checkpoint, a `pg_dump` of
//! the PostgreSQL database).

use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::json;

use crate::helpers::TestApp;

/// Every query path that can show a person.
const EVERYWHERE: [&str; 4] = [
    "query($id: ID!) { node(id: $id) { ... on Person { id name email externalRef
      workgroupMemberships { nodes { id } } contributions { nodes { id body } } } } }",
    "query($slug: String!) { organisation(slug: $slug) { people(first: 100) { nodes { name email externalRef } } } }",
    "{ workgroups(first: 10) { nodes { name members(first: 20) { nodes { person { name email } } } } } }",
    "{ learningQuestions(first: 10) { nodes { title askedByPerson { name email }
      contributions(first: 20) { nodes { body attribution author { name email } } } } } }",
];
const ADMIN_ONLY: &str = "{
  auditEvents(first: 100) { nodes { action entityType entityId changedFields role } }
  apiTokens(first: 100) { nodes { label } }
}";
/// Search by the person's name: people are not searchable and contributions are not found by
/// their author, so only a text that names them could turn up.
const SEARCH: &str = "query($q: String!) { search(query: $q, first: 100) { totalCount edges { highlight
    node { __typename ... on Contribution { body author { name email } organisation { name } }
    ... on LearningQuestion { title askedByPerson { name } } } } }
    similarQuestions(title: $q, first: 20) { title askedByPerson { name } } }";

const FEED: &str = "{ changes(first: 100) { nodes { action entityType nodeId changedFields
  node { ... on Person { name email externalRef } ... on Contribution { body author { name email } }
         ... on LearningQuestion { askedByPerson { name email } } } } } }";

/// Whether `text` holds a trace of any of `needles` (compared without case).
pub fn holds(text: &str, needles: &[&str]) -> bool {
    let text = text.to_lowercase();
    needles.iter().any(|n| text.contains(&n.to_lowercase()))
}

/// The answers of every query path for `token` (empty: anonymous), as text; with the audit log
/// and token labels when the token is an `admin`'s.
pub async fn answers(app: &TestApp, token: &str, admin: bool, person: &str, slug: &str) -> Vec<String> {
    let vars = json!({ "id": person, "slug": slug });
    let mut out = Vec::new();
    let ask = |q: &'static str, vars: serde_json::Value| async move {
        let body = if token.is_empty() {
            app.post(q, vars).await
        } else {
            app.post_as(token, q, vars).await
        };
        assert!(body["data"].is_object(), "{body}");
        body.to_string()
    };
    for q in EVERYWHERE {
        out.push(ask(q, vars.clone()).await);
    }
    out.push(ask(FEED, json!({})).await);
    for words in super::support::NAME.split_whitespace().chain([super::support::NAME]) {
        out.push(ask(SEARCH, json!({ "q": words })).await);
    }
    if admin {
        out.push(ask(ADMIN_ONLY, json!({})).await);
    }
    out
}

/// `table.column` of every text value in the database holding any of `needles`.
pub async fn rows_holding(app: &TestApp, needles: &[&str]) -> Vec<String> {
    let backend = app.db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns \
             WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')"
        }
        _ => {
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table'"
        }
    };
    let columns = app
        .db
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap();
    let mut found = Vec::new();
    for r in columns {
        let (t, c): (String, String) = (r.try_get("", "t").unwrap(), r.try_get("", "c").unwrap());
        let q = format!(r#"SELECT CAST("{c}" AS TEXT) AS v FROM "{t}""#);
        for row in app.db.query_all_raw(Statement::from_string(backend, q)).await.unwrap() {
            let v: Option<String> = row.try_get("", "v").unwrap_or(None);
            if v.is_some_and(|v| holds(&v, needles)) {
                found.push(format!("{t}.{c}"));
            }
        }
    }
    found
}

/// The bytes of the database: the SQLite file (and its write-ahead log) after a checkpoint, or
/// a `pg_dump` of the PostgreSQL database.
pub async fn database_bytes(app: &TestApp) -> Vec<u8> {
    match app.db.get_database_backend() {
        DbBackend::Postgres => {
            let url = app.database_url.clone();
            let out = tokio::task::spawn_blocking(move || {
                std::process::Command::new("pg_dump")
                    .arg("--no-owner")
                    .arg(&url)
                    .output()
            })
            .await
            .unwrap()
            .expect("pg_dump runs");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            out.stdout
        }
        _ => {
            app.db
                .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                .await
                .unwrap();
            let path = app.database_url.trim_start_matches("sqlite://");
            let path = path.split('?').next().unwrap().to_string();
            let mut bytes = std::fs::read(&path).expect("the SQLite file");
            bytes.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
            bytes
        }
    }
}

/// Whether `bytes` hold any of `needles`, spelled as given or in lower case.
pub fn bytes_hold(bytes: &[u8], needles: &[&str]) -> bool {
    needles.iter().any(|n| {
        [n.to_string(), n.to_lowercase()]
            .iter()
            .any(|n| bytes.windows(n.len()).any(|w| w == n.as_bytes()))
    })
}
