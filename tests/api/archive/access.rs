//! Who may export a coalition through the API: the lead organisation's ORG_ADMIN and platform
//! admins; the download link works only for the token that asked, only while it lasts, and
//! sends the same file as `samenspel export`.

use entity::{audit_event, change_event};
use samenspel::archive::link::Grant;
use samenspel::graphql::ids::{NodeType, encode};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use super::support::{SLUG, archived, export, ok};
use crate::helpers::{TestApp, spawn_app};

const REQUEST: &str = "mutation($c: ID!) { requestCoalitionExport(input: {coalition: $c}) {
    url expiresAt userErrors { code } } }";

async fn ask(app: &TestApp, token: Option<&str>, coalition: &str) -> Value {
    let vars = json!({ "c": coalition });
    match token {
        Some(t) => app.post_as(t, REQUEST, vars).await,
        None => app.post(REQUEST, vars).await,
    }
}

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"].as_str().unwrap_or("none")
}

async fn get(app: &TestApp, token: Option<&str>, url: &str) -> reqwest::Response {
    let mut req = app.client.get(format!("{}{url}", app.address));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn only_the_lead_organisations_admins_and_platform_admins_may_export() {
    // Arrange
    let app = spawn_app().await;
    let w = archived(&app.db).await;
    let id = encode(NodeType::Coalition, w.coalition.id);
    let lead_admin = app.token(Some(w.lead.id), "ORG_ADMIN").await;
    let platform = app.token(None, "PLATFORM_ADMIN").await;
    let refused = [
        (app.token(Some(w.lead.id), "EDITOR").await, "FORBIDDEN"),
        (app.token(Some(w.lead.id), "READER").await, "FORBIDDEN"),
        (app.token(Some(w.partner.id), "ORG_ADMIN").await, "FORBIDDEN"),
        (app.token(Some(w.outsider.id), "ORG_ADMIN").await, "FORBIDDEN"),
    ];

    // Act / Assert
    for token in [&lead_admin, &platform] {
        let body = ask(&app, Some(token), &id).await;
        let link = &body["data"]["requestCoalitionExport"];
        assert!(
            link["url"]
                .as_str()
                .is_some_and(|u| u.starts_with("/exports/coalition/")),
            "{body}"
        );
        assert!(link["expiresAt"].is_string(), "{body}");
    }
    for (token, want) in &refused {
        let body = ask(&app, Some(token), &id).await;
        assert_eq!(code(&body), *want, "{body}");
        assert_eq!(body["data"]["requestCoalitionExport"], Value::Null);
    }
    assert_eq!(code(&ask(&app, None, &id).await), "UNAUTHENTICATED");
}

#[tokio::test]
async fn bad_coalition_ids_are_refused_with_a_clear_code() {
    let app = spawn_app().await;
    let w = archived(&app.db).await;
    let admin = app.token(None, "PLATFORM_ADMIN").await;
    let missing = encode(NodeType::Coalition, 999_999);
    let of_another_type = encode(NodeType::Organisation, w.lead.id);
    assert_eq!(code(&ask(&app, Some(&admin), &missing).await), "NOT_FOUND");
    for bad in [of_another_type.as_str(), "not-an-id", "", "Q29hbGl0aW9uOi0x", "\u{0}"] {
        assert_eq!(code(&ask(&app, Some(&admin), bad).await), "BAD_USER_INPUT", "{bad:?}");
    }
}

#[tokio::test]
async fn the_link_sends_the_cli_file_to_the_token_that_asked_and_is_audited() {
    // Arrange
    let app = spawn_app().await;
    let w = archived(&app.db).await;
    let lead_admin = app.token(Some(w.lead.id), "ORG_ADMIN").await;
    let other = app.token(None, "PLATFORM_ADMIN").await;
    let events_before = change_event::Entity::find().count(&app.db).await.unwrap();

    // Act
    let body = ask(&app, Some(&lead_admin), &encode(NodeType::Coalition, w.coalition.id)).await;
    let url = body["data"]["requestCoalitionExport"]["url"]
        .as_str()
        .unwrap()
        .to_string();
    let res = get(&app, Some(&lead_admin), &url).await;

    // Assert: the CLI's file, byte for byte.
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/x-ndjson");
    let downloaded = res.bytes().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cli.jsonl");
    ok(&export(&app.database_url, SLUG, &file));
    assert_eq!(downloaded.as_ref(), std::fs::read(&file).unwrap().as_slice());
    // Audited, and partners' change log does not hear of it.
    let audited = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("requestCoalitionExport"))
        .filter(audit_event::Column::EntityId.eq(encode(NodeType::Coalition, w.coalition.id).to_string()))
        .filter(audit_event::Column::OrganisationId.eq(w.lead.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(audited, 1);
    assert_eq!(
        change_event::Entity::find().count(&app.db).await.unwrap(),
        events_before
    );

    // Another token, no token, an altered link, an expired link: refused.
    assert_eq!(get(&app, Some(&other), &url).await.status(), 403);
    assert_eq!(get(&app, None, &url).await.status(), 401);
    let mut altered = url.clone();
    let last = altered.pop().unwrap();
    altered.push(if last == 'A' { 'B' } else { 'A' });
    let res = get(&app, Some(&lead_admin), &altered).await;
    assert_eq!(res.status(), 404);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND");
    let lead_token_id = token_id(&app, w.lead.id).await;
    let expired = Grant {
        coalition_id: w.coalition.id,
        token_id: lead_token_id,
        expires: chrono::Utc::now().timestamp() - 1,
    };
    let expired_url = format!("/exports/coalition/{}", app.keys.links().seal(&expired));
    let res = get(&app, Some(&lead_admin), &expired_url).await;
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("expired"));
}

/// The id of the one ORG_ADMIN token of `org`.
async fn token_id(app: &TestApp, org: i32) -> i32 {
    entity::api_token::Entity::find()
        .filter(entity::api_token::Column::OrganisationId.eq(org))
        .filter(entity::api_token::Column::Role.eq("ORG_ADMIN"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}
