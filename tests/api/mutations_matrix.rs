//! The matrix role × mutation × own/other organisation: each mutation succeeds for exactly the
//! roles that may call it, and every refusal writes nothing at all, audit log included.

use entity::{OrganisationKind, Visibility};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::fixtures::{self, Link, link};
use crate::helpers::{TestApp, spawn_app};
use samenspel::graphql::ids::{NodeType, encode};

/// A fingerprint of everything a mutation could write: row counts and version sums.
async fn fingerprint(app: &TestApp) -> Vec<i64> {
    let mut out = vec![];
    for t in [
        "organisation",
        "coalition",
        "coalition_membership",
        "workgroup",
        "workgroup_membership",
        "person",
        "theme",
        "learning_question",
        "contribution",
        "learning_track",
        "meeting",
        "outcome",
        "question_theme",
        "workgroup_theme",
        "meeting_question",
        "outcome_question",
        "track_session",
        "audit_event",
    ] {
        let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM {t}");
        let row = app
            .db
            .query_one_raw(Statement::from_string(app.db.get_database_backend(), sql))
            .await
            .unwrap()
            .unwrap();
        out.push(row.try_get::<i64>("", "n").unwrap());
    }
    for t in [
        "workgroup",
        "learning_question",
        "contribution",
        "learning_track",
        "meeting",
        "outcome",
    ] {
        let sql = format!("SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) AS n FROM {t}");
        let row = app
            .db
            .query_one_raw(Statement::from_string(app.db.get_database_backend(), sql))
            .await
            .unwrap()
            .unwrap();
        out.push(row.try_get::<i64>("", "n").unwrap());
    }
    out
}

