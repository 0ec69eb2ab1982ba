//! Writing learning tracks and their ordered sessions.

use chrono::{NaiveDate, Utc};
use entity::{learning_track as lt, meeting, track_session as ts};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::links::same_coalition;
use super::load::visible_row;
use super::path::{self, Change};
use super::save::{Versioned, save};
use super::sync::{Editable, editable};
use super::{Check, WriteResult, invalid};
use crate::changes::Action;
use crate::codes::Code;
use crate::error::AppResult;
use crate::ids::NodeType;
use crate::permissions;
use crate::viewer::Viewer;

/// The fields of a learning track a client may set.
#[derive(Debug, Clone, Default)]
pub struct TrackFields {
    pub title: Option<String>,
    pub goal: Option<String>,
    pub starts_on: Option<Option<NaiveDate>>,
    pub ends_on: Option<Option<NaiveDate>>,
}

impl Editable for lt::Entity {
    const WHAT: &'static str = "learning track";

    fn may_edit(viewer: &Viewer, m: &lt::Model) -> AppResult<()> {
        permissions::coalition_editor(viewer, m.coalition_id, "change learning tracks of this coalition")
    }
}

const NODE: NodeType = NodeType::LearningTrack;

fn validate(current: Option<&lt::Model>, f: &mut TrackFields) -> WriteResult<()> {
    let mut c = Check::new();
    if current.is_none() || f.title.is_some() {
        f.title = Some(c.text("title", f.title.as_deref().unwrap_or(""), 300));
    }
    if current.is_none() || f.goal.is_some() {
        f.goal = Some(c.text("goal", f.goal.as_deref().unwrap_or(""), 10_000));
    }
    let start = f.starts_on.unwrap_or(current.and_then(|t| t.starts_on));
    let end = f.ends_on.unwrap_or(current.and_then(|t| t.ends_on));
    c.date("startsOn", start);
    c.date("endsOn", end);
    c.order("endsOn", start, end);
    c.finish()
}

fn apply(am: &mut lt::ActiveModel, f: &TrackFields) -> Vec<&'static str> {
    let mut changed = vec![];
    super::apply_fields!(am, f, changed;
        title => "title",
        goal => "goal",
        starts_on => "startsOn",
        ends_on => "endsOn",
    );
    changed
}

/// Starts a learning track of coalition `coalition_id`.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    coalition_id: i32,
    mut f: TrackFields,
) -> WriteResult<lt::Model> {
    permissions::coalition_editor(viewer, coalition_id, "start learning tracks in this coalition")?;
    validate(None, &mut f)?;
    path::run(db, viewer, "createLearningTrack", |w| {
        Box::pin(async move {
            let now = Utc::now();
            let mut am = lt::ActiveModel {
                id: NotSet,
                coalition_id: Set(coalition_id),
                starts_on: Set(None),
                ends_on: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            let mut changed = apply(&mut am, &f);
            changed.push("coalition");
            let m = am.insert(w.db()).await?;
            w.record(
                Change::new(NODE, m.id, Action::Created, lt::Entity::scope(&m))
                    .version(m.version)
                    .fields(changed),
            );
            Ok(m)
        })
    })
    .await
}

/// Updates learning track `id`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    mut f: TrackFields,
    expected: Option<i32>,
) -> WriteResult<lt::Model> {
    path::run(db, viewer, "updateLearningTrack", |w| {
        Box::pin(async move {
            let m = editable::<lt::Entity>(w.db(), viewer, id).await?;
            validate(Some(&m), &mut f)?;
            let mut am = lt::ActiveModel {
                updated_at: Set(Utc::now()),
                ..Default::default()
            };
            let changed = apply(&mut am, &f);
            save::<lt::Entity>(w, &m, am, changed, expected, None).await
        })
    })
    .await
}

/// Makes meeting `meeting_id` session number `position` of track `id` (or moves it there).
pub async fn add_session(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    meeting_id: i32,
    position: i32,
) -> WriteResult<lt::Model> {
    path::run(db, viewer, "addTrackSession", |w| {
        Box::pin(async move {
            let t = editable::<lt::Entity>(w.db(), viewer, id).await?;
            let m = visible_row::<meeting::Entity>(w.db(), viewer, meeting_id, "meeting").await?;
            same_coalition("meeting", t.coalition_id, m.coalition_id)?;
            if !(1..=1000).contains(&position) {
                return Err(invalid(
                    "position",
                    Code::OutOfRange,
                    "`position` must lie between 1 and 1000",
                ));
            }
            let taken = ts::Entity::find()
                .filter(ts::Column::TrackId.eq(id))
                .filter(ts::Column::Position.eq(position))
                .filter(ts::Column::MeetingId.ne(meeting_id))
                .one(w.db())
                .await?;
            if taken.is_some() {
                return Err(invalid(
                    "position",
                    Code::Duplicate,
                    "Another session already has that position",
                ));
            }
            ts::Entity::delete_by_id((id, meeting_id)).exec(w.db()).await?;
            ts::ActiveModel {
                track_id: Set(id),
                meeting_id: Set(meeting_id),
                position: Set(position),
            }
            .insert(w.db())
            .await?;
            w.record(
                Change::new(NODE, id, Action::Linked, lt::Entity::scope(&t))
                    .version(t.version)
                    .fields(["sessions"]),
            );
            Ok(t)
        })
    })
    .await
}

/// Takes meeting `meeting_id` out of track `id`.
pub async fn remove_session(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    meeting_id: i32,
) -> WriteResult<lt::Model> {
    path::run(db, viewer, "removeTrackSession", |w| {
        Box::pin(async move {
            let t = editable::<lt::Entity>(w.db(), viewer, id).await?;
            let gone = ts::Entity::delete_by_id((id, meeting_id))
                .exec(w.db())
                .await?
                .rows_affected;
            if gone > 0 {
                let change = Change::new(NODE, id, Action::Unlinked, lt::Entity::scope(&t));
                w.record(change.version(t.version).fields(["sessions"]));
            }
            Ok(t)
        })
    })
    .await
}
