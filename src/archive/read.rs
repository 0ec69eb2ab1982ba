//! Reading every row of one coalition, in one snapshot (a repeatable-read transaction on
//! PostgreSQL; on SQLite a transaction reads one snapshot anyway), each table in id order.

use std::collections::BTreeSet;

use entity::{
    coalition, coalition_membership as cm, contribution as co, learning_question as lq, learning_track as lt,
    meeting as me, meeting_question as mq, organisation, outcome as ou, outcome_question as oq, person,
    question_theme as qt, theme, track_session as ts, workgroup as wg, workgroup_membership as wm,
    workgroup_theme as wt,
};
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{
    AccessMode, ColumnTrait, DatabaseConnection, DatabaseTransaction, DbBackend, EntityTrait, IsolationLevel,
    QueryFilter, QueryOrder, TransactionTrait,
};

use crate::error::{AppError, AppResult};

/// Every row of a coalition an archive holds, before the privacy rules of the file apply.
pub struct Rows {
    pub coalition: coalition::Model,
    pub memberships: Vec<cm::Model>,
    pub workgroups: Vec<wg::Model>,
    pub workgroup_members: Vec<wm::Model>,
    pub workgroup_themes: Vec<wt::Model>,
    pub questions: Vec<lq::Model>,
    pub question_themes: Vec<qt::Model>,
    pub contributions: Vec<co::Model>,
    pub meetings: Vec<me::Model>,
    pub meeting_questions: Vec<mq::Model>,
    pub tracks: Vec<lt::Model>,
    pub sessions: Vec<ts::Model>,
    pub outcomes: Vec<ou::Model>,
    pub outcome_questions: Vec<oq::Model>,
    pub people: Vec<person::Model>,
    pub organisations: Vec<organisation::Model>,
    pub themes: Vec<theme::Model>,
}

/// The ids of coalition `c`'s rows in `E`.
fn of<E: EntityTrait>(id: E::Column, coalition_column: E::Column, c: i32) -> SelectStatement {
    Query::select()
        .column(id)
        .from(E::default())
        .and_where(coalition_column.eq(c))
        .to_owned()
}

/// Reads coalition `id`; NOT_FOUND when there is none.
pub async fn read(db: &DatabaseConnection, id: i32) -> AppResult<Rows> {
    let pg = db.get_database_backend() == DbBackend::Postgres;
    let txn = match pg {
        true => {
            db.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly))
                .await?
        }
        false => db.begin().await?,
    };
    let rows = read_in(&txn, id).await?;
    txn.commit().await?;
    Ok(rows)
}

async fn read_in(txn: &DatabaseTransaction, id: i32) -> AppResult<Rows> {
    let coalition = coalition::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or_else(|| AppError::not_found("No coalition with this ID"))?;
    let workgroup_ids = of::<wg::Entity>(wg::Column::Id, wg::Column::CoalitionId, id);
    let question_ids = of::<lq::Entity>(lq::Column::Id, lq::Column::CoalitionId, id);
    let meeting_ids = of::<me::Entity>(me::Column::Id, me::Column::CoalitionId, id);
    let track_ids = of::<lt::Entity>(lt::Column::Id, lt::Column::CoalitionId, id);
    let outcome_ids = of::<ou::Entity>(ou::Column::Id, ou::Column::CoalitionId, id);
    let mut rows = Rows {
        memberships: all(
            cm::Entity::find().filter(cm::Column::CoalitionId.eq(id)),
            cm::Column::Id,
            txn,
        )
        .await?,
        workgroups: all(
            wg::Entity::find().filter(wg::Column::CoalitionId.eq(id)),
            wg::Column::Id,
            txn,
        )
        .await?,
        workgroup_members: all(
            wm::Entity::find().filter(wm::Column::WorkgroupId.in_subquery(workgroup_ids.clone())),
            wm::Column::Id,
            txn,
        )
        .await?,
        workgroup_themes: wt::Entity::find()
            .filter(wt::Column::WorkgroupId.in_subquery(workgroup_ids))
            .all(txn)
            .await?,
        questions: all(
            lq::Entity::find().filter(lq::Column::CoalitionId.eq(id)),
            lq::Column::Id,
            txn,
        )
        .await?,
        question_themes: qt::Entity::find()
            .filter(qt::Column::QuestionId.in_subquery(question_ids))
            .all(txn)
            .await?,
        contributions: all(
            co::Entity::find().filter(co::Column::CoalitionId.eq(id)),
            co::Column::Id,
            txn,
        )
        .await?,
        meetings: all(
            me::Entity::find().filter(me::Column::CoalitionId.eq(id)),
            me::Column::Id,
            txn,
        )
        .await?,
        meeting_questions: mq::Entity::find()
            .filter(mq::Column::MeetingId.in_subquery(meeting_ids))
            .all(txn)
            .await?,
        tracks: all(
            lt::Entity::find().filter(lt::Column::CoalitionId.eq(id)),
            lt::Column::Id,
            txn,
        )
        .await?,
        sessions: ts::Entity::find()
            .filter(ts::Column::TrackId.in_subquery(track_ids))
            .order_by_asc(ts::Column::Position)
            .order_by_asc(ts::Column::MeetingId)
            .all(txn)
            .await?,
        outcomes: all(
            ou::Entity::find().filter(ou::Column::CoalitionId.eq(id)),
            ou::Column::Id,
            txn,
        )
        .await?,
        outcome_questions: oq::Entity::find()
            .filter(oq::Column::OutcomeId.in_subquery(outcome_ids))
            .all(txn)
            .await?,
        coalition,
        people: Vec::new(),
        organisations: Vec::new(),
        themes: Vec::new(),
    };
    rows.people = by_ids::<person::Entity>(txn, person::Column::Id, super::export::people_of(&rows)).await?;
    let organisations = super::export::organisations_of(&rows);
    rows.organisations = by_ids::<organisation::Entity>(txn, organisation::Column::Id, organisations).await?;
    let themes = rows
        .workgroup_themes
        .iter()
        .map(|t| t.theme_id)
        .chain(rows.question_themes.iter().map(|t| t.theme_id))
        .collect();
    rows.themes = by_ids::<theme::Entity>(txn, theme::Column::Id, themes).await?;
    Ok(rows)
}

async fn all<E: EntityTrait>(
    q: sea_orm::Select<E>,
    id: E::Column,
    txn: &DatabaseTransaction,
) -> AppResult<Vec<E::Model>> {
    Ok(q.order_by_asc(id).all(txn).await?)
}

/// Rows of `E` with the given ids, in id order, asked for in chunks that stay well below the
/// databases' limits on bound parameters.
async fn by_ids<E: EntityTrait>(
    txn: &DatabaseTransaction,
    id: E::Column,
    ids: BTreeSet<i32>,
) -> AppResult<Vec<E::Model>> {
    let ids: Vec<i32> = ids.into_iter().collect();
    let mut rows = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let q = E::find().filter(id.is_in(chunk.iter().copied()));
        rows.extend(all(q, id, txn).await?);
    }
    Ok(rows)
}
