//! What an admin does with a webhook besides editing it: rotate its secret, ping it, and send a
//! delivery again. Each is audited through the one write path; pings and redeliveries are
//! queued for the workers, so no request waits for a receiver.

use chrono::Utc;
use entity::{webhook, webhook_delivery};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::Webhooks;
use super::codes::state;
use super::manage::{change, find};
use super::queue::{self, NewDelivery};
use super::secret::Secret;
use crate::changes::{Action, Scope};
use crate::codes::Code;
use crate::error::AppError;
use crate::ids::NodeType;
use crate::services::write::path::{self, Change};
use crate::services::write::{WriteResult, invalid};
use crate::viewer::Viewer;

/// Gives webhook `id` a new secret (returned, shown this once); the old one keeps signing
/// beside it for the configured overlap (24 hours), so the receiver can switch without a gap.
pub async fn rotate(
    db: &DatabaseConnection,
    hooks: &Webhooks,
    viewer: &Viewer,
    id: i32,
) -> WriteResult<(webhook::Model, String)> {
    find(db, viewer, id).await?;
    let secret = Secret::generate();
    let sealed = hooks.sealer.seal(secret.bytes());
    let overlap = chrono::Duration::from_std(hooks.settings.webhook_secret_overlap).unwrap_or_default();
    path::run(db, viewer, "rotateWebhookSecret", |w| {
        Box::pin(async move {
            let before = find(w.db(), viewer, id).await?;
            let now = Utc::now();
            let mut am: webhook::ActiveModel = before.clone().into();
            am.previous_secret = Set(Some(before.secret));
            am.previous_secret_until = Set(Some(now + overlap));
            am.secret = Set(sealed);
            am.updated_at = Set(now);
            let row = am.update(w.db()).await?;
            w.record(change(&row, Action::Updated, vec!["secret"]));
            Ok((row, secret.to_whsec()))
        })
    })
    .await
}

/// Queues a ping (`webhook.ping`) to webhook `id`; returns the delivery, whose outcome the
/// webhook's `deliveries` show.
pub async fn ping(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<webhook_delivery::Model> {
    find(db, viewer, id).await?;
    path::run(db, viewer, "pingWebhook", |w| {
        Box::pin(async move {
            let hook = find(w.db(), viewer, id).await?;
            enabled(&hook)?;
            let d = queue::insert_one(w.db(), NewDelivery::ping(id)).await?;
            w.record(queued(&hook, &d));
            Ok(d)
        })
    })
    .await
}

/// Sends delivery `id` again, with the same `webhook-id`, as a new delivery.
pub async fn redeliver(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<webhook_delivery::Model> {
    path::run(db, viewer, "redeliverWebhookDelivery", |w| {
        Box::pin(async move {
            let original = webhook_delivery::Entity::find()
                .filter(webhook_delivery::Column::Id.eq(id))
                .one(w.db())
                .await?;
            let hook = match &original {
                Some(d) => find(w.db(), viewer, d.webhook_id).await.ok(),
                None => None,
            };
            let (Some(original), Some(hook)) = (original, hook) else {
                return Err(AppError::not_found("No webhook delivery with this ID").into());
            };
            enabled(&hook)?;
            if original.state == state::PENDING {
                return Err(invalid(
                    "id",
                    Code::Invalid,
                    "The delivery is still pending: it will be attempted anyway",
                ));
            }
            let d = queue::insert_one(w.db(), NewDelivery::again(&original)).await?;
            w.record(queued(&hook, &d));
            Ok(d)
        })
    })
    .await
}

fn enabled(hook: &webhook::Model) -> WriteResult<()> {
    match hook.disabled_at {
        Some(_) => Err(invalid(
            "id",
            Code::Disabled,
            "The webhook is disabled: enable it with updateWebhook first",
        )),
        None => Ok(()),
    }
}

/// The change of queueing delivery `d` by hand, for the webhook's organisation's admins.
fn queued(hook: &webhook::Model, d: &webhook_delivery::Model) -> Change {
    let scope = Scope::admin(Some(hook.organisation_id));
    Change::new(NodeType::WebhookDelivery, d.id, Action::Created, scope).fields(["webhook", "eventType"])
}
