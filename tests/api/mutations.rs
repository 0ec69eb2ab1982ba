//! What the mutations do: results, validation codes, optimistic locking, idempotent upserts and
//! the audit trail.

use entity::{OrganisationKind, Visibility, audit_event, learning_question};
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};
use serde_json::{Value, json};

use crate::fixtures;
use crate::helpers::{TestApp, spawn_app};
use samenspel::graphql::ids::{NodeType, encode};

struct World {
    coalition: String,
    other_coalition: String,
    editor: String,
    org_id: i32,
}

async fn arrange(app: &TestApp) -> World {
    let db = &app.db;
    let org = fixtures::org(db, "hvo-querido", OrganisationKind::CareProvider).await;
    let c = fixtures::coalition(db, "cop-wooncirkels").await;
    let other = fixtures::coalition(db, "bijspringen-en-versterken").await;
    fixtures::member(db, c.id, org.id).await;
    fixtures::member(db, other.id, org.id).await;
    World {
        coalition: encode(NodeType::Coalition, c.id).to_string(),
        other_coalition: encode(NodeType::Coalition, other.id).to_string(),
        editor: app.token(Some(org.id), "EDITOR").await,
        org_id: org.id,
    }
}

async fn run(app: &TestApp, token: &str, name: &str, ty: &str, selection: &str, input: Value) -> Value {
    let q = format!(
        "mutation($input: {ty}!) {{ {name}(input: $input) {{ {selection} userErrors {{ field message code }} }} }}"
    );
    app.data_as(token, &q, json!({ "input": input })).await[name].clone()
}

fn codes(payload: &Value) -> Vec<String> {
    payload["userErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap().to_string())
        .collect()
}

async fn audits(app: &TestApp) -> Vec<audit_event::Model> {
    audit_event::Entity::find()
        .order_by_asc(audit_event::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

const QUESTION: &str = "learningQuestion { id title version status askedByOrganisation { slug } externalRef }";

#[tokio::test]
async fn create_question_records_who_did_what() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let input = json!({ "coalition": w.coalition, "title": " Wat is een wooncirkel? ", "context": "Vijf zorgorganisaties verkennen het." });
    let p = run(
        &app,
        &w.editor,
        "createLearningQuestion",
        "CreateLearningQuestionInput",
        QUESTION,
        input,
    )
    .await;
    assert_eq!(codes(&p), Vec::<String>::new());
    let q = &p["learningQuestion"];
    assert_eq!(q["title"], "Wat is een wooncirkel?", "text is trimmed");
    assert_eq!(q["version"], 1);
    assert_eq!(q["status"], "OPEN");
    assert_eq!(
        q["askedByOrganisation"]["slug"], "hvo-querido",
        "the organisation comes from the token"
    );
    let a = audits(&app).await;
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].action, "createLearningQuestion");
    assert_eq!(a[0].entity_type, "LearningQuestion");
    assert_eq!(a[0].entity_id, q["id"].as_str().unwrap());
    assert_eq!(a[0].organisation_id, Some(w.org_id));
    assert_eq!(a[0].role, "EDITOR");
    assert!(a[0].token_id.is_some());
    assert!(a[0].changed_fields.contains("title"));
}

#[tokio::test]
async fn invalid_input_comes_back_as_user_errors_and_writes_nothing() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let db = &app.db;
    let other_c = samenspel::graphql::ids::decode_as(&w.other_coalition, NodeType::Coalition).unwrap();
    let foreign_wg = fixtures::workgroup(db, other_c, "Elders", Visibility::Public).await;
    let long = "x".repeat(301);
    let cases = [
        (
            json!({ "coalition": w.coalition, "title": "  ", "context": "c" }),
            vec!["REQUIRED"],
        ),
        (
            json!({ "coalition": w.coalition, "title": long, "context": "" }),
            vec!["TOO_LONG", "REQUIRED"],
        ),
        (
            json!({ "coalition": w.coalition, "title": "t", "context": "c", "workgroup": encode(NodeType::Workgroup, foreign_wg.id).to_string() }),
            vec!["CROSS_COALITION"],
        ),
    ];
    for (input, expected) in cases {
        let p = run(
            &app,
            &w.editor,
            "createLearningQuestion",
            "CreateLearningQuestionInput",
            QUESTION,
            input.clone(),
        )
        .await;
        assert_eq!(codes(&p), expected, "{input}");
        assert!(p["learningQuestion"].is_null());
    }
    let m = run(
        &app,
        &w.editor,
        "createMeeting",
        "CreateMeetingInput",
        "meeting { id }",
        json!({ "coalition": w.coalition, "title": "Sessie", "startsAt": "2025-01-21T13:00:00Z", "endsAt": "2025-01-21T12:00:00Z" }),
    )
    .await;
    assert_eq!(codes(&m), vec!["OUT_OF_RANGE"]);
    let o = run(
        &app,
        &w.editor,
        "createOutcome",
        "CreateOutcomeInput",
        "outcome { id }",
        json!({ "coalition": w.coalition, "title": "Bundel", "url": "javascript:alert(1)" }),
    )
    .await;
    assert_eq!(codes(&o), vec!["INVALID"]);
    assert_eq!(learning_question::Entity::find().count(db).await.unwrap(), 0);
    assert!(audits(&app).await.is_empty());
}

