//! `webhooks`: the webhooks an admin manages.

use async_graphql::{Context, Object, Result};

use super::webhook::Webhook;
use crate::graphql::connection::{Conn, PageInput, loaders, root};
use crate::webhooks::listing::{self, WEBHOOK_NEWEST};

/// Root field of webhooks.
#[derive(Default)]
pub struct WebhookQuery;

#[Object]
impl WebhookQuery {
    /// Webhooks, newest first: an ORG_ADMIN sees its organisation's, a PLATFORM_ADMIN all. Other
    /// roles get FORBIDDEN, no token UNAUTHENTICATED. Never shows a secret.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn webhooks(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Webhook>> {
        let select = listing::webhooks(loaders(ctx)?.viewer())?;
        let input = PageInput {
            first,
            after,
            last,
            before,
        };
        root(ctx, select, &WEBHOOK_NEWEST, input, Webhook).await
    }
}
