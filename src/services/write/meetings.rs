//! Writing meetings and the questions they discussed. Any editor of a member organisation may
//! plan and report a coalition's meetings; the organiser is the caller's organisation.

use chrono::{DateTime, Utc};
use entity::{MeetingKind, Visibility, learning_question as lq, meeting as me, meeting_question as mq, workgroup};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ModelTrait};

use super::links::{same_coalition, toggle};
use super::load::visible_row;
use super::organisations::OnUnique;
use super::path::{self, Change};
use super::questions::own_organisation;
use super::save::{Versioned, save};
use super::sync::{Editable, ExternalRef, Synced, editable, upsert as sync};
use super::{Check, WriteResult, invalid};
use crate::changes::{Action, Scope};
use crate::codes::Code;
use crate::error::AppResult;
use crate::ids::NodeType;
use crate::permissions;
use crate::viewer::Viewer;

/// The fields of a meeting a client may set.
#[derive(Debug, Clone, Default)]
pub struct MeetingFields {
    pub title: Option<String>,
    pub kind: Option<MeetingKind>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<Option<DateTime<Utc>>>,
    pub location: Option<Option<String>>,
    pub work_form: Option<Option<String>>,
    pub report: Option<Option<String>>,
    pub visibility: Option<Visibility>,
    pub workgroup_id: Option<Option<i32>>,
}

impl Editable for me::Entity {
    const WHAT: &'static str = "meeting";

    fn may_edit(viewer: &Viewer, m: &me::Model) -> AppResult<()> {
        permissions::coalition_editor(viewer, m.coalition_id, "change meetings of this coalition")
    }
}

impl Versioned for me::Entity {
    const NODE: NodeType = NodeType::Meeting;

    fn version_column() -> me::Column {
        me::Column::Version
    }

    fn version(m: &me::Model) -> i32 {
        m.version
    }

    fn scope(m: &me::Model) -> Scope {
        Scope::of(m.visibility, m.coalition_id)
    }

    fn visibility(m: &me::Model) -> Option<Visibility> {
        Some(m.visibility)
    }

    /// No more than who may see its workgroup.
    async fn reach<C: ConnectionTrait>(conn: &C, m: &me::Model) -> WriteResult<Scope> {
        let own = Self::scope(m);
        let Some(wg) = m.workgroup_id else { return Ok(own) };
        let group = workgroup::Entity::find_by_id(wg).one(conn).await?;
        Ok(group.map_or(own, |g| own.narrowest(Scope::of(g.visibility, g.coalition_id))))
    }
}

impl Synced for me::Entity {
    type Fields = MeetingFields;

    fn owner_column() -> me::Column {
        me::Column::OrganisationId
    }

    fn ref_column() -> me::Column {
        me::Column::ExternalRef
    }

    fn changes(m: &me::Model, f: MeetingFields) -> Option<MeetingFields> {
        let f = MeetingFields {
            title: f.title.filter(|v| v.trim() != m.title),
            kind: f.kind.filter(|v| *v != m.kind),
            starts_at: f.starts_at.filter(|v| *v != m.starts_at),
            ends_at: f.ends_at.filter(|v| *v != m.ends_at),
            location: f.location.filter(|v| *v != m.location),
            work_form: f.work_form.filter(|v| *v != m.work_form),
            report: f.report.filter(|v| *v != m.report),
            visibility: f.visibility.filter(|v| *v != m.visibility),
            workgroup_id: f.workgroup_id.filter(|v| *v != m.workgroup_id),
        };
        let none = f.title.is_none()
            && f.kind.is_none()
            && f.starts_at.is_none()
            && f.ends_at.is_none()
            && f.location.is_none()
            && f.work_form.is_none()
            && f.report.is_none()
            && f.visibility.is_none()
            && f.workgroup_id.is_none();
        (!none).then_some(f)
    }
}

const NODE: NodeType = NodeType::Meeting;

async fn validate(
    conn: &impl ConnectionTrait,
    coalition_id: i32,
    current: Option<&me::Model>,
    f: &mut MeetingFields,
) -> WriteResult<()> {
    let mut c = Check::new();
    if current.is_none() || f.title.is_some() {
        f.title = Some(c.text("title", f.title.as_deref().unwrap_or(""), 300));
    }
    if current.is_none() && f.starts_at.is_none() {
        c.fail("startsAt", Code::Required, "`startsAt` is required");
    }
    for (field, value, max) in [
        ("location", &mut f.location, 300),
        ("workForm", &mut f.work_form, 300),
        ("report", &mut f.report, 20_000),
    ] {
        if let Some(v) = value {
            *v = c.opt_text(field, v.as_deref(), max);
        }
    }
    let start = f.starts_at.or(current.map(|m| m.starts_at));
    let end = f.ends_at.unwrap_or(current.and_then(|m| m.ends_at));
    c.order("endsAt", start, end);
    if let Some(Some(wg)) = f.workgroup_id
        && workgroup::Entity::find_by_id(wg)
            .one(conn)
            .await?
            .is_none_or(|w| w.coalition_id != coalition_id)
    {
        c.fail(
            "workgroup",
            Code::CrossCoalition,
            "The workgroup must belong to the meeting's coalition",
        );
    }
    c.finish()
}

