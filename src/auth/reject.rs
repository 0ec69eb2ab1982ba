//! Why a bearer token was refused: a stable `reason` and a message for a person. The answer is
//! HTTP 401 with a GraphQL-shaped body and `WWW-Authenticate`; the token is never echoed.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::codes::Code;

/// A refused token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// Which problem it is: a [`Code`] met in `extensions.reason`.
    pub reason: Code,
    /// What is wrong, for a person; never holds the token.
    pub message: String,
}

impl Rejection {
    /// A refusal for `reason`.
    pub fn new(reason: Code, message: impl Into<String>) -> Self {
        Rejection {
            reason,
            message: message.into(),
        }
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        let body = json!({
            "data": null,
            "errors": [{
                "message": self.message,
                "extensions": { "code": Code::Unauthenticated, "reason": self.reason },
            }],
        });
        let status = self.reason.status().unwrap_or(StatusCode::UNAUTHORIZED);
        let mut res = (status, axum::Json(body)).into_response();
        res.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer error=\"invalid_token\""),
        );
        res
    }
}
