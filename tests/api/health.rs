//! `/healthz` and `/readyz`.

use crate::helpers::spawn_app;

#[tokio::test]
async fn health_and_ready_answer() {
    let app = spawn_app().await;
    for (path, needle) in [("/healthz", "ok"), ("/readyz", "ready")] {
        let res = app.client.get(format!("{}{path}", app.address)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let body = res.text().await.unwrap().to_lowercase();
        assert!(body.contains(needle), "{path}: {body:.200}");
    }
}

#[tokio::test]
async fn readyz_fails_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.db.clone().close().await.unwrap();
    let res = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
    assert_eq!(res.status(), 503);
    let res = app.client.get(format!("{}/healthz", app.address)).send().await.unwrap();
    assert_eq!(res.status(), 200);
}
