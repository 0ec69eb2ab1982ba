//! Recording how an attempt ended, under the lease: success, a retry at the next step of the
//! schedule (or later, when the receiver asked with `Retry-After`), failure, or skipped; and
//! what it means for the webhook: a success ends a failing run, a 410 disables it, and so does a
//! failing run as long as the configured time (5 days).

use std::time::Duration;

use chrono::{DateTime, Utc};
use entity::{webhook, webhook_delivery};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::Webhooks;
use super::attempt::Engine;
use super::codes::state;
use super::send::Sent;
use crate::error::AppResult;

/// How an attempt ends for its delivery.
pub struct Outcome {
    state: &'static str,
    next: Option<DateTime<Utc>>,
    status: Option<u16>,
    duration: Duration,
    error: Option<String>,
    counts: bool,
}

impl Outcome {
    /// Not sent, for reason `why`.
    pub fn skipped(why: String) -> Self {
        Outcome {
            state: state::SKIPPED,
            next: None,
            status: None,
            duration: Duration::ZERO,
            error: Some(why),
            counts: false,
        }
    }

    /// What attempt `sent` of `d` means for it.
    pub fn of(hooks: &Webhooks, d: &webhook_delivery::Model, sent: &Sent) -> Self {
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
pub async fn finish(db: &impl ConnectionTrait, d: &webhook_delivery::Model, o: Outcome) -> AppResult<()> {
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
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Err(anyhow::anyhow!("lease of delivery {} was lost", d.id).into());
    }
    Ok(())
}

/// What an attempt means for its webhook: a success ends a failing run; a 410 disables it; a
/// failure starts a failing run, or disables the webhook when the run is long enough.
pub async fn after(db: &impl ConnectionTrait, e: &Engine, hook: &webhook::Model, sent: &Sent) -> AppResult<()> {
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
    update.exec(db).await?;
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
