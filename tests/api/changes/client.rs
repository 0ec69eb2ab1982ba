//! The stock `graphql-ws` npm client follows the subscription: it replays from a cursor, then
//! hears a live change. Needs `node` and `npm` (on every machine and on CI), like the HTTP audit.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

use super::support::{page, question, world};
use crate::helpers::spawn_app;

fn client_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/graphql_ws_client")
}

async fn install() {
    let dir = client_dir();
    if dir.join("node_modules/graphql-ws").is_dir() {
        return;
    }
    let out = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .output()
        .await
        .expect("npm runs (is node on PATH?)");
    assert!(
        out.status.success(),
        "npm ci failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn the_graphql_ws_client_replays_then_follows_live() {
    install().await;
    let app = spawn_app().await;
    let w = world(&app).await;
    question(&app, &w, "Voor de cursor", None).await;
    let cursor = page(&app, Some(&w.member_reader), None, 1, "").await["endCursor"]
        .as_str()
        .unwrap()
        .to_string();
    let missed = question(&app, &w, "Gemist", None).await;

    let url = app.graphql_url().replace("http://", "ws://");
    let mut child = Command::new("node")
        .arg(client_dir().join("follow.mjs"))
        .args([&url, &w.member_reader, &cursor, "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("node runs");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = tokio::time::timeout(Duration::from_secs(20), lines.next_line()).await;
    assert_eq!(first.unwrap().unwrap().as_deref(), Some("connected"));
    let replayed: serde_json::Value = serde_json::from_str(&lines.next_line().await.unwrap().unwrap()).unwrap();
    assert_eq!(replayed["nodeId"], missed.as_str());
    assert_eq!(replayed["action"], "CREATED");

    let live = question(&app, &w, "Live", None).await;
    let got = tokio::time::timeout(Duration::from_secs(10), lines.next_line()).await;
    let got: serde_json::Value = serde_json::from_str(&got.unwrap().unwrap().unwrap()).unwrap();
    assert_eq!(got["nodeId"], live.as_str());
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .unwrap()
        .unwrap();
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        use tokio::io::AsyncReadExt;
        let _ = e.read_to_string(&mut err).await;
    }
    assert!(status.success(), "the client failed: {err}");
}
