//! `createOrganisation`, `updateOrganisation`, `archiveOrganisation`.

use entity::organisation;
use sea_orm::EntityTrait;
use serde_json::json;

use super::{arrange, assert_audited, audits, gid, mutation, refused, rejected, run};
use crate::helpers::spawn_app;
use samenspel::graphql::ids::NodeType;

const SELECTION: &str = "organisation { id slug name kind city website version archivedAt }";

fn create() -> String {
    mutation("createOrganisation", "CreateOrganisationInput", SELECTION)
}

fn update() -> String {
    mutation("updateOrganisation", "UpdateOrganisationInput", SELECTION)
}

fn archive() -> String {
    mutation("archiveOrganisation", "ArchiveOrganisationInput", SELECTION)
}

#[tokio::test]
async fn platform_admin_creates_an_organisation() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let input = json!({ "slug": "hvo-querido", "name": " HVO Querido ", "kind": "CARE_PROVIDER",
        "city": "Amsterdam", "website": "https://hvoquerido.nl" });
    let p = run(&app, &w.platform, &create(), "createOrganisation", input).await;
    assert_eq!(p["userErrors"], json!([]));
    let o = &p["organisation"];
    assert_eq!(
        (o["name"].as_str(), o["kind"].as_str(), o["version"].as_i64()),
        (Some("HVO Querido"), Some("CARE_PROVIDER"), Some(1))
    );
    let rows = organisation::Entity::find().all(&app.db).await.unwrap();
    let row = rows.iter().find(|r| r.slug == "hvo-querido").expect("the row");
    assert_eq!(o["id"], gid(NodeType::Organisation, row.id));
    assert_eq!(row.website.as_deref(), Some("https://hvoquerido.nl"));
    let changed = ["slug", "name", "kind", "city", "website", "description", "externalRef"];
    assert_audited(
        &app,
        1,
        "createOrganisation",
        &gid(NodeType::Organisation, row.id),
        &changed,
    )
    .await;
    assert_eq!(audits(&app).await[0].entity_type, "Organisation");
}

#[tokio::test]
async fn create_organisation_reports_every_problem() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let (q, name) = (create(), "createOrganisation");
    let long = "x".repeat(201);
    let cases = [
        (
            json!({ "slug": "tno", "name": "  ", "kind": "OTHER" }),
            vec!["name:REQUIRED"],
        ),
        (
            json!({ "slug": "tno", "name": long, "kind": "OTHER" }),
            vec!["name:TOO_LONG"],
        ),
        (
            json!({ "slug": "TNO!", "name": "TNO", "kind": "OTHER" }),
            vec!["slug:INVALID"],
        ),
        (
            json!({ "slug": "cordaan", "name": "TNO", "kind": "OTHER" }),
            vec!["slug:DUPLICATE"],
        ),
        (
            json!({ "slug": "tno", "name": "TNO", "kind": "OTHER", "website": "ftp://tno.nl" }),
            vec!["website:INVALID"],
        ),
        (
            json!({ "slug": "", "name": "", "kind": "OTHER" }),
            vec!["slug:REQUIRED", "name:REQUIRED"],
        ),
    ];
    for (input, expected) in cases {
        rejected::<organisation::Entity>(&app, &w.platform, &q, name, input, &expected).await;
    }
    let input = json!({ "slug": "tno", "name": "TNO", "kind": "KNOWLEDGE_INSTITUTE", "externalRef": "kvk-1" });
    run(&app, &w.platform, &q, name, input).await;
    let again = json!({ "slug": "tno-2", "name": "TNO", "kind": "KNOWLEDGE_INSTITUTE", "externalRef": "kvk-1" });
    rejected::<organisation::Entity>(&app, &w.platform, &q, name, again, &["externalRef:DUPLICATE"]).await;
}

