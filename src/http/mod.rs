//! HTTP endpoints: GraphQL, GraphiQL and health probes.

use std::sync::Arc;

use async_graphql::ErrorExtensions;
use async_graphql::http::GraphiQLSource;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use crate::auth::{AuthError, authenticate};
use crate::loaders::Loaders;
use crate::startup::AppState;

/// Runs one GraphQL request (POST, or GET for queries) for the viewer it comes from. A bearer
/// token that fails any check gets HTTP 401 before the query runs.
pub async fn graphql(State(state): State<AppState>, headers: HeaderMap, req: GraphQLRequest) -> Response {
    let viewer = match authenticate(&state.db, &state.keys, &headers).await {
        Ok(v) => Arc::new(v),
        Err(AuthError::Rejected(r)) => return r.into_response(),
        Err(AuthError::Failed(e)) => {
            let res = async_graphql::Response::from_errors(vec![e.extend().into_server_error(Default::default())]);
            return (StatusCode::SERVICE_UNAVAILABLE, GraphQLResponse::from(res)).into_response();
        }
    };
    let loaders = Arc::new(Loaders::new(state.db.clone(), viewer));
    let req = req.into_inner().data(loaders).data(state.keys.clone());
    GraphQLResponse::from(state.schema.execute(req).await).into_response()
}

/// GraphiQL, pointed at `/graphql`.
pub async fn graphiql() -> Html<String> {
    Html(
        GraphiQLSource::build()
            .endpoint("/graphql")
            .title("Samenspel GraphQL")
            .finish(),
    )
}

/// 200 while the process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// 200 while the database answers, 503 otherwise.
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
