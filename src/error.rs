//! The one error type of Samenspel. Each variant has a stable `code` that reaches the client in
//! `extensions.code`; internal detail is logged with a correlation id and never sent.
//!
//! `AppError` deliberately does not implement `Display`: async-graphql converts every `Display`
//! type into an error without a code, and that blanket conversion must never apply to ours.

use async_graphql::ErrorExtensions;

use crate::codes::Code;

/// Everything that can go wrong while serving a request.
#[derive(Debug, Clone)]
pub enum AppError {
    /// `BAD_USER_INPUT`: the request asks for something malformed or impossible.
    BadUserInput(String),
    /// `BAD_USER_INPUT` with `reason` `CURSOR_EXPIRED`: a change-feed cursor points into
    /// events that retention removed; the client re-reads and starts again from now.
    CursorExpired(String),
    /// `SUBSCRIBER_TOO_SLOW`: a subscriber fell too far behind the log; it resumes with the
    /// cursor in `extensions.resumeAfter`.
    TooSlow(String),
    /// `NOT_FOUND`: the record does not exist, or the viewer may not see it.
    NotFound(String),
    /// `UNAUTHENTICATED`: the bearer token is missing where required, or invalid.
    Unauthenticated(String),
    /// `FORBIDDEN`: the viewer is known but lacks the right.
    Forbidden(String),
    /// `RATE_LIMITED` for one operation with a budget of its own (a person's data exported or
    /// erased): try again after `retry_after` seconds (`extensions.retryAfter`).
    RateLimited { message: String, retry_after: u64 },
    /// `INTERNAL`: a fault on our side; the client sees a correlation id only.
    Internal(std::sync::Arc<anyhow::Error>),
}

impl AppError {
    /// The stable code of this error.
    pub fn code(&self) -> Code {
        match self {
            AppError::BadUserInput(_) | AppError::CursorExpired(_) => Code::BadUserInput,
            AppError::TooSlow(_) => Code::SubscriberTooSlow,
            AppError::NotFound(_) => Code::NotFound,
            AppError::Unauthenticated(_) => Code::Unauthenticated,
            AppError::Forbidden(_) => Code::Forbidden,
            AppError::RateLimited { .. } => Code::RateLimited,
            AppError::Internal(_) => Code::Internal,
        }
    }

    /// Shorthand for `BadUserInput`.
    pub fn bad_input(msg: impl Into<String>) -> Self {
        AppError::BadUserInput(msg.into())
    }

    /// Shorthand for `NotFound`.
    pub fn not_found(msg: impl Into<String>) -> Self {
        AppError::NotFound(msg.into())
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        AppError::Internal(std::sync::Arc::new(anyhow::Error::new(e).context("database")))
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        AppError::Internal(std::sync::Arc::new(e))
    }
}

impl ErrorExtensions for AppError {
    fn extend(&self) -> async_graphql::Error {
        let code = self.code();
        let message = match self {
            AppError::CursorExpired(m) => {
                return async_graphql::Error::new(m.clone()).extend_with(|_, ext| {
                    ext.set("code", code);
                    ext.set("reason", Code::CursorExpired);
                });
            }
            AppError::TooSlow(cursor) => {
                let m = "The subscriber read too slowly and fell behind: subscribe again with `after` set to                          `extensions.resumeAfter`";
                return async_graphql::Error::new(m).extend_with(|_, ext| {
                    ext.set("code", code);
                    ext.set("resumeAfter", cursor.as_str());
                });
            }
            AppError::RateLimited { message, retry_after } => {
                let wait = *retry_after;
                return async_graphql::Error::new(message.clone()).extend_with(|_, ext| {
                    ext.set("code", code);
                    ext.set("retryAfter", wait);
                });
            }
            AppError::BadUserInput(m)
            | AppError::NotFound(m)
            | AppError::Unauthenticated(m)
            | AppError::Forbidden(m) => m.clone(),
            AppError::Internal(e) => {
                let id = correlation_id();
                tracing::error!(correlation_id = %id, error = ?e, "internal error");
                return async_graphql::Error::new(format!("Internal error (reference {id})")).extend_with(|_, ext| {
                    ext.set("code", code);
                    ext.set("correlationId", id);
                });
            }
        };
        async_graphql::Error::new(message).extend_with(|_, ext| ext.set("code", code))
    }
}

impl From<AppError> for async_graphql::Error {
    fn from(e: AppError) -> Self {
        e.extend()
    }
}

/// A short random id that ties a client-visible error to a log line (also used for panics
/// caught at the HTTP layer).
pub fn correlation_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or_default();
    let n = nanos ^ SEQ.fetch_add(1, Ordering::Relaxed).rotate_left(40);
    format!("{n:016x}")
}

/// Result of a service call.
pub type AppResult<T> = Result<T, AppError>;
