//! Saving a change to a versioned record, the shape every update shares: applied only to the
//! version it was read at (else VERSION_CONFLICT), read back, and described as one change of
//! the record (its new version, the fields set, who could see it before and after).

use std::future::Future;

use entity::Visibility;
use sea_orm::{ActiveModelTrait, ConnectionTrait};

use super::WriteResult;
use super::load::reload;
use super::path::{Change, Write};
use super::update_versioned;
use crate::changes::{Action, Scope};
use crate::ids::NodeType;
use crate::paging::Keyed;

/// A record with an optimistic-lock `version` whose changes are events.
pub trait Versioned: Keyed {
    /// Its kind, as events and global IDs name it.
    const NODE: NodeType;
    /// The `version` column.
    fn version_column() -> Self::Column;
    /// The version of `m`.
    fn version(m: &Self::Model) -> i32;
    /// Who may see `m`, by its own visibility.
    fn scope(m: &Self::Model) -> Scope;
    /// Its own visibility, for records that have one.
    fn visibility(_: &Self::Model) -> Option<Visibility> {
        None
    }
    /// Who may see `m`, its parents included; by default its own scope.
    fn reach<C: ConnectionTrait>(_conn: &C, m: &Self::Model) -> impl Future<Output = WriteResult<Scope>> + Send {
        let scope = Self::scope(m);
        async move { Ok(scope) }
    }
}

/// Writes `changes` (setting `fields`) to `before`, the record as it was read, if it is still at
/// that version and at the client's `expected` one; records the change as `action`, or, without
/// one, as an edit (`UPDATED`, or `VISIBILITY_CHANGED` shown to the readers of before and after).
/// Returns the record as it is now.
pub async fn save<E>(
    w: &mut Write<'_>,
    before: &E::Model,
    changes: E::ActiveModel,
    fields: Vec<&'static str>,
    expected: Option<i32>,
    action: Option<Action>,
) -> WriteResult<E::Model>
where
    E: Versioned,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let id = E::id_of(before);
    let version = (E::version_column(), E::version(before));
    update_versioned(w.db(), changes, (E::id_column(), id), version, expected).await?;
    let after = reload::<E>(w.db(), id).await?;
    let now = E::reach(w.db(), &after).await?;
    let mut change = match action {
        Some(a) => Change::new(E::NODE, id, a, now).fields(fields),
        None => Change::edit(E::NODE, id, E::reach(w.db(), before).await?, now, fields),
    };
    change = change.version(E::version(&after));
    if let (Some(b), Some(a)) = (E::visibility(before), E::visibility(&after)) {
        change = change.levels(b, a);
    }
    w.record(change);
    Ok(after)
}

/// Implements `Versioned` for an entity with `version` and `visibility` columns in a coalition.
macro_rules! versioned_in_coalition {
    ($($m:ident => $node:ident),+ $(,)?) => { $(impl Versioned for entity::$m::Entity {
        const NODE: NodeType = NodeType::$node;
        fn version_column() -> entity::$m::Column { entity::$m::Column::Version }
        fn version(m: &entity::$m::Model) -> i32 { m.version }
        fn scope(m: &entity::$m::Model) -> Scope { Scope::of(m.visibility, m.coalition_id) }
        fn visibility(m: &entity::$m::Model) -> Option<Visibility> { Some(m.visibility) }
    })+ };
}

versioned_in_coalition!(
    learning_question => LearningQuestion,
    outcome => Outcome,
    workgroup => Workgroup
);

/// Implements `Versioned` for a directory entity, seen by anyone.
macro_rules! versioned_public {
    ($($m:ident => $node:ident),+ $(,)?) => { $(impl Versioned for entity::$m::Entity {
        const NODE: NodeType = NodeType::$node;
        fn version_column() -> entity::$m::Column { entity::$m::Column::Version }
        fn version(m: &entity::$m::Model) -> i32 { m.version }
        fn scope(_: &entity::$m::Model) -> Scope { Scope::PUBLIC }
    })+ };
}

versioned_public!(organisation => Organisation, person => Person, theme => Theme);

impl Versioned for entity::coalition::Entity {
    const NODE: NodeType = NodeType::Coalition;
    fn version_column() -> entity::coalition::Column {
        entity::coalition::Column::Version
    }
    fn version(m: &entity::coalition::Model) -> i32 {
        m.version
    }
    fn scope(m: &entity::coalition::Model) -> Scope {
        Scope::PUBLIC.in_coalition(m.id)
    }
}

impl Versioned for entity::learning_track::Entity {
    const NODE: NodeType = NodeType::LearningTrack;
    fn version_column() -> entity::learning_track::Column {
        entity::learning_track::Column::Version
    }
    fn version(m: &entity::learning_track::Model) -> i32 {
        m.version
    }
    fn scope(m: &entity::learning_track::Model) -> Scope {
        Scope::PUBLIC.in_coalition(m.coalition_id)
    }
}
