//! Why a bearer token was refused: a stable `reason` and a message for a person. The answer is
//! HTTP 401 with a GraphQL-shaped body and `WWW-Authenticate`; the token is never echoed.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// The stable reasons a token is refused, sent as `extensions.reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// `Authorization` uses a scheme other than `Bearer`.
    UnsupportedScheme,
    /// Not three base64url parts, or a part that is not JSON of the right shape.
    MalformedToken,
    /// `alg` is `none` or anything but HS256.
    AlgorithmNotAllowed,
    /// The header names no `kid`.
    MissingKeyId,
    /// The `kid` is not one of our keys.
    UnknownKey,
    /// The signature does not match the key.
    BadSignature,
    /// `exp` lies in the past, beyond the leeway.
    TokenExpired,
    /// `nbf` or `iat` lies in the future, beyond the leeway.
    NotYetValid,
    /// `iss` is not ours.
    WrongIssuer,
    /// `aud` is not ours.
    WrongAudience,
    /// A required claim is missing.
    MissingClaim,
    /// `role` is not a role we know.
    UnknownRole,
    /// No token row has this `jti`.
    UnknownToken,
    /// The token was revoked.
    TokenRevoked,
    /// The claims disagree with the token's row.
    ClaimsMismatch,
    /// The token's organisation is archived; its tokens work again when it is restored.
    OrganisationArchived,
}

impl Reason {
    /// The stable spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::UnsupportedScheme => "UNSUPPORTED_SCHEME",
            Reason::MalformedToken => "MALFORMED_TOKEN",
            Reason::AlgorithmNotAllowed => "ALGORITHM_NOT_ALLOWED",
            Reason::MissingKeyId => "MISSING_KEY_ID",
            Reason::UnknownKey => "UNKNOWN_KEY",
            Reason::BadSignature => "BAD_SIGNATURE",
            Reason::TokenExpired => "TOKEN_EXPIRED",
            Reason::NotYetValid => "NOT_YET_VALID",
            Reason::WrongIssuer => "WRONG_ISSUER",
            Reason::WrongAudience => "WRONG_AUDIENCE",
            Reason::MissingClaim => "MISSING_CLAIM",
            Reason::UnknownRole => "UNKNOWN_ROLE",
            Reason::UnknownToken => "UNKNOWN_TOKEN",
            Reason::TokenRevoked => "TOKEN_REVOKED",
            Reason::ClaimsMismatch => "CLAIMS_MISMATCH",
            Reason::OrganisationArchived => "ORGANISATION_ARCHIVED",
        }
    }
}

/// A refused token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// Which problem it is.
    pub reason: Reason,
    /// What is wrong, for a person; never holds the token.
    pub message: String,
}

impl Rejection {
    /// A refusal for `reason`.
    pub fn new(reason: Reason, message: impl Into<String>) -> Self {
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
                "extensions": { "code": "UNAUTHENTICATED", "reason": self.reason.as_str() },
            }],
        });
        let mut res = (StatusCode::UNAUTHORIZED, axum::Json(body)).into_response();
        res.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer error=\"invalid_token\""),
        );
        res
    }
}
