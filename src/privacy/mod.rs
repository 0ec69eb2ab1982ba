//! A person's data rights (AVG/GDPR): the register of personal data ([`register`]), who may ask
//! for a person's data ([`access`]), the export (art. 15/20, [`export`]), the erasure (art. 17,
//! [`erase`]), the budget of such requests ([`limit`]) and the retention of the audit log
//! ([`retention`]). No GraphQL here: `graphql::mutation::privacy` translates.

pub mod access;
mod classes;
pub mod erase;
pub mod export;
pub mod limit;
mod purposes;
pub mod register;
pub mod retention;
mod scrub;

use crate::config::PrivacySettings;

/// What the privacy requests of a running service share: the periods the export states, and
/// the budget of requests per token (which a clone shares).
#[derive(Clone)]
pub struct Privacy {
    /// Days an audit event is kept.
    pub audit_retention_days: u32,
    /// Days a change event is kept.
    pub change_retention_days: u32,
    /// Exports and erasures per token and hour.
    pub limit: limit::HourlyLimit,
}

impl Privacy {
    /// From the settings of `serve`.
    pub fn new(settings: &PrivacySettings, change_retention_days: u32) -> Self {
        Privacy {
            audit_retention_days: settings.audit_retention_days,
            change_retention_days,
            limit: limit::HourlyLimit::new(settings.privacy_requests_per_hour),
        }
    }
}
