//! What the log holds: one event per change, in the change's transaction, with its action,
//! version and changed fields; the same path for the command line.

use entity::{audit_event, change_event};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

use super::support::{all, mutate, page, pairs, question, world};
use crate::helpers::spawn_app;

#[tokio::test]
async fn every_write_leaves_one_event_next_to_its_audit_event() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let q = question(&app, &w, "Wat is een wooncirkel?", None).await;
    let p = mutate(
        &app,
        &w.editor,
        "updateLearningQuestion",
        "UpdateLearningQuestionInput",
        "learningQuestion { version }",
        json!({ "id": q, "title": "Wat is een wooncirkel precies?" }),
    )
    .await;
    assert_eq!(p["learningQuestion"]["version"], 2);
    let c = mutate(
        &app,
        &w.editor,
        "addContribution",
        "AddContributionInput",
        "contribution { id }",
        json!({ "question": q, "body": "Begin klein.", "kind": "TIP" }),
    )
    .await["contribution"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    mutate(
        &app,
        &w.editor,
        "deleteContribution",
        "DeleteContributionInput",
        "deletedContributionId",
        json!({ "id": c }),
    )
    .await;

    let events = all(&app, Some(&w.admin)).await;
    assert_eq!(
        pairs(&events),
        vec![
            ("CREATED".into(), q.clone()),
            ("UPDATED".into(), q.clone()),
            ("CREATED".into(), c.clone()),
            ("DELETED".into(), c.clone()),
        ]
    );
    assert_eq!(events[1]["version"], 2);
    assert_eq!(events[1]["changedFields"], json!(["title"]));
    assert_eq!(events[0]["entityType"], "LearningQuestion");
    let audits = audit_event::Entity::find().count(&app.db).await.unwrap();
    let changes = change_event::Entity::find().count(&app.db).await.unwrap();
    assert_eq!((audits, changes), (4, 4), "one audit and one change event per write");
}

#[tokio::test]
async fn a_refused_write_leaves_no_event() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let q = "mutation($i: CreateLearningQuestionInput!) { createLearningQuestion(input: $i) { userErrors { code } } }";
    let body = app
        .data_as(
            &w.editor,
            q,
            json!({ "i": { "coalition": w.coalition, "title": "", "context": "x" } }),
        )
        .await;
    assert_eq!(body["createLearningQuestion"]["userErrors"][0]["code"], "REQUIRED");
    assert_eq!(change_event::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(all(&app, Some(&w.admin)).await.len(), 0);
}

#[tokio::test]
async fn the_event_names_its_record_which_node_resolves() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let q = question(&app, &w, "Hoe activeer ik partners in de wijk?", Some("PUBLIC")).await;
    let data = app
        .data(
            "{ changes(first: 5) { nodes { action nodeId node { ... on LearningQuestion { id title } } } } }",
            json!({}),
        )
        .await;
    let e = &data["changes"]["nodes"][0];
    assert_eq!(e["nodeId"], q.as_str());
    assert_eq!(e["node"]["title"], "Hoe activeer ik partners in de wijk?");
    // The event itself is a node.
    let id = app.data("{ changes(first: 1) { nodes { id } } }", json!({})).await["changes"]["nodes"][0]["id"].clone();
    let again = app
        .data(
            "query($id: ID!) { node(id: $id) { ... on ChangeEvent { action nodeId } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(again["node"]["action"], "CREATED");
}

#[tokio::test]
async fn a_sync_script_starts_from_now_and_hears_only_what_follows() {
    let app = spawn_app().await;
    let w = world(&app).await;
    question(&app, &w, "Oud", Some("PUBLIC")).await;
    let now = app.data("{ changesCursor }", json!({})).await["changesCursor"]
        .as_str()
        .unwrap()
        .to_string();
    let empty = page(&app, None, Some(&now), 10, "").await;
    assert_eq!(empty["nodes"], json!([]));
    assert_eq!(empty["hasNextPage"], false);
    assert_eq!(empty["endCursor"], now.as_str(), "an empty page keeps its place");
    let q = question(&app, &w, "Nieuw", Some("PUBLIC")).await;
    let next = page(&app, None, Some(&now), 10, "").await;
    assert_eq!(pairs(next["nodes"].as_array().unwrap()), vec![("CREATED".into(), q)]);
}

