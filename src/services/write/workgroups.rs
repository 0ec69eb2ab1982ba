//! Writing workgroups, their members and their themes.

use chrono::{NaiveDate, Utc};
use entity::{
    Visibility, WorkgroupKind, WorkgroupRole, person, theme, workgroup as wg, workgroup_membership as wm,
    workgroup_theme as wt,
};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::links::toggle;
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

/// The fields of a workgroup a client may set.
#[derive(Debug, Clone, Default)]
pub struct WorkgroupFields {
    pub name: Option<String>,
    pub kind: Option<WorkgroupKind>,
    pub method: Option<Option<String>>,
    pub description: Option<Option<String>>,
    pub starts_on: Option<Option<NaiveDate>>,
    pub ends_on: Option<Option<NaiveDate>>,
    pub visibility: Option<Visibility>,
}

impl Editable for wg::Entity {
    const WHAT: &'static str = "workgroup";

    fn may_edit(viewer: &Viewer, m: &wg::Model) -> AppResult<()> {
        permissions::coalition_editor(viewer, m.coalition_id, "change workgroups of this coalition")
    }
}

const NODE: NodeType = NodeType::Workgroup;

fn validate(current: Option<&wg::Model>, f: &mut WorkgroupFields) -> WriteResult<()> {
    let mut c = Check::new();
    if current.is_none() || f.name.is_some() {
        f.name = Some(c.text("name", f.name.as_deref().unwrap_or(""), 200));
    }
    if let Some(m) = &mut f.method {
        *m = c.opt_text("method", m.as_deref(), 200);
    }
    if let Some(d) = &mut f.description {
        *d = c.opt_text("description", d.as_deref(), 10_000);
    }
    let start = f.starts_on.unwrap_or(current.and_then(|w| w.starts_on));
    let end = f.ends_on.unwrap_or(current.and_then(|w| w.ends_on));
    c.date("startsOn", start);
    c.date("endsOn", end);
    c.order("endsOn", start, end);
    c.finish()
}

fn apply(am: &mut wg::ActiveModel, f: &WorkgroupFields) -> Vec<&'static str> {
    let mut changed = vec![];
    super::apply_fields!(am, f, changed;
        name => "name",
        kind => "kind",
        method => "method",
        description => "description",
        starts_on => "startsOn",
        ends_on => "endsOn",
        visibility => "visibility",
    );
    changed
}

/// Starts a workgroup in coalition `coalition_id`. Without a `visibility` it is COALITION:
/// private by default.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    coalition_id: i32,
    mut f: WorkgroupFields,
) -> WriteResult<wg::Model> {
    permissions::coalition_editor(viewer, coalition_id, "start workgroups in this coalition")?;
    validate(None, &mut f)?;
    path::run(db, viewer, "createWorkgroup", |w| {
        Box::pin(async move {
            let now = Utc::now();
            let mut am = wg::ActiveModel {
                id: NotSet,
                coalition_id: Set(coalition_id),
                kind: Set(WorkgroupKind::Workgroup),
                method: Set(None),
                description: Set(None),
                starts_on: Set(None),
                ends_on: Set(None),
                visibility: Set(Visibility::Coalition),
                archived_at: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            let mut changed = apply(&mut am, &f);
            changed.push("coalition");
            let m = am.insert(w.db()).await?;
            let scope = wg::Entity::scope(&m);
            w.record(
                Change::new(NODE, m.id, Action::Created, scope)
                    .version(m.version)
                    .fields(changed),
            );
            Ok(m)
        })
    })
    .await
}

/// Updates workgroup `id`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    mut f: WorkgroupFields,
    expected: Option<i32>,
) -> WriteResult<wg::Model> {
    path::run(db, viewer, "updateWorkgroup", |w| {
        Box::pin(async move {
            let m = editable::<wg::Entity>(w.db(), viewer, id).await?;
            validate(Some(&m), &mut f)?;
            let mut am = wg::ActiveModel {
                updated_at: Set(Utc::now()),
                ..Default::default()
            };
            let changed = apply(&mut am, &f);
            save::<wg::Entity>(w, &m, am, changed, expected, None).await
        })
    })
    .await
}

