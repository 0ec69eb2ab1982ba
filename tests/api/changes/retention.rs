//! Retention: events older than the retention period go, and a cursor into what went is told
//! to re-sync (CURSOR_EXPIRED) instead of silently missing events.

use chrono::{Duration, Utc};
use serde_json::json;

use super::support::{all, page, question, world};
use crate::helpers::spawn_app;
use samenspel::changes::retention::prune;

#[tokio::test]
async fn a_cursor_older_than_retention_expires_and_now_still_works() {
    let app = spawn_app().await;
    let w = world(&app).await;
    question(&app, &w, "Eerste", Some("PUBLIC")).await;
    let first = page(&app, None, None, 1, "").await["endCursor"]
        .as_str()
        .unwrap()
        .to_string();
    question(&app, &w, "Tweede", Some("PUBLIC")).await;

    // Nothing is older than the retention period yet.
    assert_eq!(prune(&app.db, Utc::now() - Duration::days(30)).await.unwrap(), 0);
    assert_eq!(
        page(&app, None, Some(&first), 10, "").await["nodes"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Thirty-one days later, both are gone.
    assert_eq!(prune(&app.db, Utc::now() + Duration::days(1)).await.unwrap(), 2);
    let body = app
        .post(
            "query($a: String) { changes(after: $a) { pageInfo { hasNextPage } } }",
            json!({ "a": first }),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["reason"], "CURSOR_EXPIRED", "{body}");
    assert_eq!(all(&app, None).await.len(), 0);

    // A client re-syncs from now on.
    let now = app.data("{ changesCursor }", json!({})).await["changesCursor"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        page(&app, None, Some(&now), 10, "").await["nodes"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    question(&app, &w, "Derde", Some("PUBLIC")).await;
    assert_eq!(
        page(&app, None, Some(&now), 10, "").await["nodes"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
