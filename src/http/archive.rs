//! `GET /exports/coalition/{link}`: the archive a `requestCoalitionExport` link points at, sent
//! only to the token that asked for it while the link lasts.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::archive::request::download;
use crate::auth::{AuthError, authenticate};
use crate::error::{AppError, correlation_id};
use crate::startup::AppState;

/// The route's path, as axum matches it.
pub const ROUTE: &str = "/exports/coalition/{link}";

/// Sends the archive, or an error in the shape of a GraphQL error with its `extensions.code`.
pub async fn coalition(State(state): State<AppState>, Path(link): Path<String>, headers: HeaderMap) -> Response {
    let viewer = match authenticate(&state.db, &state.keys, &headers).await {
        Ok(v) => v,
        Err(AuthError::Rejected(r)) => return r.into_response(),
        Err(AuthError::Failed(e)) => return refused(e),
    };
    match download(&state.db, state.keys.links(), &viewer, &link).await {
        Ok((slug, bytes)) => {
            let mut res = (StatusCode::OK, bytes).into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-ndjson"));
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            // A slug holds only a-z, 0-9 and hyphens: safe in a header.
            let name = format!("attachment; filename=\"{slug}.jsonl\"");
            if let Ok(v) = HeaderValue::from_str(&name) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            res
        }
        Err(e) => refused(e),
    }
}

fn refused(e: AppError) -> Response {
    let status = match &e {
        AppError::NotFound(_) => StatusCode::NOT_FOUND,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    };
    let code = e.code();
    let message = match e {
        AppError::Internal(inner) => {
            let id = correlation_id();
            tracing::error!(correlation_id = %id, error = ?inner, "exporting a coalition");
            format!("Internal error (reference {id})")
        }
        other => async_graphql::ErrorExtensions::extend(&other).message,
    };
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    let mut res = (status, body.to_string()).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    res
}
