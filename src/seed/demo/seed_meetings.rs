//! Inserts the meetings with the questions they discussed, the learning tracks with their
//! ordered sessions, and the outcomes with the questions they answer. A meeting, track or
//! outcome only ever refers to questions and meetings of its own coalition.

use anyhow::{Context, Result, ensure};
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait};

use entity::{MembershipRole, learning_track, meeting, meeting_question, outcome, outcome_question, track_session};

use super::coalitions::MEMBERS;
use super::meetings::MEETINGS;
use super::outcomes::{OUTCOMES, TRACKS};
use super::rows::{Key, Meeting, Outcome, Track};
use super::support::{
    FIRST_VERSION, Ids, MeetingRef, amsterdam, days_after, ensure_within, get, get_opt, opt_day, stamp,
};

/// Inserts meetings, tracks and outcomes; the questions must be in `ids` already.
pub async fn run(txn: &DatabaseTransaction, ids: &mut Ids) -> Result<()> {
    meetings(txn, ids).await?;
    tracks(txn, ids).await?;
    outcomes(txn, ids).await
}

/// The ids of the questions `keys` names, all of which must belong to `coalition_id`.
fn questions_of(keys: &[Key], coalition_id: i32, ids: &Ids, owner: &str) -> Result<Vec<i32>> {
    keys.iter()
        .map(|key| {
            let q = get(&ids.questions, key, "question")?;
            ensure!(
                q.coalition_id == coalition_id,
                "{owner} refers to question {key} of another coalition"
            );
            Ok(q.id)
        })
        .collect()
}

async fn meetings(txn: &DatabaseTransaction, ids: &mut Ids) -> Result<()> {
    let mut links = Vec::new();
    for m in MEETINGS {
        let coalition_id = get(&ids.coalitions, m.coalition, "coalition")?;
        let starts = amsterdam(m.starts)?;
        let model = meeting_model(m, coalition_id, starts, ids)?;
        let id = model
            .insert(txn)
            .await
            .with_context(|| format!("meeting {}", m.key))?
            .id;
        ids.meetings.insert(
            m.key,
            MeetingRef {
                id,
                coalition_id,
                starts,
            },
        );
        for question_id in questions_of(m.questions, coalition_id, ids, m.key)? {
            links.push(meeting_question::ActiveModel {
                meeting_id: Set(id),
                question_id: Set(question_id),
            });
        }
    }
    meeting_question::Entity::insert_many(links)
        .exec_without_returning(txn)
        .await
        .context("meeting questions")?;
    Ok(())
}

/// The organisation that leads `coalition`: it organises the coalition's meetings.
fn lead_of(coalition: Key, ids: &Ids) -> Result<i32> {
    let lead = MEMBERS
        .iter()
        .find(|m| m.coalition == coalition && m.role == MembershipRole::Lead)
        .with_context(|| format!("coalition {coalition} has no lead"))?;
    get(&ids.orgs, lead.org, "organisation")
}

fn meeting_model(m: &Meeting, coalition_id: i32, starts: DateTime<Utc>, ids: &Ids) -> Result<meeting::ActiveModel> {
    let group = get_opt(&ids.workgroups, m.workgroup, "workgroup")?;
    if let Some(group) = group {
        ensure!(
            group.coalition_id == coalition_id,
            "meeting {} sits in another coalition's workgroup",
            m.key
        );
        ensure_within(m.visibility, group.visibility, m.key)?;
    }
    // Announced three weeks ahead; a meeting with a report was written up two days later.
    let created = days_after(starts, -21);
    let updated = if m.report.is_some() {
        days_after(starts, 2)
    } else {
        created
    };
    Ok(meeting::ActiveModel {
        id: NotSet,
        coalition_id: Set(coalition_id),
        workgroup_id: Set(group.map(|g| g.id)),
        title: Set(m.title.to_owned()),
        kind: Set(m.kind),
        starts_at: Set(starts),
        ends_at: Set(Some(starts + TimeDelta::minutes(m.minutes))),
        location: Set(Some(m.location.to_owned())),
        work_form: Set(Some(m.work_form.to_owned())),
        report: Set(m.report.map(str::to_owned)),
        visibility: Set(m.visibility),
        organisation_id: Set(Some(lead_of(m.coalition, ids)?)),
        external_ref: Set(None),
        version: Set(FIRST_VERSION),
        created_at: Set(created),
        updated_at: Set(updated),
    })
}

