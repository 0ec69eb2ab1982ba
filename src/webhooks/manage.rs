//! Creating, changing and deleting webhooks: an organisation's ORG_ADMIN manages its own, a
//! platform admin any. Every change goes through the one write path (audit and change event).

use chrono::Utc;
use entity::{organisation, webhook};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::LockType;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter,
    QuerySelect,
};

use super::secret::Secret;
use super::{WebhookFields, Webhooks, listing, store, validate};
use crate::changes::{Action, Scope, feed};
use crate::codes::Code;
use crate::error::{AppError, AppResult};
use crate::ids::NodeType;
use crate::permissions;
use crate::services::write::path::{self, Change};
use crate::services::write::{WriteResult, invalid};
use crate::viewer::{Role, Viewer};

/// Creates a webhook for organisation `org` (the viewer's own when `None`); returns it with its
/// signing secret, shown this once.
pub async fn create(
    db: &DatabaseConnection,
    hooks: &Webhooks,
    viewer: &Viewer,
    org: Option<i32>,
    mut f: WebhookFields,
) -> WriteResult<(webhook::Model, String)> {
    let t = permissions::token(viewer)?;
    let org = match (t.role, org.or(t.organisation_id)) {
        (_, Some(o)) => o,
        (Role::PlatformAdmin, None) => {
            return Err(invalid(
                "organisation",
                Code::Required,
                "Name the organisation the webhook is for",
            ));
        }
        (_, None) => return Err(AppError::Forbidden("This token belongs to no organisation".into()).into()),
    };
    permissions::organisation_admin(viewer, org, "manage this organisation's webhooks")?;
    if f.url.is_none() {
        return Err(invalid("url", Code::Required, "`url` must not be empty"));
    }
    validate::organisation(db, org).await?;
    validate::fields(db, &hooks.settings, &mut f).await?;
    let secret = Secret::generate();
    let sealed = hooks.sealer.seal(secret.bytes());
    path::run(db, viewer, "createWebhook", |w| {
        Box::pin(async move {
            // Again under the organisation's row lock (PostgreSQL; SQLite writes one at a
            // time): concurrent creations cannot pass the limit together.
            if w.db().get_database_backend() == DbBackend::Postgres {
                organisation::Entity::find_by_id(org)
                    .lock(LockType::Update)
                    .one(w.db())
                    .await?;
            }
            validate::organisation(w.db(), org).await?;
            let now = Utc::now();
            let (types, actions) = store::lists(
                &f.entity_types.clone().unwrap_or_default(),
                &f.actions.clone().unwrap_or_default(),
            );
            let row = webhook::ActiveModel {
                id: NotSet,
                organisation_id: Set(org),
                coalition_id: Set(f.coalition.flatten()),
                url: Set(f.url.clone().unwrap_or_default()),
                description: Set(f.description.clone().flatten()),
                entity_types: Set(types),
                actions: Set(actions),
                secret: Set(sealed),
                previous_secret: Set(None),
                previous_secret_until: Set(None),
                // It hears what happens from now on.
                position: Set(feed::head(w.db()).await?),
                failing_since: Set(None),
                disabled_at: Set(f.enabled.filter(|e| !e).map(|_| now)),
                disabled_reason: Set(f.enabled.filter(|e| !e).map(|_| DISABLED_BY_ADMIN.into())),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(w.db())
            .await?;
            w.record(change(&row, Action::Created, f.names()));
            Ok((row, secret.to_whsec()))
        })
    })
    .await
}

/// Why a webhook an admin switched off is disabled.
const DISABLED_BY_ADMIN: &str = "Disabled with updateWebhook";

/// The change event of `action` on webhook `row`, for its organisation's admins.
pub fn change(row: &webhook::Model, action: Action, fields: Vec<&'static str>) -> Change {
    Change::new(
        NodeType::Webhook,
        row.id,
        action,
        Scope::admin(Some(row.organisation_id)),
    )
    .fields(fields)
}

/// Webhook `id` as the viewer may manage it: FORBIDDEN below ORG_ADMIN, NOT_FOUND when it is not
/// one of the viewer's.
pub async fn find(db: &impl ConnectionTrait, viewer: &Viewer, id: i32) -> AppResult<webhook::Model> {
    listing::webhooks(viewer)?
        .filter(webhook::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("No webhook with this ID"))
}

/// Changes webhook `id`; fields left `None` stay. `enabled: true` on a disabled webhook starts
/// it again from now on.
pub async fn update(
    db: &DatabaseConnection,
    hooks: &Webhooks,
    viewer: &Viewer,
    id: i32,
    mut f: WebhookFields,
) -> WriteResult<webhook::Model> {
    find(db, viewer, id).await?;
    validate::fields(db, &hooks.settings, &mut f).await?;
    path::run(db, viewer, "updateWebhook", |w| {
        Box::pin(async move {
            let before = find(w.db(), viewer, id).await?;
            let mut am: webhook::ActiveModel = before.clone().into();
            set(&mut am, &f);
            let now = Utc::now();
            match f.enabled {
                Some(true) if before.disabled_at.is_some() => {
                    am.disabled_at = Set(None);
                    am.disabled_reason = Set(None);
                    am.failing_since = Set(None);
                    am.position = Set(feed::head(w.db()).await?);
                }
                Some(false) if before.disabled_at.is_none() => {
                    am.disabled_at = Set(Some(now));
                    am.disabled_reason = Set(Some(DISABLED_BY_ADMIN.into()));
                }
                _ => {}
            }
            am.updated_at = Set(now);
            let row = am.update(w.db()).await?;
            w.record(change(&row, Action::Updated, f.names()));
            Ok(row)
        })
    })
    .await
}

fn set(am: &mut webhook::ActiveModel, f: &WebhookFields) {
    if let Some(u) = &f.url {
        am.url = Set(u.clone());
    }
    if let Some(d) = &f.description {
        am.description = Set(d.clone());
    }
    if let Some(c) = f.coalition {
        am.coalition_id = Set(c);
    }
    if let Some(t) = &f.entity_types {
        am.entity_types = Set(store::lists(t, &[]).0);
    }
    if let Some(a) = &f.actions {
        am.actions = Set(store::lists(&[], a).1);
    }
}

/// Deletes webhook `id` with its deliveries; returns its ID.
pub async fn delete(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<i32> {
    find(db, viewer, id).await?;
    path::run(db, viewer, "deleteWebhook", |w| {
        Box::pin(async move {
            let row = find(w.db(), viewer, id).await?;
            webhook::Entity::delete_by_id(id).exec(w.db()).await?;
            w.record(change(&row, Action::Deleted, Vec::new()));
            Ok(id)
        })
    })
    .await
}
