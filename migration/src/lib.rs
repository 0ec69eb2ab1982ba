//! Schema migrations of Samenspel, run on start-up and by `samenspel migrate`.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_create_domain;
mod m20261122_000002_tokens_audit_versions;
mod m20261122_000003_drop_low_selectivity_indexes;
mod m20261124_000001_change_events;
mod m20261124_000002_audit_visibility;
mod m20261125_000001_webhooks;
mod m20261125_000002_search;
mod m20261125_000003_privacy;
mod m20261126_000001_search_scope;
mod util;

/// Every migration, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_domain::Migration),
            Box::new(m20261122_000002_tokens_audit_versions::Migration),
            Box::new(m20261122_000003_drop_low_selectivity_indexes::Migration),
            Box::new(m20261124_000001_change_events::Migration),
            Box::new(m20261124_000002_audit_visibility::Migration),
            Box::new(m20261125_000001_webhooks::Migration),
            Box::new(m20261125_000002_search::Migration),
            Box::new(m20261125_000003_privacy::Migration),
            Box::new(m20261126_000001_search_scope::Migration),
        ]
    }
}
