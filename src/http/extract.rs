//! A GraphQL request read from HTTP as GraphQL over HTTP says: POST with `application/json` (one
//! request, or a batch as a JSON array), or GET with the query string, for queries only.
//! Everything else is refused before authentication: 406, 405, 415, 413 or 400 (which includes
//! a request with more than one `Authorization` header).

use async_graphql::parser::types::{DocumentOperations, OperationType};
use async_graphql::{BatchRequest, Request};
use axum::body::Bytes;
use axum::extract::{FromRequest, Request as HttpRequest};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, header};
use serde_json::json;

use super::accept::Format;
use super::params;
use super::refusal::Refusal;
use crate::codes::Code;
use crate::graphql::limits::MAX_NESTING;
use crate::graphql::limits::nesting::nesting;
use crate::startup::AppState;

/// A GraphQL request (or batch) and the format its answer is to be sent in.
pub struct GraphqlHttp {
    /// What to execute.
    pub batch: BatchRequest,
    /// The negotiated response format.
    pub format: Format,
}

impl FromRequest<AppState> for GraphqlHttp {
    type Rejection = Refusal;

    async fn from_request(req: HttpRequest, state: &AppState) -> Result<Self, Refusal> {
        let format = Format::negotiate(req.headers()).ok_or_else(|| {
            Refusal::new(
                Code::NotAcceptable,
                "Accept application/graphql-response+json or application/json",
            )
        })?;
        if req.headers().get_all(header::AUTHORIZATION).iter().nth(1).is_some() {
            // Which one a proxy or a library would pick is anyone's guess: refuse both.
            let refusal = Refusal::bad_request("Send one `Authorization` header, not several");
            return Err(refusal.format(format));
        }
        let limits = &state.gate.limits;
        let batch = if req.method() == Method::GET {
            params::from_query_string(req.uri())
                .and_then(refuse_writes)
                .map(BatchRequest::Single)
        } else {
            from_post(req, limits.limit_body_bytes).await
        };
        let batch = batch
            .and_then(|b| check_batch(b, limits.limit_batch))
            .map_err(|r| r.format(format))?;
        Ok(GraphqlHttp { batch, format })
    }
}

/// GET never changes anything: a mutation (or subscription) is refused with 405 before it runs.
/// A document that does not parse is left for execution to report.
fn refuse_writes(mut request: Request) -> Result<Request, Refusal> {
    if nesting(&request.query) > MAX_NESTING {
        return Ok(request);
    }
    let name = request.operation_name.clone();
    let Ok(doc) = request.parsed_query() else {
        return Ok(request);
    };
    let operation = match (&doc.operations, name) {
        (DocumentOperations::Single(op), None) => Some(op),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name.as_str()),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next(),
        _ => None,
    };
    match operation.map(|op| op.node.ty) {
        Some(OperationType::Mutation | OperationType::Subscription) => Err(Refusal::new(
            Code::MethodNotAllowed,
            "GET is for queries only: send mutations with POST",
        )
        .header(header::ALLOW, HeaderValue::from_static("POST"))),
        _ => Ok(request),
    }
}

/// Only `application/json` (in UTF-8) is a GraphQL POST: a form or text body is what a browser
/// may send cross-site without asking, so it must never run a mutation.
fn check_content_type(headers: &HeaderMap) -> Result<(), Refusal> {
    let mime = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<mime::Mime>().ok());
    match mime {
        Some(m)
            if m.type_() == mime::APPLICATION
                && m.subtype() == mime::JSON
                && m.suffix().is_none()
                && m.get_param(mime::CHARSET)
                    .is_none_or(|c| c.as_str().eq_ignore_ascii_case("utf-8")) =>
        {
            Ok(())
        }
        _ => Err(Refusal::new(
            Code::UnsupportedMediaType,
            "Send GraphQL requests with `Content-Type: application/json`",
        )
        .header(
            HeaderName::from_static("accept-post"),
            HeaderValue::from_static("application/json"),
        )),
    }
}

async fn from_post(req: HttpRequest, limit: usize) -> Result<BatchRequest, Refusal> {
    check_content_type(req.headers())?;
    let body = read_body(req, limit).await?;
    params::from_body(&body)
}

async fn read_body(req: HttpRequest, limit: usize) -> Result<Bytes, Refusal> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(Refusal::payload_too_large(limit));
    }
    axum::body::to_bytes(req.into_body(), limit).await.map_err(|e| {
        let source = std::error::Error::source(&e);
        if source.is_some_and(|s| s.is::<http_body_util::LengthLimitError>()) {
            Refusal::payload_too_large(limit)
        } else {
            Refusal::bad_request("The request body could not be read")
        }
    })
}

fn check_batch(batch: BatchRequest, limit: usize) -> Result<BatchRequest, Refusal> {
    match &batch {
        BatchRequest::Batch(items) if items.len() > limit => Err(Refusal::new(
            Code::BatchTooLarge,
            format!("The batch holds {} operations, above the limit of {limit}", items.len()),
        )
        .extension("limit", json!(limit))),
        _ => Ok(batch),
    }
}
