//! The one registry of codes: every `extensions.code`, `userErrors.code` and `extensions.reason`
//! Samenspel sends, with its meaning and, where the code decides it, its HTTP status. Code
//! elsewhere names a `Code`, never a string; README's table of codes is checked against
//! [`Code::ALL`] by a test (`tests/api/codes.rs`).

mod define;

use serde::{Serialize, Serializer};

use define::define_codes;

/// Where a client meets a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// `extensions.code` of a GraphQL error (also of a request refused at the HTTP layer).
    Error,
    /// `code` of a `UserError` in a mutation's payload.
    UserError,
    /// `extensions.reason` beside `extensions.code`, saying more.
    Reason,
}

define_codes! {
    // ---- extensions.code: refused before anything runs, at the HTTP layer ----
    /// The body or query string is not a GraphQL request, or it has more than one `Authorization` header.
    BadRequest = "BAD_REQUEST", in [Error], status BAD_REQUEST;
    /// A GET request names a mutation or subscription: GET never changes anything.
    MethodNotAllowed = "METHOD_NOT_ALLOWED", in [Error], status METHOD_NOT_ALLOWED;
    /// `Accept` names no format we answer in (`application/graphql-response+json`, `application/json`).
    NotAcceptable = "NOT_ACCEPTABLE", in [Error], status NOT_ACCEPTABLE;
    /// A POST body that is not `application/json` (a form, text, multipart, none).
    UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE", in [Error], status UNSUPPORTED_MEDIA_TYPE;
    /// The body is over `SAMENSPEL_LIMIT_BODY_BYTES` (`extensions.limit`).
    PayloadTooLarge = "PAYLOAD_TOO_LARGE", in [Error], status PAYLOAD_TOO_LARGE;
    /// A batch of more than `SAMENSPEL_LIMIT_BATCH` operations (`extensions.limit`).
    BatchTooLarge = "BATCH_TOO_LARGE", in [Error], status BAD_REQUEST;
    /// Over the rate budget of the token or address; `Retry-After` says when to try again.
    RateLimited = "RATE_LIMITED", in [Error], status TOO_MANY_REQUESTS;
    /// Still running after `SAMENSPEL_REQUEST_TIMEOUT_MS`; a write cut off is rolled back.
    Timeout = "TIMEOUT", in [Error], status SERVICE_UNAVAILABLE;
    /// The bearer token was refused (with `extensions.reason`), or an operation that needs a
    /// token came without one.
    Unauthenticated = "UNAUTHENTICATED", in [Error], status UNAUTHORIZED;
    /// A fault on our side; the client gets only a `correlationId` to find the log line by.
    Internal = "INTERNAL", in [Error], status INTERNAL_SERVER_ERROR;

    // ---- extensions.code: the document, refused before it runs ----
    /// The query is not GraphQL; the message names the line and column.
    GraphqlParseFailed = "GRAPHQL_PARSE_FAILED", in [Error];
    /// The query does not fit the schema, or names no operation it holds.
    GraphqlValidationFailed = "GRAPHQL_VALIDATION_FAILED", in [Error];
    /// Fields nest deeper than `SAMENSPEL_LIMIT_DEPTH`, introspection lists nest too deep, or
    /// selections or brackets nest deeper than 64 (`extensions.limit`).
    QueryTooDeep = "QUERY_TOO_DEEP", in [Error];
    /// The complexity is over `SAMENSPEL_LIMIT_COMPLEXITY`, a batch's operations added up
    /// (`extensions.limit`).
    QueryTooComplex = "QUERY_TOO_COMPLEX", in [Error];
    /// More aliases than `SAMENSPEL_LIMIT_ALIASES`, a batch's operations added up.
    TooManyAliases = "TOO_MANY_ALIASES", in [Error];
    /// More fields than `SAMENSPEL_LIMIT_SELECTIONS`, fragments counted where spread.
    TooManySelections = "TOO_MANY_SELECTIONS", in [Error];
    /// The last error of a response that left more out: at most 100 are sent (`extensions.limit`).
    TooManyErrors = "TOO_MANY_ERRORS", in [Error];

    // ---- extensions.code: while running ----
    /// Malformed or impossible: an argument or variable that does not coerce or holds a
    /// refused character, an ID or cursor that is not ours, a subscribe payload that is no request.
    BadUserInput = "BAD_USER_INPUT", in [Error];
    /// As an error: the record does not exist or the viewer may not see it (the two look the
    /// same). As a user error: the input names a record that does not exist.
    NotFound = "NOT_FOUND", in [Error, UserError];
    /// The viewer is known but lacks the right.
    Forbidden = "FORBIDDEN", in [Error];
    /// A WebSocket connection holds `SAMENSPEL_MAX_SUBSCRIPTIONS_PER_CONNECTION` operations already.
    TooManySubscriptions = "TOO_MANY_SUBSCRIPTIONS", in [Error];
    /// A subscriber fell more than `SAMENSPEL_SUBSCRIBER_MAX_LAG` events behind; it subscribes
    /// again with the cursor in `extensions.resumeAfter`.
    SubscriberTooSlow = "SUBSCRIBER_TOO_SLOW", in [Error];

    // ---- userErrors.code ----
    /// A required field is missing or empty.
    Required = "REQUIRED", in [UserError];
    /// Text longer than its column holds.
    TooLong = "TOO_LONG", in [UserError];
    /// A value of the wrong form (a slug, URL or email), a refused character, or a value that
    /// does not fit the rest (a person of another organisation, an `externalRef` of another record).
    Invalid = "INVALID", in [UserError];
    /// A number or date outside its range, or an end before its start.
    OutOfRange = "OUT_OF_RANGE", in [UserError];
    /// A slug, `externalRef`, membership or session position that is taken already.
    Duplicate = "DUPLICATE", in [UserError];
    /// A link that would cross a coalition's safe space.
    CrossCoalition = "CROSS_COALITION", in [UserError];
    /// `expectedVersion` is not the record's version: someone changed it in between.
    VersionConflict = "VERSION_CONFLICT", in [UserError];
    /// A new token or webhook for an archived organisation.
    Archived = "ARCHIVED", in [UserError];
    /// The webhook is disabled: enable it with `updateWebhook` first.
    Disabled = "DISABLED", in [UserError];
    /// The organisation has as many webhooks as it may have (100).
    LimitReached = "LIMIT_REACHED", in [UserError];

    // ---- extensions.reason: why a token was refused (with UNAUTHENTICATED), and more ----
    /// `Authorization` uses a scheme other than `Bearer`.
    UnsupportedScheme = "UNSUPPORTED_SCHEME", in [Reason], status UNAUTHORIZED;
    /// Not three base64url parts, or a part that is not JSON of the right shape.
    MalformedToken = "MALFORMED_TOKEN", in [Reason], status UNAUTHORIZED;
    /// `alg` is `none` or anything but HS256.
    AlgorithmNotAllowed = "ALGORITHM_NOT_ALLOWED", in [Reason], status UNAUTHORIZED;
    /// The token's header names no `kid`.
    MissingKeyId = "MISSING_KEY_ID", in [Reason], status UNAUTHORIZED;
    /// The `kid` is not one of our keys.
    UnknownKey = "UNKNOWN_KEY", in [Reason], status UNAUTHORIZED;
    /// The signature does not match the key.
    BadSignature = "BAD_SIGNATURE", in [Reason], status UNAUTHORIZED;
    /// `exp` lies in the past, beyond the leeway.
    TokenExpired = "TOKEN_EXPIRED", in [Reason], status UNAUTHORIZED;
    /// `nbf` or `iat` lies in the future, beyond the leeway.
    NotYetValid = "NOT_YET_VALID", in [Reason], status UNAUTHORIZED;
    /// `iss` is not ours.
    WrongIssuer = "WRONG_ISSUER", in [Reason], status UNAUTHORIZED;
    /// `aud` is not ours.
    WrongAudience = "WRONG_AUDIENCE", in [Reason], status UNAUTHORIZED;
    /// A required claim is missing.
    MissingClaim = "MISSING_CLAIM", in [Reason], status UNAUTHORIZED;
    /// `role` is not a role we know.
    UnknownRole = "UNKNOWN_ROLE", in [Reason], status UNAUTHORIZED;
    /// No token row has this `jti`.
    UnknownToken = "UNKNOWN_TOKEN", in [Reason], status UNAUTHORIZED;
    /// The token was revoked.
    TokenRevoked = "TOKEN_REVOKED", in [Reason], status UNAUTHORIZED;
    /// The claims disagree with the token's row.
    ClaimsMismatch = "CLAIMS_MISMATCH", in [Reason], status UNAUTHORIZED;
    /// The token's organisation is archived; its tokens work again when it is restored.
    OrganisationArchived = "ORGANISATION_ARCHIVED", in [Reason], status UNAUTHORIZED;
    /// With `BAD_USER_INPUT`: a change-feed cursor points into events that retention removed;
    /// the client reads the records again and follows the feed from a fresh cursor.
    CursorExpired = "CURSOR_EXPIRED", in [Reason];
}

impl Code {
    /// Whether a client meets this code in `place`.
    pub fn is_in(self, place: Place) -> bool {
        self.places().contains(&place)
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl From<Code> for async_graphql::Value {
    fn from(code: Code) -> Self {
        async_graphql::Value::String(code.as_str().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_code_is_spelled_once_in_upper_snake_case() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "{s} twice");
            assert!(s.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'), "{s}");
            assert!(!code.places().is_empty(), "{s} is met nowhere");
        }
    }

    #[test]
    fn user_errors_never_decide_a_status() {
        for code in Code::ALL.iter().filter(|c| c.status().is_some()) {
            assert!(!code.is_in(Place::UserError), "{code:?}");
        }
        assert_eq!(Code::PayloadTooLarge.status().map(|s| s.as_u16()), Some(413));
        assert_eq!(Code::TokenExpired.status().map(|s| s.as_u16()), Some(401));
        assert_eq!(Code::QueryTooDeep.status(), None);
    }
}
