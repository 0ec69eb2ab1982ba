//! `createPerson`, `updatePerson`, `deletePerson`, `upsertPersonByExternalRef`.

use entity::{PersonRole, person};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::{arrange, assert_audited, gid, mutation, refused, rejected, run};
use crate::fixtures;
use crate::helpers::spawn_app;
use samenspel::graphql::ids::NodeType;

const SELECTION: &str = "person { id name email role version externalRef organisation { slug } }";

fn create() -> String {
    mutation("createPerson", "CreatePersonInput", SELECTION)
}

fn update() -> String {
    mutation("updatePerson", "UpdatePersonInput", SELECTION)
}

fn delete() -> String {
    mutation("deletePerson", "DeletePersonInput", "deletedPersonId")
}

fn upsert() -> String {
    mutation(
        "upsertPersonByExternalRef",
        "UpsertPersonByExternalRefInput",
        &format!("created {SELECTION}"),
    )
}

#[tokio::test]
async fn an_org_admin_adds_a_person_to_its_own_organisation() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let input = json!({ "name": "Marie Jansen", "email": "marie@cordaan.nl", "role": "PROFESSIONAL" });
    let p = run(&app, &w.admin_a, &create(), "createPerson", input).await;
    assert_eq!(p["userErrors"], json!([]));
    let got = &p["person"];
    assert_eq!(
        (&got["email"], &got["organisation"]["slug"]),
        (&json!("marie@cordaan.nl"), &json!("cordaan"))
    );
    let row = person::Entity::find().one(&app.db).await.unwrap().expect("the row");
    assert_eq!(
        (row.organisation_id, row.role),
        (Some(w.org_a), PersonRole::Professional)
    );
    let changed = ["name", "email", "role", "organisation"];
    assert_audited(&app, 1, "createPerson", &gid(NodeType::Person, row.id), &changed).await;
}

#[tokio::test]
async fn the_organisation_comes_from_the_token_unless_a_platform_admin_names_it() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let (q, name) = (create(), "createPerson");
    let input =
        json!({ "name": "Kees de Vries", "role": "VOLUNTEER", "organisation": gid(NodeType::Organisation, w.org_b) });
    let p = run(&app, &w.platform, &q, name, input.clone()).await;
    assert_eq!(p["person"]["organisation"]["slug"], "philadelphia");
    refused::<person::Entity>(&app, Some(&w.admin_b), &q, &input, "FORBIDDEN").await;
    let own = json!({ "name": "Kees", "role": "VOLUNTEER", "organisation": gid(NodeType::Organisation, w.org_a) });
    refused::<person::Entity>(&app, Some(&w.admin_a), &q, &own, "FORBIDDEN").await;
    let unnamed = json!({ "name": "Kees", "role": "VOLUNTEER" });
    rejected::<person::Entity>(&app, &w.platform, &q, name, unnamed.clone(), &["organisation:REQUIRED"]).await;
    for token in [&w.editor_a, &w.reader_a] {
        refused::<person::Entity>(&app, Some(token), &q, &unnamed, "FORBIDDEN").await;
    }
    refused::<person::Entity>(&app, None, &q, &unnamed, "UNAUTHENTICATED").await;
    let ghost = json!({ "name": "Kees", "role": "VOLUNTEER", "organisation": gid(NodeType::Organisation, 999) });
    rejected::<person::Entity>(&app, &w.platform, &q, name, ghost, &["organisation:NOT_FOUND"]).await;
}

#[tokio::test]
async fn create_person_checks_name_and_email() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let (q, name) = (create(), "createPerson");
    let long = "x".repeat(201);
    let cases = [
        (json!({ "name": " ", "role": "RESIDENT" }), vec!["name:REQUIRED"]),
        (json!({ "name": long, "role": "RESIDENT" }), vec!["name:TOO_LONG"]),
        (
            json!({ "name": "Ans", "role": "RESIDENT", "email": "ans.example.org" }),
            vec!["email:INVALID"],
        ),
        (
            json!({ "name": "Ans", "role": "RESIDENT", "email": "ans@example" }),
            vec!["email:INVALID"],
        ),
        (
            json!({ "name": "Ans", "role": "RESIDENT", "email": "ans @example.org" }),
            vec!["email:INVALID"],
        ),
        (
            json!({ "name": "Ans", "role": "RESIDENT", "email": "a@b@example.org" }),
            vec!["email:INVALID"],
        ),
    ];
    for (input, expected) in cases {
        rejected::<person::Entity>(&app, &w.admin_a, &q, name, input, &expected).await;
    }
}