/// Archives workgroup `id`; archiving again changes nothing.
pub async fn archive(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<wg::Model> {
    path::run(db, viewer, "archiveWorkgroup", |w| {
        Box::pin(async move {
            let m = editable::<wg::Entity>(w.db(), viewer, id).await?;
            if m.archived_at.is_some() {
                return Ok(m);
            }
            let am = wg::ActiveModel {
                archived_at: Set(Some(Utc::now())),
                updated_at: Set(Utc::now()),
                ..Default::default()
            };
            save::<wg::Entity>(w, &m, am, vec!["archivedAt"], None, Some(Action::Archived)).await
        })
    })
    .await
}

/// Adds person `person_id` to workgroup `id` with `role`, or changes their role.
pub async fn add_member(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    person_id: i32,
    role: WorkgroupRole,
) -> WriteResult<wm::Model> {
    path::run(db, viewer, "addWorkgroupMember", |w| {
        Box::pin(async move {
            let group = editable::<wg::Entity>(w.db(), viewer, id).await?;
            if person::Entity::find_by_id(person_id).one(w.db()).await?.is_none() {
                return Err(invalid("person", Code::NotFound, "No person with that ID"));
            }
            let existing = wm::Entity::find()
                .filter(wm::Column::WorkgroupId.eq(id))
                .filter(wm::Column::PersonId.eq(person_id))
                .one(w.db())
                .await?;
            let (m, action) = match existing {
                Some(m) if m.role == role => return Ok(m),
                Some(m) => {
                    let mut am: wm::ActiveModel = m.into();
                    am.role = Set(role);
                    (am.update(w.db()).await?, Action::Updated)
                }
                None => {
                    let am = wm::ActiveModel {
                        id: NotSet,
                        workgroup_id: Set(id),
                        person_id: Set(person_id),
                        role: Set(role),
                        created_at: Set(Utc::now()),
                    };
                    (am.insert(w.db()).await?, Action::MemberAdded)
                }
            };
            let scope = wg::Entity::scope(&group);
            w.record(
                Change::new(NODE, id, action, scope)
                    .version(group.version)
                    .fields(["members"]),
            );
            Ok(m)
        })
    })
    .await
}

/// Takes person `person_id` out of workgroup `id`.
pub async fn remove_member(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    person_id: i32,
) -> WriteResult<wg::Model> {
    path::run(db, viewer, "removeWorkgroupMember", |w| {
        Box::pin(async move {
            let m = editable::<wg::Entity>(w.db(), viewer, id).await?;
            let res = wm::Entity::delete_many()
                .filter(wm::Column::WorkgroupId.eq(id))
                .filter(wm::Column::PersonId.eq(person_id))
                .exec(w.db())
                .await?;
            if res.rows_affected > 0 {
                let scope = wg::Entity::scope(&m);
                w.record(
                    Change::new(NODE, id, Action::MemberRemoved, scope)
                        .version(m.version)
                        .fields(["members"]),
                );
            }
            Ok(m)
        })
    })
    .await
}

/// Adds (`add`) or removes a theme of workgroup `id`.
pub async fn set_theme(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    theme_id: i32,
    add: bool,
) -> WriteResult<wg::Model> {
    let operation = if add {
        "addWorkgroupTheme"
    } else {
        "removeWorkgroupTheme"
    };
    path::run(db, viewer, operation, |w| {
        Box::pin(async move {
            let m = editable::<wg::Entity>(w.db(), viewer, id).await?;
            if theme::Entity::find_by_id(theme_id).one(w.db()).await?.is_none() {
                return Err(invalid("theme", Code::NotFound, "No theme with that ID"));
            }
            let row = wt::ActiveModel {
                workgroup_id: Set(id),
                theme_id: Set(theme_id),
            };
            if toggle::<wt::Entity>(w.db(), (id, theme_id), row, add).await? {
                let action = if add { Action::Linked } else { Action::Unlinked };
                let scope = wg::Entity::scope(&m);
                w.record(
                    Change::new(NODE, id, action, scope)
                        .version(m.version)
                        .fields(["themes"]),
                );
            }
            Ok(m)
        })
    })
    .await
}
