//! Authentication: forged and broken bearer tokens get HTTP 401 with a stable reason, valid ones
//! become the viewer; token management over GraphQL and on the command line.

mod archived;
mod cli;
mod forged;
mod lifecycle;
mod listing;
mod manage;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use crate::helpers::TestApp;

/// The claims inside a JWT, read without checking it.
pub fn claims_of(jwt: &str) -> Value {
    let part = jwt.split('.').nth(1).expect("three parts");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("base64url")).expect("JSON claims")
}

/// A JWT built by hand: any header, any claims, HS256-signed with `secret` (empty: unsigned).
pub fn forge(header: &Value, claims: &Value, secret: &[u8]) -> String {
    let message = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = if secret.is_empty() {
        String::new()
    } else {
        let key = jsonwebtoken::EncodingKey::from_secret(secret);
        jsonwebtoken::crypto::sign(message.as_bytes(), &key, jsonwebtoken::Algorithm::HS256).expect("sign")
    };
    format!("{message}.{signature}")
}

/// The secret the service signs with, as kept in its generated file.
pub fn secret(app: &TestApp) -> Vec<u8> {
    std::fs::read_to_string(&app.secret_file)
        .expect("secret file")
        .trim()
        .as_bytes()
        .to_vec()
}

/// POSTs `{ viewer { role } }` with this `Authorization` header value.
pub async fn send(app: &TestApp, authorization: &str) -> reqwest::Response {
    app.client
        .post(format!("{}/graphql", app.address))
        .header("authorization", authorization)
        .json(&json!({ "query": "{ viewer { role } }" }))
        .send()
        .await
        .expect("request")
}

/// Asserts that `authorization` is refused with 401, UNAUTHENTICATED and `reason`, without the
/// token echoed back.
pub async fn assert_refused(app: &TestApp, authorization: &str, reason: &str) {
    let res = send(app, authorization).await;
    assert_eq!(res.status().as_u16(), 401, "{reason}: {authorization}");
    let challenge = res.headers().get("www-authenticate").and_then(|v| v.to_str().ok());
    assert_eq!(challenge, Some("Bearer error=\"invalid_token\""), "{reason}");
    let text = res.text().await.expect("body");
    let token = authorization.split_once(' ').map_or(authorization, |(_, t)| t);
    assert!(
        token.len() < 8 || !text.contains(token),
        "{reason}: the token is echoed: {text}"
    );
    let body: Value = serde_json::from_str(&text).expect("JSON body");
    assert!(body["data"].is_null(), "{body}");
    let ext = &body["errors"][0]["extensions"];
    assert_eq!(ext["code"], "UNAUTHENTICATED", "{body}");
    assert_eq!(ext["reason"], reason, "{authorization}: {body}");
    assert!(body["errors"][0]["message"].as_str().is_some_and(|m| !m.is_empty()));
}
