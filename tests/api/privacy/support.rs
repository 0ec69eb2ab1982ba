//! A world with one person in it whose data is everywhere: made through the API, so the audit
//! log and the change log hold what they hold in real use.

use entity::OrganisationKind;
use serde_json::{Value, json};

use crate::fixtures;
use crate::helpers::TestApp;
use samenspel::graphql::ids::{NodeType, encode};

/// A name and email that occur nowhere else, so finding them anywhere is a finding.
pub const NAME: &str = "Zwaantje Olifantsdotter";
pub const EMAIL: &str = "zwaantje.olifantsdotter@erase-test.example";
pub const EXTERNAL_REF: &str = "crm-olifantsdotter-7731";

/// Organisation `own` (in the coalition) and `other`, tokens of every role, and `person` of
/// `own` with contributions of every attribution, a question, a workgroup and a token label.
pub struct World {
    pub own_admin: String,
    pub own_editor: String,
    pub own_reader: String,
    pub other_admin: String,
    pub platform: String,
    pub person: String,
    pub person_id: i32,
    pub own_slug: &'static str,
    pub workgroup: String,
    pub question: String,
    /// Contributions by the person: NAMED, ORGANISATION, ANONYMOUS.
    pub contributions: Vec<String>,
}

pub async fn mutate(app: &TestApp, token: &str, name: &str, ty: &str, selection: &str, input: Value) -> Value {
    let q = format!("mutation($input: {ty}!) {{ {name}(input: $input) {{ {selection} userErrors {{ code }} }} }}");
    let p = app.data_as(token, &q, json!({ "input": input })).await[name].clone();
    assert_eq!(p["userErrors"], json!([]), "{name}: {p}");
    p
}

pub async fn world(app: &TestApp) -> World {
    let db = &app.db;
    let own = fixtures::org(db, "cordaan", OrganisationKind::CareProvider).await;
    let other = fixtures::org(db, "tno", OrganisationKind::KnowledgeInstitute).await;
    let c = fixtures::coalition(db, "cop-wooncirkels").await;
    fixtures::member(db, c.id, own.id).await;
    let coalition = encode(NodeType::Coalition, c.id);
    let own_admin = app.token(Some(own.id), "ORG_ADMIN").await;
    let own_editor = app.token(Some(own.id), "EDITOR").await;
    let p = mutate(
        app,
        &own_admin,
        "upsertPersonByExternalRef",
        "UpsertPersonByExternalRefInput",
        "person { id }",
        json!({ "externalRef": EXTERNAL_REF, "name": NAME, "email": EMAIL, "role": "PROFESSIONAL" }),
    )
    .await;
    let person = p["person"]["id"].as_str().unwrap().to_string();
    mutate(
        app,
        &own_admin,
        "updatePerson",
        "UpdatePersonInput",
        "person { id }",
        json!({ "id": person, "role": "RESIDENT" }),
    )
    .await;
    let wg = mutate(
        app,
        &own_editor,
        "createWorkgroup",
        "CreateWorkgroupInput",
        "workgroup { id }",
        json!({ "coalition": coalition, "name": "Leercirkel Noord", "kind": "LEARNING_CIRCLE", "visibility": "PUBLIC" }),
    )
    .await["workgroup"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    mutate(
        app,
        &own_admin,
        "addWorkgroupMember",
        "WorkgroupMemberInput",
        "membership { id }",
        json!({ "workgroup": wg, "person": person }),
    )
    .await;
    let question = mutate(
        app,
        &own_editor,
        "createLearningQuestion",
        "CreateLearningQuestionInput",
        "learningQuestion { id }",
        json!({ "coalition": coalition, "title": "Hoe houden bewoners regie?", "context": "Een vraag uit de wijk.",
                "visibility": "PUBLIC", "askedByPerson": person }),
    )
    .await["learningQuestion"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut contributions = Vec::new();
    for attribution in ["NAMED", "ORGANISATION", "ANONYMOUS"] {
        let c = mutate(
            app,
            &own_editor,
            "addContribution",
            "AddContributionInput",
            "contribution { id }",
            json!({ "question": question, "body": format!("Ervaring ({attribution}): samen koken werkt."),
                    "attribution": attribution, "author": person }),
        )
        .await;
        contributions.push(c["contribution"]["id"].as_str().unwrap().to_string());
    }
    // An admin labels a token with the person's name and email.
    mutate(
        app,
        &own_admin,
        "createApiToken",
        "CreateApiTokenInput",
        "token",
        json!({ "label": format!("tablet van {NAME} <{EMAIL}>"), "role": "READER" }),
    )
    .await;
    World {
        own_admin,
        own_editor,
        own_reader: app.token(Some(own.id), "READER").await,
        other_admin: app.token(Some(other.id), "ORG_ADMIN").await,
        platform: app.token(None, "PLATFORM_ADMIN").await,
        person_id: samenspel::ids::decode_as(&person, NodeType::Person).unwrap(),
        person,
        own_slug: "cordaan",
        workgroup: wg,
        question,
        contributions,
    }
}

pub const EXPORT: &str =
    "mutation($input: ExportPersonDataInput!) { exportPersonData(input: $input) { data userErrors { code } } }";
pub const ERASE: &str = "mutation($input: ErasePersonInput!) { erasePerson(input: $input) {
  person { id name email externalRef erasedAt version } erasedPersonId contributionsDetached questionsDetached
  membershipsRemoved userErrors { code } } }";

/// `exportPersonData` of `person` as `token` (empty: anonymous): the whole response.
pub async fn export(app: &TestApp, token: &str, person: &str) -> Value {
    let vars = json!({ "input": { "person": person } });
    if token.is_empty() {
        app.post(EXPORT, vars).await
    } else {
        app.post_as(token, EXPORT, vars).await
    }
}

/// `erasePerson` of `person` as `token` (empty: anonymous): the whole response.
pub async fn erase(app: &TestApp, token: &str, person: &str) -> Value {
    let vars = json!({ "input": { "person": person } });
    if token.is_empty() {
        app.post(ERASE, vars).await
    } else {
        app.post_as(token, ERASE, vars).await
    }
}

/// Rows of `table`, counted straight in the database.
pub async fn count(app: &TestApp, table: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM {table}");
    let stmt = Statement::from_string(app.db.get_database_backend(), sql);
    let row = app.db.query_one_raw(stmt).await.unwrap().unwrap();
    row.try_get::<i64>("", "n").unwrap()
}
