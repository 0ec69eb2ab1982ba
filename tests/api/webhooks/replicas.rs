//! Two replicas of the real binary on one database share the delivery work: each event reaches
//! the receiver once, and a delivery in flight on a replica that is SIGKILLed is completed by the
//! other once its lease runs out (at least once: the receiver sees the same `webhook-id` again).

use std::time::{Duration, Instant};

use serde_json::json;

use super::receiver::{Receiver, Reply};
use crate::helpers::fresh_database_url;
use crate::server::{self, Server};

/// Webhooks to 127.0.0.1 over http, quick retries, a 1 s timeout (so a 3 s lease).
const ENV: [(&str, &str); 4] = [
    ("SAMENSPEL_WEBHOOK_ALLOW_PRIVATE", "true"),
    ("SAMENSPEL_WEBHOOK_ALLOW_HTTP", "true"),
    ("SAMENSPEL_WEBHOOK_RETRY_SCHEDULE", "0s,200ms,400ms"),
    ("SAMENSPEL_WEBHOOK_TIMEOUT_MS", "1000"),
];

async fn create_webhook(address: &str, token: &str, url: &str) -> String {
    let q = "mutation($url: String!) { createWebhook(input: { url: $url }) { webhook { id } userErrors { message } } }";
    let d = server::post_data(address, token, q, json!({ "url": url })).await;
    assert_eq!(d["createWebhook"]["userErrors"], json!([]), "{d}");
    d["createWebhook"]["webhook"]["id"].as_str().unwrap().to_string()
}

/// `samenspel_webhook_attempts_total{outcome="succeeded"}` of a replica.
async fn succeeded(address: &str) -> u64 {
    let text = reqwest::get(format!("{address}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("samenspel_webhook_attempts_total{outcome=\"succeeded\"} "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_deliver_each_event_once() {
    let (url, _dir) = fresh_database_url().await;
    let world = server::arrange(&url).await;
    let (editor, admin) = (server::editor_token(&url), server::org_admin_token(&url));
    let (a, b) = (Server::start_with(&url, &ENV), Server::start_with(&url, &ENV));
    let rx = Receiver::start(vec![]).await;
    create_webhook(&a.address, &admin, &rx.url).await;

    let client = reqwest::Client::new();
    let mut written = Vec::new();
    for i in 0..40 {
        let via = if i % 2 == 0 { &a.address } else { &b.address };
        let input = json!({ "coalition": world.coalition, "title": format!("Vraag {i}"), "context": "c" });
        written.push(
            server::write(&client, via, &editor, "createLearningQuestion", input)
                .await
                .unwrap(),
        );
    }
    rx.wait(40, Duration::from_secs(20)).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let hits = rx.hits();
    let mut ids: Vec<&str> = hits.iter().map(|h| h.body["data"]["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(hits.len(), 40, "each event once, no attempt twice");
    assert_eq!(ids.len(), 40);
    let (sa, sb) = (succeeded(&a.address).await, succeeded(&b.address).await);
    assert_eq!(sa + sb, 40, "a: {sa}, b: {sb}");
    if url.starts_with("postgres") {
        // NOTIFY wakes both at every commit: both take their share. (Two processes on one
        // SQLite file only ever poll each other's writes.)
        assert!(sa > 0 && sb > 0, "both replicas delivered: a {sa}, b {sb}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivery_in_flight_on_a_killed_replica_is_completed_by_the_other() {
    let (url, _dir) = fresh_database_url().await;
    let world = server::arrange(&url).await;
    let (editor, admin) = (server::editor_token(&url), server::org_admin_token(&url));
    let mut a = Server::start_with(&url, &ENV);
    let rx = Receiver::start(vec![Reply::Hang]).await;
    let hook = create_webhook(&a.address, &admin, &rx.url).await;
    let input = json!({ "coalition": world.coalition, "title": "Onderweg", "context": "c" });
    let client = reqwest::Client::new();
    server::write(&client, &a.address, &editor, "createLearningQuestion", input)
        .await
        .unwrap();

    let first = rx.wait(1, Duration::from_secs(10)).await.remove(0);
    a.kill();
    let killed = Instant::now();
    let b = Server::start_with(&url, &ENV);
    let second = rx.wait(2, Duration::from_secs(15)).await.remove(1);
    assert_eq!(
        second.id, first.id,
        "the same message, so the receiver can drop a repeat"
    );
    assert!(
        killed.elapsed() < Duration::from_secs(10),
        "taken over after the 3 s lease: {:?}",
        killed.elapsed()
    );
    let q = "query($id: ID!) { node(id: $id) { ... on Webhook { deliveries(first: 5) { nodes { state attempt } } } } }";
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let d = server::post_data(&b.address, &admin, q, json!({ "id": hook })).await;
        let n = &d["node"]["deliveries"]["nodes"][0];
        if n["state"] == "SUCCEEDED" {
            assert_eq!(n["attempt"], 1, "the killed attempt was never recorded");
            break;
        }
        assert!(Instant::now() < deadline, "{d}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(rx.hits().len(), 2);
}
