//! `examples/sync_changes.py`, the sync script README shows, keeps a copy right: the first run
//! reads everything, later runs apply the feed, and an expired cursor starts it over.

use std::path::Path;

use serde_json::{Value, json};

use super::support::{mutate, question, world};
use crate::helpers::{TestApp, spawn_app};

async fn run(app: &TestApp, token: &str, state: &Path) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sync_changes.py");
    let out = tokio::process::Command::new("python3")
        .arg(script)
        .args(["--url", &app.graphql_url(), "--token", token, "--once", "--state"])
        .arg(state)
        .output()
        .await
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    stdout
}

fn titles(state: &Path) -> Vec<String> {
    let s: Value = serde_json::from_str(&std::fs::read_to_string(state).unwrap()).unwrap();
    let mut t: Vec<String> = s["records"]
        .as_object()
        .unwrap()
        .values()
        .map(|q| q["title"].as_str().unwrap().to_string())
        .collect();
    t.sort();
    t
}

#[tokio::test]
async fn the_sync_script_keeps_a_copy_in_sync() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("questions.json");
    let a = question(&app, &w, "Aanpak", None).await;
    question(&app, &w, "Borging", None).await;

    assert!(
        run(&app, &w.member_reader, &state)
            .await
            .contains("full sync: 2 questions")
    );
    assert_eq!(titles(&state), ["Aanpak", "Borging"]);

    mutate(
        &app,
        &w.editor,
        "updateLearningQuestion",
        "UpdateLearningQuestionInput",
        "learningQuestion { id }",
        json!({ "id": a, "title": "Aanpak in de wijk" }),
    )
    .await;
    question(&app, &w, "Coördinatie", None).await;
    assert!(run(&app, &w.member_reader, &state).await.contains("applied 2 changes"));
    assert_eq!(titles(&state), ["Aanpak in de wijk", "Borging", "Coördinatie"]);

    // Weeks later the cursor has expired: the script starts over and is right again.
    question(&app, &w, "Draagvlak", None).await;
    samenspel::changes::retention::prune(&app.db, chrono::Utc::now() + chrono::Duration::days(1))
        .await
        .unwrap();
    let out = run(&app, &w.member_reader, &state).await;
    assert!(out.contains("cursor expired: starting over"), "{out}");
    assert_eq!(
        titles(&state),
        ["Aanpak in de wijk", "Borging", "Coördinatie", "Draagvlak"]
    );
}