#[tokio::test]
async fn filters_narrow_by_type_action_and_coalition() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let q = question(&app, &w, "Gefilterd", Some("PUBLIC")).await;
    mutate(
        &app,
        &w.editor,
        "changeLearningQuestionStatus",
        "ChangeLearningQuestionStatusInput",
        "learningQuestion { status }",
        json!({ "id": q, "status": "EXPLORING" }),
    )
    .await;
    let by_action = page(
        &app,
        Some(&w.admin),
        None,
        10,
        ", filter: { actions: [STATUS_CHANGED] }",
    )
    .await;
    assert_eq!(
        pairs(by_action["nodes"].as_array().unwrap()),
        vec![("STATUS_CHANGED".into(), q.clone())]
    );
    let by_type = page(
        &app,
        Some(&w.admin),
        None,
        10,
        ", filter: { entityTypes: [CONTRIBUTION] }",
    )
    .await;
    assert_eq!(by_type["nodes"], json!([]));
    let f = format!(", filter: {{ coalition: \"{}\" }}", w.coalition);
    assert_eq!(
        page(&app, Some(&w.admin), None, 10, &f).await["nodes"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn bad_cursors_and_sizes_are_bad_user_input() {
    let app = spawn_app().await;
    for (q, why) in [
        (
            "{ changes(after: \"nonsense\") { pageInfo { hasNextPage } } }",
            "garbage",
        ),
        ("{ changes(first: 101) { pageInfo { hasNextPage } } }", "page too large"),
        ("{ changes(first: -1) { pageInfo { hasNextPage } } }", "negative"),
    ] {
        assert_eq!(app.error_code(q, json!({})).await, "BAD_USER_INPUT", "{why}");
    }
}

#[tokio::test]
async fn only_change_cursors_of_this_server_page_the_feed() {
    let app = spawn_app().await;
    let w = world(&app).await;
    question(&app, &w, "Een", Some("PUBLIC")).await;
    let own = page(&app, None, None, 1, "").await["endCursor"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(page(&app, None, Some(&own), 1, "").await["nodes"], json!([]));
    let q = "query($a: String) { changes(after: $a) { pageInfo { hasNextPage } } }";
    // Another list's cursor.
    let organisations = app
        .data("{ organisations(first: 1) { pageInfo { endCursor } } }", json!({}))
        .await["organisations"]["pageInfo"]["endCursor"]
        .clone();
    assert_eq!(app.error_code(q, json!({ "a": organisations })).await, "BAD_USER_INPUT");
    // Another server's change cursor.
    let other = spawn_app().await;
    let theirs = other.data("{ changesCursor }", json!({})).await["changesCursor"].clone();
    assert_eq!(app.error_code(q, json!({ "a": theirs })).await, "BAD_USER_INPUT");
    // An altered one.
    let mut altered = own.into_bytes();
    let last = altered.len() - 1;
    altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
    let altered = String::from_utf8(altered).unwrap();
    assert_eq!(app.error_code(q, json!({ "a": altered })).await, "BAD_USER_INPUT");
}

#[tokio::test]
async fn a_reader_who_may_see_none_of_thousands_of_events_still_pages_past_them() {
    use sea_orm::{ActiveValue::NotSet, IntoActiveModel, QueryOrder};
    let app = spawn_app().await;
    let w = world(&app).await;
    question(&app, &w, "Binnen de coalitie", Some("COALITION")).await;
    // As if 5,300 more writes happened in a coalition the outsider is not in: more than one
    // page reads (25 runs of 200) before it answers.
    let hidden = change_event::Entity::find()
        .order_by_desc(change_event::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    for _ in 0..11 {
        let rows = (0..500).map(|_| {
            let mut am = hidden.clone().into_active_model();
            am.id = NotSet;
            am
        });
        change_event::Entity::insert_many(rows).exec(&app.db).await.unwrap();
    }
    let open = question(&app, &w, "Voor iedereen", Some("PUBLIC")).await;

    let mut after: Option<String> = None;
    for round in 1..=5 {
        let p = page(&app, Some(&w.outsider), after.as_deref(), 10, "").await;
        let nodes = p["nodes"].as_array().unwrap();
        let end = p["endCursor"].as_str().map(str::to_string);
        assert_ne!(end, after, "round {round}: the cursor moves on past hidden events");
        if let Some(n) = nodes.first() {
            assert_eq!(n["nodeId"], open.as_str(), "the first event it may see");
            assert!(round >= 2, "5,500 hidden events take more than one page");
            return;
        }
        assert_eq!(p["hasNextPage"], true, "round {round}: an empty page says more follow");
        after = end;
    }
    panic!("the public question was never reached");
}
