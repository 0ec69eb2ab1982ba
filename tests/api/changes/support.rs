//! A small world to write in, and a reader of the feed.

use entity::OrganisationKind;
use serde_json::{Value, json};

use crate::fixtures;
use crate::helpers::TestApp;
use samenspel::graphql::ids::{NodeType, encode};

/// Two organisations: `member` belongs to the coalition, `outsider` does not.
pub struct World {
    pub coalition: String,
    pub editor: String,
    pub member_reader: String,
    pub outsider: String,
    pub admin: String,
    pub org_admin: String,
}

pub async fn world(app: &TestApp) -> World {
    let db = &app.db;
    let member = fixtures::org(db, "hvo-querido", OrganisationKind::CareProvider).await;
    let outsider = fixtures::org(db, "tno", OrganisationKind::KnowledgeInstitute).await;
    let c = fixtures::coalition(db, "cop-wooncirkels").await;
    fixtures::member(db, c.id, member.id).await;
    World {
        coalition: encode(NodeType::Coalition, c.id).to_string(),
        editor: app.token(Some(member.id), "EDITOR").await,
        member_reader: app.token(Some(member.id), "READER").await,
        outsider: app.token(Some(outsider.id), "READER").await,
        admin: app.token(None, "PLATFORM_ADMIN").await,
        org_admin: app.token(Some(member.id), "ORG_ADMIN").await,
    }
}

pub const EVENT: &str = "id action entityType nodeId version changedFields occurredAt cursor";

/// Runs a mutation and returns its payload, asserting it had no user errors.
pub async fn mutate(app: &TestApp, token: &str, name: &str, ty: &str, selection: &str, input: Value) -> Value {
    let q = format!("mutation($input: {ty}!) {{ {name}(input: $input) {{ {selection} userErrors {{ code }} }} }}");
    let p = app.data_as(token, &q, json!({ "input": input })).await[name].clone();
    assert_eq!(p["userErrors"], json!([]), "{name}: {p}");
    p
}

/// Creates a question in the world's coalition; returns its global ID.
pub async fn question(app: &TestApp, w: &World, title: &str, visibility: Option<&str>) -> String {
    let mut input = json!({ "coalition": w.coalition, "title": title, "context": "Context." });
    if let Some(v) = visibility {
        input["visibility"] = json!(v);
    }
    let p = mutate(
        app,
        &w.editor,
        "createLearningQuestion",
        "CreateLearningQuestionInput",
        "learningQuestion { id }",
        input,
    )
    .await;
    p["learningQuestion"]["id"].as_str().unwrap().to_string()
}

/// One page of the feed as `token` (None: anonymous) sees it.
pub async fn page(app: &TestApp, token: Option<&str>, after: Option<&str>, first: i32, extra: &str) -> Value {
    let q = format!(
        "query($after: String, $first: Int) {{ changes(after: $after, first: $first{extra}) {{ \
         nodes {{ {EVENT} }} pageInfo {{ hasNextPage endCursor }} }} }}"
    );
    let vars = json!({ "after": after, "first": first });
    let body = match token {
        Some(t) => app.post_as(t, &q, vars).await,
        None => app.post(&q, vars).await,
    };
    assert!(body.get("errors").is_none(), "{body}");
    let mut c = body["data"]["changes"].clone();
    c["hasNextPage"] = c["pageInfo"]["hasNextPage"].clone();
    c["endCursor"] = c["pageInfo"]["endCursor"].clone();
    c
}

/// Every event `token` sees, paging 100 at a time from the start.
pub async fn all(app: &TestApp, token: Option<&str>) -> Vec<Value> {
    let mut out = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let p = page(app, token, after.as_deref(), 100, "").await;
        out.extend(p["nodes"].as_array().unwrap().iter().cloned());
        after = p["endCursor"].as_str().map(str::to_string);
        if p["hasNextPage"] != true {
            return out;
        }
    }
}

/// The (action, nodeId) pairs of `events`.
pub fn pairs(events: &[Value]) -> Vec<(String, String)> {
    events
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_string(),
                e["nodeId"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}
