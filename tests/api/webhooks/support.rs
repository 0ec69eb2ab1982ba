//! A small world for webhook tests and the GraphQL calls they make.

use std::time::{Duration, Instant};

use entity::OrganisationKind;
use serde_json::{Value, json};

use crate::fixtures;
use crate::helpers::{TestApp, spawn_app_with};
use samenspel::config::ServeSettings;
use samenspel::graphql::ids::{NodeType, encode};

/// The service with webhooks allowed to reach 127.0.0.1 over http, retrying after 0, 300 ms,
/// 600 ms, and a timeout of 2 s; then `more` settings.
pub async fn app_with(more: impl FnOnce(&mut ServeSettings)) -> TestApp {
    spawn_app_with(|s| {
        s.webhooks.webhook_allow_private = true;
        s.webhooks.webhook_allow_http = true;
        s.webhooks.webhook_timeout_ms = 2000;
        s.webhooks.webhook_retry_schedule = ms(&[0, 300, 600]);
        more(s);
    })
    .await
}

/// Durations of milliseconds.
pub fn ms(steps: &[u64]) -> Vec<Duration> {
    steps.iter().map(|m| Duration::from_millis(*m)).collect()
}

/// `member` is in the coalition, `outsider` is not.
pub struct World {
    pub coalition: String,
    pub member_id: i32,
    pub member_admin: String,
    pub member_editor: String,
    pub outsider_admin: String,
    pub platform: String,
}

pub async fn world(app: &TestApp) -> World {
    let db = &app.db;
    let member = fixtures::org(db, "hvo-querido", OrganisationKind::CareProvider).await;
    let outsider = fixtures::org(db, "tno", OrganisationKind::KnowledgeInstitute).await;
    let c = fixtures::coalition(db, "cop-wooncirkels").await;
    fixtures::member(db, c.id, member.id).await;
    World {
        coalition: encode(NodeType::Coalition, c.id).to_string(),
        member_id: member.id,
        member_admin: app.token(Some(member.id), "ORG_ADMIN").await,
        member_editor: app.token(Some(member.id), "EDITOR").await,
        outsider_admin: app.token(Some(outsider.id), "ORG_ADMIN").await,
        platform: app.token(None, "PLATFORM_ADMIN").await,
    }
}

/// Runs a mutation as `token` and returns its payload (user errors and all).
pub async fn mutate(app: &TestApp, token: &str, name: &str, ty: &str, selection: &str, input: Value) -> Value {
    let q = format!(
        "mutation($input: {ty}!) {{ {name}(input: $input) {{ {selection} userErrors {{ field code message }} }} }}"
    );
    app.data_as(token, &q, json!({ "input": input })).await[name].clone()
}

/// Creates a webhook as `token`; returns (its ID, its secret), asserting it was accepted.
pub async fn create(app: &TestApp, token: &str, input: Value) -> (String, String) {
    let p = mutate(
        app,
        token,
        "createWebhook",
        "CreateWebhookInput",
        "webhook { id } secret",
        input,
    )
    .await;
    assert_eq!(p["userErrors"], json!([]), "{p}");
    (
        p["webhook"]["id"].as_str().unwrap().to_string(),
        p["secret"].as_str().unwrap().to_string(),
    )
}

/// Creates a question in the world's coalition as its editor; returns its global ID.
pub async fn question(app: &TestApp, w: &World, title: &str, visibility: &str) -> String {
    let input = json!({ "coalition": w.coalition, "title": title, "context": "Context.", "visibility": visibility });
    let p = mutate(
        app,
        &w.member_editor,
        "createLearningQuestion",
        "CreateLearningQuestionInput",
        "learningQuestion { id }",
        input,
    )
    .await;
    assert_eq!(p["userErrors"], json!([]), "{p}");
    p["learningQuestion"]["id"].as_str().unwrap().to_string()
}

/// Renames question `id`.
pub async fn rename(app: &TestApp, w: &World, id: &str, title: &str) {
    let p = mutate(
        app,
        &w.member_editor,
        "updateLearningQuestion",
        "UpdateLearningQuestionInput",
        "learningQuestion { id }",
        json!({ "id": id, "title": title }),
    )
    .await;
    assert_eq!(p["userErrors"], json!([]), "{p}");
}

pub const DELIVERY: &str = "id eventType messageId state attempt httpStatus durationMs error lastAttemptAt \
                            nextAttemptAt redeliveryOf event { nodeId action }";

/// The webhook as `token` sees it, with its newest deliveries.
pub async fn webhook(app: &TestApp, token: &str, id: &str) -> Value {
    let q = format!(
        "query($id: ID!) {{ node(id: $id) {{ ... on Webhook {{ id url status failingSince disabledAt disabledReason \
         previousSecretExpiresAt deliveries(first: 50) {{ totalCount nodes {{ {DELIVERY} }} }} }} }} }}"
    );
    app.data_as(token, &q, json!({ "id": id })).await["node"].clone()
}

/// Waits until `check` holds for the webhook (as `token` sees it), up to `within`.
pub async fn until(app: &TestApp, token: &str, id: &str, within: Duration, check: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + within;
    loop {
        let w = webhook(app, token, id).await;
        if check(&w) {
            return w;
        }
        assert!(Instant::now() < deadline, "not within {within:?}: {w:#}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The deliveries of a webhook value, oldest first.
pub fn deliveries(w: &Value) -> Vec<Value> {
    let mut d = w["deliveries"]["nodes"].as_array().cloned().unwrap_or_default();
    d.reverse();
    d
}
