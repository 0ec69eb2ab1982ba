//! Rate limiting: a budget per token, or per address without one; past it HTTP 429 with
//! `Retry-After` and RATE_LIMITED; the budget left in every answer's `extensions.rateLimit`.

use serde_json::json;

use crate::helpers::{Answer, TestApp, spawn_app_with};

/// One request a minute after a burst of three: nothing refills while a test runs.
async fn limited_app() -> TestApp {
    spawn_app_with(|s| {
        s.limits.rate_limit_per_minute = 1;
        s.limits.rate_limit_burst = 3;
    })
    .await
}

async fn ask(app: &TestApp, token: Option<&str>) -> Answer {
    let mut req = app
        .client
        .post(app.graphql_url())
        .json(&json!({ "query": "{ __typename }" }));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    app.send(req).await
}

#[tokio::test]
async fn past_the_budget_clients_get_429_with_retry_after() {
    let app = limited_app().await;
    for remaining in [2, 1, 0] {
        let a = ask(&app, None).await;
        assert_eq!(a.status, 200, "{}", a.text);
        assert_eq!(
            a.body["extensions"]["rateLimit"],
            json!({ "limit": 1, "remaining": remaining })
        );
    }
    let a = ask(&app, None).await;
    assert_eq!((a.status, a.code()), (429, "RATE_LIMITED"), "{}", a.text);
    let retry: u64 = a.headers["retry-after"]
        .to_str()
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    assert!((1..=60).contains(&retry), "Retry-After {retry}");
    assert_eq!(a.body["errors"][0]["extensions"]["retryAfter"], retry);
}

#[tokio::test]
async fn each_token_has_a_budget_of_its_own() {
    let app = limited_app().await;
    let (reader, editor) = (app.token(None, "READER").await, app.token(None, "EDITOR").await);
    for _ in 0..3 {
        assert_eq!(ask(&app, None).await.status, 200);
    }
    assert_eq!(ask(&app, None).await.status, 429, "the address is spent");
    for _ in 0..3 {
        assert_eq!(
            ask(&app, Some(&reader)).await.status,
            200,
            "a token does not share the address budget"
        );
    }
    let a = ask(&app, Some(&reader)).await;
    assert_eq!((a.status, a.code()), (429, "RATE_LIMITED"));
    let a = ask(&app, Some(&editor)).await;
    assert_eq!(a.status, 200, "another token is not affected: {}", a.text);
    assert_eq!(a.body["extensions"]["rateLimit"]["remaining"], 2);
}

#[tokio::test]
async fn refused_tokens_spend_the_address_budget() {
    let app = limited_app().await;
    for _ in 0..3 {
        assert_eq!(ask(&app, Some("guess.guess.guess")).await.status, 401);
    }
    let a = ask(&app, Some("guess.guess.guess")).await;
    assert_eq!((a.status, a.code()), (429, "RATE_LIMITED"), "{}", a.text);
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_address_is_the_client() {
    for trusted in [true, false] {
        let app = spawn_app_with(|s| {
            s.limits.rate_limit_per_minute = 1;
            s.limits.rate_limit_burst = 1;
            s.api.trust_forwarded_for = trusted;
        })
        .await;
        let from = |ip: &str| {
            app.client
                .post(app.graphql_url())
                .header("x-forwarded-for", format!("203.0.113.9, {ip}"))
                .json(&json!({ "query": "{ __typename }" }))
        };
        assert_eq!(app.send(from("192.0.2.1")).await.status, 200);
        assert_eq!(app.send(from("192.0.2.1")).await.status, 429);
        let other = app.send(from("192.0.2.2")).await.status;
        assert_eq!(other, if trusted { 200 } else { 429 }, "trusted: {trusted}");
    }
}

#[tokio::test]
async fn a_batch_spends_one_request_per_operation() {
    let app = limited_app().await;
    let two = json!([{ "query": "{ __typename }" }, { "query": "{ __typename }" }]);
    let a = app.post_json(two.clone()).await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(a.body[1]["extensions"]["rateLimit"]["remaining"], 1);
    let a = app.post_json(two).await;
    assert_eq!((a.status, a.code()), (429, "RATE_LIMITED"), "{}", a.text);
    assert_eq!(ask(&app, None).await.status, 200, "one request is still left");
}
