//! The audit log names the old and the new visibility of a record whose visibility changed, so
//! widening who may see something is on record as what it is.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for c in ["visibility_from", "visibility_to"] {
            let mut col = string_len_null(c, 16);
            m.alter_table(Table::alter().table("audit_event").add_column(&mut col).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for c in ["visibility_from", "visibility_to"] {
            m.alter_table(Table::alter().table("audit_event").drop_column(c).to_owned())
                .await?;
        }
        Ok(())
    }
}
