//! `addCoalitionMember`, `updateCoalitionMember`, `removeCoalitionMember`.

use entity::{MembershipRole, OrganisationKind, coalition_membership as cm};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::{World, arrange, assert_audited, gid, mutation, refused, rejected, run};
use crate::fixtures;
use crate::helpers::{TestApp, spawn_app};
use samenspel::graphql::ids::NodeType;

const SELECTION: &str = "coalitionMembership { id role joinedOn leftOn organisation { slug } coalition { slug } }";

fn add() -> String {
    mutation("addCoalitionMember", "AddCoalitionMemberInput", SELECTION)
}

fn update() -> String {
    mutation("updateCoalitionMember", "UpdateCoalitionMemberInput", SELECTION)
}

fn remove() -> String {
    mutation(
        "removeCoalitionMember",
        "RemoveCoalitionMemberInput",
        "removedMembershipId",
    )
}

/// A third organisation, not yet a member, as an input adding it to the coalition.
async fn newcomer(app: &TestApp, w: &World) -> (i32, serde_json::Value) {
    let o = fixtures::org(&app.db, "hogeschool-leiden", OrganisationKind::KnowledgeInstitute).await;
    let input = json!({ "coalition": gid(NodeType::Coalition, w.coalition),
        "organisation": gid(NodeType::Organisation, o.id), "role": "KNOWLEDGE_PARTNER", "joinedOn": "2024-02-01" });
    (o.id, input)
}

async fn membership(app: &TestApp, coalition: i32, organisation: i32) -> Option<cm::Model> {
    cm::Entity::find()
        .filter(cm::Column::CoalitionId.eq(coalition))
        .filter(cm::Column::OrganisationId.eq(organisation))
        .one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_leading_admin_adds_a_member() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let (org, input) = newcomer(&app, &w).await;
    let p = run(&app, &w.admin_a, &add(), "addCoalitionMember", input).await;
    assert_eq!(p["userErrors"], json!([]));
    let m = &p["coalitionMembership"];
    assert_eq!(
        (&m["role"], &m["joinedOn"]),
        (&json!("KNOWLEDGE_PARTNER"), &json!("2024-02-01"))
    );
    assert_eq!(m["organisation"]["slug"], "hogeschool-leiden");
    let row = membership(&app, w.coalition, org).await.expect("the row");
    assert_eq!(m["id"], gid(NodeType::CoalitionMembership, row.id));
    assert_eq!(row.role, MembershipRole::KnowledgePartner);
    let changed = ["coalition", "organisation", "role", "joinedOn"];
    assert_audited(
        &app,
        1,
        "addCoalitionMember",
        &gid(NodeType::CoalitionMembership, row.id),
        &changed,
    )
    .await;
}

#[tokio::test]
async fn adding_checks_duplicates_and_who_asks() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let (_, input) = newcomer(&app, &w).await;
    for token in [&w.admin_b, &w.editor_a, &w.reader_a] {
        refused::<cm::Entity>(&app, Some(token), &add(), &input, "FORBIDDEN").await;
    }
    refused::<cm::Entity>(&app, None, &add(), &input, "UNAUTHENTICATED").await;
    let mut twice = input.clone();
    twice["organisation"] = json!(gid(NodeType::Organisation, w.org_b));
    rejected::<cm::Entity>(
        &app,
        &w.platform,
        &add(),
        "addCoalitionMember",
        twice,
        &["organisation:DUPLICATE"],
    )
    .await;
    let mut ghost = input.clone();
    ghost["organisation"] = json!(gid(NodeType::Organisation, 999));
    rejected::<cm::Entity>(
        &app,
        &w.platform,
        &add(),
        "addCoalitionMember",
        ghost,
        &["organisation:NOT_FOUND"],
    )
    .await;
    let mut nowhere = input;
    nowhere["coalition"] = json!(gid(NodeType::Coalition, 999));
    refused::<cm::Entity>(&app, Some(&w.platform), &add(), &nowhere, "NOT_FOUND").await;
}

#[tokio::test]
async fn updating_a_member_keeps_dates_in_order() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let m = membership(&app, w.coalition, w.org_b).await.unwrap();
    let id = gid(NodeType::CoalitionMembership, m.id);
    let (q, name) = (update(), "updateCoalitionMember");
    let p = run(
        &app,
        &w.admin_a,
        &q,
        name,
        json!({ "id": id, "joinedOn": "2023-01-01", "role": "FUNDER" }),
    )
    .await;
    assert_eq!(
        (&p["coalitionMembership"]["role"], &p["userErrors"]),
        (&json!("FUNDER"), &json!([]))
    );
    assert_audited(&app, 1, "updateCoalitionMember", &id, &["role", "joinedOn"]).await;
    let early = json!({ "id": id, "leftOn": "2022-12-31" });
    rejected::<cm::Entity>(&app, &w.admin_a, &q, name, early, &["leftOn:OUT_OF_RANGE"]).await;
    let p = run(&app, &w.platform, &q, name, json!({ "id": id, "leftOn": "2024-12-31" })).await;
    assert_eq!(p["coalitionMembership"]["leftOn"], "2024-12-31");
    assert_audited(&app, 2, "updateCoalitionMember", &id, &["leftOn"]).await;
    let row = cm::Entity::find_by_id(m.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(
        (row.role, row.left_on.map(|d| d.to_string())),
        (MembershipRole::Funder, Some("2024-12-31".into()))
    );
    for token in [&w.admin_b, &w.editor_a, &w.reader_a] {
        refused::<cm::Entity>(&app, Some(token), &q, &json!({ "id": id, "role": "LEAD" }), "FORBIDDEN").await;
    }
    refused::<cm::Entity>(&app, None, &q, &json!({ "id": id, "role": "LEAD" }), "UNAUTHENTICATED").await;
}

#[tokio::test]
async fn removing_a_member_deletes_the_membership() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let m = membership(&app, w.coalition, w.org_b).await.unwrap();
    let input = json!({ "id": gid(NodeType::CoalitionMembership, m.id) });
    for token in [&w.admin_b, &w.editor_a, &w.reader_a] {
        refused::<cm::Entity>(&app, Some(token), &remove(), &input, "FORBIDDEN").await;
    }
    refused::<cm::Entity>(&app, None, &remove(), &input, "UNAUTHENTICATED").await;
    let p = run(&app, &w.admin_a, &remove(), "removeCoalitionMember", input.clone()).await;
    assert_eq!(p["removedMembershipId"], input["id"]);
    assert!(membership(&app, w.coalition, w.org_b).await.is_none());
    assert_audited(&app, 1, "removeCoalitionMember", input["id"].as_str().unwrap(), &[]).await;
    refused::<cm::Entity>(&app, Some(&w.platform), &remove(), &input, "NOT_FOUND").await;
}
