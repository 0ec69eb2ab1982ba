//! Writing contributions: add, update, delete, and idempotent sync by external reference.
//! A contribution belongs to the organisation that made it: only that organisation's editors
//! (and platform admins) change it.

use chrono::Utc;
use entity::{Attribution, ContributionKind, Visibility, contribution as co, learning_question as lq, person};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ModelTrait, QueryFilter,
};

use super::load::{gid, reload, visible_row};
use super::organisations::OnUnique;
use super::questions::own_organisation;
use super::{Check, WriteResult, invalid, update_versioned};
use crate::graphql::ids::NodeType;
use crate::permissions;
use crate::services::audit;
use crate::viewer::Viewer;

/// The fields of a contribution a client may set.
#[derive(Debug, Clone, Default)]
pub struct ContributionFields {
    pub kind: Option<ContributionKind>,
    pub body: Option<String>,
    pub attribution: Option<Attribution>,
    pub visibility: Option<Visibility>,
    pub author_person_id: Option<Option<i32>>,
}

const ENTITY: &str = "Contribution";

async fn validate(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    f: &mut ContributionFields,
    creating: bool,
) -> WriteResult<()> {
    let mut c = Check::new();
    if creating || f.body.is_some() {
        f.body = Some(c.text("body", f.body.as_deref().unwrap_or(""), 10_000));
    }
    if let Some(Some(p)) = f.author_person_id {
        let found = person::Entity::find_by_id(p).one(conn).await?;
        // A person that does not exist (any more) is no one's, not even a platform admin's.
        let own = found.is_some_and(|p| {
            viewer.is_platform_admin() || (p.organisation_id.is_some() && p.organisation_id == viewer.organisation_id())
        });
        if !own {
            c.fail("author", "INVALID", "The author must be a person of your organisation");
        }
    }
    c.finish()
}

fn apply(am: &mut co::ActiveModel, f: &ContributionFields) -> Vec<&'static str> {
    let mut changed = vec![];
    super::apply_fields!(am, f, changed;
        kind => "kind",
        body => "body",
        attribution => "attribution",
        visibility => "visibility",
        author_person_id => "author",
    );
    changed
}

/// Adds a contribution of the viewer's organisation to question `question_id`.
pub async fn add(
    db: &DatabaseConnection,
    viewer: &Viewer,
    question_id: i32,
    mut f: ContributionFields,
    external_ref: Option<String>,
) -> WriteResult<co::Model> {
    permissions::token(viewer)?;
    let txn = crate::db::begin_write(db).await?;
    let q = visible_row::<lq::Entity>(&txn, viewer, question_id, "learning question").await?;
    permissions::coalition_editor(viewer, q.coalition_id, "contribute to this coalition")?;
    let external_ref = Check::external_ref(external_ref)?;
    validate(&txn, viewer, &mut f, true).await?;
    let now = Utc::now();
    let mut am = co::ActiveModel {
        id: NotSet,
        question_id: Set(q.id),
        coalition_id: Set(q.coalition_id),
        kind: Set(f.kind.unwrap_or(ContributionKind::Experience)),
        organisation_id: Set(viewer.organisation_id()),
        attribution: Set(Attribution::Named),
        visibility: Set(q.visibility),
        author_person_id: Set(None),
        external_ref: Set(external_ref),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let mut changed = apply(&mut am, &f);
    changed.push("question");
    let m = am.insert(&txn).await.on_unique("externalRef")?;
    audit::record(
        &txn,
        viewer,
        "addContribution",
        ENTITY,
        &gid(NodeType::Contribution, m.id),
        &changed,
    )
    .await?;
    txn.commit().await?;
    Ok(m)
}

async fn owned(conn: &impl ConnectionTrait, viewer: &Viewer, id: i32) -> WriteResult<co::Model> {
    let m = visible_row::<co::Entity>(conn, viewer, id, "contribution").await?;
    permissions::organisation_editor(viewer, m.organisation_id, "change another organisation's contribution")?;
    Ok(m)
}

/// Updates contribution `id`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    mut f: ContributionFields,
    expected: Option<i32>,
) -> WriteResult<co::Model> {
    let txn = crate::db::begin_write(db).await?;
    let m = owned(&txn, viewer, id).await?;
    validate(&txn, viewer, &mut f, false).await?;
    let mut am = co::ActiveModel {
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let changed = apply(&mut am, &f);
    update_versioned(
        &txn,
        am,
        (co::Column::Id, id),
        (co::Column::Version, m.version),
        expected,
    )
    .await?;
    audit::record(
        &txn,
        viewer,
        "updateContribution",
        ENTITY,
        &gid(NodeType::Contribution, id),
        &changed,
    )
    .await?;
    let m = reload::<co::Entity>(&txn, id).await?;
    txn.commit().await?;
    Ok(m)
}

/// Deletes contribution `id`; returns its id.
pub async fn delete(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<i32> {
    let txn = crate::db::begin_write(db).await?;
    let m = owned(&txn, viewer, id).await?;
    m.delete(&txn).await?;
    audit::record(
        &txn,
        viewer,
        "deleteContribution",
        ENTITY,
        &gid(NodeType::Contribution, id),
        &[],
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Creates or updates the viewer's organisation's contribution known as `external_ref`.
pub async fn upsert(
    db: &DatabaseConnection,
    viewer: &Viewer,
    external_ref: &str,
    question_id: i32,
    f: ContributionFields,
) -> WriteResult<(co::Model, bool)> {
    let org = own_organisation(viewer)?;
    let mut c = Check::new();
    let external_ref = c.text("externalRef", external_ref, 200);
    c.finish()?;
    let existing = co::Entity::find()
        .filter(co::Column::OrganisationId.eq(org))
        .filter(co::Column::ExternalRef.eq(&external_ref))
        .one(db)
        .await?;
    let Some(m) = existing else {
        return Ok((add(db, viewer, question_id, f, Some(external_ref)).await?, true));
    };
    if m.question_id != question_id {
        return Err(invalid(
            "question",
            "INVALID",
            "This externalRef already belongs to a contribution to another question",
        ));
    }
    let f = ContributionFields {
        kind: f.kind.filter(|v| *v != m.kind),
        body: f.body.filter(|v| v.trim() != m.body),
        attribution: f.attribution.filter(|v| *v != m.attribution),
        visibility: f.visibility.filter(|v| *v != m.visibility),
        author_person_id: f.author_person_id.filter(|v| *v != m.author_person_id),
    };
    if f.kind.is_none()
        && f.body.is_none()
        && f.attribution.is_none()
        && f.visibility.is_none()
        && f.author_person_id.is_none()
    {
        // Nothing to change, but the answer shows the row: only to whom may still edit it.
        return Ok((owned(db, viewer, m.id).await?, false));
    }
    Ok((update(db, viewer, m.id, f, None).await?, false))
}
