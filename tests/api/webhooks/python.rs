//! `examples/webhook_receiver.py`, the receiver the README shows, verifies deliveries with the
//! `standardwebhooks` package of PyPI (pinned, installed by the test under `target/`) and drops a
//! repeated `webhook-id`.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

use super::support::{app_with, create, deliveries, mutate, question, until, world};

/// The pinned version of the PyPI package.
const PACKAGE: &str = "standardwebhooks==1.1.0";

async fn install() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/python-standardwebhooks");
    if dir.join("standardwebhooks").is_dir() {
        return dir;
    }
    let out = Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--target",
        ])
        .arg(&dir)
        .arg(PACKAGE)
        .output()
        .await
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "pip install failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

#[tokio::test]
async fn the_readme_receiver_verifies_and_drops_repeats() {
    let packages = install().await;
    let app = app_with(|_| {}).await;
    let w = world(&app).await;
    // The secret is known only once the webhook exists, and the URL must exist first: create
    // it, start the receiver on a free port, then point the webhook there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/samenspel");
    let (hook, secret) = create(&app, &w.member_admin, json!({ "url": url })).await;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/webhook_receiver.py");
    let mut child = Command::new("python3")
        .arg(script)
        .args(["--port", &port.to_string()])
        .env("PYTHONPATH", &packages)
        .env("SAMENSPEL_WEBHOOK_SECRET", &secret)
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("python3 runs");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut line = async || -> Value {
        let next = tokio::time::timeout(Duration::from_secs(20), lines.next_line()).await;
        serde_json::from_str(&next.expect("in time").unwrap().expect("running")).unwrap()
    };
    assert_eq!(line().await["listening"], port);

    let q = question(&app, &w, "Wie helpt wie?", "COALITION").await;
    let got = line().await;
    assert_eq!(
        got,
        json!({ "type": "learningQuestion.created", "id": q, "version": 1 })
    );
    let h = until(&app, &w.member_admin, &hook, Duration::from_secs(5), |h| {
        deliveries(h).first().is_some_and(|d| d["state"] == "SUCCEEDED")
    })
    .await;
    assert_eq!(deliveries(&h)[0]["httpStatus"], 204, "verified");
    let again = mutate(
        &app,
        &w.member_admin,
        "redeliverWebhookDelivery",
        "RedeliverWebhookDeliveryInput",
        "delivery { id }",
        json!({ "id": deliveries(&h)[0]["id"] }),
    )
    .await;
    assert_eq!(again["userErrors"], json!([]));
    let h = until(&app, &w.member_admin, &hook, Duration::from_secs(5), |h| {
        deliveries(h).len() == 2 && deliveries(h)[1]["state"] == "SUCCEEDED"
    })
    .await;
    assert_eq!(deliveries(&h)[1]["httpStatus"], 204, "the repeat is acknowledged");
    mutate(
        &app,
        &w.member_admin,
        "pingWebhook",
        "WebhookIdInput",
        "delivery { id }",
        json!({ "id": hook }),
    )
    .await;
    assert_eq!(
        line().await["type"],
        "webhook.ping",
        "the repeat printed nothing; the ping is new"
    );
}
