//! Limits hold for a whole request: a batch shares the budget of one request, a response
//! carries a bounded number of errors, directives on `__typename` are validated, messages
//! repeat no more than a prefix of the input, and a request names one `Authorization`.

use reqwest::header::{ACCEPT, AUTHORIZATION};
use serde_json::{Value, json};

use crate::helpers::{Answer, spawn_app_with, spawn_demo_app_with};

fn batch(queries: &[String]) -> Value {
    Value::Array(queries.iter().map(|q| json!({ "query": q })).collect())
}

fn aliases(n: usize) -> String {
    let fields: Vec<String> = (0..n).map(|i| format!("a{i}: __typename")).collect();
    format!("{{ {} }}", fields.join(" "))
}

/// Complexity `rows` × (`people` + 2) + 1, and `rows` organisations executed.
fn pages(rows: usize, people: usize) -> String {
    format!("{{ organisations(first: {rows}) {{ nodes {{ people(first: {people}) {{ totalCount }} }} }} }}")
}

/// Every answer of a batch refused with `code` and `limit`, none executed.
fn all_refused(a: &Answer, code: &str, limit: u64) {
    let items = a
        .body
        .as_array()
        .unwrap_or_else(|| panic!("a batch answer: {}", a.text));
    for item in items {
        assert_eq!(item["errors"][0]["extensions"]["code"], code, "{}", a.text);
        assert_eq!(item["errors"][0]["extensions"]["limit"], limit, "{}", a.text);
        assert!(item.get("data").is_none(), "refused before execution: {}", a.text);
    }
}

fn all_answered(a: &Answer, n: usize) {
    let items = a
        .body
        .as_array()
        .unwrap_or_else(|| panic!("a batch answer: {}", a.text));
    assert_eq!(items.len(), n);
    assert!(
        items.iter().all(|i| i.get("errors").is_none() && i["data"].is_object()),
        "{}",
        a.text
    );
}

#[tokio::test]
async fn a_batch_is_held_to_the_budget_of_one_request() {
    let app = spawn_demo_app_with(|_| {}).await;
    let a = app.post_json(batch(&vec![aliases(30); 10])).await;
    assert_eq!(a.status, 200);
    all_refused(&a, "TOO_MANY_ALIASES", 30);
    all_answered(&app.post_json(batch(&vec![aliases(15); 2])).await, 2);

    let sixty = format!("{{ {} }}", "__typename ".repeat(60));
    all_refused(
        &app.post_json(batch(&vec![sixty.clone(); 10])).await,
        "TOO_MANY_SELECTIONS",
        500,
    );
    all_answered(&app.post_json(batch(&vec![sixty; 8])).await, 8);

    // 5,201 each: either alone passes, the two together are over 10,000.
    let a = app.post_json(json!({ "query": pages(100, 50) })).await;
    assert!(a.body.get("errors").is_none(), "{}", a.text);
    all_refused(
        &app.post_json(batch(&vec![pages(100, 50); 2])).await,
        "QUERY_TOO_COMPLEX",
        10_000,
    );
    all_answered(&app.post_json(batch(&vec![pages(40, 50); 4])).await, 4);

    // A request refused on its own keeps its own error.
    let a = app
        .post_json(batch(&[aliases(31), pages(100, 50), pages(100, 50)]))
        .await;
    assert_eq!(
        a.body[0]["errors"][0]["extensions"]["code"], "TOO_MANY_ALIASES",
        "{}",
        a.text
    );
    assert_eq!(
        a.body[1]["errors"][0]["extensions"]["code"], "QUERY_TOO_COMPLEX",
        "{}",
        a.text
    );
}

#[tokio::test]
async fn a_response_carries_at_most_a_hundred_errors() {
    let app = spawn_app_with(|_| {}).await;
    for query in [
        format!("{{ organisations {} {{ totalCount }} }}", "@a ".repeat(80_000)),
        format!("{{ __typename {} }}", "@a ".repeat(80_000)),
    ] {
        let a = app.post_json(json!({ "query": query })).await;
        assert_eq!(a.status, 200);
        let errors = a.body["errors"].as_array().expect("errors");
        assert_eq!(errors.len(), 101);
        assert!(
            errors[..100].iter().all(|e| e["message"] == r#"Unknown directive "a""#),
            "{}",
            a.text
        );
        assert_eq!(
            errors[100]["extensions"],
            json!({ "code": "TOO_MANY_ERRORS", "limit": 100 })
        );
        assert!(
            errors[100]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("79900 more errors"))
        );
        assert!(a.text.len() < 20_000, "{} bytes", a.text.len());
        assert!(a.body.get("data").is_none());
    }
}

