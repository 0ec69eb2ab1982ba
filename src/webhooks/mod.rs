//! Signed webhooks, read from the change-event log, so a webhook is sent if and only if its
//! transaction committed. Management ([`create`], [`update`], [`delete`], [`rotate`], [`ping`],
//! [`redeliver`]) goes through the one write path; delivery runs on every replica: a dispatcher
//! fans new events out into delivery rows (`dispatch`), workers claim due rows under a lease
//! (`claim`, `FOR UPDATE SKIP LOCKED` on PostgreSQL) and send them signed as the Standard
//! Webhooks specification says (`attempt`, `secret`), to checked addresses only (`ssrf`,
//! `resolve`).

mod actions;
mod attempt;
mod claim;
pub mod codes;
pub mod counts;
mod dispatch;
pub mod listing;
mod manage;
pub mod payload;
mod queue;
mod record;
mod resolve;
pub mod seal;
pub mod secret;
mod send;
pub mod ssrf;
mod store;
mod validate;
mod worker;

pub use actions::{ping, redeliver, rotate};
pub use manage::{create, delete, update};
pub use store::{filter, secrets};
pub use worker::start;

use crate::changes::Action;
use crate::config::WebhookSettings;
use crate::ids::NodeType;
use crate::paging::CursorKey;
use seal::Sealer;

/// What webhook management needs besides the database: the settings (which URLs are allowed,
/// how long a rotated secret overlaps) and the sealer of secrets.
pub struct Webhooks {
    /// Webhook settings of this replica.
    pub settings: WebhookSettings,
    /// Seals secrets at rest.
    pub sealer: Sealer,
    /// Attempts of this replica by outcome.
    pub counts: counts::Counts,
    /// Signs the change-feed cursor each event's body carries.
    pub cursors: CursorKey,
}

impl Webhooks {
    /// Webhooks as `settings` say, sealing with `sealer`.
    pub fn new(settings: WebhookSettings, sealer: Sealer, cursors: CursorKey) -> Self {
        Webhooks {
            settings,
            sealer,
            cursors,
            counts: Default::default(),
        }
    }
}

/// The fields of a webhook a client may set; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct WebhookFields {
    /// The receiver.
    pub url: Option<String>,
    /// What it is for; `Some(None)` clears it.
    pub description: Option<Option<String>>,
    /// Only events about these kinds of record (empty: all).
    pub entity_types: Option<Vec<NodeType>>,
    /// Only these actions (empty: all).
    pub actions: Option<Vec<Action>>,
    /// Only events of this coalition; `Some(None)` clears it.
    pub coalition: Option<Option<i32>>,
    /// Switch it off, or on again.
    pub enabled: Option<bool>,
}

impl WebhookFields {
    /// The client's names of the fields that are set, as the audit log records them.
    pub fn names(&self) -> Vec<&'static str> {
        let set = [
            ("url", self.url.is_some()),
            ("description", self.description.is_some()),
            ("entityTypes", self.entity_types.is_some()),
            ("actions", self.actions.is_some()),
            ("coalition", self.coalition.is_some()),
            ("enabled", self.enabled.is_some()),
        ];
        set.into_iter().filter(|(_, s)| *s).map(|(n, _)| n).collect()
    }
}
