//! Retention: audit events older than `SAMENSPEL_AUDIT_RETENTION_DAYS` (2 years by default)
//! and change events older than `SAMENSPEL_CHANGE_RETENTION_DAYS` (30 days) are pruned. The
//! clock is moved with `samenspel prune --now`, the real binary on the test's database.

use std::process::Output;

use chrono::{Duration, SecondsFormat, Utc};

use super::support::{count, world};
use crate::helpers::{TestApp, spawn_app};

async fn prune(app: &TestApp, now: chrono::DateTime<Utc>, extra: &[&str]) -> Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_samenspel"));
    cmd.arg("prune")
        .arg("--now")
        .arg(now.to_rfc3339_opts(SecondsFormat::Secs, true))
        .args(extra)
        .env("DATABASE_URL", &app.database_url)
        .env("SAMENSPEL_LOG", "warn")
        .env_remove("SAMENSPEL_AUDIT_RETENTION_DAYS")
        .env_remove("SAMENSPEL_CHANGE_RETENTION_DAYS");
    let out = tokio::task::spawn_blocking(move || cmd.output().expect("run samenspel"))
        .await
        .expect("join");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

fn said(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[tokio::test]
async fn audit_and_change_events_go_after_their_retention_periods() {
    let app = spawn_app().await;
    world(&app).await;
    let (audits, events) = (count(&app, "audit_event").await, count(&app, "change_event").await);
    assert!(audits > 5 && events > 5, "{audits} {events}");

    // Today and 29 days on, everything is kept.
    for days in [0, 29] {
        let out = prune(&app, Utc::now() + Duration::days(days), &[]).await;
        assert_eq!(said(&out), "pruned 0 audit events and 0 change events");
    }
    // 31 days on: the change events go, the audit events stay.
    let out = prune(&app, Utc::now() + Duration::days(31), &[]).await;
    assert_eq!(said(&out), format!("pruned 0 audit events and {events} change events"));
    assert_eq!(count(&app, "audit_event").await, audits);
    assert_eq!(count(&app, "change_event").await, 0);
    // Just under two years on, the audit events stay; just over, they go.
    prune(&app, Utc::now() + Duration::days(729), &[]).await;
    assert_eq!(count(&app, "audit_event").await, audits);
    let out = prune(&app, Utc::now() + Duration::days(731), &[]).await;
    assert_eq!(said(&out), format!("pruned {audits} audit events and 0 change events"));
    assert_eq!(count(&app, "audit_event").await, 0);
}

#[tokio::test]
async fn the_audit_retention_period_is_a_setting() {
    let app = spawn_app().await;
    world(&app).await;
    let audits = count(&app, "audit_event").await;
    prune(&app, Utc::now() + Duration::days(8), &["--audit-retention-days", "10"]).await;
    assert_eq!(count(&app, "audit_event").await, audits);
    let out = prune(&app, Utc::now() + Duration::days(11), &["--audit-retention-days", "10"]).await;
    assert_eq!(
        said(&out),
        format!("pruned {audits} audit events and 0 change events"),
        "change events keep their own period"
    );
}
