//! Paging through search results is stable (no hit skipped or repeated), and the index follows
//! every write in the write's own transaction.

use std::collections::HashSet;

use serde_json::{Value, json};

use super::{ids, search};
use crate::helpers::spawn_demo_app;

#[tokio::test]
async fn small_pages_add_up_to_one_big_page() {
    let app = spawn_demo_app().await;
    let admin = app.token(None, "PLATFORM_ADMIN").await;
    let whole = search(&app, Some(&admin), "wijk or buurt", json!({ "first": 100 })).await;
    let all = ids(&whole);
    assert!(all.len() > 12, "enough hits to page through: {}", all.len());
    assert_eq!(whole["totalCount"].as_u64(), Some(all.len() as u64));
    let mut paged = Vec::new();
    let mut after = Value::Null;
    loop {
        let page = search(
            &app,
            Some(&admin),
            "wijk or buurt",
            json!({ "first": 5, "after": after }),
        )
        .await;
        paged.extend(ids(&page));
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(paged, all, "pages of 5 in the order of one page of 100");
    assert_eq!(paged.iter().collect::<HashSet<_>>().len(), paged.len(), "no hit twice");
    let orgs = app
        .data_as(
            &admin,
            "{ organisations(first: 1) { pageInfo { endCursor } } }",
            json!({}),
        )
        .await;
    let foreign = orgs["organisations"]["pageInfo"]["endCursor"].clone();
    let code = app
        .error_code_as(
            &admin,
            "query($a: String) { search(query: \"wijk\", after: $a) { totalCount } }",
            json!({ "a": foreign }),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT", "a cursor of another list is refused");
}

#[tokio::test]
async fn filters_narrow_the_hits() {
    let app = spawn_demo_app().await;
    let admin = app.token(None, "PLATFORM_ADMIN").await;
    let only = |t: &str| json!({ "first": 100, "filter": { "types": [t] } });
    let questions = search(&app, Some(&admin), "wooncirkel", only("LEARNING_QUESTION")).await;
    let nodes = questions["nodes"].as_array().unwrap();
    assert!(!nodes.is_empty());
    assert!(nodes.iter().all(|n| n["__typename"] == "LearningQuestion"));
    let answered = search(
        &app,
        Some(&admin),
        "wooncirkel",
        json!({ "first": 100, "filter": { "types": ["LEARNING_QUESTION"], "status": ["ANSWERED"] } }),
    )
    .await;
    let n = answered["nodes"].as_array().unwrap().len();
    assert!(n > 0 && n < nodes.len(), "{n} of {}", nodes.len());
    let all = search(&app, Some(&admin), "wooncirkel", json!({ "first": 100 })).await;
    let coalition = all["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["node"]["__typename"] == "Coalition")
        .map(|e| e["node"]["id"].clone())
        .expect("a wooncirkel coalition");
    let inside = search(
        &app,
        Some(&admin),
        "wooncirkel",
        json!({ "first": 100, "filter": { "coalition": coalition } }),
    )
    .await;
    let (a, b) = (
        inside["totalCount"].as_u64().unwrap(),
        all["totalCount"].as_u64().unwrap(),
    );
    assert!(a > 0 && a < b, "{a} of {b}");
}

async fn hits(app: &crate::helpers::TestApp, token: &str, q: &str) -> Vec<String> {
    ids(&search(app, Some(token), q, json!({ "first": 20 })).await)
}

#[tokio::test]
async fn the_index_follows_creates_updates_and_deletes() {
    let app = spawn_demo_app().await;
    let admin = app.token(None, "PLATFORM_ADMIN").await;
    let coalition = app
        .data_as(&admin, r#"{ coalition(slug: "cop-wooncirkels") { id } }"#, json!({}))
        .await["coalition"]["id"]
        .clone();
    let created = app
        .data_as(
            &admin,
            "mutation($c: ID!) { createLearningQuestion(input: {coalition: $c, title: \"Hoe vinden we zwerfafvalprikkers in de buurt?\", context: \"Met de buren.\"}) { learningQuestion { id } userErrors { message } } }",
            json!({ "c": coalition }),
        )
        .await;
    let id = created["createLearningQuestion"]["learningQuestion"]["id"].clone();
    assert!(id.is_string(), "{created}");
    assert_eq!(
        hits(&app, &admin, "zwerfafvalprikker").await,
        vec![id.as_str().unwrap().to_string()]
    );
    app.data_as(
        &admin,
        "mutation($id: ID!) { updateLearningQuestion(input: {id: $id, title: \"Hoe houden we een burenmaaltijd?\"}) { userErrors { message } } }",
        json!({ "id": id }),
    )
    .await;
    assert!(hits(&app, &admin, "zwerfafvalprikkers").await.is_empty());
    assert_eq!(hits(&app, &admin, "burenmaaltijden").await.len(), 1);
    let kookavond = hits(&app, &admin, "kookavond portiek").await;
    assert_eq!(kookavond.len(), 1);
    let deleted = app
        .data_as(
            &admin,
            "mutation($id: ID!) { deleteContribution(input: {id: $id}) { deletedContributionId userErrors { message } } }",
            json!({ "id": kookavond[0] }),
        )
        .await;
    assert!(
        deleted["deleteContribution"]["deletedContributionId"].is_string(),
        "{deleted}"
    );
    assert!(hits(&app, &admin, "kookavond portiek").await.is_empty());
}
