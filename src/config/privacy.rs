//! Settings of a person's data rights: how long the audit log keeps its events, and how many
//! exports and erasures one token may ask for in an hour.

use clap::Args;

/// Audit retention and the budget of privacy requests.
#[derive(Args, Clone, Debug, PartialEq, Eq)]
pub struct PrivacySettings {
    /// Days an audit event is kept; older events are pruned every hour.
    #[arg(long, env = "SAMENSPEL_AUDIT_RETENTION_DAYS", default_value_t = 730, value_parser = clap::value_parser!(u32).range(1..=36500))]
    pub audit_retention_days: u32,
    /// Exports and erasures of a person's data one token may ask for in an hour (`0`: no limit).
    #[arg(long, env = "SAMENSPEL_PRIVACY_REQUESTS_PER_HOUR", default_value_t = 30)]
    pub privacy_requests_per_hour: u32,
}

impl Default for PrivacySettings {
    fn default() -> Self {
        PrivacySettings {
            audit_retention_days: 730,
            privacy_requests_per_hour: 30,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Only {
        #[command(flatten)]
        privacy: PrivacySettings,
    }

    #[test]
    fn defaults_agree_with_the_command_line() {
        assert_eq!(Only::parse_from(["x"]).privacy, PrivacySettings::default());
    }
}
