//! The real binary: one log line per request that names the request id, operation, status and
//! organisation but never a token or personal data; SIGTERM finishes the request in flight.

use std::time::Duration;

use serde_json::{Value, json};

use crate::server::{self, Server};

const CREATE: &str = "mutation CreateQuestion($input: CreateLearningQuestionInput!) {
  createLearningQuestion(input: $input) { learningQuestion { id } userErrors { code } } }";

/// A SQLite file of its own; the directory lives as long as the test.
fn sqlite() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("samenspel.db").display());
    (dir, url)
}

fn request_lines(logs: &[String]) -> Vec<Value> {
    logs.iter()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["fields"]["message"] == "request finished")
        .collect()
}

#[tokio::test]
async fn request_log_names_the_request_but_no_secrets_or_personal_data() {
    // Arrange
    let (_dir, url) = sqlite();
    let world = server::arrange(&url).await;
    let token = server::editor_token(&url);
    let mut server = Server::start(&url);
    let client = reqwest::Client::new();
    let endpoint = format!("{}/graphql", server.address);
    let input = json!({ "coalition": world.coalition, "title": "Geheime titel 8472",
        "context": "Mail jan.jansen@example.org" });
    // Act
    let res = client
        .post(&endpoint)
        .bearer_auth(&token)
        .header("x-request-id", "log-test-1")
        .json(&json!({ "query": CREATE, "variables": { "input": input } }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "log-test-1");
    let body: Value = res.json().await.unwrap();
    assert!(
        body["data"]["createLearningQuestion"]["learningQuestion"]["id"].is_string(),
        "{body}"
    );
    let peek = "query Peek($slug: String!) { organisation(slug: $slug) { name } }";
    let vars = json!({ "slug": "zoekterm-5531" }).to_string();
    let res = client
        .get(&endpoint)
        .query(&[("query", peek), ("variables", &vars)])
        .send()
        .await
        .unwrap();
    let peek_id = res.headers()["x-request-id"].to_str().unwrap().to_string();
    let bogus = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2d1cyJ9.c2lnbmF0dXJl";
    let res = client
        .post(&endpoint)
        .bearer_auth(bogus)
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await;
    assert_eq!(res.unwrap().status(), 401);
    server.terminate();
    assert!(server.wait(Duration::from_secs(5)).is_some_and(|s| s.success()));
    // Assert
    let logs = server.logs();
    let lines = request_lines(&logs);
    assert_eq!(lines.len(), 3, "one line per request:\n{}", logs.join("\n"));
    let by_id = |id: &str| lines.iter().find(|l| l["span"]["request_id"] == id).cloned().unwrap();
    let create = by_id("log-test-1")["fields"].clone();
    assert_eq!(create["operation"], "CreateQuestion");
    assert_eq!(create["status"], 200);
    assert_eq!(create["route"], "/graphql");
    assert_eq!(create["organisation_id"], world.organisation_id);
    assert!(create["duration_ms"].is_f64());
    let peek = by_id(&peek_id)["fields"].clone();
    assert_eq!(
        (peek["operation"].as_str(), peek["errors"].as_str()),
        (Some("Peek"), Some("NOT_FOUND"))
    );
    assert!(peek.get("organisation_id").is_none(), "anonymous");
    assert!(lines.iter().any(|l| l["fields"]["status"] == 401));
    let all = logs.join("\n");
    for secret in [
        token.as_str(),
        bogus,
        "jan.jansen@example.org",
        "Geheime titel",
        "zoekterm-5531",
    ] {
        assert!(!all.contains(secret), "{secret} is in the log:\n{all}");
    }
}

#[tokio::test]
async fn sigterm_finishes_the_request_in_flight() {
    // Arrange: the test holds SQLite's write lock, so the mutation waits inside the server.
    let (_dir, url) = sqlite();
    let world = server::arrange(&url).await;
    let token = server::editor_token(&url);
    let mut server = Server::start(&url);
    let settings = samenspel::config::DatabaseSettings {
        database_url: url.clone(),
        db_pool: 1,
    };
    let (db, _) = samenspel::db::connect(&settings).await.unwrap();
    let lock = samenspel::db::begin_write(&db).await.unwrap();
    let input = json!({ "coalition": world.coalition, "title": "Tijdens het afsluiten", "context": "c" });
    let request = reqwest::Client::new()
        .post(format!("{}/graphql", server.address))
        .bearer_auth(&token)
        .json(&json!({ "query": CREATE, "variables": { "input": input } }))
        .send();
    let in_flight = tokio::spawn(request);
    let arrived = eventually(|| async { in_use(&server.address).await.is_some_and(|n| n >= 1) }).await;
    assert!(
        arrived && !in_flight.is_finished(),
        "the mutation waits for the lock, holding a connection"
    );
    // Act
    server.terminate();
    let healthz = format!("{}/healthz", server.address);
    let stopped = eventually(|| async { reqwest::Client::new().get(&healthz).send().await.is_err() }).await;
    assert!(stopped, "a stopping server takes no new connections");
    assert!(!in_flight.is_finished(), "still waiting for the lock");
    lock.rollback().await.unwrap();
    // Assert
    let res = in_flight.await.unwrap().expect("the request in flight gets its answer");
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert!(
        body["data"]["createLearningQuestion"]["learningQuestion"]["id"].is_string(),
        "{body}"
    );
    let status = server
        .wait(Duration::from_secs(5))
        .expect("the server exits after the request");
    assert!(status.success(), "{status:?}");
    assert!(server.logs().iter().any(|l| l.contains("shutting down")));
}

/// Whether `check` holds within five seconds.
async fn eventually<F: std::future::Future<Output = bool>>(check: impl Fn() -> F) -> bool {
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while std::time::Instant::now() < deadline {
        if check().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

/// Pool connections in use, as `/metrics` reports them.
async fn in_use(address: &str) -> Option<u64> {
    let text = reqwest::get(format!("{address}/metrics"))
        .await
        .ok()?
        .text()
        .await
        .ok()?;
    let line = text
        .lines()
        .find(|l| l.starts_with("samenspel_db_pool_connections{state=\"in_use\"}"))?;
    line.rsplit(' ').next()?.parse().ok()
}
