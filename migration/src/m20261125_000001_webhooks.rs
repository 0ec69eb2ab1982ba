//! Webhooks and their deliveries. A webhook is an organisation's receiver URL with a filter, a
//! sealed signing secret and its position in the change log; a delivery is one message (a change
//! event, or a ping) on its way to one webhook, with the outcome of its latest attempt.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::util::{create_table, drop_tables, fk, fk_null_cascade, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        webhooks(m).await?;
        deliveries(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(m, &["webhook_delivery", "webhook"]).await
    }
}

async fn webhooks(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let cols = vec![
        string_len("url", 2048),
        text_null("description"),
        // JSON arrays of type names and actions; empty means every one.
        text("entity_types"),
        text("actions"),
        // Sealed with a key derived from the token signing secret: a dump alone cannot sign.
        string_len("secret", 200),
        string_len_null("previous_secret", 200),
        timestamp_with_time_zone_null("previous_secret_until"),
        // The newest change event considered for this webhook.
        big_integer("position").default(0).take(),
        timestamp_with_time_zone_null("failing_since"),
        timestamp_with_time_zone_null("disabled_at"),
        string_len_null("disabled_reason", 300),
    ];
    let fks = vec![
        fk("organisation_id", "organisation"),
        fk_null_cascade("coalition_id", "coalition"),
    ];
    create_table(m, "webhook", &[], cols, fks, true).await
}

async fn deliveries(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let cols = vec![
        // No foreign key: retention prunes events, and a delivery outlives its event's row.
        big_integer_null("event_id"),
        string_len("event_type", 80),
        // The `webhook-id` header: the same on every attempt and redelivery.
        string_len("message_id", 40),
        // The record's global ID: its deliveries to one webhook go in order.
        string_len_null("record_key", 120),
        integer_null("redelivery_of"),
        string_len("state", 16),
        integer("attempts").default(0).take(),
        // Milliseconds since the epoch: compared in SQL alike on both databases.
        big_integer("next_attempt_ms"),
        big_integer("locked_until_ms").default(0).take(),
        string_len_null("lease", 40),
        integer_null("last_status"),
        integer_null("last_duration_ms"),
        string_len_null("last_error", 500),
        timestamp_with_time_zone_null("last_attempt_at"),
        timestamp_with_time_zone("created_at"),
    ];
    create_table(
        m,
        "webhook_delivery",
        &[],
        cols,
        vec![fk("webhook_id", "webhook")],
        false,
    )
    .await?;
    // A webhook's due deliveries; the next one due overall; the leased ones; a record's earlier
    // deliveries to the same webhook; old ones to prune.
    index(m, "webhook_delivery", &["webhook_id", "state", "next_attempt_ms"]).await?;
    index(m, "webhook_delivery", &["state", "next_attempt_ms"]).await?;
    index(m, "webhook_delivery", &["state", "locked_until_ms"]).await?;
    index(m, "webhook_delivery", &["webhook_id", "record_key", "id"]).await?;
    index(m, "webhook_delivery", &["created_at"]).await
}
