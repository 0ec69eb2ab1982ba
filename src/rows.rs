//! Result rows into models by column position.
//!
//! sea-orm decodes a model by column *name*: for every column of every row it formats the
//! prefixed name, hashes it to find the column, and for a NULL formats an error it then
//! discards. On the nested list (2,300 rows a request) that was 40 % of the server's time. A
//! [`Reader`] looks the names up once per statement, in its first row, and then reads every
//! row by position, into sea-orm's own `ActiveModel` and from there into the model, so the
//! values pass through the same conversions as sea-orm's decoding.
//!
//! A column of a type not listed in [`Kind`], or one missing from the row, makes the reader
//! fall back to sea-orm's decoding for the whole statement: slower, never different.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{ColumnType, Value};
use sea_orm::sqlx::{self, Row};
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, FromQueryResult, IdenStatic, Iterable, QueryResult};

use crate::paging::Keyed;

/// How a column is read: the Rust type sea-orm reads it as.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Int,
    BigInt,
    Text,
    Timestamp,
    Date,
}

impl Kind {
    fn of(column: &ColumnType) -> Option<Kind> {
        Some(match column {
            ColumnType::Integer => Kind::Int,
            ColumnType::BigInteger => Kind::BigInt,
            ColumnType::String(_) | ColumnType::Text | ColumnType::Char(_) => Kind::Text,
            ColumnType::TimestampWithTimeZone => Kind::Timestamp,
            ColumnType::Date => Kind::Date,
            _ => return None,
        })
    }
}

/// Reads the rows of one statement into models of `E`, whose columns the statement selects
/// under one prefix (`""`, `"A_"`, `"__along_"`, ...).
pub struct Reader<E: EntityTrait> {
    /// Each column of `E`, where the statement has it and how to read it; `None` to decode
    /// through sea-orm under `prefix`.
    at: Option<Vec<(E::Column, usize, Kind)>>,
    prefix: String,
}

impl<E: Keyed> Reader<E> {
    /// A reader for the rows of the statement `row` came from.
    pub fn new(row: &QueryResult, prefix: &str) -> Self {
        // One buffer for the prefixed names (formatting each was half the cost of a reader).
        let mut name = String::with_capacity(prefix.len() + 32);
        let at = E::Column::iter()
            .map(|c| {
                name.clear();
                name.push_str(prefix);
                name.push_str(c.as_str());
                let index = index_of(row, &name)?;
                Some((c, index, Kind::of(c.def().get_column_type())?))
            })
            .collect();
        Reader {
            at,
            prefix: prefix.to_owned(),
        }
    }

    /// The model in `row`.
    pub fn read(&self, row: &QueryResult) -> Result<E::Model, DbErr> {
        let Some(at) = &self.at else {
            return E::Model::from_query_result(row, &self.prefix);
        };
        let mut active = E::ActiveModel::default();
        for &(column, index, kind) in at {
            let value = if let Some(r) = row.try_as_pg_row() {
                value(r, index, kind)
            } else if let Some(r) = row.try_as_sqlite_row() {
                value(r, index, kind)
            } else {
                return E::Model::from_query_result(row, &self.prefix);
            };
            let value = value.map_err(|e| DbErr::Type(format!("{}{}: {e}", self.prefix, column.as_str())))?;
            active.try_set(column, value)?;
        }
        E::model_of(active)
    }

    /// The models in `rows`.
    pub fn read_all(&self, rows: &[QueryResult]) -> Result<Vec<E::Model>, DbErr> {
        rows.iter().map(|r| self.read(r)).collect()
    }
}

/// The models of `E` in `rows`, whose columns are selected under `prefix`.
pub fn models<E: Keyed>(rows: &[QueryResult], prefix: &str) -> Result<Vec<E::Model>, DbErr> {
    match rows.first() {
        Some(first) => Reader::<E>::new(first, prefix).read_all(rows),
        None => Ok(Vec::new()),
    }
}

/// The position of the column `name` in `row`'s statement.
pub fn index_of(row: &QueryResult, name: &str) -> Option<usize> {
    if let Some(r) = row.try_as_pg_row() {
        r.try_column(name).ok().map(sqlx::Column::ordinal)
    } else if let Some(r) = row.try_as_sqlite_row() {
        r.try_column(name).ok().map(sqlx::Column::ordinal)
    } else {
        None
    }
}

/// The value at `index`, read as sea-orm reads a column of `kind`.
fn value<'r, R>(row: &'r R, index: usize, kind: Kind) -> Result<Value, sqlx::Error>
where
    R: Row,
    usize: sqlx::ColumnIndex<R>,
    i32: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    DateTime<Utc>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    NaiveDate: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    Ok(match kind {
        Kind::Int => Value::Int(row.try_get(index)?),
        Kind::BigInt => Value::BigInt(row.try_get(index)?),
        Kind::Text => Value::String(row.try_get(index)?),
        Kind::Timestamp => Value::ChronoDateTimeUtc(row.try_get(index)?),
        Kind::Date => Value::ChronoDate(row.try_get(index)?),
    })
}
