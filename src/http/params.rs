//! The parameters of a GraphQL request (`query`, `operationName`, `variables`, `extensions`),
//! from a JSON body or a GET query string, checked by type so a wrong one gets a clear 400.

use async_graphql::{BatchRequest, Request};
use axum::extract::Query;
use axum::http::Uri;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::refusal::Refusal;

/// One request, or a batch (a non-empty JSON array of requests), from a JSON body.
pub fn from_body(bytes: &[u8]) -> Result<BatchRequest, Refusal> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Refusal::bad_request(
            "The request body is empty: send a JSON object with `query`",
        ));
    }
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| Refusal::bad_request(format!("The request body is not valid JSON: {e}")))?;
    match value {
        Value::Array(items) if items.is_empty() => Err(Refusal::bad_request("The batch is empty")),
        Value::Array(items) => items
            .into_iter()
            .map(one_request)
            .collect::<Result<_, _>>()
            .map(BatchRequest::Batch),
        other => one_request(other).map(BatchRequest::Single),
    }
}

/// The parameters of a GET: `variables` and `extensions` are JSON-encoded strings.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GetParams {
    query: Option<String>,
    operation_name: Option<String>,
    variables: Option<String>,
    extensions: Option<String>,
}

/// One request from the query string of a GET.
pub fn from_query_string(uri: &Uri) -> Result<Request, Refusal> {
    let Query(p) = Query::<GetParams>::try_from_uri(uri)
        .map_err(|e| Refusal::bad_request(format!("The query string is not a GraphQL request: {e}")))?;
    let mut map = Map::new();
    map.insert("query".into(), p.query.map_or(Value::Null, Value::String));
    map.insert(
        "operationName".into(),
        p.operation_name.map_or(Value::Null, Value::String),
    );
    map.insert("variables".into(), json_param("variables", p.variables)?);
    map.insert("extensions".into(), json_param("extensions", p.extensions)?);
    one_request(Value::Object(map))
}

fn json_param(name: &str, text: Option<String>) -> Result<Value, Refusal> {
    match text.filter(|t| !t.trim().is_empty()) {
        None => Ok(Value::Null),
        Some(t) => serde_json::from_str(&t).map_err(|e| Refusal::bad_request(format!("`{name}` is not JSON: {e}"))),
    }
}

fn one_request(value: Value) -> Result<Request, Refusal> {
    let Value::Object(map) = &value else {
        return Err(Refusal::bad_request("A GraphQL request is a JSON object with `query`"));
    };
    match map.get("query") {
        Some(Value::String(q)) if !q.trim().is_empty() => {}
        None | Some(Value::Null) | Some(Value::String(_)) => {
            return Err(Refusal::bad_request("Missing `query` parameter"));
        }
        Some(_) => return Err(Refusal::bad_request("`query` must be a string")),
    }
    check_type(map, "operationName", Value::is_string, "a string")?;
    check_type(map, "variables", Value::is_object, "an object")?;
    check_type(map, "extensions", Value::is_object, "an object")?;
    serde_json::from_value(value).map_err(|e| Refusal::bad_request(format!("Not a GraphQL request: {e}")))
}

fn check_type(map: &Map<String, Value>, key: &str, ok: fn(&Value) -> bool, what: &str) -> Result<(), Refusal> {
    match map.get(key) {
        Some(v) if !v.is_null() && !ok(v) => Err(Refusal::bad_request(format!("`{key}` must be {what} or null"))),
        _ => Ok(()),
    }
}