#[tokio::test]
async fn stale_versions_and_concurrent_edits_never_lose_an_update() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let input = json!({ "coalition": w.coalition, "title": "Wie heeft de procesregie?", "context": "Leerlijn." });
    let p = run(
        &app,
        &w.editor,
        "createLearningQuestion",
        "CreateLearningQuestionInput",
        QUESTION,
        input,
    )
    .await;
    let id = p["learningQuestion"]["id"].as_str().unwrap().to_string();
    let upd = |title: &str, version: i64| json!({ "id": id, "title": title, "expectedVersion": version });
    let ok = run(
        &app,
        &w.editor,
        "updateLearningQuestion",
        "UpdateLearningQuestionInput",
        QUESTION,
        upd("Eerste", 1),
    )
    .await;
    assert_eq!(ok["learningQuestion"]["version"], 2);
    let stale = run(
        &app,
        &w.editor,
        "updateLearningQuestion",
        "UpdateLearningQuestionInput",
        QUESTION,
        upd("Tweede", 1),
    )
    .await;
    assert_eq!(codes(&stale), vec!["VERSION_CONFLICT"]);
    // Eight writers based on the same version: exactly one wins, the others are told.
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let (app_q, input) = (mutation_text(), json!({ "input": upd(&format!("Poging {i}"), 2) }));
            let (client, url, token) = (app.client.clone(), format!("{}/graphql", app.address), w.editor.clone());
            tokio::spawn(async move {
                let res = client
                    .post(url)
                    .bearer_auth(token)
                    .json(&json!({ "query": app_q, "variables": input }))
                    .send()
                    .await
                    .unwrap();
                res.json::<Value>().await.unwrap()
            })
        })
        .collect();
    let mut wins = 0;
    for t in tasks {
        let body = t.await.unwrap();
        let p = &body["data"]["updateLearningQuestion"];
        match codes(p).as_slice() {
            [] => wins += 1,
            [c] if c == "VERSION_CONFLICT" => {}
            other => panic!("unexpected {other:?}: {body}"),
        }
    }
    assert_eq!(wins, 1);
    let q = learning_question::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(q.version, 3);
    assert_eq!(audits(&app).await.len(), 3, "create, first update, the one winner");
}

fn mutation_text() -> String {
    format!(
        "mutation($input: UpdateLearningQuestionInput!) {{ updateLearningQuestion(input: $input) {{ {QUESTION} userErrors {{ field message code }} }} }}"
    )
}

