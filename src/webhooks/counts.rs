//! How this replica's webhook attempts ended, for `/metrics`
//! (`samenspel_webhook_attempts_total{outcome}`): enough to see that several replicas share the
//! work, and that a receiver keeps failing.

use std::sync::atomic::{AtomicU64, Ordering};

/// Attempts by outcome since the process started.
#[derive(Debug, Default)]
pub struct Counts {
    succeeded: AtomicU64,
    failed: AtomicU64,
    skipped: AtomicU64,
}

/// How one attempt ended.
#[derive(Debug, Clone, Copy)]
pub enum Ended {
    /// A 2xx.
    Succeeded,
    /// Anything else.
    Failed,
    /// Not sent (no longer visible, no longer wanted).
    Skipped,
}

impl Counts {
    /// Counts one attempt.
    pub fn add(&self, e: Ended) {
        let c = match e {
            Ended::Succeeded => &self.succeeded,
            Ended::Failed => &self.failed,
            Ended::Skipped => &self.skipped,
        };
        c.fetch_add(1, Ordering::Relaxed);
    }

    /// The Prometheus text of the counts.
    pub fn render(&self) -> String {
        let mut out = String::from(
            "# HELP samenspel_webhook_attempts_total Webhook delivery attempts by outcome\n\
             # TYPE samenspel_webhook_attempts_total counter\n",
        );
        for (outcome, c) in [
            ("succeeded", &self.succeeded),
            ("failed", &self.failed),
            ("skipped", &self.skipped),
        ] {
            let n = c.load(Ordering::Relaxed);
            out.push_str(&format!(
                "samenspel_webhook_attempts_total{{outcome=\"{outcome}\"}} {n}\n"
            ));
        }
        out
    }
}
