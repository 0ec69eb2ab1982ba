//! Writing the coalition's own work from an archive: workgroups and their members, questions
//! and their contributions; and what every such record shares (references by file id).

use entity::{
    Attribution, Visibility, contribution as co, learning_question as lq, question_theme as qt, workgroup as wg,
    workgroup_membership as wm, workgroup_theme as wt,
};
use sea_orm::ActiveModelTrait;
use sea_orm::ActiveValue::{NotSet, Set};

use super::load::{Loader, created, enum_of, need};
use super::records as r;
use crate::changes::Scope;
use crate::codes::Code;
use crate::ids::NodeType;
use crate::services::write::path::Write;
use crate::services::write::{Check, WriteResult};

/// The row ids behind file ids `ids` of `map`, each named by an earlier line, each once.
pub(super) fn rows<V: Copy>(
    c: &mut Check,
    field: &'static str,
    map: &std::collections::HashMap<u32, V>,
    ids: &[u32],
    row: impl Fn(V) -> i32,
) -> Vec<i32> {
    let mut out = Vec::new();
    for id in ids {
        match map.get(id).map(|v| row(*v)) {
            Some(r) if out.contains(&r) => c.fail(field, Code::Duplicate, format!("`{field}` names {id} twice")),
            Some(r) => out.push(r),
            None => c.fail(
                field,
                Code::NotFound,
                format!("`{field}` names {id}, which no earlier line holds"),
            ),
        }
    }
    out
}

/// The row behind optional file id `id` of `map`.
pub(super) fn one<V: Copy>(
    c: &mut Check,
    field: &'static str,
    map: &std::collections::HashMap<u32, V>,
    id: Option<u32>,
) -> Option<V> {
    let id = id?;
    let v = map.get(&id).copied();
    if v.is_none() {
        c.fail(
            field,
            Code::NotFound,
            format!("`{field}` names {id}, which no earlier line holds"),
        );
    }
    v
}

pub(super) fn visibility(c: &mut Check, v: &str) -> Option<Visibility> {
    enum_of(c, "visibility", v)
}

impl Loader {
    pub(super) async fn workgroup(&mut self, w: &mut Write<'_>, g: r::Workgroup) -> WriteResult<()> {
        let coalition_id = self.in_coalition()?;
        let mut c = Check::new();
        let name = c.text("name", &g.name, 200);
        let kind = enum_of(&mut c, "kind", &g.kind);
        let method = c.opt_text("method", g.method.as_deref(), 200);
        let description = c.opt_text("description", g.description.as_deref(), 10_000);
        c.date("startsOn", g.starts_on);
        c.date("endsOn", g.ends_on);
        c.order("endsOn", g.starts_on, g.ends_on);
        let vis = visibility(&mut c, &g.visibility);
        let themes = self.theme_ids(&mut c, &g.themes);
        c.finish()?;
        let row = wg::ActiveModel {
            id: NotSet,
            coalition_id: Set(coalition_id),
            name: Set(name),
            kind: Set(need(kind)?),
            method: Set(method),
            description: Set(description),
            starts_on: Set(g.starts_on),
            ends_on: Set(g.ends_on),
            visibility: Set(need(vis)?),
            archived_at: Set(g.archived_at.map(|t| t.0)),
            version: Set(1),
            created_at: Set(g.created_at.0),
            updated_at: Set(g.updated_at.0),
        }
        .insert(w.db())
        .await?;
        for theme_id in themes {
            let link = wt::ActiveModel {
                workgroup_id: Set(row.id),
                theme_id: Set(theme_id),
            };
            link.insert(w.db()).await?;
        }
        let scope = Scope::of(row.visibility, coalition_id);
        w.record(created(NodeType::Workgroup, row.id, scope).version(1));
        self.workgroups.insert(g.id, (row.id, scope));
        Ok(())
    }

    pub(super) async fn workgroup_member(&mut self, w: &mut Write<'_>, m: r::WorkgroupMember) -> WriteResult<()> {
        self.in_coalition()?;
        let mut c = Check::new();
        let group = one(&mut c, "workgroup", &self.workgroups, Some(m.workgroup));
        let person = one(&mut c, "person", &self.people, Some(m.person));
        let role = enum_of(&mut c, "role", &m.role);
        if let (Some((g, _)), Some(p)) = (group, person)
            && !self.pairs.insert((1, g, p))
        {
            c.fail(
                "person",
                Code::Duplicate,
                "This person is a member of the workgroup already",
            );
        }
        c.finish()?;
        let (group, scope) = need(group)?;
        let row = wm::ActiveModel {
            id: NotSet,
            workgroup_id: Set(group),
            person_id: Set(need(person)?),
            role: Set(need(role)?),
            created_at: Set(m.created_at.0),
        }
        .insert(w.db())
        .await?;
        w.record(created(NodeType::WorkgroupMembership, row.id, scope));
        Ok(())
    }

