//! Contributions: the largest table, generated and written a statement at a time.

use anyhow::Result;
use sea_orm::ActiveValue::Set;
use sea_orm::DatabaseTransaction;

use entity::{Attribution, ContributionKind as K, contribution};

use super::rng::{Rng, instant};
use super::sink::Batch;
use super::text::text;
use super::words::OPENINGS;
use super::world::{FIRST_VERSION, World, id};

const KINDS: &[(K, i64)] = &[
    (K::Experience, 30),
    (K::Insight, 20),
    (K::Tip, 20),
    (K::Do, 10),
    (K::Dont, 10),
    (K::Resource, 10),
];

/// Inserts contributions to random questions; each shares its question's coalition and is at
/// most as visible as the question.
pub async fn run(txn: &DatabaseTransaction, world: &mut World) -> Result<()> {
    let mut rng = Rng::stream("contribution");
    let mut batch = Batch::new();
    for i in 0..world.plan.contributions {
        batch.push(txn, contribution(&mut rng, world, i)).await?;
    }
    world.counts.contributions = batch.finish(txn).await?;
    Ok(())
}

fn contribution(rng: &mut Rng, world: &World, i: usize) -> contribution::ActiveModel {
    let q = rng.below(world.questions.len());
    let question = &world.questions[q];
    let kind = rng.weighted(KINDS);
    let opening = OPENINGS[KINDS.iter().position(|(k, _)| *k == kind).unwrap_or(0)];
    let (org, author) = author(rng, world, question.coalition);
    let created = rng.after(question.created, 2 * 365);
    contribution::ActiveModel {
        id: Set(id(i)),
        question_id: Set(id(q)),
        coalition_id: Set(id(question.coalition)),
        kind: Set(kind),
        body: Set(text(rng, opening, 100, 800)),
        author_person_id: Set(author.map(id)),
        organisation_id: Set(org.map(id)),
        attribution: Set(rng.weighted(&[
            (Attribution::Named, 60),
            (Attribution::Organisation, 25),
            (Attribution::Anonymous, 15),
        ])),
        visibility: Set(rng.narrow(question.visibility, 10)),
        external_ref: Set(org.filter(|_| rng.chance(15)).map(|_| format!("crm-c-{}", i + 1))),
        version: Set(FIRST_VERSION),
        created_at: Set(instant(created)),
        updated_at: Set(instant(rng.after(created, 60))),
    }
}

/// A member organisation and usually one of its people; one in ten contributions comes from
/// a resident without an organisation.
fn author(rng: &mut Rng, world: &World, coalition: usize) -> (Option<usize>, Option<usize>) {
    if rng.chance(10) && !world.residents.is_empty() {
        return (None, Some(*rng.pick(&world.residents)));
    }
    let org = *rng.pick(&world.coalitions[coalition].members);
    let staff = &world.staff[org];
    let person = (!staff.is_empty() && rng.chance(80)).then(|| *rng.pick(staff));
    (Some(org), person)
}
