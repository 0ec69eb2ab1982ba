//! Writing learning questions: create, update, status changes, themes, and idempotent sync by
//! external reference.

use chrono::Utc;
use entity::{QuestionStatus, Visibility, learning_question as lq, person, question_theme, theme, workgroup};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::organisations::OnUnique;
use super::path::{self, Change};
use super::save::{Versioned, save};
use super::sync::{Editable, ExternalRef, Synced, editable, upsert as sync};
use super::{Check, WriteResult, invalid};
use crate::changes::Action;
use crate::codes::Code;
use crate::error::AppResult;
use crate::ids::NodeType;
use crate::permissions;
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

impl Editable for lq::Entity {
    const WHAT: &'static str = "learning question";

    fn may_edit(viewer: &Viewer, m: &lq::Model) -> AppResult<()> {
        permissions::coalition_editor(viewer, m.coalition_id, "change questions of this coalition")
    }
}

impl Synced for lq::Entity {
    type Fields = QuestionFields;

    fn owner_column() -> lq::Column {
        lq::Column::AskedByOrganisationId
    }

    fn ref_column() -> lq::Column {
        lq::Column::ExternalRef
    }

    fn changes(q: &lq::Model, f: QuestionFields) -> Option<QuestionFields> {
        let f = QuestionFields {
            title: f.title.filter(|v| v.trim() != q.title),
            context: f.context.filter(|v| v.trim() != q.context),
            workgroup_id: f.workgroup_id.filter(|v| *v != q.workgroup_id),
            visibility: f.visibility.filter(|v| *v != q.visibility),
            asked_by_person_id: f.asked_by_person_id.filter(|v| *v != q.asked_by_person_id),
        };
        let none = f.title.is_none()
            && f.context.is_none()
            && f.workgroup_id.is_none()
            && f.visibility.is_none()
            && f.asked_by_person_id.is_none();
        (!none).then_some(f)
    }
}

const NODE: NodeType = NodeType::LearningQuestion;

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
                Code::CrossCoalition,
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
                Code::Invalid,
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

/// Creates a question in `coalition_id`, asked by the viewer's organisation. Without a
/// `visibility` it is COALITION: private by default.
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
    path::run(db, viewer, "createLearningQuestion", |w| {
        Box::pin(async move {
            validate(w.db(), viewer, coalition_id, &mut f, true).await?;
            check_themes(w.db(), &theme_ids).await?;
            let now = Utc::now();
            let mut am = lq::ActiveModel {
                id: NotSet,
                coalition_id: Set(coalition_id),
                status: Set(QuestionStatus::Open),
                asked_by_organisation_id: Set(viewer.organisation_id()),
                visibility: Set(f.visibility.unwrap_or(Visibility::Coalition)),
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
            let q = am.insert(w.db()).await.on_unique("externalRef")?;
            for t in &theme_ids {
                question_theme::ActiveModel {
                    question_id: Set(q.id),
                    theme_id: Set(*t),
                }
                .insert(w.db())
                .await?;
            }
            if !theme_ids.is_empty() {
                changed.push("themes");
            }
            let scope = lq::Entity::scope(&q);
            w.record(
                Change::new(NODE, q.id, Action::Created, scope)
                    .version(q.version)
                    .fields(changed),
            );
            Ok(q)
        })
    })
    .await
}

/// Updates question `id`; `expected` is the client's `expectedVersion`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    mut f: QuestionFields,
    expected: Option<i32>,
) -> WriteResult<lq::Model> {
    path::run(db, viewer, "updateLearningQuestion", |w| {
        Box::pin(async move {
            let q = editable::<lq::Entity>(w.db(), viewer, id).await?;
            validate(w.db(), viewer, q.coalition_id, &mut f, false).await?;
            let mut am = lq::ActiveModel {
                updated_at: Set(Utc::now()),
                ..Default::default()
            };
            let changed = apply(&mut am, &f);
            save::<lq::Entity>(w, &q, am, changed, expected, None).await
        })
    })
    .await
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
    path::run(db, viewer, "changeLearningQuestionStatus", |w| {
        Box::pin(async move {
            let q = editable::<lq::Entity>(w.db(), viewer, id).await?;
            let mut c = Check::new();
            let summary = c.opt_text("resolutionSummary", summary.as_deref(), 10_000);
            if status == QuestionStatus::Answered && summary.is_none() && q.resolution_summary.is_none() {
                c.fail(
                    "resolutionSummary",
                    Code::Required,
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
            save::<lq::Entity>(w, &q, am, changed, expected, Some(Action::StatusChanged)).await
        })
    })
    .await
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
    let operation = if add {
        "addLearningQuestionTheme"
    } else {
        "removeLearningQuestionTheme"
    };
    path::run(db, viewer, operation, |w| {
        Box::pin(async move {
            let q = editable::<lq::Entity>(w.db(), viewer, id).await?;
            check_themes(w.db(), &[theme_id]).await?;
            let row = question_theme::ActiveModel {
                question_id: Set(id),
                theme_id: Set(theme_id),
            };
            if super::links::toggle::<question_theme::Entity>(w.db(), (id, theme_id), row, add).await? {
                let action = if add { Action::Linked } else { Action::Unlinked };
                let scope = lq::Entity::scope(&q);
                w.record(
                    Change::new(NODE, id, action, scope)
                        .version(q.version)
                        .fields(["themes"]),
                );
            }
            Ok(q)
        })
    })
    .await
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
    let placed = |q: &lq::Model| {
        if q.coalition_id == coalition_id {
            Ok(())
        } else {
            Err(invalid(
                "coalition",
                Code::Invalid,
                "This externalRef already belongs to a question of another coalition",
            ))
        }
    };
    sync::<lq::Entity, _, _, _, _>(
        db,
        viewer,
        ExternalRef {
            owner: org,
            value: external_ref,
        },
        placed,
        f,
        |r, f| create(db, viewer, coalition_id, f, theme_ids, Some(r)),
        |id, f| update(db, viewer, id, f, None),
    )
    .await
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
        return Err(invalid("themes", Code::NotFound, "A theme does not exist"));
    }
    Ok(())
}
