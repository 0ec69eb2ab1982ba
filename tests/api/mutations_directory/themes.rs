//! `createTheme`, `updateTheme`.

use entity::theme;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::{arrange, assert_audited, gid, mutation, refused, rejected, run};
use crate::fixtures;
use crate::helpers::spawn_app;
use samenspel::graphql::ids::NodeType;

const SELECTION: &str = "theme { id slug name description version }";

fn create() -> String {
    mutation("createTheme", "CreateThemeInput", SELECTION)
}

fn update() -> String {
    mutation("updateTheme", "UpdateThemeInput", SELECTION)
}

#[tokio::test]
async fn editors_and_admins_create_themes() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    for (token, slug) in [
        (&w.editor_a, "wooncirkels"),
        (&w.admin_b, "positieve-gezondheid"),
        (&w.platform, "eenzaamheid"),
    ] {
        let p = run(
            &app,
            token,
            &create(),
            "createTheme",
            json!({ "slug": slug, "name": "Thema" }),
        )
        .await;
        assert_eq!((&p["theme"]["slug"], &p["userErrors"]), (&json!(slug), &json!([])));
        let row = theme::Entity::find()
            .filter(theme::Column::Slug.eq(slug))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(p["theme"]["id"], gid(NodeType::Theme, row.id));
    }
    let ids = theme::Entity::find().all(&app.db).await.unwrap();
    assert_audited(
        &app,
        3,
        "createTheme",
        &gid(NodeType::Theme, ids[2].id),
        &["slug", "name", "description"],
    )
    .await;
    let input = json!({ "slug": "armoede", "name": "Armoede" });
    refused::<theme::Entity>(&app, Some(&w.reader_a), &create(), &input, "FORBIDDEN").await;
    refused::<theme::Entity>(&app, None, &create(), &input, "UNAUTHENTICATED").await;
}

#[tokio::test]
async fn create_theme_checks_slug_and_name() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    fixtures::theme(&app.db, "wooncirkels").await;
    let (q, name) = (create(), "createTheme");
    let cases = [
        (json!({ "slug": "wooncirkels", "name": "Weer" }), vec!["slug:DUPLICATE"]),
        (json!({ "slug": "Woon Cirkels", "name": "Weer" }), vec!["slug:INVALID"]),
        (
            json!({ "slug": "nieuw", "name": "x".repeat(121) }),
            vec!["name:TOO_LONG"],
        ),
        (json!({ "slug": "nieuw", "name": "" }), vec!["name:REQUIRED"]),
    ];
    for (input, expected) in cases {
        rejected::<theme::Entity>(&app, &w.editor_a, &q, name, input, &expected).await;
    }
}

#[tokio::test]
async fn only_platform_admins_update_themes() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let t = fixtures::theme(&app.db, "wooncirkels").await;
    fixtures::theme(&app.db, "eenzaamheid").await;
    let id = gid(NodeType::Theme, t.id);
    let input = json!({ "id": id, "name": "Wooncirkels", "description": "Samen wonen en zorgen." });
    for token in [&w.admin_a, &w.editor_a, &w.reader_a] {
        refused::<theme::Entity>(&app, Some(token), &update(), &input, "FORBIDDEN").await;
    }
    refused::<theme::Entity>(&app, None, &update(), &input, "UNAUTHENTICATED").await;
    let p = run(&app, &w.platform, &update(), "updateTheme", input).await;
    assert_eq!(
        (&p["theme"]["name"], &p["theme"]["version"]),
        (&json!("Wooncirkels"), &json!(2))
    );
    assert_audited(&app, 1, "updateTheme", &id, &["name", "description"]).await;
    let (q, name) = (update(), "updateTheme");
    let stale = json!({ "id": id, "expectedVersion": 1, "name": "Oud" });
    rejected::<theme::Entity>(
        &app,
        &w.platform,
        &q,
        name,
        stale,
        &["expectedVersion:VERSION_CONFLICT"],
    )
    .await;
    let taken = json!({ "id": id, "slug": "eenzaamheid" });
    rejected::<theme::Entity>(&app, &w.platform, &q, name, taken, &["slug:DUPLICATE"]).await;
    let missing = json!({ "id": gid(NodeType::Theme, 999), "name": "Niets" });
    refused::<theme::Entity>(&app, Some(&w.platform), &update(), &missing, "NOT_FOUND").await;
}
