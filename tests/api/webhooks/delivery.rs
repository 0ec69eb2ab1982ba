//! What a receiver gets: a thin signed body and the Standard Webhooks headers; pings; and a
//! redelivery with the same `webhook-id`. The deliveries connection tells the organisation how
//! each went.

use std::time::Duration;

use serde_json::json;

use super::receiver::{Receiver, Reply};
use super::support::{app_with, create, deliveries, mutate, question, until, world};

#[tokio::test]
async fn a_change_reaches_the_receiver_as_a_thin_signed_event() {
    let app = app_with(|_| {}).await;
    let w = world(&app).await;
    let rx = Receiver::start(vec![]).await;
    let (hook, _) = create(&app, &w.member_admin, json!({ "url": rx.url })).await;
    let q = question(&app, &w, "Wat werkt bij eenzaamheid?", "COALITION").await;

    let hit = rx.wait(1, Duration::from_secs(10)).await.remove(0);
    assert!(hit.id.starts_with("msg_"), "{hit:?}");
    let ts: i64 = hit.timestamp.parse().unwrap();
    assert!((chrono::Utc::now().timestamp() - ts).abs() < 10);
    assert!(
        hit.signature.starts_with("v1,") && !hit.signature.contains(' '),
        "one secret, one signature"
    );
    let b = &hit.body;
    assert_eq!(b["type"], "learningQuestion.created");
    assert!(b["timestamp"].as_str().unwrap().ends_with('Z'));
    let d = &b["data"];
    assert_eq!(d["id"], q.as_str());
    assert_eq!(d["version"], 1);
    assert_eq!(d["coalition"], w.coalition.as_str());
    assert!(d["changedFields"].as_array().unwrap().contains(&json!("title")));
    assert!(d.get("title").is_none(), "thin: no field values");

    let seen = until(&app, &w.member_admin, &hook, Duration::from_secs(5), |h| {
        deliveries(h).first().is_some_and(|d| d["state"] == "SUCCEEDED")
    })
    .await;
    let d = &deliveries(&seen)[0];
    assert_eq!((d["attempt"].as_i64(), d["httpStatus"].as_i64()), (Some(1), Some(200)));
    assert_eq!(d["messageId"], hit.id.as_str());
    assert_eq!(d["eventType"], "learningQuestion.created");
    assert_eq!(d["event"]["nodeId"], q.as_str());
    assert!(d["durationMs"].is_number() && d["nextAttemptAt"].is_null() && d["error"].is_null());
}

#[tokio::test]
async fn a_ping_and_a_redelivery_reach_the_receiver() {
    let app = app_with(|_| {}).await;
    let w = world(&app).await;
    let rx = Receiver::start(vec![]).await;
    let (hook, _) = create(&app, &w.member_admin, json!({ "url": rx.url })).await;
    let sel = "delivery { id eventType state messageId }";
    let ping = mutate(
        &app,
        &w.member_admin,
        "pingWebhook",
        "WebhookIdInput",
        sel,
        json!({ "id": hook }),
    )
    .await;
    assert_eq!(ping["delivery"]["eventType"], "webhook.ping");
    let first = rx.wait(1, Duration::from_secs(10)).await.remove(0);
    assert_eq!(first.body["type"], "webhook.ping");
    assert_eq!(first.body["data"]["webhook"], hook.as_str());
    assert_eq!(first.id, ping["delivery"]["messageId"].as_str().unwrap());

    let id = ping["delivery"]["id"].as_str().unwrap().to_string();
    until(&app, &w.member_admin, &hook, Duration::from_secs(5), |h| {
        deliveries(h).first().is_some_and(|d| d["state"] == "SUCCEEDED")
    })
    .await;
    let again = mutate(
        &app,
        &w.member_admin,
        "redeliverWebhookDelivery",
        "RedeliverWebhookDeliveryInput",
        sel,
        json!({ "id": id }),
    )
    .await;
    assert_eq!(again["userErrors"], json!([]), "{again}");
    let second = rx.wait(2, Duration::from_secs(10)).await.remove(1);
    assert_eq!(second.id, first.id, "a redelivery keeps the webhook-id");
    let h = until(&app, &w.member_admin, &hook, Duration::from_secs(5), |h| {
        deliveries(h).len() == 2 && deliveries(h)[1]["state"] == "SUCCEEDED"
    })
    .await;
    assert_eq!(deliveries(&h)[1]["redeliveryOf"], id.as_str());
    let other = "mutation($id: ID!) { redeliverWebhookDelivery(input: { id: $id }) { delivery { id } } }";
    assert_eq!(
        app.error_code_as(&w.outsider_admin, other, json!({ "id": id })).await,
        "NOT_FOUND"
    );
    let audit = app
        .data_as(
            &w.member_admin,
            "{ auditEvents(first: 10) { nodes { action } } }",
            json!({}),
        )
        .await
        .to_string();
    assert!(
        audit.contains("pingWebhook") && audit.contains("redeliverWebhookDelivery"),
        "{audit}"
    );
}

