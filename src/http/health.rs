//! GraphiQL and the health probes.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};

use async_graphql::http::GraphiQLSource;

use crate::startup::AppState;

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
