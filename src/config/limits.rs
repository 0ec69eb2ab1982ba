//! Limits on what one request (a batch as a whole) may ask, and how many requests a client may
//! send: each with a safe default and refused with a stable code before anything runs.

use std::time::Duration;

use clap::Args;

/// What one request may cost.
#[derive(Args, Clone, Debug, PartialEq, Eq)]
pub struct LimitSettings {
    /// Deepest nesting of fields in a query; a connection is one level, spelled `nodes` or
    /// `edges { node }`.
    #[arg(long, env = "SAMENSPEL_LIMIT_DEPTH", default_value_t = 12)]
    pub limit_depth: usize,
    /// Highest complexity of a request (a batch adds its operations up); a connection costs its
    /// page size times what each row asks.
    #[arg(long, env = "SAMENSPEL_LIMIT_COMPLEXITY", default_value_t = 10_000)]
    pub limit_complexity: usize,
    /// Most aliased fields in one request (a batch adds its operations up).
    #[arg(long, env = "SAMENSPEL_LIMIT_ALIASES", default_value_t = 30)]
    pub limit_aliases: usize,
    /// Most field selections in one request (a batch adds its operations up), fragments counted
    /// where they are spread.
    #[arg(long, env = "SAMENSPEL_LIMIT_SELECTIONS", default_value_t = 500)]
    pub limit_selections: usize,
    /// Most operations in one batch (a JSON array of requests).
    #[arg(long, env = "SAMENSPEL_LIMIT_BATCH", default_value_t = 10)]
    pub limit_batch: usize,
    /// Largest request body, in bytes.
    #[arg(long, env = "SAMENSPEL_LIMIT_BODY_BYTES", default_value_t = 256 * 1024)]
    pub limit_body_bytes: usize,
    /// Milliseconds a request may take before it is cut off; 0 disables the timeout.
    #[arg(long, env = "SAMENSPEL_REQUEST_TIMEOUT_MS", default_value_t = 15_000)]
    pub request_timeout_ms: u64,
    /// GraphQL requests executed at once; more wait their turn (within the timeout). It bounds
    /// the memory a burst of big queries takes; 0 means no bound.
    #[arg(long, env = "SAMENSPEL_MAX_CONCURRENT_REQUESTS", default_value_t = 8)]
    pub max_concurrent_requests: usize,
    /// Requests a minute per token (per client address without a token); 0 disables.
    #[arg(long, env = "SAMENSPEL_RATE_LIMIT_PER_MINUTE", default_value_t = 600)]
    pub rate_limit_per_minute: u32,
    /// Requests a client may send at once before the per-minute pace applies; 0 means the
    /// per-minute number.
    #[arg(long, env = "SAMENSPEL_RATE_LIMIT_BURST", default_value_t = 60)]
    pub rate_limit_burst: u32,
}

impl LimitSettings {
    /// The request timeout, unless disabled.
    pub fn request_timeout(&self) -> Option<Duration> {
        (self.request_timeout_ms > 0).then(|| Duration::from_millis(self.request_timeout_ms))
    }
}

impl Default for LimitSettings {
    fn default() -> Self {
        LimitSettings {
            limit_depth: 12,
            limit_complexity: 10_000,
            limit_aliases: 30,
            limit_selections: 500,
            limit_batch: 10,
            limit_body_bytes: 256 * 1024,
            request_timeout_ms: 15_000,
            max_concurrent_requests: 8,
            rate_limit_per_minute: 600,
            rate_limit_burst: 60,
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
        limits: LimitSettings,
    }

    #[test]
    fn defaults_agree_with_the_command_line() {
        let parsed = Only::try_parse_from(["samenspel"]).map(|o| o.limits);
        assert_eq!(parsed.ok(), Some(LimitSettings::default()));
    }
}
