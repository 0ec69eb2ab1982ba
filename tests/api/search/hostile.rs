//! Hostile and odd queries get a result or BAD_USER_INPUT, never INTERNAL, on both databases.

use serde_json::{Value, json};

use crate::helpers::spawn_demo_app;

fn outcome(body: &Value) -> Result<(), String> {
    match body["errors"][0]["extensions"]["code"].as_str() {
        None if body["data"].is_object() => Ok(()),
        Some("BAD_USER_INPUT") => Ok(()),
        _ => Err(body.to_string()),
    }
}

#[tokio::test]
async fn hostile_queries_get_a_result_or_bad_user_input() {
    let app = spawn_demo_app().await;
    let reader = app.token(None, "PLATFORM_ADMIN").await;
    let long_words = "wooncirkel ".repeat(1000);
    let queries: Vec<String> = [
        "",
        " ",
        "\0",
        "wooncirkel\0",
        "%",
        "_",
        "%_%",
        "\\",
        "\\\\\"",
        "'",
        "\"",
        "\"\"\"",
        "\"wooncirkel",
        "-",
        "--",
        "-wooncirkel",
        "or",
        "OR OR or",
        "AND NOT",
        "!wooncirkel & buurt | (wijk <-> zorg):*",
        "wooncirkel:* & !",
        "NEAR(wooncirkel buurt)",
        "title:wooncirkel",
        "^wooncirkel*",
        "'; DROP TABLE contribution; --",
        "1 OR 1=1",
        "\u{202e}\u{200b}\u{feff}",
        "c\u{308}\u{308}\u{308}",
        "🙂 wooncirkel 🙂",
        "ﷺ ᚠ 漢字",
        "$1 ?1 :a @a",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(["x".repeat(10_000), long_words, "a ".repeat(5_000), "\"".repeat(999)])
    .collect();
    let search = "query($q: String!) { search(query: $q, first: 5) { totalCount edges { cursor score highlight node { __typename } } } }";
    let similar = "query($q: String!) { similarQuestions(title: $q, context: $q, first: 5) { id title } }";
    let mut bad = Vec::new();
    for q in &queries {
        for (name, doc) in [("search", search), ("similar", similar)] {
            for token in [None, Some(reader.as_str())] {
                let body = match token {
                    Some(t) => app.post_as(t, doc, json!({ "q": q })).await,
                    None => app.post(doc, json!({ "q": q })).await,
                };
                if let Err(e) = outcome(&body) {
                    bad.push(format!("{name} {:?}: {e}", q.chars().take(40).collect::<String>()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // The refusals are the ones meant.
    let too_long = app.post(search, json!({ "q": "x".repeat(10_000) })).await;
    assert_eq!(too_long["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    let empty = app.post(search, json!({ "q": "\"\" - or" })).await;
    assert_eq!(empty["data"]["search"]["totalCount"], 0);
    for args in ["first: 101", "first: -1", "after: \"bm90IGEgY3Vyc29y\""] {
        let doc = format!("{{ search(query: \"wijk\", {args}) {{ totalCount }} }}");
        let body = app.post(&doc, json!({})).await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{args}: {body}"
        );
    }
}
