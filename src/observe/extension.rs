//! The async-graphql extension that tells the request log which operation ran, for which
//! organisation, and with which error codes. It reads names and codes only: never the query
//! text or the variables.

use std::sync::{Arc, Mutex};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextPrepareRequest, NextRequest, NextValidation,
};
use async_graphql::parser::types::{DocumentOperations, ExecutableDocument};
use async_graphql::{Request, Response, ServerError, ServerResult, ValidationResult, Value, Variables};

use super::seen;
use crate::loaders::Loaders;

/// Registered once on the schema: `.extension(observe::Observer)`.
pub struct Observer;

impl ExtensionFactory for Observer {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Operation::default())
    }
}

/// One operation: its name, and the phase that refused it before any resolver ran.
#[derive(Default)]
struct Operation {
    name: Mutex<Option<String>>,
    refused_in: Mutex<Option<&'static str>>,
}

impl Operation {
    fn set_name(&self, name: Option<String>) {
        *self.name.lock().unwrap_or_else(|p| p.into_inner()) = name;
    }

    fn refused(&self, phase: &'static str) {
        *self.refused_in.lock().unwrap_or_else(|p| p.into_inner()) = Some(phase);
    }

    /// The code of an error without `extensions.code`: the phase that refused the operation.
    fn code_of(&self, e: &ServerError) -> String {
        match e.extensions.as_ref().and_then(|x| x.get("code")) {
            Some(Value::String(c)) => c.clone(),
            Some(Value::Enum(c)) => c.to_string(),
            _ => (*self.refused_in.lock().unwrap_or_else(|p| p.into_inner()))
                .unwrap_or("UNCLASSIFIED")
                .to_owned(),
        }
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for Operation {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let response = next.run(ctx).await;
        let name = self.name.lock().map(|n| n.clone()).unwrap_or_default();
        let codes: Vec<String> = response.errors.iter().map(|e| self.code_of(e)).collect();
        seen::report(|s| {
            s.operations.push(name);
            s.error_codes.extend(codes);
        });
        response
    }

    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        self.set_name(request.operation_name.clone());
        next.run(ctx, request).await
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        if let Some(org) = ctx
            .data_opt::<Arc<Loaders>>()
            .and_then(|l| l.viewer().organisation_id())
        {
            seen::report(|s| s.organisation_id = Some(org));
        }
        let doc = next.run(ctx, query, variables).await;
        match &doc {
            Ok(doc) => {
                if self.name.lock().is_ok_and(|n| n.is_none()) {
                    self.set_name(only_name(doc));
                }
            }
            Err(_) => self.refused("GRAPHQL_PARSE_FAILED"),
        }
        doc
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await;
        if result.is_err() {
            self.refused("GRAPHQL_VALIDATION_FAILED");
        }
        result
    }
}

/// The name of the document's operation when it holds exactly one, named.
fn only_name(doc: &ExecutableDocument) -> Option<String> {
    match &doc.operations {
        DocumentOperations::Multiple(ops) if ops.len() == 1 => ops.keys().next().map(|n| n.to_string()),
        _ => None,
    }
}