#[tokio::test]
async fn own_admins_update_and_delete_people() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let marie = fixtures::person(&app.db, Some(w.org_a), "Marie Jansen").await;
    let id = gid(NodeType::Person, marie.id);
    let (q, name) = (update(), "updatePerson");
    let input = json!({ "id": id, "expectedVersion": 1, "role": "FACILITATOR", "email": null });
    let p = run(&app, &w.admin_a, &q, name, input).await;
    assert_eq!(
        (&p["person"]["role"], &p["person"]["email"], &p["person"]["version"]),
        (&json!("FACILITATOR"), &json!(null), &json!(2))
    );
    assert_audited(&app, 1, "updatePerson", &id, &["email", "role"]).await;
    let stale = json!({ "id": id, "expectedVersion": 1, "name": "Marie" });
    rejected::<person::Entity>(&app, &w.admin_a, &q, name, stale, &["expectedVersion:VERSION_CONFLICT"]).await;
    for token in [&w.admin_b, &w.editor_a, &w.reader_a] {
        refused::<person::Entity>(&app, Some(token), &q, &json!({ "id": id, "name": "X" }), "FORBIDDEN").await;
        refused::<person::Entity>(&app, Some(token), &delete(), &json!({ "id": id }), "FORBIDDEN").await;
    }
    refused::<person::Entity>(&app, None, &delete(), &json!({ "id": id }), "UNAUTHENTICATED").await;
    let p = run(&app, &w.admin_a, &delete(), "deletePerson", json!({ "id": id })).await;
    assert_eq!(p["deletedPersonId"], id);
    assert!(
        person::Entity::find_by_id(marie.id)
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    assert_audited(&app, 2, "deletePerson", &id, &[]).await;
    refused::<person::Entity>(&app, Some(&w.platform), &delete(), &json!({ "id": id }), "NOT_FOUND").await;
}

#[tokio::test]
async fn upserting_twice_creates_one_person() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let (q, name) = (upsert(), "upsertPersonByExternalRef");
    let input =
        json!({ "externalRef": "hr-42", "name": "Sanne Bakker", "role": "PROFESSIONAL", "email": "sanne@cordaan.nl" });
    let first = run(&app, &w.admin_a, &q, name, input.clone()).await;
    let second = run(&app, &w.admin_a, &q, name, input.clone()).await;
    assert_eq!((&first["created"], &second["created"]), (&json!(true), &json!(false)));
    assert_eq!(first["person"], second["person"]);
    let rows = person::Entity::find()
        .filter(person::Column::ExternalRef.eq("hr-42"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    let id = gid(NodeType::Person, rows[0].id);
    assert_audited(
        &app,
        1,
        "createPerson",
        &id,
        &["name", "email", "role", "organisation", "externalRef"],
    )
    .await;
    let mut renamed = input.clone();
    renamed["name"] = json!("Sanne de Bakker");
    let third = run(&app, &w.admin_a, &q, name, renamed).await;
    assert_eq!(
        (&third["created"], &third["person"]["version"]),
        (&json!(false), &json!(2))
    );
    assert_audited(&app, 2, "updatePerson", &id, &["name"]).await;
    let elsewhere = run(&app, &w.admin_b, &q, name, input.clone()).await;
    assert_eq!(elsewhere["created"], true, "external refs are per organisation");
    refused::<person::Entity>(&app, Some(&w.editor_a), &q, &input, "FORBIDDEN").await;
    refused::<person::Entity>(&app, None, &q, &input, "UNAUTHENTICATED").await;
}
