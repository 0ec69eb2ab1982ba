//! Outcomes and the learning questions they answer.

use anyhow::Result;
use sea_orm::ActiveValue::Set;
use sea_orm::DatabaseTransaction;

use entity::{OutcomeKind as K, QuestionStatus, outcome, outcome_question};

use super::rng::{Rng, date, days, instant};
use super::sink::insert_all;
use super::text::{line, slug, text};
use super::words::OUTCOME_TITLES;
use super::world::{FIRST_VERSION, World, id};

const KINDS: &[(K, i64)] = &[
    (K::Bundle, 15),
    (K::Report, 30),
    (K::Guide, 20),
    (K::VisualStory, 10),
    (K::Article, 15),
    (K::Toolkit, 10),
];

/// Inserts outcomes and the questions each answers.
pub async fn run(txn: &DatabaseTransaction, world: &mut World) -> Result<()> {
    let mut rng = Rng::stream("outcome");
    let mut coalitions = Vec::with_capacity(world.plan.outcomes);
    let mut rows = Vec::with_capacity(world.plan.outcomes);
    for i in 0..world.plan.outcomes {
        let c = rng.below(world.coalitions.len());
        rows.push(outcome(&mut rng, world, i, c));
        coalitions.push(c);
    }
    world.counts.outcomes = insert_all(txn, rows).await?;

    let mut rng = Rng::stream("outcome_question");
    let mut rows = Vec::new();
    for (o, c) in coalitions.into_iter().enumerate() {
        // An outcome answers answered questions when its coalition has any.
        let all = &world.coalitions[c].questions;
        let answered: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&q| world.questions[q].status == QuestionStatus::Answered)
            .collect();
        let pool = if answered.is_empty() { all } else { &answered };
        let n = rng.range(1, 5) as usize;
        for q in rng.distinct(n, pool.len()) {
            rows.push(outcome_question::ActiveModel {
                outcome_id: Set(id(o)),
                question_id: Set(id(pool[q])),
            });
        }
    }
    world.counts.outcome_questions = insert_all(txn, rows).await?;
    Ok(())
}

fn outcome(rng: &mut Rng, world: &World, i: usize, c: usize) -> outcome::ActiveModel {
    let kind = rng.weighted(KINDS);
    let title = line(rng, OUTCOME_TITLES, 10, 300);
    let published = rng.after(world.coalitions[c].created + days(365), 6 * 365);
    let url = format!("https://kennisbank.example.nl/{}-{}", slug(&title), i + 1);
    outcome::ActiveModel {
        id: Set(id(i)),
        coalition_id: Set(id(c)),
        kind: Set(kind),
        title: Set(title),
        summary: Set(rng.chance(90).then(|| text(rng, "", 150, 800))),
        url: Set(rng.chance(80).then_some(url)),
        published_on: Set(Some(date(published))),
        visibility: Set(rng.weighted(super::VISIBILITY)),
        version: Set(FIRST_VERSION),
        created_at: Set(instant(published)),
        updated_at: Set(instant(rng.after(published, 90))),
    }
}
