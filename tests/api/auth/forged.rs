//! Every way a bearer token can be wrong, each forged by hand, each refused with its own reason.

use entity::OrganisationKind;
use serde_json::{Value, json};

use super::{assert_refused, claims_of, forge, secret};
use crate::fixtures;
use crate::helpers::{TestApp, spawn_app};

/// An app, a real EDITOR token of an organisation, and what it is made of.
struct Setup {
    app: TestApp,
    header: Value,
    claims: Value,
    secret: Vec<u8>,
    other_org: i32,
}

async fn setup() -> Setup {
    let app = spawn_app().await;
    let org = fixtures::org(&app.db, "cordaan", OrganisationKind::CareProvider).await;
    let other = fixtures::org(&app.db, "tno", OrganisationKind::KnowledgeInstitute).await;
    let jwt = app.token(Some(org.id), "EDITOR").await;
    let header = json!({ "alg": "HS256", "typ": "JWT", "kid": app.keys.kid() });
    let secret = secret(&app);
    Setup {
        claims: claims_of(&jwt),
        app,
        header,
        secret,
        other_org: other.id,
    }
}

fn with(base: &Value, key: &str, value: Value) -> Value {
    let mut v = base.clone();
    v[key] = value;
    v
}

fn without(base: &Value, key: &str) -> Value {
    let mut v = base.clone();
    v.as_object_mut().map(|o| o.remove(key));
    v
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[tokio::test]
async fn the_real_token_works_and_a_resigned_copy_too() {
    let s = setup().await;
    let copy = forge(&s.header, &s.claims, &s.secret);
    let d = s.app.data_as(&copy, "{ viewer { role } }", json!({})).await;
    assert_eq!(d["viewer"]["role"], "EDITOR");
}

#[tokio::test]
async fn headers_and_signatures_are_checked() {
    let s = setup().await;
    let (h, c) = (&s.header, &s.claims);
    let cases = [
        (
            forge(&json!({ "alg": "none", "typ": "JWT" }), c, b""),
            "ALGORITHM_NOT_ALLOWED",
        ),
        (forge(&with(h, "alg", json!("none")), c, b""), "ALGORITHM_NOT_ALLOWED"),
        (
            forge(&with(h, "alg", json!("HS512")), c, &s.secret),
            "ALGORITHM_NOT_ALLOWED",
        ),
        (
            forge(&with(h, "alg", json!("RS256")), c, &s.secret),
            "ALGORITHM_NOT_ALLOWED",
        ),
        (
            forge(h, c, b"an-entirely-different-secret-of-40-bytes"),
            "BAD_SIGNATURE",
        ),
        (
            forge(&with(h, "kid", json!("0123456789abcdef")), c, &s.secret),
            "UNKNOWN_KEY",
        ),
        (forge(&without(h, "kid"), c, &s.secret), "MISSING_KEY_ID"),
    ];
    for (jwt, reason) in cases {
        assert_refused(&s.app, &format!("Bearer {jwt}"), reason).await;
    }
}

#[tokio::test]
async fn times_issuer_and_audience_are_checked() {
    let (s, t) = (setup().await, now());
    let c = &s.claims;
    let cases = [
        (with(c, "exp", json!(t - 120)), "TOKEN_EXPIRED"),
        (with(c, "nbf", json!(t + 600)), "NOT_YET_VALID"),
        (with(c, "iat", json!(t + 600)), "NOT_YET_VALID"),
        (with(c, "iss", json!("someone-else")), "WRONG_ISSUER"),
        (with(c, "aud", json!("another-api")), "WRONG_AUDIENCE"),
        (with(c, "aud", json!(["another-api"])), "WRONG_AUDIENCE"),
    ];
    for (claims, reason) in cases {
        let jwt = forge(&s.header, &claims, &s.secret);
        assert_refused(&s.app, &format!("Bearer {jwt}"), reason).await;
    }
}

#[tokio::test]
async fn missing_claims_are_named() {
    let s = setup().await;
    for claim in ["exp", "iss", "aud", "sub", "jti", "iat", "role"] {
        let jwt = forge(&s.header, &without(&s.claims, claim), &s.secret);
        assert_refused(&s.app, &format!("Bearer {jwt}"), "MISSING_CLAIM").await;
    }
}

#[tokio::test]
async fn claims_must_match_a_live_row() {
    let s = setup().await;
    let c = &s.claims;
    let cases = [
        (
            with(c, "jti", json!("00000000000000000000000000000000")),
            "UNKNOWN_TOKEN",
        ),
        (with(c, "role", json!("SUPERUSER")), "UNKNOWN_ROLE"),
        (with(c, "role", json!("ORG_ADMIN")), "CLAIMS_MISMATCH"),
        (with(c, "org", json!(s.other_org)), "CLAIMS_MISMATCH"),
        (without(c, "org"), "CLAIMS_MISMATCH"),
        (with(c, "exp", json!(now() + 3_600)), "CLAIMS_MISMATCH"),
    ];
    for (claims, reason) in cases {
        let jwt = forge(&s.header, &claims, &s.secret);
        assert_refused(&s.app, &format!("Bearer {jwt}"), reason).await;
    }
}

#[tokio::test]
async fn malformed_tokens_and_other_schemes_are_refused() {
    let s = setup().await;
    let h = base64_url(&s.header.to_string());
    let c = base64_url(&s.claims.to_string());
    let not_json = forge_raw(&h, &base64_url("{not json"), &s.secret);
    let cases = [
        ("Bearer abc".to_string(), "MALFORMED_TOKEN"),
        (format!("Bearer {h}.{c}"), "MALFORMED_TOKEN"),
        (format!("Bearer {h}.{c}.sig.extra"), "MALFORMED_TOKEN"),
        (format!("Bearer %%%.{c}.sig"), "MALFORMED_TOKEN"),
        (format!("Bearer {}.{c}.sig", base64_url("hello")), "MALFORMED_TOKEN"),
        (format!("Bearer {not_json}"), "MALFORMED_TOKEN"),
        ("Bearer ".to_string(), "MALFORMED_TOKEN"),
        ("Basic dXNlcjpwYXNzd29yZA==".to_string(), "UNSUPPORTED_SCHEME"),
        (format!("Token {h}.{c}.sig"), "UNSUPPORTED_SCHEME"),
    ];
    for (authorization, reason) in cases {
        assert_refused(&s.app, &authorization, reason).await;
    }
}

fn base64_url(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
}

/// Signs already-encoded parts, for payloads that are not JSON.
fn forge_raw(header: &str, claims: &str, secret: &[u8]) -> String {
    let message = format!("{header}.{claims}");
    let key = jsonwebtoken::EncodingKey::from_secret(secret);
    let sig = jsonwebtoken::crypto::sign(message.as_bytes(), &key, jsonwebtoken::Algorithm::HS256).expect("sign");
    format!("{message}.{sig}")
}
