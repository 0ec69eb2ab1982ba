//! The budget of privacy requests: an export or erasure copies or changes everything about a
//! person at once, so one token may ask for at most so many an hour (per replica, like the
//! request rate limit). Over it, the request is refused with `RATE_LIMITED` and `retryAfter`.

use std::num::NonZeroU32;
use std::sync::Arc;

use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use crate::error::{AppError, AppResult};

type Keyed = RateLimiter<i32, DefaultKeyedStateStore<i32>, DefaultClock>;

/// Requests an hour per token; none when the setting is 0. A clone spends the same budget.
#[derive(Clone)]
pub struct HourlyLimit(Option<Arc<Keyed>>);

impl HourlyLimit {
    /// `per_hour` requests an hour, all of which may come at once.
    pub fn new(per_hour: u32) -> Self {
        HourlyLimit(NonZeroU32::new(per_hour).map(|n| Arc::new(RateLimiter::keyed(Quota::per_hour(n).allow_burst(n)))))
    }

    /// Spends one request of token `token_id`'s budget, or refuses.
    pub fn spend(&self, token_id: i32) -> AppResult<()> {
        let Some(limiter) = &self.0 else {
            return Ok(());
        };
        limiter.check_key(&token_id).map_err(|not_until| {
            let wait = not_until.wait_time_from(limiter.clock().now());
            let retry_after = (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1);
            AppError::RateLimited {
                message: format!("Too many exports and erasures for this token: try again in {retry_after} s"),
                retry_after,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::HourlyLimit;

    #[test]
    fn refuses_past_the_hourly_budget_per_token() {
        let limit = HourlyLimit::new(2);
        assert!(limit.spend(1).is_ok() && limit.spend(1).is_ok());
        assert!(limit.spend(1).is_err());
        assert!(limit.spend(2).is_ok(), "budgets are per token");
        let off = HourlyLimit::new(0);
        assert!((0..100).all(|_| off.spend(1).is_ok()));
    }
}
