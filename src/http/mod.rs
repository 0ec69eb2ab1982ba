//! HTTP endpoints: GraphQL, GraphiQL and health probes.

use std::sync::Arc;

use async_graphql::http::GraphiQLSource;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};

use crate::loaders::Loaders;
use crate::startup::AppState;
use crate::viewer::Viewer;

/// Runs one GraphQL request (POST, or GET for queries) for the viewer it comes from.
pub async fn graphql(State(state): State<AppState>, req: GraphQLRequest) -> GraphQLResponse {
    let viewer = Arc::new(Viewer::Anonymous);
    let loaders = Arc::new(Loaders::new(state.db.clone(), viewer));
    state.schema.execute(req.into_inner().data(loaders)).await.into()
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
