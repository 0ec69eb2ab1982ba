//! Observability: request ids, one log line per request, and Prometheus metrics at `/metrics`.

mod labels;
mod metrics;
mod middleware;
pub mod operation;
mod seen;

use std::sync::Arc;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub use labels::{OperationLabels, is_word};
pub use metrics::Metrics;
pub use middleware::{REQUEST_ID, track};

use crate::db::StatementCounter;
use crate::startup::AppState;

/// What the middleware and `/metrics` share: the registry and the pool's statement counter.
#[derive(Clone)]
pub struct Observe(Arc<Inner>);

struct Inner {
    metrics: Metrics,
    statements: Arc<StatementCounter>,
}

impl Observe {
    /// A registry of its own, reporting `statements` as `samenspel_sql_statements_total`.
    pub fn new(statements: Arc<StatementCounter>) -> anyhow::Result<Self> {
        let metrics = Metrics::new()?;
        Ok(Observe(Arc::new(Inner { metrics, statements })))
    }

    /// The metrics.
    pub fn metrics(&self) -> &Metrics {
        &self.0.metrics
    }
}

/// `GET /metrics`: the Prometheus text exposition format.
pub async fn metrics(State(state): State<AppState>) -> Response {
    let observe = &state.observe.0;
    match observe.metrics.render(&state.reads, observe.statements.get()) {
        Ok(text) => (
            [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
            text + &state.webhooks.counts.render() + &state.api.render_cache_lookups(),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "rendering metrics failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
