//! Query limits: deep, complex, alias-, selection- and batch-bombed requests and big bodies are
//! refused with a stable code before they run, while other clients are served; slow requests
//! are cut off. Everyday queries (the README's, GraphiQL's introspection) pass the defaults.

use serde_json::{Value, json};

use crate::helpers::{spawn_app_with, spawn_demo_app_with};

/// The introspection query of graphql-js 16 (GraphiQL, code generators), all options on.
const INTROSPECTION: &str = "query IntrospectionQuery{__schema{description queryType{name kind}mutationType{name \
    kind}subscriptionType{name kind}types{...FullType}directives{name description isRepeatable locations \
    args(includeDeprecated:true){...InputValue}}}}fragment FullType on __Type{kind name description specifiedByURL \
    fields(includeDeprecated:true){name description args(includeDeprecated:true){...InputValue}type{...TypeRef} \
    isDeprecated deprecationReason}inputFields(includeDeprecated:true){...InputValue}interfaces{...TypeRef} \
    enumValues(includeDeprecated:true){name description isDeprecated deprecationReason}possibleTypes{...TypeRef}} \
    fragment InputValue on __InputValue{name description type{...TypeRef}defaultValue isDeprecated \
    deprecationReason}fragment TypeRef on __Type{kind name ofType{name kind ofType{name kind ofType{name kind \
    ofType{name kind ofType{name kind ofType{name kind ofType{name kind ofType{name kind ofType{name kind}}}}}}}}}}";

/// The first query of the README.
const README: &str = r#"{ coalition(slug: "cop-wooncirkels") { name stage
    members { nodes { role organisation { name kind } } }
    learningQuestions(first: 5) { totalCount nodes { title status
        contributions(first: 3) { nodes { kind body author { name } organisation { name } } }
        meetings { nodes { title startsAt } }
        outcomes { nodes { title kind url } } } } } }"#;

/// Fields nested `levels` deep (they need not exist: depth is checked before validation).
fn nested(levels: usize) -> String {
    format!("{{ {}x{} }}", "a { ".repeat(levels - 1), " }".repeat(levels - 1))
}

/// A real query of twelve nested fields: nine levels, since a connection's `nodes` adds none.
const TWELVE_DEEP: &str = r#"{ organisation(slug: "cordaan") { people(first: 1) { nodes { organisation {
    people(first: 1) { nodes { organisation { people(first: 1) { nodes { organisation {
    people(first: 1) { totalCount } } } } } } } } } } } }"#;

fn aliases(n: usize) -> String {
    let fields: Vec<String> = (0..n).map(|i| format!("a{i}: __typename")).collect();
    format!("{{ {} }}", fields.join(" "))
}

/// Twelve fragments, each spreading the one before twice: 2^12 selections from a few lines.
fn fragment_bomb() -> String {
    let mut doc = String::from("{ ...F12 } fragment F0 on Query { __typename }");
    for i in 1..=12 {
        doc.push_str(&format!(" fragment F{i} on Query {{ ...F{j} ...F{j} }}", j = i - 1));
    }
    doc
}

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn everyday_queries_pass_the_default_limits() {
    let app = spawn_demo_app_with(|_| {}).await;
    for query in [README, INTROSPECTION, TWELVE_DEEP] {
        let a = app.post_json(json!({ "query": query })).await;
        assert_eq!(a.status, 200);
        assert!(a.body.get("errors").is_none(), "{}", a.text);
    }
}

#[tokio::test]
async fn each_limit_refuses_with_its_code_before_execution() {
    let app = spawn_app_with(|_| {}).await;
    let complex = "{ organisations(first: 100) { nodes { people(first: 100) { nodes { name } } } } }";
    let introspection_bomb = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
    let cases = [
        (nested(13), "QUERY_TOO_DEEP", 12),
        (nested(40), "QUERY_TOO_DEEP", 12),
        (format!("{{{}}}", "a{".repeat(100_000)), "QUERY_TOO_DEEP", 64),
        (introspection_bomb.to_string(), "QUERY_TOO_DEEP", 2),
        (complex.to_string(), "QUERY_TOO_COMPLEX", 10_000),
        (aliases(31), "TOO_MANY_ALIASES", 30),
        (fragment_bomb(), "TOO_MANY_SELECTIONS", 500),
    ];
    for (query, want, limit) in cases {
        let a = app.post_json(json!({ "query": query })).await;
        assert_eq!((a.status, a.code()), (200, want), "{}", a.text);
        assert_eq!(a.body["errors"][0]["extensions"]["limit"], limit);
        assert!(a.body.get("data").is_none(), "refused before execution: {}", a.text);
    }
    let a = app.post_json(json!({ "query": aliases(30) })).await;
    assert!(a.body.get("errors").is_none(), "{}", a.text);
}

