//! The graphql-transport-ws rules, as the npm package graphql-ws defines them: close codes for
//! every misstep, ping/pong, and the limits of a connection.

use serde_json::json;

use super::support::world;
use super::ws::{Got, Ws};
use crate::helpers::{spawn_app, spawn_app_with};

const CHANGES: &str = "subscription { changes { action nodeId } }";

#[tokio::test]
async fn protocol_missteps_close_with_their_codes() {
    let app = spawn_app_with(|s| s.changes.connection_init_timeout_ms = 300).await;

    // No connection_init in time.
    let mut ws = Ws::open(&app).await;
    assert_eq!(ws.closed().await.0, 4408);

    // A second connection_init.
    let mut ws = Ws::ready(&app, None).await;
    ws.init(None).await;
    assert_eq!(ws.closed().await.0, 4429);

    // A subscribe before the ack.
    let mut ws = Ws::open(&app).await;
    ws.subscribe("1", CHANGES, json!({})).await;
    assert_eq!(ws.closed().await.0, 4401);

    // An id in use.
    let mut ws = Ws::ready(&app, None).await;
    ws.subscribe("a", CHANGES, json!({})).await;
    ws.subscribe("a", CHANGES, json!({})).await;
    assert_eq!(ws.closed().await.0, 4409);

    // Malformed messages.
    for bad in ["not json", "{\"type\":\"launch\"}", "{\"type\":\"subscribe\"}", "[]"] {
        let mut ws = Ws::ready(&app, None).await;
        ws.send_text(bad).await;
        assert_eq!(ws.closed().await.0, 4400, "{bad}");
    }

    // No subprotocol asked for.
    let mut ws = Ws::open_with(&app, None).await;
    assert_eq!(ws.closed().await.0, 4406);

    // A token that is not one.
    let mut ws = Ws::open(&app).await;
    ws.init(Some("nonsense")).await;
    assert_eq!(ws.closed().await.0, 4403);
}

#[tokio::test]
async fn ping_is_answered_with_pong_before_and_after_the_handshake() {
    let app = spawn_app().await;
    let mut ws = Ws::open(&app).await;
    ws.send(json!({ "type": "ping", "payload": { "n": 1 } })).await;
    match ws.next().await {
        Got::Msg(m) => assert_eq!(m, json!({ "type": "pong", "payload": { "n": 1 } })),
        other => panic!("{other:?}"),
    }
    ws.init(None).await;
    assert!(matches!(ws.next().await, Got::Msg(m) if m["type"] == "connection_ack"));
    ws.send(json!({ "type": "ping" })).await;
    assert!(matches!(ws.next().await, Got::Msg(m) if m["type"] == "pong"));
}

#[tokio::test]
async fn a_connection_holds_a_bounded_number_of_subscriptions_and_a_token_of_connections() {
    let app = spawn_app_with(|s| {
        s.changes.max_subscriptions_per_connection = 2;
        s.changes.max_connections_per_token = 1;
    })
    .await;
    let w = world(&app).await;
    let mut ws = Ws::ready(&app, Some(&w.member_reader)).await;
    ws.subscribe("1", CHANGES, json!({})).await;
    ws.subscribe("2", CHANGES, json!({})).await;
    ws.subscribe("3", CHANGES, json!({})).await;
    match ws.next().await {
        Got::Msg(m) => {
            assert_eq!(m["type"], "error");
            assert_eq!(m["id"], "3");
            assert_eq!(m["payload"][0]["extensions"]["code"], "TOO_MANY_SUBSCRIPTIONS");
        }
        other => panic!("{other:?}"),
    }
    // A completed subscription frees its place.
    ws.send(json!({ "type": "complete", "id": "1" })).await;
    ws.subscribe("4", CHANGES, json!({})).await;
    assert!(
        ws.next_within(std::time::Duration::from_millis(500)).await.is_none(),
        "4 runs quietly"
    );

    let mut second = Ws::open(&app).await;
    second.init(Some(&w.member_reader)).await;
    assert_eq!(second.closed().await.0, 4429);
    drop(ws);
    // Once the first connection is gone, the token may connect again.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    Ws::ready(&app, Some(&w.member_reader)).await;
}

#[tokio::test]
async fn subscription_documents_are_held_to_the_query_limits() {
    let app = spawn_app_with(|s| s.limits.limit_depth = 5).await;
    let mut ws = Ws::ready(&app, None).await;
    let deep = "subscription { changes { node { ... on LearningQuestion { coalition { workgroups { nodes {
        learningQuestions { nodes { title } } } } } } } } }";
    // Within the depth limit, but 100 workgroups × 100 questions each are over the complexity.
    let complex = "subscription { changes { node { ... on Coalition { workgroups(first: 100) { nodes {
        learningQuestions(first: 100) { nodes { title } } } } } } } }";
    for (id, query, code, limit) in [
        ("d", deep, "QUERY_TOO_DEEP", 5),
        ("c", complex, "QUERY_TOO_COMPLEX", 10_000),
    ] {
        ws.subscribe(id, query, json!({})).await;
        match ws.next().await {
            Got::Msg(m) => {
                assert_eq!(m["type"], "error", "{m}");
                assert_eq!(m["payload"][0]["extensions"]["code"], code, "{m}");
                assert_eq!(m["payload"][0]["extensions"]["limit"], limit, "{m}");
            }
            other => panic!("{other:?}"),
        }
    }
}
