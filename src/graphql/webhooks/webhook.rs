//! `Webhook`: an organisation's receiver of change events, with its deliveries.

use async_graphql::{Context, Enum, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::{coalition, organisation, webhook::Model};

use super::delivery::{WebhookDeliveries, WebhookDelivery};
use crate::graphql::changes::{ChangeAction, ChangeEntityType};
use crate::graphql::connection::{Conn, PageInput, nested};
use crate::graphql::ids::{NodeType, encode};
use crate::graphql::types::{Coalition, Organisation, one, required};

/// Whether a webhook is being delivered to.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum WebhookStatus {
    /// Deliveries go out, and the last one that ended succeeded (or none ended yet).
    Active,
    /// Deliveries go out, but have failed since `failingSince`; after 5 days of failures
    /// without a success the webhook is disabled.
    Failing,
    /// Nothing is delivered; `disabledReason` says why. `updateWebhook(enabled: true)` starts
    /// it again from then on.
    Disabled,
}

/// The `Webhook` object; documented on its GraphQL impl below.
pub struct Webhook(pub Model);

/// A receiver URL of an organisation's own system that hears about changes without polling: a
/// signed HTTP POST per change event its organisation may see (as a READER token of it would)
/// and its filter wants. Managed by the organisation's ORG_ADMINs and platform admins.
#[Object]
impl Webhook {
    /// Global ID.
    pub async fn id(&self) -> ID {
        encode(NodeType::Webhook, self.0.id)
    }
    /// Where deliveries are POSTed.
    async fn url(&self) -> &str {
        &self.0.url
    }
    /// What the webhook is for.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// The organisation whose eyes the webhook sees through.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Organisation> {
        required::<organisation::Entity, _>(ctx, self.0.organisation_id, Organisation).await
    }
    /// Only events about records of this coalition; null for every coalition.
    async fn coalition(&self, ctx: &Context<'_>) -> Result<Option<Coalition>> {
        one::<coalition::Entity, _>(ctx, self.0.coalition_id, Coalition).await
    }
    /// Only events about these kinds of record; empty for every kind.
    async fn entity_types(&self) -> Vec<ChangeEntityType> {
        crate::webhooks::filter(&self.0)
            .entity_types
            .into_iter()
            .filter_map(ChangeEntityType::of)
            .collect()
    }
    /// Only events of these actions; empty for every action.
    async fn actions(&self) -> Vec<ChangeAction> {
        crate::webhooks::filter(&self.0)
            .actions
            .into_iter()
            .map(Into::into)
            .collect()
    }
    /// Whether deliveries go out, and how they fare.
    async fn status(&self) -> WebhookStatus {
        match (self.0.disabled_at, self.0.failing_since) {
            (Some(_), _) => WebhookStatus::Disabled,
            (None, Some(_)) => WebhookStatus::Failing,
            (None, None) => WebhookStatus::Active,
        }
    }
    /// Since when attempts have failed without a success; null while they succeed.
    async fn failing_since(&self) -> Option<DateTime<Utc>> {
        self.0.failing_since
    }
    /// When the webhook was disabled; null while it is enabled.
    async fn disabled_at(&self) -> Option<DateTime<Utc>> {
        self.0.disabled_at
    }
    /// Why the webhook was disabled: by an admin, by the receiver answering 410 Gone, or after
    /// failing for 5 days (with the last error).
    async fn disabled_reason(&self) -> Option<&str> {
        self.0.disabled_reason.as_deref()
    }
    /// Until when the secret replaced by the last `rotateWebhookSecret` still signs beside the
    /// new one; null when only one secret signs.
    async fn previous_secret_expires_at(&self) -> Option<DateTime<Utc>> {
        self.0.previous_secret_until.filter(|t| *t > Utc::now())
    }
    /// When the webhook was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When it was last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    /// Deliveries to this webhook, newest first: one per event (and per ping or redelivery),
    /// with the outcome of its latest attempt. Kept for the change-event retention period.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn deliveries(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<WebhookDelivery>> {
        let input = PageInput {
            first,
            after,
            last,
            before,
        };
        nested::<WebhookDeliveries, _>(ctx, self.0.id, input, WebhookDelivery).await
    }
}
