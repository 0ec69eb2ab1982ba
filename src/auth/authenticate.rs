//! Who is asking: the `Authorization` header of a request, checked against the keys, the token's
//! row and its organisation on every request, so a revocation or an archived organisation holds
//! from the very next one (on PostgreSQL: on other replicas within a second, see `cache`).

use std::sync::Arc;

use axum::http::{HeaderMap, header};
use chrono::{DateTime, Duration, Utc};
use entity::api_token;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, FromQueryResult, QueryFilter,
    QuerySelect, QueryTrait,
};

use super::cache::{self, TokenRow};
use super::jwt::{LEEWAY_SECS, Verified, verify};
use super::keys::JwtKeys;
use super::reject::Rejection;
use super::store::global_id;
use crate::codes::Code;
use crate::error::AppError;
use crate::viewer::{TokenViewer, Viewer};

/// Why a request has no viewer.
#[derive(Debug)]
pub enum AuthError {
    /// The bearer token was refused: HTTP 401.
    Rejected(Rejection),
    /// We could not check it (the database failed).
    Failed(AppError),
}

impl From<Rejection> for AuthError {
    fn from(r: Rejection) -> Self {
        AuthError::Rejected(r)
    }
}

impl From<AppError> for AuthError {
    fn from(e: AppError) -> Self {
        AuthError::Failed(e)
    }
}

/// The viewer of a request: anonymous without `Authorization`, else the holder of a valid token.
pub async fn authenticate(db: &DatabaseConnection, keys: &JwtKeys, headers: &HeaderMap) -> Result<Viewer, AuthError> {
    match bearer(headers)? {
        Some(token) => token_viewer(db, keys, token).await,
        None => Ok(Viewer::Anonymous),
    }
}

/// The holder of `token` (a bare JWT, as a subscription's `connection_init` carries it), after
/// every check of the token and its row.
pub async fn token_viewer(db: &DatabaseConnection, keys: &JwtKeys, token: &str) -> Result<Viewer, AuthError> {
    let now = Utc::now();
    let claims = verify(keys, token, now.timestamp())?;
    let found = cached_token_row(db, &claims.jti)
        .await?
        .ok_or_else(|| Rejection::new(Code::UnknownToken, "No such token: it was never issued here"))?;
    let TokenRow {
        row,
        coalitions,
        archived,
    } = &*found;
    check_row(&claims, row, now)?;
    if *archived {
        // Checked after the row: a revoked or expired token says so, which outlasts a restore.
        return Err(Rejection::new(
            Code::OrganisationArchived,
            "The token's organisation is archived: its tokens work again when it is restored",
        )
        .into());
    }
    if touch(db, row, now) {
        cache::touched(&claims.jti, now);
    }
    Ok(Viewer::Token(TokenViewer {
        token_id: row.id,
        organisation_id: row.organisation_id,
        role: claims.role,
        coalitions: coalitions.clone(),
        label: row.label.clone(),
        expires_at: row.expires_at,
    }))
}

/// The bearer token of the request, if it sends `Authorization`.
fn bearer(headers: &HeaderMap) -> Result<Option<&str>, Rejection> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let malformed = || Rejection::new(Code::MalformedToken, "The Authorization header is not `Bearer <token>`");
    let value = value.to_str().map_err(|_| malformed())?.trim();
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(Rejection::new(
            Code::UnsupportedScheme,
            "Only `Authorization: Bearer <token>` is accepted",
        ));
    }
    match token.trim() {
        "" => Err(malformed()),
        t => Ok(Some(t)),
    }
}

/// The row must be live and agree with the claims.
fn check_row(claims: &Verified, row: &api_token::Model, now: DateTime<Utc>) -> Result<(), Rejection> {
    if row.revoked_at.is_some() {
        return Err(Rejection::new(Code::TokenRevoked, "The token has been revoked"));
    }
    if row.expires_at + Duration::seconds(LEEWAY_SECS) < now {
        return Err(Rejection::new(Code::TokenExpired, "The token has expired"));
    }
    let agrees = claims.role.as_str() == row.role
        && claims.org == row.organisation_id
        && claims.sub == global_id(row.id)
        && claims.exp == row.expires_at.timestamp();
    if !agrees {
        return Err(Rejection::new(
            Code::ClaimsMismatch,
            "The token's claims do not match the token that was issued",
        ));
    }
    Ok(())
}

/// The token's row as [`token_row`] reads it; on PostgreSQL from this replica's cache when it
/// was read less than a second ago (see `cache` for the promise this keeps).
async fn cached_token_row(db: &DatabaseConnection, jti: &str) -> Result<Option<Arc<TokenRow>>, AppError> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(token_row(db, jti).await?.map(Arc::new));
    }
    if let Some(row) = cache::get(jti) {
        return Ok(Some(row));
    }
    let ticket = cache::ticket();
    let Some(row) = token_row(db, jti).await?.map(Arc::new) else {
        return Ok(None);
    };
    cache::put(jti, ticket, row.clone());
    Ok(Some(row))
}

/// The token's row, the coalitions its organisation is a current member of and whether that
/// organisation is archived, in one statement: this runs on every authenticated request, where
/// round trips dominate.
async fn token_row(db: &DatabaseConnection, jti: &str) -> Result<Option<TokenRow>, AppError> {
    let aggregate = match db.get_database_backend() {
        DbBackend::Postgres => "string_agg(cm.coalition_id::text, ',')",
        _ => "group_concat(cm.coalition_id, ',')",
    };
    let memberships = format!(
        "(SELECT {aggregate} FROM coalition_membership cm \
          WHERE cm.organisation_id = \"api_token\".\"organisation_id\" AND cm.left_on IS NULL)"
    );
    // An integer, not a boolean: both databases decode it alike.
    let archived = "(SELECT CASE WHEN o.archived_at IS NULL THEN 0 ELSE 1 END FROM organisation o \
          WHERE o.id = \"api_token\".\"organisation_id\")";
    let stmt = api_token::Entity::find()
        .filter(api_token::Column::Jti.eq(jti))
        .expr_as(Expr::cust(memberships), "__coalitions")
        .expr_as(Expr::cust(archived), "__archived")
        .build(db.get_database_backend());
    let Some(found) = db.query_one_raw(stmt).await? else {
        return Ok(None);
    };
    let row = api_token::Model::from_query_result(&found, "")?;
    let listed: Option<String> = found.try_get("", "__coalitions")?;
    let archived: Option<i32> = found.try_get("", "__archived")?;
    let coalitions = listed
        .unwrap_or_default()
        .split(',')
        .filter_map(|id| id.trim().parse().ok())
        .collect();
    Ok(Some(TokenRow {
        row,
        coalitions,
        archived: archived.unwrap_or(0) != 0,
    }))
}

/// Sets `last_used_at`, at most once a minute per token, off the request path; whether it did.
fn touch(db: &DatabaseConnection, row: &api_token::Model, now: DateTime<Utc>) -> bool {
    let stale = now - Duration::seconds(60);
    if row.last_used_at.is_some_and(|t| t > stale) {
        return false;
    }
    let (db, id) = (db.clone(), row.id);
    tokio::spawn(async move {
        use api_token::Column as C;
        let res = api_token::Entity::update_many()
            .col_expr(C::LastUsedAt, Expr::value(now))
            .filter(C::Id.eq(id))
            .filter(
                Condition::any()
                    .add(C::LastUsedAt.is_null())
                    .add(C::LastUsedAt.lt(stale)),
            )
            .exec(&db)
            .await;
        if let Err(e) = res {
            tracing::warn!(token_id = id, error = %e, "could not record when a token was last used");
        }
    });
    true
}