#[tokio::test]
async fn a_pending_delivery_is_not_redelivered_and_a_disabled_webhook_not_pinged() {
    let app = app_with(|s| s.webhooks.webhook_retry_schedule = super::support::ms(&[0, 60_000])).await;
    let w = world(&app).await;
    let rx = Receiver::start(vec![Reply::Status(500)]).await;
    let (hook, _) = create(&app, &w.member_admin, json!({ "url": rx.url })).await;
    question(&app, &w, "Eerste", "COALITION").await;
    let h = until(&app, &w.member_admin, &hook, Duration::from_secs(5), |h| {
        deliveries(h).first().is_some_and(|d| d["attempt"] == 1)
    })
    .await;
    let d = &deliveries(&h)[0];
    assert_eq!(d["state"], "PENDING");
    assert_eq!(d["httpStatus"], 500);
    assert!(d["nextAttemptAt"].is_string());
    let sel = "delivery { id }";
    let again = mutate(
        &app,
        &w.member_admin,
        "redeliverWebhookDelivery",
        "RedeliverWebhookDeliveryInput",
        sel,
        json!({ "id": d["id"] }),
    )
    .await;
    assert_eq!(again["userErrors"][0]["code"], "INVALID");
    mutate(
        &app,
        &w.member_admin,
        "updateWebhook",
        "UpdateWebhookInput",
        "webhook { id }",
        json!({ "id": hook, "enabled": false }),
    )
    .await;
    let ping = mutate(
        &app,
        &w.member_admin,
        "pingWebhook",
        "WebhookIdInput",
        sel,
        json!({ "id": hook }),
    )
    .await;
    assert_eq!(ping["userErrors"][0]["code"], "DISABLED");
}

#[tokio::test]
async fn webhooks_of_one_organisation_each_hear_only_what_their_filter_asks_for() {
    // Webhooks of one organisation at one position share one read of the log: each must still
    // keep only its own events.
    let app = app_with(|_| {}).await;
    let w = world(&app).await;
    let (all, created, renamed) = (
        Receiver::start(vec![]).await,
        Receiver::start(vec![]).await,
        Receiver::start(vec![]).await,
    );
    create(&app, &w.member_admin, json!({ "url": all.url })).await;
    let only = |actions: &str| json!({ "entityTypes": ["LEARNING_QUESTION"], "actions": [actions] });
    let mut input = only("CREATED");
    input["url"] = json!(created.url);
    create(&app, &w.member_admin, input).await;
    let mut input = only("UPDATED");
    input["url"] = json!(renamed.url);
    create(&app, &w.member_admin, input).await;

    let q = question(&app, &w, "Eerst", "COALITION").await;
    super::support::rename(&app, &w, &q, "Daarna").await;
    let types = |rx: &Receiver, n: usize| {
        let rx = rx.clone();
        async move {
            let hits = rx.wait(n, Duration::from_secs(10)).await;
            hits.iter()
                .map(|h| h.body["type"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        types(&all, 2).await,
        ["learningQuestion.created", "learningQuestion.updated"]
    );
    assert_eq!(types(&created, 1).await, ["learningQuestion.created"]);
    assert_eq!(types(&renamed, 1).await, ["learningQuestion.updated"]);
    // Nothing else arrives for the filtered ones.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!((created.hits().len(), renamed.hits().len()), (1, 1));
}
