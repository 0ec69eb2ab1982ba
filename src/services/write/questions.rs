//! Writing learning questions: create, update, status changes, themes, and idempotent sync by
//! external reference.

use chrono::Utc;
use entity::{QuestionStatus, Visibility, learning_question as lq, person, question_theme, theme, workgroup};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::load::{gid, reload, visible_row};
use super::organisations::OnUnique;
use super::{Check, WriteResult, invalid, update_versioned};
use crate::graphql::ids::NodeType;
use crate::permissions;
use crate::services::audit;
use crate::viewer::Viewer;

/// The fields of a learning question a client may set.
#[derive(Debug, Clone, Default)]
pub struct QuestionFields {
    pub title: Option<String>,
    pub context: Option<String>,
    pub workgroup_id: Option<Option<i32>>,
    pub visibility: Option<Visibility>,
    pub asked_by_person_id: Option<Option<i32>>,
}

const ENTITY: &str = "LearningQuestion";

/// Checks `f` (all required fields present when `creating`) and the links it makes.
async fn validate(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    coalition_id: i32,
    f: &mut QuestionFields,
    creating: bool,
) -> WriteResult<()> {
    let mut c = Check::new();
    if creating || f.title.is_some() {
        f.title = Some(c.text("title", f.title.as_deref().unwrap_or(""), 300));
    }
    if creating || f.context.is_some() {
        f.context = Some(c.text("context", f.context.as_deref().unwrap_or(""), 10_000));
    }
    if let Some(Some(wg)) = f.workgroup_id {
        let w = workgroup::Entity::find_by_id(wg).one(conn).await?;
        if w.is_none_or(|w| w.coalition_id != coalition_id) {
            c.fail(
                "workgroup",
                "CROSS_COALITION",
                "The workgroup must belong to the question's coalition",
            );
        }
    }
    if let Some(Some(p)) = f.asked_by_person_id {
        let found = person::Entity::find_by_id(p).one(conn).await?;
        // A person that does not exist (any more) is no one's, not even a platform admin's.
        let own = found.as_ref().is_some_and(|p| {
            viewer.is_platform_admin() || (p.organisation_id.is_some() && p.organisation_id == viewer.organisation_id())
        });
        if !own {
            c.fail(
                "askedByPerson",
                "INVALID",
                "The person must belong to your organisation",
            );
        }
    }
    c.finish()
}

fn apply(am: &mut lq::ActiveModel, f: &QuestionFields) -> Vec<&'static str> {
    let mut changed = vec![];
    super::apply_fields!(am, f, changed;
        title => "title",
        context => "context",
        workgroup_id => "workgroup",
        visibility => "visibility",
        asked_by_person_id => "askedByPerson",
    );
    changed
}

