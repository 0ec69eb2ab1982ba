//! The stock `standardwebhooks` npm package verifies every delivery unchanged, before and after
//! a secret rotation: during the overlap both secrets verify, after it only the new one. Needs
//! `node` and `npm`, like the graphql-ws client test.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};

use super::support::{app_with, create, mutate, question, rename, world};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/standardwebhooks_receiver")
}

async fn install() {
    if dir().join("node_modules/standardwebhooks").is_dir() {
        return;
    }
    let out = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--prefix"])
        .arg(dir())
        .output()
        .await
        .expect("npm runs (is node on PATH?)");
    assert!(
        out.status.success(),
        "npm ci failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The node receiver and its output.
struct Node {
    child: Child,
    lines: Lines<BufReader<ChildStdout>>,
}

impl Node {
    async fn start() -> (Node, u16) {
        install().await;
        let mut child = Command::new("node")
            .arg(dir().join("receiver.mjs"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("node runs");
        let lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut node = Node { child, lines };
        let port = node.line().await["port"].as_u64().unwrap() as u16;
        (node, port)
    }

    async fn line(&mut self) -> Value {
        let next = tokio::time::timeout(Duration::from_secs(20), self.lines.next_line()).await;
        let line = next
            .expect("a line from the receiver in time")
            .unwrap()
            .expect("the receiver is running");
        serde_json::from_str(&line).unwrap()
    }

    async fn secrets(&mut self, secrets: &[&str]) {
        let stdin = self.child.stdin.as_mut().unwrap();
        let line = format!("{}\n", json!({ "secrets": secrets }));
        stdin.write_all(line.as_bytes()).await.unwrap();
        assert_eq!(self.line().await["secrets"], secrets.len());
    }
}

#[tokio::test]
async fn the_standardwebhooks_package_verifies_every_delivery_across_a_rotation() {
    let app = app_with(|s| s.webhooks.webhook_secret_overlap = Duration::from_millis(1500)).await;
    let w = world(&app).await;
    let (mut node, port) = Node::start().await;
    let url = format!("http://127.0.0.1:{port}/samenspel");
    let (hook, old) = create(&app, &w.member_admin, json!({ "url": url })).await;
    node.secrets(&[&old]).await;

    let q = question(&app, &w, "Hoe houden we bewoners betrokken?", "COALITION").await;
    let got = node.line().await;
    assert_eq!(got["verified"], json!([true]), "{got}");
    assert!(got["id"].as_str().unwrap().starts_with("msg_"));
    assert_eq!(got["payload"]["type"], "learningQuestion.created");
    assert_eq!(got["payload"]["data"]["id"], q.as_str());

    let rotated = mutate(
        &app,
        &w.member_admin,
        "rotateWebhookSecret",
        "WebhookIdInput",
        "secret",
        json!({ "id": hook }),
    )
    .await;
    let new = rotated["secret"].as_str().unwrap().to_string();
    assert_ne!(new, old);
    node.secrets(&[&old, &new]).await;
    rename(&app, &w, &q, "Tijdens de overlap").await;
    let during = node.line().await;
    assert_eq!(
        during["verified"],
        json!([true, true]),
        "both secrets sign during the overlap: {during}"
    );

    tokio::time::sleep(Duration::from_millis(1600)).await;
    rename(&app, &w, &q, "Na de overlap").await;
    let after = node.line().await;
    assert_eq!(
        after["verified"],
        json!([false, true]),
        "only the new secret signs after it: {after}"
    );
    assert_eq!(after["payload"]["data"]["version"], 3);
}
