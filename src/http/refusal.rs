//! Requests refused at the HTTP layer, before any GraphQL runs: the status code, and a
//! GraphQL-shaped body whose error carries a stable `extensions.code`.

use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::accept::Format;
use crate::codes::Code;

/// A refused request.
#[derive(Debug)]
pub struct Refusal {
    status: StatusCode,
    code: Code,
    message: String,
    extensions: Value,
    headers: Vec<(HeaderName, HeaderValue)>,
    format: Format,
}

impl Refusal {
    /// A refusal with the stable `code`, and the HTTP status the registry gives it (400 for a
    /// code that has none of its own).
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Refusal {
            status: code.status().unwrap_or(StatusCode::BAD_REQUEST),
            code,
            message: message.into(),
            extensions: json!({}),
            headers: Vec::new(),
            format: Format::Json,
        }
    }

    /// `BAD_REQUEST` (400): the body or query string is not a GraphQL request.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Refusal::new(Code::BadRequest, message)
    }

    /// `PAYLOAD_TOO_LARGE` (413).
    pub fn payload_too_large(limit: usize) -> Self {
        Refusal::new(
            Code::PayloadTooLarge,
            format!("The request body is larger than the limit of {limit} bytes"),
        )
        .extension("limit", json!(limit))
    }

    /// `INTERNAL` (500), with the correlation id the log line carries.
    pub fn internal(correlation_id: &str) -> Self {
        Refusal::new(Code::Internal, format!("Internal error (reference {correlation_id})"))
            .extension("correlationId", json!(correlation_id))
    }

    /// Adds `extensions.<name>` to the error.
    pub fn extension(mut self, name: &str, value: Value) -> Self {
        self.extensions[name] = value;
        self
    }

    /// Adds a response header.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Sends the body as `format`.
    pub fn format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// The stable code.
    pub fn code(&self) -> Code {
        self.code
    }
}

impl IntoResponse for Refusal {
    fn into_response(mut self) -> Response {
        self.extensions["code"] = json!(self.code);
        // Messages may quote what the client sent (serde's do): never more than a prefix.
        if let Some(short) = crate::echo::shorten(&self.message) {
            self.message = short;
        }
        // No `data` entry: nothing was executed.
        let body = json!({ "errors": [{ "message": self.message, "extensions": self.extensions }] });
        let mut res = (self.status, body.to_string()).into_response();
        let headers = res.headers_mut();
        headers.insert(header::CONTENT_TYPE, self.format.content_type());
        for (name, value) in self.headers {
            headers.insert(name, value);
        }
        res
    }
}
