//! Workgroups, the people in them and their themes.

use anyhow::Result;
use sea_orm::ActiveValue::Set;
use sea_orm::DatabaseTransaction;

use entity::{Visibility, WorkgroupKind, WorkgroupRole, workgroup, workgroup_membership, workgroup_theme};

use super::rng::{Rng, date, days, instant};
use super::sink::{Batch, insert_all};
use super::text::{line, text};
use super::words::{METHODS, WORKGROUP_NAMES};
use super::world::{FIRST_VERSION, Workgroup, World, id};

/// People per workgroup (fewer when the coalition's partners have fewer people).
const PEOPLE_PER_WORKGROUP: usize = 5;

/// Workgroups before narrowing: their children are mostly as visible, sometimes narrower, so
/// the records below end up near 60 % PUBLIC, 25 % PARTNERS and 15 % COALITION.
pub const VISIBILITY: &[(Visibility, i64)] = &[
    (Visibility::Public, 72),
    (Visibility::Partners, 18),
    (Visibility::Coalition, 10),
];

/// Inserts workgroups, their members and their themes.
pub async fn run(txn: &DatabaseTransaction, world: &mut World) -> Result<()> {
    let mut rng = Rng::stream("workgroup");
    let mut rows = Vec::with_capacity(world.plan.workgroups);
    for i in 0..world.plan.workgroups {
        let c = rng.below(world.coalitions.len());
        let (row, group) = workgroup(&mut rng, i, c, world.coalitions[c].created);
        rows.push(row);
        world.coalitions[c].workgroups.push(i);
        world.workgroups.push(group);
    }
    world.counts.workgroups = insert_all(txn, rows).await?;
    world.counts.workgroup_memberships = members(txn, world).await?;

    let mut rng = Rng::stream("workgroup_theme");
    let mut rows = Vec::new();
    for w in 0..world.workgroups.len() {
        let n = rng.range(1, 3) as usize;
        for t in rng.distinct(n, world.themes) {
            rows.push(workgroup_theme::ActiveModel {
                workgroup_id: Set(id(w)),
                theme_id: Set(id(t)),
            });
        }
    }
    world.counts.workgroup_themes = insert_all(txn, rows).await?;
    Ok(())
}

fn workgroup(rng: &mut Rng, i: usize, coalition: usize, after: i64) -> (workgroup::ActiveModel, Workgroup) {
    let kind = rng.weighted(&[
        (WorkgroupKind::Workgroup, 45),
        (WorkgroupKind::LearningCircle, 30),
        (WorkgroupKind::LearningStudio, 15),
        (WorkgroupKind::LearningNetwork, 10),
    ]);
    let visibility = rng.weighted(VISIBILITY);
    let created = rng.after(after, 2 * 365);
    let updated = rng.after(created, 180);
    let model = workgroup::ActiveModel {
        id: Set(id(i)),
        coalition_id: Set(id(coalition)),
        name: Set(line(rng, WORKGROUP_NAMES, 10, 200)),
        kind: Set(kind),
        method: Set(rng.chance(70).then(|| (*rng.pick(METHODS)).to_owned())),
        description: Set(Some(text(rng, "", 150, 700))),
        starts_on: Set(Some(date(created))),
        ends_on: Set(rng.chance(30).then(|| date(rng.after(created + days(180), 3 * 365)))),
        visibility: Set(visibility),
        archived_at: Set(rng.chance(3).then(|| instant(rng.after(updated, 365)))),
        version: Set(FIRST_VERSION),
        created_at: Set(instant(created)),
        updated_at: Set(instant(updated)),
    };
    let group = Workgroup {
        coalition,
        visibility,
        created,
        questions: Vec::new(),
    };
    (model, group)
}

/// Up to five people per workgroup, from the coalition's partners and a resident or two; the
/// first facilitates.
async fn members(txn: &DatabaseTransaction, world: &World) -> Result<u64> {
    let mut rng = Rng::stream("workgroup_membership");
    let mut batch = Batch::new();
    let mut n = 0;
    for (w, group) in world.workgroups.iter().enumerate() {
        let mut pool: Vec<usize> = world.coalitions[group.coalition]
            .members
            .iter()
            .flat_map(|&o| world.staff[o].iter().copied())
            .collect();
        if !world.residents.is_empty() {
            pool.push(*rng.pick(&world.residents));
        }
        pool.sort_unstable();
        pool.dedup();
        for (position, p) in rng.distinct(PEOPLE_PER_WORKGROUP, pool.len()).into_iter().enumerate() {
            let role = if position == 0 {
                WorkgroupRole::Facilitator
            } else {
                WorkgroupRole::Participant
            };
            let row = workgroup_membership::ActiveModel {
                id: Set(id(n)),
                workgroup_id: Set(id(w)),
                person_id: Set(id(pool[p])),
                role: Set(role),
                created_at: Set(instant(rng.after(group.created, 90))),
            };
            batch.push(txn, row).await?;
            n += 1;
        }
    }
    batch.finish(txn).await
}
