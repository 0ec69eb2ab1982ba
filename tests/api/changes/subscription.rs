//! The `changes` subscription: replay from a cursor then live, per-subscriber visibility, and
//! sockets that close when their token is revoked or expires.

use std::time::Duration;

use serde_json::json;

use super::support::{mutate, page, question, world};
use super::ws::{Got, Ws};
use crate::helpers::spawn_app;

const FOLLOW: &str = "subscription($after: String) { changes(after: $after) { action nodeId cursor } }";

#[tokio::test]
async fn a_subscriber_gets_what_it_missed_and_then_what_happens() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let first = question(&app, &w, "Eerste", None).await;
    let after_first = page(&app, Some(&w.member_reader), None, 1, "").await["endCursor"].clone();
    let missed = question(&app, &w, "Gemist", None).await;

    let mut ws = Ws::ready(&app, Some(&w.member_reader)).await;
    ws.subscribe("s", FOLLOW, json!({ "after": after_first })).await;
    let replayed = ws.data("s").await;
    assert_eq!(replayed["changes"]["nodeId"], missed.as_str(), "not {first}");

    let live = question(&app, &w, "Live", None).await;
    let got = ws.data("s").await;
    assert_eq!(got["changes"]["action"], "CREATED");
    assert_eq!(got["changes"]["nodeId"], live.as_str());

    // Reconnecting with the last cursor misses nothing and repeats nothing.
    let cursor = got["changes"]["cursor"].clone();
    drop(ws);
    let during = question(&app, &w, "Tijdens de herverbinding", None).await;
    let mut ws = Ws::ready(&app, Some(&w.member_reader)).await;
    ws.subscribe("s", FOLLOW, json!({ "after": cursor })).await;
    assert_eq!(ws.data("s").await["changes"]["nodeId"], during.as_str());
    assert!(ws.next_within(Duration::from_millis(300)).await.is_none());
}

#[tokio::test]
async fn each_subscriber_hears_only_what_it_may_see() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let mut member = Ws::ready(&app, Some(&w.member_reader)).await;
    let mut outsider = Ws::ready(&app, Some(&w.outsider)).await;
    let mut anonymous = Ws::ready(&app, None).await;
    for ws in [&mut member, &mut outsider, &mut anonymous] {
        ws.subscribe("s", FOLLOW, json!({})).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let private = question(&app, &w, "Alleen de coalitie", None).await;
    let public = question(&app, &w, "Iedereen", Some("PUBLIC")).await;
    assert_eq!(member.data("s").await["changes"]["nodeId"], private.as_str());
    assert_eq!(member.data("s").await["changes"]["nodeId"], public.as_str());
    for ws in [&mut outsider, &mut anonymous] {
        assert_eq!(
            ws.data("s").await["changes"]["nodeId"],
            public.as_str(),
            "the private one is skipped"
        );
    }
}

#[tokio::test]
async fn revoking_a_token_closes_its_sockets() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let created = app
        .data_as(
            &w.org_admin,
            "mutation { createApiToken(input: { label: \"Dashboard\", role: READER, expiresInDays: 5 }) { token apiToken { id } } }",
            json!({}),
        )
        .await;
    let token = created["createApiToken"]["token"].as_str().unwrap().to_string();
    let id = created["createApiToken"]["apiToken"]["id"].clone();
    let mut ws = Ws::ready(&app, Some(&token)).await;
    ws.subscribe("s", FOLLOW, json!({})).await;
    let started = std::time::Instant::now();
    mutate(
        &app,
        &w.org_admin,
        "revokeApiToken",
        "RevokeApiTokenInput",
        "apiToken { revokedAt }",
        json!({ "id": id }),
    )
    .await;
    let (code, reason) = ws.closed().await;
    assert_eq!(code, 4403, "{reason}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "closed within a few seconds"
    );
    let mut again = Ws::open(&app).await;
    again.init(Some(&token)).await;
    assert_eq!(
        again.closed().await.0,
        4403,
        "a revoked token cannot open a new session"
    );
}

#[tokio::test]
async fn an_expired_cursor_is_refused_when_subscribing() {
    let app = spawn_app().await;
    let w = world(&app).await;
    question(&app, &w, "Oud", Some("PUBLIC")).await;
    let old = page(&app, None, None, 1, "").await["endCursor"].clone();
    question(&app, &w, "Nieuwer", Some("PUBLIC")).await;
    samenspel::changes::retention::prune(&app.db, chrono::Utc::now() + chrono::Duration::days(1))
        .await
        .unwrap();
    let mut ws = Ws::ready(&app, None).await;
    ws.subscribe("s", FOLLOW, json!({ "after": old })).await;
    match ws.next().await {
        Got::Msg(m) => {
            assert_eq!(m["type"], "next", "{m}");
            assert_eq!(
                m["payload"]["errors"][0]["extensions"]["reason"], "CURSOR_EXPIRED",
                "{m}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(ws.next().await, Got::Msg(m) if m["type"] == "complete"));
}
