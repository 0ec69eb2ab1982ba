//! Each search entry keeps who may find it: its record's effective visibility level and
//! coalition (see `src/search/scope.rs`), so a search decides visibility from the entry itself.
//! Both start empty (NULL: found by platform admins only); the application fills them on start
//! and on every write.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SearchEntry {
    Table,
    Visibility,
    CoalitionId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        m.alter_table(
            Table::alter()
                .table(SearchEntry::Table)
                .add_column(ColumnDef::new(SearchEntry::Visibility).string_len(32).null())
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(SearchEntry::Table)
                .add_column(ColumnDef::new(SearchEntry::CoalitionId).integer().null())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [SearchEntry::Visibility, SearchEntry::CoalitionId] {
            m.alter_table(Table::alter().table(SearchEntry::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
