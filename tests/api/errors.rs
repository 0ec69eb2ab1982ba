//! Bad input gets a GraphQL error with a stable code (or null where Relay says so), never a
//! panic or a 500.

use serde_json::json;

use crate::fixtures::world;
use crate::helpers::spawn_app;
use samenspel::graphql::ids::{NodeType, encode};

#[tokio::test]
async fn bad_arguments_get_stable_codes() {
    let app = spawn_app().await;
    world(&app.db).await;
    let org_id = encode(NodeType::Organisation, 1).to_string();
    let cursor = app
        .data("{ organisations(first: 1) { pageInfo { endCursor } } }", json!({}))
        .await["organisations"]["pageInfo"]["endCursor"]
        .clone();
    let cases: Vec<(&str, serde_json::Value, &str)> = vec![
        (
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": "not-an-id" }),
            "BAD_USER_INPUT",
        ),
        (
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": "" }),
            "BAD_USER_INPUT",
        ),
        (
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": "RHVjazox" }),
            "BAD_USER_INPUT",
        ),
        (
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": [org_id, "%%%"] }),
            "BAD_USER_INPUT",
        ),
        (
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": vec![org_id.clone(); 101] }),
            "BAD_USER_INPUT",
        ),
        (
            r#"{ organisation(slug: "bestaat-niet") { id } }"#,
            json!({}),
            "NOT_FOUND",
        ),
        (r#"{ coalition(slug: "bestaat-niet") { id } }"#, json!({}), "NOT_FOUND"),
        (r#"{ theme(slug: "bestaat-niet") { id } }"#, json!({}), "NOT_FOUND"),
        (
            "{ organisations(first: 101) { totalCount } }",
            json!({}),
            "BAD_USER_INPUT",
        ),
        (
            "{ organisations(last: 500) { totalCount } }",
            json!({}),
            "BAD_USER_INPUT",
        ),
        (
            "{ organisations(first: -1) { totalCount } }",
            json!({}),
            "BAD_USER_INPUT",
        ),
        (
            "{ organisations(first: 5, last: 5) { totalCount } }",
            json!({}),
            "BAD_USER_INPUT",
        ),
        (
            r#"{ coalitions { nodes { workgroups(first: 1000) { totalCount } } } }"#,
            json!({}),
            "BAD_USER_INPUT",
        ),
        (
            r#"{ organisations(after: "garbage") { totalCount } }"#,
            json!({}),
            "BAD_USER_INPUT",
        ),
        // A cursor of one ordering used with another.
        (
            "query($c: String) { organisations(after: $c, orderBy: {field: CREATED_AT}) { totalCount } }",
            json!({ "c": cursor }),
            "BAD_USER_INPUT",
        ),
        // An ID of the wrong type in a filter.
        (
            "query($id: ID) { learningQuestions(filter: {coalition: $id}) { totalCount } }",
            json!({ "id": org_id }),
            "BAD_USER_INPUT",
        ),
        (
            r#"{ learningQuestions(filter: {createdAfter: "2024-01-02T00:00:00Z", createdBefore: "2024-01-01T00:00:00Z"}) { totalCount } }"#,
            json!({}),
            "BAD_USER_INPUT",
        ),
        (
            r#"{ meetings(filter: {startsAfter: "2024-01-02T00:00:00Z", startsBefore: "2024-01-01T00:00:00Z"}) { totalCount } }"#,
            json!({}),
            "BAD_USER_INPUT",
        ),
    ];
    for (query, vars, code) in cases {
        assert_eq!(app.error_code(query, vars.clone()).await, code, "{query} {vars}");
    }
}

#[tokio::test]
async fn unknown_but_well_formed_ids_are_null_not_errors() {
    let app = spawn_app().await;
    let id = encode(NodeType::Meeting, 424_242).to_string();
    let body = app
        .post("query($id: ID!) { node(id: $id) { id } }", json!({ "id": id }))
        .await;
    assert!(body["errors"].is_null(), "{body}");
    assert!(body["data"]["node"].is_null());
}

#[tokio::test]
async fn malformed_requests_are_refused_without_a_server_error() {
    let app = spawn_app().await;
    let url = format!("{}/graphql", app.address);
    for body in [
        "{",
        "{\"query\": 12}",
        "{\"query\": \"{ nope }\"}",
        "{\"query\": \"{ organisations(first: \\\"x\\\") { totalCount } }\"}",
    ] {
        let res = app
            .client
            .post(&url)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert!(res.status().as_u16() < 500, "{body}: {}", res.status());
    }
    let huge = format!(
        "{{\"query\": \"{{ organisations(first: {}) {{ totalCount }} }}\"}}",
        u64::MAX
    );
    let res = app
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert!(res.status().as_u16() < 500);
}
