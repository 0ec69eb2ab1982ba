//! Writing organisations: create and archive (platform admins), update (the organisation's own
//! admins too). `common` holds what all directory writes share.

use chrono::Utc;
use entity::{OrganisationKind, organisation as org};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection};

mod common;

pub(super) use super::load::reload;
pub(super) use common::{OnUnique, taken};

use super::load::visible_row;
use super::path::{self, Change};
use super::save::save;
use super::{Check, WriteResult};
use crate::changes::{Action, Scope};
use crate::ids::NodeType;
use crate::permissions;
use crate::viewer::Viewer;

/// The fields of an organisation a client may set; `None` leaves a field as it is, `Some(None)`
/// clears it.
#[derive(Debug, Clone, Default)]
pub struct OrganisationFields {
    pub slug: Option<String>,
    pub name: Option<String>,
    pub kind: Option<OrganisationKind>,
    pub city: Option<Option<String>>,
    pub website: Option<Option<String>>,
    pub description: Option<Option<String>>,
    pub external_ref: Option<Option<String>>,
}

const NODE: NodeType = NodeType::Organisation;

/// Creates an organisation (platform admins).
pub async fn create(db: &DatabaseConnection, viewer: &Viewer, mut f: OrganisationFields) -> WriteResult<org::Model> {
    permissions::platform_admin(viewer, "create organisations")?;
    path::run(db, viewer, "createOrganisation", |w| {
        Box::pin(async move {
            validate(w.db(), None, &mut f, true).await?;
            let now = Utc::now();
            let mut am = org::ActiveModel {
                id: NotSet,
                kind: Set(f.kind.unwrap_or(OrganisationKind::Other)),
                city: Set(None),
                website: Set(None),
                description: Set(None),
                external_ref: Set(None),
                archived_at: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            let changed = apply(&mut am, &f);
            let o = am.insert(w.db()).await.on_unique("slug")?;
            w.record(
                Change::new(NODE, o.id, Action::Created, Scope::PUBLIC)
                    .version(o.version)
                    .fields(changed),
            );
            Ok(o)
        })
    })
    .await
}

/// Updates organisation `id` (its own admins, platform admins); `expected` is `expectedVersion`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    mut f: OrganisationFields,
    expected: Option<i32>,
) -> WriteResult<org::Model> {
    path::run(db, viewer, "updateOrganisation", |w| {
        Box::pin(async move {
            let o = visible_row::<org::Entity>(w.db(), viewer, id, "organisation").await?;
            permissions::organisation_admin(viewer, o.id, "change this organisation")?;
            validate(w.db(), Some(id), &mut f, false).await?;
            let mut am = org::ActiveModel {
                updated_at: Set(Utc::now()),
                ..Default::default()
            };
            let changed = apply(&mut am, &f);
            save::<org::Entity>(w, &o, am, changed, expected, None)
                .await
                .on_unique("slug")
        })
    })
    .await
}

/// Archives organisation `id` (platform admins); archiving an archived one changes nothing.
/// The organisation's tokens stop working until it is restored.
pub async fn archive(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<org::Model> {
    set_archived(db, viewer, id, true).await
}

/// Restores archived organisation `id` (platform admins); its tokens work again. Restoring one
/// that is not archived changes nothing.
pub async fn restore(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<org::Model> {
    set_archived(db, viewer, id, false).await
}

async fn set_archived(db: &DatabaseConnection, viewer: &Viewer, id: i32, archive: bool) -> WriteResult<org::Model> {
    let (operation, action, what) = if archive {
        ("archiveOrganisation", Action::Archived, "archive organisations")
    } else {
        ("restoreOrganisation", Action::Restored, "restore organisations")
    };
    permissions::platform_admin(viewer, what)?;
    path::run(db, viewer, operation, |w| {
        Box::pin(async move {
            let o = visible_row::<org::Entity>(w.db(), viewer, id, "organisation").await?;
            if o.archived_at.is_some() == archive {
                return Ok(o);
            }
            let now = Utc::now();
            let am = org::ActiveModel {
                archived_at: Set(archive.then_some(now)),
                updated_at: Set(now),
                ..Default::default()
            };
            save::<org::Entity>(w, &o, am, vec!["archivedAt"], None, Some(action)).await
        })
    })
    .await
}

/// Checks `f` (all required fields present when `creating`), trimming what it keeps; `id` is the
/// organisation being changed, which may keep its own slug.
async fn validate(
    conn: &impl ConnectionTrait,
    id: Option<i32>,
    f: &mut OrganisationFields,
    creating: bool,
) -> WriteResult<()> {
    let mut c = Check::new();
    if creating || f.slug.is_some() {
        f.slug = Some(c.slug("slug", f.slug.as_deref().unwrap_or("")));
    }
    if creating || f.name.is_some() {
        f.name = Some(c.text("name", f.name.as_deref().unwrap_or(""), 200));
    }
    if let Some(v) = &f.city {
        f.city = Some(c.opt_text("city", v.as_deref(), 120));
    }
    if let Some(v) = &f.website {
        f.website = Some(c.url("website", v.as_deref()));
    }
    if let Some(v) = &f.description {
        f.description = Some(c.opt_text("description", v.as_deref(), 10_000));
    }
    if let Some(v) = &f.external_ref {
        f.external_ref = Some(c.opt_text("externalRef", v.as_deref(), 200));
    }
    if let Some(slug) = &f.slug {
        taken::<org::Entity>(conn, &mut c, "slug", org::Column::Slug, slug, id).await?;
    }
    if let Some(Some(r)) = &f.external_ref {
        taken::<org::Entity>(conn, &mut c, "externalRef", org::Column::ExternalRef, r, id).await?;
    }
    c.finish()
}

fn apply(am: &mut org::ActiveModel, f: &OrganisationFields) -> Vec<&'static str> {
    let mut changed = vec![];
    macro_rules! put {
        ($field:ident, $name:literal) => {
            if let Some(v) = &f.$field {
                am.$field = Set(v.clone());
                changed.push($name);
            }
        };
    }
    put!(slug, "slug");
    put!(name, "name");
    put!(kind, "kind");
    put!(city, "city");
    put!(website, "website");
    put!(description, "description");
    put!(external_ref, "externalRef");
    changed
}