#[tokio::test]
async fn upserts_by_external_ref_are_idempotent() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let input = json!({ "externalRef": "crm-42", "coalition": w.coalition, "title": "Hoe activeer ik partners?", "context": "Uit ons CRM." });
    let first = QUESTION_UPSERT.run(&app, &w, input.clone()).await;
    let again = QUESTION_UPSERT.run(&app, &w, input.clone()).await;
    assert_eq!(
        (first["created"].clone(), again["created"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(first["learningQuestion"]["id"], again["learningQuestion"]["id"]);
    assert_eq!(
        again["learningQuestion"]["version"], 1,
        "an identical repeat changes nothing"
    );
    assert_eq!(
        again["learningQuestion"]["externalRef"], "crm-42",
        "the owner sees its own key"
    );
    assert_eq!(learning_question::Entity::find().count(&app.db).await.unwrap(), 1);
    assert_eq!(audits(&app).await.len(), 1);
    let mut changed = input.clone();
    changed["title"] = json!("Hoe activeren we partners?");
    let third = QUESTION_UPSERT.run(&app, &w, changed).await;
    assert_eq!(third["learningQuestion"]["version"], 2);
    assert_eq!(audits(&app).await.len(), 2);
    // Another organisation's reader does not see the key.
    let d = app
        .data(r#"{ learningQuestions { nodes { externalRef } } }"#, json!({}))
        .await;
    assert!(d["learningQuestions"]["nodes"][0]["externalRef"].is_null());
    // The same key in another coalition is refused.
    let mut moved = input.clone();
    moved["coalition"] = json!(w.other_coalition);
    let p = QUESTION_UPSERT.run(&app, &w, moved).await;
    assert_eq!(codes(&p), vec!["INVALID"]);
}

#[tokio::test]
async fn contributions_belong_to_their_organisation_and_links_stay_inside_a_coalition() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let db = &app.db;
    let colleague = fixtures::org(db, "permens", OrganisationKind::CareProvider).await;
    let c = samenspel::graphql::ids::decode_as(&w.coalition, NodeType::Coalition).unwrap();
    fixtures::member(db, c, colleague.id).await;
    let other_editor = app.token(Some(colleague.id), "EDITOR").await;
    let q = run(
        &app,
        &w.editor,
        "createLearningQuestion",
        "CreateLearningQuestionInput",
        QUESTION,
        json!({ "coalition": w.coalition, "title": "Do's en don'ts?", "context": "Wooncirkels." }),
    )
    .await;
    let qid = q["learningQuestion"]["id"].clone();
    let k = run(
        &app,
        &w.editor,
        "addContribution",
        "AddContributionInput",
        "contribution { id kind organisation { slug } }",
        json!({ "question": qid, "body": "Begin klein.", "kind": "DO" }),
    )
    .await;
    assert_eq!(k["contribution"]["organisation"]["slug"], "hvo-querido");
    let kid = k["contribution"]["id"].clone();
    let body = app
        .post_as(
            &other_editor,
            "mutation($i: UpdateContributionInput!) { updateContribution(input: $i) { userErrors { code } } }",
            json!({ "i": { "id": kid, "body": "Overschreven" } }),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "a fellow member cannot rewrite another organisation's words"
    );
    // A question of another coalition cannot be linked to this coalition's meeting.
    let m = run(
        &app,
        &w.editor,
        "createMeeting",
        "CreateMeetingInput",
        "meeting { id }",
        json!({ "coalition": w.other_coalition, "title": "Elders", "startsAt": "2025-01-21T13:00:00Z" }),
    )
    .await;
    let link = run(
        &app,
        &w.editor,
        "linkQuestionToMeeting",
        "MeetingQuestionInput",
        "meeting { id }",
        json!({ "meeting": m["meeting"]["id"], "question": qid }),
    )
    .await;
    assert_eq!(codes(&link), vec!["CROSS_COALITION"]);
    let status = run(
        &app,
        &w.editor,
        "changeLearningQuestionStatus",
        "ChangeLearningQuestionStatusInput",
        QUESTION,
        json!({ "id": qid, "status": "ANSWERED" }),
    )
    .await;
    assert_eq!(codes(&status), vec!["REQUIRED"]);
}

#[tokio::test]
async fn a_hidden_record_cannot_be_written_and_looks_missing() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let outsider = fixtures::org(&app.db, "gemeente-nieuwegein", OrganisationKind::Municipality).await;
    let outsider_editor = app.token(Some(outsider.id), "EDITOR").await;
    let q = run(&app, &w.editor, "createLearningQuestion", "CreateLearningQuestionInput", QUESTION,
        json!({ "coalition": w.coalition, "title": "Besloten vraag", "context": "Alleen voor leden.", "visibility": "COALITION" })).await;
    let id = q["learningQuestion"]["id"].clone();
    let body = app
        .post_as(
            &outsider_editor,
            "mutation($i: UpdateLearningQuestionInput!) { updateLearningQuestion(input: $i) { userErrors { code } } }",
            json!({ "i": { "id": id, "title": "Gekaapt" } }),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND");
    let missing = encode(NodeType::LearningQuestion, 999_999).to_string();
    let body2 = app
        .post_as(
            &outsider_editor,
            "mutation($i: UpdateLearningQuestionInput!) { updateLearningQuestion(input: $i) { userErrors { code } } }",
            json!({ "i": { "id": missing, "title": "Gekaapt" } }),
        )
        .await;
    assert_eq!(
        body["errors"][0]["message"], body2["errors"][0]["message"],
        "hidden and missing read the same"
    );
}

#[tokio::test]
async fn the_audit_log_is_for_admins_each_seeing_their_own() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let other = fixtures::org(&app.db, "gemeente-amstelveen", OrganisationKind::Municipality).await;
    let c = samenspel::graphql::ids::decode_as(&w.coalition, NodeType::Coalition).unwrap();
    fixtures::member(&app.db, c, other.id).await;
    let other_editor = app.token(Some(other.id), "EDITOR").await;
    for (token, title) in [(&w.editor, "Van HVO"), (&other_editor, "Van Amstelveen")] {
        let input = json!({ "coalition": w.coalition, "title": title, "context": "Context." });
        run(
            &app,
            token,
            "createLearningQuestion",
            "CreateLearningQuestionInput",
            QUESTION,
            input,
        )
        .await;
    }
    let q = "{ auditEvents { totalCount nodes { id action entityType entityId role changedFields organisation { slug } } } }";
    let platform = app.token(None, "PLATFORM_ADMIN").await;
    let all = app.data_as(&platform, q, json!({})).await;
    assert_eq!(all["auditEvents"]["totalCount"], 2);
    let own_admin = app.token(Some(w.org_id), "ORG_ADMIN").await;
    let own = app.data_as(&own_admin, q, json!({})).await;
    assert_eq!(own["auditEvents"]["totalCount"], 1);
    let event = &own["auditEvents"]["nodes"][0];
    assert_eq!(event["organisation"]["slug"], "hvo-querido");
    assert_eq!(event["action"], "createLearningQuestion");
    assert!(event["changedFields"].as_array().unwrap().contains(&json!("title")));
    // The other organisation's event looks missing to this admin, even by ID.
    let theirs = all["auditEvents"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["organisation"]["slug"] == "gemeente-amstelveen")
        .unwrap();
    let n = app
        .data_as(
            &own_admin,
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": theirs["id"] }),
        )
        .await;
    assert!(n["node"].is_null());
    assert_eq!(app.error_code_as(&w.editor, q, json!({})).await, "FORBIDDEN");
    assert_eq!(app.error_code(q, json!({})).await, "UNAUTHENTICATED");
    // The filter narrows within what the viewer may read, never beyond it.
    let filtered = "query($f: AuditEventFilter) { auditEvents(filter: $f) { totalCount } }";
    let other_id = encode(NodeType::Organisation, other.id).to_string();
    let by_org = json!({ "f": { "organisation": other_id } });
    assert_eq!(
        app.data_as(&platform, filtered, by_org.clone()).await["auditEvents"]["totalCount"],
        1
    );
    assert_eq!(
        app.data_as(&own_admin, filtered, by_org).await["auditEvents"]["totalCount"],
        0
    );
    let by_entity = json!({ "f": { "entityId": event["entityId"] } });
    assert_eq!(
        app.data_as(&platform, filtered, by_entity).await["auditEvents"]["totalCount"],
        1
    );
    let by_action = json!({ "f": { "action": "createLearningQuestion" } });
    assert_eq!(
        app.data_as(&platform, filtered, by_action).await["auditEvents"]["totalCount"],
        2
    );
    let none = json!({ "f": { "action": "deleteMeeting" } });
    assert_eq!(
        app.data_as(&platform, filtered, none).await["auditEvents"]["totalCount"],
        0
    );
}

#[tokio::test]
async fn malformed_or_wrong_type_ids_in_mutations_are_bad_input_and_write_nothing() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let org_id = encode(NodeType::Organisation, w.org_id).to_string();
    let q = "mutation($input: CreateLearningQuestionInput!) { createLearningQuestion(input: $input) { userErrors { code } } }";
    for coalition in [json!("not-an-id"), json!(org_id)] {
        let input = json!({ "input": { "coalition": coalition, "title": "Vraag?", "context": "Context." } });
        assert_eq!(
            app.error_code_as(&w.editor, q, input).await,
            "BAD_USER_INPUT",
            "{coalition}"
        );
    }
    let upd =
        "mutation($input: UpdateContributionInput!) { updateContribution(input: $input) { userErrors { code } } }";
    let input = json!({ "input": { "id": w.coalition, "body": "x" } });
    assert_eq!(app.error_code_as(&w.editor, upd, input).await, "BAD_USER_INPUT");
    assert_eq!(learning_question::Entity::find().count(&app.db).await.unwrap(), 0);
    assert!(audits(&app).await.is_empty());
}