    pub(super) async fn question(&mut self, w: &mut Write<'_>, q: r::Question) -> WriteResult<()> {
        let coalition_id = self.in_coalition()?;
        let mut c = Check::new();
        let group = one(&mut c, "workgroup", &self.workgroups, q.workgroup);
        let title = c.text("title", &q.title, 300);
        let context = c.text("context", &q.context, 10_000);
        let status = enum_of(&mut c, "status", &q.status);
        let asked_by_org = self.org(&mut c, "askedByOrganisation", q.asked_by_organisation.as_deref());
        let asked_by_person = one(&mut c, "askedByPerson", &self.people, q.asked_by_person);
        let vis = visibility(&mut c, &q.visibility);
        let summary = c.opt_text("resolutionSummary", q.resolution_summary.as_deref(), 10_000);
        let themes = self.theme_ids(&mut c, &q.themes);
        c.finish()?;
        let row = lq::ActiveModel {
            id: NotSet,
            coalition_id: Set(coalition_id),
            workgroup_id: Set(group.map(|g| g.0)),
            title: Set(title),
            context: Set(context),
            status: Set(need(status)?),
            asked_by_organisation_id: Set(asked_by_org),
            asked_by_person_id: Set(asked_by_person),
            visibility: Set(need(vis)?),
            resolution_summary: Set(summary),
            external_ref: Set(None),
            version: Set(1),
            created_at: Set(q.created_at.0),
            updated_at: Set(q.updated_at.0),
        }
        .insert(w.db())
        .await?;
        for theme_id in themes {
            let link = qt::ActiveModel {
                question_id: Set(row.id),
                theme_id: Set(theme_id),
            };
            link.insert(w.db()).await?;
        }
        let scope = Scope::of(row.visibility, coalition_id);
        w.record(created(NodeType::LearningQuestion, row.id, scope).version(1));
        self.questions.insert(q.id, (row.id, scope));
        Ok(())
    }

    pub(super) async fn contribution(&mut self, w: &mut Write<'_>, k: r::Contribution) -> WriteResult<()> {
        let coalition_id = self.in_coalition()?;
        let mut c = Check::new();
        let question = one(&mut c, "question", &self.questions, Some(k.question));
        let kind = enum_of(&mut c, "kind", &k.kind);
        let body = c.text("body", &k.body, 10_000);
        let attribution = enum_of::<Attribution>(&mut c, "attribution", &k.attribution);
        let author = one(&mut c, "author", &self.people, k.author);
        let organisation = self.org(&mut c, "organisation", k.organisation.as_deref());
        let vis = visibility(&mut c, &k.visibility);
        // The file keeps what attribution allows; a file that holds more is refused.
        match attribution {
            Some(Attribution::Organisation) if k.author.is_some() => {
                c.fail("author", Code::Invalid, "An ORGANISATION contribution names no author")
            }
            Some(Attribution::Anonymous) if k.author.is_some() || k.organisation.is_some() => c.fail(
                "attribution",
                Code::Invalid,
                "An ANONYMOUS contribution names no author and no organisation",
            ),
            _ => {}
        }
        c.finish()?;
        let (question_id, question_scope) = need(question)?;
        let row = co::ActiveModel {
            id: NotSet,
            question_id: Set(question_id),
            coalition_id: Set(coalition_id),
            kind: Set(need(kind)?),
            body: Set(body),
            author_person_id: Set(author),
            organisation_id: Set(organisation),
            attribution: Set(need(attribution)?),
            visibility: Set(need(vis)?),
            external_ref: Set(None),
            version: Set(1),
            created_at: Set(k.created_at.0),
            updated_at: Set(k.updated_at.0),
        }
        .insert(w.db())
        .await?;
        let scope = Scope::of(row.visibility, coalition_id).narrowest(question_scope);
        w.record(created(NodeType::Contribution, row.id, scope).version(1));
        Ok(())
    }
}
