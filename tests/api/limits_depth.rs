//! Depth counts what a person counts: a connection is one level, spelled `nodes` or
//! `edges { node }`, so the natural nested query passes the defaults in both spellings, while
//! deep recursion through real relations, big pages and bracket or fragment bombs stay refused.

use serde_json::{Map, Value, json};

use crate::helpers::{spawn_app_with, spawn_demo_app_with};

/// Coalitions → workgroups → learning questions → contributions → author → organisation.
const NATURAL_NODES: &str = "{ coalitions(first: 5) { nodes { name workgroups(first: 5) { nodes { name
    learningQuestions(first: 5) { nodes { title contributions(first: 10) { nodes { kind
    author { name organisation { name } } } } } } } } } } }";

/// The same, with `edges { node }` (and a cursor on the way).
const NATURAL_EDGES: &str = "{ coalitions(first: 5) { edges { node { name workgroups(first: 5) { edges { node { name
    learningQuestions(first: 5) { edges { cursor node { title contributions(first: 10) { edges { node { kind
    author { name organisation { name } } } } } } } } } } } } } } }";

/// A query `levels` deep through real relations: organisation → people → organisation → …
/// with `name` as the last level; connections spelled `edges { node }` or `nodes`.
fn through_people(levels: usize, edges: bool) -> String {
    let (mut open, mut close) = (String::new(), String::new());
    for i in 0..levels - 1 {
        let (field, wrappers) = match i {
            0 => (r#"organisation(slug: "cordaan")"#, 0),
            i if i % 2 == 1 => ("people(first: 1)", if edges { 2 } else { 1 }),
            _ => ("organisation", 0),
        };
        open.push_str(field);
        open.push_str(" { ");
        open.push_str(if wrappers == 2 {
            "edges { node { "
        } else if wrappers == 1 {
            "nodes { "
        } else {
            ""
        });
        close.push_str(&" }".repeat(wrappers + 1));
    }
    format!("{{ {open}name{close} }}")
}

/// `value` with every `edges { node }` list turned into `nodes`, to compare the two spellings.
fn as_nodes(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("edges", Value::Array(edges)) => {
                        let nodes = edges.into_iter().map(|mut e| as_nodes(e["node"].take()));
                        out.insert("nodes".into(), Value::Array(nodes.collect()));
                    }
                    (_, v) => {
                        out.insert(k, as_nodes(v));
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(as_nodes).collect()),
        other => other,
    }
}

#[tokio::test]
async fn the_natural_query_passes_the_defaults_in_both_spellings() {
    let app = spawn_demo_app_with(|_| {}).await;
    let nodes = app.post_json(json!({ "query": NATURAL_NODES })).await;
    let edges = app.post_json(json!({ "query": NATURAL_EDGES })).await;
    for a in [&nodes, &edges] {
        assert_eq!(a.status, 200);
        assert!(a.body.get("errors").is_none(), "{}", a.text);
    }
    assert!(
        nodes.text.contains(r#""organisation":{"name""#),
        "reaches an author's organisation: {}",
        nodes.text
    );
    assert_eq!(as_nodes(edges.body["data"].clone()), nodes.body["data"]);
}

#[tokio::test]
async fn recursion_through_real_relations_is_refused_in_both_spellings() {
    let app = spawn_demo_app_with(|_| {}).await;
    for edges in [false, true] {
        let a = app.post_json(json!({ "query": through_people(12, edges) })).await;
        assert!(a.body.get("errors").is_none(), "{}", a.text);
        assert!(a.text.contains(r#"{"name":"Cordaan"}"#), "{}", a.text);
        let a = app.post_json(json!({ "query": through_people(13, edges) })).await;
        assert_eq!((a.status, a.code()), (200, "QUERY_TOO_DEEP"), "{}", a.text);
        assert_eq!(a.body["errors"][0]["extensions"]["limit"], 12);
        assert!(a.body.get("data").is_none(), "refused before execution: {}", a.text);
    }
    let bomb = "{ organisations(first: 100) { edges { node { people(first: 100) { edges { node { name } } } } } } }";
    let a = app.post_json(json!({ "query": bomb })).await;
    assert_eq!(a.code(), "QUERY_TOO_COMPLEX", "{}", a.text);
    assert_eq!(a.body["errors"][0]["extensions"]["limit"], 10_000);
}

#[tokio::test]
async fn selections_and_brackets_nest_at_most_64_deep() {
    let app = spawn_app_with(|_| {}).await;
    let inline = |n: usize| format!("{{ {}__typename{} }}", "... { ".repeat(n), " }".repeat(n));
    let spreads = |n: usize| {
        let chain: String = (0..n)
            .map(|i| format!("fragment a{i} on Query{{...a{}}}", i + 1))
            .collect();
        format!("{{...a0}}{chain}fragment a{n} on Query{{__typename}}")
    };
    for query in [inline(60), spreads(60)] {
        let a = app.post_json(json!({ "query": query })).await;
        assert_eq!(a.body, json!({ "data": { "__typename": "Query" } }));
    }
    // 7,500 fragments in a chain once overflowed the stack and took the process down.
    for query in [
        inline(70),
        spreads(70),
        spreads(7_500),
        format!("{{{}}}", "a{".repeat(100_000)),
    ] {
        let a = app.post_json(json!({ "query": query })).await;
        assert_eq!((a.status, a.code()), (200, "QUERY_TOO_DEEP"), "{}", a.text);
        let error = &a.body["errors"][0];
        assert_eq!(error["extensions"]["limit"], 64);
        assert!(
            error["message"].as_str().is_some_and(|m| m.contains("limit of 64")),
            "{}",
            a.text
        );
    }
    let a = app.post_json(json!({ "query": "{ __typename }" })).await;
    assert_eq!(a.body["data"]["__typename"], "Query", "still serving");
}

#[tokio::test]
async fn a_fragment_spread_again_deeper_counts_from_where_it_is_spread() {
    let app = spawn_app_with(|_| {}).await;
    let inline = |n: usize, inner: &str| format!("{}{inner}{}", "... { ".repeat(n), " }".repeat(n));
    // F nests 60 deep where it is spread; spread first at the top, then again `extra` deeper.
    let fragment = format!("fragment F on Query {{ {} }}", inline(59, "__typename"));
    let query = |extra: usize| format!("{{ ...F {} }} {fragment}", inline(extra, "...F"));
    let a = app.post_json(json!({ "query": query(4) })).await;
    assert_eq!(a.body, json!({ "data": { "__typename": "Query" } }));
    let a = app.post_json(json!({ "query": query(5) })).await;
    assert_eq!((a.status, a.code()), (200, "QUERY_TOO_DEEP"), "{}", a.text);
    assert_eq!(a.body["errors"][0]["extensions"]["limit"], 64, "{}", a.text);
}

#[tokio::test]
async fn a_fragment_cycle_is_named_not_measured() {
    let app = spawn_app_with(|_| {}).await;
    let a = app
        .post_json(json!({ "query": "{ ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }" }))
        .await;
    assert_eq!((a.status, a.code()), (200, "GRAPHQL_VALIDATION_FAILED"), "{}", a.text);
    let error = &a.body["errors"][0];
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains(r#"Fragment "A" spreads itself"#)),
        "{}",
        a.text
    );
    assert!(
        error["extensions"].get("limit").is_none(),
        "no limit is involved: {}",
        a.text
    );
    assert!(error["locations"][0]["line"].is_number(), "{}", a.text);
}
