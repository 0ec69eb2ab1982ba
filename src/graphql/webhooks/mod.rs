//! Webhooks in GraphQL: the `Webhook` and `WebhookDelivery` types and the `webhooks` connection.
//! The mutations are in `graphql::mutation::webhooks`.

mod delivery;
mod query;
mod webhook;

pub use delivery::{WebhookDelivery, WebhookDeliveryState};
pub use query::WebhookQuery;
pub use webhook::{Webhook, WebhookStatus};
