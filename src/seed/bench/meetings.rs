//! Meetings and the learning questions they discussed.

use anyhow::Result;
use sea_orm::ActiveValue::Set;
use sea_orm::DatabaseTransaction;

use entity::{MeetingKind as K, meeting, meeting_question};

use super::rng::{FIRST, Rng, days, instant};
use super::sink::{Batch, insert_all};
use super::text::{line, text};
use super::words::{LOCATIONS, MEETING_TITLES, WORK_FORMS};
use super::world::{FIRST_VERSION, World, id};

const HOUR: i64 = 3_600;

/// Inserts meetings and the questions each discussed; returns the meeting indexes per
/// coalition, in the order generated.
pub async fn run(txn: &DatabaseTransaction, world: &mut World) -> Result<Vec<Vec<usize>>> {
    let mut rng = Rng::stream("meeting");
    let mut by_coalition = vec![Vec::new(); world.coalitions.len()];
    let mut topics = Vec::with_capacity(world.plan.meetings);
    let mut batch = Batch::new();
    for i in 0..world.plan.meetings {
        let c = rng.below(world.coalitions.len());
        let (row, workgroup) = meeting(&mut rng, world, i, c);
        batch.push(txn, row).await?;
        by_coalition[c].push(i);
        topics.push((c, workgroup));
    }
    world.counts.meetings = batch.finish(txn).await?;

    let mut rng = Rng::stream("meeting_question");
    let mut rows = Vec::new();
    for (m, (c, workgroup)) in topics.into_iter().enumerate() {
        // A workgroup's meeting discusses its own questions when it has any.
        let pool = match workgroup.map(|w| &world.workgroups[w].questions) {
            Some(qs) if !qs.is_empty() => qs,
            _ => &world.coalitions[c].questions,
        };
        let n = rng.range(1, 3) as usize;
        for q in rng.distinct(n, pool.len()) {
            rows.push(meeting_question::ActiveModel {
                meeting_id: Set(id(m)),
                question_id: Set(id(pool[q])),
            });
        }
    }
    world.counts.meeting_questions = insert_all(txn, rows).await?;
    Ok(by_coalition)
}

fn meeting(rng: &mut Rng, world: &World, i: usize, c: usize) -> (meeting::ActiveModel, Option<usize>) {
    let coalition = &world.coalitions[c];
    let workgroup = (!coalition.workgroups.is_empty() && rng.chance(70)).then(|| *rng.pick(&coalition.workgroups));
    let (visibility, after) = match workgroup.map(|w| &world.workgroups[w]) {
        Some(g) => (rng.narrow(g.visibility, 10), g.created),
        None => (rng.weighted(super::VISIBILITY), coalition.created),
    };
    // Daytime, on the hour or half past.
    let day = rng.after(after, 6 * 365) / days(1) * days(1);
    let starts = day + rng.range(9, 19) * HOUR + rng.range(0, 1) * HOUR / 2;
    let created = (starts - days(rng.range(7, 60))).max(FIRST);
    let org = rng.chance(90).then(|| *rng.pick(&coalition.members));
    let model = meeting::ActiveModel {
        id: Set(id(i)),
        coalition_id: Set(id(c)),
        workgroup_id: Set(workgroup.map(id)),
        title: Set(line(rng, MEETING_TITLES, 10, 300)),
        kind: Set(rng.weighted(&[
            (K::LearningSession, 45),
            (K::Workshop, 25),
            (K::ExpertMeeting, 15),
            (K::KnowledgeCommunity, 15),
        ])),
        starts_at: Set(instant(starts)),
        ends_at: Set(rng.chance(90).then(|| instant(starts + rng.range(2, 6) * HOUR / 2))),
        location: Set(rng.chance(85).then(|| (*rng.pick(LOCATIONS)).to_owned())),
        work_form: Set(rng.chance(70).then(|| (*rng.pick(WORK_FORMS)).to_owned())),
        report: Set(rng.chance(70).then(|| text(rng, "Verslag: ", 200, 1_200))),
        visibility: Set(visibility),
        organisation_id: Set(org.map(id)),
        external_ref: Set(org.filter(|_| rng.chance(20)).map(|_| format!("agenda-{}", i + 1))),
        version: Set(FIRST_VERSION),
        created_at: Set(instant(created)),
        updated_at: Set(instant(rng.after(created, 30))),
    };
    (model, workgroup)
}
