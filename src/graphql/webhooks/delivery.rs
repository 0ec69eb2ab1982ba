//! `WebhookDelivery`: one message on its way to a webhook, and the relation that lists them.

use async_graphql::{Context, Enum, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::{webhook, webhook_delivery::Model};

use super::webhook::Webhook;
use crate::graphql::changes::ChangeEvent;
use crate::graphql::connection::loaders;
use crate::graphql::ids::{NodeType, encode};
use crate::graphql::types::required;
use crate::loaders::ToMany;
use crate::paging::Sort;
use crate::webhooks::codes::state;
use crate::webhooks::listing::DELIVERY_NEWEST;

/// Where a delivery stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum WebhookDeliveryState {
    /// Waiting for its next attempt (`nextAttemptAt`), or being attempted.
    Pending,
    /// The receiver answered 2xx.
    Succeeded,
    /// Every attempt of the schedule failed, or the receiver answered 410 Gone.
    Failed,
    /// Not sent: the organisation may no longer see the event (it left the coalition, the
    /// record was hidden), the event expired, or the webhook no longer asks for it.
    Skipped,
}

/// The `WebhookDelivery` object; documented on its GraphQL impl below.
pub struct WebhookDelivery(pub Model);

/// One message to a webhook (a change event, or a ping) and the outcome of its latest attempt.
/// Every attempt carries the same `webhook-id` header (`messageId`), so the receiver can drop
/// a message it already handled.
#[Object]
impl WebhookDelivery {
    /// Global ID, as `redeliverWebhookDelivery` takes it.
    pub async fn id(&self) -> ID {
        encode(NodeType::WebhookDelivery, self.0.id)
    }
    /// The webhook.
    async fn webhook(&self, ctx: &Context<'_>) -> Result<Webhook> {
        required::<webhook::Entity, _>(ctx, self.0.webhook_id, Webhook).await
    }
    /// The body's `type`, e.g. `learningQuestion.updated` or `webhook.ping`.
    async fn event_type(&self) -> &str {
        &self.0.event_type
    }
    /// The `webhook-id` header of every attempt.
    async fn message_id(&self) -> &str {
        &self.0.message_id
    }
    /// The change event delivered, as the viewer may see it; null for a ping, or once the
    /// event expired.
    async fn event(&self, ctx: &Context<'_>) -> Result<Option<ChangeEvent>> {
        let Some(id) = self.0.event_id else { return Ok(None) };
        let l = loaders(ctx)?;
        Ok(crate::changes::feed::one(l.reads().pool(), l.viewer(), id)
            .await?
            .map(ChangeEvent))
    }
    /// Where the delivery stands.
    async fn state(&self) -> WebhookDeliveryState {
        match self.0.state.as_str() {
            state::SUCCEEDED => WebhookDeliveryState::Succeeded,
            state::FAILED => WebhookDeliveryState::Failed,
            state::SKIPPED => WebhookDeliveryState::Skipped,
            _ => WebhookDeliveryState::Pending,
        }
    }
    /// Attempts made so far.
    async fn attempt(&self) -> i32 {
        self.0.attempts
    }
    /// The HTTP status of the latest attempt; null when none was received.
    async fn http_status(&self) -> Option<i32> {
        self.0.last_status
    }
    /// How long the latest attempt took, in milliseconds.
    async fn duration_ms(&self) -> Option<i32> {
        self.0.last_duration_ms
    }
    /// Why the latest attempt failed, or why the delivery was skipped.
    async fn error(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }
    /// When the latest attempt was made.
    async fn last_attempt_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_attempt_at
    }
    /// When the next attempt is due; null once the delivery has ended.
    async fn next_attempt_at(&self) -> Option<DateTime<Utc>> {
        (self.0.state == state::PENDING)
            .then(|| DateTime::from_timestamp_millis(self.0.next_attempt_ms))
            .flatten()
    }
    /// The delivery this one sends again (`redeliverWebhookDelivery`); null for a first one.
    async fn redelivery_of(&self) -> Option<ID> {
        self.0.redelivery_of.map(|id| encode(NodeType::WebhookDelivery, id))
    }
    /// When the delivery was queued.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// A webhook's deliveries, newest first.
pub struct WebhookDeliveries;

impl ToMany for WebhookDeliveries {
    type Child = entity::webhook_delivery::Entity;
    const PARENT: (&'static str, &'static str) = ("webhook_delivery", "webhook_id");
    fn sort() -> Sort<Self::Child> {
        DELIVERY_NEWEST
    }
}
