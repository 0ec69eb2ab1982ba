//! `createApiToken` and `revokeApiToken`: who may manage which tokens, what is validated and
//! what is audited.

use entity::{OrganisationKind, api_token, audit_event};
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};
use serde_json::{Value, json};

use crate::fixtures;
use crate::helpers::{TestApp, spawn_app};
use samenspel::graphql::ids::{NodeType, encode};

const CREATE: &str = "mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) {
  token apiToken { id label role organisation { slug } expiresAt revokedAt lastUsedAt }
  userErrors { field message code } } }";
const REVOKE: &str = "mutation($id: ID!) { revokeApiToken(input: {id: $id}) { apiToken { id revokedAt } } }";

async fn rows(app: &TestApp) -> u64 {
    api_token::Entity::find().count(&app.db).await.expect("count")
}

fn input(label: &str, role: &str, days: i64, org: Option<i32>) -> Value {
    let org = org.map(|id| encode(NodeType::Organisation, id).to_string());
    json!({ "input": { "label": label, "role": role, "expiresInDays": days, "organisation": org } })
}

#[tokio::test]
async fn an_org_admin_creates_tokens_for_its_own_organisation_up_to_its_role() {
    let app = spawn_app().await;
    let own = fixtures::org(&app.db, "cordaan", OrganisationKind::CareProvider).await;
    let admin = app.token(Some(own.id), "ORG_ADMIN").await;

    let d = app
        .data_as(&admin, CREATE, input(" CRM sync ", "EDITOR", 30, None))
        .await;
    let p = &d["createApiToken"];
    assert_eq!(p["userErrors"], json!([]));
    assert_eq!(p["apiToken"]["label"], "CRM sync");
    assert_eq!(p["apiToken"]["role"], "EDITOR");
    assert_eq!(p["apiToken"]["organisation"]["slug"], "cordaan");
    let jwt = p["token"].as_str().expect("token").to_string();
    let viewer = app.data_as(&jwt, "{ viewer { role tokenLabel } }", json!({})).await;
    assert_eq!(viewer["viewer"], json!({ "role": "EDITOR", "tokenLabel": "CRM sync" }));

    let d = app
        .data_as(&admin, CREATE, input("Beheer", "ORG_ADMIN", 365, Some(own.id)))
        .await;
    assert!(d["createApiToken"]["token"].is_string(), "{d}");

    let audit = audit_event::Entity::find()
        .order_by_asc(audit_event::Column::Id)
        .all(&app.db)
        .await
        .expect("audit");
    assert_eq!(audit.len(), 2);
    assert_eq!(audit[0].action, "createApiToken");
    assert_eq!(audit[0].entity_type, "ApiToken");
    assert_eq!(audit[0].role, "ORG_ADMIN");
    assert_eq!(audit[0].organisation_id, Some(own.id));
    assert_eq!(json!(audit[0].entity_id), p["apiToken"]["id"]);
    assert!(audit[0].changed_fields.contains("\"label\""));
}

#[tokio::test]
async fn refused_creations_write_nothing() {
    let app = spawn_app().await;
    let own = fixtures::org(&app.db, "cordaan", OrganisationKind::CareProvider).await;
    let other = fixtures::org(&app.db, "tno", OrganisationKind::KnowledgeInstitute).await;
    let admin = app.token(Some(own.id), "ORG_ADMIN").await;
    let editor = app.token(Some(own.id), "EDITOR").await;
    let reader = app.token(Some(own.id), "READER").await;
    let before = rows(&app).await;

    let cases = [
        (&admin, input("x", "EDITOR", 30, Some(other.id)), "FORBIDDEN"),
        (&admin, input("x", "PLATFORM_ADMIN", 30, None), "FORBIDDEN"),
        (&editor, input("x", "READER", 30, None), "FORBIDDEN"),
        (&reader, input("x", "READER", 30, None), "FORBIDDEN"),
    ];
    for (token, vars, code) in cases {
        assert_eq!(app.error_code_as(token, CREATE, vars.clone()).await, code, "{vars}");
    }
    assert_eq!(
        app.error_code(CREATE, input("x", "READER", 30, Some(own.id))).await,
        "UNAUTHENTICATED"
    );
    assert_eq!(rows(&app).await, before);
    assert_eq!(audit_event::Entity::find().count(&app.db).await.expect("count"), 0);
}

