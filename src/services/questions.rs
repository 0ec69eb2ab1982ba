//! The learning-question list and its filters.

use chrono::{DateTime, Utc};
use entity::{QuestionStatus, Visibility, learning_question, question_theme};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Select};

use super::visible;
use crate::error::{AppError, AppResult};
use crate::viewer::Viewer;

/// Filter of the learning-question list; every set field must match.
#[derive(Debug, Default)]
pub struct QuestionFilter {
    /// Any of these statuses.
    pub statuses: Option<Vec<QuestionStatus>>,
    /// Has this theme.
    pub theme_id: Option<i32>,
    /// Of this coalition.
    pub coalition_id: Option<i32>,
    /// Of this workgroup.
    pub workgroup_id: Option<i32>,
    /// Asked by this organisation.
    pub organisation_id: Option<i32>,
    /// Any of these visibilities.
    pub visibilities: Option<Vec<Visibility>>,
    /// Created at or after.
    pub created_after: Option<DateTime<Utc>>,
    /// Created before.
    pub created_before: Option<DateTime<Utc>>,
}

/// Questions the viewer may see that match `f`.
pub fn questions(viewer: &Viewer, f: &QuestionFilter) -> AppResult<Select<learning_question::Entity>> {
    use learning_question::Column as C;
    if let (Some(a), Some(b)) = (f.created_after, f.created_before)
        && a >= b
    {
        return Err(AppError::bad_input(
            "`createdAfter` must be earlier than `createdBefore`",
        ));
    }
    let mut q = visible::<learning_question::Entity>(viewer);
    if let Some(s) = &f.statuses {
        q = q.filter(C::Status.is_in(s.iter().copied()));
    }
    if let Some(v) = &f.visibilities {
        q = q.filter(C::Visibility.is_in(v.iter().copied()));
    }
    if let Some(id) = f.theme_id {
        let tagged = question_theme::Entity::find()
            .select_only()
            .column(question_theme::Column::QuestionId)
            .filter(question_theme::Column::ThemeId.eq(id))
            .into_query();
        q = q.filter(C::Id.in_subquery(tagged));
    }
    q = q
        .apply_if(f.coalition_id, |q, id| q.filter(C::CoalitionId.eq(id)))
        .apply_if(f.workgroup_id, |q, id| q.filter(C::WorkgroupId.eq(id)))
        .apply_if(f.organisation_id, |q, id| q.filter(C::AskedByOrganisationId.eq(id)))
        .apply_if(f.created_after, |q, t| q.filter(C::CreatedAt.gte(t)))
        .apply_if(f.created_before, |q, t| q.filter(C::CreatedAt.lt(t)));
    Ok(q)
}
