//! Requests a minute per token, or per client address without one (governor's GCRA). Over the
//! limit a request gets 429 with `Retry-After` and code `RATE_LIMITED`; under it, the budget
//! left rides along in the response's `extensions.rateLimit`.

use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use async_graphql::{BatchResponse, Value as GraphqlValue};
use axum::http::{HeaderValue, header};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use serde_json::json;

use super::client::Client;
use super::refusal::Refusal;
use crate::codes::Code;
use crate::config::LimitSettings;

type Keyed = RateLimiter<Client, DefaultKeyedStateStore<Client>, DefaultClock, StateInformationMiddleware>;

/// The limiter of one process. Replicas each keep their own: a client behind a load balancer
/// gets at most the budget times the replicas.
pub struct RateLimit {
    limiter: Option<Keyed>,
    per_minute: u32,
    checks: AtomicU64,
}

/// What a client may still send, as `extensions.rateLimit` shows it.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Requests a minute.
    pub limit: u32,
    /// Requests the client may send right now.
    pub remaining: u32,
}

impl RateLimit {
    /// The limiter `settings` ask for; none when the per-minute rate is 0.
    pub fn new(settings: &LimitSettings) -> Self {
        let limiter = NonZeroU32::new(settings.rate_limit_per_minute).map(|per_minute| {
            let burst = NonZeroU32::new(settings.rate_limit_burst).unwrap_or(per_minute);
            RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst))
                .with_middleware::<StateInformationMiddleware>()
        });
        RateLimit {
            limiter,
            per_minute: settings.rate_limit_per_minute,
            checks: AtomicU64::new(0),
        }
    }

    /// Spends `requests` (one, or the operations of a batch) of `client`'s budget: what is left,
    /// or a 429 refusal.
    pub fn check(&self, client: &Client, requests: usize) -> Result<Option<Budget>, Refusal> {
        let Some(limiter) = &self.limiter else {
            return Ok(None);
        };
        // Forget idle clients now and then, so the table stays as small as the active set.
        if self.checks.fetch_add(1, Ordering::Relaxed) % 4096 == 4095 {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        let n = NonZeroU32::new(u32::try_from(requests).unwrap_or(u32::MAX)).unwrap_or(NonZeroU32::MIN);
        match limiter.check_key_n(client, n) {
            Ok(Ok(state)) => Ok(Some(Budget {
                limit: self.per_minute,
                remaining: state.remaining_burst_capacity(),
            })),
            Ok(Err(not_until)) => Err(too_many(not_until.wait_time_from(limiter.clock().now()))),
            // More at once than the burst allows: wait a minute, and send a smaller batch.
            Err(_) => Err(too_many(Duration::from_secs(60))),
        }
    }
}

fn too_many(wait: Duration) -> Refusal {
    let seconds = (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1);
    Refusal::new(
        Code::RateLimited,
        format!("Too many requests: try again in {seconds} s"),
    )
    .extension("retryAfter", json!(seconds))
    .header(header::RETRY_AFTER, HeaderValue::from(seconds))
}

impl Budget {
    /// Adds `extensions.rateLimit` to every response of `batch`.
    pub fn annotate(budget: Option<Budget>, batch: BatchResponse) -> BatchResponse {
        let Some(b) = budget else {
            return batch;
        };
        let value = GraphqlValue::from_json(json!({ "limit": b.limit, "remaining": b.remaining }))
            .unwrap_or(GraphqlValue::Null);
        match batch {
            BatchResponse::Single(r) => BatchResponse::Single(r.extension("rateLimit", value)),
            BatchResponse::Batch(rs) => BatchResponse::Batch(
                rs.into_iter()
                    .map(|r| r.extension("rateLimit", value.clone()))
                    .collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_past_the_burst_and_says_when_to_retry() {
        let settings = LimitSettings {
            rate_limit_per_minute: 60,
            rate_limit_burst: 2,
            ..LimitSettings::default()
        };
        let limit = RateLimit::new(&settings);
        let client = Client::Token(1);
        let remaining: Vec<u32> = (0..2)
            .filter_map(|_| limit.check(&client, 1).ok().flatten().map(|b| b.remaining))
            .collect();
        assert_eq!(remaining, vec![1, 0]);
        let refused = limit.check(&client, 1).err().map(|r| r.code());
        assert_eq!(refused, Some(Code::RateLimited));
        assert!(limit.check(&Client::Token(2), 2).is_ok(), "budgets are per client");
        assert!(limit.check(&Client::Token(3), 3).is_err(), "a batch beyond the burst");
    }

    #[test]
    fn zero_disables() {
        let settings = LimitSettings {
            rate_limit_per_minute: 0,
            ..LimitSettings::default()
        };
        let limit = RateLimit::new(&settings);
        assert!((0..1000).all(|_| matches!(limit.check(&Client::Token(1), 1), Ok(None))));
    }
}
