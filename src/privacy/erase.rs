//! Erasure of a person's data (AVG/GDPR art. 17): their name, email and external reference go;
//! every NAMED contribution of theirs becomes ORGANISATION (ANONYMOUS without an organisation)
//! and every contribution and question loses its link to them, while the content stays (the
//! coalition's knowledge); they leave their workgroups; their name and email are cut out of
//! every column the register marks `Scrubbed`. The person's row stays as a tombstone with an
//! `ERASED` change event, so partner systems that copied the data hear of it (art. 19); each
//! contribution, question and workgroup changed has its own event. One write: all or nothing.

use chrono::Utc;
use entity::{Attribution, contribution, learning_question, person, workgroup, workgroup_membership};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, ModelTrait, QueryFilter, QueryOrder,
};

use super::register::Erase;
use super::{Privacy, access, scrub};
use crate::changes::{Action, Scope};
use crate::ids::NodeType;
use crate::services::write::WriteResult;
use crate::services::write::path::{self, Change, Write};
use crate::services::write::save::save;
use crate::viewer::Viewer;

/// What erasure writes, column by column, besides what it keeps and scrubs; the register says
/// the same (a test holds them equal).
pub const WRITES: &[(&str, &str, Erase)] = &[
    ("person", "name", Erase::Pseudonymised),
    ("person", "email", Erase::Cleared),
    ("person", "external_ref", Erase::Cleared),
    ("person", "version", Erase::Updated),
    ("person", "updated_at", Erase::Updated),
    ("person", "erased_at", Erase::Updated),
    ("workgroup_membership", "id", Erase::Deleted),
    ("workgroup_membership", "workgroup_id", Erase::Deleted),
    ("workgroup_membership", "person_id", Erase::Deleted),
    ("workgroup_membership", "role", Erase::Deleted),
    ("workgroup_membership", "created_at", Erase::Deleted),
    ("contribution", "author_person_id", Erase::Detached),
    ("contribution", "attribution", Erase::Reattributed),
    ("contribution", "version", Erase::Updated),
    ("contribution", "updated_at", Erase::Updated),
    ("learning_question", "asked_by_person_id", Erase::Detached),
    ("learning_question", "version", Erase::Updated),
    ("learning_question", "updated_at", Erase::Updated),
];

/// The name an erased person's row keeps.
pub const ERASED_NAME: &str = "Erased person";

/// What an erasure did.
#[derive(Debug, Clone)]
pub struct Erased {
    /// The person's row as it is now.
    pub person: person::Model,
    /// Contributions that lost their author (NAMED ones also their name).
    pub contributions: usize,
    /// Questions that lost the person who asked them.
    pub questions: usize,
    /// Workgroups the person left.
    pub memberships: usize,
}

/// Erases person `id`'s data, for the viewer (see [`access`]). Erasing an erased person again
/// erases what was added since (a name given back, a workgroup joined), and writes nothing when
/// nothing was.
pub async fn erase(db: &DatabaseConnection, viewer: &Viewer, privacy: &Privacy, id: i32) -> WriteResult<Erased> {
    let t = access::requester(viewer, privacy)?;
    let erased = path::run(db, viewer, "erasePerson", |w| {
        Box::pin(async move {
            let p = access::subject(w.db(), t, id).await?;
            let contributions = detach_contributions(w, p.id).await?;
            let questions = detach_questions(w, p.id).await?;
            let memberships = leave_workgroups(w, p.id).await?;
            scrub::scrub(w.db(), &p).await?;
            let person = if erased_already(&p) { p } else { tombstone(w, &p).await? };
            Ok(Erased {
                person,
                contributions,
                questions,
                memberships,
            })
        })
    })
    .await?;
    settle(db).await;
    Ok(erased)
}

fn erased_already(p: &person::Model) -> bool {
    p.erased_at.is_some() && p.name == ERASED_NAME && p.email.is_none() && p.external_ref.is_none()
}

