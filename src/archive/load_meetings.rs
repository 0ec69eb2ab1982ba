//! Writing a coalition's meetings, learning tracks and outcomes from an archive, with the
//! questions they discussed or answer and the sessions in order.

use entity::{
    learning_track as lt, meeting as me, meeting_question as mq, outcome as ou, outcome_question as oq,
    track_session as ts,
};
use sea_orm::ActiveModelTrait;
use sea_orm::ActiveValue::{NotSet, Set};

use super::load::{Loader, created, enum_of, need};
use super::load_work::{one, rows, visibility};
use super::records as r;
use crate::changes::Scope;
use crate::codes::Code;
use crate::ids::NodeType;
use crate::services::write::path::Write;
use crate::services::write::{Check, WriteResult};

impl Loader {
    pub(super) async fn meeting(&mut self, w: &mut Write<'_>, m: r::Meeting) -> WriteResult<()> {
        let coalition_id = self.in_coalition()?;
        let mut c = Check::new();
        let group = one(&mut c, "workgroup", &self.workgroups, m.workgroup);
        let title = c.text("title", &m.title, 300);
        let kind = enum_of(&mut c, "kind", &m.kind);
        c.order("endsAt", Some(m.starts_at), m.ends_at);
        let location = c.opt_text("location", m.location.as_deref(), 300);
        let work_form = c.opt_text("workForm", m.work_form.as_deref(), 300);
        let report = c.opt_text("report", m.report.as_deref(), 20_000);
        let vis = visibility(&mut c, &m.visibility);
        let organisation = self.org(&mut c, "organisation", m.organisation.as_deref());
        let questions = rows(&mut c, "questions", &self.questions, &m.questions, |q| q.0);
        c.finish()?;
        let row = me::ActiveModel {
            id: NotSet,
            coalition_id: Set(coalition_id),
            workgroup_id: Set(group.map(|g| g.0)),
            title: Set(title),
            kind: Set(need(kind)?),
            starts_at: Set(m.starts_at.0),
            ends_at: Set(m.ends_at.map(|t| t.0)),
            location: Set(location),
            work_form: Set(work_form),
            report: Set(report),
            visibility: Set(need(vis)?),
            organisation_id: Set(organisation),
            external_ref: Set(None),
            version: Set(1),
            created_at: Set(m.created_at.0),
            updated_at: Set(m.updated_at.0),
        }
        .insert(w.db())
        .await?;
        for question_id in questions {
            let link = mq::ActiveModel {
                meeting_id: Set(row.id),
                question_id: Set(question_id),
            };
            link.insert(w.db()).await?;
        }
        let own = Scope::of(row.visibility, coalition_id);
        let scope = group.map_or(own, |g| own.narrowest(g.1));
        w.record(created(NodeType::Meeting, row.id, scope).version(1));
        self.meetings.insert(m.id, row.id);
        Ok(())
    }

    pub(super) async fn track(&mut self, w: &mut Write<'_>, t: r::Track) -> WriteResult<()> {
        let coalition_id = self.in_coalition()?;
        let mut c = Check::new();
        let title = c.text("title", &t.title, 300);
        let goal = c.text("goal", &t.goal, 10_000);
        c.date("startsOn", t.starts_on);
        c.date("endsOn", t.ends_on);
        c.order("endsOn", t.starts_on, t.ends_on);
        let ids: Vec<u32> = t.sessions.iter().map(|s| s.meeting).collect();
        let meetings = rows(&mut c, "sessions", &self.meetings, &ids, |m| m);
        let mut positions = std::collections::HashSet::new();
        for s in &t.sessions {
            if !(1..=1000).contains(&s.position) {
                c.fail(
                    "sessions",
                    Code::OutOfRange,
                    "A session's `position` must lie between 1 and 1000",
                );
            } else if !positions.insert(s.position) {
                c.fail("sessions", Code::Duplicate, "Two sessions have the same `position`");
            }
        }
        c.finish()?;
        let row = lt::ActiveModel {
            id: NotSet,
            coalition_id: Set(coalition_id),
            title: Set(title),
            goal: Set(goal),
            starts_on: Set(t.starts_on),
            ends_on: Set(t.ends_on),
            version: Set(1),
            created_at: Set(t.created_at.0),
            updated_at: Set(t.updated_at.0),
        }
        .insert(w.db())
        .await?;
        for (meeting_id, s) in meetings.into_iter().zip(&t.sessions) {
            let link = ts::ActiveModel {
                track_id: Set(row.id),
                meeting_id: Set(meeting_id),
                position: Set(s.position),
            };
            link.insert(w.db()).await?;
        }
        let scope = Scope::PUBLIC.in_coalition(coalition_id);
        w.record(created(NodeType::LearningTrack, row.id, scope).version(1));
        Ok(())
    }

    pub(super) async fn outcome(&mut self, w: &mut Write<'_>, o: r::Outcome) -> WriteResult<()> {
        let coalition_id = self.in_coalition()?;
        let mut c = Check::new();
        let kind = enum_of(&mut c, "kind", &o.kind);
        let title = c.text("title", &o.title, 300);
        let summary = c.opt_text("summary", o.summary.as_deref(), 10_000);
        let url = c.url("url", o.url.as_deref());
        c.date("publishedOn", o.published_on);
        let vis = visibility(&mut c, &o.visibility);
        let questions = rows(&mut c, "questions", &self.questions, &o.questions, |q| q.0);
        c.finish()?;
        let row = ou::ActiveModel {
            id: NotSet,
            coalition_id: Set(coalition_id),
            kind: Set(need(kind)?),
            title: Set(title),
            summary: Set(summary),
            url: Set(url),
            published_on: Set(o.published_on),
            visibility: Set(need(vis)?),
            version: Set(1),
            created_at: Set(o.created_at.0),
            updated_at: Set(o.updated_at.0),
        }
        .insert(w.db())
        .await?;
        for question_id in questions {
            let link = oq::ActiveModel {
                outcome_id: Set(row.id),
                question_id: Set(question_id),
            };
            link.insert(w.db()).await?;
        }
        let scope = Scope::of(row.visibility, coalition_id);
        w.record(created(NodeType::Outcome, row.id, scope).version(1));
        Ok(())
    }
}
