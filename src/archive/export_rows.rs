//! The records of the coalition itself, each referring to earlier records by file id or slug.

use std::collections::HashMap;

use entity::Attribution;
use sea_orm::ActiveEnum;

use super::format::{Record, Stamp};
use super::read::Rows;
use super::records as r;

/// File ids of one type: 1, 2, … in the order the rows were read (by id).
pub struct Ids(HashMap<i32, u32>);

impl Ids {
    /// Numbers `ids` in their order.
    pub fn of(ids: impl Iterator<Item = i32>) -> Self {
        Ids(ids.zip(1..).collect())
    }

    fn get(&self, id: i32) -> Option<u32> {
        self.0.get(&id).copied()
    }

    fn opt(&self, id: Option<i32>) -> Option<u32> {
        id.and_then(|i| self.get(i))
    }

    /// The file ids of `ids` that are in the file, ascending.
    fn sorted(&self, ids: impl Iterator<Item = i32>) -> Vec<u32> {
        let mut v: Vec<u32> = ids.filter_map(|i| self.get(i)).collect();
        v.sort_unstable();
        v
    }
}

/// The file ids of the types other records refer to.
pub struct FileIds {
    pub people: Ids,
    pub workgroups: Ids,
    pub questions: Ids,
    pub meetings: Ids,
}

/// The stored spelling of an enumeration value.
pub fn s<E: ActiveEnum<Value = String>>(e: &E) -> String {
    e.to_value()
}

fn t(v: chrono::DateTime<chrono::Utc>) -> Stamp {
    Stamp::of(v)
}

/// The slugs of the themes among `links` whose owner is `owner`, sorted.
fn theme_slugs<'a>(
    themes: &HashMap<i32, String>,
    links: impl Iterator<Item = (i32, i32)> + 'a,
    owner: i32,
) -> Vec<String> {
    let mut v: Vec<String> = links
        .filter(|(o, _)| *o == owner)
        .filter_map(|(_, t)| themes.get(&t).cloned())
        .collect();
    v.sort();
    v
}

/// Appends the coalition and everything in it to `out`.
pub fn coalition_records(
    rows: &Rows,
    ids: &FileIds,
    org: &dyn Fn(Option<i32>) -> Option<String>,
    themes: &HashMap<i32, String>,
    out: &mut Vec<Record>,
) {
    let c = &rows.coalition;
    out.push(Record::Coalition(r::Coalition {
        slug: c.slug.clone(),
        name: c.name.clone(),
        kind: s(&c.kind),
        area: c.area.clone(),
        municipality: c.municipality.clone(),
        stage: s(&c.stage),
        starts_on: c.starts_on,
        ends_on: c.ends_on,
        description: c.description.clone(),
        archived_at: c.archived_at.map(t),
        created_at: t(c.created_at),
        updated_at: t(c.updated_at),
    }));
    out.extend(rows.memberships.iter().zip(1..).filter_map(|(m, id)| {
        Some(Record::Membership(r::Membership {
            id,
            organisation: org(Some(m.organisation_id))?,
            role: s(&m.role),
            joined_on: m.joined_on,
            left_on: m.left_on,
            created_at: t(m.created_at),
        }))
    }));
    out.extend(rows.workgroups.iter().zip(1..).map(|(w, id)| {
        let links = rows.workgroup_themes.iter().map(|l| (l.workgroup_id, l.theme_id));
        Record::Workgroup(r::Workgroup {
            id,
            name: w.name.clone(),
            kind: s(&w.kind),
            method: w.method.clone(),
            description: w.description.clone(),
            starts_on: w.starts_on,
            ends_on: w.ends_on,
            visibility: s(&w.visibility),
            themes: theme_slugs(themes, links, w.id),
            archived_at: w.archived_at.map(t),
            created_at: t(w.created_at),
            updated_at: t(w.updated_at),
        })
    }));
    out.extend(rows.workgroup_members.iter().zip(1..).filter_map(|(m, id)| {
        Some(Record::WorkgroupMember(r::WorkgroupMember {
            id,
            workgroup: ids.workgroups.get(m.workgroup_id)?,
            person: ids.people.get(m.person_id)?,
            role: s(&m.role),
            created_at: t(m.created_at),
        }))
    }));
    questions(rows, ids, org, themes, out);
    work(rows, ids, org, out);
}

