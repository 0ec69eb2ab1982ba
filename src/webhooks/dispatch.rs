//! The dispatcher of one replica: when the log's head moves (and once a second), each enabled
//! webhook reads the events after its position that its organisation may see and that its
//! filter wants, queues one delivery per event, and moves its position on, all in one
//! transaction. On PostgreSQL the webhook rows are taken `FOR UPDATE SKIP LOCKED`, so two
//! replicas never fan out the same event to the same webhook; SQLite serialises the whole round.
//! Webhooks of one organisation at one position share one read of the log, each keeping what
//! its filter wants: 100 webhooks of a partner cost one read a round, not 100.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;
use std::time::Duration;

use entity::{change_event as ce, webhook};
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use tokio::sync::Notify;

use super::queue::{self, NewDelivery};
use super::store;
use crate::changes::feed;
use crate::changes::hub::Hub;
use crate::error::{AppError, AppResult};
use crate::viewer::Viewer;

/// Events read per webhook and round.
const PAGE: u64 = 100;

/// Deliveries queued on PostgreSQL after which the dispatcher refreshes the table's statistics.
/// The claim query needs the index on `(webhook_id, record_key, id)` for its "no earlier
/// delivery of the same record" check; with statistics from when the table was small, the
/// planner picks another index and the check reads every pending row per candidate (a backlog
/// of 5,000 deliveries: 140 ms a claim instead of 0.3 ms). Autovacuum analyses too, but only
/// after its nap, which is minutes of slow claims after a burst.
const ANALYZE_EVERY: usize = 1_000;

/// Follows the log until the process ends; `wake` tells this replica's workers that deliveries
/// may be waiting.
pub async fn run(db: DatabaseConnection, hub: Hub, wake: Arc<Notify>) {
    let mut head = hub.head();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut queued = 0;
    loop {
        let now = *head.borrow_and_update();
        let more = match round(&db, now).await {
            Ok((more, n)) => {
                queued += n;
                wake.notify_one();
                more
            }
            Err(e) => {
                tracing::warn!(error = ?e, "fanning change events out to webhooks failed");
                false
            }
        };
        if queued >= ANALYZE_EVERY && db.get_database_backend() == DbBackend::Postgres {
            queued = 0;
            if let Err(e) = db.execute_unprepared("ANALYZE webhook_delivery").await {
                tracing::warn!(error = %e, "refreshing the statistics of webhook deliveries failed");
            }
        }
        if more {
            // A full page: read on at once.
            continue;
        }
        tokio::select! {
            r = head.changed() => if r.is_err() { return },
            _ = tick.tick() => {},
        }
    }
}

/// One round up to `head`: whether some webhook has more to read, and how many deliveries it
/// queued.
async fn round(db: &DatabaseConnection, head: i64) -> AppResult<(bool, usize)> {
    let txn = crate::db::begin_write(db).await?;
    let mut due = webhook::Entity::find()
        .filter(webhook::Column::DisabledAt.is_null())
        .filter(webhook::Column::Position.lt(head))
        .order_by_asc(webhook::Column::Id);
    if txn.get_database_backend() == DbBackend::Postgres {
        due = due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let hooks = due.all(&txn).await?;
    let mut viewers: HashMap<i32, Option<Viewer>> = HashMap::new();
    let mut pages = Pages::new();
    let (mut more, mut queued) = (false, 0);
    for hook in hooks {
        let org = hook.organisation_id;
        let viewer = match viewers.entry(org) {
            Entry::Occupied(v) => v.into_mut(),
            Entry::Vacant(slot) => slot.insert(store::viewer_for(&txn, org).await?),
        };
        let (has_more, n) = fan_out(&txn, &mut pages, &hook, viewer.as_ref(), head).await?;
        more |= has_more;
        queued += n;
    }
    txn.commit().await?;
    Ok((more, queued))
}

/// Queues the deliveries of `hook` after its position: whether more events wait, and how many
/// it queued.
async fn fan_out(
    db: &impl ConnectionTrait,
    pages: &mut Pages,
    hook: &webhook::Model,
    viewer: Option<&Viewer>,
    head: i64,
) -> AppResult<(bool, usize)> {
    // An archived organisation hears nothing: its position just moves on.
    let page = match viewer {
        None => Arc::new((Vec::new(), false, head)),
        Some(v) => match pages.read(db, v, hook).await {
            Ok(page) => page,
            Err(AppError::CursorExpired(_)) => {
                let through = feed::pruned_through(db).await?;
                tracing::warn!(
                    webhook = hook.id,
                    through,
                    "webhook fell behind retention; events were skipped"
                );
                return set_position(db, hook, through).await.map(|_| (true, 0));
            }
            Err(e) => return Err(e),
        },
    };
    let (events, more, through) = (&page.0, page.1, page.2);
    // Past what was read, hidden events included; with nothing more to read, up to `head`
    // (every event up to it has committed).
    let position = match more {
        true => hook.position.max(through),
        false => hook.position.max(through).max(head),
    };
    let filter = store::filter(hook);
    let wanted = events
        .iter()
        .filter(|ev| store::wants(&filter, &ev.entity_type, &ev.action, ev.scope_coalition_id));
    let new: Vec<_> = wanted.map(|ev| NewDelivery::event(hook.id, ev)).collect();
    let queued = new.len();
    queue::insert(db, new).await?;
    set_position(db, hook, position).await?;
    Ok((more, queued))
}

/// The pages of the log read this round: what an organisation may see after a position,
/// unfiltered, for every webhook of that organisation at that position.
struct Pages(HashMap<(i32, i64), Arc<Page>>);

/// Events read, whether more follow, and the position read through (see `feed::page`).
type Page = (Vec<ce::Model>, bool, i64);

impl Pages {
    fn new() -> Self {
        Pages(HashMap::new())
    }

    /// The events after `hook`'s position that `viewer` (its organisation) may see, and whether
    /// more follow; the webhook's filter is applied by the caller.
    async fn read(
        &mut self,
        db: &impl ConnectionTrait,
        viewer: &Viewer,
        hook: &webhook::Model,
    ) -> AppResult<Arc<Page>> {
        let key = (hook.organisation_id, hook.position);
        if let Some(page) = self.0.get(&key) {
            return Ok(page.clone());
        }
        let page = Arc::new(feed::page(db, viewer, Some(hook.position), PAGE, &feed::Filter::default()).await?);
        self.0.insert(key, page.clone());
        Ok(page)
    }
}

async fn set_position(db: &impl ConnectionTrait, hook: &webhook::Model, position: i64) -> AppResult<()> {
    if position != hook.position {
        webhook::Entity::update_many()
            .col_expr(webhook::Column::Position, Expr::value(position))
            .filter(webhook::Column::Id.eq(hook.id))
            .exec(db)
            .await?;
    }
    Ok(())
}
