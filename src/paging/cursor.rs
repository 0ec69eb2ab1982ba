//! Opaque cursors: base64url of `[sort name, sort value, id]`. The sort name makes a cursor from
//! one ordering unusable with another, instead of silently paging wrongly.

use std::borrow::Cow;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::Value;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The value of the sort column at a page boundary.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SortValue {
    /// An integer column.
    Int(i64),
    /// A text column.
    Text(String),
    /// A timestamp column.
    Time(DateTime<Utc>),
    /// A date column.
    Date(NaiveDate),
}

impl SortValue {
    /// Reads a sort value out of a model's column value; `None` for types we never sort on.
    pub fn from_value(v: Value) -> Option<Self> {
        Some(match v {
            Value::Int(Some(i)) => SortValue::Int(i.into()),
            Value::BigInt(Some(i)) => SortValue::Int(i),
            Value::String(Some(s)) => SortValue::Text(s),
            Value::ChronoDateTimeUtc(Some(t)) => SortValue::Time(t),
            Value::ChronoDate(Some(d)) => SortValue::Date(d),
            _ => return None,
        })
    }

    /// The value to bind in a keyset comparison.
    pub fn to_value(&self) -> Value {
        match self {
            SortValue::Int(i) => Value::BigInt(Some(*i)),
            SortValue::Text(s) => Value::String(Some(s.clone())),
            SortValue::Time(t) => Value::ChronoDateTimeUtc(Some(*t)),
            SortValue::Date(d) => Value::ChronoDate(Some(*d)),
        }
    }
}

/// A position in a sorted list: just after (or before) the row with this sort value and id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cursor {
    /// Name of the ordering the cursor was made for.
    pub sort: Cow<'static, str>,
    /// Sort value of the boundary row.
    pub value: SortValue,
    /// Id of the boundary row, the tie-breaker.
    pub id: i32,
}

impl Cursor {
    /// The opaque string handed to clients.
    pub fn encode(&self) -> String {
        let json = serde_json::to_vec(&(&self.sort, &self.value, self.id)).unwrap_or_default();
        URL_SAFE_NO_PAD.encode(json)
    }

    /// Parses a client's cursor for the ordering `sort`.
    pub fn decode(s: &str, sort: &str) -> Result<Self, AppError> {
        let bad = || AppError::bad_input(format!("Invalid cursor \"{}\"", truncate(s)));
        let bytes = URL_SAFE_NO_PAD.decode(s.trim()).map_err(|_| bad())?;
        let (name, value, id): (String, SortValue, i32) = serde_json::from_slice(&bytes).map_err(|_| bad())?;
        if name != sort {
            return Err(AppError::bad_input(format!(
                "Cursor was made for ordering {name}, not {sort}; start again without a cursor"
            )));
        }
        Ok(Cursor {
            sort: Cow::Owned(name),
            value,
            id,
        })
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}
