//! The demo dataset: partners, coalitions, workgroups, people, themes, learning questions,
//! contributions, meetings, learning tracks and outcomes of Dutch social-domain learning
//! communities. Names, places, dates and titles come from the source pages in `seeds/`; every
//! sentence is written for this dataset. Timestamps derive from those dates, so the dataset is
//! identical on every machine and database.
//!
//! Every record names its visibility on purpose. The API makes a record COALITION when its writer
//! names none (private by default); here PUBLIC marks what the source pages published, and the
//! working material of workgroups stays COALITION or PARTNERS.

mod amstelland;
mod amsterdam;
mod coalitions;
mod meetings;
mod nieuwegein;
mod outcomes;
mod partners;
mod rows;
mod seed_base;
mod seed_meetings;
mod seed_questions;
mod support;
mod workgroups;
mod zuid_holland;

use anyhow::Context;
use sea_orm::{DatabaseConnection, EntityTrait, TransactionTrait};

/// Fills an empty database with the demo dataset in one transaction. Returns `false`, and
/// writes nothing, when the `organisation` table already has a row.
///
/// # Errors
/// Fails when the database cannot be read or written, or when the demo tables contradict
/// themselves (an unknown key, a record broader than its parent); the transaction is then
/// rolled back and the database stays empty.
pub async fn seed_demo(db: &DatabaseConnection) -> anyhow::Result<bool> {
    let existing = entity::organisation::Entity::find()
        .one(db)
        .await
        .context("checking whether the database is empty")?;
    if existing.is_some() {
        return Ok(false);
    }
    let txn = db.begin().await.context("starting the demo transaction")?;
    let mut ids = support::Ids::default();
    seed_base::run(&txn, &mut ids)
        .await
        .context("seeding demo partners and coalitions")?;
    seed_questions::run(&txn, &mut ids)
        .await
        .context("seeding demo questions")?;
    seed_meetings::run(&txn, &mut ids)
        .await
        .context("seeding demo meetings and outcomes")?;
    txn.commit().await.context("committing the demo dataset")?;
    Ok(true)
}

/// Every demo learning question, region by region.
fn questions() -> impl Iterator<Item = &'static rows::Question> {
    [
        amsterdam::QUESTIONS,
        amstelland::QUESTIONS,
        zuid_holland::QUESTIONS,
        nieuwegein::QUESTIONS,
    ]
    .into_iter()
    .flatten()
}

/// Every demo contribution, region by region.
fn contributions() -> impl Iterator<Item = &'static rows::Contribution> {
    [
        amsterdam::CONTRIBUTIONS,
        amstelland::CONTRIBUTIONS,
        zuid_holland::CONTRIBUTIONS,
        nieuwegein::CONTRIBUTIONS,
    ]
    .into_iter()
    .flatten()
}