#[tokio::test]
async fn batches_are_limited() {
    let app = spawn_app_with(|s| s.limits.limit_batch = 3).await;
    let batch = |n: usize| Value::Array(vec![json!({ "query": "{ __typename }" }); n]);
    let a = app.post_json(batch(3)).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.body.as_array().map(Vec::len), Some(3));
    let a = app.post_json(batch(4)).await;
    assert_eq!((a.status, a.code()), (400, "BATCH_TOO_LARGE"), "{}", a.text);
    assert_eq!(a.body["errors"][0]["extensions"]["limit"], 3);
}

#[tokio::test]
async fn bodies_over_the_limit_get_413_as_graphql_json() {
    let app = spawn_app_with(|s| s.limits.limit_body_bytes = 1024).await;
    let padding = " ".repeat(2000);
    let a = app
        .post_json(json!({ "query": format!("{{ __typename {padding} }}") }))
        .await;
    assert_eq!((a.status, a.code()), (413, "PAYLOAD_TOO_LARGE"), "{}", a.text);
    assert!(a.content_type().starts_with("application/json"));
    // Without a Content-Length the body is cut off while it is read.
    let chunks: Vec<Result<String, std::io::Error>> = vec![Ok(format!("{{\"query\": \"{padding}")), Ok("\"}".into())];
    let stream = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    let req = app
        .client
        .post(app.graphql_url())
        .header("content-type", "application/json")
        .body(stream);
    let a = app.send(req).await;
    assert_eq!((a.status, a.code()), (413, "PAYLOAD_TOO_LARGE"), "{}", a.text);
    let a = app.post_json(json!({ "query": "{ __typename }" })).await;
    assert_eq!(a.status, 200);
}

#[tokio::test]
async fn bombs_are_refused_while_a_normal_query_is_served() {
    let app = spawn_app_with(|_| {}).await;
    let deep = json!({ "query": format!("{{{}}}", "a{".repeat(60_000)) });
    let alias = json!({ "query": aliases(5_000) });
    let batch = Value::Array(vec![json!({ "query": "{ __typename }" }); 5_000]);
    let normal = json!({ "query": "{ organisations { totalCount } }" });
    let (deep, alias, batch, selections, normal) = tokio::join!(
        app.post_json(deep),
        app.post_json(alias),
        app.post_json(batch),
        app.post_json(json!({ "query": fragment_bomb() })),
        app.post_json(normal),
    );
    assert_eq!(code(&deep.body), "QUERY_TOO_DEEP");
    assert_eq!(code(&alias.body), "TOO_MANY_ALIASES");
    assert_eq!((batch.status, code(&batch.body)), (400, "BATCH_TOO_LARGE"));
    assert_eq!(code(&selections.body), "TOO_MANY_SELECTIONS");
    assert_eq!(normal.body, json!({ "data": { "organisations": { "totalCount": 0 } } }));
}

#[tokio::test]
async fn slow_requests_are_cut_off() {
    let app = spawn_demo_app_with(|s| {
        s.limits.request_timeout_ms = 1;
        s.limits.limit_complexity = usize::MAX;
    })
    .await;
    let big = "{ organisations(first: 100) { nodes { name coalitions { nodes { name
        learningQuestions(first: 20) { nodes { title contributions(first: 20) { nodes { body } } } } } } } } }";
    let a = app.post_json(json!({ "query": big })).await;
    assert_eq!((a.status, a.code()), (503, "TIMEOUT"), "{}", a.text);
    assert_eq!(a.headers["retry-after"], "1");
}
