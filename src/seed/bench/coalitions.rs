//! Coalitions and the organisations taking part in them.

use anyhow::Result;
use sea_orm::ActiveValue::Set;
use sea_orm::DatabaseTransaction;

use entity::{CoalitionKind, LifecycleStage as S, MembershipRole, coalition, coalition_membership};

use super::counts::MEMBERS_PER_COALITION;
use super::rng::{FIRST, Rng, date, days, instant};
use super::sink::insert_all;
use super::text::{line, slug, text};
use super::words::{AREAS, COALITION_NAMES, PLACES};
use super::world::{Coalition, FIRST_VERSION, World, id};

/// Inserts coalitions and their memberships.
pub async fn run(txn: &DatabaseTransaction, world: &mut World) -> Result<()> {
    let mut rng = Rng::stream("coalition");
    let mut rows = Vec::with_capacity(world.plan.coalitions);
    for i in 0..world.plan.coalitions {
        let (row, created) = coalition(&mut rng, i);
        rows.push(row);
        let members = rng.distinct(MEMBERS_PER_COALITION, world.orgs.len());
        world.coalitions.push(Coalition {
            created,
            members,
            workgroups: Vec::new(),
            questions: Vec::new(),
        });
    }
    world.counts.coalitions = insert_all(txn, rows).await?;

    let mut rng = Rng::stream("coalition_membership");
    let mut rows = Vec::with_capacity(world.coalitions.len() * MEMBERS_PER_COALITION);
    for (c, coalition) in world.coalitions.iter().enumerate() {
        for (position, &org) in coalition.members.iter().enumerate() {
            rows.push(membership(&mut rng, rows.len(), c, org, position, coalition.created));
        }
    }
    world.counts.coalition_memberships = insert_all(txn, rows).await?;
    Ok(())
}

fn coalition(rng: &mut Rng, i: usize) -> (coalition::ActiveModel, i64) {
    let kind = rng.weighted(&[
        (CoalitionKind::CommunityOfPractice, 35),
        (CoalitionKind::AreaCoalition, 30),
        (CoalitionKind::LearningCommunity, 25),
        (CoalitionKind::Partnership, 10),
    ]);
    let stage = rng.weighted(&[
        (S::Potential, 5),
        (S::Coalescing, 15),
        (S::Active, 55),
        (S::Dispersed, 15),
        (S::Memorable, 10),
    ]);
    let name = line(rng, COALITION_NAMES, 10, 200);
    let created = rng.range(FIRST, FIRST + days(5 * 365));
    let updated = rng.after(created, 365);
    let ended = matches!(stage, S::Dispersed | S::Memorable);
    let model = coalition::ActiveModel {
        id: Set(id(i)),
        slug: Set(format!("{}-{}", slug(&name), i + 1)),
        name: Set(name),
        kind: Set(kind),
        area: Set((kind == CoalitionKind::AreaCoalition).then(|| (*rng.pick(AREAS)).to_owned())),
        municipality: Set(rng.chance(80).then(|| (*rng.pick(PLACES)).to_owned())),
        stage: Set(stage),
        starts_on: Set(Some(date(created))),
        ends_on: Set(ended.then(|| date(rng.after(created + days(2 * 365), 4 * 365)))),
        description: Set(Some(text(rng, "", 200, 900))),
        archived_at: Set((stage == S::Memorable && rng.chance(50)).then(|| instant(rng.after(updated, 365)))),
        version: Set(FIRST_VERSION),
        created_at: Set(instant(created)),
        updated_at: Set(instant(updated)),
    };
    (model, created)
}

fn membership(
    rng: &mut Rng,
    i: usize,
    coalition: usize,
    org: usize,
    position: usize,
    created: i64,
) -> coalition_membership::ActiveModel {
    let role = match position {
        0 => MembershipRole::Lead,
        _ => rng.weighted(&[
            (MembershipRole::Partner, 70),
            (MembershipRole::KnowledgePartner, 20),
            (MembershipRole::Funder, 10),
        ]),
    };
    let joined = rng.after(created, 120);
    // The lead never leaves; a few partners have.
    let left = (position > 0 && rng.chance(4)).then(|| date(rng.after(joined + days(365), 3 * 365)));
    coalition_membership::ActiveModel {
        id: Set(id(i)),
        coalition_id: Set(id(coalition)),
        organisation_id: Set(id(org)),
        role: Set(role),
        joined_on: Set(Some(date(joined))),
        left_on: Set(left),
        created_at: Set(instant(joined)),
    }
}
