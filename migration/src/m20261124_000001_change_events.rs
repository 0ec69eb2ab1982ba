//! The change-event log: one row per change, written in the change's own transaction, read by
//! the `changes` feed, subscriptions and webhooks; and the watermark of what retention pruned,
//! which tells an expired cursor from a valid one.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::util::{drop_tables, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // A 64-bit key that is never reused (AUTOINCREMENT on SQLite): a cursor names an event
        // for good, even after retention pruned the newest rows of an idle log.
        let mut t = Table::create();
        t.table("change_event")
            .if_not_exists()
            .col(
                ColumnDef::new("id")
                    .big_integer()
                    .not_null()
                    .auto_increment()
                    .primary_key(),
            )
            .col(string_len("entity_type", 40))
            .col(integer("entity_id"))
            .col(string_len("node_id", 120))
            .col(string_len("action", 32))
            .col(integer_null("version"))
            .col(text("changed_fields"))
            .col(integer_null("organisation_id"))
            .col(timestamp_with_time_zone("occurred_at"))
            .col(string_len("scope_visibility", 16))
            .col(integer_null("scope_coalition_id"))
            .col(integer_null("scope_organisation_id"));
        m.create_table(t).await?;
        index(m, "change_event", &["entity_type", "entity_id"]).await?;
        index(m, "change_event", &["occurred_at"]).await?;
        let mut s = Table::create();
        s.table("change_log")
            .if_not_exists()
            .col(pk_auto("id"))
            .col(big_integer("pruned_through").default(0));
        m.create_table(s).await?;
        let first = Query::insert()
            .into_table("change_log")
            .columns(["id", "pruned_through"])
            .values_panic([1.into(), 0i64.into()])
            .to_owned();
        m.exec_stmt(first).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(m, &["change_log", "change_event"]).await
    }
}
