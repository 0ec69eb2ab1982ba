//! A subscriber that stops reading costs the server no memory: its operation waits, the log
//! keeps the events, and once it is too far behind it is told to resume from its last cursor,
//! which then misses nothing.

use serde_json::json;

use super::support::world;
use super::ws::{Got, Ws};
use crate::helpers::spawn_app_with;

const EVENTS: usize = 600;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscriber_too_far_behind_is_told_to_resume_and_misses_nothing() {
    let app = spawn_app_with(|s| s.changes.subscriber_max_lag = 20).await;
    let w = world(&app).await;
    let mut ws = Ws::open_small(&app).await;
    ws.init(Some(&w.member_reader)).await;
    assert!(matches!(ws.next().await, Got::Msg(m) if m["type"] == "connection_ack"));
    let follow = "subscription($after: String) { changes(after: $after) { nodeId cursor \
                  node { ... on LearningQuestion { context } } } }";
    ws.subscribe("s", follow, json!({})).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    // The subscriber reads nothing while 600 changes of 10 KB each happen.
    let context = "x".repeat(10_000);
    let q =
        "mutation($i: CreateLearningQuestionInput!) { createLearningQuestion(input: $i) { learningQuestion { id } } }";
    let mut written = Vec::new();
    for n in 0..EVENTS {
        let input = json!({ "coalition": w.coalition, "title": format!("Vraag {n}"), "context": context });
        let d = app.data_as(&w.editor, q, json!({ "i": input })).await;
        written.push(
            d["createLearningQuestion"]["learningQuestion"]["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }

    // Now it reads: what was sent, then the error that says where to resume.
    let mut got = Vec::new();
    let mut last_cursor = None;
    let resume = loop {
        match ws.next().await {
            Got::Msg(m) if m["type"] == "next" && m["payload"].get("errors").is_some() => {
                let e = &m["payload"]["errors"][0]["extensions"];
                assert_eq!(e["code"], "SUBSCRIBER_TOO_SLOW", "{m}");
                break e["resumeAfter"].as_str().unwrap().to_string();
            }
            Got::Msg(m) if m["type"] == "next" => {
                let c = &m["payload"]["data"]["changes"];
                got.push(c["nodeId"].as_str().unwrap().to_string());
                last_cursor = c["cursor"].as_str().map(str::to_string);
            }
            other => panic!("{other:?}"),
        }
    };
    assert!(
        got.len() < EVENTS,
        "the subscriber was cut off before the end ({} events)",
        got.len()
    );
    assert_eq!(
        Some(resume.clone()),
        last_cursor,
        "it resumes right after the last event it got"
    );
    assert!(matches!(ws.next().await, Got::Msg(m) if m["type"] == "complete"));

    // Resuming from there delivers the rest, without a gap or a repeat.
    let mut ws = Ws::ready(&app, Some(&w.member_reader)).await;
    let light = "subscription($after: String) { changes(after: $after) { nodeId } }";
    ws.subscribe("r", light, json!({ "after": resume })).await;
    while got.len() < EVENTS {
        got.push(ws.data("r").await["changes"]["nodeId"].as_str().unwrap().to_string());
    }
    assert_eq!(got, written);
}
