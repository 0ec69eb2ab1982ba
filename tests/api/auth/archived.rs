//! An archived organisation: every token of it is refused from the very next request, and
//! works again once the organisation is restored; no new token is made for it.

use chrono::Utc;
use entity::{OrganisationKind, Visibility, api_token, contribution, organisation};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use super::assert_refused;
use crate::fixtures;
use crate::helpers::{TestApp, spawn_app};
use samenspel::graphql::ids::{NodeType, encode};

const ROLE: &str = "{ viewer { role } }";
const ARCHIVE: &str = "mutation($id: ID!) { archiveOrganisation(input: {id: $id}) { organisation { archivedAt } } }";
const CONTRIBUTE: &str = "mutation($q: ID!) { addContribution(input: {question: $q, body: \"Een tip.\"}) {
  contribution { id } userErrors { code } } }";
const CREATE_TOKEN: &str = "mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) {
  token userErrors { field code } } }";
const RENAME: &str = "mutation($id: ID!) { updateOrganisation(input: {id: $id, name: \"Hernoemd\"}) {
  organisation { name } } }";

/// Cordaan (tokens of every role) and Philadelphia in one coalition with a question.
struct World {
    cordaan: organisation::Model,
    question: String,
    tokens: Vec<(&'static str, String)>,
    platform: String,
    philadelphia: String,
}

async fn arrange(app: &TestApp) -> World {
    let db = &app.db;
    let cordaan = fixtures::org(db, "cordaan", OrganisationKind::CareProvider).await;
    let philadelphia = fixtures::org(db, "philadelphia", OrganisationKind::CareProvider).await;
    let c = fixtures::coalition(db, "cop-wooncirkels").await;
    fixtures::member(db, c.id, cordaan.id).await;
    fixtures::member(db, c.id, philadelphia.id).await;
    let q = fixtures::question(db, c.id, None, "Hoe vinden bewoners elkaar?", Visibility::Coalition).await;
    let mut tokens = Vec::new();
    for role in ["READER", "EDITOR", "ORG_ADMIN"] {
        tokens.push((role, app.token(Some(cordaan.id), role).await));
    }
    World {
        question: encode(NodeType::LearningQuestion, q.id).to_string(),
        tokens,
        platform: app.token(None, "PLATFORM_ADMIN").await,
        philadelphia: app.token(Some(philadelphia.id), "EDITOR").await,
        cordaan,
    }
}

fn token<'a>(w: &'a World, role: &str) -> &'a str {
    &w.tokens
        .iter()
        .find(|(r, _)| *r == role)
        .expect("a token of the role")
        .1
}

fn org_id(w: &World) -> Value {
    json!(encode(NodeType::Organisation, w.cordaan.id).to_string())
}

async fn contributions(app: &TestApp) -> u64 {
    contribution::Entity::find().count(&app.db).await.expect("count")
}

/// Sends `query` as `token` and asserts the 401 of an archived organisation.
async fn assert_archived(app: &TestApp, token: &str, query: &str, variables: Value) {
    let res = app
        .client
        .post(app.graphql_url())
        .bearer_auth(token)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 401, "{query}");
    let body: Value = res.json().await.expect("JSON body");
    assert_eq!(
        body["errors"][0]["extensions"]["reason"], "ORGANISATION_ARCHIVED",
        "{body}"
    );
    assert!(body["data"].is_null(), "{body}");
}

/// Clears `archived_at`, as restoring the organisation does.
async fn restore(app: &TestApp, org: &organisation::Model) {
    let mut am: organisation::ActiveModel = org.clone().into();
    am.archived_at = Set(None);
    am.updated_at = Set(Utc::now());
    am.update(&app.db).await.expect("restore");
    // Written past the write path, as another process would: the replica's token cache
    // (PostgreSQL) must not answer from the row it read before.
    samenspel::auth::cache::forget_all();
}

#[tokio::test]
async fn every_token_of_an_archived_organisation_is_refused_until_it_is_restored() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    for (role, t) in &w.tokens {
        assert_eq!(app.data_as(t, ROLE, json!({})).await["viewer"]["role"], *role);
    }
    let d = app.data_as(&w.platform, ARCHIVE, json!({ "id": org_id(&w) })).await;
    assert!(
        d["archiveOrganisation"]["organisation"]["archivedAt"].is_string(),
        "{d}"
    );

    for (_, t) in &w.tokens {
        assert_refused(&app, &format!("Bearer {t}"), "ORGANISATION_ARCHIVED").await;
    }
    let (editor, admin) = (token(&w, "EDITOR"), token(&w, "ORG_ADMIN"));
    assert_archived(&app, editor, CONTRIBUTE, json!({ "q": w.question })).await;
    let new_token = json!({ "input": { "label": "Nieuw", "role": "READER", "expiresInDays": 30 } });
    assert_archived(&app, admin, CREATE_TOKEN, new_token).await;
    assert_archived(&app, admin, RENAME, json!({ "id": org_id(&w) })).await;
    // None of those writes happened: the three tokens and the platform's, Philadelphia's.
    assert_eq!(contributions(&app).await, 0);
    assert_eq!(api_token::Entity::find().count(&app.db).await.expect("count"), 5);
    let row = organisation::Entity::find_by_id(w.cordaan.id)
        .one(&app.db)
        .await
        .expect("row");
    assert_eq!(row.map(|o| o.name), Some(w.cordaan.name.clone()));
    // Tokens without that organisation are untouched.
    assert_eq!(
        app.data_as(&w.platform, ROLE, json!({})).await["viewer"]["role"],
        "PLATFORM_ADMIN"
    );
    let d = app
        .data_as(&w.philadelphia, CONTRIBUTE, json!({ "q": w.question }))
        .await;
    assert_eq!(d["addContribution"]["userErrors"], json!([]), "{d}");

    let archived = organisation::Entity::find_by_id(w.cordaan.id)
        .one(&app.db)
        .await
        .expect("row");
    restore(&app, &archived.expect("the organisation")).await;
    for (role, t) in &w.tokens {
        assert_eq!(app.data_as(t, ROLE, json!({})).await["viewer"]["role"], *role);
    }
    let d = app.data_as(editor, CONTRIBUTE, json!({ "q": w.question })).await;
    assert!(d["addContribution"]["contribution"]["id"].is_string(), "{d}");
    assert_eq!(contributions(&app).await, 2);
    let d = app.data_as(admin, RENAME, json!({ "id": org_id(&w) })).await;
    assert_eq!(d["updateOrganisation"]["organisation"]["name"], "Hernoemd");
}

#[tokio::test]
async fn no_token_is_created_for_an_archived_organisation() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    app.data_as(&w.platform, ARCHIVE, json!({ "id": org_id(&w) })).await;
    let before = api_token::Entity::find().count(&app.db).await.expect("count");
    let input = json!({ "input": { "label": "Nieuw", "role": "EDITOR", "expiresInDays": 30,
        "organisation": org_id(&w) } });
    let d = app.data_as(&w.platform, CREATE_TOKEN, input).await;
    let p = &d["createApiToken"];
    assert!(p["token"].is_null(), "{d}");
    assert_eq!(
        p["userErrors"],
        json!([{ "field": ["organisation"], "code": "ARCHIVED" }])
    );
    assert_eq!(api_token::Entity::find().count(&app.db).await.expect("count"), before);
}
