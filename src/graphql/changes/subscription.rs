//! The `changes` subscription: the feed, replayed from a cursor and then live.

use std::sync::Arc;

use async_graphql::{Context, Result, Subscription};
use futures_util::{Stream, StreamExt};

use super::enums::ChangeFilter;
use super::event::ChangeEvent;
use crate::changes::follow::{self, Follow};
use crate::changes::{cursor, hub::Hub};
use crate::config::ChangeSettings;
use crate::graphql::connection::{cursor_key, loaders};

/// The root of subscriptions; documented on its GraphQL impl below.
#[derive(Default)]
pub struct SubscriptionRoot;

/// Everything a client can follow live, over graphql-transport-ws on `/graphql` (the protocol
/// of the npm package `graphql-ws`); the token travels in `connection_init` as
/// `{"Authorization": "Bearer <token>"}`.
#[Subscription(name = "Subscription")]
impl SubscriptionRoot {
    /// Changes as they commit, as the viewer may see them (the rules of the `changes` query).
    /// With `after` it first replays what happened after that cursor, then goes live, so a
    /// client that reconnects with the cursor of the last event it handled misses nothing.
    /// Without `after` it starts now. A subscriber that falls more than the configured number
    /// of events behind gets SUBSCRIBER_TOO_SLOW with `extensions.resumeAfter` and is ended.
    async fn changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Replay from after this cursor, then go live.")] after: Option<String>,
        #[graphql(desc = "Which events to follow.")] filter: Option<ChangeFilter>,
    ) -> Result<impl Stream<Item = Result<ChangeEvent>>> {
        let key = cursor_key(ctx)?;
        let after = after.map(|a| cursor::decode(key, &a)).transpose()?;
        let l = loaders(ctx)?;
        let settings = ctx.data::<Arc<ChangeSettings>>()?;
        let f = Follow {
            db: l.reads().pool().clone(),
            viewer: Arc::new(l.viewer().clone()),
            hub: ctx.data::<Hub>()?.clone(),
            filter: filter.unwrap_or_default().into_filter()?,
            max_lag: settings.subscriber_max_lag,
            cursors: key.clone(),
        };
        if let Some(a) = after {
            // An expired cursor is refused before the subscription starts.
            crate::changes::feed::page(&f.db, &f.viewer, Some(a), 0, &f.filter).await?;
        }
        Ok(follow::events(f, after).map(|r| r.map(ChangeEvent).map_err(Into::into)))
    }
}
