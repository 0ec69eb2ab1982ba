//! What the API lets out: 400 for malformed requests and errors without internal detail, CORS
//! for listed origins only, introspection and "Did you mean" hints as configured.

use reqwest::header::{CONTENT_TYPE, ORIGIN};
use serde_json::{Value, json};

use crate::helpers::{spawn_app, spawn_app_with};
use samenspel::config::Environment;

#[tokio::test]
async fn malformed_requests_get_400_and_no_internal_detail() {
    let app = spawn_app().await;
    let raw = |body: &'static str| {
        app.client
            .post(app.graphql_url())
            .header(CONTENT_TYPE, "application/json")
            .body(body)
    };
    for body in [
        "",
        r#"{ "not a JSON"#,
        "[]",
        "42",
        r#"{"query": 7}"#,
        r#"{"qeury": "{ __typename }"}"#,
        r#"{"query": "{ __typename }", "variables": "x"}"#,
        r#"{"query": "{ __typename }", "operationName": ["x"]}"#,
    ] {
        let a = app.send(raw(body)).await;
        assert_eq!((a.status, a.code()), (400, "BAD_REQUEST"), "{body}: {}", a.text);
        assert_no_internal_detail(&a.text);
    }
    for (query, variables) in [
        ("{ organisations { nodes { nope } } }", json!({})),
        (
            "query($n: Int) { organisations(first: $n) { totalCount } }",
            json!({ "n": "many" }),
        ),
        (
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": { "deep": [1, 2] } }),
        ),
        (
            r#"{ organisations(first: 1, after: "Zm9vOmJhcg==") { totalCount } }"#,
            json!({}),
        ),
    ] {
        let a = app.post_json(json!({ "query": query, "variables": variables })).await;
        assert_eq!(a.status, 200, "{query}: {}", a.text);
        assert!(a.body["errors"][0]["message"].is_string(), "{query}: {}", a.text);
        assert_no_internal_detail(&a.text);
    }
}

fn assert_no_internal_detail(text: &str) {
    for leak in [
        "SELECT", "sqlx", "DbErr", "Sqlx", ".rs:", "panicked", "Some(", "Error {", "src/",
    ] {
        assert!(!text.contains(leak), "{leak:?} leaked: {text}");
    }
}

#[tokio::test]
async fn cors_allows_only_listed_origins() {
    let allowed = "https://app.example.nl";
    let app = spawn_app_with(|s| s.api.cors_origins = vec![allowed.into(), "https://b.example.nl/".into()]).await;
    let preflight = |origin: &str| {
        app.client
            .request(reqwest::Method::OPTIONS, app.graphql_url())
            .header(ORIGIN, origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "authorization, content-type")
    };
    let a = app.send(preflight(allowed)).await;
    assert_eq!(
        a.headers.get("access-control-allow-origin").map(|v| v.as_bytes()),
        Some(allowed.as_bytes())
    );
    let a = app.send(preflight("https://b.example.nl")).await;
    assert!(
        a.headers.contains_key("access-control-allow-origin"),
        "origins are listed without a slash"
    );
    let a = app.send(preflight("https://evil.example")).await;
    assert!(!a.headers.contains_key("access-control-allow-origin"));
    let post = app
        .client
        .post(app.graphql_url())
        .header(ORIGIN, allowed)
        .json(&json!({ "query": "{ __typename }" }));
    let a = app.send(post).await;
    assert_eq!(
        (a.status, a.headers.contains_key("access-control-allow-origin")),
        (200, true)
    );

    let closed = spawn_app().await;
    let post = closed
        .client
        .post(closed.graphql_url())
        .header(ORIGIN, allowed)
        .json(&json!({ "query": "{ __typename }" }));
    let a = closed.send(post).await;
    assert!(
        !a.headers.contains_key("access-control-allow-origin"),
        "no origin is allowed by default"
    );
}

#[tokio::test]
async fn introspection_can_be_switched_off_and_production_makes_no_suggestions() {
    let introspect = "{ __schema { queryType { name } } }";
    let typo = "{ organisatons { totalCount } }";
    let dev = spawn_app().await;
    let a = dev.post_json(json!({ "query": introspect })).await;
    assert_eq!(a.body["data"]["__schema"]["queryType"]["name"], "Query", "{}", a.text);
    let a = dev.post_json(json!({ "query": typo })).await;
    assert!(a.text.contains("Did you mean"), "development suggests: {}", a.text);

    let prod = spawn_app_with(|s| {
        s.api.introspection = false;
        s.api.environment = Environment::Production;
    })
    .await;
    let a = prod.post_json(json!({ "query": introspect })).await;
    assert_eq!(
        a.body["data"]["__schema"],
        Value::Null,
        "introspection is off: {}",
        a.text
    );
    let a = prod
        .post_json(json!({ "query": r#"{ __type(name: "Organisation") { name } }"# }))
        .await;
    assert_eq!(
        a.body["data"]["__type"],
        Value::Null,
        "introspection is off: {}",
        a.text
    );
    let a = prod.post_json(json!({ "query": typo })).await;
    assert!(a.body["errors"][0]["message"].is_string(), "{}", a.text);
    assert!(
        !a.text.contains("Did you mean"),
        "production suggests nothing: {}",
        a.text
    );
    let a = prod.post_json(json!({ "query": "{ __typename }" })).await;
    assert_eq!(a.body["data"]["__typename"], "Query");
}
