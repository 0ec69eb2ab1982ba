//! The matrix viewer × visibility × access path: every path shows a viewer exactly the same set.

use std::collections::BTreeSet;

use entity::{Attribution, OrganisationKind, Visibility};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use serde_json::{Value, json};

use crate::fixtures;
use crate::helpers::{TestApp, spawn_app};
use samenspel::graphql::ids::{NodeType, encode};

const LEVELS: [Visibility; 3] = [Visibility::Public, Visibility::Partners, Visibility::Coalition];

fn tag(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "PUBLIC",
        Visibility::Partners => "PARTNERS",
        Visibility::Coalition => "COALITION",
    }
}

struct Setup {
    coalition_id: String,
    question_id: String,
    ids: Vec<(NodeType, String, &'static str)>,
}

async fn arrange(app: &TestApp) -> (Setup, i32, i32) {
    let db = &app.db;
    let member = fixtures::org(db, "cordaan", OrganisationKind::CareProvider).await;
    let outsider = fixtures::org(db, "tno", OrganisationKind::KnowledgeInstitute).await;
    let c = fixtures::coalition(db, "cop-wooncirkels").await;
    fixtures::member(db, c.id, member.id).await;
    let open_q = fixtures::question(db, c.id, None, "open vraag", Visibility::Public).await;
    let mut ids = vec![];
    for v in LEVELS {
        let w = fixtures::workgroup(db, c.id, &format!("wg {}", tag(v)), v).await;
        let q = fixtures::question(db, c.id, None, &format!("q {}", tag(v)), v).await;
        let mut k = fixtures::contribution_am(&open_q, None, Some(member.id), v);
        k.body = Set(format!("k {}", tag(v)));
        let k = k.insert(db).await.unwrap();
        let m = fixtures::meeting(db, c.id, 1, v).await;
        let o = fixtures::outcome(db, c.id, v).await;
        ids.push((
            NodeType::Workgroup,
            encode(NodeType::Workgroup, w.id).to_string(),
            tag(v),
        ));
        ids.push((
            NodeType::LearningQuestion,
            encode(NodeType::LearningQuestion, q.id).to_string(),
            tag(v),
        ));
        ids.push((
            NodeType::Contribution,
            encode(NodeType::Contribution, k.id).to_string(),
            tag(v),
        ));
        ids.push((NodeType::Meeting, encode(NodeType::Meeting, m.id).to_string(), tag(v)));
        ids.push((NodeType::Outcome, encode(NodeType::Outcome, o.id).to_string(), tag(v)));
    }
    let setup = Setup {
        coalition_id: encode(NodeType::Coalition, c.id).to_string(),
        question_id: encode(NodeType::LearningQuestion, open_q.id).to_string(),
        ids,
    };
    (setup, member.id, outsider.id)
}

const PATHS: &str = r#"query($c: ID!, $q: ID!, $ids: [ID!]!) {
  workgroups { totalCount nodes { id } }
  learningQuestions(filter: {visibility: [PUBLIC, PARTNERS, COALITION]}) { totalCount nodes { id title } }
  meetings { totalCount nodes { id } }
  outcomes { totalCount nodes { id } }
  fWorkgroups: workgroups(coalition: $c) { totalCount nodes { id } }
  fQuestions: learningQuestions(filter: {coalition: $c}) { totalCount nodes { id } }
  fMeetings: meetings(filter: {coalition: $c}) { totalCount nodes { id } }
  coalition: node(id: $c) { ... on Coalition {
    workgroups { totalCount nodes { id } } learningQuestions { totalCount nodes { id } }
    meetings { totalCount nodes { id } } outcomes { totalCount nodes { id } } } }
  question: node(id: $q) { ... on LearningQuestion { contributions { totalCount nodes { id } } } }
  nodes(ids: $ids) { id }
}"#;

fn set(conn: &Value) -> BTreeSet<String> {
    let nodes: BTreeSet<String> = conn["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        conn["totalCount"].as_u64().unwrap() as usize,
        nodes.len(),
        "totalCount agrees with the list: {conn}"
    );
    nodes
}