#[tokio::test]
async fn an_unchanged_upsert_does_not_show_a_question_its_organisation_may_no_longer_see() {
    // Arrange: a coalition-only question made by upsert, then the organisation leaves.
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let input = json!({ "externalRef": "crm-7", "coalition": w.coalition, "title": "Alleen voor de coalitie",
                        "context": "Vertrouwelijk.", "visibility": "COALITION" });
    let first = QUESTION_UPSERT.run(&app, &w, input.clone()).await;
    assert_eq!(first["created"], json!(true));
    leave(&app, &w).await;
    // Act and assert: the same input again is refused like any hidden record, and the question
    // is nowhere in the answer.
    QUESTION_UPSERT
        .refused_again(&app, &w, input, "Alleen voor de coalitie", 1)
        .await;
}

/// The organisation of `w` leaves coalition `w.coalition`.
async fn leave(app: &TestApp, w: &World) {
    use sea_orm::{ColumnTrait, QueryFilter, sea_query::Expr};
    let c = samenspel::graphql::ids::decode_as(&w.coalition, NodeType::Coalition).unwrap();
    entity::coalition_membership::Entity::update_many()
        .col_expr(
            entity::coalition_membership::Column::LeftOn,
            Expr::value(chrono::NaiveDate::from_ymd_opt(2026, 1, 1)),
        )
        .filter(entity::coalition_membership::Column::CoalitionId.eq(c))
        .filter(entity::coalition_membership::Column::OrganisationId.eq(w.org_id))
        .exec(&app.db)
        .await
        .unwrap();
    // Written past the write path, as another process would: the replica's token cache
    // (PostgreSQL) must not answer from the row it read before.
    samenspel::auth::cache::forget_all();
}

