//! `createCoalition`, `updateCoalition`, `archiveCoalition`.

use entity::{LifecycleStage, coalition};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::{arrange, assert_audited, gid, mutation, refused, rejected, run};
use crate::helpers::spawn_app;
use samenspel::graphql::ids::NodeType;

const SELECTION: &str = "coalition { id slug name kind stage startsOn endsOn version archivedAt }";

fn create() -> String {
    mutation("createCoalition", "CreateCoalitionInput", SELECTION)
}

fn update() -> String {
    mutation("updateCoalition", "UpdateCoalitionInput", SELECTION)
}

fn archive() -> String {
    mutation("archiveCoalition", "ArchiveCoalitionInput", SELECTION)
}

#[tokio::test]
async fn platform_admin_creates_a_coalition() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let input = json!({ "slug": "bijspringen-en-versterken", "name": "Bijspringen en versterken",
        "kind": "AREA_COALITION", "municipality": "Nieuwegein", "startsOn": "2024-01-15", "endsOn": "2025-12-31" });
    let p = run(&app, &w.platform, &create(), "createCoalition", input).await;
    assert_eq!(p["userErrors"], json!([]));
    let c = &p["coalition"];
    assert_eq!(
        (&c["stage"], &c["startsOn"], &c["version"]),
        (&json!("POTENTIAL"), &json!("2024-01-15"), &json!(1))
    );
    let row = coalition::Entity::find()
        .filter(coalition::Column::Slug.eq("bijspringen-en-versterken"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the row");
    assert_eq!(
        (row.stage, row.municipality.as_deref()),
        (LifecycleStage::Potential, Some("Nieuwegein"))
    );
    let changed = [
        "slug",
        "name",
        "kind",
        "area",
        "municipality",
        "startsOn",
        "endsOn",
        "description",
        "stage",
    ];
    assert_audited(&app, 1, "createCoalition", &gid(NodeType::Coalition, row.id), &changed).await;
}

#[tokio::test]
async fn create_coalition_checks_input_and_role() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let (q, name) = (create(), "createCoalition");
    let cases = [
        (
            json!({ "slug": "cop-wooncirkels", "name": "Dubbel", "kind": "PARTNERSHIP" }),
            vec!["slug:DUPLICATE"],
        ),
        (
            json!({ "slug": "x", "name": "Kort", "kind": "PARTNERSHIP" }),
            vec!["slug:INVALID"],
        ),
        (
            json!({ "slug": "nieuw", "name": "", "kind": "PARTNERSHIP" }),
            vec!["name:REQUIRED"],
        ),
        (
            json!({ "slug": "nieuw", "name": "Nieuw", "kind": "PARTNERSHIP", "startsOn": "2025-01-01", "endsOn": "2024-01-01" }),
            vec!["endsOn:OUT_OF_RANGE"],
        ),
    ];
    for (input, expected) in cases {
        rejected::<coalition::Entity>(&app, &w.platform, &q, name, input, &expected).await;
    }
    let input = json!({ "slug": "nieuw", "name": "Nieuw", "kind": "PARTNERSHIP" });
    for token in [&w.admin_a, &w.editor_a, &w.reader_a] {
        refused::<coalition::Entity>(&app, Some(token), &q, &input, "FORBIDDEN").await;
    }
    refused::<coalition::Entity>(&app, None, &q, &input, "UNAUTHENTICATED").await;
}

#[tokio::test]
async fn a_leading_organisation_admin_updates_the_coalition() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let id = gid(NodeType::Coalition, w.coalition);
    let input = json!({ "id": id, "expectedVersion": 1, "stage": "DISPERSED", "startsOn": "2023-05-01" });
    let p = run(&app, &w.admin_a, &update(), "updateCoalition", input).await;
    assert_eq!(p["userErrors"], json!([]));
    assert_eq!(
        (&p["coalition"]["stage"], &p["coalition"]["version"]),
        (&json!("DISPERSED"), &json!(2))
    );
    assert_audited(&app, 1, "updateCoalition", &id, &["stage", "startsOn"]).await;
    let p = run(
        &app,
        &w.platform,
        &update(),
        "updateCoalition",
        json!({ "id": id, "name": "CoP Wooncirkels" }),
    )
    .await;
    assert_eq!(p["coalition"]["name"], "CoP Wooncirkels");
    let row = coalition::Entity::find_by_id(w.coalition)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.stage, row.version), (LifecycleStage::Dispersed, 3));
    assert_audited(&app, 2, "updateCoalition", &id, &["name"]).await;
}

#[tokio::test]
async fn partners_editors_and_strangers_may_not_change_the_coalition() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let id = gid(NodeType::Coalition, w.coalition);
    for (q, input) in [
        (update(), json!({ "id": id, "name": "Overgenomen" })),
        (archive(), json!({ "id": id })),
    ] {
        for token in [&w.admin_b, &w.editor_a, &w.reader_a] {
            refused::<coalition::Entity>(&app, Some(token), &q, &input, "FORBIDDEN").await;
        }
        refused::<coalition::Entity>(&app, None, &q, &input, "UNAUTHENTICATED").await;
    }
    let missing = json!({ "id": gid(NodeType::Coalition, 404), "name": "Niemand" });
    refused::<coalition::Entity>(&app, Some(&w.platform), &update(), &missing, "NOT_FOUND").await;
    let wrong = json!({ "id": gid(NodeType::Organisation, w.org_a), "name": "Verkeerd" });
    refused::<coalition::Entity>(&app, Some(&w.platform), &update(), &wrong, "BAD_USER_INPUT").await;
}

#[tokio::test]
async fn update_coalition_checks_dates_and_version() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let id = gid(NodeType::Coalition, w.coalition);
    let (q, name) = (update(), "updateCoalition");
    run(
        &app,
        &w.platform,
        &q,
        name,
        json!({ "id": id, "startsOn": "2024-06-01" }),
    )
    .await;
    let before_start = json!({ "id": id, "endsOn": "2024-05-31" });
    rejected::<coalition::Entity>(&app, &w.admin_a, &q, name, before_start, &["endsOn:OUT_OF_RANGE"]).await;
    let stale = json!({ "id": id, "expectedVersion": 1, "name": "Oud" });
    rejected::<coalition::Entity>(&app, &w.admin_a, &q, name, stale, &["expectedVersion:VERSION_CONFLICT"]).await;
    let taken = json!({ "id": id, "slug": "ander" });
    run(
        &app,
        &w.platform,
        &create(),
        "createCoalition",
        json!({ "slug": "ander", "name": "Ander", "kind": "PARTNERSHIP" }),
    )
    .await;
    rejected::<coalition::Entity>(&app, &w.admin_a, &q, name, taken, &["slug:DUPLICATE"]).await;
}

#[tokio::test]
async fn archiving_a_coalition_twice_records_one_event() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let id = gid(NodeType::Coalition, w.coalition);
    let first = run(&app, &w.admin_a, &archive(), "archiveCoalition", json!({ "id": id })).await;
    assert!(first["coalition"]["archivedAt"].is_string(), "{first}");
    let second = run(&app, &w.platform, &archive(), "archiveCoalition", json!({ "id": id })).await;
    assert_eq!(second["coalition"], first["coalition"]);
    assert_audited(&app, 1, "archiveCoalition", &id, &["archivedAt"]).await;
}
