//! Writing contributions: add, update, delete, and idempotent sync by external reference.
//! A contribution belongs to the organisation that made it: only that organisation's editors
//! (and platform admins) change it.

use chrono::Utc;
use entity::{Attribution, ContributionKind, Visibility, contribution as co, learning_question as lq, person};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ModelTrait};

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

/// The fields of a contribution a client may set.
#[derive(Debug, Clone, Default)]
pub struct ContributionFields {
    pub kind: Option<ContributionKind>,
    pub body: Option<String>,
    pub attribution: Option<Attribution>,
    pub visibility: Option<Visibility>,
    pub author_person_id: Option<Option<i32>>,
}

impl Editable for co::Entity {
    const WHAT: &'static str = "contribution";

    fn may_edit(viewer: &Viewer, m: &co::Model) -> AppResult<()> {
        permissions::organisation_editor(viewer, m.organisation_id, "change another organisation's contribution")
    }
}

impl Versioned for co::Entity {
    const NODE: NodeType = NodeType::Contribution;

    fn version_column() -> co::Column {
        co::Column::Version
    }

    fn version(m: &co::Model) -> i32 {
        m.version
    }

    fn scope(m: &co::Model) -> Scope {
        Scope::of(m.visibility, m.coalition_id)
    }

    fn visibility(m: &co::Model) -> Option<Visibility> {
        Some(m.visibility)
    }

    /// No more than who may see its question.
    async fn reach<C: ConnectionTrait>(conn: &C, m: &co::Model) -> WriteResult<Scope> {
        let own = Self::scope(m);
        let question = lq::Entity::find_by_id(m.question_id).one(conn).await?;
        Ok(question.map_or(own, |q| own.narrowest(Scope::of(q.visibility, q.coalition_id))))
    }
}

impl Synced for co::Entity {
    type Fields = ContributionFields;

    fn owner_column() -> co::Column {
        co::Column::OrganisationId
    }

    fn ref_column() -> co::Column {
        co::Column::ExternalRef
    }

    fn changes(m: &co::Model, f: ContributionFields) -> Option<ContributionFields> {
        let f = ContributionFields {
            kind: f.kind.filter(|v| *v != m.kind),
            body: f.body.filter(|v| v.trim() != m.body),
            attribution: f.attribution.filter(|v| *v != m.attribution),
            visibility: f.visibility.filter(|v| *v != m.visibility),
            author_person_id: f.author_person_id.filter(|v| *v != m.author_person_id),
        };
        let none = f.kind.is_none()
            && f.body.is_none()
            && f.attribution.is_none()
            && f.visibility.is_none()
            && f.author_person_id.is_none();
        (!none).then_some(f)
    }
}

const NODE: NodeType = NodeType::Contribution;

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
            c.fail(
                "author",
                Code::Invalid,
                "The author must be a person of your organisation",
            );
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

/// Adds a contribution of the viewer's organisation to question `question_id`; without a
/// `visibility` it takes the question's.
pub async fn add(
    db: &DatabaseConnection,
    viewer: &Viewer,
    question_id: i32,
    mut f: ContributionFields,
    external_ref: Option<String>,
) -> WriteResult<co::Model> {
    permissions::token(viewer)?;
    let external_ref = Check::external_ref(external_ref)?;
    path::run(db, viewer, "addContribution", |w| {
        Box::pin(async move {
            let q = visible_row::<lq::Entity>(w.db(), viewer, question_id, "learning question").await?;
            permissions::coalition_editor(viewer, q.coalition_id, "contribute to this coalition")?;
            validate(w.db(), viewer, &mut f, true).await?;
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
            let m = am.insert(w.db()).await.on_unique("externalRef")?;
            let scope = co::Entity::reach(w.db(), &m).await?;
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

/// Updates contribution `id`.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    mut f: ContributionFields,
    expected: Option<i32>,
) -> WriteResult<co::Model> {
    path::run(db, viewer, "updateContribution", |w| {
        Box::pin(async move {
            let m = editable::<co::Entity>(w.db(), viewer, id).await?;
            validate(w.db(), viewer, &mut f, false).await?;
            let mut am = co::ActiveModel {
                updated_at: Set(Utc::now()),
                ..Default::default()
            };
            let changed = apply(&mut am, &f);
            save::<co::Entity>(w, &m, am, changed, expected, None).await
        })
    })
    .await
}

/// Deletes contribution `id`; returns its id.
pub async fn delete(db: &DatabaseConnection, viewer: &Viewer, id: i32) -> WriteResult<i32> {
    path::run(db, viewer, "deleteContribution", |w| {
        Box::pin(async move {
            let m = editable::<co::Entity>(w.db(), viewer, id).await?;
            let scope = co::Entity::reach(w.db(), &m).await?;
            m.delete(w.db()).await?;
            w.record(Change::new(NODE, id, Action::Deleted, scope));
            Ok(id)
        })
    })
    .await
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
    let placed = |m: &co::Model| {
        if m.question_id == question_id {
            Ok(())
        } else {
            Err(invalid(
                "question",
                Code::Invalid,
                "This externalRef already belongs to a contribution to another question",
            ))
        }
    };
    sync::<co::Entity, _, _, _, _>(
        db,
        viewer,
        ExternalRef {
            owner: org,
            value: external_ref,
        },
        placed,
        f,
        |r, f| add(db, viewer, question_id, f, Some(r)),
        |id, f| update(db, viewer, id, f, None),
    )
    .await
}
