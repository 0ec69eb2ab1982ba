//! Every root field, the filters, and every relation followed both ways.

use entity::{OrganisationKind, Visibility};
use serde_json::json;

use crate::fixtures::{self, world};
use crate::helpers::{spawn_app, spawn_demo_app, spawn_unlimited_app};

#[tokio::test]
async fn every_root_field_answers() {
    let app = spawn_app().await;
    let w = world(&app.db).await;
    let data = app
        .data(
            r#"{
              organisations { totalCount nodes { slug } }
              organisation(slug: "cordaan") { name }
              coalitions { totalCount nodes { slug } }
              coalition(slug: "cop-wooncirkels") { name }
              workgroups { totalCount nodes { name } }
              learningQuestions { totalCount nodes { title } }
              themes { totalCount nodes { slug } }
              theme(slug: "wooncirkels") { name }
              meetings { totalCount nodes { title } }
              outcomes { totalCount nodes { title } }
              learningTracks { totalCount nodes { title } }
            }"#,
            json!({}),
        )
        .await;
    for field in [
        "organisations",
        "coalitions",
        "workgroups",
        "learningQuestions",
        "themes",
        "meetings",
        "outcomes",
        "learningTracks",
    ] {
        assert_eq!(data[field]["totalCount"], 1, "{field}: {data}");
        assert_eq!(data[field]["nodes"].as_array().unwrap().len(), 1, "{field}");
    }
    assert_eq!(data["organisation"]["name"], w.org.name);
    assert_eq!(data["coalition"]["name"], w.coalition.name);
    assert_eq!(data["theme"]["name"], w.theme.name);
}

#[tokio::test]
async fn relations_can_be_followed_both_ways() {
    let app = spawn_unlimited_app().await;
    world(&app.db).await;
    let d = app
        .data(
            r#"{ organisation(slug: "cordaan") {
                coalitions { nodes { slug workgroups { nodes { name
                    themes { nodes { slug workgroups { nodes { name } } } }
                    members { nodes { role person { name workgroupMemberships { nodes { workgroup { name } } } } } }
                    learningQuestions { nodes { title
                        workgroup { name } coalition { slug }
                        themes { nodes { slug learningQuestions { totalCount } } }
                        contributions { nodes { body question { title } author { name contributions { totalCount } }
                                                organisation { slug contributions { totalCount } } } }
                        meetings { nodes { title learningQuestions { totalCount } learningTracks { nodes { title sessions { totalCount } } } } }
                        outcomes { nodes { title learningQuestions { totalCount } coalition { slug } } } } } } } } }
                memberships { nodes { role coalition { members { nodes { organisation { slug } } } } } }
                people { nodes { name organisation { slug } learningQuestions { totalCount } } }
            } }"#,
            json!({}),
        )
        .await;
    let o = &d["organisation"];
    let wg = &o["coalitions"]["nodes"][0]["workgroups"]["nodes"][0];
    assert_eq!(wg["themes"]["nodes"][0]["workgroups"]["nodes"][0]["name"], wg["name"]);
    assert_eq!(
        wg["members"]["nodes"][0]["person"]["workgroupMemberships"]["nodes"][0]["workgroup"]["name"],
        wg["name"]
    );
    let q = &wg["learningQuestions"]["nodes"][0];
    assert_eq!(q["workgroup"]["name"], wg["name"]);
    assert_eq!(q["coalition"]["slug"], "cop-wooncirkels");
    assert_eq!(q["themes"]["nodes"][0]["learningQuestions"]["totalCount"], 1);
    let c = &q["contributions"]["nodes"][0];
    assert_eq!(c["question"]["title"], q["title"]);
    assert_eq!(c["author"]["contributions"]["totalCount"], 1);
    assert_eq!(c["organisation"]["contributions"]["totalCount"], 1);
    let m = &q["meetings"]["nodes"][0];
    assert_eq!(m["learningQuestions"]["totalCount"], 1);
    assert_eq!(m["learningTracks"]["nodes"][0]["sessions"]["totalCount"], 1);
    assert_eq!(q["outcomes"]["nodes"][0]["learningQuestions"]["totalCount"], 1);
    let members = &o["memberships"]["nodes"][0]["coalition"]["members"]["nodes"];
    assert_eq!(members[0]["organisation"]["slug"], "cordaan");
    assert_eq!(o["people"]["nodes"][0]["organisation"]["slug"], "cordaan");
}

