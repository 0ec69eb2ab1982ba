//! A valid input for every mutation, on the rows of `fixtures::world`, sent with a platform
//! admin token of its organisation: what tests that vary one field of every mutation start from.

use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Map, Value, json};

use crate::fixtures;
use crate::helpers::TestApp;
use samenspel::graphql::ids::{NodeType, encode};

/// Global IDs of one row of each kind, all in one coalition the token's organisation belongs to.
pub struct Rows {
    pub token: String,
    ids: Map<String, Value>,
}

/// The demo-free world of `fixtures::world`, and a platform admin token of its organisation.
pub async fn arrange(app: &TestApp) -> Rows {
    let w = fixtures::world(&app.db).await;
    let mut ids = Map::new();
    for (key, table, t) in [
        ("organisation", "organisation", NodeType::Organisation),
        ("coalition", "coalition", NodeType::Coalition),
        ("workgroup", "workgroup", NodeType::Workgroup),
        ("person", "person", NodeType::Person),
        ("theme", "theme", NodeType::Theme),
        ("question", "learning_question", NodeType::LearningQuestion),
        ("contribution", "contribution", NodeType::Contribution),
        ("track", "learning_track", NodeType::LearningTrack),
        ("meeting", "meeting", NodeType::Meeting),
        ("outcome", "outcome", NodeType::Outcome),
    ] {
        ids.insert(key.into(), encode(t, first_id(app, table).await).to_string().into());
    }
    let token = app.token(Some(w.org.id), "PLATFORM_ADMIN").await;
    Rows { token, ids }
}

async fn first_id(app: &TestApp, table: &str) -> i32 {
    let sql = format!("SELECT MIN(id) AS id FROM {table}");
    let stmt = Statement::from_string(app.db.get_database_backend(), sql);
    let row = app.db.query_one_raw(stmt).await.unwrap().unwrap();
    row.try_get("", "id").unwrap()
}

impl Rows {
    /// The global ID of the row of kind `key` (`organisation`, `question`, `track`, …).
    pub fn id(&self, key: &str) -> Value {
        self.ids[key].clone()
    }

    /// A valid input for `mutation`; `k` makes its keys (slugs, external refs) unique.
    pub fn input(&self, mutation: &str, k: usize) -> Value {
        let org = self.id("organisation");
        let at = "2026-03-02T10:00:00Z";
        match mutation {
            "createApiToken" => json!({ "label": "sync", "role": "READER", "organisation": org }),
            "createOrganisation" => json!({ "slug": format!("org-{k}"), "name": "Org", "kind": "WELFARE" }),
            "createCoalition" => json!({ "slug": format!("co-{k}"), "name": "Co", "kind": "AREA_COALITION" }),
            "createPerson" => json!({ "name": "Jan", "role": "PROFESSIONAL", "organisation": org }),
            "upsertPersonByExternalRef" => {
                json!({ "externalRef": format!("p-{k}"), "name": "Jan", "role": "PROFESSIONAL", "organisation": org })
            }
            "createTheme" => json!({ "slug": format!("th-{k}"), "name": "Thema" }),
            "createWorkgroup" => json!({ "coalition": self.id("coalition"), "name": "Kring" }),
            "createLearningQuestion" => json!({ "coalition": self.id("coalition"), "title": "Q", "context": "C" }),
            "upsertLearningQuestionByExternalRef" => json!({
                "externalRef": format!("q-{k}"), "coalition": self.id("coalition"), "title": "Q", "context": "C"
            }),
            "changeLearningQuestionStatus" => json!({ "id": self.id("question"), "status": "EXPLORING" }),
            "addContribution" => json!({ "question": self.id("question"), "body": "B" }),
            "upsertContributionByExternalRef" => {
                json!({ "externalRef": format!("c-{k}"), "question": self.id("question"), "body": "B" })
            }
            "createLearningTrack" => json!({ "coalition": self.id("coalition"), "title": "T", "goal": "G" }),
            "createMeeting" => json!({ "coalition": self.id("coalition"), "title": "M", "startsAt": at }),
            "upsertMeetingByExternalRef" => json!({
                "externalRef": format!("m-{k}"), "coalition": self.id("coalition"), "title": "M", "startsAt": at
            }),
            "createOutcome" => json!({ "coalition": self.id("coalition"), "title": "O", "kind": "REPORT" }),
            update => {
                let key = match update {
                    "updateOrganisation" => "organisation",
                    "updateCoalition" => "coalition",
                    "updatePerson" => "person",
                    "updateTheme" => "theme",
                    "updateWorkgroup" => "workgroup",
                    "updateLearningQuestion" => "question",
                    "updateContribution" => "contribution",
                    "updateLearningTrack" => "track",
                    "updateMeeting" => "meeting",
                    "updateOutcome" => "outcome",
                    other => panic!("no input known for {other}"),
                };
                json!({ "id": self.id(key) })
            }
        }
    }

    /// Runs `mutation` with `input`; its payload, or the GraphQL errors' body when it failed.
    pub async fn send(&self, app: &TestApp, mutation: &str, input: Value) -> Value {
        let ty = format!("{}{}Input", mutation[..1].to_uppercase(), &mutation[1..]);
        let q = format!("mutation($input: {ty}!) {{ {mutation}(input: $input) {{ userErrors {{ field code }} }} }}");
        let body = app.post_as(&self.token, &q, json!({ "input": input })).await;
        assert!(body["errors"].is_null(), "{mutation}: {body}");
        body["data"][mutation].clone()
    }
}

/// The `code`s of the user errors on `field` in `payload`.
pub fn codes_on(payload: &Value, field: &str) -> Vec<String> {
    payload["userErrors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .filter(|e| e["field"] == json!([field]))
                .map(|e| e["code"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}
