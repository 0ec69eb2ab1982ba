//! Organisations, coalitions, themes and workgroups: the directory of who learns with whom.

use entity::{OrganisationKind, coalition, coalition_membership, organisation, theme, workgroup};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Select};

use super::visible;
use crate::echo::clip;
use crate::error::{AppError, AppResult};
use crate::viewer::Viewer;

/// Filter of the organisation list.
#[derive(Debug, Default)]
pub struct OrganisationFilter {
    /// Any of these kinds.
    pub kinds: Option<Vec<OrganisationKind>>,
    /// Members of this coalition.
    pub coalition_id: Option<i32>,
}

/// Organisations matching `f`.
pub fn organisations(viewer: &Viewer, f: &OrganisationFilter) -> Select<organisation::Entity> {
    use organisation::Column as C;
    let mut q = visible::<organisation::Entity>(viewer);
    if let Some(kinds) = &f.kinds {
        q = q.filter(C::Kind.is_in(kinds.iter().copied()));
    }
    if let Some(id) = f.coalition_id {
        let members = coalition_membership::Entity::find()
            .select_only()
            .column(coalition_membership::Column::OrganisationId)
            .filter(coalition_membership::Column::CoalitionId.eq(id))
            .into_query();
        q = q.filter(C::Id.in_subquery(members));
    }
    q
}

/// Workgroups, optionally of one coalition.
pub fn workgroups(viewer: &Viewer, coalition_id: Option<i32>) -> Select<workgroup::Entity> {
    let q = visible::<workgroup::Entity>(viewer);
    match coalition_id {
        Some(id) => q.filter(workgroup::Column::CoalitionId.eq(id)),
        None => q,
    }
}

/// The organisation with `slug`, or NOT_FOUND.
pub async fn organisation_by_slug(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    slug: &str,
) -> AppResult<organisation::Model> {
    let found = visible::<organisation::Entity>(viewer)
        .filter(organisation::Column::Slug.eq(slug))
        .one(db)
        .await?;
    found.ok_or_else(|| AppError::not_found(format!("No organisation with slug \"{}\"", clip(slug))))
}

/// The coalition with `slug`, or NOT_FOUND.
pub async fn coalition_by_slug(db: &impl ConnectionTrait, viewer: &Viewer, slug: &str) -> AppResult<coalition::Model> {
    let found = visible::<coalition::Entity>(viewer)
        .filter(coalition::Column::Slug.eq(slug))
        .one(db)
        .await?;
    found.ok_or_else(|| AppError::not_found(format!("No coalition with slug \"{}\"", clip(slug))))
}

/// The theme with `slug`, or NOT_FOUND.
pub async fn theme_by_slug(db: &impl ConnectionTrait, viewer: &Viewer, slug: &str) -> AppResult<theme::Model> {
    let found = visible::<theme::Entity>(viewer)
        .filter(theme::Column::Slug.eq(slug))
        .one(db)
        .await?;
    found.ok_or_else(|| AppError::not_found(format!("No theme with slug \"{}\"", clip(slug))))
}
