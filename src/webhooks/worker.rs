//! The webhook workers of one replica: a dispatcher that fans events out, a claiming loop that
//! hands due deliveries to at most `SAMENSPEL_WEBHOOK_WORKERS` attempts at once (each a task of
//! its own, bounded by the timeout, so a slow receiver holds one slot and never a request), and
//! an hourly pruning of old deliveries. They use a pool of their own, never the requests'.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::Utc;
use entity::webhook_delivery;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use tokio::sync::{Notify, Semaphore};

use super::attempt::{self, Engine};
use super::send::Sender;
use super::{Webhooks, claim, dispatch};
use crate::changes::hub::Hub;

/// Starts the workers on pool `db`; deliveries older than `retention_days` are pruned.
pub fn start(db: DatabaseConnection, hub: Hub, hooks: Arc<Webhooks>, retention_days: u32) -> anyhow::Result<()> {
    let workers = hooks.settings.webhook_workers.max(1);
    let engine = Arc::new(Engine {
        sender: Sender::new(&hooks.settings)?,
        db: db.clone(),
        hooks,
        wake: Arc::new(Notify::new()),
    });
    tokio::spawn(dispatch::run(db.clone(), hub, engine.wake.clone()));
    tokio::spawn(work(engine, workers));
    tokio::spawn(prune(db, retention_days));
    Ok(())
}

/// Claims due deliveries whenever a worker is free, and waits for the next one to come due.
/// Failing webhooks get at most half the workers, so receivers that are down (each holding a
/// worker until the timeout) leave the other half to the webhooks that work.
async fn work(e: Arc<Engine>, workers: usize) {
    let slots = Arc::new(Semaphore::new(workers));
    let failing_share = (workers / 2).max(1);
    let failing = Arc::new(AtomicUsize::new(0));
    let per_endpoint = e.hooks.settings.webhook_per_endpoint;
    let lease = e.hooks.settings.lease();
    loop {
        let Ok(first) = slots.clone().acquire_owned().await else {
            return;
        };
        let free = 1 + slots.available_permits();
        let room = failing_share.saturating_sub(failing.load(Ordering::Relaxed));
        let claimed = match claim::claim(&e.db, free, room, per_endpoint, lease).await {
            Ok(c) => c,
            Err(err) => {
                tracing::warn!(error = ?err, "claiming webhook deliveries failed");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        let full = claimed.due.len() == free;
        let mut first = Some(first);
        for (d, fails) in claimed.due {
            let Some(permit) = first.take().or_else(|| slots.clone().try_acquire_owned().ok()) else {
                break;
            };
            let (e, failing) = (e.clone(), failing.clone());
            if fails {
                failing.fetch_add(1, Ordering::Relaxed);
            }
            tokio::spawn(async move {
                attempt::run(&e, d).await;
                if fails {
                    failing.fetch_sub(1, Ordering::Relaxed);
                }
                drop(permit);
            });
        }
        if full {
            continue;
        }
        drop(first);
        let wait = claimed
            .next
            .map_or(1000, |at| (at - Utc::now().timestamp_millis()).clamp(0, 1000));
        tokio::select! {
            _ = e.wake.notified() => {},
            _ = tokio::time::sleep(Duration::from_millis(wait as u64)) => {},
        }
    }
}

/// Removes deliveries older than `days`, every hour.
async fn prune(db: DatabaseConnection, days: u32) {
    let mut every = tokio::time::interval(Duration::from_secs(3600));
    loop {
        every.tick().await;
        let cutoff = Utc::now() - chrono::Duration::days(days.into());
        let gone = webhook_delivery::Entity::delete_many()
            .filter(webhook_delivery::Column::CreatedAt.lt(cutoff))
            .exec(&db)
            .await;
        match gone {
            Ok(r) if r.rows_affected > 0 => {
                tracing::info!(deliveries = r.rows_affected, "pruned old webhook deliveries")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "pruning webhook deliveries failed"),
        }
    }
}
