//! Cutting an erased person's name and email out of every column the register marks
//! `Scrubbed` (copies of text such as token labels, search indexes and webhook payloads kept
//! for retries), wherever they occur, as spelled (and the email also in lower case). A name
//! shorter than three characters is left alone: it would cut through ordinary words; so is the
//! placeholder of an erased person.

use entity::person;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use super::register::{Erase, erased_as};
use crate::error::AppResult;

/// What stands where the name or email stood: no longer than the shortest needle (3
/// characters), so a scrubbed text never outgrows its column (a 200-character token label
/// holding a name would otherwise make PostgreSQL refuse the erasure).
pub const PLACEHOLDER: &str = "[…]";

/// Scrubs `p`'s name and email; returns the rows changed.
pub async fn scrub(conn: &impl ConnectionTrait, p: &person::Model) -> AppResult<u64> {
    // The email first: a name may stand inside it.
    let mut needles: Vec<String> = Vec::new();
    if let Some(e) = &p.email {
        needles.push(e.clone());
        needles.push(e.to_lowercase());
    }
    if p.name != super::erase::ERASED_NAME {
        needles.push(p.name.clone());
    }
    needles.retain(|n| n.trim().chars().count() >= 3);
    needles.dedup();
    let backend = conn.get_database_backend();
    let mut changed = 0;
    for (table, column) in erased_as(Erase::Scrubbed) {
        for needle in &needles {
            let sql = match backend {
                DbBackend::Postgres => format!(
                    r#"UPDATE "{table}" SET "{column}" = REPLACE("{column}", $1, $2) WHERE strpos("{column}", $3) > 0"#
                ),
                _ => format!(
                    r#"UPDATE "{table}" SET "{column}" = REPLACE("{column}", ?, ?) WHERE instr("{column}", ?) > 0"#
                ),
            };
            let values = [needle.clone().into(), PLACEHOLDER.into(), needle.clone().into()];
            changed += conn
                .execute_raw(Statement::from_sql_and_values(backend, sql, values))
                .await?
                .rows_affected();
        }
    }
    Ok(changed)
}
