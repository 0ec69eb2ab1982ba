//! `changes` and `changesCursor`: the pull feed a sync script pages.

use async_graphql::{Context, Object, Result};

use super::enums::ChangeFilter;
use super::event::ChangeEventConnection;
use crate::changes::cursor;
use crate::changes::feed;
use crate::graphql::connection::{cursor_key, loaders};
use crate::paging::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};

/// Root fields of the change feed.
#[derive(Default)]
pub struct ChangesQuery;

#[Object]
impl ChangesQuery {
    /// Changes after `after`, oldest first, as the viewer may see them: an event is shown to
    /// whom may see its record now, and a deletion, narrowed visibility or erasure also to whom
    /// could see the record before. Paging on with `endCursor` never skips or repeats an event.
    /// Without `after` the feed starts at the oldest event kept; a cursor older than the
    /// retention period gives BAD_USER_INPUT with `reason` CURSOR_EXPIRED.
    #[graphql(complexity = "crate::graphql::cost::page(first, None, child_complexity)")]
    async fn changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Start after this cursor (an `endCursor`, an event's `cursor` or `changesCursor`).")]
        after: Option<String>,
        #[graphql(desc = "Events on the page, at most 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Which events to read.")] filter: Option<ChangeFilter>,
    ) -> Result<ChangeEventConnection> {
        let limit = page_size(first)?;
        let key = cursor_key(ctx)?;
        let after = after.map(|a| cursor::decode(key, &a)).transpose()?;
        let filter = filter.unwrap_or_default().into_filter()?;
        let l = loaders(ctx)?;
        let db = ctx.data::<sea_orm::DatabaseConnection>()?;
        let (rows, more, through) = feed::page(db, l.viewer(), after, limit, &filter).await?;
        Ok(ChangeEventConnection::new(rows, more, through))
    }

    /// The position of "now": pass it as `after` to `changes` (or the `changes` subscription)
    /// to hear only of what happens from here on. A sync script reads everything once, then
    /// follows the feed from the cursor it took before it started reading.
    async fn changes_cursor(&self, ctx: &Context<'_>) -> Result<String> {
        let db = ctx.data::<sea_orm::DatabaseConnection>()?;
        Ok(cursor::encode(cursor_key(ctx)?, feed::head(db).await?))
    }
}

fn page_size(first: Option<i32>) -> Result<u64, crate::error::AppError> {
    match first {
        None => Ok(DEFAULT_PAGE_SIZE as u64),
        Some(n) if (0..=MAX_PAGE_SIZE).contains(&n) => Ok(n as u64),
        Some(n) => Err(crate::error::AppError::bad_input(format!(
            "`first` must lie between 0 and {MAX_PAGE_SIZE} (got {n})"
        ))),
    }
}
