//! The benchmark dataset: a deterministic, scalable generator of realistic-looking learning
//! communities. At scale 1: 200 organisations, 500 coalitions with 5 members each, 2,000
//! workgroups, 20,000 learning questions and 100,000 contributions, with people, themes,
//! meetings, learning tracks and outcomes; every table grows linearly with the scale.
//!
//! The same scale gives the same rows, byte for byte, on SQLite and PostgreSQL: every value
//! comes from a fixed-seed PRNG (one stream per table), ids are set by the generator, and
//! timestamps are whole seconds between 2016 and 2025.

mod coalitions;
mod contributions;
mod counts;
mod directory;
mod groups;
mod meetings;
mod outcomes;
mod questions;
mod rng;
mod sink;
mod text;
mod tracks;
mod words;
mod world;

use anyhow::Context;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};

pub use counts::BenchCounts;
use entity::Visibility;

use crate::db::begin_write;

/// Visibility of records without a parent that has one (questions outside workgroups,
/// meetings outside workgroups, outcomes).
const VISIBILITY: &[(Visibility, i64)] = &[
    (Visibility::Public, 60),
    (Visibility::Partners, 25),
    (Visibility::Coalition, 15),
];

/// Fills an empty, migrated database with the benchmark dataset at `scale` (1 = 100,000
/// contributions), in one transaction, and returns the rows written per table.
///
/// # Errors
/// Fails, writing nothing, when the scale is not in `(0, 1000]`, when the database already
/// holds organisations, coalitions, people, themes or questions, or when a statement fails
/// (the transaction is then rolled back).
pub async fn seed_bench(db: &DatabaseConnection, scale: f64) -> anyhow::Result<BenchCounts> {
    let plan = counts::Plan::at(scale)?;
    sink::ensure_empty(db).await?;
    let txn = begin_write(db).await.context("starting the bench transaction")?;
    let mut world = world::World::new(plan);
    directory::run(&txn, &mut world).await.context("bench directory")?;
    coalitions::run(&txn, &mut world).await.context("bench coalitions")?;
    groups::run(&txn, &mut world).await.context("bench workgroups")?;
    questions::run(&txn, &mut world).await.context("bench questions")?;
    contributions::run(&txn, &mut world)
        .await
        .context("bench contributions")?;
    tracks::run(&txn, &mut world).await.context("bench learning tracks")?;
    let by_coalition = meetings::run(&txn, &mut world).await.context("bench meetings")?;
    tracks::sessions(&txn, &mut world, &by_coalition)
        .await
        .context("bench track sessions")?;
    outcomes::run(&txn, &mut world).await.context("bench outcomes")?;
    sink::advance_sequences(&txn).await?;
    txn.commit().await.context("committing the bench dataset")?;
    if db.get_database_backend() == DbBackend::Postgres {
        // Fresh planner statistics, so the first queries already get good plans.
        db.execute_unprepared("ANALYZE")
            .await
            .context("analysing the bench tables")?;
    }
    Ok(world.counts)
}