fn questions(
    rows: &Rows,
    ids: &FileIds,
    org: &dyn Fn(Option<i32>) -> Option<String>,
    themes: &HashMap<i32, String>,
    out: &mut Vec<Record>,
) {
    out.extend(rows.questions.iter().zip(1..).map(|(q, id)| {
        let links = rows.question_themes.iter().map(|l| (l.question_id, l.theme_id));
        Record::Question(r::Question {
            id,
            workgroup: ids.workgroups.opt(q.workgroup_id),
            title: q.title.clone(),
            context: q.context.clone(),
            status: s(&q.status),
            asked_by_organisation: org(q.asked_by_organisation_id),
            asked_by_person: ids.people.opt(q.asked_by_person_id),
            visibility: s(&q.visibility),
            resolution_summary: q.resolution_summary.clone(),
            themes: theme_slugs(themes, links, q.id),
            created_at: t(q.created_at),
            updated_at: t(q.updated_at),
        })
    }));
    out.extend(rows.contributions.iter().zip(1..).filter_map(|(c, id)| {
        // The Chatham House rule, for a file that may leave the coalition: NAMED keeps the
        // author, ORGANISATION only the organisation, ANONYMOUS neither.
        let author = (c.attribution == Attribution::Named)
            .then_some(c.author_person_id)
            .flatten();
        let organisation = (c.attribution != Attribution::Anonymous)
            .then_some(c.organisation_id)
            .flatten();
        Some(Record::Contribution(r::Contribution {
            id,
            question: ids.questions.get(c.question_id)?,
            kind: s(&c.kind),
            body: c.body.clone(),
            attribution: s(&c.attribution),
            author: ids.people.opt(author),
            organisation: org(organisation),
            visibility: s(&c.visibility),
            created_at: t(c.created_at),
            updated_at: t(c.updated_at),
        }))
    }));
}

fn work(rows: &Rows, ids: &FileIds, org: &dyn Fn(Option<i32>) -> Option<String>, out: &mut Vec<Record>) {
    out.extend(rows.meetings.iter().zip(1..).map(|(m, id)| {
        let discussed = rows.meeting_questions.iter().filter(|l| l.meeting_id == m.id);
        Record::Meeting(r::Meeting {
            id,
            workgroup: ids.workgroups.opt(m.workgroup_id),
            title: m.title.clone(),
            kind: s(&m.kind),
            starts_at: t(m.starts_at),
            ends_at: m.ends_at.map(t),
            location: m.location.clone(),
            work_form: m.work_form.clone(),
            report: m.report.clone(),
            visibility: s(&m.visibility),
            organisation: org(m.organisation_id),
            questions: ids.questions.sorted(discussed.map(|l| l.question_id)),
            created_at: t(m.created_at),
            updated_at: t(m.updated_at),
        })
    }));
    out.extend(rows.tracks.iter().zip(1..).map(|(tr, id)| {
        let sessions = rows.sessions.iter().filter(|s| s.track_id == tr.id);
        Record::Track(r::Track {
            id,
            title: tr.title.clone(),
            goal: tr.goal.clone(),
            starts_on: tr.starts_on,
            ends_on: tr.ends_on,
            sessions: sessions
                .filter_map(|s| {
                    Some(r::Session {
                        meeting: ids.meetings.get(s.meeting_id)?,
                        position: s.position,
                    })
                })
                .collect(),
            created_at: t(tr.created_at),
            updated_at: t(tr.updated_at),
        })
    }));
    out.extend(rows.outcomes.iter().zip(1..).map(|(o, id)| {
        let answered = rows.outcome_questions.iter().filter(|l| l.outcome_id == o.id);
        Record::Outcome(r::Outcome {
            id,
            kind: s(&o.kind),
            title: o.title.clone(),
            summary: o.summary.clone(),
            url: o.url.clone(),
            published_on: o.published_on,
            visibility: s(&o.visibility),
            questions: ids.questions.sorted(answered.map(|l| l.question_id)),
            created_at: t(o.created_at),
            updated_at: t(o.updated_at),
        })
    }));
}
