//! `erasePerson`: the name, email and reference go everywhere (every API answer, every row,
//! the database's bytes), the knowledge stays without the person, partner systems hear of it.

use sea_orm::{ConnectionTrait, EntityTrait};
use serde_json::{Value, json};

use super::scan::{answers, bytes_hold, database_bytes, holds, rows_holding};
use super::support::{EMAIL, EXTERNAL_REF, NAME, count, erase, export, world};
use crate::fixtures;
use crate::helpers::spawn_app;
use samenspel::graphql::ids::{NodeType, encode};

const TRACES: [&str; 4] = [NAME, EMAIL, EXTERNAL_REF, "Olifantsdotter"];

#[tokio::test]
async fn an_erased_person_is_in_no_answer_no_row_and_no_byte_of_the_database() {
    let app = spawn_app().await;
    let w = world(&app).await;
    // Statistics may hold sample values of indexed columns (SQLite's sqlite_stat4).
    app.db.execute_unprepared("ANALYZE").await.unwrap();
    assert!(
        answers(&app, &w.platform, true, &w.person, w.own_slug)
            .await
            .iter()
            .any(|a| holds(a, &TRACES))
    );
    assert!(!rows_holding(&app, &TRACES).await.is_empty());
    assert!(
        bytes_hold(&database_bytes(&app).await, &TRACES),
        "the scan finds what is there"
    );

    let body = erase(&app, &w.own_admin, &w.person).await;
    let p = &body["data"]["erasePerson"];
    assert_eq!(p["userErrors"], json!([]), "{body}");
    assert_eq!(
        (
            &p["contributionsDetached"],
            &p["questionsDetached"],
            &p["membershipsRemoved"]
        ),
        (&json!(3), &json!(1), &json!(1))
    );
    assert_eq!(p["person"]["name"], "Erased person");
    assert_eq!(
        (&p["person"]["email"], &p["person"]["externalRef"]),
        (&json!(null), &json!(null))
    );
    assert!(p["person"]["erasedAt"].is_string());

    let tokens = [
        (w.platform.as_str(), true),
        (&w.own_admin, true),
        (&w.own_editor, false),
        ("", false),
    ];
    for (token, admin) in tokens {
        for a in answers(&app, token, admin, &w.person, w.own_slug).await {
            assert!(!holds(&a, &TRACES), "an answer holds a trace: {a}");
        }
    }
    let doc = export(&app, &w.own_admin, &w.person).await;
    assert!(!holds(&doc.to_string(), &TRACES), "{doc}");
    assert_eq!(rows_holding(&app, &TRACES).await, Vec::<String>::new());
    assert!(
        !bytes_hold(&database_bytes(&app).await, &TRACES),
        "the database still holds a trace"
    );
}

#[tokio::test]
async fn the_knowledge_stays_without_the_person() {
    let app = spawn_app().await;
    let w = world(&app).await;
    erase(&app, &w.own_admin, &w.person).await;
    let q = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Contribution { body attribution author { id } organisation { name } } } }";
    let got = app.data_as(&w.platform, q, json!({ "ids": w.contributions })).await;
    let rows = got["nodes"].as_array().unwrap();
    let attributions: Vec<_> = rows.iter().map(|c| c["attribution"].as_str().unwrap()).collect();
    assert_eq!(
        attributions,
        ["ORGANISATION", "ORGANISATION", "ANONYMOUS"],
        "NAMED became ORGANISATION"
    );
    for c in rows {
        assert!(c["body"].as_str().unwrap().contains("samen koken"), "content kept: {c}");
        assert_eq!(c["author"], json!(null));
        assert_eq!(c["organisation"]["name"], "Organisatie cordaan");
    }
    let q = "query($id: ID!) { node(id: $id) { ... on LearningQuestion { title askedByPerson { id } } } }";
    let got = app.data_as(&w.platform, q, json!({ "id": w.question })).await;
    assert_eq!(
        got["node"],
        json!({ "title": "Hoe houden bewoners regie?", "askedByPerson": null })
    );
    let q = "query($id: ID!) { node(id: $id) { ... on Workgroup { members { totalCount } } } }";
    let got = app.data_as(&w.platform, q, json!({ "id": w.workgroup })).await;
    assert_eq!(got["node"]["members"]["totalCount"], 0);
}

async fn feed(app: &crate::helpers::TestApp, token: &str) -> Vec<Value> {
    let q = "{ changes(first: 100) { nodes { action entityType nodeId changedFields } } }";
    let body = if token.is_empty() {
        app.data(q, json!({})).await
    } else {
        app.data_as(token, q, json!({})).await
    };
    body["changes"]["nodes"].as_array().unwrap().clone()
}

