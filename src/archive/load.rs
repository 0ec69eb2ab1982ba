//! Writing the records of an archive, line by line, inside the import's one write: each checked
//! as the API checks its input, in file order, referring only to what earlier lines made.
//! Organisations and themes that exist (same slug) are reused; everything else is created and
//! recorded as a CREATED change, so partners following the change log hear of it.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use entity::{coalition, coalition_membership as cm, organisation, person, theme};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveEnum, ActiveModelTrait, ColumnTrait, EntityTrait, Iterable, QueryFilter};

use super::format::Record;
use super::records as r;
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

    async fn organisation(&mut self, w: &mut Write<'_>, o: r::Organisation) -> WriteResult<()> {
        let mut c = Check::new();
        let slug = c.slug("slug", &o.slug);
        let name = c.text("name", &o.name, 200);
        let kind = enum_of(&mut c, "kind", &o.kind);
        let city = c.opt_text("city", o.city.as_deref(), 120);
        let website = c.url("website", o.website.as_deref());
        let description = c.opt_text("description", o.description.as_deref(), 10_000);
        if self.orgs.contains_key(&slug) {
            c.fail("slug", Code::Duplicate, "This organisation has a line already");
        }
        c.finish()?;
        let existing = organisation::Entity::find()
            .filter(organisation::Column::Slug.eq(&slug))
            .one(w.db())
            .await?;
        let id = match existing {
            Some(found) => found.id,
            None => {
                let now = Utc::now();
                let row = organisation::ActiveModel {
                    id: NotSet,
                    slug: Set(slug.clone()),
                    name: Set(name),
                    kind: Set(need(kind)?),
                    city: Set(city),
                    website: Set(website),
                    description: Set(description),
                    external_ref: Set(None),
                    archived_at: Set(None),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(w.db())
                .await?;
                w.record(created(NodeType::Organisation, row.id, Scope::PUBLIC).version(1));
                row.id
            }
        };
        self.orgs.insert(slug, id);
        Ok(())
    }

    async fn theme(&mut self, w: &mut Write<'_>, t: r::Theme) -> WriteResult<()> {
        let mut c = Check::new();
        let slug = c.slug("slug", &t.slug);
        let name = c.text("name", &t.name, 120);
        let description = c.opt_text("description", t.description.as_deref(), 10_000);
        if self.themes.contains_key(&slug) {
            c.fail("slug", Code::Duplicate, "This theme has a line already");
        }
        c.finish()?;
        let existing = theme::Entity::find()
            .filter(theme::Column::Slug.eq(&slug))
            .one(w.db())
            .await?;
        let id = match existing {
            Some(found) => found.id,
            None => {
                let row = theme::ActiveModel {
                    id: NotSet,
                    slug: Set(slug.clone()),
                    name: Set(name),
                    description: Set(description),
                    version: Set(1),
                    created_at: Set(Utc::now()),
                }
                .insert(w.db())
                .await?;
                w.record(created(NodeType::Theme, row.id, Scope::PUBLIC).version(1));
                row.id
            }
        };
        self.themes.insert(slug, id);
        Ok(())
    }

    async fn person(&mut self, w: &mut Write<'_>, p: r::Person) -> WriteResult<()> {
        let mut c = Check::new();
        let name = c.text("name", &p.name, 200);
        let role = enum_of(&mut c, "role", &p.role);
        let organisation_id = self.org(&mut c, "organisation", p.organisation.as_deref());
        c.finish()?;
        let now = Utc::now();
        let row = person::ActiveModel {
            id: NotSet,
            organisation_id: Set(organisation_id),
            name: Set(name),
            email: Set(None),
            role: Set(need(role)?),
            external_ref: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(w.db())
        .await?;
        w.record(created(NodeType::Person, row.id, Scope::PUBLIC).version(1));
        self.people.insert(p.id, row.id);
        Ok(())
    }

    async fn coalition(&mut self, w: &mut Write<'_>, k: r::Coalition) -> WriteResult<()> {
        let mut c = Check::new();
        if self.coalition.is_some() {
            c.fail(
                "type",
                Code::Duplicate,
                "A second coalition line: an archive holds one coalition",
            );
        }
        let slug = c.slug("slug", &k.slug);
        if slug != self.slug {
            c.fail(
                "slug",
                Code::Invalid,
                "The coalition's slug is not the one the header names",
            );
        }
        let name = c.text("name", &k.name, 200);
        let kind = enum_of(&mut c, "kind", &k.kind);
        let stage = enum_of(&mut c, "stage", &k.stage);
        let area = c.opt_text("area", k.area.as_deref(), 200);
        let municipality = c.opt_text("municipality", k.municipality.as_deref(), 120);
        let description = c.opt_text("description", k.description.as_deref(), 10_000);
        c.date("startsOn", k.starts_on);
        c.date("endsOn", k.ends_on);
        c.order("endsOn", k.starts_on, k.ends_on);
        c.finish()?;
        let row = coalition::ActiveModel {
            id: NotSet,
            slug: Set(slug),
            name: Set(name),
            kind: Set(need(kind)?),
            area: Set(area),
            municipality: Set(municipality),
            stage: Set(need(stage)?),
            starts_on: Set(k.starts_on),
            ends_on: Set(k.ends_on),
            description: Set(description),
            archived_at: Set(k.archived_at.map(|t| t.0)),
            version: Set(1),
            created_at: Set(k.created_at.0),
            updated_at: Set(k.updated_at.0),
        }
        .insert(w.db())
        .await?;
        w.record(created(NodeType::Coalition, row.id, Scope::PUBLIC.in_coalition(row.id)).version(1));
        self.coalition = Some(row.id);
        Ok(())
    }

    async fn membership(&mut self, w: &mut Write<'_>, m: r::Membership) -> WriteResult<()> {
        let coalition_id = self.in_coalition()?;
        let mut c = Check::new();
        let org = self.org(&mut c, "organisation", Some(&m.organisation));
        let role = enum_of(&mut c, "role", &m.role);
        c.date("joinedOn", m.joined_on);
        c.date("leftOn", m.left_on);
        c.order("leftOn", m.joined_on, m.left_on);
        if let Some(o) = org
            && !self.pairs.insert((0, coalition_id, o))
        {
            c.fail("organisation", Code::Duplicate, "This organisation is a member already");
        }
        c.finish()?;
        let row = cm::ActiveModel {
            id: NotSet,
            coalition_id: Set(coalition_id),
            organisation_id: Set(need(org)?),
            role: Set(need(role)?),
            joined_on: Set(m.joined_on),
            left_on: Set(m.left_on),
            created_at: Set(m.created_at.0),
        }
        .insert(w.db())
        .await?;
        let scope = Scope::PUBLIC.in_coalition(coalition_id);
        w.record(created(NodeType::CoalitionMembership, row.id, scope));
        Ok(())
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
