//! Two replicas of the real binary on one database: a change made through one reaches a
//! subscriber on the other, and a revocation made through one closes a socket held on the
//! other. On PostgreSQL NOTIFY wakes the replica at once; on SQLite (two processes on one
//! file) the replica's one-second poll of the log does.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::ws::Ws;
use crate::helpers::fresh_database_url;
use crate::server::{self, Server};

/// Why `address` refuses `token` (`extensions.reason`), or `None` when it takes it.
async fn refusal(address: &str, token: &str) -> Option<String> {
    let res = reqwest::Client::new()
        .post(format!("{address}/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": "{ viewer { role } }" }))
        .send()
        .await
        .unwrap();
    let body: Value = res.json().await.unwrap();
    body["errors"][0]["extensions"]["reason"].as_str().map(String::from)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_and_a_revocation_through_one_replica_reach_the_other() {
    let (url, _dir) = fresh_database_url().await;
    let world = server::arrange(&url).await;
    let editor = server::editor_token(&url);
    let admin = server::org_admin_token(&url);
    let (a, b) = (Server::start(&url), Server::start(&url));
    let postgres = url.starts_with("postgres");
    let within = if postgres {
        Duration::from_secs(1)
    } else {
        Duration::from_millis(2500)
    };

    let created = server::post_data(
        &b.address,
        &admin,
        "mutation { createApiToken(input: { label: \"dashboard\", role: READER, expiresInDays: 3 }) { token apiToken { id } } }",
        json!({}),
    )
    .await;
    let reader = created["createApiToken"]["token"].as_str().unwrap().to_string();
    let reader_id = created["createApiToken"]["apiToken"]["id"].clone();

    let mut ws = Ws::ready_url(&format!("{}/graphql", a.address), Some(&reader)).await;
    ws.subscribe("s", "subscription { changes { action nodeId } }", json!({}))
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let client = reqwest::Client::new();
    let input = json!({ "coalition": world.coalition, "title": "Via replica B", "context": "c" });
    let started = Instant::now();
    let id = server::write(&client, &b.address, &editor, "createLearningQuestion", input)
        .await
        .unwrap();
    let got = ws.data("s").await;
    let took = started.elapsed();
    assert_eq!(got["changes"]["nodeId"], id.as_str());
    assert!(took < within, "delivered across replicas in {took:?}");

    // Replica A has read the reader's token row (PostgreSQL: and keeps it up to a second).
    let viewer = "{ viewer { role } }";
    assert_eq!(
        server::post_data(&a.address, &reader, viewer, json!({})).await["viewer"]["role"],
        "READER"
    );
    let started = Instant::now();
    server::post_data(
        &b.address,
        &admin,
        "mutation($id: ID!) { revokeApiToken(input: { id: $id }) { apiToken { revokedAt } } }",
        json!({ "id": reader_id }),
    )
    .await;
    // Refused at once on the replica that revoked it, within a second on the other.
    assert_eq!(refusal(&b.address, &reader).await.as_deref(), Some("TOKEN_REVOKED"));
    tokio::time::sleep_until((started + samenspel::auth::cache::TTL).into()).await;
    assert_eq!(refusal(&a.address, &reader).await.as_deref(), Some("TOKEN_REVOKED"));
    let (code, reason) = ws.closed().await;
    assert_eq!(code, 4403, "{reason}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "closed in {:?}",
        started.elapsed()
    );
}
