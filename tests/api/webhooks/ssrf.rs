//! SSRF: without `SAMENSPEL_WEBHOOK_ALLOW_PRIVATE`, a URL reaching into the operator's network is
//! refused (code INVALID) for every address class, and so is an address a name resolves to when
//! an attempt is made, however the URL got in. Only https, unless http is allowed; no
//! credentials.

use std::time::Duration;

use chrono::Utc;
use entity::webhook;
use sea_orm::ActiveModelTrait;
use sea_orm::ActiveValue::{NotSet, Set};
use serde_json::json;

use super::receiver::Receiver;
use super::support::{deliveries, mutate, question, until, world};
use crate::helpers::spawn_app_with;
use samenspel::graphql::ids::{NodeType, encode};
use samenspel::webhooks::seal::Sealer;
use samenspel::webhooks::secret::Secret;

async fn refusal(app: &crate::helpers::TestApp, token: &str, url: &str) -> (String, String) {
    let p = mutate(
        app,
        token,
        "createWebhook",
        "CreateWebhookInput",
        "webhook { id }",
        json!({ "url": url }),
    )
    .await;
    assert!(p["webhook"].is_null(), "{url} was accepted");
    let e = &p["userErrors"][0];
    assert_eq!(e["field"], json!(["url"]), "{p}");
    (
        e["code"].as_str().unwrap().into(),
        e["message"].as_str().unwrap().into(),
    )
}

#[tokio::test]
async fn every_private_address_class_is_refused() {
    let app = spawn_app_with(|s| s.webhooks.webhook_allow_http = true).await;
    let w = world(&app).await;
    let cases = [
        ("http://127.0.0.1:8080/", "loopback"),
        ("http://2130706433/", "loopback"),
        ("http://localhost/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://10.0.0.8/", "private"),
        ("http://172.16.5.4/", "private"),
        ("http://192.168.1.10/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://100.64.1.1/", "CGNAT"),
        ("http://[fd12:3456::1]/", "unique-local"),
        ("http://[::ffff:127.0.0.1]/", "IPv4-mapped"),
        ("http://[::ffff:8.8.8.8]/", "IPv4-mapped"),
        ("http://0.0.0.0/", "unspecified"),
    ];
    for (url, class) in cases {
        let (code, message) = refusal(&app, &w.member_admin, url).await;
        assert_eq!(code, "INVALID", "{url}");
        assert!(message.contains(class), "{url}: {message}");
    }
    for (url, why) in [
        ("https://user:pw@hooks.example.nl/", "user name or password"),
        ("gopher://hooks.example.nl/", "http(s)"),
        ("https://hooks.example.invalid/", "cannot be resolved"),
    ] {
        let (code, message) = refusal(&app, &w.member_admin, url).await;
        assert_eq!(code, "INVALID", "{url}");
        assert!(message.contains(why), "{url}: {message}");
    }
}

#[tokio::test]
async fn http_needs_the_setting() {
    let app = spawn_app_with(|s| s.webhooks.webhook_allow_private = true).await;
    let w = world(&app).await;
    let (code, message) = refusal(&app, &w.member_admin, "http://127.0.0.1:9/").await;
    assert_eq!(
        (code.as_str(), message.as_str()),
        ("INVALID", "Only https:// URLs are allowed")
    );
}

#[tokio::test]
async fn a_name_resolving_to_a_private_address_is_refused_at_the_attempt() {
    let app = spawn_app_with(|s| {
        s.webhooks.webhook_allow_http = true;
        s.webhooks.webhook_retry_schedule = vec![Duration::ZERO];
    })
    .await;
    let w = world(&app).await;
    let rx = Receiver::start(vec![]).await;
    // As if the name resolved to a public address when the webhook was saved (DNS rebinding):
    // the row is written directly, past the checks of createWebhook.
    let sealed = Sealer::new(&app.keys).seal(Secret::generate().bytes());
    let now = Utc::now();
    let row = webhook::ActiveModel {
        id: NotSet,
        organisation_id: Set(w.member_id),
        coalition_id: Set(None),
        url: Set(rx.url.replace("127.0.0.1", "localhost")),
        description: Set(None),
        entity_types: Set("[]".into()),
        actions: Set("[]".into()),
        secret: Set(sealed),
        previous_secret: Set(None),
        previous_secret_until: Set(None),
        position: Set(samenspel::changes::feed::head(&app.db).await.unwrap()),
        failing_since: Set(None),
        disabled_at: Set(None),
        disabled_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&app.db)
    .await
    .unwrap();
    question(&app, &w, "Naar binnen?", "COALITION").await;
    let id = encode(NodeType::Webhook, row.id).to_string();
    let h = until(&app, &w.member_admin, &id, Duration::from_secs(5), |h| {
        deliveries(h).first().is_some_and(|d| d["state"] == "FAILED")
    })
    .await;
    let error = deliveries(&h)[0]["error"].as_str().unwrap().to_string();
    assert!(
        error.contains("localhost resolves to an address in the loopback range") && !error.contains("127.0.0.1"),
        "{error}"
    );
    assert!(rx.hits().is_empty(), "no connection was made");
}
