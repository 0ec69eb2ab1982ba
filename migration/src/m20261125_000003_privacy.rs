//! Erasure (AVG/GDPR art. 17) keeps a person's row as a tombstone without name, email or
//! external reference, so that events and links naming it stay meaningful; `erased_at` says when,
//! and makes a second erasure a no-op.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut col = timestamp_with_time_zone_null("erased_at");
        m.alter_table(Table::alter().table("person").add_column(&mut col).to_owned())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("person").drop_column("erased_at").to_owned())
            .await
    }
}
