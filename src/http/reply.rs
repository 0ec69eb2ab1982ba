//! An executed GraphQL request as an HTTP response: the status its format calls for, no `data`
//! entry when the request failed before execution, and the headers resolvers set.

use std::collections::BTreeMap;

use async_graphql::{BatchResponse, Response as GraphqlResponse, ServerError};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;

use super::accept::Format;
use crate::codes::Code;

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
    let (status, body) = match &batch {
        BatchResponse::Single(r) => {
            let status = match (failed_before_execution(r), format) {
                (true, Format::GraphqlResponse) => StatusCode::BAD_REQUEST,
                _ => StatusCode::OK,
            };
            (status, to_json(&Body::of(r)))
        }
        BatchResponse::Batch(rs) => (StatusCode::OK, to_json(&rs.iter().map(Body::of).collect::<Vec<_>>())),
    };
    let mut res = (status, body).into_response();
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

/// One response as the spec shapes it, written straight to bytes (no JSON tree in between).
#[derive(Serialize)]
struct Body<'a> {
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    errors: &'a [ServerError],
    /// None for a request error: the spec wants no `data` entry then, not even null.
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a async_graphql::Value>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    extensions: &'a BTreeMap<String, async_graphql::Value>,
}

impl<'a> Body<'a> {
    fn of(r: &'a GraphqlResponse) -> Self {
        Body {
            errors: &r.errors,
            data: (!failed_before_execution(r)).then_some(&r.data),
            extensions: &r.extensions,
        }
    }
}

fn to_json(body: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(body).unwrap_or_else(|e| {
        let id = crate::error::correlation_id();
        tracing::error!(correlation_id = %id, error = %e, "serialising a response");
        json!({ "errors": [{ "message": format!("Internal error (reference {id})"),
                             "extensions": { "code": Code::Internal, "correlationId": id } }] })
        .to_string()
        .into_bytes()
    })
}
