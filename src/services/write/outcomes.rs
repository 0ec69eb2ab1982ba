//! Writing outcomes and the questions they answer.

use chrono::{NaiveDate, Utc};
use entity::{OutcomeKind, Visibility, learning_question as lq, outcome as ou, outcome_question as oq};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, DatabaseConnection, ModelTrait};

use super::links::{same_coalition, toggle};
use super::load::visible_row;
use super::path::{self, Change};
use super::save::{Versioned, save};
use super::sync::{Editable, editable};
use super::{Check, WriteResult};
use crate::changes::Action;
use crate::error::AppResult;
use crate::ids::NodeType;
use crate::permissions;
use crate::viewer::Viewer;

/// The fields of an outcome a client may set.
#[derive(Debug, Clone, Default)]
pub struct OutcomeFields {
    pub kind: Option<OutcomeKind>,
    pub title: Option<String>,
    pub summary: Option<Option<String>>,
    pub url: Option<Option<String>>,
    pub published_on: Option<Option<NaiveDate>>,
    pub visibility: Option<Visibility>,
}

impl Editable for ou::Entity {
    const WHAT: &'static str = "outcome";

    fn may_edit(viewer: &Viewer, m: &ou::Model) -> AppResult<()> {
        permissions::coalition_editor(viewer, m.coalition_id, "change outcomes of this coalition")
    }
}

const NODE: NodeType = NodeType::Outcome;

fn validate(f: &mut OutcomeFields, creating: bool) -> WriteResult<()> {
    let mut c = Check::new();
    if creating || f.title.is_some() {
        f.title = Some(c.text("title", f.title.as_deref().unwrap_or(""), 300));
    }
    if let Some(s) = &mut f.summary {
        *s = c.opt_text("summary", s.as_deref(), 10_000);
    }
    if let Some(u) = &mut f.url {
        *u = c.url("url", u.as_deref());
    }
    c.date("publishedOn", f.published_on.flatten());
    c.finish()
}

fn apply(am: &mut ou::ActiveModel, f: &OutcomeFields) -> Vec<&'static str> {
    let mut changed = vec![];
    super::apply_fields!(am, f, changed;
        kind => "kind",
        title => "title",
        summary => "summary",
        url => "url",
        published_on => "publishedOn",
        visibility => "visibility",
    );
    changed
}

/// Publishes an outcome of coalition `coalition_id`. Without a `visibility` it is COALITION:
/// private by default.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    coalition_id: i32,
    mut f: OutcomeFields,
) -> WriteResult<ou::Model> {
    permissions::coalition_editor(viewer, coalition_id, "publish outcomes of this coalition")?;
    validate(&mut f, true)?;
    path::run(db, viewer, "createOutcome", |w| {
        Box::pin(async move {
            let now = Utc::now();
            let mut am = ou::ActiveModel {
                id: NotSet,
                coalition_id: Set(coalition_id),
                kind: Set(OutcomeKind::Report),
                summary: Set(None),
                url: Set(None),
                published_on: Set(None),
                visibility: Set(Visibility::Coalition),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            let mut changed = apply(&mut am, &f);
            changed.push("coalition");
            let m = am.insert(w.db()).await?;
            let scope = ou::Entity::scope(&m);
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

/// Updates outcome `id`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    mut f: OutcomeFields,
    expected: Option<i32>,
) -> WriteResult<ou::Model> {
    path::run(db, viewer, "updateOutcome", |w| {
        Box::pin(async move {
            let m = editable::<ou::Entity>(w.db(), viewer, id).await?;
            validate(&mut f, false)?;
            let mut am = ou::ActiveModel {
                updated_at: Set(Utc::now()),
                ..Default::default()
            };
            let changed = apply(&mut am, &f);
            save::<ou::Entity>(w, &m, am, changed, expected, None).await
        })
    })
    .await
}

/// Deletes outcome `id`; returns its id.
pub async fn delete(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<i32> {
    path::run(db, viewer, "deleteOutcome", |w| {
        Box::pin(async move {
            let m = editable::<ou::Entity>(w.db(), viewer, id).await?;
            let scope = ou::Entity::scope(&m);
            m.delete(w.db()).await?;
            w.record(Change::new(NODE, id, Action::Deleted, scope));
            Ok(id)
        })
    })
    .await
}

/// Records (`add`) or forgets that outcome `id` answers question `question_id`.
pub async fn link_question(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    question_id: i32,
    add: bool,
) -> WriteResult<ou::Model> {
    let operation = if add {
        "linkQuestionToOutcome"
    } else {
        "unlinkQuestionFromOutcome"
    };
    path::run(db, viewer, operation, |w| {
        Box::pin(async move {
            let m = editable::<ou::Entity>(w.db(), viewer, id).await?;
            let q = visible_row::<lq::Entity>(w.db(), viewer, question_id, "learning question").await?;
            same_coalition("question", m.coalition_id, q.coalition_id)?;
            let row = oq::ActiveModel {
                outcome_id: Set(id),
                question_id: Set(question_id),
            };
            if toggle::<oq::Entity>(w.db(), (id, question_id), row, add).await? {
                let action = if add { Action::Linked } else { Action::Unlinked };
                let scope = ou::Entity::scope(&m);
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