#[tokio::test]
async fn question_filters_narrow_the_list() {
    let app = spawn_app().await;
    let w = world(&app.db).await;
    let other = fixtures::coalition(&app.db, "buurtmakers-nieuwegein").await;
    fixtures::question(&app.db, other.id, None, "Wie heeft de procesregie?", Visibility::Public).await;
    let ids = app
        .data(
            r#"{ coalition(slug: "cop-wooncirkels") { id workgroups { nodes { id } } }
                 theme(slug: "wooncirkels") { id } organisation(slug: "cordaan") { id } }"#,
            json!({}),
        )
        .await;
    let count = |filter: serde_json::Value| {
        let app = &app;
        async move {
            let d = app
                .data(
                    "query($f: LearningQuestionFilter) { learningQuestions(filter: $f) { totalCount nodes { id } } }",
                    json!({ "f": filter }),
                )
                .await;
            let total = d["learningQuestions"]["totalCount"].as_u64().unwrap();
            assert_eq!(
                total as usize,
                d["learningQuestions"]["nodes"].as_array().unwrap().len()
            );
            total
        }
    };
    assert_eq!(count(json!({})).await, 2);
    assert_eq!(count(json!({ "coalition": ids["coalition"]["id"] })).await, 1);
    assert_eq!(
        count(json!({ "workgroup": ids["coalition"]["workgroups"]["nodes"][0]["id"] })).await,
        1
    );
    assert_eq!(count(json!({ "theme": ids["theme"]["id"] })).await, 1);
    assert_eq!(count(json!({ "organisation": ids["organisation"]["id"] })).await, 0);
    assert_eq!(count(json!({ "status": ["OPEN"] })).await, 2);
    assert_eq!(count(json!({ "status": ["ANSWERED", "ARCHIVED"] })).await, 0);
    assert_eq!(count(json!({ "visibility": ["PUBLIC"] })).await, 2);
    let t = w.question.created_at;
    assert_eq!(count(json!({ "createdAfter": t.to_rfc3339() })).await, 2);
    assert_eq!(count(json!({ "createdBefore": t.to_rfc3339() })).await, 0);
    let later = (t + chrono::Duration::seconds(1)).to_rfc3339();
    assert_eq!(
        count(json!({ "createdAfter": t.to_rfc3339(), "createdBefore": later })).await,
        2
    );
}

