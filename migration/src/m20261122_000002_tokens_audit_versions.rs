//! Platform records and write support: API tokens, the audit log, an optimistic-lock `version`
//! on every editable row, `archived_at` where records are archived rather than deleted, and
//! `external_ref` (unique per organisation) on what integration scripts sync.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::util::{create_table, drop_tables, fk_null, fk_null_cascade, index, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

const VERSIONED: [&str; 10] = [
    "organisation",
    "coalition",
    "workgroup",
    "person",
    "theme",
    "learning_question",
    "contribution",
    "learning_track",
    "meeting",
    "outcome",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in VERSIONED {
            add(m, t, integer("version").default(1).take()).await?;
        }
        for t in ["organisation", "coalition", "workgroup"] {
            add(m, t, timestamp_with_time_zone_null("archived_at")).await?;
        }
        for t in ["learning_question", "contribution", "person", "meeting"] {
            add(m, t, string_len_null("external_ref", 200)).await?;
        }
        // Meetings get an organiser, so an organisation's own external refs are unique.
        add(m, "meeting", integer_null("organisation_id")).await?;
        index(m, "meeting", &["organisation_id"]).await?;
        unique(m, "learning_question", &["asked_by_organisation_id", "external_ref"]).await?;
        unique(m, "contribution", &["organisation_id", "external_ref"]).await?;
        unique(m, "person", &["organisation_id", "external_ref"]).await?;
        unique(m, "meeting", &["organisation_id", "external_ref"]).await?;
        tokens(m).await?;
        audit(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(m, &["audit_event", "api_token"]).await
    }
}

async fn add(m: &SchemaManager<'_>, table: &'static str, mut col: ColumnDef) -> Result<(), DbErr> {
    m.alter_table(Table::alter().table(table).add_column(&mut col).to_owned())
        .await
}

async fn tokens(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let cols = vec![
        string_len_uniq("jti", 64),
        string_len("label", 200),
        string_len("role", 32),
        timestamp_with_time_zone("created_at"),
        timestamp_with_time_zone("expires_at"),
        timestamp_with_time_zone_null("revoked_at"),
        timestamp_with_time_zone_null("last_used_at"),
    ];
    // A platform token has no organisation; an organisation's tokens go with it.
    let fks = vec![
        fk_null_cascade("organisation_id", "organisation"),
        fk_null("created_by_token_id", "api_token"),
    ];
    create_table(m, "api_token", &[], cols, fks, false).await?;
    index(m, "api_token", &["created_at", "id"]).await
}

async fn audit(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let cols = vec![
        integer_null("token_id"),
        integer_null("organisation_id"),
        string_len("role", 32),
        string_len("action", 80),
        string_len("entity_type", 40),
        string_len("entity_id", 120),
        text("changed_fields"),
        timestamp_with_time_zone("created_at"),
    ];
    create_table(m, "audit_event", &[], cols, vec![], false).await?;
    index(m, "audit_event", &["created_at", "id"]).await?;
    index(m, "audit_event", &["organisation_id", "created_at", "id"]).await?;
    index(m, "audit_event", &["token_id"]).await
}
