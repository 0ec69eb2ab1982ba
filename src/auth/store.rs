//! Token rows: issuing (row first, then the JWT that names it), revoking, and the token's
//! public ID. The JWT itself is never stored.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, SubsecRound, Utc};
use entity::api_token;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::jwt::{Claims, sign};
use super::keys::JwtKeys;
use crate::error::{AppError, AppResult};
use crate::viewer::Role;

/// Longest life of a token, in days.
pub const MAX_DAYS: i64 = 365;
/// Life of a token when none is asked for, in days.
pub const DEFAULT_DAYS: i64 = 90;

/// What a new token is.
#[derive(Debug, Clone)]
pub struct NewToken {
    /// Its organisation; `None` for a platform token.
    pub organisation_id: Option<i32>,
    /// What it may do.
    pub role: Role,
    /// A name for people, e.g. "CRM sync".
    pub label: String,
    /// When it stops working; at most a year from now.
    pub expires_at: DateTime<Utc>,
    /// The token that created it, if it was created through the API.
    pub created_by_token_id: Option<i32>,
}

/// The public ID of token row `id`: base64url of `ApiToken:<id>`, like every global ID.
pub fn global_id(id: i32) -> String {
    URL_SAFE_NO_PAD.encode(format!("ApiToken:{id}"))
}

/// The row id behind a token's global ID, or a plain row id (as the command line shows it).
pub fn parse_id(s: &str) -> Option<i32> {
    let s = s.trim();
    let n = match s.parse::<i32>() {
        Ok(n) => n,
        Err(_) => {
            let text = String::from_utf8(URL_SAFE_NO_PAD.decode(s).ok()?).ok()?;
            text.strip_prefix("ApiToken:")?.parse().ok()?
        }
    };
    (n > 0).then_some(n)
}

/// Writes the token's row and returns the signed JWT (to show once) with the row.
pub async fn issue(
    conn: &impl ConnectionTrait,
    keys: &JwtKeys,
    new: NewToken,
) -> AppResult<(String, api_token::Model)> {
    let now = Utc::now().trunc_subsecs(0);
    let expires_at = new.expires_at.trunc_subsecs(0);
    if expires_at > now + Duration::days(MAX_DAYS) {
        return Err(AppError::bad_input(format!("A token lives at most {MAX_DAYS} days")));
    }
    let row = api_token::ActiveModel {
        id: NotSet,
        organisation_id: Set(new.organisation_id),
        created_by_token_id: Set(new.created_by_token_id),
        jti: Set(hex::encode(rand::random::<[u8; 16]>())),
        label: Set(new.label),
        role: Set(new.role.as_str().to_string()),
        created_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        last_used_at: Set(None),
    }
    .insert(conn)
    .await?;
    let claims = Claims {
        iss: keys.issuer.clone(),
        aud: keys.audience.clone(),
        sub: global_id(row.id),
        org: row.organisation_id,
        role: row.role.clone(),
        iat: now.timestamp(),
        exp: expires_at.timestamp(),
        jti: row.jti.clone(),
    };
    Ok((sign(keys, &claims)?, row))
}

/// The row of token `id`, if it exists.
pub async fn find(conn: &impl ConnectionTrait, id: i32) -> AppResult<Option<api_token::Model>> {
    Ok(api_token::Entity::find_by_id(id).one(conn).await?)
}

/// Marks token `id` revoked now, unless it already was; true when this call revoked it. The
/// condition is in the UPDATE itself, so of two concurrent revocations only one counts.
pub async fn revoke(conn: &impl ConnectionTrait, id: i32) -> AppResult<bool> {
    use api_token::Column as C;
    let res = api_token::Entity::update_many()
        .col_expr(C::RevokedAt, Expr::value(Utc::now()))
        .filter(C::Id.eq(id))
        .filter(C::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        assert_eq!(parse_id(&global_id(42)), Some(42));
        assert_eq!(parse_id("7"), Some(7));
        for bad in ["", "0", "-3", "T3JnYW5pc2F0aW9uOjE", "%%"] {
            assert_eq!(parse_id(bad), None, "{bad}");
        }
    }
}
