//! Learning questions and their themes.

use anyhow::Result;
use sea_orm::ActiveValue::Set;
use sea_orm::DatabaseTransaction;

use entity::{QuestionStatus as S, learning_question, question_theme};

use super::rng::{Rng, instant};
use super::sink::{Batch, insert_all};
use super::text::{line, text};
use super::words::QUESTION_TITLES;
use super::world::{FIRST_VERSION, Question, World, id};

/// Questions that belong to a coalition without a workgroup, in percent.
const WITHOUT_WORKGROUP: i64 = 10;

/// Inserts learning questions and their themes.
pub async fn run(txn: &DatabaseTransaction, world: &mut World) -> Result<()> {
    let mut rng = Rng::stream("learning_question");
    let mut batch = Batch::new();
    for i in 0..world.plan.questions {
        let q = place(&mut rng, world);
        if let Some(w) = q.workgroup {
            world.workgroups[w].questions.push(i);
        }
        world.coalitions[q.coalition].questions.push(i);
        batch.push(txn, question(&mut rng, world, i, &q)).await?;
        world.questions.push(q);
    }
    world.counts.learning_questions = batch.finish(txn).await?;

    let mut rng = Rng::stream("question_theme");
    let mut rows = Vec::new();
    for q in 0..world.questions.len() {
        let n = rng.range(1, 3) as usize;
        for t in rng.distinct(n, world.themes) {
            rows.push(question_theme::ActiveModel {
                question_id: Set(id(q)),
                theme_id: Set(id(t)),
            });
        }
    }
    world.counts.question_themes = insert_all(txn, rows).await?;
    Ok(())
}

/// Where a question sits: in a workgroup (and its coalition), or in a coalition directly.
fn place(rng: &mut Rng, world: &World) -> Question {
    let status = rng.weighted(&[(S::Open, 35), (S::Exploring, 25), (S::Answered, 30), (S::Archived, 10)]);
    if rng.chance(WITHOUT_WORKGROUP) || world.workgroups.is_empty() {
        let coalition = rng.below(world.coalitions.len());
        return Question {
            coalition,
            workgroup: None,
            visibility: rng.weighted(super::VISIBILITY),
            status,
            created: rng.after(world.coalitions[coalition].created, 5 * 365),
        };
    }
    let w = rng.below(world.workgroups.len());
    let group = &world.workgroups[w];
    Question {
        coalition: group.coalition,
        workgroup: Some(w),
        visibility: rng.narrow(group.visibility, 10),
        status,
        created: rng.after(group.created, 5 * 365),
    }
}

fn question(rng: &mut Rng, world: &World, i: usize, q: &Question) -> learning_question::ActiveModel {
    let members = &world.coalitions[q.coalition].members;
    let org = rng.chance(90).then(|| *rng.pick(members));
    let person = match org {
        Some(o) if !world.staff[o].is_empty() && rng.chance(60) => Some(*rng.pick(&world.staff[o])),
        None if !world.residents.is_empty() => Some(*rng.pick(&world.residents)),
        _ => None,
    };
    let answered = q.status == S::Answered;
    let updated = rng.after(q.created, if answered { 540 } else { 180 });
    learning_question::ActiveModel {
        id: Set(id(i)),
        coalition_id: Set(id(q.coalition)),
        workgroup_id: Set(q.workgroup.map(id)),
        title: Set(line(rng, QUESTION_TITLES, 40, 120)),
        context: Set(text(rng, "", 300, 1_500)),
        status: Set(q.status),
        asked_by_organisation_id: Set(org.map(id)),
        asked_by_person_id: Set(person.map(id)),
        visibility: Set(q.visibility),
        resolution_summary: Set(answered.then(|| text(rng, "Wat we nu weten: ", 150, 600))),
        external_ref: Set(org.filter(|_| rng.chance(20)).map(|_| format!("crm-q-{}", i + 1))),
        version: Set(FIRST_VERSION),
        created_at: Set(instant(q.created)),
        updated_at: Set(instant(updated)),
    }
}
