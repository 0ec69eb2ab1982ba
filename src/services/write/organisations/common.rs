//! What the directory writes share: unique keys checked before writing and enforced by the
//! database.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, QueryFilter, SqlErr};

use crate::codes::Code;
use crate::error::AppError;
use crate::paging::Keyed;
use crate::services::write::{Check, WriteError, WriteResult, invalid};

/// Records DUPLICATE on `field` when another row of `E` than `own` already holds `value`.
pub async fn taken<E: Keyed>(
    conn: &impl ConnectionTrait,
    c: &mut Check,
    field: &'static str,
    column: E::Column,
    value: &str,
    own: Option<i32>,
) -> WriteResult<()> {
    let mut q = E::find().filter(column.eq(value));
    if let Some(own) = own {
        q = q.filter(E::id_column().ne(own));
    }
    // A value already refused (a NUL that PostgreSQL cannot even compare) is not looked up.
    if !value.is_empty() && !c.failed(field) && q.one(conn).await?.is_some() {
        c.fail(
            field,
            Code::Duplicate,
            format!("Another record already uses this `{field}`"),
        );
    }
    Ok(())
}

/// Turns a unique-key violation into DUPLICATE on `field` (or on `externalRef` when that key was
/// hit): the check before writing can lose a race with a concurrent writer.
pub trait OnUnique<T> {
    fn on_unique(self, field: &'static str) -> WriteResult<T>;
}

impl<T, E: Into<WriteError>> OnUnique<T> for Result<T, E> {
    fn on_unique(self, field: &'static str) -> WriteResult<T> {
        self.map_err(|e| {
            let e = e.into();
            match unique_violation(&e) {
                Some(m) => {
                    let field = if m.contains("external_ref") {
                        "externalRef"
                    } else {
                        field
                    };
                    invalid(
                        field,
                        Code::Duplicate,
                        format!("Another record already uses this `{field}`"),
                    )
                }
                None => e,
            }
        })
    }
}

fn unique_violation(e: &WriteError) -> Option<String> {
    let WriteError::App(AppError::Internal(e)) = e else {
        return None;
    };
    match e.downcast_ref::<DbErr>().and_then(DbErr::sql_err) {
        Some(SqlErr::UniqueConstraintViolation(m)) => Some(m),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::{ConnectOptions, ConnectionTrait, Database, DbErr};

    use super::OnUnique;
    use crate::codes::Code;
    use crate::services::write::WriteError;

    /// The code and field a second insert of `column` ends up as; on PostgreSQL when
    /// `TEST_DATABASE_URL` points there, else on SQLite.
    async fn second_insert(column: &str) -> (String, Code) {
        let url = std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "sqlite::memory:".into());
        let db = Database::connect(ConnectOptions::new(url).max_connections(1).to_owned())
            .await
            .expect("connect");
        db.execute_unprepared("CREATE TEMPORARY TABLE dup_probe (slug TEXT UNIQUE, external_ref TEXT UNIQUE)")
            .await
            .expect("create");
        let insert = format!("INSERT INTO dup_probe ({column}) VALUES ('cordaan')");
        db.execute_unprepared(&insert).await.expect("first insert");
        let second: Result<_, DbErr> = db.execute_unprepared(&insert).await;
        match second.on_unique("slug") {
            Err(WriteError::Invalid(errors)) => (errors[0].field.to_string(), errors[0].code),
            other => panic!("expected a DUPLICATE, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_unique_violation_becomes_a_duplicate_on_the_right_field() {
        assert_eq!(second_insert("slug").await, ("slug".into(), Code::Duplicate));
        assert_eq!(
            second_insert("external_ref").await,
            ("externalRef".into(), Code::Duplicate)
        );
    }

    #[test]
    fn other_errors_pass_through() {
        let r: Result<(), DbErr> = Err(DbErr::Custom("boom".into()));
        assert!(matches!(r.on_unique("slug"), Err(WriteError::App(_))));
    }
}