async fn detach_contributions(w: &mut Write<'_>, person_id: i32) -> WriteResult<usize> {
    let rows = contribution::Entity::find()
        .filter(contribution::Column::AuthorPersonId.eq(person_id))
        .order_by_asc(contribution::Column::Id)
        .all(w.db())
        .await?;
    for c in &rows {
        let mut am = contribution::ActiveModel {
            author_person_id: Set(None),
            updated_at: Set(Utc::now()),
            ..Default::default()
        };
        let mut fields = vec!["author"];
        let named = c.attribution == Attribution::Named;
        if named {
            am.attribution = Set(match c.organisation_id {
                Some(_) => Attribution::Organisation,
                None => Attribution::Anonymous,
            });
            fields.push("attribution");
        }
        save::<contribution::Entity>(w, c, am, fields, None, None).await?;
        if !named {
            // Its readers never saw the author: an event "author changed" next to the person's
            // ERASED would tell them who wrote it. Audited only.
            w.audit_only_last();
        }
    }
    Ok(rows.len())
}

async fn detach_questions(w: &mut Write<'_>, person_id: i32) -> WriteResult<usize> {
    let rows = learning_question::Entity::find()
        .filter(learning_question::Column::AskedByPersonId.eq(person_id))
        .order_by_asc(learning_question::Column::Id)
        .all(w.db())
        .await?;
    for q in &rows {
        let am = learning_question::ActiveModel {
            asked_by_person_id: Set(None),
            updated_at: Set(Utc::now()),
            ..Default::default()
        };
        save::<learning_question::Entity>(w, q, am, vec!["askedByPerson"], None, None).await?;
    }
    Ok(rows.len())
}

/// Each membership goes; the workgroup's event says a member left, as `removeWorkgroupMember`'s does.
async fn leave_workgroups(w: &mut Write<'_>, person_id: i32) -> WriteResult<usize> {
    let rows = workgroup_membership::Entity::find()
        .filter(workgroup_membership::Column::PersonId.eq(person_id))
        .order_by_asc(workgroup_membership::Column::Id)
        .all(w.db())
        .await?;
    for m in &rows {
        let group = workgroup::Entity::find_by_id(m.workgroup_id).one(w.db()).await?;
        m.clone().delete(w.db()).await?;
        if let Some(g) = group {
            w.record(
                Change::new(
                    NodeType::Workgroup,
                    g.id,
                    Action::MemberRemoved,
                    Scope::of(g.visibility, g.coalition_id),
                )
                .version(g.version)
                .fields(["members"]),
            );
        }
    }
    Ok(rows.len())
}

/// The person's row without name, email and reference; its event is `ERASED`.
async fn tombstone(w: &mut Write<'_>, p: &person::Model) -> WriteResult<person::Model> {
    let now = Utc::now();
    let am = person::ActiveModel {
        name: Set(ERASED_NAME.to_string()),
        email: Set(None),
        external_ref: Set(None),
        erased_at: Set(Some(now)),
        updated_at: Set(now),
        ..Default::default()
    };
    let fields = vec!["name", "email", "externalRef"];
    save::<person::Entity>(w, p, am, fields, None, Some(Action::Erased)).await
}

/// What the files of the database still hold after the commit. The statistics of the person
/// table are sampled again: their samples (SQLite's `sqlite_stat4`, PostgreSQL's
/// `pg_statistic`) may hold the old name. On SQLite the write-ahead log, which still holds
/// earlier page images that `secure_delete` (see `db::connect`) does not reach, is moved into the
/// database file and emptied. Best effort: a reader holding the log open delays that to the
/// next checkpoint.
async fn settle(db: &DatabaseConnection) {
    let mut steps = vec!["ANALYZE person"];
    if db.get_database_backend() == DbBackend::Sqlite {
        steps.push("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    for sql in steps {
        if let Err(e) = db.execute_unprepared(sql).await {
            tracing::warn!(error = ?e, "after an erasure: {sql} failed");
        }
    }
}
