//! What the request log learns about each GraphQL operation: its name, the viewer's
//! organisation and the error codes of its answer. Names and codes only: never the query text
//! or the variables.

use async_graphql::parser::types::{DocumentOperations, ExecutableDocument};
use async_graphql::{Response, Value};

use super::seen;

/// Reports one executed (or refused) operation to the request being served.
pub fn report(name: Option<String>, response: &Response) {
    let codes: Vec<String> = response
        .errors
        .iter()
        .map(|e| match e.extensions.as_ref().and_then(|x| x.get("code")) {
            Some(Value::String(c)) => c.clone(),
            Some(Value::Enum(c)) => c.to_string(),
            _ => "UNCLASSIFIED".to_owned(),
        })
        .collect();
    seen::report(|s| {
        s.operations.push(name);
        s.error_codes.extend(codes);
    });
}

/// Reports the organisation of the viewer the request runs for.
pub fn report_organisation(organisation_id: Option<i32>) {
    if let Some(org) = organisation_id {
        seen::report(|s| s.organisation_id = Some(org));
    }
}

/// The name of the document's operation when it holds exactly one, named.
pub fn only_name(doc: &ExecutableDocument) -> Option<String> {
    match &doc.operations {
        DocumentOperations::Multiple(ops) if ops.len() == 1 => ops.keys().next().map(|n| n.to_string()),
        _ => None,
    }
}
