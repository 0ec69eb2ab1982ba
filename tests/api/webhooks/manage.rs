//! Managing webhooks: who may, what is checked, the secret shown once and sealed at rest, and
//! every change audited.

use base64::Engine;
use entity::webhook as webhook_row;
use sea_orm::EntityTrait;
use serde_json::json;

use super::support::{app_with, create, mutate, webhook, world};
use samenspel::graphql::ids::{NodeType, decode_as};
use samenspel::webhooks::seal::Sealer;

const LIST: &str =
    "{ webhooks(first: 10) { totalCount nodes { id url entityTypes actions status organisation { slug } } } }";

#[tokio::test]
async fn an_org_admin_creates_a_webhook_whose_secret_is_shown_once() {
    let app = app_with(|_| {}).await;
    let w = world(&app).await;
    let (id, secret) = create(&app, &w.member_admin, json!({ "url": "http://127.0.0.1:9/hook" })).await;
    let key = secret.strip_prefix("whsec_").expect("whsec_ prefix");
    let bytes = base64::engine::general_purpose::STANDARD.decode(key).unwrap();
    assert_eq!(bytes.len(), 32);

    let mine = app.data_as(&w.member_admin, LIST, json!({})).await["webhooks"].clone();
    assert_eq!(mine["totalCount"], 1);
    let node = &mine["nodes"][0];
    assert_eq!(node["id"], id.as_str());
    assert_eq!(node["entityTypes"], json!([]), "left out: every kind");
    assert_eq!(node["actions"], json!([]), "left out: every action");
    assert_eq!(node["status"], "ACTIVE");
    assert_eq!(node["organisation"]["slug"], "hvo-querido");
    assert_eq!(
        app.data_as(&w.outsider_admin, LIST, json!({})).await["webhooks"]["totalCount"],
        0
    );
    assert_eq!(
        app.data_as(&w.platform, LIST, json!({})).await["webhooks"]["totalCount"],
        1
    );
    assert_eq!(app.error_code_as(&w.member_editor, LIST, json!({})).await, "FORBIDDEN");
    assert_eq!(app.error_code(LIST, json!({})).await, "UNAUTHENTICATED");
    let other = app
        .data_as(
            &w.outsider_admin,
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert!(other["node"].is_null(), "another organisation's webhook looks missing");

    let audit = app
        .data_as(
            &w.member_admin,
            "{ auditEvents(first: 5, filter: { action: \"createWebhook\" }) { nodes { entityId } } }",
            json!({}),
        )
        .await;
    assert_eq!(audit["auditEvents"]["nodes"][0]["entityId"], id.as_str());
}

#[tokio::test]
async fn the_secret_at_rest_is_sealed_with_a_key_outside_the_database() {
    let app = app_with(|_| {}).await;
    let w = world(&app).await;
    let (id, secret) = create(&app, &w.member_admin, json!({ "url": "http://127.0.0.1:9/hook" })).await;
    let row = webhook_row::Entity::find_by_id(decode_as(&id, NodeType::Webhook).unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let key = secret.strip_prefix("whsec_").unwrap();
    let raw = base64::engine::general_purpose::STANDARD.decode(key).unwrap();
    assert!(!row.secret.contains(key), "the dump holds no secret");
    assert_eq!(
        Sealer::new(&app.keys).open(&row.secret).unwrap(),
        raw,
        "the server's key opens it"
    );
    let settings = samenspel::config::JwtSettings {
        secret: Some("another-deployment-secret-of-32-bytes!!".into()),
        ..Default::default()
    };
    let stranger = samenspel::auth::JwtKeys::load(&settings, "postgres://x").unwrap();
    assert!(Sealer::new(&stranger).open(&row.secret).is_err(), "no other key does");
}

#[tokio::test]
async fn input_is_checked_and_changes_are_made_by_admins_only() {
    let app = app_with(|_| {}).await;
    let w = world(&app).await;
    let sel = "webhook { id } secret";
    let bad = mutate(
        &app,
        &w.member_admin,
        "createWebhook",
        "CreateWebhookInput",
        sel,
        json!({ "url": "ftp://x", "entityTypes": ["API_TOKEN"], "coalition": "Q29hbGl0aW9uOjk5OQ", "description": "x".repeat(501) }),
    )
    .await;
    let codes: Vec<(String, String)> = bad["userErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"][0].as_str().unwrap().into(),
                e["code"].as_str().unwrap().into(),
            )
        })
        .collect();
    for want in [
        ("url", "INVALID"),
        ("entityTypes", "INVALID"),
        ("coalition", "NOT_FOUND"),
        ("description", "TOO_LONG"),
    ] {
        assert!(codes.contains(&(want.0.into(), want.1.into())), "{want:?} in {codes:?}");
    }
    assert!(bad["secret"].is_null() && bad["webhook"].is_null());
    let platform = mutate(
        &app,
        &w.platform,
        "createWebhook",
        "CreateWebhookInput",
        sel,
        json!({ "url": "http://127.0.0.1:9/" }),
    )
    .await;
    assert_eq!(
        platform["userErrors"][0]["code"], "REQUIRED",
        "a platform admin names the organisation"
    );
    let empty = mutate(
        &app,
        &w.member_admin,
        "createWebhook",
        "CreateWebhookInput",
        sel,
        json!({ "url": " " }),
    )
    .await;
    assert_eq!(empty["userErrors"][0]["code"], "REQUIRED");
    let long = format!("http://127.0.0.1/{}", "a".repeat(2100));
    let long = mutate(
        &app,
        &w.member_admin,
        "createWebhook",
        "CreateWebhookInput",
        sel,
        json!({ "url": long }),
    )
    .await;
    assert_eq!(long["userErrors"][0]["code"], "TOO_LONG");
    let nul = json!({ "url": "http://127.0.0.1:9/", "description": "a\u{0}b" });
    let nul = mutate(&app, &w.member_admin, "createWebhook", "CreateWebhookInput", sel, nul).await;
    assert_eq!(nul["userErrors"][0]["code"], "INVALID", "{nul}");
    let q = "mutation { createWebhook(input: { url: \"http://127.0.0.1:9/\" }) { webhook { id } } }";
    assert_eq!(app.error_code_as(&w.member_editor, q, json!({})).await, "FORBIDDEN");

    let (id, _) = create(
        &app,
        &w.member_admin,
        json!({ "url": "http://127.0.0.1:9/a", "entityTypes": ["LEARNING_QUESTION"], "actions": ["CREATED"], "coalition": w.coalition }),
    )
    .await;
    let upd = "webhook { url description entityTypes actions status disabledReason coalition { slug } }";
    let changed = mutate(
        &app,
        &w.member_admin,
        "updateWebhook",
        "UpdateWebhookInput",
        upd,
        json!({ "id": id, "url": "http://127.0.0.1:9/b", "description": "CRM", "actions": [], "coalition": null, "enabled": false }),
    )
    .await;
    assert_eq!(changed["userErrors"], json!([]), "{changed}");
    let h = &changed["webhook"];
    assert_eq!(
        (h["url"].as_str(), h["description"].as_str()),
        (Some("http://127.0.0.1:9/b"), Some("CRM"))
    );
    assert_eq!(h["entityTypes"], json!(["LEARNING_QUESTION"]));
    assert_eq!(h["actions"], json!([]));
    assert!(h["coalition"].is_null());
    assert_eq!(h["status"], "DISABLED");
    assert_eq!(h["disabledReason"], "Disabled with updateWebhook");
    let on = mutate(
        &app,
        &w.member_admin,
        "updateWebhook",
        "UpdateWebhookInput",
        upd,
        json!({ "id": id, "enabled": true }),
    )
    .await;
    assert_eq!(on["webhook"]["status"], "ACTIVE");

    let del = "mutation($id: ID!) { deleteWebhook(input: { id: $id }) { deletedWebhookId } }";
    assert_eq!(
        app.error_code_as(&w.outsider_admin, del, json!({ "id": id })).await,
        "NOT_FOUND"
    );
    let gone = app.data_as(&w.member_admin, del, json!({ "id": id })).await;
    assert_eq!(gone["deleteWebhook"]["deletedWebhookId"], id.as_str());
    assert!(webhook(&app, &w.member_admin, &id).await.is_null());
    let audit = app
        .data_as(
            &w.member_admin,
            "{ auditEvents(first: 20) { nodes { action } } }",
            json!({}),
        )
        .await;
    let actions: Vec<&str> = audit["auditEvents"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["action"].as_str())
        .collect();
    for a in ["createWebhook", "updateWebhook", "deleteWebhook"] {
        assert!(actions.contains(&a), "{a} audited: {actions:?}");
    }
}
