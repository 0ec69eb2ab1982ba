//! The request middleware: a request id (the client's `x-request-id` when sane, else a new one,
//! echoed in the response), one span and one log line per request, and the HTTP metrics. It logs
//! the route, never the query string: a GET request carries its query and variables there.

use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use super::Observe;
use super::labels::is_word;
use super::seen::{self, Seen};
use crate::codes::Code;

/// The header that carries the request id both ways.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Routes probed or scraped every few seconds: logged at debug level only.
const QUIET: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

/// Wraps every route: `.layer(axum::middleware::from_fn_with_state(observe, observe::track))`.
pub async fn track(State(observe): State<Observe>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request_id(&req);
    let header = HeaderValue::from_str(&id).ok();
    if let Some(v) = &header {
        req.headers_mut().insert(REQUEST_ID, v.clone());
    }
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str());
    let (route, method) = (route.to_owned(), req.method().clone());
    let span = tracing::info_span!("request", request_id = %id);
    let (mut res, seen) = seen::collect(next.run(req)).instrument(span.clone()).await;
    if let Some(v) = header {
        res.headers_mut().insert(REQUEST_ID, v);
    }
    let done = Finished {
        method,
        route,
        status: res.status(),
        elapsed: started.elapsed(),
        seen,
    };
    if done.route != "/metrics" {
        done.count(&observe);
    }
    span.in_scope(|| done.log(&observe));
    res
}

/// A request after its response was made.
struct Finished {
    method: Method,
    route: String,
    status: StatusCode,
    elapsed: Duration,
    seen: Seen,
}

impl Finished {
    fn count(&self, observe: &Observe) {
        let metrics = observe.metrics();
        metrics.record(self.status.as_u16(), &self.seen, self.elapsed);
        // A GraphQL request refused before the schema ran still counts as an error with its code.
        if self.route == "/graphql" && self.seen.operations.is_empty() {
            match self.status {
                StatusCode::UNAUTHORIZED => metrics.record_error(Code::Unauthenticated.as_str()),
                StatusCode::TOO_MANY_REQUESTS => metrics.record_error(Code::RateLimited.as_str()),
                _ => {}
            }
        }
    }

    /// The one line of the request: names, numbers and codes only.
    fn log(&self, observe: &Observe) {
        let operation = observe.metrics().operation_label(&self.seen);
        let errors = (!self.seen.error_codes.is_empty()).then(|| self.seen.error_codes.join(","));
        // Milliseconds to the microsecond: most requests take less than one.
        let ms = (self.elapsed.as_secs_f64() * 1e6).round() / 1e3;
        macro_rules! log {
            ($level:expr) => {
                tracing::event!($level, method = %self.method, route = %self.route, status = self.status.as_u16(),
                    duration_ms = ms, operation = operation.as_deref(), organisation_id = self.seen.organisation_id,
                    errors = errors.as_deref(), "request finished")
            };
        }
        if QUIET.contains(&self.route.as_str()) {
            log!(tracing::Level::DEBUG);
        } else {
            log!(tracing::Level::INFO);
        }
    }
}

/// The client's request id when it is 1 to 64 letters, digits, `-`, `_` or `.`; a new one else.
fn request_id(req: &Request) -> String {
    let given = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok());
    match given {
        Some(id) if is_word(&id.replace(['-', '.'], "_"), 64) => id.to_owned(),
        _ => format!("{:032x}", rand::random::<u128>()),
    }
}