fn apply(am: &mut me::ActiveModel, f: &MeetingFields) -> Vec<&'static str> {
    let mut changed = vec![];
    super::apply_fields!(am, f, changed;
        title => "title",
        kind => "kind",
        starts_at => "startsAt",
        ends_at => "endsAt",
        location => "location",
        work_form => "workForm",
        report => "report",
        visibility => "visibility",
        workgroup_id => "workgroup",
    );
    changed
}

/// Plans a meeting of coalition `coalition_id`, organised by the viewer's organisation.
/// Without a `visibility` it is COALITION: private by default.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    coalition_id: i32,
    mut f: MeetingFields,
    external_ref: Option<String>,
) -> WriteResult<me::Model> {
    permissions::coalition_editor(viewer, coalition_id, "plan meetings of this coalition")?;
    let external_ref = Check::external_ref(external_ref)?;
    path::run(db, viewer, "createMeeting", |w| {
        Box::pin(async move {
            validate(w.db(), coalition_id, None, &mut f).await?;
            let now = Utc::now();
            let mut am = me::ActiveModel {
                id: NotSet,
                coalition_id: Set(coalition_id),
                organisation_id: Set(viewer.organisation_id()),
                kind: Set(MeetingKind::LearningSession),
                visibility: Set(Visibility::Coalition),
                workgroup_id: Set(None),
                ends_at: Set(None),
                location: Set(None),
                work_form: Set(None),
                report: Set(None),
                external_ref: Set(external_ref),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            let mut changed = apply(&mut am, &f);
            changed.push("coalition");
            let m = am.insert(w.db()).await.on_unique("externalRef")?;
            let scope = me::Entity::reach(w.db(), &m).await?;
            w.record(
                Change::new(NODE, m.id, Action::Created, scope)
                    .version(m.version)
                    .fields(changed),
            );
            Ok(m)
        })
    })
    .await
}

/// Updates meeting `id`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    mut f: MeetingFields,
    expected: Option<i32>,
) -> WriteResult<me::Model> {
    path::run(db, viewer, "updateMeeting", |w| {
        Box::pin(async move {
            let m = editable::<me::Entity>(w.db(), viewer, id).await?;
            validate(w.db(), m.coalition_id, Some(&m), &mut f).await?;
            let mut am = me::ActiveModel {
                updated_at: Set(Utc::now()),
                ..Default::default()
            };
            let changed = apply(&mut am, &f);
            save::<me::Entity>(w, &m, am, changed, expected, None).await
        })
    })
    .await
}

/// Deletes meeting `id`; returns its id.
pub async fn delete(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<i32> {
    path::run(db, viewer, "deleteMeeting", |w| {
        Box::pin(async move {
            let m = editable::<me::Entity>(w.db(), viewer, id).await?;
            let scope = me::Entity::reach(w.db(), &m).await?;
            m.delete(w.db()).await?;
            w.record(Change::new(NODE, id, Action::Deleted, scope));
            Ok(id)
        })
    })
    .await
}

/// Records (`add`) or forgets that meeting `id` discussed question `question_id`.
pub async fn link_question(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    question_id: i32,
    add: bool,
) -> WriteResult<me::Model> {
    let operation = if add {
        "linkQuestionToMeeting"
    } else {
        "unlinkQuestionFromMeeting"
    };
    path::run(db, viewer, operation, |w| {
        Box::pin(async move {
            let m = editable::<me::Entity>(w.db(), viewer, id).await?;
            let q = visible_row::<lq::Entity>(w.db(), viewer, question_id, "learning question").await?;
            same_coalition("question", m.coalition_id, q.coalition_id)?;
            let row = mq::ActiveModel {
                meeting_id: Set(id),
                question_id: Set(question_id),
            };
            if toggle::<mq::Entity>(w.db(), (id, question_id), row, add).await? {
                let action = if add { Action::Linked } else { Action::Unlinked };
                let scope = me::Entity::reach(w.db(), &m).await?;
                w.record(
                    Change::new(NODE, id, action, scope)
                        .version(m.version)
                        .fields(["learningQuestions"]),
                );
            }
            Ok(m)
        })
    })
    .await
}

/// Creates or updates the viewer's organisation's meeting known as `external_ref`.
pub async fn upsert(
    db: &DatabaseConnection,
    viewer: &Viewer,
    external_ref: &str,
    coalition_id: i32,
    f: MeetingFields,
) -> WriteResult<(me::Model, bool)> {
    let org = own_organisation(viewer)?;
    let placed = |m: &me::Model| {
        if m.coalition_id == coalition_id {
            Ok(())
        } else {
            Err(invalid(
                "coalition",
                Code::Invalid,
                "This externalRef already belongs to a meeting of another coalition",
            ))
        }
    };
    sync::<me::Entity, _, _, _, _>(
        db,
        viewer,
        ExternalRef {
            owner: org,
            value: external_ref,
        },
        placed,
        f,
        |r, f| create(db, viewer, coalition_id, f, Some(r)),
        |id, f| update(db, viewer, id, f, None),
    )
    .await
}
