//! `apiTokens`: admins list their tokens, never the tokens themselves, with when each was used.

use entity::OrganisationKind;
use serde_json::{Value, json};

use crate::fixtures;
use crate::helpers::{TestApp, spawn_app};

const LIST: &str = "query($after: String) { apiTokens(first: 2, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } nodes { id label role lastUsedAt organisation { slug } } } }";

#[tokio::test]
async fn admins_list_tokens_without_the_tokens_and_see_when_they_were_used() {
    let app = spawn_app().await;
    let own = fixtures::org(&app.db, "cordaan", OrganisationKind::CareProvider).await;
    let other = fixtures::org(&app.db, "tno", OrganisationKind::KnowledgeInstitute).await;
    let admin = app.token(Some(own.id), "ORG_ADMIN").await;
    let reader = app.token(Some(own.id), "READER").await;
    let foreign = app.token(Some(other.id), "EDITOR").await;
    let platform = app.token(None, "PLATFORM_ADMIN").await;

    assert_eq!(app.error_code_as(&reader, LIST, json!({})).await, "FORBIDDEN");
    assert_eq!(app.error_code(LIST, json!({})).await, "UNAUTHENTICATED");

    let first = app.data_as(&admin, LIST, json!({})).await["apiTokens"].clone();
    assert_eq!(
        first["totalCount"], 2,
        "an ORG_ADMIN sees its own organisation's tokens: {first}"
    );
    assert_eq!(first["pageInfo"]["hasNextPage"], false);
    let all = app.data_as(&platform, LIST, json!({})).await["apiTokens"].clone();
    assert_eq!(all["totalCount"], 4);
    let after = all["pageInfo"]["endCursor"].clone();
    let rest = app.data_as(&platform, LIST, json!({ "after": after })).await["apiTokens"].clone();
    assert_eq!(rest["nodes"].as_array().map(Vec::len), Some(2));

    let text = format!("{first}{all}{rest}");
    for jwt in [&admin, &reader, &foreign, &platform] {
        assert!(
            !text.contains(jwt.as_str()) && !text.contains("eyJ"),
            "a token is exposed: {text}"
        );
    }
    // The reader has been used once (refused, but authenticated): its lastUsedAt appears soon.
    assert!(
        used(&app, &admin, &super::claims_of(&reader)["sub"]).await,
        "lastUsedAt stays null"
    );
}

/// Whether `apiTokens` shows a `lastUsedAt` for token `id` within two seconds.
async fn used(app: &TestApp, admin: &str, id: &Value) -> bool {
    for _ in 0..20 {
        let list = app.data_as(admin, LIST, json!({})).await;
        let nodes = list["apiTokens"]["nodes"].as_array().cloned().unwrap_or_default();
        if nodes.iter().any(|n| &n["id"] == id && n["lastUsedAt"].is_string()) {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    false
}
