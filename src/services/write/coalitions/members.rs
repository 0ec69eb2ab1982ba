//! Writing coalition memberships: which organisations take part in a coalition, in what role and
//! from when to when. Platform admins and admins of a leading organisation manage them.

use chrono::{NaiveDate, Utc};
use entity::{MembershipRole, coalition, coalition_membership as cm, organisation};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::changes::{Action, Scope};
use crate::codes::Code;
use crate::error::AppError;
use crate::ids::NodeType;
use crate::permissions;
use crate::services::write::load::visible_row;
use crate::services::write::organisations::{OnUnique, reload};
use crate::services::write::path::{self, Change};
use crate::services::write::{Check, WriteResult};
use crate::viewer::Viewer;

/// Changes to a membership; `None` leaves a field as it is, `Some(None)` clears a date.
#[derive(Debug, Clone, Default)]
pub struct MemberFields {
    pub role: Option<MembershipRole>,
    pub joined_on: Option<Option<NaiveDate>>,
    pub left_on: Option<Option<NaiveDate>>,
}

const NODE: NodeType = NodeType::CoalitionMembership;

/// Adds organisation `organisation_id` to coalition `coalition_id`.
pub async fn add(
    db: &DatabaseConnection,
    viewer: &Viewer,
    coalition_id: i32,
    organisation_id: i32,
    role: MembershipRole,
    joined_on: Option<NaiveDate>,
) -> WriteResult<cm::Model> {
    permissions::token(viewer)?;
    path::run(db, viewer, "addCoalitionMember", |w| {
        Box::pin(async move {
            visible_row::<coalition::Entity>(w.db(), viewer, coalition_id, "coalition").await?;
            let what = "change the members of this coalition";
            permissions::coalition_admin(w.db(), viewer, coalition_id, what).await?;
            check_new(w.db(), coalition_id, organisation_id, joined_on).await?;
            let am = cm::ActiveModel {
                id: NotSet,
                coalition_id: Set(coalition_id),
                organisation_id: Set(organisation_id),
                role: Set(role),
                joined_on: Set(joined_on),
                left_on: Set(None),
                created_at: Set(Utc::now()),
            };
            let m = am.insert(w.db()).await.on_unique("organisation")?;
            let changed = ["coalition", "organisation", "role", "joinedOn"];
            w.record(
                Change::new(
                    NODE,
                    m.id,
                    Action::MemberAdded,
                    Scope::PUBLIC.in_coalition(coalition_id),
                )
                .fields(changed),
            );
            Ok(m)
        })
    })
    .await
}

/// Changes membership `id`: its role, or when the organisation joined or left.
pub async fn update(db: &DatabaseConnection, viewer: &Viewer, id: i32, f: MemberFields) -> WriteResult<cm::Model> {
    permissions::token(viewer)?;
    path::run(db, viewer, "updateCoalitionMember", |w| {
        Box::pin(async move {
            let m = visible_row::<cm::Entity>(w.db(), viewer, id, "coalition membership").await?;
            let what = "change the members of this coalition";
            permissions::coalition_admin(w.db(), viewer, m.coalition_id, what).await?;
            let mut c = Check::new();
            c.date("joinedOn", f.joined_on.flatten());
            c.date("leftOn", f.left_on.flatten());
            c.order(
                "leftOn",
                f.joined_on.unwrap_or(m.joined_on),
                f.left_on.unwrap_or(m.left_on),
            );
            c.finish()?;
            let (am, changed) = apply(&f);
            if !changed.is_empty() {
                cm::Entity::update_many()
                    .set(am)
                    .filter(cm::Column::Id.eq(id))
                    .exec(w.db())
                    .await?;
                w.record(
                    Change::new(NODE, id, Action::Updated, Scope::PUBLIC.in_coalition(m.coalition_id)).fields(changed),
                );
            }
            reload::<cm::Entity>(w.db(), id).await
        })
    })
    .await
}

/// Removes membership `id`; returns its id.
pub async fn remove(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<i32> {
    permissions::token(viewer)?;
    path::run(db, viewer, "removeCoalitionMember", |w| {
        Box::pin(async move {
            let m = visible_row::<cm::Entity>(w.db(), viewer, id, "coalition membership").await?;
            let what = "change the members of this coalition";
            permissions::coalition_admin(w.db(), viewer, m.coalition_id, what).await?;
            let res = cm::Entity::delete_by_id(id).exec(w.db()).await?;
            if res.rows_affected == 0 {
                return Err(AppError::not_found("The membership was removed meanwhile").into());
            }
            w.record(Change::new(
                NODE,
                id,
                Action::MemberRemoved,
                Scope::PUBLIC.in_coalition(m.coalition_id),
            ));
            Ok(id)
        })
    })
    .await
}

/// Checks that `organisation_id` can join `coalition_id`: it exists, is not archived and is not a
/// member yet.
async fn check_new(
    conn: &impl ConnectionTrait,
    coalition_id: i32,
    organisation_id: i32,
    joined_on: Option<NaiveDate>,
) -> WriteResult<()> {
    let mut c = Check::new();
    c.date("joinedOn", joined_on);
    match organisation::Entity::find_by_id(organisation_id).one(conn).await? {
        None => c.fail("organisation", Code::NotFound, "No organisation with that ID"),
        Some(o) if o.archived_at.is_some() => c.fail("organisation", Code::Invalid, "The organisation is archived"),
        Some(_) => {}
    }
    let existing = cm::Entity::find()
        .filter(cm::Column::CoalitionId.eq(coalition_id))
        .filter(cm::Column::OrganisationId.eq(organisation_id))
        .one(conn)
        .await?;
    if existing.is_some() {
        let msg = "The organisation is already a member; change that membership instead";
        c.fail("organisation", Code::Duplicate, msg);
    }
    c.finish()
}

/// The changes of `f` as an active model, and the names of the fields it sets.
fn apply(f: &MemberFields) -> (cm::ActiveModel, Vec<&'static str>) {
    let mut am = <cm::ActiveModel as Default>::default();
    let mut changed = vec![];
    if let Some(v) = f.role {
        am.role = Set(v);
        changed.push("role");
    }
    if let Some(v) = f.joined_on {
        am.joined_on = Set(v);
        changed.push("joinedOn");
    }
    if let Some(v) = f.left_on {
        am.left_on = Set(v);
        changed.push("leftOn");
    }
    (am, changed)
}
