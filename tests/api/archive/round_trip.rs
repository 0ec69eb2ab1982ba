//! SQLite → file → PostgreSQL (when `TEST_DATABASE_URL` is set, else SQLite) → file gives the
//! same bytes, for every coalition of the demo dataset and one with every attribution; and the
//! file holds people only as their attribution allows.

use sea_orm::{Database, EntityTrait, QueryOrder};
use serde_json::Value;

use super::support::{SLUG, archived, export, import, ok};
use crate::helpers::fresh_database_url;
use crate::server::command;

#[tokio::test]
async fn every_coalition_survives_a_round_trip_to_the_byte() {
    // Arrange: a SQLite source with the demo dataset and the archive fixture.
    let dir = tempfile::tempdir().unwrap();
    let source = format!("sqlite://{}?mode=rwc", dir.path().join("source.db").display());
    ok(&command(&source).args(["seed", "--demo"]).output().unwrap());
    let db = Database::connect(&source).await.unwrap();
    archived(&db).await;
    let slugs: Vec<String> = entity::coalition::Entity::find()
        .order_by_asc(entity::coalition::Column::Id)
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.slug)
        .collect();
    db.close().await.ok();
    let (target, _target_dir) = fresh_database_url().await;
    let mut totals = std::collections::BTreeMap::<String, u64>::new();

    for slug in &slugs {
        // Act: export, import elsewhere, export again.
        let first = dir.path().join(format!("{slug}.jsonl"));
        let again = dir.path().join(format!("{slug}.again.jsonl"));
        ok(&export(&source, slug, &first));
        ok(&import(&target, &first));
        ok(&export(&target, slug, &again));

        // Assert: the same bytes.
        let (a, b) = (std::fs::read(&first).unwrap(), std::fs::read(&again).unwrap());
        assert!(
            a == b,
            "{slug}: the second export differs:\n{}\n---\n{}",
            show(&a),
            show(&b)
        );
        let header: Value = serde_json::from_slice(a.split(|b| *b == b'\n').next().unwrap()).unwrap();
        assert_eq!(header["format"], "samenspel-coalition-archive");
        assert_eq!(header["version"], 1);
        assert_eq!(header["coalition"], slug.as_str());
        for (kind, n) in header["counts"].as_object().unwrap() {
            *totals.entry(kind.clone()).or_default() += n.as_u64().unwrap();
        }
    }
    assert!(slugs.len() > 5, "{slugs:?}");
    for (kind, n) in &totals {
        assert!(*n > 0, "no {kind} in any archive: the round trip misses a type");
    }
}

#[tokio::test]
async fn people_appear_only_as_their_attribution_allows() {
    // Arrange
    let (url, _dir) = fresh_database_url().await;
    ok(&command(&url).arg("migrate").output().unwrap());
    let db = Database::connect(&url).await.unwrap();
    archived(&db).await;
    db.close().await.ok();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("a.jsonl");

    // Act
    ok(&export(&url, SLUG, &file));

    // Assert
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let of = |t: &str| lines.iter().filter(|l| l["type"] == t).cloned().collect::<Vec<_>>();
    assert!(text.contains("Marie Jansen"), "a NAMED author keeps her name");
    assert!(
        !text.contains("Kees Verborgen") && !text.contains("Piet Anoniem"),
        "{text}"
    );
    assert!(!text.contains('@'), "no emails: {text}");
    assert!(
        !text.contains("archief-buiten"),
        "an organisation nothing refers to is left out"
    );
    let people = of("person");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0]["organisation"], "archief-lead");
    let contributions = of("contribution");
    let by = |a: &str| contributions.iter().find(|c| c["attribution"] == a).unwrap().clone();
    assert_eq!(by("NAMED")["author"], people[0]["id"]);
    assert_eq!(by("ORGANISATION")["author"], Value::Null);
    assert_eq!(by("ORGANISATION")["organisation"], "archief-partner");
    assert_eq!(by("ANONYMOUS")["author"], Value::Null);
    assert_eq!(by("ANONYMOUS")["organisation"], Value::Null);
    assert_eq!(by("NAMED")["visibility"], "PARTNERS", "visibility levels are kept");
    let memberships = of("membership");
    assert_eq!(memberships.len(), 2);
    assert!(
        memberships
            .iter()
            .any(|m| m["organisation"] == "archief-lead" && m["role"] == "LEAD")
    );
    assert_eq!(of("workgroupMember").len(), 1);
    assert_eq!(of("coalition")[0]["stage"], "DISPERSED");
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.get("createdAt").is_none_or(|t| t.as_str().unwrap().ends_with('Z')))
    );
}

fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).chars().take(4000).collect()
}
