//! One attempt of one claimed delivery: decide again whether the organisation may hear the event
//! (it may have left the coalition since), build and sign the body, send it, and have its
//! outcome recorded (`record`).

use std::sync::Arc;

use chrono::Utc;
use entity::{webhook, webhook_delivery};
use reqwest::header::{HeaderMap, HeaderValue};
use sea_orm::{DatabaseConnection, EntityTrait};
use tokio::sync::Notify;

use super::counts::Ended;
use super::record::{Outcome, after, finish};
use super::send::{Sender, Sent};
use super::{Webhooks, payload, secret, store};
use crate::changes::feed;
use crate::error::{AppError, AppResult};

/// What every attempt of one replica shares.
pub struct Engine {
    /// The workers' own pool.
    pub db: DatabaseConnection,
    /// Settings and the sealer.
    pub hooks: Arc<Webhooks>,
    /// The HTTP client.
    pub sender: Sender,
    /// Wakes the claiming loop (a retry may come due soon).
    pub wake: Arc<Notify>,
}

/// Attempts `d` once; a failure to reach the database leaves the lease to run out.
pub async fn run(e: &Engine, d: webhook_delivery::Model) {
    if let Err(err) = attempt(e, &d).await {
        tracing::warn!(delivery = d.id, error = ?err, "a webhook attempt could not be recorded; it will be retried");
    }
    e.wake.notify_one();
}

async fn attempt(e: &Engine, d: &webhook_delivery::Model) -> AppResult<()> {
    let Some(hook) = webhook::Entity::find_by_id(d.webhook_id).one(&e.db).await? else {
        return Ok(()); // deleted meanwhile, with its deliveries
    };
    let body = match body(e, &hook, d).await? {
        Ok(body) => body,
        Err(why) => {
            finish(&e.db, d, Outcome::skipped(why)).await?;
            e.hooks.counts.add(Ended::Skipped);
            return Ok(());
        }
    };
    let sent = send(e, &hook, d, body).await?;
    let outcome = Outcome::of(&e.hooks, d, &sent);
    e.hooks.counts.add(if sent.error.is_none() {
        Ended::Succeeded
    } else {
        Ended::Failed
    });
    // The webhook's outcome and the delivery's in one transaction: a reader never sees the one
    // without the other (each update is idempotent, so an attempt whose lease was lost
    // meanwhile, which did happen, still counts for its webhook).
    let txn = crate::db::begin_write(&e.db).await?;
    after(&txn, e, &hook, &sent).await?;
    let _ = finish(&txn, d, outcome).await;
    txn.commit().await?;
    Ok(())
}

/// Signs `body` and POSTs it to the webhook. A secret the service cannot open is a failed
/// attempt that says what to do.
async fn send(e: &Engine, hook: &webhook::Model, d: &webhook_delivery::Model, body: String) -> AppResult<Sent> {
    let secrets = match store::secrets(&e.hooks.sealer, hook) {
        Ok(s) => s,
        Err(err) => {
            tracing::error!(webhook = hook.id, error = ?err, "a webhook secret cannot be opened");
            return Ok(Sent {
                error: Some(UNSEALABLE.into()),
                ..Sent::default()
            });
        }
    };
    let (id, ts) = (d.message_id.as_str(), Utc::now().timestamp());
    let mut headers = HeaderMap::new();
    headers.insert("webhook-id", header(id)?);
    headers.insert("webhook-timestamp", header(&ts.to_string())?);
    let signature = secret::signature_header(&secrets, id, ts, &body);
    headers.insert("webhook-signature", header(&signature)?);
    Ok(e.sender.post(&hook.url, headers, body).await)
}

/// The error of an attempt whose secret the service cannot open.
const UNSEALABLE: &str = "The signing secret cannot be opened (the server's token secret changed without keeping \
                          the old one): rotate it with rotateWebhookSecret";

fn header(v: &str) -> AppResult<HeaderValue> {
    HeaderValue::from_str(v).map_err(|e| AppError::from(anyhow::anyhow!("header value: {e}")))
}

/// The body to send, or why the delivery is skipped.
async fn body(e: &Engine, hook: &webhook::Model, d: &webhook_delivery::Model) -> AppResult<Result<String, String>> {
    let Some(viewer) = store::viewer_for(&e.db, hook.organisation_id).await? else {
        return Ok(Err("The organisation is archived".into()));
    };
    let Some(event_id) = d.event_id else {
        return Ok(Ok(payload::ping(hook.id, d.created_at)));
    };
    let Some(ev) = feed::one(&e.db, &viewer, event_id).await? else {
        return Ok(Err(
            "The organisation may no longer see this event (or it expired)".into()
        ));
    };
    let wanted = store::wants(&store::filter(hook), &ev.entity_type, &ev.action, ev.scope_coalition_id);
    if !wanted && d.redelivery_of.is_none() {
        return Ok(Err("The webhook no longer asks for events like this one".into()));
    }
    Ok(Ok(payload::event(&e.db, &viewer, &e.hooks.cursors, &ev).await?))
}
