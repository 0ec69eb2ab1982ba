//! Shared helpers of the demo seed: the ids handed out by the database, deterministic
//! timestamps and the visibility order.

use std::collections::HashMap;

use anyhow::{Context, Result};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use entity::Visibility;

use super::rows::Key;

/// The optimistic-lock version of a freshly inserted row.
pub const FIRST_VERSION: i32 = 1;

/// What later rows need to know about an inserted workgroup.
#[derive(Clone, Copy)]
pub struct WorkgroupRef {
    pub id: i32,
    pub coalition_id: i32,
    pub visibility: Visibility,
    pub starts: DateTime<Utc>,
}

/// What later rows need to know about an inserted learning question.
#[derive(Clone, Copy)]
pub struct QuestionRef {
    pub id: i32,
    pub coalition_id: i32,
    pub visibility: Visibility,
    pub asked: DateTime<Utc>,
}

/// What later rows need to know about an inserted meeting.
#[derive(Clone, Copy)]
pub struct MeetingRef {
    pub id: i32,
    pub coalition_id: i32,
    pub starts: DateTime<Utc>,
}

/// The ids the database returned, by dataset key.
#[derive(Default)]
pub struct Ids {
    pub orgs: HashMap<Key, i32>,
    pub themes: HashMap<Key, i32>,
    pub people: HashMap<Key, i32>,
    pub coalitions: HashMap<Key, i32>,
    pub workgroups: HashMap<Key, WorkgroupRef>,
    pub questions: HashMap<Key, QuestionRef>,
    pub meetings: HashMap<Key, MeetingRef>,
}

/// Looks `key` up in `map`, naming `what` was missing when it is not there.
pub fn get<T: Copy>(map: &HashMap<Key, T>, key: &str, what: &str) -> Result<T> {
    map.get(key)
        .copied()
        .with_context(|| format!("demo data refers to unknown {what} `{key}`"))
}

/// Like [`get`] for an optional key.
pub fn get_opt<T: Copy>(map: &HashMap<Key, T>, key: Option<&str>, what: &str) -> Result<Option<T>> {
    key.map(|k| get(map, k, what)).transpose()
}

/// Parses a `YYYY-MM-DD` date.
pub fn day(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").with_context(|| format!("bad demo date `{text}`"))
}

/// Parses an optional `YYYY-MM-DD` date.
pub fn opt_day(text: Option<&str>) -> Result<Option<NaiveDate>> {
    text.map(day).transpose()
}

/// The record timestamp of a day: 09:00 UTC, so every machine seeds the same instant.
pub fn stamp(text: &str) -> Result<DateTime<Utc>> {
    Ok((day(text)?.and_time(NaiveTime::MIN) + TimeDelta::hours(9)).and_utc())
}

/// `days` days after `at`.
pub fn days_after(at: DateTime<Utc>, days: i64) -> DateTime<Utc> {
    at + TimeDelta::days(days)
}

/// Converts local Europe/Amsterdam time (`YYYY-MM-DD HH:MM`, daytime) to UTC: CEST (+2) from
/// the last Sunday of March to the last Sunday of October, CET (+1) otherwise.
pub fn amsterdam(text: &str) -> Result<DateTime<Utc>> {
    let local =
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").with_context(|| format!("bad demo time `{text}`"))?;
    let date = local.date();
    let summer = date >= last_sunday(date.year(), 3)? && date < last_sunday(date.year(), 10)?;
    let offset = if summer { 2 } else { 1 };
    Ok((local - TimeDelta::hours(offset)).and_utc())
}

/// The last Sunday of a month with 31 days (March or October).
fn last_sunday(year: i32, month: u32) -> Result<NaiveDate> {
    let last = NaiveDate::from_ymd_opt(year, month, 31).with_context(|| format!("{year}-{month} has no 31st"))?;
    Ok(last - TimeDelta::days(last.weekday().num_days_from_sunday().into()))
}

/// How narrow a visibility is: PUBLIC 0, PARTNERS 1, COALITION 2.
pub fn narrowness(v: Visibility) -> u8 {
    match v {
        Visibility::Public => 0,
        Visibility::Partners => 1,
        Visibility::Coalition => 2,
    }
}

/// Fails unless `child` is at most as broad as `parent`.
pub fn ensure_within(child: Visibility, parent: Visibility, what: &str) -> Result<()> {
    anyhow::ensure!(
        narrowness(child) >= narrowness(parent),
        "{what}: visibility {child:?} is broader than {parent:?}"
    );
    Ok(())
}
