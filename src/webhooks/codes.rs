//! Every code string the webhook module hands out, in one place, so that a registry of codes
//! can take them over in one move.

/// A field is missing.
pub const REQUIRED: &str = "REQUIRED";
/// A text is too long.
pub const TOO_LONG: &str = "TOO_LONG";
/// A value is not acceptable (a URL, an address, a filter).
pub const INVALID: &str = "INVALID";
/// A record named in the input does not exist.
pub const NOT_FOUND: &str = "NOT_FOUND";
/// The organisation is archived.
pub const ARCHIVED: &str = "ARCHIVED";
/// The webhook is disabled: enable it first.
pub const DISABLED: &str = "DISABLED";
/// The organisation has as many webhooks as it may have.
pub const LIMIT_REACHED: &str = "LIMIT_REACHED";

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
