//! The archive's file format, version 1: JSON lines, a header first, then the records in a fixed
//! order. Ids are the file's own (1, 2, … per type, in export order); organisations and themes
//! are named by slug. Timestamps are RFC 3339 in UTC with microseconds, which both databases
//! keep, so a file read into any instance and exported again is the same file, byte for byte.

use chrono::{DateTime, NaiveDate, SecondsFormat, SubsecRound, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The `format` of the header: what the file is.
pub const FORMAT: &str = "samenspel-coalition-archive";

/// The version this build writes and the only one it reads.
pub const VERSION: u32 = 1;

/// The first line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Header {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// The slug of the coalition.
    pub coalition: String,
    /// How many records of each type follow.
    pub counts: Counts,
}

/// Records per type, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Counts {
    pub organisations: u32,
    pub themes: u32,
    pub people: u32,
    pub coalitions: u32,
    pub memberships: u32,
    pub workgroups: u32,
    pub workgroup_members: u32,
    pub questions: u32,
    pub contributions: u32,
    pub meetings: u32,
    pub tracks: u32,
    pub outcomes: u32,
}

impl Counts {
    /// Counts one more `r`.
    pub fn add(&mut self, r: &Record) {
        *self.of(r) += 1;
    }

    fn of(&mut self, r: &Record) -> &mut u32 {
        match r {
            Record::Organisation(_) => &mut self.organisations,
            Record::Theme(_) => &mut self.themes,
            Record::Person(_) => &mut self.people,
            Record::Coalition(_) => &mut self.coalitions,
            Record::Membership(_) => &mut self.memberships,
            Record::Workgroup(_) => &mut self.workgroups,
            Record::WorkgroupMember(_) => &mut self.workgroup_members,
            Record::Question(_) => &mut self.questions,
            Record::Contribution(_) => &mut self.contributions,
            Record::Meeting(_) => &mut self.meetings,
            Record::Track(_) => &mut self.tracks,
            Record::Outcome(_) => &mut self.outcomes,
        }
    }
}

/// One line after the header. The variants are listed in file order: a record refers only to
/// records on earlier lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Record {
    Organisation(super::records::Organisation),
    Theme(super::records::Theme),
    Person(super::records::Person),
    Coalition(super::records::Coalition),
    Membership(super::records::Membership),
    Workgroup(super::records::Workgroup),
    WorkgroupMember(super::records::WorkgroupMember),
    Question(super::records::Question),
    Contribution(super::records::Contribution),
    Meeting(super::records::Meeting),
    Track(super::records::Track),
    Outcome(super::records::Outcome),
}

impl Record {
    /// Position of the type in file order.
    pub fn rank(&self) -> u8 {
        match self {
            Record::Organisation(_) => 0,
            Record::Theme(_) => 1,
            Record::Person(_) => 2,
            Record::Coalition(_) => 3,
            Record::Membership(_) => 4,
            Record::Workgroup(_) => 5,
            Record::WorkgroupMember(_) => 6,
            Record::Question(_) => 7,
            Record::Contribution(_) => 8,
            Record::Meeting(_) => 9,
            Record::Track(_) => 10,
            Record::Outcome(_) => 11,
        }
    }
}

/// A moment of a record, written as `2026-11-24T16:00:00.123456Z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp(pub DateTime<Utc>);

impl Stamp {
    /// `t` to the microsecond: what PostgreSQL keeps.
    pub fn of(t: DateTime<Utc>) -> Self {
        Stamp(t.trunc_subsecs(6))
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_rfc3339_opts(SecondsFormat::Micros, true))
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let t = DateTime::parse_from_rfc3339(&s)
            .map_err(|_| serde::de::Error::custom(format!("\"{s}\" is no RFC 3339 timestamp")))?;
        Ok(Stamp::of(t.with_timezone(&Utc)))
    }
}

/// A date, written as `2026-11-24`.
pub type Day = NaiveDate;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_keep_microseconds_in_utc() {
        let s: Stamp = serde_json::from_str("\"2026-11-24T17:00:00.1234567+01:00\"").unwrap();
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"2026-11-24T16:00:00.123456Z\"");
        assert!(serde_json::from_str::<Stamp>("\"yesterday\"").is_err());
    }

    #[test]
    fn unknown_fields_and_types_are_refused() {
        let ok = r#"{"type":"theme","slug":"wonen","name":"Wonen","description":null}"#;
        assert!(serde_json::from_str::<Record>(ok).is_ok());
        let extra = r#"{"type":"theme","slug":"wonen","name":"Wonen","description":null,"x":1}"#;
        assert!(serde_json::from_str::<Record>(extra).is_err());
        assert!(serde_json::from_str::<Record>(r#"{"type":"webhook"}"#).is_err());
    }
}
