//! What the HTTP layer holds a request to before GraphQL runs: the limits, the rate limit, the
//! CORS origins and whether a proxy's `X-Forwarded-For` names the client; and whether it serves
//! GraphiQL at all.

use std::sync::Arc;

use axum::http::HeaderValue;
use tokio::sync::Semaphore;

use super::layers::cors_origins;
use super::rate_limit::RateLimit;
use crate::config::{LimitSettings, ServeSettings};

/// The HTTP layer's settings and state, shared by every request.
pub struct Gate {
    /// What one request may cost.
    pub limits: LimitSettings,
    /// Requests a minute per client.
    pub rate_limit: RateLimit,
    /// Browser origins allowed by CORS.
    pub cors_origins: Vec<HeaderValue>,
    /// Whether the last `X-Forwarded-For` entry is the client's address.
    pub trust_forwarded_for: bool,
    /// Turns to execute a GraphQL request; `None` when unbounded.
    pub executions: Option<Arc<Semaphore>>,
    /// Whether `/` serves GraphiQL.
    pub graphiql: bool,
}

impl Gate {
    /// The gate `serve` describes; fails on an origin that is no header value.
    pub fn new(serve: &ServeSettings) -> anyhow::Result<Gate> {
        Ok(Gate {
            limits: serve.limits.clone(),
            rate_limit: RateLimit::new(&serve.limits),
            cors_origins: cors_origins(&serve.api.cors_origins)?,
            trust_forwarded_for: serve.api.trust_forwarded_for,
            executions: (serve.limits.max_concurrent_requests > 0)
                .then(|| Arc::new(Semaphore::new(serve.limits.max_concurrent_requests))),
            graphiql: serve.api.graphiql,
        })
    }
}
