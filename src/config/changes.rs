//! Settings of the change feed and its subscriptions: how long events are kept, and what one
//! client may hold open.

use clap::Args;

/// How long change events live, and the limits of live subscriptions.
#[derive(Args, Clone, Debug, PartialEq, Eq)]
pub struct ChangeSettings {
    /// Days a change event is kept; a cursor older than that gets CURSOR_EXPIRED.
    #[arg(long, env = "SAMENSPEL_CHANGE_RETENTION_DAYS", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub change_retention_days: u32,
    /// Subscriptions one WebSocket connection may hold at once.
    #[arg(long, env = "SAMENSPEL_MAX_SUBSCRIPTIONS_PER_CONNECTION", default_value_t = 20)]
    pub max_subscriptions_per_connection: usize,
    /// WebSocket connections one token may hold open at once (anonymous clients: per address).
    #[arg(long, env = "SAMENSPEL_MAX_CONNECTIONS_PER_TOKEN", default_value_t = 10)]
    pub max_connections_per_token: usize,
    /// Events a subscriber may fall behind the head of the log before it is told to resume from
    /// its last cursor (instead of the server holding its backlog).
    #[arg(long, env = "SAMENSPEL_SUBSCRIBER_MAX_LAG", default_value_t = 1000)]
    pub subscriber_max_lag: u64,
    /// Milliseconds a new WebSocket connection has to send `connection_init` (else 4408).
    #[arg(long, env = "SAMENSPEL_WS_INIT_TIMEOUT_MS", default_value_t = 10_000)]
    pub connection_init_timeout_ms: u64,
}

impl Default for ChangeSettings {
    fn default() -> Self {
        ChangeSettings {
            change_retention_days: 30,
            max_subscriptions_per_connection: 20,
            max_connections_per_token: 10,
            subscriber_max_lag: 1000,
            connection_init_timeout_ms: 10_000,
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
        changes: ChangeSettings,
    }

    #[test]
    fn defaults_agree_with_the_command_line() {
        assert_eq!(Only::parse_from(["x"]).changes, ChangeSettings::default());
    }
}