/// An upsert mutation: its name, its input type and what to select of its payload.
struct Upsert {
    name: &'static str,
    ty: &'static str,
    selection: &'static str,
}

const QUESTION_UPSERT: Upsert = Upsert {
    name: "upsertLearningQuestionByExternalRef",
    ty: "UpsertLearningQuestionByExternalRefInput",
    selection: "created learningQuestion { id title version status askedByOrganisation { slug } externalRef }",
};
const CONTRIBUTION_UPSERT: Upsert = Upsert {
    name: "upsertContributionByExternalRef",
    ty: "UpsertContributionByExternalRefInput",
    selection: "created contribution { id body visibility }",
};
const MEETING_UPSERT: Upsert = Upsert {
    name: "upsertMeetingByExternalRef",
    ty: "UpsertMeetingByExternalRefInput",
    selection: "created meeting { id title visibility }",
};

impl Upsert {
    /// Sends `input` as `w`'s editor and returns the payload.
    async fn run(&self, app: &TestApp, w: &World, input: Value) -> Value {
        run(app, &w.editor, self.name, self.ty, self.selection, input).await
    }

    /// Sends `input` again and checks it is refused like a hidden record, with `secret`
    /// nowhere in the answer and no audit event beyond the `audited` ones.
    async fn refused_again(&self, app: &TestApp, w: &World, input: Value, secret: &str, audited: usize) {
        let (name, ty, selection) = (self.name, self.ty, self.selection);
        let q = format!("mutation($input: {ty}!) {{ {name}(input: $input) {{ {selection} userErrors {{ code }} }} }}");
        let body = app.post_as(&w.editor, &q, json!({ "input": input })).await;
        let code = body["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(["NOT_FOUND", "FORBIDDEN"].contains(&code.as_str()), "{name}: {body}");
        assert!(!body.to_string().contains(secret), "{name}: {body}");
        assert_eq!(audits(app).await.len(), audited, "{name}: nothing written");
    }
}

#[tokio::test]
async fn unchanged_upserts_of_contributions_and_meetings_show_nothing_to_an_organisation_that_left() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let question = run(
        &app,
        &w.editor,
        "createLearningQuestion",
        "CreateLearningQuestionInput",
        "learningQuestion { id }",
        json!({ "coalition": w.coalition, "title": "Open vraag", "context": "Voor iedereen.", "visibility": "PUBLIC" }),
    )
    .await["learningQuestion"]["id"]
        .clone();
    let contribution = json!({ "externalRef": "crm-c1", "question": question, "body": "Vertrouwelijke tip",
                               "visibility": "COALITION" });
    let c = CONTRIBUTION_UPSERT.run(&app, &w, contribution.clone()).await;
    assert_eq!(c["created"], json!(true));
    let meeting = json!({ "externalRef": "crm-m1", "coalition": w.coalition, "title": "Besloten overleg",
                          "startsAt": "2026-03-02T13:00:00Z", "visibility": "COALITION" });
    let m = MEETING_UPSERT.run(&app, &w, meeting.clone()).await;
    assert_eq!(m["created"], json!(true));
    assert_eq!(audits(&app).await.len(), 3);

    leave(&app, &w).await;

    CONTRIBUTION_UPSERT
        .refused_again(&app, &w, contribution, "Vertrouwelijke tip", 3)
        .await;
    MEETING_UPSERT
        .refused_again(&app, &w, meeting, "Besloten overleg", 3)
        .await;
}
