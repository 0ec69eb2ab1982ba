//! The token itself: HS256 JWTs with `iss`, `aud`, `sub`, `org`, `role`, `iat`, `exp`, `jti` and a
//! `kid` header. Signing, and every check that needs no database.

use anyhow::anyhow;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, Header, Validation};
use serde::{Deserialize, Serialize};

use super::keys::JwtKeys;
use super::reject::Rejection;
use crate::codes::Code;
use crate::echo::clip;
use crate::error::{AppError, AppResult};
use crate::viewer::Role;

/// Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds.
pub const LEEWAY_SECS: i64 = 30;

/// What a token says about itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// Who issued it: `SAMENSPEL_JWT_ISSUER`.
    pub iss: String,
    /// Who it is for: `SAMENSPEL_JWT_AUDIENCE`.
    pub aud: String,
    /// The token's own global ID.
    pub sub: String,
    /// Row id of the organisation; absent for a platform token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<i32>,
    /// `PLATFORM_ADMIN`, `ORG_ADMIN`, `EDITOR` or `READER`.
    pub role: String,
    /// Issued at, in seconds since the epoch.
    pub iat: i64,
    /// Expires at, in seconds since the epoch.
    pub exp: i64,
    /// Unique id of the token, the key of its row.
    pub jti: String,
}

/// Signs `claims` with the current key.
pub fn sign(keys: &JwtKeys, claims: &Claims) -> AppResult<String> {
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(keys.kid().to_string());
    jsonwebtoken::encode(&header, claims, keys.signing_key())
        .map_err(|e| AppError::from(anyhow!("signing a token: {e:?}")))
}

/// Claims of a token whose signature, issuer, audience and times check out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The token's own global ID.
    pub sub: String,
    /// Row id of the organisation, if any.
    pub org: Option<i32>,
    /// The role claimed.
    pub role: Role,
    /// Expiry, in seconds since the epoch.
    pub exp: i64,
    /// The key of the token's row.
    pub jti: String,
}

/// Claims as received: anything may be missing.
#[derive(Deserialize)]
struct Received {
    sub: Option<String>,
    org: Option<i64>,
    role: Option<String>,
    iat: Option<i64>,
    exp: Option<i64>,
    jti: Option<String>,
}

/// Checks everything a token says without the database; `now` in seconds since the epoch.
pub fn verify(keys: &JwtKeys, token: &str, now: i64) -> Result<Verified, Rejection> {
    let kid = header_kid(token)?;
    let key = keys.verifying_key(&kid).ok_or_else(|| {
        Rejection::new(
            Code::UnknownKey,
            format!("The token names key \"{}\", which is not ours", clip(&kid)),
        )
    })?;
    let mut v = Validation::new(Algorithm::HS256);
    v.leeway = LEEWAY_SECS as u64;
    v.validate_nbf = true;
    v.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    v.set_issuer(&[&keys.issuer]);
    v.set_audience(&[&keys.audience]);
    let data = jsonwebtoken::decode::<Received>(token, key, &v).map_err(|e| refused(e.into_kind(), keys))?;
    claims(data.claims, now)
}

/// The `kid` of a token whose header is well formed and says HS256.
fn header_kid(token: &str) -> Result<String, Rejection> {
    let malformed = |what: &str| Rejection::new(Code::MalformedToken, format!("The token is malformed: {what}"));
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Err(malformed("a JWT has three base64url parts separated by dots"));
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(parts[0])
        .map_err(|_| malformed("the header is not base64url"))?;
    let header: serde_json::Value = serde_json::from_slice(&bytes).map_err(|_| malformed("the header is not JSON"))?;
    let alg = header["alg"]
        .as_str()
        .ok_or_else(|| malformed("the header names no `alg`"))?;
    if alg.eq_ignore_ascii_case("none") {
        return Err(Rejection::new(
            Code::AlgorithmNotAllowed,
            "Unsigned tokens (alg \"none\") are never accepted; tokens are signed with HS256",
        ));
    }
    if alg != "HS256" {
        let msg = format!(
            "Algorithm \"{}\" is not accepted; tokens are signed with HS256",
            clip(alg)
        );
        return Err(Rejection::new(Code::AlgorithmNotAllowed, msg));
    }
    match &header["kid"] {
        serde_json::Value::String(kid) => Ok(kid.clone()),
        serde_json::Value::Null => Err(Rejection::new(
            Code::MissingKeyId,
            "The token header names no key (`kid`)",
        )),
        _ => Err(malformed("`kid` is not a string")),
    }
}