#[tokio::test]
async fn only_platform_admins_create_or_archive_organisations() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let input = json!({ "slug": "tno", "name": "TNO", "kind": "KNOWLEDGE_INSTITUTE" });
    for token in [&w.admin_a, &w.editor_a, &w.reader_a] {
        refused::<organisation::Entity>(&app, Some(token), &create(), &input, "FORBIDDEN").await;
    }
    refused::<organisation::Entity>(&app, None, &create(), &input, "UNAUTHENTICATED").await;
    let own = json!({ "id": gid(NodeType::Organisation, w.org_a) });
    refused::<organisation::Entity>(&app, Some(&w.admin_a), &archive(), &own, "FORBIDDEN").await;
    refused::<organisation::Entity>(&app, None, &archive(), &own, "UNAUTHENTICATED").await;
}

#[tokio::test]
async fn own_admin_and_platform_admin_update_an_organisation() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let id = gid(NodeType::Organisation, w.org_a);
    let input = json!({ "id": id, "expectedVersion": 1, "name": "Cordaan Thuiszorg", "city": null });
    let p = run(&app, &w.admin_a, &update(), "updateOrganisation", input).await;
    assert_eq!(p["userErrors"], json!([]));
    assert_eq!(
        (&p["organisation"]["name"], &p["organisation"]["city"]),
        (&json!("Cordaan Thuiszorg"), &json!(null))
    );
    assert_eq!(p["organisation"]["version"], 2);
    assert_audited(&app, 1, "updateOrganisation", &id, &["name", "city"]).await;
    let input = json!({ "id": id, "website": "https://www.cordaan.nl" });
    let p = run(&app, &w.platform, &update(), "updateOrganisation", input).await;
    assert_eq!(p["organisation"]["version"], 3);
    let row = organisation::Entity::find_by_id(w.org_a)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.name.as_str(), row.city, row.version),
        ("Cordaan Thuiszorg", None, 3)
    );
    assert_audited(&app, 2, "updateOrganisation", &id, &["website"]).await;
}

#[tokio::test]
async fn others_may_not_update_an_organisation() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let input = json!({ "id": gid(NodeType::Organisation, w.org_a), "name": "Overgenomen" });
    for token in [&w.admin_b, &w.editor_a, &w.reader_a] {
        refused::<organisation::Entity>(&app, Some(token), &update(), &input, "FORBIDDEN").await;
    }
    refused::<organisation::Entity>(&app, None, &update(), &input, "UNAUTHENTICATED").await;
    let missing = json!({ "id": gid(NodeType::Organisation, 999), "name": "Niemand" });
    refused::<organisation::Entity>(&app, Some(&w.platform), &update(), &missing, "NOT_FOUND").await;
    for bad in [json!("not-an-id"), json!(gid(NodeType::Coalition, w.coalition))] {
        let input = json!({ "id": bad, "name": "Verkeerd" });
        refused::<organisation::Entity>(&app, Some(&w.platform), &update(), &input, "BAD_USER_INPUT").await;
    }
}

#[tokio::test]
async fn a_stale_version_or_a_taken_slug_changes_nothing() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let id = gid(NodeType::Organisation, w.org_a);
    let (q, name) = (update(), "updateOrganisation");
    let stale = json!({ "id": id, "expectedVersion": 7, "name": "Cordaan" });
    rejected::<organisation::Entity>(&app, &w.admin_a, &q, name, stale, &["expectedVersion:VERSION_CONFLICT"]).await;
    let taken = json!({ "id": id, "slug": "philadelphia" });
    rejected::<organisation::Entity>(&app, &w.admin_a, &q, name, taken, &["slug:DUPLICATE"]).await;
    let own = json!({ "id": id, "slug": "cordaan" });
    assert_eq!(
        run(&app, &w.admin_a, &q, name, own).await["userErrors"],
        json!([]),
        "keeping its own slug is fine"
    );
}

#[tokio::test]
async fn archiving_twice_records_one_event() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let id = gid(NodeType::Organisation, w.org_b);
    let input = json!({ "id": id });
    let first = run(&app, &w.platform, &archive(), "archiveOrganisation", input.clone()).await;
    assert!(first["organisation"]["archivedAt"].is_string(), "{first}");
    let second = run(&app, &w.platform, &archive(), "archiveOrganisation", input).await;
    assert_eq!(second["organisation"], first["organisation"]);
    assert_audited(&app, 1, "archiveOrganisation", &id, &["archivedAt"]).await;
    let row = organisation::Entity::find_by_id(w.org_b)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.archived_at.is_some());
}
