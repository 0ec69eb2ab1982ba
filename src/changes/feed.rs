//! Reading the log: a page of events after a position, as one viewer may see them, and the
//! position of "now". Positions are event ids; events are numbered in commit order (see
//! `services::write::path`), so paging by id never skips or repeats an event.

use entity::{change_event as ce, change_log};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::Action;
use crate::error::{AppError, AppResult};
use crate::ids::NodeType;
use crate::policy::Guarded;
use crate::viewer::Viewer;

/// Which events a reader wants.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    /// Only these kinds of record (none: all).
    pub entity_types: Vec<NodeType>,
    /// Only these actions (none: all).
    pub actions: Vec<Action>,
    /// Only events of records in this coalition.
    pub coalition: Option<i32>,
}

impl Filter {
    fn condition(&self) -> sea_orm::Condition {
        let mut c = sea_orm::Condition::all();
        if !self.entity_types.is_empty() {
            c = c.add(ce::Column::EntityType.is_in(self.entity_types.iter().map(|t| t.name())));
        }
        if !self.actions.is_empty() {
            c = c.add(ce::Column::Action.is_in(self.actions.iter().map(|a| a.as_str())));
        }
        if let Some(id) = self.coalition {
            c = c.add(ce::Column::ScopeCoalitionId.eq(id));
        }
        c
    }
}

/// Up to `limit` events after position `after` that `viewer` may see, oldest first, whether
/// more follow, and the position read through (where the next page starts: past the last
/// event returned, and past hidden events read after it). Events are read in runs of 200 and
/// their visibility decided per run (`visible`); where thousands in a row are hidden from the
/// viewer, a page may hold fewer than `limit`, even none, with more to follow, and its
/// position still moves on. A position whose following events were pruned is `CURSOR_EXPIRED`.
pub async fn page(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    after: Option<i64>,
    limit: u64,
    filter: &Filter,
) -> AppResult<(Vec<ce::Model>, bool, i64)> {
    let after = match after {
        Some(a) => {
            check_not_expired(db, a).await?;
            a
        }
        None => 0,
    };
    let mut kept = Vec::new();
    let mut pos = after;
    for _ in 0..MAX_RUNS {
        let run = ce::Entity::find()
            .filter(ce::Column::Id.gt(pos))
            .filter(filter.condition())
            .order_by_asc(ce::Column::Id)
            .limit(RUN)
            .all(db)
            .await?;
        let Some(last) = run.last().map(|r| r.id) else {
            return Ok((kept, false, pos));
        };
        let full = run.len() as u64 == RUN;
        for row in super::visible::keep(db, viewer, run).await? {
            if kept.len() as u64 == limit {
                // The rest of this run is read again by the next page.
                let through = kept.last().map_or(pos, |r: &ce::Model| r.id);
                return Ok((kept, true, through));
            }
            kept.push(row);
        }
        pos = last;
        if !full {
            return Ok((kept, false, pos));
        }
    }
    // Many events in a row are hidden from this viewer: a short page, and more to read from
    // where it stopped.
    Ok((kept, true, pos))
}

/// Events read and checked in one run.
const RUN: u64 = 200;

/// Runs one page reads at most before it answers with what it found.
const MAX_RUNS: usize = 25;

/// One event, if the viewer may see it.
pub async fn one(db: &impl ConnectionTrait, viewer: &Viewer, id: i64) -> AppResult<Option<ce::Model>> {
    Ok(ce::Entity::find()
        .filter(ce::Column::Id.eq(id))
        .filter(ce::Entity::visible(viewer))
        .one(db)
        .await?)
}

/// The position of "now": the newest event id (or what retention pruned through, when the log
/// is empty). Paging from it yields only what happens next.
pub async fn head(db: &impl ConnectionTrait) -> AppResult<i64> {
    let newest: Option<Option<i64>> = ce::Entity::find()
        .select_only()
        .column_as(ce::Column::Id.max(), "m")
        .into_tuple()
        .one(db)
        .await?;
    match newest.flatten() {
        Some(n) => Ok(n),
        None => pruned_through(db).await,
    }
}

/// The newest event id that retention removed.
pub async fn pruned_through(db: &impl ConnectionTrait) -> AppResult<i64> {
    Ok(change_log::Entity::find_by_id(1)
        .one(db)
        .await?
        .map_or(0, |s| s.pruned_through))
}

async fn check_not_expired(db: &impl ConnectionTrait, after: i64) -> AppResult<()> {
    if after < 0 {
        return Err(AppError::bad_input("A change cursor cannot be negative"));
    }
    if after < pruned_through(db).await? {
        return Err(AppError::CursorExpired(
            "Events after this cursor are older than the retention period and were removed: \
             read the records again, then follow `changesCursor`"
                .into(),
        ));
    }
    Ok(())
}