/// Creates a question in `coalition_id`, asked by the viewer's organisation.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    coalition_id: i32,
    mut f: QuestionFields,
    theme_ids: Vec<i32>,
    external_ref: Option<String>,
) -> WriteResult<lq::Model> {
    permissions::coalition_editor(viewer, coalition_id, "add questions to this coalition")?;
    let external_ref = Check::external_ref(external_ref)?;
    let txn = crate::db::begin_write(db).await?;
    validate(&txn, viewer, coalition_id, &mut f, true).await?;
    check_themes(&txn, &theme_ids).await?;
    let now = Utc::now();
    let mut am = lq::ActiveModel {
        id: NotSet,
        coalition_id: Set(coalition_id),
        status: Set(QuestionStatus::Open),
        asked_by_organisation_id: Set(viewer.organisation_id()),
        visibility: Set(f.visibility.unwrap_or(Visibility::Public)),
        workgroup_id: Set(None),
        asked_by_person_id: Set(None),
        resolution_summary: Set(None),
        external_ref: Set(external_ref),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let mut changed = apply(&mut am, &f);
    changed.extend(["coalition", "status"]);
    let q = am.insert(&txn).await.on_unique("externalRef")?;
    for t in &theme_ids {
        question_theme::ActiveModel {
            question_id: Set(q.id),
            theme_id: Set(*t),
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        viewer,
        "createLearningQuestion",
        ENTITY,
        &gid(NodeType::LearningQuestion, q.id),
        &changed,
    )
    .await?;
    txn.commit().await?;
    Ok(q)
}

/// Updates question `id`; `expected` is the client's `expectedVersion`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    mut f: QuestionFields,
    expected: Option<i32>,
) -> WriteResult<lq::Model> {
    let txn = crate::db::begin_write(db).await?;
    let q = visible_row::<lq::Entity>(&txn, viewer, id, "learning question").await?;
    permissions::coalition_editor(viewer, q.coalition_id, "change questions of this coalition")?;
    validate(&txn, viewer, q.coalition_id, &mut f, false).await?;
    let mut am = lq::ActiveModel {
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let changed = apply(&mut am, &f);
    update_versioned(
        &txn,
        am,
        (lq::Column::Id, id),
        (lq::Column::Version, q.version),
        expected,
    )
    .await?;
    audit::record(
        &txn,
        viewer,
        "updateLearningQuestion",
        ENTITY,
        &gid(NodeType::LearningQuestion, id),
        &changed,
    )
    .await?;
    let q = reload::<lq::Entity>(&txn, id).await?;
    txn.commit().await?;
    Ok(q)
}

/// Moves question `id` to `status`; ANSWERED needs a resolution summary.
pub async fn change_status(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    status: QuestionStatus,
    summary: Option<String>,
    expected: Option<i32>,
) -> WriteResult<lq::Model> {
    let txn = crate::db::begin_write(db).await?;
    let q = visible_row::<lq::Entity>(&txn, viewer, id, "learning question").await?;
    permissions::coalition_editor(viewer, q.coalition_id, "change questions of this coalition")?;
    let mut c = Check::new();
    let summary = c.opt_text("resolutionSummary", summary.as_deref(), 10_000);
    if status == QuestionStatus::Answered && summary.is_none() && q.resolution_summary.is_none() {
        c.fail(
            "resolutionSummary",
            "REQUIRED",
            "An answered question needs a resolution summary",
        );
    }
    c.finish()?;
    let mut am = lq::ActiveModel {
        status: Set(status),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let mut changed = vec!["status"];
    if let Some(s) = summary {
        am.resolution_summary = Set(Some(s));
        changed.push("resolutionSummary");
    }
    update_versioned(
        &txn,
        am,
        (lq::Column::Id, id),
        (lq::Column::Version, q.version),
        expected,
    )
    .await?;
    audit::record(
        &txn,
        viewer,
        "changeLearningQuestionStatus",
        ENTITY,
        &gid(NodeType::LearningQuestion, id),
        &changed,
    )
    .await?;
    let q = reload::<lq::Entity>(&txn, id).await?;
    txn.commit().await?;
    Ok(q)
}

/// Adds (`add`) or removes a theme of question `id`. Adding twice or removing a missing theme
/// changes nothing and records nothing.
pub async fn set_theme(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    theme_id: i32,
    add: bool,
) -> WriteResult<lq::Model> {
    let txn = crate::db::begin_write(db).await?;
    let q = visible_row::<lq::Entity>(&txn, viewer, id, "learning question").await?;
    permissions::coalition_editor(viewer, q.coalition_id, "change questions of this coalition")?;
    check_themes(&txn, &[theme_id]).await?;
    let key = (id, theme_id);
    let exists = question_theme::Entity::find_by_id(key).one(&txn).await?.is_some();
    if add && !exists {
        question_theme::ActiveModel {
            question_id: Set(id),
            theme_id: Set(theme_id),
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            viewer,
            "addLearningQuestionTheme",
            ENTITY,
            &gid(NodeType::LearningQuestion, id),
            &["themes"],
        )
        .await?;
    } else if !add && exists {
        question_theme::Entity::delete_by_id(key).exec(&txn).await?;
        audit::record(
            &txn,
            viewer,
            "removeLearningQuestionTheme",
            ENTITY,
            &gid(NodeType::LearningQuestion, id),
            &["themes"],
        )
        .await?;
    }
    txn.commit().await?;
    Ok(q)
}

/// Creates or updates the viewer's organisation's question with `external_ref`; a repeat of the
/// same input changes nothing. Returns the question and whether it was created.
pub async fn upsert(
    db: &DatabaseConnection,
    viewer: &Viewer,
    external_ref: &str,
    coalition_id: i32,
    f: QuestionFields,
    theme_ids: Vec<i32>,
) -> WriteResult<(lq::Model, bool)> {
    let org = own_organisation(viewer)?;
    let mut c = Check::new();
    let external_ref = c.text("externalRef", external_ref, 200);
    c.finish()?;
    let existing = lq::Entity::find()
        .filter(lq::Column::AskedByOrganisationId.eq(org))
        .filter(lq::Column::ExternalRef.eq(&external_ref))
        .one(db)
        .await?;
    let Some(q) = existing else {
        return Ok((
            create(db, viewer, coalition_id, f, theme_ids, Some(external_ref)).await?,
            true,
        ));
    };
    if q.coalition_id != coalition_id {
        return Err(invalid(
            "coalition",
            "INVALID",
            "This externalRef already belongs to a question of another coalition",
        ));
    }
    let f = unchanged_removed(&q, f);
    if f.title.is_none()
        && f.context.is_none()
        && f.workgroup_id.is_none()
        && f.visibility.is_none()
        && f.asked_by_person_id.is_none()
    {
        // Nothing to change, but the answer shows the row: only to whom may still edit it.
        let q = visible_row::<lq::Entity>(db, viewer, q.id, "learning question").await?;
        permissions::coalition_editor(viewer, q.coalition_id, "change questions of this coalition")?;
        return Ok((q, false));
    }
    Ok((update(db, viewer, q.id, f, None).await?, false))
}

fn unchanged_removed(q: &lq::Model, mut f: QuestionFields) -> QuestionFields {
    f.title = f.title.filter(|v| v.trim() != q.title);
    f.context = f.context.filter(|v| v.trim() != q.context);
    f.workgroup_id = f.workgroup_id.filter(|v| *v != q.workgroup_id);
    f.visibility = f.visibility.filter(|v| *v != q.visibility);
    f.asked_by_person_id = f.asked_by_person_id.filter(|v| *v != q.asked_by_person_id);
    f
}

/// The organisation an upsert syncs for: integration scripts use organisation tokens.
pub(super) fn own_organisation(viewer: &Viewer) -> WriteResult<i32> {
    permissions::token(viewer)?;
    viewer.organisation_id().ok_or_else(|| {
        crate::error::AppError::Forbidden(
            "Upserts sync an organisation's own records: use an organisation token".into(),
        )
        .into()
    })
}

async fn check_themes(conn: &impl ConnectionTrait, ids: &[i32]) -> WriteResult<()> {
    let found = theme::Entity::find()
        .filter(theme::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await?;
    if found.len() < ids.iter().collect::<std::collections::HashSet<_>>().len() {
        return Err(invalid("themes", "NOT_FOUND", "A theme does not exist"));
    }
    Ok(())
}