fn refused(kind: ErrorKind, keys: &JwtKeys) -> Rejection {
    let (reason, message) = match kind {
        ErrorKind::InvalidSignature => (
            Code::BadSignature,
            "The token's signature does not match its key".into(),
        ),
        ErrorKind::ExpiredSignature => (Code::TokenExpired, "The token has expired".into()),
        ErrorKind::ImmatureSignature => (
            Code::NotYetValid,
            "The token is not valid yet (`nbf` lies in the future)".into(),
        ),
        ErrorKind::InvalidIssuer => (
            Code::WrongIssuer,
            format!("The token was not issued by \"{}\"", keys.issuer),
        ),
        ErrorKind::InvalidAudience => (
            Code::WrongAudience,
            format!("The token is not meant for \"{}\"", keys.audience),
        ),
        ErrorKind::MissingRequiredClaim(c) => (Code::MissingClaim, format!("The token has no `{}` claim", clip(&c))),
        ErrorKind::InvalidAlgorithm => (Code::AlgorithmNotAllowed, "Tokens are signed with HS256".into()),
        _ => (
            Code::MalformedToken,
            "The token is malformed: its claims are not valid JSON of the right shape".into(),
        ),
    };
    Rejection::new(reason, message)
}

fn claims(c: Received, now: i64) -> Result<Verified, Rejection> {
    let missing = |name: &str| Rejection::new(Code::MissingClaim, format!("The token has no `{name}` claim"));
    let jti = c.jti.filter(|j| !j.is_empty()).ok_or_else(|| missing("jti"))?;
    let iat = c.iat.ok_or_else(|| missing("iat"))?;
    if iat > now + LEEWAY_SECS {
        return Err(Rejection::new(
            Code::NotYetValid,
            "The token is not valid yet (`iat` lies in the future)",
        ));
    }
    let role = c.role.ok_or_else(|| missing("role"))?;
    let role = Role::parse(&role).ok_or_else(|| {
        Rejection::new(
            Code::UnknownRole,
            format!("The token claims role \"{}\", which does not exist", clip(&role)),
        )
    })?;
    let org = c
        .org
        .map(i32::try_from)
        .transpose()
        .map_err(|_| Rejection::new(Code::MalformedToken, "The token is malformed: `org` is out of range"))?;
    Ok(Verified {
        sub: c.sub.ok_or_else(|| missing("sub"))?,
        org,
        role,
        exp: c.exp.ok_or_else(|| missing("exp"))?,
        jti,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::JwtSettings;

    fn keys(secret: &str, previous: &[&str]) -> JwtKeys {
        let settings = JwtSettings {
            secret: Some(secret.into()),
            previous_secrets: previous.iter().map(|s| s.to_string()).collect(),
            ..JwtSettings::default()
        };
        JwtKeys::load(&settings, "postgres://unused").expect("keys")
    }

    fn claims(now: i64) -> Claims {
        Claims {
            iss: "samenspel".into(),
            aud: "samenspel-api".into(),
            sub: "QXBpVG9rZW46MQ".into(),
            org: Some(7),
            role: "EDITOR".into(),
            iat: now,
            exp: now + 3_600,
            jti: "abc".into(),
        }
    }

    #[test]
    fn previous_secrets_verify_but_never_sign() {
        let (old, new) = ("o".repeat(32), "n".repeat(32));
        let now = chrono::Utc::now().timestamp();
        let jwt = sign(&keys(&old, &[]), &claims(now)).expect("sign");
        let rotated = keys(&new, &[&old]);
        let v = verify(&rotated, &jwt, now).expect("an old key still verifies");
        assert_eq!((v.org, v.role, v.jti.as_str()), (Some(7), Role::Editor, "abc"));
        let refused = verify(&keys(&new, &[]), &jwt, now).err().map(|r| r.reason);
        assert_eq!(refused, Some(Code::UnknownKey));
        let fresh = sign(&rotated, &claims(now)).expect("sign");
        assert_eq!(
            verify(&keys(&old, &[]), &fresh, now).err().map(|r| r.reason),
            Some(Code::UnknownKey)
        );
    }
}
