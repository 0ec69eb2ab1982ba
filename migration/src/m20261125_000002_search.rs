//! The full-text search index: one `search_entry` row per searchable record (learning questions,
//! contributions, outcomes, meetings, workgroups, coalitions, organisations and themes). On
//! PostgreSQL the row holds a weighted `tsvector` (title A, body B) built with `samenspel_dutch`,
//! a copy of the `dutch` configuration that folds accents with `unaccent`, under a GIN index. On
//! SQLite an FTS5 table `search_fts` (rowid = `search_entry.id`) holds the same text folded and
//! stemmed in Rust. The application fills both: on every write (in its transaction) and, for
//! rows written before or beside the write path (seeds, existing databases), on start.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const POSTGRES_UP: &[&str] = &[
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "DO $$ BEGIN
       IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'samenspel_dutch') THEN
         CREATE TEXT SEARCH CONFIGURATION samenspel_dutch (COPY = pg_catalog.dutch);
         ALTER TEXT SEARCH CONFIGURATION samenspel_dutch
           ALTER MAPPING FOR word, hword, hword_part WITH unaccent, dutch_stem;
       END IF;
     END $$",
    "CREATE TABLE search_entry (
       id serial PRIMARY KEY,
       kind varchar(32) NOT NULL,
       record_id integer NOT NULL,
       document tsvector NOT NULL,
       CONSTRAINT search_entry_record UNIQUE (kind, record_id)
     )",
    "CREATE INDEX search_entry_document ON search_entry USING gin (document)",
];

const SQLITE_UP: &[&str] = &[
    "CREATE TABLE search_entry (
       id integer PRIMARY KEY AUTOINCREMENT,
       kind varchar(32) NOT NULL,
       record_id integer NOT NULL,
       CONSTRAINT search_entry_record UNIQUE (kind, record_id)
     )",
    // Tokens arrive folded and stemmed; unicode61 only splits them on spaces again.
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')",
    // Words of an edited or deleted text leave the index's segments at once, not at the next
    // merge (`PRAGMA secure_delete` does not reach FTS5's own pages).
    "INSERT INTO search_fts(search_fts, rank) VALUES('secure-delete', 1)",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let statements = match db.get_database_backend() {
            DbBackend::Postgres => POSTGRES_UP,
            _ => SQLITE_UP,
        };
        for s in statements {
            db.execute_unprepared(s).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if db.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared("DROP TABLE IF EXISTS search_entry").await?;
            db.execute_unprepared("DROP TEXT SEARCH CONFIGURATION IF EXISTS samenspel_dutch")
                .await?;
        } else {
            db.execute_unprepared("DROP TABLE IF EXISTS search_fts").await?;
            db.execute_unprepared("DROP TABLE IF EXISTS search_entry").await?;
        }
        Ok(())
    }
}
