//! Which of a run of events a viewer may see, decided in a few statements per run instead of
//! per event: the records still there and visible (each kind's own SQL policy, one statement per
//! kind), the records still there at all, and the stored scopes that admit the viewer. The rule
//! is `policy::Guarded for change_event`'s, applied to a batch.

use std::collections::{HashMap, HashSet};

use entity::{
    change_event as ce, coalition, coalition_membership, contribution, learning_question, learning_track, meeting,
    organisation, outcome, person, theme, workgroup, workgroup_membership,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::error::AppResult;
use crate::ids::NodeType;
use crate::paging::Keyed;
use crate::policy::scope_admits;
use crate::viewer::Viewer;

/// The events of `rows` that `viewer` may see, in order.
pub async fn keep(db: &impl ConnectionTrait, viewer: &Viewer, rows: Vec<ce::Model>) -> AppResult<Vec<ce::Model>> {
    if viewer.is_platform_admin() || rows.is_empty() {
        return Ok(rows);
    }
    let all: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let admitted: HashSet<i64> = ce::Entity::find()
        .select_only()
        .column(ce::Column::Id)
        .filter(ce::Column::Id.is_in(all))
        .filter(scope_admits(viewer))
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut by_kind: HashMap<&str, Vec<i32>> = HashMap::new();
    for r in &rows {
        by_kind.entry(r.entity_type.as_str()).or_default().push(r.entity_id);
    }
    let mut seen = HashMap::new();
    for (kind, ids) in by_kind {
        if let Some(t) = NodeType::parse(kind) {
            seen.insert(kind.to_string(), records(db, viewer, t, &ids).await?);
        }
    }
    Ok(rows
        .into_iter()
        .filter(|r| {
            let admits = admitted.contains(&r.id);
            match seen.get(&r.entity_type) {
                Some(Some(s)) => s.admits(r, admits),
                // Tokens (and any kind without a table of its own): the stored scope decides.
                _ => admits,
            }
        })
        .collect())
}

/// Of a batch of records of one kind: those the viewer sees now, and those that still exist.
#[derive(Default)]
struct Seen {
    visible: HashSet<i32>,
    existing: HashSet<i32>,
}

impl Seen {
    /// The record is visible now; or it is gone, or the event must reach former readers, and
    /// the scope stored with the event admits the viewer.
    fn admits(&self, r: &ce::Model, scope_admits: bool) -> bool {
        let former = crate::changes::Action::parse(&r.action).is_some_and(|a| a.reaches_former_readers());
        self.visible.contains(&r.entity_id) || (scope_admits && (former || !self.existing.contains(&r.entity_id)))
    }
}

async fn records(db: &impl ConnectionTrait, viewer: &Viewer, t: NodeType, ids: &[i32]) -> AppResult<Option<Seen>> {
    use NodeType as T;
    Ok(Some(match t {
        T::Organisation => seen::<organisation::Entity>(db, viewer, ids).await?,
        T::Coalition => seen::<coalition::Entity>(db, viewer, ids).await?,
        T::CoalitionMembership => seen::<coalition_membership::Entity>(db, viewer, ids).await?,
        T::Workgroup => seen::<workgroup::Entity>(db, viewer, ids).await?,
        T::WorkgroupMembership => seen::<workgroup_membership::Entity>(db, viewer, ids).await?,
        T::Person => seen::<person::Entity>(db, viewer, ids).await?,
        T::Theme => seen::<theme::Entity>(db, viewer, ids).await?,
        T::LearningQuestion => seen::<learning_question::Entity>(db, viewer, ids).await?,
        T::Contribution => seen::<contribution::Entity>(db, viewer, ids).await?,
        T::LearningTrack => seen::<learning_track::Entity>(db, viewer, ids).await?,
        T::Meeting => seen::<meeting::Entity>(db, viewer, ids).await?,
        T::Outcome => seen::<outcome::Entity>(db, viewer, ids).await?,
        T::AuditEvent | T::ApiToken | T::ChangeEvent | T::Webhook | T::WebhookDelivery => return Ok(None),
    }))
}

async fn seen<E: Keyed>(db: &impl ConnectionTrait, viewer: &Viewer, ids: &[i32]) -> AppResult<Seen> {
    let mut unique: Vec<i32> = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    let ids_of = |visible: bool| {
        let mut q = E::find()
            .select_only()
            .column(E::id_column())
            .filter(E::id_column().is_in(unique.iter().copied()));
        if visible {
            q = q.filter(E::visible(viewer));
        }
        q.into_tuple::<i32>().all(db)
    };
    let visible: HashSet<i32> = ids_of(true).await?.into_iter().collect();
    let existing = if visible.len() == unique.len() {
        visible.clone()
    } else {
        ids_of(false).await?.into_iter().collect()
    };
    Ok(Seen { visible, existing })
}
