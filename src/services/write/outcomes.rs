//! Writing outcomes and the questions they answer.

use chrono::{NaiveDate, Utc};
use entity::{OutcomeKind, Visibility, learning_question as lq, outcome as ou, outcome_question as oq};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, ModelTrait};

use super::links::{same_coalition, toggle};
use super::load::{gid, reload, visible_row};
use super::{Check, WriteResult, update_versioned};
use crate::graphql::ids::NodeType;
use crate::permissions;
use crate::services::audit;
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

const ENTITY: &str = "Outcome";

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

/// Publishes an outcome of coalition `coalition_id`.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    coalition_id: i32,
    mut f: OutcomeFields,
) -> WriteResult<ou::Model> {
    permissions::coalition_editor(viewer, coalition_id, "publish outcomes of this coalition")?;
    validate(&mut f, true)?;
    let txn = crate::db::begin_write(db).await?;
    let now = Utc::now();
    let mut am = ou::ActiveModel {
        id: NotSet,
        coalition_id: Set(coalition_id),
        kind: Set(OutcomeKind::Report),
        summary: Set(None),
        url: Set(None),
        published_on: Set(None),
        visibility: Set(Visibility::Public),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let mut changed = apply(&mut am, &f);
    changed.push("coalition");
    let m = am.insert(&txn).await?;
    audit::record(
        &txn,
        viewer,
        "createOutcome",
        ENTITY,
        &gid(NodeType::Outcome, m.id),
        &changed,
    )
    .await?;
    txn.commit().await?;
    Ok(m)
}

async fn editable(conn: &impl ConnectionTrait, viewer: &Viewer, id: i32) -> WriteResult<ou::Model> {
    let m = visible_row::<ou::Entity>(conn, viewer, id, "outcome").await?;
    permissions::coalition_editor(viewer, m.coalition_id, "change outcomes of this coalition")?;
    Ok(m)
}

/// Updates outcome `id`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    mut f: OutcomeFields,
    expected: Option<i32>,
) -> WriteResult<ou::Model> {
    let txn = crate::db::begin_write(db).await?;
    let m = editable(&txn, viewer, id).await?;
    validate(&mut f, false)?;
    let mut am = ou::ActiveModel {
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let changed = apply(&mut am, &f);
    update_versioned(
        &txn,
        am,
        (ou::Column::Id, id),
        (ou::Column::Version, m.version),
        expected,
    )
    .await?;
    audit::record(
        &txn,
        viewer,
        "updateOutcome",
        ENTITY,
        &gid(NodeType::Outcome, id),
        &changed,
    )
    .await?;
    let m = reload::<ou::Entity>(&txn, id).await?;
    txn.commit().await?;
    Ok(m)
}

/// Deletes outcome `id`; returns its id.
pub async fn delete(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<i32> {
    let txn = crate::db::begin_write(db).await?;
    editable(&txn, viewer, id).await?.delete(&txn).await?;
    audit::record(&txn, viewer, "deleteOutcome", ENTITY, &gid(NodeType::Outcome, id), &[]).await?;
    txn.commit().await?;
    Ok(id)
}

/// Records (`add`) or forgets that outcome `id` answers question `question_id`.
pub async fn link_question(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    question_id: i32,
    add: bool,
) -> WriteResult<ou::Model> {
    let txn = crate::db::begin_write(db).await?;
    let m = editable(&txn, viewer, id).await?;
    let q = visible_row::<lq::Entity>(&txn, viewer, question_id, "learning question").await?;
    same_coalition("question", m.coalition_id, q.coalition_id)?;
    let row = oq::ActiveModel {
        outcome_id: Set(id),
        question_id: Set(question_id),
    };
    if toggle::<oq::Entity>(&txn, (id, question_id), row, add).await? {
        let action = if add {
            "linkQuestionToOutcome"
        } else {
            "unlinkQuestionFromOutcome"
        };
        audit::record(
            &txn,
            viewer,
            action,
            ENTITY,
            &gid(NodeType::Outcome, id),
            &["learningQuestions"],
        )
        .await?;
    }
    txn.commit().await?;
    Ok(m)
}
