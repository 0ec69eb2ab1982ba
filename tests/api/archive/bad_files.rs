//! Files `samenspel import` must refuse with a clear error, importing NOTHING: truncated, of an
//! unknown version, a broken line, wrong counts, text PostgreSQL cannot hold, references to
//! nothing, more than attribution allows, and a coalition slug that exists.

use entity::{audit_event, change_event, coalition, organisation, person, theme};
use sea_orm::{Database, DatabaseConnection, EntityTrait, PaginatorTrait};

use super::support::{SLUG, archived, export, import, ok, stderr};
use crate::helpers::fresh_database_url;
use crate::server::command;

/// The lines of a good archive of the `archived` coalition.
async fn good_file() -> Vec<String> {
    let (url, _dir) = fresh_database_url().await;
    ok(&command(&url).arg("migrate").output().unwrap());
    let db = Database::connect(&url).await.unwrap();
    archived(&db).await;
    db.close().await.ok();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("good.jsonl");
    ok(&export(&url, SLUG, &file));
    std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

fn replaced(all: &[u8], from: &str, to: &str) -> Vec<u8> {
    String::from_utf8(all.to_vec())
        .unwrap()
        .replacen(from, to, 1)
        .into_bytes()
}

fn joined(lines: &[String]) -> Vec<u8> {
    lines.iter().flat_map(|l| format!("{l}\n").into_bytes()).collect()
}

/// `lines` with the first line of `type` changed by `f`.
fn edit(lines: &[String], kind: &str, f: impl Fn(&str) -> String) -> Vec<u8> {
    let tag = format!("{{\"type\":\"{kind}\"");
    let at = lines
        .iter()
        .position(|l| l.starts_with(&tag))
        .expect("a line of that type");
    let mut v = lines.to_vec();
    v[at] = f(&v[at]);
    joined(&v)
}

async fn nothing_in(db: &DatabaseConnection) -> [u64; 6] {
    [
        coalition::Entity::find().count(db).await.unwrap(),
        organisation::Entity::find().count(db).await.unwrap(),
        person::Entity::find().count(db).await.unwrap(),
        theme::Entity::find().count(db).await.unwrap(),
        change_event::Entity::find().count(db).await.unwrap(),
        audit_event::Entity::find().count(db).await.unwrap(),
    ]
}

#[tokio::test]
async fn bad_files_are_refused_and_nothing_is_imported() {
    // Arrange
    let good = good_file().await;
    let all = joined(&good);
    let (target, _dir) = fresh_database_url().await;
    ok(&command(&target).arg("migrate").output().unwrap());
    let db = Database::connect(&target).await.unwrap();
    let long = "x".repeat(301);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "REQUIRED: The file is empty"),
        ("cut mid-line", all[..all.len() - 20].to_vec(), "the file is truncated"),
        ("cut at a line", joined(&good[..good.len() - 1]), "The header counts"),
        (
            "unknown version",
            replaced(&all, "\"version\":1", "\"version\":2"),
            "Unknown archive version 2",
        ),
        (
            "no version",
            replaced(&all, "\"version\":1,", ""),
            "Unknown archive version none",
        ),
        (
            "NUL in the header",
            replaced(
                &all,
                "\"coalition\":\"archief-wooncirkels\"",
                "\"coalition\":\"a\\u0000b\"",
            ),
            "line 1: `coalition` holds the control character U+0000",
        ),
        (
            "not an archive",
            b"{\"format\":\"csv\",\"version\":1}\n".to_vec(),
            "`format` must be",
        ),
        (
            "broken line",
            edit(&good, "theme", |_| "{\"type\":\"theme\",\"slug\":".into()),
            "line 4: Not a record",
        ),
        (
            "unknown type",
            edit(&good, "theme", |_| "{\"type\":\"webhook\"}".into()),
            "Not a record",
        ),
        (
            "unknown field",
            edit(&good, "theme", |l| l.replacen('{', "{\"email\":\"x@y.z\",", 1)),
            "unknown field",
        ),
        (
            "wrong counts",
            replaced(&all, "\"questions\":1", "\"questions\":2"),
            "The header counts",
        ),
        (
            "escaped NUL",
            edit(&good, "question", |l| l.replacen("Wat is", "Wat\\u0000is", 1)),
            "U+0000",
        ),
        (
            "raw NUL",
            edit(&good, "question", |l| l.replacen("Wat is", "Wat\0is", 1)),
            "Not a record",
        ),
        (
            "too long",
            edit(&good, "outcome", |l| {
                l.replacen("\"title\":\"", &format!("\"title\":\"{long}"), 1)
            }),
            "TOO_LONG",
        ),
        (
            "not UTF-8",
            edit(&good, "outcome", |l| l.to_string())
                .into_iter()
                .chain(*b"\xff\xfe\n")
                .collect(),
            "Not UTF-8",
        ),
        (
            "missing question",
            edit(&good, "outcome", |l| {
                l.replacen("\"questions\":[1]", "\"questions\":[9]", 1)
            }),
            "NOT_FOUND",
        ),
        (
            "anonymous author",
            edit(&good, "contribution", |l| {
                l.replacen("\"attribution\":\"NAMED\"", "\"attribution\":\"ANONYMOUS\"", 1)
            }),
            "An ANONYMOUS contribution",
        ),
        (
            "bad enum",
            edit(&good, "meeting", |l| {
                l.replacen("\"visibility\":\"COALITION\"", "\"visibility\":\"SECRET\"", 1)
            }),
            "`visibility` must be one of",
        ),
        (
            "out of order",
            {
                let mut v = good.clone();
                let n = v.len();
                v.swap(n - 1, n - 2);
                joined(&v)
            },
            "Out of order",
        ),
        (
            "line too long",
            {
                let mut b = joined(&good);
                b.extend(vec![b'x'; (4 << 20) + 1]);
                b.push(b'\n');
                b
            },
            "Longer than",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();

    for (name, bytes, want) in &cases {
        // Act
        let file = dir.path().join("bad.jsonl");
        std::fs::write(&file, bytes).unwrap();
        let out = import(&target, &file);

        // Assert: a clear error, and nothing in the database.
        let err = stderr(&out);
        assert!(!out.status.success(), "{name}: imported");
        assert!(err.contains(want), "{name}: expected {want:?} in {err}");
        assert!(err.contains("nothing was imported"), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert_eq!(nothing_in(&db).await, [0; 6], "{name}: something was imported");
    }

    // The good file still imports, once: its slug is then taken.
    let file = dir.path().join("good.jsonl");
    std::fs::write(&file, &all).unwrap();
    ok(&import(&target, &file));
    assert_eq!(nothing_in(&db).await[0], 1);
    let again = import(&target, &file);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("DUPLICATE: line 1: A coalition with slug"),
        "{}",
        stderr(&again)
    );
}
