//! Settings of webhook delivery: which receiver addresses are allowed, how many deliveries a
//! replica runs at once, how long it waits for an answer, when it retries and when it gives up.

use std::time::Duration;

use clap::{ArgAction, Args};

/// The retry schedule when none is configured: each step is the wait after the previous attempt
/// failed (the first attempt goes at once), as Svix and the Standard Webhooks ecosystem use it.
pub const DEFAULT_SCHEDULE: &str = "0s,5s,5m,30m,2h,5h,10h,10h";

/// How webhooks are delivered by this replica.
#[derive(Args, Clone, Debug, PartialEq, Eq)]
pub struct WebhookSettings {
    /// Deliver to loopback, private, link-local, CGNAT and unique-local addresses too: for
    /// receivers on premises and for tests. Off, such a URL is refused (code INVALID).
    #[arg(long, env = "SAMENSPEL_WEBHOOK_ALLOW_PRIVATE", default_value_t = false, action = ArgAction::Set)]
    pub webhook_allow_private: bool,
    /// Accept `http://` receiver URLs besides `https://`.
    #[arg(long, env = "SAMENSPEL_WEBHOOK_ALLOW_HTTP", default_value_t = false, action = ArgAction::Set)]
    pub webhook_allow_http: bool,
    /// Deliveries this replica sends at once; 0 runs no webhook workers on this replica.
    #[arg(long, env = "SAMENSPEL_WEBHOOK_WORKERS", default_value_t = 64)]
    pub webhook_workers: usize,
    /// Deliveries one webhook may have in flight at once on this replica (one while it fails),
    /// so a slow receiver cannot take every worker.
    #[arg(long, env = "SAMENSPEL_WEBHOOK_PER_ENDPOINT", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub webhook_per_endpoint: u32,
    /// Milliseconds a receiver has to answer (connecting included).
    #[arg(long, env = "SAMENSPEL_WEBHOOK_TIMEOUT_MS", default_value_t = 15_000, value_parser = clap::value_parser!(u64).range(100..=120_000))]
    pub webhook_timeout_ms: u64,
    /// Waits before each attempt, comma-separated (`0s,5s,5m,…`): the first attempt, then a
    /// retry after each failure; its length is the number of attempts.
    #[arg(long, env = "SAMENSPEL_WEBHOOK_RETRY_SCHEDULE", value_delimiter = ',', default_value = DEFAULT_SCHEDULE, value_parser = humantime::parse_duration)]
    pub webhook_retry_schedule: Vec<Duration>,
    /// A webhook whose deliveries have failed, without a success, for this long is disabled.
    #[arg(long, env = "SAMENSPEL_WEBHOOK_DISABLE_AFTER", default_value = "5days", value_parser = humantime::parse_duration)]
    pub webhook_disable_after: Duration,
    /// How long the previous secret still signs after `rotateWebhookSecret`.
    #[arg(long, env = "SAMENSPEL_WEBHOOK_SECRET_OVERLAP", default_value = "24h", value_parser = humantime::parse_duration)]
    pub webhook_secret_overlap: Duration,
}

impl WebhookSettings {
    /// The timeout of one attempt.
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.webhook_timeout_ms)
    }

    /// How long a worker's claim on a delivery lasts: past it, a replica that died mid-attempt
    /// has its delivery taken over by another.
    pub fn lease(&self) -> Duration {
        self.timeout() * 2 + Duration::from_secs(1)
    }
}

impl Default for WebhookSettings {
    fn default() -> Self {
        let schedule = DEFAULT_SCHEDULE.split(',').map(humantime::parse_duration);
        WebhookSettings {
            webhook_allow_private: false,
            webhook_allow_http: false,
            webhook_workers: 64,
            webhook_per_endpoint: 4,
            webhook_timeout_ms: 15_000,
            webhook_retry_schedule: schedule.map(|d| d.unwrap_or_default()).collect(),
            webhook_disable_after: Duration::from_secs(5 * 86_400),
            webhook_secret_overlap: Duration::from_secs(86_400),
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
        webhooks: WebhookSettings,
    }

    #[test]
    fn defaults_agree_with_the_command_line() {
        let parsed = Only::parse_from(["x"]).webhooks;
        assert_eq!(parsed, WebhookSettings::default());
        assert_eq!(parsed.webhook_retry_schedule.len(), 8);
        assert_eq!(parsed.webhook_retry_schedule[2], Duration::from_secs(300));
    }
}
