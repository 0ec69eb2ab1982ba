//! Inputs and payloads of the webhook mutations.

use async_graphql::{ID, InputObject, MaybeUndefined, Result, SimpleObject};

use crate::graphql::changes::{ChangeAction, ChangeEntityType};
use crate::graphql::mutation::support::{opt_id, patch, patch_id};
use crate::graphql::user_error::UserError;
use crate::graphql::webhooks::{Webhook, WebhookDelivery};
use crate::ids::NodeType;
use crate::webhooks::WebhookFields;

/// A new webhook.
#[derive(InputObject)]
pub struct CreateWebhookInput {
    /// Where to POST deliveries: an `https://` URL (`http://` only where the server allows it),
    /// without user name or password, whose host resolves to public addresses only; at most
    /// 2,048 characters.
    pub url: String,
    /// Only events about these kinds of record; left out or empty, every kind the organisation
    /// may read. API tokens and webhooks are for admins, never delivered.
    pub entity_types: Option<Vec<ChangeEntityType>>,
    /// Only these actions; left out or empty, every action.
    pub actions: Option<Vec<ChangeAction>>,
    /// Only events about records of this coalition (a Coalition ID).
    pub coalition: Option<ID>,
    /// What the webhook is for, e.g. "CRM sync"; at most 500 characters.
    pub description: Option<String>,
    /// The organisation the webhook is for (an Organisation ID): an ORG_ADMIN's own, which is
    /// also the default; a PLATFORM_ADMIN must name one.
    pub organisation: Option<ID>,
}

impl CreateWebhookInput {
    /// The service's fields and the organisation.
    pub fn fields(self) -> Result<(WebhookFields, Option<i32>)> {
        let f = WebhookFields {
            url: Some(self.url),
            description: self.description.map(Some),
            entity_types: self.entity_types.map(|t| t.into_iter().map(NodeType::from).collect()),
            actions: self.actions.map(|a| a.into_iter().map(Into::into).collect()),
            coalition: Some(opt_id(self.coalition.as_ref(), NodeType::Coalition)?),
            enabled: None,
        };
        Ok((f, opt_id(self.organisation.as_ref(), NodeType::Organisation)?))
    }
}

/// Changes to a webhook; fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateWebhookInput {
    /// The webhook.
    pub id: ID,
    /// New receiver URL (the rules of `createWebhook`).
    pub url: Option<String>,
    /// New kinds of record; empty for every kind.
    pub entity_types: Option<Vec<ChangeEntityType>>,
    /// New actions; empty for every action.
    pub actions: Option<Vec<ChangeAction>>,
    /// New coalition; null for every coalition.
    pub coalition: MaybeUndefined<ID>,
    /// New description; null clears it.
    pub description: MaybeUndefined<String>,
    /// `false` disables the webhook; `true` enables a disabled one, which then hears what
    /// happens from now on (deliveries still pending are sent too).
    pub enabled: Option<bool>,
}

impl UpdateWebhookInput {
    /// The service's fields.
    pub fn fields(self) -> Result<WebhookFields> {
        Ok(WebhookFields {
            url: self.url,
            description: patch(self.description),
            entity_types: self.entity_types.map(|t| t.into_iter().map(NodeType::from).collect()),
            actions: self.actions.map(|a| a.into_iter().map(Into::into).collect()),
            coalition: patch_id(&self.coalition, NodeType::Coalition)?,
            enabled: self.enabled,
        })
    }
}

/// Which webhook.
#[derive(InputObject)]
pub struct WebhookIdInput {
    /// The webhook.
    pub id: ID,
}

/// Which delivery to send again.
#[derive(InputObject)]
pub struct RedeliverWebhookDeliveryInput {
    /// The delivery (from a webhook's `deliveries`).
    pub id: ID,
}

/// The result of `createWebhook` and `rotateWebhookSecret`.
#[derive(SimpleObject)]
pub struct WebhookSecretPayload {
    /// The webhook; null when there are user errors.
    pub webhook: Option<Webhook>,
    /// The signing secret, `whsec_` and base64 of 32 random bytes, as the Standard Webhooks
    /// libraries take it. Shown this once and never again: store it now.
    pub secret: Option<String>,
    /// Problems with the input; when there are any, nothing was changed.
    pub user_errors: Vec<UserError>,
}

/// The result of `updateWebhook`.
#[derive(SimpleObject)]
pub struct WebhookPayload {
    /// The webhook as it is now; null when there are user errors.
    pub webhook: Option<Webhook>,
    /// Problems with the input.
    pub user_errors: Vec<UserError>,
}

/// The result of `deleteWebhook`.
#[derive(SimpleObject)]
pub struct DeleteWebhookPayload {
    /// The ID of the deleted webhook.
    pub deleted_webhook_id: Option<ID>,
    /// Problems with the input.
    pub user_errors: Vec<UserError>,
}

/// The result of `pingWebhook` and `redeliverWebhookDelivery`.
#[derive(SimpleObject)]
pub struct WebhookDeliveryPayload {
    /// The queued delivery; its outcome shows in the webhook's `deliveries`.
    pub delivery: Option<WebhookDelivery>,
    /// Problems with the input.
    pub user_errors: Vec<UserError>,
}
