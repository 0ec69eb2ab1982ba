//! Writing meetings and the questions they discussed. Any editor of a member organisation may
//! plan and report a coalition's meetings; the organiser is the caller's organisation.

use chrono::{DateTime, Utc};
use entity::{MeetingKind, Visibility, learning_question as lq, meeting as me, meeting_question as mq, workgroup};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ModelTrait, QueryFilter,
};

use super::links::{same_coalition, toggle};
use super::load::{gid, reload, visible_row};
use super::organisations::OnUnique;
use super::questions::own_organisation;
use super::{Check, WriteResult, invalid, update_versioned};
use crate::graphql::ids::NodeType;
use crate::permissions;
use crate::services::audit;
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

const ENTITY: &str = "Meeting";

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
        c.fail("startsAt", "REQUIRED", "`startsAt` is required");
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
            "CROSS_COALITION",
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
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    coalition_id: i32,
    mut f: MeetingFields,
    external_ref: Option<String>,
) -> WriteResult<me::Model> {
    permissions::coalition_editor(viewer, coalition_id, "plan meetings of this coalition")?;
    let external_ref = Check::external_ref(external_ref)?;
    let txn = crate::db::begin_write(db).await?;
    validate(&txn, coalition_id, None, &mut f).await?;
    let now = Utc::now();
    let mut am = me::ActiveModel {
        id: NotSet,
        coalition_id: Set(coalition_id),
        organisation_id: Set(viewer.organisation_id()),
        kind: Set(MeetingKind::LearningSession),
        visibility: Set(Visibility::Public),
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
    let m = am.insert(&txn).await.on_unique("externalRef")?;
    audit::record(
        &txn,
        viewer,
        "createMeeting",
        ENTITY,
        &gid(NodeType::Meeting, m.id),
        &changed,
    )
    .await?;
    txn.commit().await?;
    Ok(m)
}

async fn editable(conn: &impl ConnectionTrait, viewer: &Viewer, id: i32) -> WriteResult<me::Model> {
    let m = visible_row::<me::Entity>(conn, viewer, id, "meeting").await?;
    permissions::coalition_editor(viewer, m.coalition_id, "change meetings of this coalition")?;
    Ok(m)
}

/// Updates meeting `id`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    mut f: MeetingFields,
    expected: Option<i32>,
) -> WriteResult<me::Model> {
    let txn = crate::db::begin_write(db).await?;
    let m = editable(&txn, viewer, id).await?;
    validate(&txn, m.coalition_id, Some(&m), &mut f).await?;
    let mut am = me::ActiveModel {
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let changed = apply(&mut am, &f);
    update_versioned(
        &txn,
        am,
        (me::Column::Id, id),
        (me::Column::Version, m.version),
        expected,
    )
    .await?;
    audit::record(
        &txn,
        viewer,
        "updateMeeting",
        ENTITY,
        &gid(NodeType::Meeting, id),
        &changed,
    )
    .await?;
    let m = reload::<me::Entity>(&txn, id).await?;
    txn.commit().await?;
    Ok(m)
}

/// Deletes meeting `id`; returns its id.
pub async fn delete(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<i32> {
    let txn = crate::db::begin_write(db).await?;
    editable(&txn, viewer, id).await?.delete(&txn).await?;
    audit::record(&txn, viewer, "deleteMeeting", ENTITY, &gid(NodeType::Meeting, id), &[]).await?;
    txn.commit().await?;
    Ok(id)
}

/// Records (`add`) or forgets that meeting `id` discussed question `question_id`.
pub async fn link_question(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    question_id: i32,
    add: bool,
) -> WriteResult<me::Model> {
    let txn = crate::db::begin_write(db).await?;
    let m = editable(&txn, viewer, id).await?;
    let q = visible_row::<lq::Entity>(&txn, viewer, question_id, "learning question").await?;
    same_coalition("question", m.coalition_id, q.coalition_id)?;
    let row = mq::ActiveModel {
        meeting_id: Set(id),
        question_id: Set(question_id),
    };
    if toggle::<mq::Entity>(&txn, (id, question_id), row, add).await? {
        let action = if add {
            "linkQuestionToMeeting"
        } else {
            "unlinkQuestionFromMeeting"
        };
        audit::record(
            &txn,
            viewer,
            action,
            ENTITY,
            &gid(NodeType::Meeting, id),
            &["learningQuestions"],
        )
        .await?;
    }
    txn.commit().await?;
    Ok(m)
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
    let mut c = Check::new();
    let external_ref = c.text("externalRef", external_ref, 200);
    c.finish()?;
    let existing = me::Entity::find()
        .filter(me::Column::OrganisationId.eq(org))
        .filter(me::Column::ExternalRef.eq(&external_ref))
        .one(db)
        .await?;
    let Some(m) = existing else {
        return Ok((create(db, viewer, coalition_id, f, Some(external_ref)).await?, true));
    };
    if m.coalition_id != coalition_id {
        return Err(invalid(
            "coalition",
            "INVALID",
            "This externalRef already belongs to a meeting of another coalition",
        ));
    }
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
    let same = f.title.is_none()
        && f.kind.is_none()
        && f.starts_at.is_none()
        && f.ends_at.is_none()
        && f.location.is_none()
        && f.work_form.is_none()
        && f.report.is_none()
        && f.visibility.is_none()
        && f.workgroup_id.is_none();
    if same {
        // Nothing to change, but the answer shows the row: only to whom may still edit it.
        return Ok((editable(db, viewer, m.id).await?, false));
    }
    Ok((update(db, viewer, m.id, f, None).await?, false))
}