async fn tracks(txn: &DatabaseTransaction, ids: &Ids) -> Result<()> {
    let mut sessions = Vec::new();
    for t in TRACKS {
        let coalition_id = get(&ids.coalitions, t.coalition, "coalition")?;
        let meetings = track_meetings(t, coalition_id, ids)?;
        let model = track_model(t, coalition_id, &meetings)?;
        let id = model
            .insert(txn)
            .await
            .with_context(|| format!("track {}", t.title))?
            .id;
        for (position, m) in (1..).zip(&meetings) {
            sessions.push(track_session::ActiveModel {
                track_id: Set(id),
                meeting_id: Set(m.id),
                position: Set(position),
            });
        }
    }
    track_session::Entity::insert_many(sessions)
        .exec_without_returning(txn)
        .await
        .context("track sessions")?;
    Ok(())
}

/// The meetings of a track, which must be of the track's coalition and in time order.
fn track_meetings(t: &Track, coalition_id: i32, ids: &Ids) -> Result<Vec<MeetingRef>> {
    let meetings: Vec<MeetingRef> = t
        .meetings
        .iter()
        .map(|k| get(&ids.meetings, k, "meeting"))
        .collect::<Result<_>>()?;
    ensure!(
        meetings.iter().all(|m| m.coalition_id == coalition_id),
        "track {} crosses coalitions",
        t.title
    );
    ensure!(
        meetings.windows(2).all(|w| w[0].starts < w[1].starts),
        "track {} is out of order",
        t.title
    );
    Ok(meetings)
}

fn track_model(t: &Track, coalition_id: i32, meetings: &[MeetingRef]) -> Result<learning_track::ActiveModel> {
    let first = meetings
        .first()
        .with_context(|| format!("track {} has no meetings", t.title))?;
    let last = meetings
        .last()
        .with_context(|| format!("track {} has no meetings", t.title))?;
    Ok(learning_track::ActiveModel {
        id: NotSet,
        coalition_id: Set(coalition_id),
        title: Set(t.title.to_owned()),
        goal: Set(t.goal.to_owned()),
        starts_on: Set(Some(first.starts.date_naive())),
        ends_on: Set(Some(last.starts.date_naive())),
        version: Set(FIRST_VERSION),
        created_at: Set(days_after(first.starts, -30)),
        updated_at: Set(days_after(last.starts, 2)),
    })
}

async fn outcomes(txn: &DatabaseTransaction, ids: &Ids) -> Result<()> {
    let mut links = Vec::new();
    for o in OUTCOMES {
        let coalition_id = get(&ids.coalitions, o.coalition, "coalition")?;
        let question_ids = questions_of(o.questions, coalition_id, ids, o.title)?;
        let id = outcome_model(o, coalition_id)?
            .insert(txn)
            .await
            .with_context(|| format!("outcome {}", o.title))?
            .id;
        for question_id in question_ids {
            links.push(outcome_question::ActiveModel {
                outcome_id: Set(id),
                question_id: Set(question_id),
            });
        }
    }
    outcome_question::Entity::insert_many(links)
        .exec_without_returning(txn)
        .await
        .context("outcome questions")?;
    Ok(())
}

fn outcome_model(o: &Outcome, coalition_id: i32) -> Result<outcome::ActiveModel> {
    let at = stamp(o.published)?;
    Ok(outcome::ActiveModel {
        id: NotSet,
        coalition_id: Set(coalition_id),
        kind: Set(o.kind),
        title: Set(o.title.to_owned()),
        summary: Set(Some(o.summary.to_owned())),
        url: Set(o.url.map(str::to_owned)),
        published_on: Set(opt_day(Some(o.published))?),
        visibility: Set(o.visibility),
        version: Set(FIRST_VERSION),
        created_at: Set(at),
        updated_at: Set(at),
    })
}
