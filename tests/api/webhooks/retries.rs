//! Failures: retried with backoff and the same `webhook-id`, `Retry-After` honoured, redirects
//! and timeouts are failures, 410 and a long run of failures disable the webhook, the schedule
//! ends in FAILED, and the events of one record keep their order through it all.

use std::time::Duration;

use serde_json::json;

use super::receiver::{Receiver, Reply};
use super::support::{app_with, create, deliveries, ms, question, rename, until, world};

#[tokio::test]
async fn a_failing_receiver_is_retried_with_backoff_and_the_same_webhook_id() {
    let app = app_with(|_| {}).await;
    let w = world(&app).await;
    let rx = Receiver::start(vec![Reply::Status(500), Reply::Status(503)]).await;
    let (hook, _) = create(&app, &w.member_admin, json!({ "url": rx.url })).await;
    question(&app, &w, "Opnieuw", "COALITION").await;
    let hits = rx.wait(3, Duration::from_secs(10)).await;
    assert!(
        hits.iter().all(|h| h.id == hits[0].id),
        "one webhook-id on every attempt"
    );
    let gaps = [hits[1].at - hits[0].at, hits[2].at - hits[1].at];
    assert!(
        gaps[0] >= Duration::from_millis(290),
        "second attempt after 300 ms: {gaps:?}"
    );
    assert!(
        gaps[1] >= Duration::from_millis(590),
        "third attempt after 600 ms: {gaps:?}"
    );
    let h = until(&app, &w.member_admin, &hook, Duration::from_secs(5), |h| {
        deliveries(h).first().is_some_and(|d| d["state"] == "SUCCEEDED")
    })
    .await;
    assert_eq!(deliveries(&h)[0]["attempt"], 3);
    assert_eq!(h["status"], "ACTIVE", "a success ends the failing run");
    assert!(h["failingSince"].is_null());
}

#[tokio::test]
async fn retry_after_is_honoured_and_a_redirect_or_a_silence_is_a_failure() {
    let app = app_with(|s| {
        // The third attempt a second after the redirect, so the count of hits after the second
        // attempt is read before the third can arrive (at 50 ms it sometimes came first).
        s.webhooks.webhook_retry_schedule = ms(&[0, 50, 1000, 5000]);
        s.webhooks.webhook_timeout_ms = 400;
    })
    .await;
    let w = world(&app).await;
    let rx = Receiver::start(vec![
        Reply::RetryAfter(429, 1),
        Reply::Redirect("http://127.0.0.1:9/"),
        Reply::Hang,
    ])
    .await;
    let (hook, _) = create(&app, &w.member_admin, json!({ "url": rx.url })).await;
    question(&app, &w, "Geduld", "COALITION").await;
    let hits = rx.wait(2, Duration::from_secs(10)).await;
    assert!(
        hits[1].at - hits[0].at >= Duration::from_millis(990),
        "waited as asked: {:?}",
        hits[1].at - hits[0].at
    );
    let h = until(&app, &w.member_admin, &hook, Duration::from_secs(5), |h| {
        deliveries(h).first().is_some_and(|d| d["attempt"] == 2)
    })
    .await;
    let d = &deliveries(&h)[0];
    assert_eq!(d["httpStatus"], 307);
    assert!(d["error"].as_str().unwrap().contains("redirect"), "{d}");
    assert_eq!(rx.hits().len(), 2, "the redirect was not followed");
    let h = until(&app, &w.member_admin, &hook, Duration::from_secs(5), |h| {
        deliveries(h).first().is_some_and(|d| d["attempt"] == 3)
    })
    .await;
    let d = &deliveries(&h)[0];
    assert!(d["httpStatus"].is_null());
    assert_eq!(d["error"], "No answer within 400 ms");
    assert_eq!(h["status"], "FAILING");
}

#[tokio::test]
async fn gone_disables_the_webhook_and_its_organisation_sees_why() {
    let app = app_with(|_| {}).await;
    let w = world(&app).await;
    let rx = Receiver::start(vec![Reply::Status(410)]).await;
    let (hook, _) = create(&app, &w.member_admin, json!({ "url": rx.url })).await;
    question(&app, &w, "Weg", "COALITION").await;
    let h = until(&app, &w.member_admin, &hook, Duration::from_secs(5), |h| {
        h["status"] == "DISABLED"
    })
    .await;
    assert!(h["disabledReason"].as_str().unwrap().contains("410"), "{h}");
    assert_eq!(deliveries(&h)[0]["state"], "FAILED");
    question(&app, &w, "Niet meer", "COALITION").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(rx.hits().len(), 1, "nothing more is sent");
}

#[tokio::test]
async fn a_webhook_failing_for_too_long_is_disabled_and_an_exhausted_schedule_fails() {
    let app = app_with(|s| {
        s.webhooks.webhook_retry_schedule = ms(&[0, 400, 400]);
        s.webhooks.webhook_disable_after = Duration::from_millis(600);
    })
    .await;
    let w = world(&app).await;
    let rx = Receiver::start(vec![Reply::Status(500); 10]).await;
    let (hook, _) = create(&app, &w.member_admin, json!({ "url": rx.url })).await;
    question(&app, &w, "Altijd mis", "COALITION").await;
    let h = until(&app, &w.member_admin, &hook, Duration::from_secs(10), |h| {
        deliveries(h).first().is_some_and(|d| d["state"] == "FAILED")
    })
    .await;
    let d = &deliveries(&h)[0];
    assert_eq!((d["attempt"].as_i64(), d["httpStatus"].as_i64()), (Some(3), Some(500)));
    assert!(d["nextAttemptAt"].is_null());
    assert_eq!(h["status"], "DISABLED");
    let why = h["disabledReason"].as_str().unwrap();
    assert!(
        why.contains("No delivery succeeded since") && why.contains("HTTP 500"),
        "{why}"
    );
}

#[tokio::test]
async fn events_of_one_record_arrive_in_version_order() {
    let app = app_with(|_| {}).await;
    let w = world(&app).await;
    let rx = Receiver::start(vec![Reply::Status(500)]).await;
    create(&app, &w.member_admin, json!({ "url": rx.url })).await;
    let q = question(&app, &w, "Versie 1", "COALITION").await;
    rx.wait(1, Duration::from_secs(10)).await;
    rename(&app, &w, &q, "Versie 2").await;
    rename(&app, &w, &q, "Versie 3").await;
    let other = question(&app, &w, "Een ander", "COALITION").await;
    let hits = rx.wait(5, Duration::from_secs(10)).await;
    let versions: Vec<i64> = hits
        .iter()
        .filter(|h| h.body["data"]["id"] == q.as_str())
        .map(|h| h.body["data"]["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, vec![1, 1, 2, 3], "version 2 waits for version 1's retry");
    assert!(hits.iter().any(|h| h.body["data"]["id"] == other.as_str()));
}
