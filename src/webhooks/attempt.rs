//! One attempt of one claimed delivery: decide again whether the organisation may hear the event
//! (it may have left the coalition since), build and sign the body, send it, and record the
//! outcome under the lease: success, a retry at the next step of the schedule (or later, when
//! the receiver asks with `Retry-After`), or failure. A 410 disables the webhook, and so does a
//! run of failures without a success for the configured time (5 days).

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use entity::{webhook, webhook_delivery};
use reqwest::header::{HeaderMap, HeaderValue};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use tokio::sync::Notify;

use super::codes::state;
use super::counts::Ended;
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
            finish(e, d, Outcome::skipped(why)).await?;
            e.hooks.counts.add(Ended::Skipped);
            return Ok(());
        }
    };
    let id = d.message_id.as_str();
    let ts = Utc::now().timestamp();
    let secrets = store::secrets(&e.hooks.sealer, &hook)?;
    let mut headers = HeaderMap::new();
    headers.insert("webhook-id", header(id)?);
    headers.insert("webhook-timestamp", header(&ts.to_string())?);
    headers.insert(
        "webhook-signature",
        header(&secret::signature_header(&secrets, id, ts, &body))?,
    );
    let sent = e.sender.post(&hook.url, headers, body).await;
    let outcome = Outcome::of(&e.hooks, d, &sent);
    e.hooks.counts.add(if sent.error.is_none() {
        Ended::Succeeded
    } else {
        Ended::Failed
    });
    if finish(e, d, outcome).await.is_ok() {
        after(e, &hook, &sent).await?;
    }
    Ok(())
}

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
    Ok(Ok(payload::event(&e.db, &viewer, &ev).await?))
}

/// How an attempt ends for its delivery.
struct Outcome {
    state: &'static str,
    next: Option<DateTime<Utc>>,
    status: Option<u16>,
    duration: Duration,
    error: Option<String>,
    counts: bool,
}

impl Outcome {
    fn skipped(why: String) -> Self {
        Outcome {
            state: state::SKIPPED,
            next: None,
            status: None,
            duration: Duration::ZERO,
            error: Some(why),
            counts: false,
        }
    }

    fn of(hooks: &Webhooks, d: &webhook_delivery::Model, sent: &Sent) -> Self {
        let schedule = &hooks.settings.webhook_retry_schedule;
        let made = d.attempts as usize + 1;
        let (state, next) = match (&sent.error, sent.status) {
            (None, _) => (state::SUCCEEDED, None),
            (_, Some(410)) => (state::FAILED, None),
            _ if made >= schedule.len() => (state::FAILED, None),
            _ => {
                let longest = schedule.iter().max().copied().unwrap_or_default();
                let asked = sent.retry_after.unwrap_or_default().min(longest);
                let wait = schedule[made].max(asked);
                (
                    state::PENDING,
                    Some(Utc::now() + chrono::Duration::from_std(wait).unwrap_or_default()),
                )
            }
        };
        Outcome {
            state,
            next,
            status: sent.status,
            duration: sent.duration,
            error: sent.error.clone(),
            counts: true,
        }
    }
}

/// Records `o` if the lease is still ours; an error when another worker took the delivery over.
async fn finish(e: &Engine, d: &webhook_delivery::Model, o: Outcome) -> AppResult<()> {
    use webhook_delivery::Column as C;
    let error: Option<String> = o.error.map(|s| s.chars().take(500).collect());
    let mut q = webhook_delivery::Entity::update_many()
        .col_expr(C::State, Expr::value(o.state))
        .col_expr(
            C::NextAttemptMs,
            Expr::value(o.next.map_or(0, |t| t.timestamp_millis())),
        )
        .col_expr(C::LockedUntilMs, Expr::value(0i64))
        .col_expr(C::Lease, Expr::value(Option::<String>::None))
        .col_expr(C::LastError, Expr::value(error));
    if o.counts {
        q = q
            .col_expr(C::Attempts, Expr::value(d.attempts + 1))
            .col_expr(C::LastStatus, Expr::value(o.status.map(i32::from)))
            .col_expr(
                C::LastDurationMs,
                Expr::value(o.duration.as_millis().min(i32::MAX as u128) as i32),
            )
            .col_expr(C::LastAttemptAt, Expr::value(Utc::now()));
    }
    let done = q
        .filter(C::Id.eq(d.id))
        .filter(C::Lease.eq(d.lease.clone()))
        .exec(&e.db)
        .await?;
    if done.rows_affected == 0 {
        return Err(anyhow::anyhow!("lease of delivery {} was lost", d.id).into());
    }
    Ok(())
}

/// What an attempt means for its webhook: a success ends a failing run; a 410 disables it; a
/// failure starts a failing run, or disables the webhook when the run is long enough.
async fn after(e: &Engine, hook: &webhook::Model, sent: &Sent) -> AppResult<()> {
    use webhook::Column as C;
    let now = Utc::now();
    let update = webhook::Entity::update_many().filter(C::Id.eq(hook.id));
    let update = match (&sent.error, sent.status, hook.failing_since) {
        (None, _, None) => return Ok(()),
        (None, _, Some(_)) => update.col_expr(C::FailingSince, Expr::value(Option::<DateTime<Utc>>::None)),
        (Some(_), Some(410), _) => disable(
            update,
            now,
            "The receiver answered 410 Gone: it asked for no more deliveries",
        ),
        (Some(_), _, None) => update
            .col_expr(C::FailingSince, Expr::value(now))
            .filter(C::FailingSince.is_null()),
        (Some(err), _, Some(since)) => {
            let limit = chrono::Duration::from_std(e.hooks.settings.webhook_disable_after).unwrap_or_default();
            if now - since < limit {
                return Ok(());
            }
            let why = format!(
                "No delivery succeeded since {}; the last attempt failed: {}",
                since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                err.chars().take(150).collect::<String>()
            );
            disable(update, now, &why)
        }
    };
    update.exec(&e.db).await?;
    Ok(())
}

fn disable(
    update: sea_orm::UpdateMany<webhook::Entity>,
    now: DateTime<Utc>,
    why: &str,
) -> sea_orm::UpdateMany<webhook::Entity> {
    use webhook::Column as C;
    update
        .col_expr(C::DisabledAt, Expr::value(now))
        .col_expr(
            C::DisabledReason,
            Expr::value(why.chars().take(300).collect::<String>()),
        )
        .filter(C::DisabledAt.is_null())
}
