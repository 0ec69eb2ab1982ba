//! Meetings, outcomes and learning tracks: what coalitions do and publish over time.

use chrono::{DateTime, Utc};
use entity::meeting;
use sea_orm::{ColumnTrait, QueryFilter, QueryTrait, Select};

use super::visible;
use crate::error::{AppError, AppResult};
use crate::viewer::Viewer;

/// Filter of the meeting list.
#[derive(Debug, Default)]
pub struct MeetingFilter {
    /// Starts at or after.
    pub starts_after: Option<DateTime<Utc>>,
    /// Starts before.
    pub starts_before: Option<DateTime<Utc>>,
    /// Of this coalition.
    pub coalition_id: Option<i32>,
}

/// Meetings the viewer may see that match `f`.
pub fn meetings(viewer: &Viewer, f: &MeetingFilter) -> AppResult<Select<meeting::Entity>> {
    use meeting::Column as C;
    if let (Some(a), Some(b)) = (f.starts_after, f.starts_before)
        && a >= b
    {
        return Err(AppError::bad_input("`startsAfter` must be earlier than `startsBefore`"));
    }
    Ok(visible::<meeting::Entity>(viewer)
        .apply_if(f.starts_after, |q, t| q.filter(C::StartsAt.gte(t)))
        .apply_if(f.starts_before, |q, t| q.filter(C::StartsAt.lt(t)))
        .apply_if(f.coalition_id, |q, id| q.filter(C::CoalitionId.eq(id))))
}
