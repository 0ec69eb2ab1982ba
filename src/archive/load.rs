//! Writing the records of an archive, line by line, inside the import's one write: each checked
//! as the API checks its input, in file order, referring only to what earlier lines made.
//! Organisations and themes that exist (same slug) are reused; everything else is created and
//! recorded as a CREATED change, so partners following the change log hear of it.

use std::collections::{HashMap, HashSet};

use sea_orm::{ActiveEnum, Iterable};

use super::format::Record;
use crate::changes::{Action, Scope};
use crate::codes::Code;
use crate::ids::NodeType;
use crate::services::write::path::{Change, Write};
use crate::services::write::{Check, WriteResult, invalid};

/// What the lines read so far made: the rows their file ids and slugs stand for.
pub struct Loader {
    pub(super) slug: String,
    pub(super) coalition: Option<i32>,
    rank: u8,
    pub(super) orgs: HashMap<String, i32>,
    pub(super) themes: HashMap<String, i32>,
    pub(super) people: HashMap<u32, i32>,
    pub(super) workgroups: HashMap<u32, (i32, Scope)>,
    pub(super) questions: HashMap<u32, (i32, Scope)>,
    pub(super) meetings: HashMap<u32, i32>,
    /// `(type, file id)` of every record read, so an id is used once per type.
    ids: HashSet<(u8, u32)>,
    /// Organisations in the coalition, and people in each workgroup: each once.
    pub(super) pairs: HashSet<(u8, i32, i32)>,
}

impl Loader {
    /// A loader for the coalition the header names.
    pub fn new(slug: String) -> Self {
        Loader {
            slug,
            coalition: None,
            rank: 0,
            orgs: HashMap::new(),
            themes: HashMap::new(),
            people: HashMap::new(),
            workgroups: HashMap::new(),
            questions: HashMap::new(),
            meetings: HashMap::new(),
            ids: HashSet::new(),
            pairs: HashSet::new(),
        }
    }

    /// The new coalition, once its line was read.
    pub fn coalition_id(&self) -> Option<i32> {
        self.coalition
    }

    /// Checks and writes one record.
    pub async fn load(&mut self, w: &mut Write<'_>, record: Record) -> WriteResult<()> {
        let rank = record.rank();
        if rank < self.rank {
            let msg = "Out of order: records come as organisations, themes, people, the coalition, memberships, \
                       workgroups, workgroup members, questions, contributions, meetings, tracks, outcomes";
            return Err(invalid("type", Code::Invalid, msg));
        }
        self.rank = rank;
        if let Some(id) = file_id(&record)
            && !self.ids.insert((rank, id))
        {
            return Err(invalid(
                "id",
                Code::Duplicate,
                format!("`id` {id} is used twice for this type"),
            ));
        }
        match record {
            Record::Organisation(o) => self.organisation(w, o).await,
            Record::Theme(t) => self.theme(w, t).await,
            Record::Person(p) => self.person(w, p).await,
            Record::Coalition(c) => self.coalition(w, c).await,
            Record::Membership(m) => self.membership(w, m).await,
            Record::Workgroup(g) => self.workgroup(w, g).await,
            Record::WorkgroupMember(m) => self.workgroup_member(w, m).await,
            Record::Question(q) => self.question(w, q).await,
            Record::Contribution(c) => self.contribution(w, c).await,
            Record::Meeting(m) => self.meeting(w, m).await,
            Record::Track(t) => self.track(w, t).await,
            Record::Outcome(o) => self.outcome(w, o).await,
        }
    }

    /// The new coalition, for a record that belongs to it.
    pub(super) fn in_coalition(&self) -> WriteResult<i32> {
        self.coalition
            .ok_or_else(|| invalid("type", Code::Invalid, "This record comes before the coalition line"))
    }

    /// The organisation named `slug` by an earlier line.
    pub(super) fn org(&self, c: &mut Check, field: &'static str, slug: Option<&str>) -> Option<i32> {
        let slug = slug?;
        let id = self.orgs.get(slug).copied();
        if id.is_none() {
            let msg = format!(
                "`{field}` names organisation {:?}, which no earlier line holds",
                clip(slug)
            );
            c.fail(field, Code::NotFound, msg);
        }
        id
    }

    /// The theme ids of `slugs`, each named by an earlier line, each once.
    pub(super) fn theme_ids(&self, c: &mut Check, slugs: &[String]) -> Vec<i32> {
        let mut ids = Vec::new();
        for slug in slugs {
            match self.themes.get(slug) {
                Some(id) if ids.contains(id) => c.fail("themes", Code::Duplicate, "`themes` names a theme twice"),
                Some(id) => ids.push(*id),
                None => {
                    let msg = format!("`themes` names theme {:?}, which no earlier line holds", clip(slug));
                    c.fail("themes", Code::NotFound, msg);
                }
            }
        }
        ids
    }
}

/// The file id of a record that has one.
fn file_id(r: &Record) -> Option<u32> {
    match r {
        Record::Organisation(_) | Record::Theme(_) | Record::Coalition(_) => None,
        Record::Person(p) => Some(p.id),
        Record::Membership(m) => Some(m.id),
        Record::Workgroup(g) => Some(g.id),
        Record::WorkgroupMember(m) => Some(m.id),
        Record::Question(q) => Some(q.id),
        Record::Contribution(c) => Some(c.id),
        Record::Meeting(m) => Some(m.id),
        Record::Track(t) => Some(t.id),
        Record::Outcome(o) => Some(o.id),
    }
}

/// The CREATED change of a new row.
pub(super) fn created(node: NodeType, id: i32, scope: Scope) -> Change {
    Change::new(node, id, Action::Created, scope)
}

/// The value of enumeration `E` spelled `v`, else an `INVALID` problem naming the values.
pub(super) fn enum_of<E: ActiveEnum<Value = String> + Iterable>(
    c: &mut Check,
    field: &'static str,
    v: &str,
) -> Option<E> {
    let parsed = E::try_from_value(&v.to_string()).ok();
    if parsed.is_none() {
        let all: Vec<String> = E::iter().map(|e| e.to_value()).collect();
        c.fail(
            field,
            Code::Invalid,
            format!("`{field}` must be one of {}", all.join(", ")),
        );
    }
    parsed
}

/// A value a passed check has produced.
pub(super) fn need<T>(v: Option<T>) -> WriteResult<T> {
    v.ok_or_else(|| invalid("file", Code::Invalid, "A value is missing"))
}

pub(super) fn clip(s: &str) -> String {
    crate::echo::clip(s).to_string()
}
