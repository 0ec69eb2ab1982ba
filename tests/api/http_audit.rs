//! The GraphQL over HTTP audit suite of the npm package `graphql-http` (`serverAudits`) against
//! the running service: no MUST audit may fail. Needs `node` and `npm` (installed on every
//! machine and on CI): without them the test fails rather than skips.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::helpers::spawn_app;

fn audit_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/graphql_http_audit")
}

/// Runs a command off the async runtime, so the service keeps answering meanwhile.
async fn run(mut command: Command) -> Output {
    let shown = format!("{command:?}");
    tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("command thread")
        .unwrap_or_else(|e| panic!("could not run {shown} (are node and npm on PATH?): {e}"))
}

#[tokio::test]
async fn graphql_http_audits_report_no_must_failure() {
    let app = spawn_app().await;
    let dir = audit_dir();
    if !dir.join("node_modules/graphql-http").is_dir() {
        let mut npm = Command::new("npm");
        npm.args(["ci", "--no-audit", "--no-fund", "--prefix"]).arg(&dir);
        let out = run(npm).await;
        assert!(
            out.status.success(),
            "npm ci failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut node = Command::new("node");
    node.arg(dir.join("audit.mjs")).arg(app.graphql_url());
    let out = run(node).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "audit failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains(" 0 MUST failures"), "{stdout}");
    assert!(!stdout.lines().any(|l| l.starts_with("error")), "{stdout}");
}
