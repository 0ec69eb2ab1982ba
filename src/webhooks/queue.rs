//! New deliveries: one per (webhook, event) when the dispatcher fans an event out, a ping, and a
//! redelivery. Each is due at once; its `webhook-id` is fixed here and kept on every attempt.

use chrono::Utc;
use entity::{change_event, webhook_delivery};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ConnectionTrait, EntityTrait};

use super::codes::state;
use super::payload;
use crate::error::AppResult;

/// A delivery about to be queued.
#[derive(Debug, Clone)]
pub struct NewDelivery {
    /// Its webhook.
    pub webhook_id: i32,
    /// Its change event; `None` for a ping.
    pub event_id: Option<i64>,
    /// `learningQuestion.updated`, `webhook.ping`, …
    pub event_type: String,
    /// The `webhook-id` header.
    pub message_id: String,
    /// The record whose deliveries to this webhook go in order; `None` for pings and
    /// redeliveries, which keep no order.
    pub record_key: Option<String>,
    /// The delivery this one sends again.
    pub redelivery_of: Option<i32>,
}

impl NewDelivery {
    /// The delivery of event `ev` to webhook `webhook_id`.
    pub fn event(webhook_id: i32, ev: &change_event::Model) -> Self {
        NewDelivery {
            webhook_id,
            event_id: Some(ev.id),
            event_type: payload::event_type(&ev.entity_type, &ev.action),
            message_id: message_id(),
            record_key: Some(ev.node_id.clone()),
            redelivery_of: None,
        }
    }

    /// A ping of webhook `webhook_id`.
    pub fn ping(webhook_id: i32) -> Self {
        NewDelivery {
            webhook_id,
            event_id: None,
            event_type: payload::PING.into(),
            message_id: message_id(),
            record_key: None,
            redelivery_of: None,
        }
    }

    /// The same message as `d`, once more.
    pub fn again(d: &webhook_delivery::Model) -> Self {
        NewDelivery {
            webhook_id: d.webhook_id,
            event_id: d.event_id,
            event_type: d.event_type.clone(),
            message_id: d.message_id.clone(),
            record_key: None,
            redelivery_of: Some(d.redelivery_of.unwrap_or(d.id)),
        }
    }

    fn row(self) -> webhook_delivery::ActiveModel {
        let now = Utc::now();
        webhook_delivery::ActiveModel {
            id: NotSet,
            webhook_id: Set(self.webhook_id),
            event_id: Set(self.event_id),
            event_type: Set(self.event_type),
            message_id: Set(self.message_id),
            record_key: Set(self.record_key),
            redelivery_of: Set(self.redelivery_of),
            state: Set(state::PENDING.into()),
            attempts: Set(0),
            next_attempt_ms: Set(now.timestamp_millis()),
            locked_until_ms: Set(0),
            lease: Set(None),
            last_status: Set(None),
            last_duration_ms: Set(None),
            last_error: Set(None),
            last_attempt_at: Set(None),
            created_at: Set(now),
        }
    }
}

/// A fresh `webhook-id`: `msg_` and 128 random bits.
fn message_id() -> String {
    format!("msg_{}", hex::encode(rand::random::<[u8; 16]>()))
}

/// Queues `new`, in order.
pub async fn insert(db: &impl ConnectionTrait, new: Vec<NewDelivery>) -> AppResult<()> {
    if new.is_empty() {
        return Ok(());
    }
    webhook_delivery::Entity::insert_many(new.into_iter().map(NewDelivery::row))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Queues one delivery and returns its row.
pub async fn insert_one(db: &impl ConnectionTrait, new: NewDelivery) -> AppResult<webhook_delivery::Model> {
    use sea_orm::ActiveModelTrait;
    Ok(new.row().insert(db).await?)
}
