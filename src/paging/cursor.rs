//! A position in a sorted list, `(sort value, id)`, and its compact binary form. Clients never
//! see this form bare: `seal` signs it for one list and ordering.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::Value;

/// The value of the sort column at a page boundary.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cursor {
    /// Sort value of the boundary row.
    pub value: SortValue,
    /// Id of the boundary row, the tie-breaker.
    pub id: i32,
}

/// Version of the binary form, its first byte.
const FORM: u8 = 1;

impl Cursor {
    /// The binary form: version, kind of value, id, value (timestamps to the nanosecond, so a
    /// boundary compares exactly as the row it came from).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(24);
        let (kind, value) = match &self.value {
            SortValue::Int(i) => (b'i', i.to_be_bytes().to_vec()),
            SortValue::Text(s) => (b's', s.as_bytes().to_vec()),
            SortValue::Time(t) => {
                let mut v = t.timestamp().to_be_bytes().to_vec();
                v.extend(t.timestamp_subsec_nanos().to_be_bytes());
                (b't', v)
            }
            SortValue::Date(d) => (b'd', chrono::Datelike::num_days_from_ce(d).to_be_bytes().to_vec()),
        };
        out.extend([FORM, kind]);
        out.extend(self.id.to_be_bytes());
        out.extend(value);
        out
    }

    /// Reads the binary form back; `None` when it is not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let [FORM, kind, a, b, c, d, rest @ ..] = bytes else {
            return None;
        };
        let id = i32::from_be_bytes([*a, *b, *c, *d]);
        let value = match (kind, rest.len()) {
            (b'i', 8) => SortValue::Int(i64::from_be_bytes(rest.try_into().ok()?)),
            (b's', _) => SortValue::Text(String::from_utf8(rest.to_vec()).ok()?),
            (b't', 12) => {
                let secs = i64::from_be_bytes(rest[..8].try_into().ok()?);
                let nanos = u32::from_be_bytes(rest[8..].try_into().ok()?);
                SortValue::Time(DateTime::from_timestamp(secs, nanos)?)
            }
            (b'd', 4) => SortValue::Date(NaiveDate::from_num_days_from_ce_opt(i32::from_be_bytes(
                rest.try_into().ok()?,
            ))?),
            _ => return None,
        };
        Some(Cursor { value, id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_value_round_trips_exactly() {
        let t = DateTime::from_timestamp(1_764_000_000, 123_456_789).unwrap();
        let d = NaiveDate::from_ymd_opt(2025, 11, 24).unwrap();
        for value in [
            SortValue::Int(-7),
            SortValue::Text("Leerkring één".into()),
            SortValue::Time(t),
            SortValue::Date(d),
        ] {
            let c = Cursor { value, id: 42 };
            assert_eq!(Cursor::from_bytes(&c.to_bytes()), Some(c));
        }
        assert_eq!(Cursor::from_bytes(b""), None);
        assert_eq!(Cursor::from_bytes(&[FORM, b't', 0, 0, 0, 1, 9]), None);
        assert_eq!(Cursor::from_bytes(&[2, b'i', 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]), None);
    }
}
