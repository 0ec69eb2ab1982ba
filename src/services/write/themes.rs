//! Writing themes: any editor may add one to the shared vocabulary; only platform admins change
//! one, because every coalition using it sees the change.

use chrono::Utc;
use entity::theme;
use sea_orm::ActiveModelTrait;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::load::visible_row;
use super::organisations::{OnUnique, taken};
use super::path::{self, Change};
use super::save::save;
use super::{Check, WriteResult};
use crate::changes::{Action, Scope};
use crate::ids::NodeType;
use crate::permissions;
use crate::viewer::Viewer;

/// The fields of a theme a client may set; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ThemeFields {
    pub slug: Option<String>,
    pub name: Option<String>,
    pub description: Option<Option<String>>,
}

const NODE: NodeType = NodeType::Theme;

/// Creates a theme (editors and admins of any organisation, platform admins).
pub async fn create(db: &DatabaseConnection, viewer: &Viewer, mut f: ThemeFields) -> WriteResult<theme::Model> {
    permissions::any_editor(viewer, "create themes")?;
    path::run(db, viewer, "createTheme", |w| {
        Box::pin(async move {
            validate(w.db(), None, &mut f, true).await?;
            let mut am = theme::ActiveModel {
                id: NotSet,
                description: Set(None),
                version: Set(1),
                created_at: Set(Utc::now()),
                ..Default::default()
            };
            let changed = apply(&mut am, &f);
            let t = am.insert(w.db()).await.on_unique("slug")?;
            w.record(
                Change::new(NODE, t.id, Action::Created, Scope::PUBLIC)
                    .version(t.version)
                    .fields(changed),
            );
            Ok(t)
        })
    })
    .await
}

/// Updates theme `id` (platform admins); `expected` is the client's `expectedVersion`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    mut f: ThemeFields,
    expected: Option<i32>,
) -> WriteResult<theme::Model> {
    permissions::platform_admin(viewer, "change themes")?;
    path::run(db, viewer, "updateTheme", |w| {
        Box::pin(async move {
            let t = visible_row::<theme::Entity>(w.db(), viewer, id, "theme").await?;
            validate(w.db(), Some(id), &mut f, false).await?;
            let mut am = <theme::ActiveModel as Default>::default();
            let changed = apply(&mut am, &f);
            save::<theme::Entity>(w, &t, am, changed, expected, None)
                .await
                .on_unique("slug")
        })
    })
    .await
}

async fn validate(
    conn: &impl ConnectionTrait,
    id: Option<i32>,
    f: &mut ThemeFields,
    creating: bool,
) -> WriteResult<()> {
    let mut c = Check::new();
    if creating || f.slug.is_some() {
        f.slug = Some(c.slug("slug", f.slug.as_deref().unwrap_or("")));
    }
    if creating || f.name.is_some() {
        f.name = Some(c.text("name", f.name.as_deref().unwrap_or(""), 120));
    }
    if let Some(v) = &f.description {
        f.description = Some(c.opt_text("description", v.as_deref(), 10_000));
    }
    if let Some(slug) = &f.slug {
        taken::<theme::Entity>(conn, &mut c, "slug", theme::Column::Slug, slug, id).await?;
    }
    c.finish()
}

fn apply(am: &mut theme::ActiveModel, f: &ThemeFields) -> Vec<&'static str> {
    let mut changed = vec![];
    if let Some(v) = &f.slug {
        am.slug = Set(v.clone());
        changed.push("slug");
    }
    if let Some(v) = &f.name {
        am.name = Set(v.clone());
        changed.push("name");
    }
    if let Some(v) = &f.description {
        am.description = Set(v.clone());
        changed.push("description");
    }
    changed
}
