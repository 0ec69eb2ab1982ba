//! A batch is held to the budget of one request: its aliases, selections and complexity are
//! added up over its operations, and a batch over the budget is refused as a whole.
//!
//! Complexity is what async-graphql's validation computes from the schema (see `graphql::cost`);
//! it tells no one but an extension. So a second schema, the [`Meter`], validates each operation
//! of a batch with an extension that notes the complexity and then skips execution. The schema
//! that runs requests keeps no extension (an extension puts a hook around every field).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute, NextValidation};
use async_graphql::{
    EmptySubscription, Request, Response, Schema, ServerError, ValidationMode, ValidationResult, Value,
};

use super::errors::refusal;
use super::measure::Shape;
use super::{MAX_NESTING, QueryLimits};
use crate::graphql::mutation::MutationRoot;
use crate::graphql::query::QueryRoot;

/// Tells the complexity of an operation without running it.
pub struct Meter {
    schema: Schema<QueryRoot, MutationRoot, EmptySubscription>,
}

impl Default for Meter {
    fn default() -> Self {
        let schema = Schema::build(QueryRoot::default(), MutationRoot::default(), EmptySubscription)
            .validation_mode(ValidationMode::Fast)
            .limit_recursive_depth(MAX_NESTING)
            .extension(Metering)
            .finish();
        Meter { schema }
    }
}

impl Meter {
    /// The complexity of `request` as validation counts it; 0 when it does not validate (its
    /// own run refuses it then).
    pub async fn complexity(&self, request: &mut Request) -> usize {
        let mut probe = Request::new(request.query.clone()).variables(request.variables.clone());
        probe.operation_name = request.operation_name.clone();
        if let Ok(doc) = request.parsed_query() {
            probe.set_parsed_query(doc.clone());
        }
        let response = self.schema.execute(probe).await;
        match response.extensions.get("complexity") {
            Some(Value::Number(n)) => n
                .as_u64()
                .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX)),
            _ => 0,
        }
    }
}

impl QueryLimits {
    /// Holds a batch as a whole to the budget of one request, given the shapes of its admitted
    /// operations: the refusal every one of them gets when the batch is over it.
    pub async fn check_batch<'r>(
        &self,
        meter: &Meter,
        admitted: impl IntoIterator<Item = (&'r mut Request, Shape)>,
    ) -> Option<ServerError> {
        let (requests, shapes): (Vec<_>, Vec<_>) = admitted.into_iter().unzip();
        if requests.len() < 2 {
            return None;
        }
        let total = shapes.into_iter().fold(Shape::default(), Shape::beside);
        if total.aliases > self.aliases {
            let message = format!(
                "The batch has {} aliases in all, above the limit of {} per request",
                total.aliases, self.aliases
            );
            return Some(refusal("TOO_MANY_ALIASES", message, self.aliases));
        }
        if total.selections > self.selections {
            let message = format!(
                "The batch selects {} fields in all (fragments counted where spread), above the limit of {} per request",
                total.selections, self.selections
            );
            return Some(refusal("TOO_MANY_SELECTIONS", message, self.selections));
        }
        let mut complexity = 0usize;
        for request in requests {
            complexity = complexity.saturating_add(meter.complexity(request).await);
        }
        (complexity > self.complexity).then(|| {
            let message = format!(
                "The batch's complexity is {complexity} in all, above the limit of {} per request: ask for \
                 smaller pages (`first`, `last`), fewer nested lists or fewer operations",
                self.complexity
            );
            refusal("QUERY_TOO_COMPLEX", message, self.complexity)
        })
    }
}

/// Makes a [`Metering`] for each request.
struct Metering;

impl ExtensionFactory for Metering {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Noted::default())
    }
}

/// The complexity validation found, sent back in place of an execution.
#[derive(Default)]
struct Noted(AtomicUsize);

#[async_trait::async_trait]
impl Extension for Noted {
    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await?;
        self.0.store(result.complexity, Ordering::Relaxed);
        Ok(result)
    }

    async fn execute(&self, _ctx: &ExtensionContext<'_>, _name: Option<&str>, _next: NextExecute<'_>) -> Response {
        let complexity = self.0.load(Ordering::Relaxed) as u64;
        Response::new(Value::Null).extension("complexity", Value::from(complexity))
    }
}
