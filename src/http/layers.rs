//! Layers around the routes: CORS for the allowed browser origins, a request timeout, and a
//! panic turned into a generic 500 with a correlation id.

use std::any::Any;
use std::time::Duration;

use anyhow::Context;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};

use super::accept::Format;
use super::refusal::Refusal;
use crate::codes::Code;

/// The allowed browser origins (e.g. `https://app.example.nl`), checked once at start.
pub fn cors_origins(origins: &[String]) -> anyhow::Result<Vec<HeaderValue>> {
    origins
        .iter()
        .map(|o| o.trim().trim_end_matches('/'))
        .filter(|o| !o.is_empty())
        .map(|o| HeaderValue::from_str(o).with_context(|| format!("CORS origin {o:?}")))
        .collect()
}

/// CORS for `origins`; with none, browsers on other origins may not read any answer.
pub fn cors(origins: &[HeaderValue]) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins.iter().cloned()))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
        .expose_headers([header::RETRY_AFTER])
        .max_age(Duration::from_secs(3600))
}

/// Cuts a request off after `limit` (none: no limit) with 503 and code `TIMEOUT`. Work in
/// flight is dropped: a write cut off before its commit is rolled back with its transaction.
pub async fn timeout(State(limit): State<Option<Duration>>, req: Request, next: Next) -> Response {
    let Some(limit) = limit else {
        return next.run(req).await;
    };
    let format = Format::negotiate(req.headers()).unwrap_or(Format::Json);
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => {
            let ms = limit.as_millis();
            tracing::warn!(timeout_ms = ms as u64, "request cut off by the timeout");
            Refusal::new(
                Code::Timeout,
                format!("The request took longer than {ms} ms and was cut off"),
            )
            .header(header::RETRY_AFTER, HeaderValue::from_static("1"))
            .format(format)
            .into_response()
        }
    }
}

/// Turns a panic into a generic 500: the panic is logged with a correlation id, the client sees
/// only the id.
pub fn catch_panic() -> CatchPanicLayer<PanicHandler> {
    CatchPanicLayer::custom(panic_response as PanicHandler)
}

/// What turns a panic into a response.
pub type PanicHandler = fn(Box<dyn Any + Send + 'static>) -> Response<Body>;

fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let id = crate::error::correlation_id();
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(correlation_id = %id, panic = %what, "request handler panicked");
    Refusal::internal(&id).into_response()
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    #[tokio::test]
    async fn a_panic_becomes_a_generic_500_with_a_correlation_id() {
        async fn boom() -> &'static str {
            panic!("secret detail at src/nowhere.rs:1")
        }
        let app = Router::new().route("/", get(boom)).layer(catch_panic());
        let req = axum::http::Request::get("/").body(Body::empty()).expect("request");
        let res = app.oneshot(req).await.expect("response");
        assert_eq!(res.status(), axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(res.into_body(), 1 << 16).await.expect("body");
        let json: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
        let error = &json["errors"][0];
        assert_eq!(error["extensions"]["code"], "INTERNAL");
        assert!(error["extensions"]["correlationId"].is_string());
        assert!(!body.windows(6).any(|w| w == b"secret"), "{json}");
    }
}
