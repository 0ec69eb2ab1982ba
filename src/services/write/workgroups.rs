//! Writing workgroups, their members and their themes.

use chrono::{NaiveDate, Utc};
use entity::{
    Visibility, WorkgroupKind, WorkgroupRole, person, theme, workgroup as wg, workgroup_membership as wm,
    workgroup_theme as wt,
};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::links::toggle;
use super::load::{gid, reload, visible_row};
use super::{Check, WriteResult, invalid, update_versioned};
use crate::graphql::ids::NodeType;
use crate::permissions;
use crate::services::audit;
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

const ENTITY: &str = "Workgroup";

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

/// Starts a workgroup in coalition `coalition_id`.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    coalition_id: i32,
    mut f: WorkgroupFields,
) -> WriteResult<wg::Model> {
    permissions::coalition_editor(viewer, coalition_id, "start workgroups in this coalition")?;
    validate(None, &mut f)?;
    let txn = crate::db::begin_write(db).await?;
    let now = Utc::now();
    let mut am = wg::ActiveModel {
        id: NotSet,
        coalition_id: Set(coalition_id),
        kind: Set(WorkgroupKind::Workgroup),
        method: Set(None),
        description: Set(None),
        starts_on: Set(None),
        ends_on: Set(None),
        visibility: Set(Visibility::Public),
        archived_at: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let mut changed = apply(&mut am, &f);
    changed.push("coalition");
    let m = am.insert(&txn).await?;
    audit::record(
        &txn,
        viewer,
        "createWorkgroup",
        ENTITY,
        &gid(NodeType::Workgroup, m.id),
        &changed,
    )
    .await?;
    txn.commit().await?;
    Ok(m)
}

async fn editable(conn: &impl ConnectionTrait, viewer: &Viewer, id: i32) -> WriteResult<wg::Model> {
    let m = visible_row::<wg::Entity>(conn, viewer, id, "workgroup").await?;
    permissions::coalition_editor(viewer, m.coalition_id, "change workgroups of this coalition")?;
    Ok(m)
}

/// Updates workgroup `id`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    mut f: WorkgroupFields,
    expected: Option<i32>,
) -> WriteResult<wg::Model> {
    let txn = crate::db::begin_write(db).await?;
    let m = editable(&txn, viewer, id).await?;
    validate(Some(&m), &mut f)?;
    let mut am = wg::ActiveModel {
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let changed = apply(&mut am, &f);
    update_versioned(
        &txn,
        am,
        (wg::Column::Id, id),
        (wg::Column::Version, m.version),
        expected,
    )
    .await?;
    audit::record(
        &txn,
        viewer,
        "updateWorkgroup",
        ENTITY,
        &gid(NodeType::Workgroup, id),
        &changed,
    )
    .await?;
    let m = reload::<wg::Entity>(&txn, id).await?;
    txn.commit().await?;
    Ok(m)
}

/// Archives workgroup `id`; archiving again changes nothing.
pub async fn archive(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<wg::Model> {
    let txn = crate::db::begin_write(db).await?;
    let m = editable(&txn, viewer, id).await?;
    if m.archived_at.is_none() {
        let am = wg::ActiveModel {
            archived_at: Set(Some(Utc::now())),
            updated_at: Set(Utc::now()),
            ..Default::default()
        };
        update_versioned(&txn, am, (wg::Column::Id, id), (wg::Column::Version, m.version), None).await?;
        audit::record(
            &txn,
            viewer,
            "archiveWorkgroup",
            ENTITY,
            &gid(NodeType::Workgroup, id),
            &["archivedAt"],
        )
        .await?;
    }
    let m = reload::<wg::Entity>(&txn, id).await?;
    txn.commit().await?;
    Ok(m)
}

/// Adds person `person_id` to workgroup `id` with `role`, or changes their role.
pub async fn add_member(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    person_id: i32,
    role: WorkgroupRole,
) -> WriteResult<wm::Model> {
    let txn = crate::db::begin_write(db).await?;
    editable(&txn, viewer, id).await?;
    if person::Entity::find_by_id(person_id).one(&txn).await?.is_none() {
        return Err(invalid("person", "NOT_FOUND", "No person with that ID"));
    }
    let existing = wm::Entity::find()
        .filter(wm::Column::WorkgroupId.eq(id))
        .filter(wm::Column::PersonId.eq(person_id))
        .one(&txn)
        .await?;
    let m = match existing {
        Some(m) if m.role == role => m,
        Some(m) => {
            let mut am: wm::ActiveModel = m.into();
            am.role = Set(role);
            am.update(&txn).await?
        }
        None => {
            let am = wm::ActiveModel {
                id: NotSet,
                workgroup_id: Set(id),
                person_id: Set(person_id),
                role: Set(role),
                created_at: Set(Utc::now()),
            };
            am.insert(&txn).await?
        }
    };
    audit::record(
        &txn,
        viewer,
        "addWorkgroupMember",
        ENTITY,
        &gid(NodeType::Workgroup, id),
        &["members"],
    )
    .await?;
    txn.commit().await?;
    Ok(m)
}

/// Takes person `person_id` out of workgroup `id`.
pub async fn remove_member(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    person_id: i32,
) -> WriteResult<wg::Model> {
    let txn = crate::db::begin_write(db).await?;
    let m = editable(&txn, viewer, id).await?;
    let res = wm::Entity::delete_many()
        .filter(wm::Column::WorkgroupId.eq(id))
        .filter(wm::Column::PersonId.eq(person_id))
        .exec(&txn)
        .await?;
    if res.rows_affected > 0 {
        audit::record(
            &txn,
            viewer,
            "removeWorkgroupMember",
            ENTITY,
            &gid(NodeType::Workgroup, id),
            &["members"],
        )
        .await?;
    }
    txn.commit().await?;
    Ok(m)
}

/// Adds (`add`) or removes a theme of workgroup `id`.
pub async fn set_theme(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    theme_id: i32,
    add: bool,
) -> WriteResult<wg::Model> {
    let txn = crate::db::begin_write(db).await?;
    let m = editable(&txn, viewer, id).await?;
    if theme::Entity::find_by_id(theme_id).one(&txn).await?.is_none() {
        return Err(invalid("theme", "NOT_FOUND", "No theme with that ID"));
    }
    let row = wt::ActiveModel {
        workgroup_id: Set(id),
        theme_id: Set(theme_id),
    };
    if toggle::<wt::Entity>(&txn, (id, theme_id), row, add).await? {
        let action = if add {
            "addWorkgroupTheme"
        } else {
            "removeWorkgroupTheme"
        };
        audit::record(&txn, viewer, action, ENTITY, &gid(NodeType::Workgroup, id), &["themes"]).await?;
    }
    txn.commit().await?;
    Ok(m)
}
