//! `ChangeEvent` and its connection.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::change_event::Model;

use super::enums::ChangeAction;
use crate::changes::Action;
use crate::changes::cursor;
use crate::graphql::connection::{PageInfo, cursor_key, loaders};
use crate::graphql::node::{Node, load};
use crate::ids::{NodeType, decode};

/// The `ChangeEvent` object; documented on its GraphQL impl below.
pub struct ChangeEvent(pub Model);

/// One change to one record, in commit order. Events are thin: they name the record and its
/// version, and `node` shows the record as the viewer may see it now.
#[Object]
impl ChangeEvent {
    /// Global ID of the event.
    pub async fn id(&self) -> ID {
        ID(crate::ids::encode(NodeType::ChangeEvent, event_key(self.0.id)))
    }
    /// What happened.
    async fn action(&self) -> Result<ChangeAction> {
        Action::parse(&self.0.action)
            .map(Into::into)
            .ok_or_else(|| async_graphql::Error::new("unknown action"))
    }
    /// The kind of record, e.g. `LearningQuestion`.
    async fn entity_type(&self) -> &str {
        &self.0.entity_type
    }
    /// The global ID of the record; kept after the record is deleted.
    async fn node_id(&self) -> ID {
        ID(self.0.node_id.clone())
    }
    /// The record as the viewer may see it now; null when it was deleted or is hidden.
    async fn node(&self, ctx: &Context<'_>) -> Result<Option<Node>> {
        let (t, id) = decode(&self.0.node_id)?;
        Ok(load(loaders(ctx)?, t, id, Default::default()).await?)
    }
    /// The record's version after the change (for records that have one); a reader holding an
    /// older version should read the record again.
    async fn version(&self) -> Option<i32> {
        self.0.version
    }
    /// The fields the change set, in the API's spelling (names only, never values).
    async fn changed_fields(&self) -> Vec<String> {
        serde_json::from_str(&self.0.changed_fields).unwrap_or_default()
    }
    /// When the change was committed.
    async fn occurred_at(&self) -> DateTime<Utc> {
        self.0.occurred_at
    }
    /// This event's position: pass it as `after` to read what followed.
    async fn cursor(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(cursor::encode(cursor_key(ctx)?, self.0.id))
    }
}

/// The row id an event's global ID carries. Event ids are 64-bit; global IDs name 32-bit rows,
/// which holds for two billion events.
pub fn event_key(id: i64) -> i32 {
    i32::try_from(id).unwrap_or(i32::MAX)
}

/// An event with its cursor.
pub struct ChangeEventEdge(ChangeEvent);

/// One event of the feed with its cursor.
#[Object]
impl ChangeEventEdge {
    /// Opaque position of this event; pass it as `after`.
    async fn cursor(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(cursor::encode(cursor_key(ctx)?, self.0.0.id))
    }
    /// The event.
    async fn node(&self) -> &ChangeEvent {
        &self.0
    }
}

/// A page of the change feed, oldest first.
pub struct ChangeEventConnection {
    edges: Vec<ChangeEventEdge>,
    page_info: PageInfo,
}

impl ChangeEventConnection {
    /// A page of `rows` read after position `after`; `more` when events follow. Its
    /// `endCursor` is never null: on an empty page it is where the page started.
    pub fn new(rows: Vec<Model>, more: bool, through: i64) -> Self {
        let start = rows.first().map(|r| cursor::at(r.id));
        let end = cursor::at(through);
        ChangeEventConnection {
            edges: rows.into_iter().map(|m| ChangeEventEdge(ChangeEvent(m))).collect(),
            page_info: PageInfo::forward(cursor::SCOPE, more, start, Some(end)),
        }
    }
}

/// A page of change events. Keep `pageInfo.endCursor`: it is where the next page starts, also
/// when the page is empty (it is never null here).
#[Object]
impl ChangeEventConnection {
    /// The events with their cursors.
    async fn edges(&self) -> &[ChangeEventEdge] {
        &self.edges
    }
    /// The events.
    async fn nodes(&self) -> Vec<&ChangeEvent> {
        self.edges.iter().map(|e| &e.0).collect()
    }
    /// `hasNextPage`: more events follow already (when false, ask again later from
    /// `endCursor`); `endCursor`: where to continue, after the last event of this page and
    /// past the events read after it that you may not see (so a page may be empty, with more
    /// to follow, and the cursor still moves on).
    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }
}