#[tokio::test]
async fn invalid_input_comes_back_as_user_errors() {
    let app = spawn_app().await;
    let own = fixtures::org(&app.db, "cordaan", OrganisationKind::CareProvider).await;
    let admin = app.token(Some(own.id), "ORG_ADMIN").await;
    let platform = app.token(None, "PLATFORM_ADMIN").await;
    let before = rows(&app).await;
    let long = "x".repeat(201);
    let cases = [
        (
            &admin,
            input("ok", "READER", 366, None),
            "expiresInDays",
            "OUT_OF_RANGE",
        ),
        (&admin, input("ok", "READER", 0, None), "expiresInDays", "OUT_OF_RANGE"),
        (&admin, input("  ", "READER", 30, None), "label", "REQUIRED"),
        (&admin, input(&long, "READER", 30, None), "label", "TOO_LONG"),
        (&platform, input("ok", "READER", 30, None), "organisation", "REQUIRED"),
        (
            &platform,
            input("ok", "PLATFORM_ADMIN", 30, Some(own.id)),
            "organisation",
            "INVALID",
        ),
        (
            &platform,
            input("ok", "READER", 30, Some(9_999)),
            "organisation",
            "NOT_FOUND",
        ),
    ];
    for (token, vars, field, code) in cases {
        let d = app.data_as(token, CREATE, vars.clone()).await;
        let p = &d["createApiToken"];
        assert!(p["token"].is_null() && p["apiToken"].is_null(), "{p}");
        assert_eq!(p["userErrors"][0]["field"], json!([field]), "{vars}");
        assert_eq!(p["userErrors"][0]["code"], code, "{vars}");
    }
    assert_eq!(rows(&app).await, before);
}

#[tokio::test]
async fn revoking_is_for_admins_of_the_token_s_organisation() {
    let app = spawn_app().await;
    let own = fixtures::org(&app.db, "cordaan", OrganisationKind::CareProvider).await;
    let other = fixtures::org(&app.db, "tno", OrganisationKind::KnowledgeInstitute).await;
    let admin = app.token(Some(own.id), "ORG_ADMIN").await;
    let editor = app.token(Some(own.id), "EDITOR").await;
    let foreign = app.token(Some(other.id), "READER").await;
    let platform = app.token(None, "PLATFORM_ADMIN").await;
    let id = |jwt: &str| super::claims_of(jwt)["sub"].clone();

    assert_eq!(
        app.error_code_as(&editor, REVOKE, json!({ "id": id(&admin) })).await,
        "FORBIDDEN"
    );
    assert_eq!(
        app.error_code_as(&admin, REVOKE, json!({ "id": id(&foreign) })).await,
        "FORBIDDEN"
    );
    assert_eq!(
        app.error_code(REVOKE, json!({ "id": id(&admin) })).await,
        "UNAUTHENTICATED"
    );
    assert_eq!(
        app.error_code_as(&admin, REVOKE, json!({ "id": "nope" })).await,
        "BAD_USER_INPUT"
    );
    let missing = json!({ "id": samenspel::auth::store::global_id(9_999) });
    assert_eq!(app.error_code_as(&admin, REVOKE, missing).await, "NOT_FOUND");

    let d = app.data_as(&platform, REVOKE, json!({ "id": id(&foreign) })).await;
    assert!(d["revokeApiToken"]["apiToken"]["revokedAt"].is_string());
    let audit = audit_event::Entity::find()
        .order_by_asc(audit_event::Column::Id)
        .all(&app.db)
        .await
        .expect("audit");
    assert_eq!(audit.len(), 1);
    assert_eq!(
        (audit[0].action.as_str(), audit[0].role.as_str()),
        ("revokeApiToken", "PLATFORM_ADMIN")
    );
}