#[tokio::test]
async fn directives_on_typename_are_validated_like_on_any_field() {
    let app = spawn_app_with(|_| {}).await;
    for query in [
        "{ __typename @nonsense }",
        r#"{ __typename @skip(if: "yes") }"#,
        "{ __typename @include }",
        "{ __typename @skip(if: true) @skip(if: false) }",
        "{ __typename @skip(if: $undefined) }",
    ] {
        let a = app.post_json(json!({ "query": query })).await;
        assert_eq!(
            (a.status, a.code()),
            (200, "GRAPHQL_VALIDATION_FAILED"),
            "{query}: {}",
            a.text
        );
        assert!(a.body.get("data").is_none(), "{query}: {}", a.text);
    }
    let a = app
        .post_json(json!({ "query": "{ a: __typename @skip(if: true) b: __typename @include(if: true) }" }))
        .await;
    assert_eq!(a.body, json!({ "data": { "b": "Query" } }));
}

#[tokio::test]
async fn messages_repeat_at_most_a_prefix_of_the_input() {
    let app = spawn_app_with(|_| {}).await;
    let long = "x".repeat(250_000);
    let prefix = format!("{}…", "x".repeat(40));
    let cases = [
        (
            json!({ "query": format!(r#"{{ organisation(slug: "{long}") {{ name }} }}"#) }),
            "NOT_FOUND",
        ),
        (
            json!({ "query": format!(r#"{{ coalition(slug: "{long}") {{ name }} }}"#) }),
            "NOT_FOUND",
        ),
        (
            json!({ "query": format!(r#"{{ node(id: "{long}") {{ id }} }}"#) }),
            "BAD_USER_INPUT",
        ),
        (json!({ "query": format!("{{ {long} }}") }), "GRAPHQL_VALIDATION_FAILED"),
        (
            json!({ "query": "{ __typename }", "operationName": long }),
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            json!({ "query": "query($k: OrganisationKind) { organisations(filter: { kind: $k }) { totalCount } }",
                    "variables": { "k": long } }),
            "GRAPHQL_VALIDATION_FAILED",
        ),
    ];
    for (body, code) in cases {
        let a = app.post_json(body).await;
        assert_eq!(a.code(), code, "{}", &a.text[..a.text.len().min(300)]);
        let message = a.body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains(&prefix), "{message}");
        assert!(a.text.len() < 1_000, "{} bytes: {}", a.text.len(), &a.text[..300]);
    }
    // A syntax error says where, without a picture of the (250 KB) line.
    let a = app
        .post_json(json!({ "query": format!("{{ a(s: 1) {long} }} }}") }))
        .await;
    assert_eq!(a.code(), "GRAPHQL_PARSE_FAILED", "{}", &a.text[..a.text.len().min(300)]);
    assert!(
        a.body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Syntax error at line 1, column"))
    );
    assert!(a.text.len() < 1_000, "{} bytes", a.text.len());
}

#[tokio::test]
async fn two_authorization_headers_are_a_bad_request() {
    let app = spawn_app_with(|_| {}).await;
    let token = app.token(None, "PLATFORM_ADMIN").await;
    let bearer = format!("Bearer {token}");
    for (second, accept) in [
        (bearer.as_str(), "application/json"),
        ("Bearer other", "application/graphql-response+json"),
    ] {
        let req = app
            .client
            .post(app.graphql_url())
            .header(ACCEPT, accept)
            .header(AUTHORIZATION, &bearer)
            .header(AUTHORIZATION, second)
            .json(&json!({ "query": "{ viewer { role } }" }));
        let a = app.send(req).await;
        assert_eq!((a.status, a.code()), (400, "BAD_REQUEST"), "{}", a.text);
        assert!(a.content_type().starts_with(accept), "{}", a.content_type());
        assert!(a.body.get("data").is_none());
    }
    let one = app
        .client
        .post(app.graphql_url())
        .header(AUTHORIZATION, &bearer)
        .json(&json!({ "query": "{ __typename }" }));
    assert_eq!(app.send(one).await.status, 200);
}