#[tokio::test]
async fn organisation_and_meeting_filters_narrow_the_list() {
    let app = spawn_app().await;
    world(&app.db).await;
    fixtures::org(&app.db, "gemeente-amstelveen", OrganisationKind::Municipality).await;
    let c = app
        .data(r#"{ coalition(slug: "cop-wooncirkels") { id } }"#, json!({}))
        .await;
    let q = "query($f: OrganisationFilter) { organisations(filter: $f) { totalCount nodes { slug } } }";
    let d = app.data(q, json!({ "f": { "kind": ["MUNICIPALITY"] } })).await;
    assert_eq!(d["organisations"]["nodes"], json!([{ "slug": "gemeente-amstelveen" }]));
    let d = app.data(q, json!({ "f": { "coalition": c["coalition"]["id"] } })).await;
    assert_eq!(d["organisations"]["nodes"], json!([{ "slug": "cordaan" }]));

    let start = fixtures::t0() + chrono::Duration::days(3);
    let q = "query($f: MeetingFilter) { meetings(filter: $f) { totalCount } }";
    let d = app.data(q, json!({ "f": { "startsAfter": start.to_rfc3339() } })).await;
    assert_eq!(d["meetings"]["totalCount"], 1);
    let d = app
        .data(q, json!({ "f": { "startsBefore": start.to_rfc3339() } }))
        .await;
    assert_eq!(d["meetings"]["totalCount"], 0);
}

#[tokio::test]
async fn anonymous_viewers_see_public_records_only_on_every_path() {
    let app = spawn_app().await;
    let w = world(&app.db).await;
    let db = &app.db;
    let hidden_wg = fixtures::workgroup(db, w.coalition.id, "Besloten leerkring", Visibility::Coalition).await;
    // PUBLIC question inside a coalition-only workgroup: hidden with its workgroup.
    fixtures::question(
        db,
        w.coalition.id,
        Some(hidden_wg.id),
        "Verborgen vraag",
        Visibility::Public,
    )
    .await;
    fixtures::question(db, w.coalition.id, None, "Partnervraag", Visibility::Partners).await;
    use sea_orm::ActiveModelTrait;
    fixtures::contribution_am(&w.question, None, None, Visibility::Partners)
        .insert(db)
        .await
        .unwrap();
    fixtures::meeting(db, w.coalition.id, 9, Visibility::Coalition).await;
    fixtures::outcome(db, w.coalition.id, Visibility::Partners).await;

    let d = app
        .data(
            r#"{ learningQuestions { totalCount nodes { title contributions { totalCount nodes { body } } } }
                 workgroups { totalCount } meetings { totalCount } outcomes { totalCount }
                 coalition(slug: "cop-wooncirkels") { workgroups { totalCount nodes { name } }
                   learningQuestions { totalCount nodes { title } } meetings { totalCount } outcomes { totalCount } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(d["learningQuestions"]["totalCount"], 1);
    assert_eq!(d["learningQuestions"]["nodes"][0]["title"], "Wat is een wooncirkel?");
    assert_eq!(d["learningQuestions"]["nodes"][0]["contributions"]["totalCount"], 1);
    assert_eq!(d["workgroups"]["totalCount"], 1);
    assert_eq!(d["meetings"]["totalCount"], 1);
    assert_eq!(d["outcomes"]["totalCount"], 1);
    let c = &d["coalition"];
    assert_eq!(c["workgroups"]["totalCount"], 1);
    assert_eq!(c["learningQuestions"]["totalCount"], 1);
    assert_eq!(c["meetings"]["totalCount"], 1);
    assert_eq!(c["outcomes"]["totalCount"], 1);
    // The hidden workgroup looks exactly like a missing one.
    let id = samenspel::graphql::ids::encode(samenspel::graphql::ids::NodeType::Workgroup, hidden_wg.id);
    let d = app
        .data("query($id: ID!) { node(id: $id) { id } }", json!({ "id": id }))
        .await;
    assert!(d["node"].is_null());
    // And a person's email is not for the public.
    let d = app
        .data(
            r#"{ organisation(slug: "cordaan") { people { nodes { email } } } }"#,
            json!({}),
        )
        .await;
    assert!(d["organisation"]["people"]["nodes"][0]["email"].is_null());
}

/// An object's fields come back in the order the query asks for them, those that wait for a
/// DataLoader too (async-graphql handed them over as they finished: see
/// `vendor/async-graphql/PATCH.md`), and fields that wait for the same loader still share one
/// statement.
#[tokio::test]
async fn fields_come_back_in_the_order_the_query_asks_for_them() {
    let app = spawn_demo_app().await;
    let query = "{ learningQuestions(first: 20) { nodes { workgroup { name } title coalition { slug } \
                 contributions(first: 2) { totalCount nodes { organisation { name } kind } } status } } }";
    let before = app.statements.get();
    let answer = app.post_json(json!({ "query": query })).await;
    let statements = app.statements.get() - before;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let nodes = answer.body["data"]["learningQuestions"]["nodes"]
        .as_array()
        .expect("nodes");
    assert!(
        nodes.len() > 5 && nodes.iter().any(|n| !n["workgroup"].is_null()),
        "{}",
        answer.text
    );
    // Each node's keys, in the order the body has them.
    let order = |object: &str, keys: &[&str]| {
        let at: Vec<usize> = keys
            .iter()
            .map(|k| {
                object
                    .find(&format!("\"{k}\":"))
                    .unwrap_or_else(|| panic!("{k} in {object}"))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{keys:?} out of order in {object}");
    };
    for node in answer.text.split("{\"workgroup\":").skip(1) {
        order(
            &format!("{{\"workgroup\":{node}"),
            &["workgroup", "title", "coalition", "contributions", "status"],
        );
    }
    assert_eq!(
        answer.text.matches("{\"workgroup\":").count(),
        nodes.len(),
        "every node starts with the field asked first: {}",
        answer.text
    );
    for part in answer.text.split("\"contributions\":").skip(1) {
        let contributions = &part[..part.find("\"status\":").expect("status after contributions")];
        order(contributions, &["totalCount", "nodes"]);
        for c in contributions.split("{\"organisation\":").skip(1) {
            assert!(c.contains("\"kind\":"), "organisation before kind: {c}");
        }
    }
    // The list, the to-one rows and the pages each take one statement whatever the number of
    // questions (how they are read differs by database: joined on PostgreSQL).
    assert!(statements <= 10, "{statements} statements");
}