async fn check_viewer(app: &TestApp, s: &Setup, token: Option<&str>, allowed: &[&str]) {
    let all: Vec<&String> = s.ids.iter().map(|(_, id, _)| id).collect();
    let vars = json!({ "c": s.coalition_id, "q": s.question_id, "ids": all });
    let d = match token {
        Some(t) => app.data_as(t, PATHS, vars).await,
        None => app.data(PATHS, vars).await,
    };
    let expect = |t: NodeType| -> BTreeSet<String> {
        s.ids
            .iter()
            .filter(|(nt, _, v)| *nt == t && allowed.contains(v))
            .map(|(_, id, _)| id.clone())
            .collect()
    };
    let open_q = BTreeSet::from([s.question_id.clone()]);
    let questions = |conn: &Value| -> BTreeSet<String> { set(conn).difference(&open_q).cloned().collect() };
    let label = format!("viewer {token:?}");
    for (path, got) in [
        ("workgroups", set(&d["workgroups"])),
        ("filter", set(&d["fWorkgroups"])),
        ("nested", set(&d["coalition"]["workgroups"])),
    ] {
        assert_eq!(got, expect(NodeType::Workgroup), "{label} workgroups via {path}");
    }
    for (path, got) in [
        ("list", questions(&d["learningQuestions"])),
        ("filter", questions(&d["fQuestions"])),
        ("nested", questions(&d["coalition"]["learningQuestions"])),
    ] {
        assert_eq!(got, expect(NodeType::LearningQuestion), "{label} questions via {path}");
    }
    for (path, got) in [
        ("list", set(&d["meetings"])),
        ("filter", set(&d["fMeetings"])),
        ("nested", set(&d["coalition"]["meetings"])),
    ] {
        assert_eq!(got, expect(NodeType::Meeting), "{label} meetings via {path}");
    }
    for (path, got) in [
        ("list", set(&d["outcomes"])),
        ("nested", set(&d["coalition"]["outcomes"])),
    ] {
        assert_eq!(got, expect(NodeType::Outcome), "{label} outcomes via {path}");
    }
    assert_eq!(
        set(&d["question"]["contributions"]),
        expect(NodeType::Contribution),
        "{label} contributions nested"
    );
    // nodes(ids) and node(id) show the same set, and hidden ones look exactly like missing ones.
    let via_nodes: BTreeSet<String> = d["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| !n.is_null())
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    let every: BTreeSet<String> = s
        .ids
        .iter()
        .filter(|(_, _, v)| allowed.contains(v))
        .map(|(_, id, _)| id.clone())
        .collect();
    assert_eq!(via_nodes, every, "{label} via nodes");
    for (_, id, v) in &s.ids {
        let q = "query($id: ID!) { node(id: $id) { id } }";
        let body = match token {
            Some(t) => app.post_as(t, q, json!({ "id": id })).await,
            None => app.post(q, json!({ "id": id })).await,
        };
        assert!(body["errors"].is_null(), "{body}");
        assert_eq!(
            !body["data"]["node"].is_null(),
            allowed.contains(v),
            "{label} node({v})"
        );
    }
}

#[tokio::test]
async fn every_access_path_shows_each_viewer_the_same_set() {
    let app = spawn_app().await;
    let (s, member, outsider) = arrange(&app).await;
    let member_reader = app.token(Some(member), "READER").await;
    let outsider_reader = app.token(Some(outsider), "READER").await;
    let admin = app.token(None, "PLATFORM_ADMIN").await;
    check_viewer(&app, &s, None, &["PUBLIC"]).await;
    check_viewer(&app, &s, Some(&outsider_reader), &["PUBLIC", "PARTNERS"]).await;
    check_viewer(&app, &s, Some(&member_reader), &["PUBLIC", "PARTNERS", "COALITION"]).await;
    check_viewer(&app, &s, Some(&admin), &["PUBLIC", "PARTNERS", "COALITION"]).await;
}

#[tokio::test]
async fn attribution_hides_people_and_organisations_outside_the_coalition() {
    let app = spawn_app().await;
    let db = &app.db;
    let member = fixtures::org(db, "philadelphia", OrganisationKind::CareProvider).await;
    let outsider = fixtures::org(db, "rivm", OrganisationKind::KnowledgeInstitute).await;
    let c = fixtures::coalition(db, "wijzer-in-de-wijk").await;
    fixtures::member(db, c.id, member.id).await;
    let person = fixtures::person(db, Some(member.id), "Suzanne Lagerweij").await;
    let q = fixtures::question(db, c.id, None, "Hoe bereiken we inwoners?", Visibility::Public).await;
    for (a, body) in [
        (Attribution::Named, "named"),
        (Attribution::Organisation, "org"),
        (Attribution::Anonymous, "anon"),
    ] {
        let mut k = fixtures::contribution_am(&q, Some(person.id), Some(member.id), Visibility::Public);
        k.attribution = Set(a);
        k.body = Set(body.into());
        k.insert(db).await.unwrap();
    }
    let query = r#"query($q: ID!, $p: ID!, $o: ID!) {
      q: node(id: $q) { ... on LearningQuestion { contributions { nodes { body author { name } organisation { slug } } } } }
      p: node(id: $p) { ... on Person { contributions { totalCount } } }
      o: node(id: $o) { ... on Organisation { contributions { totalCount } } } }"#;
    let vars = json!({
        "q": encode(NodeType::LearningQuestion, q.id).to_string(),
        "p": encode(NodeType::Person, person.id).to_string(),
        "o": encode(NodeType::Organisation, member.id).to_string(),
    });
    let shown = |d: &Value| -> Vec<(String, bool, bool)> {
        d["q"]["contributions"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                (
                    n["body"].as_str().unwrap().to_string(),
                    !n["author"].is_null(),
                    !n["organisation"].is_null(),
                )
            })
            .collect()
    };
    let outside_views = [None, Some(app.token(Some(outsider.id), "READER").await)];
    for token in outside_views {
        let d = match &token {
            Some(t) => app.data_as(t, query, vars.clone()).await,
            None => app.data(query, vars.clone()).await,
        };
        let expected = vec![
            ("named".into(), true, true),
            ("org".into(), false, true),
            ("anon".into(), false, false),
        ];
        assert_eq!(shown(&d), expected, "outside the coalition ({token:?})");
        assert_eq!(
            d["p"]["contributions"]["totalCount"], 1,
            "only the NAMED one under the person"
        );
        assert_eq!(
            d["o"]["contributions"]["totalCount"], 2,
            "not the ANONYMOUS one under the organisation"
        );
    }
    let inside = app.token(Some(member.id), "READER").await;
    let d = app.data_as(&inside, query, vars.clone()).await;
    assert!(
        shown(&d).iter().all(|(_, author, org)| *author && *org),
        "inside the coalition everything shows"
    );
    assert_eq!(d["p"]["contributions"]["totalCount"], 3);
    assert_eq!(d["o"]["contributions"]["totalCount"], 3);
}

#[tokio::test]
async fn emails_only_for_the_persons_organisation_admins_and_platform_admins() {
    let app = spawn_app().await;
    let db = &app.db;
    let own = fixtures::org(db, "perMens".to_lowercase().as_str(), OrganisationKind::CareProvider).await;
    let other = fixtures::org(db, "leger-des-heils", OrganisationKind::CareProvider).await;
    let p = fixtures::person(db, Some(own.id), "Henk de Vries").await;
    let q = "query($id: ID!) { node(id: $id) { ... on Person { email } } }";
    let vars = json!({ "id": encode(NodeType::Person, p.id).to_string() });
    let cases = [
        (Some(app.token(Some(own.id), "ORG_ADMIN").await), true),
        (Some(app.token(None, "PLATFORM_ADMIN").await), true),
        (Some(app.token(Some(own.id), "EDITOR").await), false),
        (Some(app.token(Some(other.id), "ORG_ADMIN").await), false),
        (None, false),
    ];
    for (token, sees) in cases {
        let d = match &token {
            Some(t) => app.data_as(t, q, vars.clone()).await,
            None => app.data(q, vars.clone()).await,
        };
        assert_eq!(d["node"]["email"].is_string(), sees, "{token:?}");
    }
}
