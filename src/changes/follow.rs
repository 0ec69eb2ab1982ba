//! Following the log live: replay what happened after a position, then wait for the head to
//! move and read on. Nothing is buffered per subscriber beyond one page: the table is the
//! truth, so a subscriber that falls behind costs no memory, and one that falls too far behind
//! the head is told to resume from its last position instead.

use std::sync::Arc;

use entity::change_event as ce;
use futures_util::Stream;
use sea_orm::DatabaseConnection;

use super::feed::{self, Filter};
use super::hub::Hub;
use crate::error::{AppError, AppResult};
use crate::viewer::Viewer;

/// Events read per statement while catching up.
const PAGE: u64 = 100;

/// What a subscription follows.
pub struct Follow {
    /// The pool.
    pub db: DatabaseConnection,
    /// Whose eyes the events are seen through.
    pub viewer: Arc<Viewer>,
    /// The head of the log.
    pub hub: Hub,
    /// Which events.
    pub filter: Filter,
    /// Events the subscriber may lag behind the head once it has caught up.
    pub max_lag: u64,
    /// Signs the cursor a subscriber that fell behind resumes from.
    pub cursors: crate::paging::CursorKey,
}

/// The events after `after` (or after "now" when `None`), as they commit.
pub fn events(f: Follow, after: Option<i64>) -> impl Stream<Item = AppResult<ce::Model>> {
    async_stream::try_stream! {
        let mut head = f.hub.head();
        let mut pos = match after {
            Some(a) => a,
            None => feed::head(&f.db).await?,
        };
        let mut live = false;
        loop {
            let now = *head.borrow_and_update();
            if live && now.saturating_sub(pos) > f.max_lag as i64 {
                Err(AppError::TooSlow(super::cursor::encode(&f.cursors, pos)))?;
            }
            let page = f.hub.pages().page(&f.db, &f.viewer, now, pos, PAGE, &f.filter).await?;
            let (rows, more, through) = (&page.0, page.1, page.2);
            for row in rows {
                yield row.clone();
            }
            // Events the viewer may not see still move its position on.
            pos = pos.max(through);
            if rows.is_empty() && !more {
                pos = pos.max(now);
            }
            if !more {
                live = true;
                if pos >= *head.borrow() && head.changed().await.is_err() {
                    return;
                }
            }
        }
    }
}
