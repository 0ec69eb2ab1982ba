//! One message on its way to one webhook: a change event (or a ping), its `webhook-id`, its state
//! and the outcome of its latest attempt. A worker holds it by a lease while it attempts it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_delivery")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub webhook_id: i32,
    pub event_id: Option<i64>,
    pub event_type: String,
    pub message_id: String,
    pub record_key: Option<String>,
    pub redelivery_of: Option<i32>,
    pub state: String,
    pub attempts: i32,
    pub next_attempt_ms: i64,
    pub locked_until_ms: i64,
    pub lease: Option<String>,
    pub last_status: Option<i32>,
    pub last_duration_ms: Option<i32>,
    pub last_error: Option<String>,
    pub last_attempt_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
