//! Writing people: an organisation's admins manage the people of their own organisation, and
//! platform admins those of any; integration scripts sync them by external reference.

use crate::codes::Code;
use chrono::Utc;
use entity::{PersonRole, organisation, person};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait};

mod email;
mod upsert;

pub use upsert::upsert;

use super::organisations::OnUnique;
use super::path::{self, Change};
use super::save::save;
use super::sync::{Editable, editable};
use super::{Check, WriteResult, invalid};
use crate::changes::{Action, Scope};
use crate::error::{AppError, AppResult};
use crate::ids::NodeType;
use crate::permissions;
use crate::viewer::{Role, Viewer};

/// The fields of a person a client may set; `None` leaves a field as it is, `Some(None)` clears
/// the email.
#[derive(Debug, Clone, Default)]
pub struct PersonFields {
    pub name: Option<String>,
    pub email: Option<Option<String>>,
    pub role: Option<PersonRole>,
}

impl Editable for person::Entity {
    const WHAT: &'static str = "person";

    fn may_edit(viewer: &Viewer, p: &person::Model) -> AppResult<()> {
        permissions::token(viewer)?;
        permissions::person_admin(viewer, p.organisation_id, "change people of this organisation")
    }
}

const NODE: NodeType = NodeType::Person;

/// Creates a person in the viewer's own organisation; a platform admin names the organisation
/// (`named`), an organisation admin never does.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    named: Option<i32>,
    f: PersonFields,
) -> WriteResult<person::Model> {
    let org = target_organisation(viewer, named)?;
    insert(db, viewer, org, f, None).await
}

pub(super) async fn insert(
    db: &DatabaseConnection,
    viewer: &Viewer,
    org: i32,
    mut f: PersonFields,
    external_ref: Option<String>,
) -> WriteResult<person::Model> {
    path::run(db, viewer, "createPerson", |w| {
        Box::pin(async move {
            let mut c = validate(&mut f, true);
            if organisation::Entity::find_by_id(org).one(w.db()).await?.is_none() {
                c.fail("organisation", Code::NotFound, "No organisation with that ID");
            }
            c.finish()?;
            let now = Utc::now();
            let mut am = person::ActiveModel {
                id: NotSet,
                organisation_id: Set(Some(org)),
                email: Set(None),
                role: Set(f.role.unwrap_or(PersonRole::Professional)),
                external_ref: Set(external_ref.clone()),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            let mut changed = apply(&mut am, &f);
            changed.push("organisation");
            if external_ref.is_some() {
                changed.push("externalRef");
            }
            let p = am.insert(w.db()).await.on_unique("externalRef")?;
            w.record(
                Change::new(NODE, p.id, Action::Created, Scope::PUBLIC)
                    .version(p.version)
                    .fields(changed),
            );
            Ok(p)
        })
    })
    .await
}

/// Updates person `id`; `expected` is the client's `expectedVersion`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    mut f: PersonFields,
    expected: Option<i32>,
) -> WriteResult<person::Model> {
    permissions::token(viewer)?;
    path::run(db, viewer, "updatePerson", |w| {
        Box::pin(async move {
            let p = editable::<person::Entity>(w.db(), viewer, id).await?;
            validate(&mut f, false).finish()?;
            let mut am = person::ActiveModel {
                updated_at: Set(Utc::now()),
                ..Default::default()
            };
            let changed = apply(&mut am, &f);
            save::<person::Entity>(w, &p, am, changed, expected, None).await
        })
    })
    .await
}

/// Deletes person `id`; what they contributed stays, without their name. Returns the id.
pub async fn delete(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<i32> {
    permissions::token(viewer)?;
    path::run(db, viewer, "deletePerson", |w| {
        Box::pin(async move {
            let p = editable::<person::Entity>(w.db(), viewer, id).await?;
            if person::Entity::delete_by_id(p.id).exec(w.db()).await?.rows_affected == 0 {
                return Err(AppError::not_found("The person was deleted meanwhile").into());
            }
            w.record(Change::new(NODE, id, Action::Deleted, Scope::PUBLIC));
            Ok(id)
        })
    })
    .await
}

/// The organisation a new person belongs to: the caller's own, never one it names, except that
/// a platform admin must name one.
pub(super) fn target_organisation(viewer: &Viewer, named: Option<i32>) -> WriteResult<i32> {
    let t = permissions::token(viewer)?;
    if t.role == Role::PlatformAdmin {
        let msg = "A platform token must name the organisation the person belongs to";
        return named.ok_or_else(|| invalid("organisation", Code::Required, msg));
    }
    let forbidden = |m: &str| AppError::Forbidden(m.into());
    if named.is_some() {
        return Err(
            forbidden("An organisation token adds people to its own organisation: leave out `organisation`").into(),
        );
    }
    let org = t
        .organisation_id
        .ok_or_else(|| forbidden("This token belongs to no organisation"))?;
    permissions::organisation_admin(viewer, org, "add people to this organisation")?;
    Ok(org)
}

/// Checks `f` (name and role present when `creating`), trimming what it keeps.
fn validate(f: &mut PersonFields, creating: bool) -> Check {
    let mut c = Check::new();
    if creating || f.name.is_some() {
        f.name = Some(c.text("name", f.name.as_deref().unwrap_or(""), 200));
    }
    if let Some(v) = &f.email {
        let email = c.opt_text("email", v.as_deref(), 320);
        if email.as_deref().is_some_and(|e| !email::email_shaped(e)) {
            c.fail("email", Code::Invalid, "`email` must look like name@example.org");
        }
        f.email = Some(email);
    }
    c
}

fn apply(am: &mut person::ActiveModel, f: &PersonFields) -> Vec<&'static str> {
    let mut changed = vec![];
    if let Some(v) = &f.name {
        am.name = Set(v.clone());
        changed.push("name");
    }
    if let Some(v) = &f.email {
        am.email = Set(v.clone());
        changed.push("email");
    }
    if let Some(v) = f.role {
        am.role = Set(v);
        changed.push("role");
    }
    changed
}
