//! The states of a webhook delivery, as stored and as the API shows them. (Codes clients meet
//! are in `crate::codes`.)

/// Delivery states, as stored and as the API shows them.
pub mod state {
    /// Waiting for its next attempt (or being attempted).
    pub const PENDING: &str = "PENDING";
    /// A 2xx answer was received.
    pub const SUCCEEDED: &str = "SUCCEEDED";
    /// Every attempt failed, or the receiver answered 410.
    pub const FAILED: &str = "FAILED";
    /// Not sent: the organisation may no longer see the event, or the webhook no longer wants it.
    pub const SKIPPED: &str = "SKIPPED";
}