async fn audit_count(app: &TestApp) -> i64 {
    let sql = "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM audit_event";
    let row = app
        .db
        .query_one_raw(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

/// The world a mutation acts on, fresh for every attempt.
struct Ids {
    coalition: String,
    question: String,
    contribution: String,
    meeting: String,
    outcome: String,
    workgroup: String,
    track: String,
    theme: String,
    person: String,
}

async fn arrange(app: &TestApp, member_org: i32, n: usize) -> Ids {
    let db = &app.db;
    let c = fixtures::coalition(db, &format!("coalitie-{n}")).await;
    fixtures::member(db, c.id, member_org).await;
    let wg = fixtures::workgroup(db, c.id, "Werkgroep", Visibility::Public).await;
    let q = fixtures::question(db, c.id, Some(wg.id), "Wat werkt?", Visibility::Public).await;
    let person = fixtures::person(db, Some(member_org), &format!("Medewerker {n}")).await;
    use sea_orm::ActiveModelTrait;
    let k = fixtures::contribution_am(&q, Some(person.id), Some(member_org), Visibility::Public)
        .insert(db)
        .await
        .unwrap();
    let m = fixtures::meeting(db, c.id, 2, Visibility::Public).await;
    let o = fixtures::outcome(db, c.id, Visibility::Public).await;
    let t = fixtures::track(db, c.id).await;
    let theme = fixtures::theme(db, &format!("thema-{n}")).await;
    link(db, Link::QuestionTheme(q.id, theme.id)).await;
    Ids {
        coalition: encode(NodeType::Coalition, c.id).to_string(),
        question: encode(NodeType::LearningQuestion, q.id).to_string(),
        contribution: encode(NodeType::Contribution, k.id).to_string(),
        meeting: encode(NodeType::Meeting, m.id).to_string(),
        outcome: encode(NodeType::Outcome, o.id).to_string(),
        workgroup: encode(NodeType::Workgroup, wg.id).to_string(),
        track: encode(NodeType::LearningTrack, t.id).to_string(),
        theme: encode(NodeType::Theme, theme.id).to_string(),
        person: encode(NodeType::Person, person.id).to_string(),
    }
}

/// Who may call a mutation.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Rule {
    /// Editors and admins of a member organisation, and platform admins.
    CoalitionEditor,
    /// Editors and admins of the organisation that owns the record, and platform admins.
    OwnerEditor,
    /// Editors and admins of a member organisation; not platform admins (they have no organisation).
    OrganisationSync,
}

fn case(name: &str, ids: &Ids, n: usize) -> (Rule, String, Value) {
    use Rule::*;
    let (rule, input, ty) = match name {
        "createLearningQuestion" => (
            CoalitionEditor,
            json!({ "coalition": ids.coalition, "title": format!("Vraag {n}?"), "context": "Waarom." }),
            "CreateLearningQuestionInput",
        ),
        "updateLearningQuestion" => (
            CoalitionEditor,
            json!({ "id": ids.question, "title": "Nieuwe titel" }),
            "UpdateLearningQuestionInput",
        ),
        "changeLearningQuestionStatus" => (
            CoalitionEditor,
            json!({ "id": ids.question, "status": "ANSWERED", "resolutionSummary": "Zo." }),
            "ChangeLearningQuestionStatusInput",
        ),
        "removeLearningQuestionTheme" => (
            CoalitionEditor,
            json!({ "question": ids.question, "theme": ids.theme }),
            "LearningQuestionThemeInput",
        ),
        "upsertLearningQuestionByExternalRef" => (
            OrganisationSync,
            json!({ "externalRef": format!("q-{n}"), "coalition": ids.coalition, "title": "Vraag?", "context": "Context." }),
            "UpsertLearningQuestionByExternalRefInput",
        ),
        "addContribution" => (
            CoalitionEditor,
            json!({ "question": ids.question, "body": "Een ervaring.", "kind": "EXPERIENCE" }),
            "AddContributionInput",
        ),
        "updateContribution" => (
            OwnerEditor,
            json!({ "id": ids.contribution, "body": "Aangepast." }),
            "UpdateContributionInput",
        ),
        "deleteContribution" => (
            OwnerEditor,
            json!({ "id": ids.contribution }),
            "DeleteContributionInput",
        ),
        "upsertContributionByExternalRef" => (
            OrganisationSync,
            json!({ "externalRef": format!("k-{n}"), "question": ids.question, "body": "Tip." }),
            "UpsertContributionByExternalRefInput",
        ),
        "createMeeting" => (
            CoalitionEditor,
            json!({ "coalition": ids.coalition, "title": "Leersessie", "startsAt": "2025-01-21T13:00:00Z" }),
            "CreateMeetingInput",
        ),
        "updateMeeting" => (
            CoalitionEditor,
            json!({ "id": ids.meeting, "report": "Verslag." }),
            "UpdateMeetingInput",
        ),
        "deleteMeeting" => (CoalitionEditor, json!({ "id": ids.meeting }), "DeleteMeetingInput"),
        "linkQuestionToMeeting" => (
            CoalitionEditor,
            json!({ "meeting": ids.meeting, "question": ids.question }),
            "MeetingQuestionInput",
        ),
        "upsertMeetingByExternalRef" => (
            OrganisationSync,
            json!({ "externalRef": format!("m-{n}"), "coalition": ids.coalition, "title": "Sessie", "startsAt": "2025-04-21T13:00:00Z" }),
            "UpsertMeetingByExternalRefInput",
        ),
        "createOutcome" => (
            CoalitionEditor,
            json!({ "coalition": ids.coalition, "title": "Handreiking", "kind": "GUIDE" }),
            "CreateOutcomeInput",
        ),
        "updateOutcome" => (
            CoalitionEditor,
            json!({ "id": ids.outcome, "url": "https://example.org/handreiking" }),
            "UpdateOutcomeInput",
        ),
        "deleteOutcome" => (CoalitionEditor, json!({ "id": ids.outcome }), "DeleteOutcomeInput"),
        "linkQuestionToOutcome" => (
            CoalitionEditor,
            json!({ "outcome": ids.outcome, "question": ids.question }),
            "OutcomeQuestionInput",
        ),
        "createWorkgroup" => (
            CoalitionEditor,
            json!({ "coalition": ids.coalition, "name": "Leerkring" }),
            "CreateWorkgroupInput",
        ),
        "updateWorkgroup" => (
            CoalitionEditor,
            json!({ "id": ids.workgroup, "method": "transformatieleren" }),
            "UpdateWorkgroupInput",
        ),
        "archiveWorkgroup" => (CoalitionEditor, json!({ "id": ids.workgroup }), "ArchiveWorkgroupInput"),
        "addWorkgroupMember" => (
            CoalitionEditor,
            json!({ "workgroup": ids.workgroup, "person": ids.person, "role": "FACILITATOR" }),
            "WorkgroupMemberInput",
        ),
        "addWorkgroupTheme" => (
            CoalitionEditor,
            json!({ "workgroup": ids.workgroup, "theme": ids.theme }),
            "WorkgroupThemeInput",
        ),
        "createLearningTrack" => (
            CoalitionEditor,
            json!({ "coalition": ids.coalition, "title": "Leerlijn", "goal": "Leren." }),
            "CreateLearningTrackInput",
        ),
        "addTrackSession" => (
            CoalitionEditor,
            json!({ "track": ids.track, "meeting": ids.meeting, "position": 1 }),
            "TrackSessionInput",
        ),
        other => panic!("no case for {other}"),
    };
    let q = format!("mutation($input: {ty}!) {{ {name}(input: $input) {{ userErrors {{ field message code }} }} }}");
    (rule, q, json!({ "input": input }))
}

const MUTATIONS: [&str; 25] = [
    "createLearningQuestion",
    "updateLearningQuestion",
    "changeLearningQuestionStatus",
    "removeLearningQuestionTheme",
    "upsertLearningQuestionByExternalRef",
    "addContribution",
    "updateContribution",
    "deleteContribution",
    "upsertContributionByExternalRef",
    "createMeeting",
    "updateMeeting",
    "deleteMeeting",
    "linkQuestionToMeeting",
    "upsertMeetingByExternalRef",
    "createOutcome",
    "updateOutcome",
    "deleteOutcome",
    "linkQuestionToOutcome",
    "createWorkgroup",
    "updateWorkgroup",
    "archiveWorkgroup",
    "addWorkgroupMember",
    "addWorkgroupTheme",
    "createLearningTrack",
    "addTrackSession",
];

#[tokio::test]
async fn every_role_gets_exactly_its_rights_and_refusals_write_nothing() {
    let app = spawn_app().await;
    let member = fixtures::org(&app.db, "cordaan", OrganisationKind::CareProvider).await;
    let outsider = fixtures::org(&app.db, "eigen-haard", OrganisationKind::Housing).await;
    let viewers: Vec<(&str, Option<String>)> = vec![
        ("anonymous", None),
        ("member READER", Some(app.token(Some(member.id), "READER").await)),
        ("member EDITOR", Some(app.token(Some(member.id), "EDITOR").await)),
        ("member ORG_ADMIN", Some(app.token(Some(member.id), "ORG_ADMIN").await)),
        ("outsider EDITOR", Some(app.token(Some(outsider.id), "EDITOR").await)),
        (
            "outsider ORG_ADMIN",
            Some(app.token(Some(outsider.id), "ORG_ADMIN").await),
        ),
        ("PLATFORM_ADMIN", Some(app.token(None, "PLATFORM_ADMIN").await)),
    ];
    let mut n = 0;
    for name in MUTATIONS {
        for (who, token) in &viewers {
            n += 1;
            let ids = arrange(&app, member.id, n).await;
            let (rule, query, vars) = case(name, &ids, n);
            let allowed = matches!(
                (rule, *who),
                (_, "member EDITOR" | "member ORG_ADMIN")
                    | (Rule::CoalitionEditor | Rule::OwnerEditor, "PLATFORM_ADMIN")
            );
            let (before, audits) = (fingerprint(&app).await, audit_count(&app).await);
            let body = match token {
                Some(t) => app.post_as(t, &query, vars).await,
                None => app.post(&query, vars).await,
            };
            if allowed {
                assert!(body["errors"].is_null(), "{name} as {who}: {body}");
                assert_eq!(body["data"][name]["userErrors"], json!([]), "{name} as {who}");
                assert_eq!(audit_count(&app).await, audits + 1, "{name} as {who}: one audit event");
            } else {
                let code = body["errors"][0]["extensions"]["code"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                let expected = if token.is_none() {
                    "UNAUTHENTICATED"
                } else {
                    "FORBIDDEN"
                };
                assert_eq!(code, expected, "{name} as {who}: {body}");
                assert_eq!(fingerprint(&app).await, before, "{name} as {who} wrote something");
            }
        }
    }
}
