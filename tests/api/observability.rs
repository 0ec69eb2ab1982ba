//! `/metrics` and request ids, in process: what a request leaves behind in the counters, and the
//! `x-request-id` header both ways.

use serde_json::json;

use crate::helpers::{TestApp, spawn_app};

/// The value of the sample `line_start` (name and labels) in the exposition text.
pub fn sample(text: &str, line_start: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(line_start)?.strip_prefix(' ')?.parse().ok())
}

/// The text of `/metrics`.
pub async fn scrape(app: &TestApp) -> String {
    let res = app.client.get(format!("{}/metrics", app.address)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    res.text().await.unwrap()
}

#[tokio::test]
async fn metrics_count_requests_operations_errors_and_statements() {
    // Arrange
    let app = spawn_app().await;
    let before = scrape(&app).await;
    assert_eq!(
        sample(&before, "samenspel_http_requests_total{status=\"200\"}"),
        None,
        "scrapes do not count"
    );
    // Act
    app.data("query Ping { __typename }", json!({})).await;
    app.data("query Ping { __typename }", json!({})).await;
    app.data("{ __typename }", json!({})).await;
    let long = format!("query {} {{ __typename }}", "x".repeat(65));
    app.data(&long, json!({})).await;
    app.post("{ noSuchField }", json!({})).await;
    app.post("{ organisation(slug: \"nope\") { name } }", json!({})).await;
    let unauthorised = app.client.post(format!("{}/graphql", app.address)).bearer_auth("x.y.z");
    let res = unauthorised
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let text = scrape(&app).await;
    // Assert
    let at = |s: &str| sample(&text, s).unwrap_or_else(|| panic!("no sample {s} in\n{text}"));
    assert_eq!(at("samenspel_http_requests_total{status=\"200\"}"), 6.0);
    assert_eq!(at("samenspel_http_requests_total{status=\"401\"}"), 1.0);
    assert_eq!(at("samenspel_graphql_requests_total{operation=\"Ping\"}"), 2.0);
    assert_eq!(at("samenspel_graphql_requests_total{operation=\"anonymous\"}"), 3.0);
    assert_eq!(at("samenspel_graphql_requests_total{operation=\"other\"}"), 1.0);
    assert_eq!(
        at("samenspel_graphql_errors_total{code=\"GRAPHQL_VALIDATION_FAILED\"}"),
        1.0
    );
    assert_eq!(at("samenspel_graphql_errors_total{code=\"NOT_FOUND\"}"), 1.0);
    assert_eq!(at("samenspel_graphql_errors_total{code=\"UNAUTHENTICATED\"}"), 1.0);
    assert_eq!(at("samenspel_graphql_duration_seconds_count{operation=\"Ping\"}"), 2.0);
    assert!(text.contains("samenspel_graphql_duration_seconds_bucket{operation=\"Ping\",le=\"0.005\"}"));
    assert!(at("samenspel_db_pool_connections{state=\"idle\"}") >= 0.0);
    assert!(at("samenspel_db_pool_connections{state=\"in_use\"}") >= 0.0);
    let statements = at("samenspel_sql_statements_total");
    assert_eq!(statements, app.statements.get() as f64);
    let earlier = sample(&before, "samenspel_sql_statements_total").unwrap();
    assert!(statements > earlier, "the organisation lookup ran a statement");
}

#[tokio::test]
async fn request_ids_are_echoed_or_made() {
    let app = spawn_app().await;
    let get = |id: Option<&str>| {
        let mut req = app.client.get(format!("{}/healthz", app.address));
        if let Some(id) = id {
            req = req.header("x-request-id", id);
        }
        req.send()
    };
    let echoed = get(Some("lb-7f3a.2_x")).await.unwrap();
    assert_eq!(echoed.headers()["x-request-id"], "lb-7f3a.2_x");
    for bad in [None, Some("has spaces"), Some(&*"x".repeat(65)), Some("")] {
        let res = get(bad).await.unwrap();
        let id = res.headers()["x-request-id"].to_str().unwrap().to_string();
        assert_eq!(id.len(), 32, "{bad:?} gets a new id, got {id}");
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    }
    let a = get(None).await.unwrap().headers()["x-request-id"].clone();
    let b = get(None).await.unwrap().headers()["x-request-id"].clone();
    assert_ne!(a, b);
}
