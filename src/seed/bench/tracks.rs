//! Learning tracks and the meetings that are their sessions, in order.

use anyhow::Result;
use sea_orm::ActiveValue::Set;
use sea_orm::DatabaseTransaction;

use entity::{learning_track, track_session};

use super::rng::{Rng, date, days, instant};
use super::sink::insert_all;
use super::text::{line, text};
use super::words::TRACK_TITLES;
use super::world::{FIRST_VERSION, World, id};

/// Inserts learning tracks, each of a coalition in turn.
pub async fn run(txn: &DatabaseTransaction, world: &mut World) -> Result<()> {
    let mut rng = Rng::stream("learning_track");
    let rows = (0..world.plan.tracks).map(|i| track(&mut rng, world, i)).collect();
    world.counts.learning_tracks = insert_all(txn, rows).await?;
    Ok(())
}

fn track(rng: &mut Rng, world: &World, i: usize) -> learning_track::ActiveModel {
    let c = i % world.coalitions.len();
    let created = rng.after(world.coalitions[c].created, 365);
    let starts = rng.after(created, 60);
    learning_track::ActiveModel {
        id: Set(id(i)),
        coalition_id: Set(id(c)),
        title: Set(line(rng, TRACK_TITLES, 10, 300)),
        goal: Set(text(rng, "Doel: ", 150, 600)),
        starts_on: Set(Some(date(starts))),
        ends_on: Set(rng.chance(80).then(|| date(rng.after(starts + days(90), 450)))),
        version: Set(FIRST_VERSION),
        created_at: Set(instant(created)),
        updated_at: Set(instant(rng.after(created, 90))),
    }
}

/// Two to six of its coalition's meetings per track, numbered from 1.
pub async fn sessions(txn: &DatabaseTransaction, world: &mut World, meetings: &[Vec<usize>]) -> Result<()> {
    let mut rng = Rng::stream("track_session");
    let mut rows = Vec::new();
    for t in 0..world.plan.tracks {
        let pool = &meetings[t % world.coalitions.len()];
        let n = rng.range(2, 6) as usize;
        let mut picked = rng.distinct(n, pool.len());
        picked.sort_unstable();
        for (position, m) in picked.into_iter().enumerate() {
            rows.push(track_session::ActiveModel {
                track_id: Set(id(t)),
                meeting_id: Set(id(pool[m])),
                position: Set(id(position)),
            });
        }
    }
    world.counts.track_sessions = insert_all(txn, rows).await?;
    Ok(())
}
