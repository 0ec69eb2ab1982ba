//! The query cache: a repeated query is admitted from what an earlier request of the same text
//! learned, and is refused, answered and counted exactly as the first time; complexity follows
//! the variables, a batch still shares one budget, and the operation name picks the operation.

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app, spawn_demo_app};
use crate::observability::{sample, scrape};

/// Complexity `$n` × 102 + 1: under the limit of 10,000 up to 98 organisations.
const PAGES: &str = "query Pages($n: Int) { organisations(first: $n) { nodes { people(first: 100) { totalCount } } } }";

/// Hits and misses of one of the caches (`document` or `prepared`), as `/metrics` counts them.
async fn lookups(app: &TestApp, cache: &str) -> (f64, f64) {
    let text = scrape(app).await;
    let at = |outcome: &str| {
        let line = format!("samenspel_query_cache_lookups_total{{cache=\"{cache}\",outcome=\"{outcome}\"}}");
        sample(&text, &line).unwrap_or_else(|| panic!("no sample {line} in\n{text}"))
    };
    (at("hit"), at("miss"))
}

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn a_second_identical_request_is_a_hit() {
    // Arrange
    let app = spawn_app().await;
    // Act
    app.data(PAGES, json!({ "n": 1 })).await;
    app.data(PAGES, json!({ "n": 1 })).await;
    app.data(PAGES, json!({ "n": 2 })).await;
    // Assert
    assert_eq!(lookups(&app, "document").await, (2.0, 1.0), "one text");
    assert_eq!(lookups(&app, "prepared").await, (1.0, 2.0), "two sets of variables");
}

#[tokio::test]
async fn an_over_complex_query_is_refused_the_same_way_each_time() {
    let app = spawn_app().await;
    let complex = "{ organisations(first: 100) { nodes { people(first: 100) { nodes { name } } } } }";
    let mut bodies = Vec::new();
    for _ in 0..3 {
        bodies.push(app.post(complex, json!({})).await);
    }
    assert_eq!(code(&bodies[0]), "QUERY_TOO_COMPLEX", "{}", bodies[0]);
    assert!(bodies[0].get("data").is_none(), "{}", bodies[0]);
    assert!(bodies.iter().all(|b| *b == bodies[0]), "{bodies:?}");
    assert_eq!(lookups(&app, "prepared").await, (2.0, 1.0), "refused from the cache");
}

#[tokio::test]
async fn complexity_follows_the_variables_of_each_request() {
    let app = spawn_app().await;
    for _ in 0..3 {
        let small = app.post(PAGES, json!({ "n": 1 })).await;
        assert!(small.get("errors").is_none(), "{small}");
        let big = app.post(PAGES, json!({ "n": 100 })).await;
        assert_eq!(code(&big), "QUERY_TOO_COMPLEX", "{big}");
        let default = app.post(PAGES, json!({})).await;
        assert!(default.get("errors").is_none(), "a default page of 20: {default}");
    }
}

#[tokio::test]
async fn a_batch_of_admitted_queries_still_shares_one_budget() {
    let app = spawn_app().await;
    let request = |n: u32| json!({ "query": PAGES, "variables": { "n": n } });
    for _ in 0..2 {
        // 5,101 each: either alone passes, the two together are over 10,000.
        let alone = app.post_json(request(50)).await;
        assert!(alone.body.get("errors").is_none(), "{}", alone.text);
        let a = app.post_json(json!([request(50), request(50)])).await;
        for item in a.body.as_array().expect("a batch answer") {
            assert_eq!(code(item), "QUERY_TOO_COMPLEX", "{}", a.text);
        }
        let a = app.post_json(json!([request(1), request(50)])).await;
        assert!(
            a.body.as_array().unwrap().iter().all(|i| i.get("errors").is_none()),
            "{}",
            a.text
        );
    }
}

#[tokio::test]
async fn the_operation_name_picks_the_operation_of_one_text() {
    let app = spawn_app().await;
    let text = "query A { a: __typename } query B { b: __typename }";
    let named = |name: &str| json!({ "query": text, "operationName": name });
    for _ in 0..2 {
        assert_eq!(
            app.post_json(named("A")).await.body,
            json!({ "data": { "a": "Query" } })
        );
        assert_eq!(
            app.post_json(named("B")).await.body,
            json!({ "data": { "b": "Query" } })
        );
        let c = app.post_json(named("C")).await;
        assert_eq!(c.code(), "GRAPHQL_VALIDATION_FAILED", "{}", c.text);
        let none = app.post_json(json!({ "query": text })).await;
        assert_eq!(none.code(), "GRAPHQL_VALIDATION_FAILED", "{}", none.text);
    }
}

#[tokio::test]
async fn the_operation_name_decides_which_variables_are_validated() {
    // Variables are checked for the operation that runs only: `$s` is no String, which matters to `A`.
    let text = "query A($s: String!) { organisation(slug: $s) { name } } query B { __typename }";
    let named = |name: &str| json!({ "query": text, "operationName": name, "variables": { "s": 5 } });
    let cold = spawn_app().await.post_json(named("A")).await;
    assert_eq!(cold.code(), "GRAPHQL_VALIDATION_FAILED", "{}", cold.text);
    let app = spawn_app().await;
    for _ in 0..2 {
        let b = app.post_json(named("B")).await;
        assert_eq!(b.body, json!({ "data": { "__typename": "Query" } }));
        assert_eq!(app.post_json(named("A")).await.body, cold.body);
    }
}

#[tokio::test]
async fn what_fails_full_validation_fails_it_each_time() {
    let app = spawn_app().await;
    // Only the full validation refuses these (an unused variable, an argument of the wrong
    // type): the executor alone would run them.
    let unused = "query Unused($x: Int) { __typename }";
    let typed = "query Typed($n: Int) { organisations(first: $n) { totalCount } }";
    for _ in 0..3 {
        assert_eq!(app.error_code(unused, json!({})).await, "GRAPHQL_VALIDATION_FAILED");
        app.data(typed, json!({ "n": 1 })).await;
        let wrong = app.post(typed, json!({ "n": "x" })).await;
        assert!(wrong.get("errors").is_some() && wrong["data"].is_null(), "{wrong}");
    }
}

#[tokio::test]
async fn a_repeated_query_gets_the_same_answer() {
    let app = spawn_demo_app().await;
    let query = r#"query Readme($first: Int) { coalition(slug: "cop-wooncirkels") { name stage
        members { nodes { role organisation { name kind } } }
        learningQuestions(first: $first) { totalCount nodes { title status
            contributions(first: 3) { nodes { kind body author { name } organisation { name } } } } } } }"#;
    let first = app.data(query, json!({ "first": 5 })).await;
    assert!(
        first["coalition"]["learningQuestions"]["nodes"]
            .as_array()
            .is_some_and(|n| !n.is_empty())
    );
    for _ in 0..3 {
        assert_eq!(app.data(query, json!({ "first": 5 })).await, first);
    }
    assert_eq!(lookups(&app, "prepared").await, (3.0, 1.0));
}
