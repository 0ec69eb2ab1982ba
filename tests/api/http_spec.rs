//! GraphQL over HTTP: JSON POSTs and query GETs only, Accept negotiation with the spec's status
//! codes, batches, and 401 for bad tokens.

use reqwest::header::{ACCEPT, CONTENT_TYPE};
use serde_json::json;

use crate::helpers::{TestApp, spawn_app};

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

#[tokio::test]
async fn only_json_posts_are_accepted() {
    let app = spawn_app().await;
    let body = r#"{"query":"{ __typename }"}"#;
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        Some("application/graphql"),
        Some("application/json; charset=latin1"),
        None,
    ] {
        let mut req = app.client.post(app.graphql_url()).body(body);
        if let Some(ct) = content_type {
            req = req.header(CONTENT_TYPE, ct);
        }
        let a = app.send(req).await;
        assert_eq!(
            (a.status, a.code()),
            (415, "UNSUPPORTED_MEDIA_TYPE"),
            "{content_type:?}: {}",
            a.text
        );
    }
    for content_type in [
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON;charset=UTF-8",
    ] {
        let req = app
            .client
            .post(app.graphql_url())
            .header(CONTENT_TYPE, content_type)
            .body(body);
        let a = app.send(req).await;
        assert_eq!(a.status, 200, "{content_type}: {}", a.text);
        assert_eq!(a.body["data"]["__typename"], "Query");
    }
}

#[tokio::test]
async fn get_runs_queries_but_refuses_mutations_and_writes_nothing() {
    let app = spawn_app().await;
    let admin = app.token(None, "PLATFORM_ADMIN").await;
    let get = |query: &str, operation: Option<&str>| {
        let mut params = vec![("query", query.to_string())];
        params.extend(operation.map(|o| ("operationName", o.to_string())));
        app.client.get(app.graphql_url()).bearer_auth(&admin).query(&params)
    };
    let a = app.send(get("{ __typename }", None)).await;
    assert_eq!(
        (a.status, &a.body),
        (200, &json!({ "data": { "__typename": "Query" } }))
    );

    let create = r#"mutation { createTheme(input: { slug: "via-get", name: "Via GET" }) { theme { slug } } }"#;
    let a = app.send(get(create, None)).await;
    assert_eq!((a.status, a.code()), (405, "METHOD_NOT_ALLOWED"), "{}", a.text);
    assert_eq!(a.headers["allow"], "POST");
    let named = format!(
        "query Q {{ __typename }} {}",
        create.replacen("mutation", "mutation M", 1)
    );
    let a = app.send(get(&named, Some("M"))).await;
    assert_eq!(a.status, 405, "the named mutation of a document: {}", a.text);
    let a = app.send(get(&named, Some("Q"))).await;
    assert_eq!(a.status, 200, "the named query of the same document: {}", a.text);

    let code = app
        .error_code(r#"{ theme(slug: "via-get") { slug } }"#, json!({}))
        .await;
    assert_eq!(code, "NOT_FOUND", "a mutation over GET wrote");
    let done = app.data_as(&admin, create, json!({})).await;
    assert_eq!(
        done["createTheme"]["theme"]["slug"], "via-get",
        "the same mutation over POST writes"
    );
    let a = app.send(app.client.get(app.graphql_url())).await;
    assert_eq!((a.status, a.code()), (400, "BAD_REQUEST"));
    let a = app.send(app.client.put(app.graphql_url()).json(&json!({}))).await;
    assert_eq!(a.status, 405);
}

async fn post_accepting(app: &TestApp, accept: Option<&str>, query: &str) -> crate::helpers::Answer {
    let mut req = app.client.post(app.graphql_url()).json(&json!({ "query": query }));
    if let Some(accept) = accept {
        req = req.header(ACCEPT, accept);
    }
    app.send(req).await
}

#[tokio::test]
async fn accept_negotiation_picks_the_media_type_and_status() {
    let app = spawn_app().await;
    let both = "application/graphql-response+json, application/json;q=0.9";
    for (accept, query, status, media, code) in [
        (Some(GRAPHQL_RESPONSE), "{ __typename }", 200, GRAPHQL_RESPONSE, ""),
        (Some(both), "{ __typename }", 200, GRAPHQL_RESPONSE, ""),
        (
            Some(GRAPHQL_RESPONSE),
            "{",
            400,
            GRAPHQL_RESPONSE,
            "GRAPHQL_PARSE_FAILED",
        ),
        (
            Some(GRAPHQL_RESPONSE),
            "{ nope }",
            400,
            GRAPHQL_RESPONSE,
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            Some("application/json"),
            "{ nope }",
            200,
            "application/json",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (None, "{", 200, "application/json", "GRAPHQL_PARSE_FAILED"),
        (Some("*/*"), "{ __typename }", 200, "application/json", ""),
    ] {
        let a = post_accepting(&app, accept, query).await;
        let seen = (
            a.status,
            a.content_type().split(';').next().unwrap_or_default(),
            a.code(),
        );
        assert_eq!(seen, (status, media, code), "Accept {accept:?}, {query}: {}", a.text);
        if !code.is_empty() {
            assert!(
                a.body.get("data").is_none(),
                "a request error has no data entry: {}",
                a.text
            );
        }
    }
    // A field error is not a request error: 200, with data.
    let a = post_accepting(&app, Some(GRAPHQL_RESPONSE), r#"{ node(id: "nope") { id } }"#).await;
    assert_eq!((a.status, a.code()), (200, "BAD_USER_INPUT"), "{}", a.text);
    assert!(a.body.get("data").is_some());
    let a = post_accepting(&app, Some("text/html"), "{ __typename }").await;
    assert_eq!((a.status, a.code()), (406, "NOT_ACCEPTABLE"));
}

#[tokio::test]
async fn batches_answer_each_operation_and_bad_tokens_still_get_401() {
    let app = spawn_app().await;
    let a = app
        .post_json(json!([{ "query": "{ __typename }" }, { "query": "{ nope }" }]))
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.body[0]["data"]["__typename"], "Query");
    assert_eq!(
        a.body[1]["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );

    let req = app
        .client
        .post(app.graphql_url())
        .bearer_auth("not.a.token")
        .json(&json!({ "query": "{ __typename }" }));
    let a = app.send(req).await;
    assert_eq!((a.status, a.code()), (401, "UNAUTHENTICATED"), "{}", a.text);
    assert!(a.headers.contains_key("www-authenticate"));
}
