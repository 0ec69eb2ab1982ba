//! An executed GraphQL request as an HTTP response: the status its format calls for, no `data`
//! entry when the request failed before execution, and the headers resolvers set.

use async_graphql::{BatchResponse, Response as GraphqlResponse};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::accept::Format;

/// The HTTP response for `batch`, sent as `format`. With `application/graphql-response+json` a
/// single request that failed before execution (parse, validation, limits) gets 400; every
/// other outcome gets 200 with its errors in the body.
pub fn executed(batch: BatchResponse, format: Format) -> Response {
    let headers = batch.http_headers();
    let cache_control = batch
        .is_ok()
        .then(|| batch.cache_control().value())
        .flatten()
        .and_then(|v| HeaderValue::from_str(&v).ok());
    let (status, body) = match batch {
        BatchResponse::Single(r) => {
            let failed = failed_before_execution(&r);
            let status = match (failed, format) {
                (true, Format::GraphqlResponse) => StatusCode::BAD_REQUEST,
                _ => StatusCode::OK,
            };
            (status, to_json(r))
        }
        BatchResponse::Batch(rs) => (StatusCode::OK, Value::Array(rs.into_iter().map(to_json).collect())),
    };
    let mut res = (status, body.to_string()).into_response();
    res.headers_mut().extend(headers);
    res.headers_mut().insert(header::CONTENT_TYPE, format.content_type());
    if let Some(value) = cache_control {
        res.headers_mut().insert(header::CACHE_CONTROL, value);
    }
    res
}

/// Whether the request failed before execution began: no data, and only errors that belong to
/// no field (a field's error always carries its path).
fn failed_before_execution(r: &GraphqlResponse) -> bool {
    r.data == async_graphql::Value::Null && !r.errors.is_empty() && r.errors.iter().all(|e| e.path.is_empty())
}

fn to_json(r: GraphqlResponse) -> Value {
    let failed = failed_before_execution(&r);
    let mut value = serde_json::to_value(&r).unwrap_or_else(|e| {
        let id = crate::error::correlation_id();
        tracing::error!(correlation_id = %id, error = %e, "serialising a response");
        json!({ "errors": [{ "message": format!("Internal error (reference {id})"),
                             "extensions": { "code": "INTERNAL", "correlationId": id } }] })
    });
    if failed && let Value::Object(map) = &mut value {
        // The spec: a request error has no `data` entry, not even null.
        map.remove("data");
    }
    value
}