#[tokio::test]
async fn partner_systems_hear_of_the_erasure_and_a_second_one_changes_nothing() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let before = feed(&app, &w.platform).await.len();
    let first = erase(&app, &w.own_admin, &w.person).await;
    let after = feed(&app, &w.platform).await;
    let new: Vec<_> = after[before..]
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["entityType"].as_str().unwrap()))
        .collect();
    // Only the NAMED contribution's change is an event: "author changed" on an ORGANISATION or
    // ANONYMOUS one, beside ERASED, would tell its readers who wrote it.
    assert_eq!(after[before]["nodeId"], json!(w.contributions[0]));
    assert_eq!(
        new,
        [
            ("UPDATED", "Contribution"),
            ("UPDATED", "LearningQuestion"),
            ("MEMBER_REMOVED", "Workgroup"),
            ("ERASED", "Person"),
        ]
    );
    let erased = after.last().unwrap();
    assert_eq!(erased["nodeId"], json!(w.person));
    assert_eq!(erased["changedFields"], json!(["name", "email", "externalRef"]));
    // Anyone may have copied the public directory: everyone hears of it.
    let anonymous = feed(&app, "").await;
    assert!(
        anonymous
            .iter()
            .any(|e| e["action"] == "ERASED" && e["nodeId"] == json!(w.person))
    );

    let (audits, events) = (count(&app, "audit_event").await, count(&app, "change_event").await);
    let again = erase(&app, &w.platform, &w.person).await;
    assert_eq!(
        again["data"]["erasePerson"]["person"], first["data"]["erasePerson"]["person"],
        "{again}"
    );
    assert_eq!(again["data"]["erasePerson"]["contributionsDetached"], 0);
    assert_eq!(
        (count(&app, "audit_event").await, count(&app, "change_event").await),
        (audits, events)
    );

    // A name given back is erased again.
    let q = "mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { name } } }";
    let vars = json!({ "input": { "id": w.person, "name": NAME, "email": EMAIL } });
    app.data_as(&w.own_admin, q, vars).await;
    let third = erase(&app, &w.own_admin, &w.person).await;
    let p = &third["data"]["erasePerson"]["person"];
    assert_eq!(
        (&p["name"], &p["email"]),
        (&json!("Erased person"), &json!(null)),
        "{third}"
    );
    assert_eq!(feed(&app, &w.platform).await.last().unwrap()["action"], "ERASED");
}

#[tokio::test]
async fn a_resident_without_an_organisation_becomes_anonymous() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let resident = fixtures::person(&app.db, None, "Bewoner Kwartelkoning").await;
    let q = fixtures::question(&app.db, 1, None, "Vraag", entity::Visibility::Public).await;
    use sea_orm::ActiveModelTrait;
    let c = fixtures::contribution_am(&q, Some(resident.id), None, entity::Visibility::Public)
        .insert(&app.db)
        .await
        .unwrap();
    let body = erase(&app, &w.platform, &encode(NodeType::Person, resident.id)).await;
    assert_eq!(body["data"]["erasePerson"]["contributionsDetached"], 1, "{body}");
    let got = app
        .data_as(
            &w.platform,
            "query($id: ID!) { node(id: $id) { ... on Contribution { attribution author { id } } } }",
            json!({ "id": encode(NodeType::Contribution, c.id) }),
        )
        .await;
    assert_eq!(got["node"], json!({ "attribution": "ANONYMOUS", "author": null }));
}

#[tokio::test]
async fn a_full_length_token_label_holding_a_short_name_is_scrubbed_within_its_column() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let own = samenspel::ids::decode_as(&w.person, NodeType::Person).unwrap();
    let org = entity::person::Entity::find_by_id(own)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let short = fixtures::person(&app.db, org, "Jan Bos").await;
    // 200 characters, the most a label holds, with the 7-character name in it: scrubbed, the
    // label must still fit its column (PostgreSQL refuses a longer value).
    let label = format!("{} Jan Bos", "x".repeat(192));
    assert_eq!(label.chars().count(), 200);
    let q = "mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { userErrors { code } } }";
    let made = app
        .data_as(&w.own_admin, q, json!({ "i": { "label": label, "role": "READER" } }))
        .await;
    assert_eq!(made["createApiToken"]["userErrors"], json!([]), "{made}");
    let id = encode(NodeType::Person, short.id).to_string();
    let erased = erase(&app, &w.own_admin, &id).await;
    assert!(erased["errors"].is_null(), "{erased}");
    assert!(
        rows_holding(&app, &["Jan Bos"]).await.is_empty(),
        "the name is gone from every row"
    );
}
