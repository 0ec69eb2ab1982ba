//! Similar questions: across every coalition the viewer may see, answered questions with an
//! outcome first, never the question itself nor one the viewer may not see.

use serde_json::json;

use crate::helpers::spawn_demo_app;

#[tokio::test]
async fn a_question_being_written_finds_its_answered_relatives() {
    let app = spawn_demo_app().await;
    let admin = app.token(None, "PLATFORM_ADMIN").await;
    let doc = "query($t: String!, $c: String) { similarQuestions(title: $t, context: $c, first: 5) { id title status visibility } }";
    let vars =
        json!({ "t": "Hoe starten we een wooncirkel in onze buurt?", "c": "Bewoners willen naar elkaar omkijken." });
    let admin_view = app.data_as(&admin, doc, vars.clone()).await["similarQuestions"].clone();
    let list = admin_view.as_array().unwrap();
    assert!(list.len() >= 3, "{admin_view}");
    assert!(
        list[0]["title"].as_str().unwrap().contains("wooncirkel"),
        "{admin_view}"
    );
    assert_eq!(
        list[0]["status"], "ANSWERED",
        "an answered question with an outcome comes first: {admin_view}"
    );
    let public_view = app.data(doc, vars).await["similarQuestions"].clone();
    let public = public_view.as_array().unwrap();
    assert!(!public.is_empty());
    assert!(public.iter().all(|q| q["visibility"] == "PUBLIC"), "{public_view}");
}

#[tokio::test]
async fn a_question_never_finds_itself() {
    let app = spawn_demo_app().await;
    let admin = app.token(None, "PLATFORM_ADMIN").await;
    let doc = "{ learningQuestions(first: 100) { nodes { id title similarQuestions(first: 3) { id } } } }";
    let d = app.data_as(&admin, doc, json!({})).await;
    let nodes = d["learningQuestions"]["nodes"].as_array().unwrap();
    assert!(nodes.len() > 20);
    let mut with_relatives = 0;
    for n in nodes {
        let similar = n["similarQuestions"].as_array().unwrap();
        assert!(similar.iter().all(|s| s["id"] != n["id"]), "{n}");
        with_relatives += usize::from(!similar.is_empty());
    }
    assert!(with_relatives > nodes.len() / 2, "{with_relatives} of {}", nodes.len());
}
