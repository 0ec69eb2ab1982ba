//! Webhook mutations: an organisation's ORG_ADMINs manage its webhooks, platform admins
//! everyone's. Thin: the service in `crate::webhooks` decides.

mod inputs;

use std::sync::Arc;

use async_graphql::{Context, Object, Result};
use inputs::*;

use super::support::{id, outcome, request};
use crate::graphql::ids::{NodeType, encode};
use crate::graphql::webhooks::{Webhook, WebhookDelivery};
use crate::webhooks::{self as svc, Webhooks};

/// Webhook mutations.
#[derive(Default)]
pub struct WebhookMutation;

fn hooks<'a>(ctx: &Context<'a>) -> Result<&'a Arc<Webhooks>> {
    ctx.data::<Arc<Webhooks>>()
}

fn with_secret(
    r: (Option<Webhook>, Vec<crate::graphql::user_error::UserError>),
    secret: Option<String>,
) -> WebhookSecretPayload {
    WebhookSecretPayload {
        webhook: r.0,
        secret,
        user_errors: r.1,
    }
}

#[Object]
impl WebhookMutation {
    /// Creates a webhook: from now on, every change event its organisation may see (as its
    /// READER tokens would) and its filter wants is POSTed to `url`, signed with the secret
    /// returned here once (Standard Webhooks). ORG_ADMIN of the organisation, or PLATFORM_ADMIN.
    async fn create_webhook(&self, ctx: &Context<'_>, input: CreateWebhookInput) -> Result<WebhookSecretPayload> {
        let (fields, organisation) = input.fields()?;
        let (db, viewer) = request(ctx)?;
        let done = svc::create(db, hooks(ctx)?, viewer, organisation, fields).await;
        let (created, errors) = outcome(done, |(row, secret)| (Webhook(row), secret))?;
        let (webhook, secret) = created.unzip();
        Ok(with_secret((webhook, errors), secret))
    }

    /// Changes a webhook's URL, filter or description, or disables (`enabled: false`) or
    /// enables it again.
    async fn update_webhook(&self, ctx: &Context<'_>, input: UpdateWebhookInput) -> Result<WebhookPayload> {
        let webhook = id(&input.id, NodeType::Webhook)?;
        let fields = input.fields()?;
        let (db, viewer) = request(ctx)?;
        let done = svc::update(db, hooks(ctx)?, viewer, webhook, fields).await;
        let (webhook, user_errors) = outcome(done, Webhook)?;
        Ok(WebhookPayload { webhook, user_errors })
    }

    /// Deletes a webhook and its deliveries; nothing more is sent to it.
    async fn delete_webhook(&self, ctx: &Context<'_>, input: WebhookIdInput) -> Result<DeleteWebhookPayload> {
        let webhook = id(&input.id, NodeType::Webhook)?;
        let (db, viewer) = request(ctx)?;
        let (gone, user_errors) = outcome(svc::delete(db, viewer, webhook).await, |id| {
            encode(NodeType::Webhook, id)
        })?;
        Ok(DeleteWebhookPayload {
            deleted_webhook_id: gone,
            user_errors,
        })
    }

    /// Gives a webhook a new signing secret, returned this once. The old secret keeps signing
    /// beside the new one (two signatures in `webhook-signature`) for 24 hours, so the receiver
    /// can switch without missing a delivery.
    async fn rotate_webhook_secret(&self, ctx: &Context<'_>, input: WebhookIdInput) -> Result<WebhookSecretPayload> {
        let webhook = id(&input.id, NodeType::Webhook)?;
        let (db, viewer) = request(ctx)?;
        let done = svc::rotate(db, hooks(ctx)?, viewer, webhook).await;
        let (rotated, errors) = outcome(done, |(row, secret)| (Webhook(row), secret))?;
        let (webhook, secret) = rotated.unzip();
        Ok(with_secret((webhook, errors), secret))
    }

    /// Queues a `webhook.ping` delivery to check the receiver and its signature check; its
    /// outcome shows in `deliveries`. Refused (DISABLED) while the webhook is disabled.
    async fn ping_webhook(&self, ctx: &Context<'_>, input: WebhookIdInput) -> Result<WebhookDeliveryPayload> {
        let webhook = id(&input.id, NodeType::Webhook)?;
        let (db, viewer) = request(ctx)?;
        let (delivery, user_errors) = outcome(svc::ping(db, viewer, webhook).await, WebhookDelivery)?;
        Ok(WebhookDeliveryPayload { delivery, user_errors })
    }

    /// Sends a delivery that ended (succeeded, failed or skipped) again, as a new delivery with
    /// the same `webhook-id`; the organisation's right to see the event is checked again.
    async fn redeliver_webhook_delivery(
        &self,
        ctx: &Context<'_>,
        input: RedeliverWebhookDeliveryInput,
    ) -> Result<WebhookDeliveryPayload> {
        let delivery = id(&input.id, NodeType::WebhookDelivery)?;
        let (db, viewer) = request(ctx)?;
        let (delivery, user_errors) = outcome(svc::redeliver(db, viewer, delivery).await, WebhookDelivery)?;
        Ok(WebhookDeliveryPayload { delivery, user_errors })
    }
}
