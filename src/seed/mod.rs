//! Data that fills an empty database: the demo dataset from the source pages.

pub mod demo;

/// TEMPORARY until the demo module lands.
pub async fn seed_demo(_db: &sea_orm::DatabaseConnection) -> anyhow::Result<bool> {
    Ok(false)
}
