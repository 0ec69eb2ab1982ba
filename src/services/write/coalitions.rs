//! Writing coalitions: platform admins create them; platform admins and admins of a leading
//! organisation change and archive them and manage their members (`members`).

pub mod members;

use chrono::{NaiveDate, Utc};
use entity::{CoalitionKind, LifecycleStage, coalition};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection};

use super::load::visible_row;
use super::organisations::{OnUnique, taken};
use super::path::{self, Change};
use super::save::save;
use super::{Check, WriteResult};
use crate::changes::{Action, Scope};
use crate::ids::NodeType;
use crate::permissions;
use crate::viewer::Viewer;

/// The fields of a coalition a client may set; `None` leaves a field as it is, `Some(None)`
/// clears it.
#[derive(Debug, Clone, Default)]
pub struct CoalitionFields {
    pub slug: Option<String>,
    pub name: Option<String>,
    pub kind: Option<CoalitionKind>,
    pub area: Option<Option<String>>,
    pub municipality: Option<Option<String>>,
    pub stage: Option<LifecycleStage>,
    pub starts_on: Option<Option<NaiveDate>>,
    pub ends_on: Option<Option<NaiveDate>>,
    pub description: Option<Option<String>>,
}

const NODE: NodeType = NodeType::Coalition;

/// Creates a coalition (platform admins); it starts in stage POTENTIAL unless told otherwise.
pub async fn create(db: &DatabaseConnection, viewer: &Viewer, mut f: CoalitionFields) -> WriteResult<coalition::Model> {
    permissions::platform_admin(viewer, "create coalitions")?;
    path::run(db, viewer, "createCoalition", |w| {
        Box::pin(async move {
            validate(w.db(), None, &mut f).await?;
            let now = Utc::now();
            let mut am = coalition::ActiveModel {
                id: NotSet,
                kind: Set(f.kind.unwrap_or(CoalitionKind::CommunityOfPractice)),
                stage: Set(f.stage.unwrap_or(LifecycleStage::Potential)),
                area: Set(None),
                municipality: Set(None),
                starts_on: Set(None),
                ends_on: Set(None),
                description: Set(None),
                archived_at: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            let mut changed = apply(&mut am, &f);
            if f.stage.is_none() {
                changed.push("stage");
            }
            let c = am.insert(w.db()).await.on_unique("slug")?;
            w.record(
                Change::new(NODE, c.id, Action::Created, Scope::PUBLIC.in_coalition(c.id))
                    .version(c.version)
                    .fields(changed),
            );
            Ok(c)
        })
    })
    .await
}

/// Updates coalition `id`; `expected` is the client's `expectedVersion`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    mut f: CoalitionFields,
    expected: Option<i32>,
) -> WriteResult<coalition::Model> {
    permissions::token(viewer)?;
    path::run(db, viewer, "updateCoalition", |w| {
        Box::pin(async move {
            let c = visible_row::<coalition::Entity>(w.db(), viewer, id, "coalition").await?;
            permissions::coalition_admin(w.db(), viewer, id, "change this coalition").await?;
            validate(w.db(), Some(&c), &mut f).await?;
            let mut am = coalition::ActiveModel {
                updated_at: Set(Utc::now()),
                ..Default::default()
            };
            let changed = apply(&mut am, &f);
            save::<coalition::Entity>(w, &c, am, changed, expected, None)
                .await
                .on_unique("slug")
        })
    })
    .await
}

/// Archives coalition `id`; archiving an archived coalition changes nothing.
pub async fn archive(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<coalition::Model> {
    permissions::token(viewer)?;
    path::run(db, viewer, "archiveCoalition", |w| {
        Box::pin(async move {
            let c = visible_row::<coalition::Entity>(w.db(), viewer, id, "coalition").await?;
            permissions::coalition_admin(w.db(), viewer, id, "archive this coalition").await?;
            if c.archived_at.is_some() {
                return Ok(c);
            }
            let now = Utc::now();
            let am = coalition::ActiveModel {
                archived_at: Set(Some(now)),
                updated_at: Set(now),
                ..Default::default()
            };
            save::<coalition::Entity>(w, &c, am, vec!["archivedAt"], None, Some(Action::Archived)).await
        })
    })
    .await
}

/// Checks `f` against the coalition as it is (`current`, none when creating), trimming what it
/// keeps.
async fn validate(
    conn: &impl ConnectionTrait,
    current: Option<&coalition::Model>,
    f: &mut CoalitionFields,
) -> WriteResult<()> {
    let creating = current.is_none();
    let mut c = Check::new();
    if creating || f.slug.is_some() {
        f.slug = Some(c.slug("slug", f.slug.as_deref().unwrap_or("")));
    }
    if creating || f.name.is_some() {
        f.name = Some(c.text("name", f.name.as_deref().unwrap_or(""), 200));
    }
    if let Some(v) = &f.area {
        f.area = Some(c.opt_text("area", v.as_deref(), 200));
    }
    if let Some(v) = &f.municipality {
        f.municipality = Some(c.opt_text("municipality", v.as_deref(), 120));
    }
    if let Some(v) = &f.description {
        f.description = Some(c.opt_text("description", v.as_deref(), 10_000));
    }
    let starts = f.starts_on.unwrap_or_else(|| current.and_then(|m| m.starts_on));
    let ends = f.ends_on.unwrap_or_else(|| current.and_then(|m| m.ends_on));
    c.date("startsOn", f.starts_on.flatten());
    c.date("endsOn", f.ends_on.flatten());
    c.order("endsOn", starts, ends);
    if let Some(slug) = &f.slug {
        taken::<coalition::Entity>(
            conn,
            &mut c,
            "slug",
            coalition::Column::Slug,
            slug,
            current.map(|m| m.id),
        )
        .await?;
    }
    c.finish()
}

fn apply(am: &mut coalition::ActiveModel, f: &CoalitionFields) -> Vec<&'static str> {
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
    put!(area, "area");
    put!(municipality, "municipality");
    put!(stage, "stage");
    put!(starts_on, "startsOn");
    put!(ends_on, "endsOn");
    put!(description, "description");
    changed
}
