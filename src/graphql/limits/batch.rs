//! Complexity, and the budget of a batch. Complexity is what async-graphql's validation computes
//! from the schema (see `graphql::cost`), and it tells no one but an extension; its own limit
//! answers with an English sentence only. So a second schema, the [`Meter`], validates each
//! operation with an extension that notes the complexity and then skips execution, and the
//! schema that runs requests has no complexity limit of its own: [`QueryLimits`] refuses by the
//! number. (That schema keeps no extension: an extension puts a hook around every field.)
//!
//! A batch is held to the budget of one request: its aliases, selections and complexity are
//! added up over its operations, and a batch over the budget is refused as a whole.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute, NextValidation};
use async_graphql::{Request, Response, Schema, ServerError, ValidationMode, ValidationResult, Value};

use super::errors::refusal;
use super::measure::Shape;
use super::{MAX_NESTING, QueryLimits};
use crate::codes::Code;
use crate::graphql::changes::SubscriptionRoot;
use crate::graphql::mutation::MutationRoot;
use crate::graphql::query::QueryRoot;

/// Tells the complexity of an operation without running it.
pub struct Meter {
    schema: Schema<QueryRoot, MutationRoot, SubscriptionRoot>,
}

impl Default for Meter {
    fn default() -> Self {
        let schema = Schema::build(QueryRoot::default(), MutationRoot::default(), SubscriptionRoot)
            .validation_mode(ValidationMode::Fast)
            .limit_recursive_depth(MAX_NESTING)
            .extension(Metering)
            .finish();
        Meter { schema }
    }
}

/// Where the extension leaves the complexity of one probe.
#[derive(Clone, Default)]
struct Tally(Arc<AtomicUsize>);

impl Meter {
    /// The complexity of `request` as validation counts it (in the order async-graphql counts
    /// it: before it picks the operation); 0 when it does not validate (its own run refuses it).
    pub async fn complexity(&self, request: &mut Request) -> usize {
        let tally = Tally::default();
        let mut probe = Request::new(request.query.clone())
            .variables(request.variables.clone())
            .data(tally.clone());
        probe.operation_name = request.operation_name.clone();
        if let Ok(doc) = request.parsed_query() {
            probe.set_parsed_query(doc.clone());
        }
        self.schema.execute(probe).await;
        tally.0.load(Ordering::Relaxed)
    }
}

impl QueryLimits {
    /// Refuses an operation whose complexity (see [`Meter`]) is above the limit.
    pub fn check_complexity(&self, complexity: usize) -> Result<(), ServerError> {
        if complexity <= self.complexity {
            return Ok(());
        }
        let message = format!(
            "The query's complexity is above the limit of {}: ask for smaller pages (`first`, `last`) \
             or fewer nested lists",
            self.complexity
        );
        Err(refusal(Code::QueryTooComplex, message, self.complexity))
    }

    /// Holds a batch as a whole to the budget of one request, given the shapes and complexities
    /// of its admitted operations: the refusal every one of them gets when the batch is over it.
    pub fn check_batch(&self, admitted: impl IntoIterator<Item = (Shape, usize)>) -> Option<ServerError> {
        let admitted: Vec<_> = admitted.into_iter().collect();
        if admitted.len() < 2 {
            return None;
        }
        let total = admitted.iter().map(|a| a.0).fold(Shape::default(), Shape::beside);
        if total.aliases > self.aliases {
            let message = format!(
                "The batch has {} aliases in all, above the limit of {} per request",
                total.aliases, self.aliases
            );
            return Some(refusal(Code::TooManyAliases, message, self.aliases));
        }
        if total.selections > self.selections {
            let message = format!(
                "The batch selects {} fields in all (fragments counted where spread), above the limit of {} per request",
                total.selections, self.selections
            );
            return Some(refusal(Code::TooManySelections, message, self.selections));
        }
        let complexity = admitted.iter().fold(0usize, |sum, a| sum.saturating_add(a.1));
        (complexity > self.complexity).then(|| {
            let message = format!(
                "The batch's complexity is {complexity} in all, above the limit of {} per request: ask for \
                 smaller pages (`first`, `last`), fewer nested lists or fewer operations",
                self.complexity
            );
            refusal(Code::QueryTooComplex, message, self.complexity)
        })
    }
}

/// Makes a [`Metering`] for each request.
struct Metering;

impl ExtensionFactory for Metering {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Noted)
    }
}

/// Notes the complexity validation found in the probe's [`Tally`], and skips execution.
#[derive(Default)]
struct Noted;

#[async_trait::async_trait]
impl Extension for Noted {
    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await?;
        if let Some(tally) = ctx.data_opt::<Tally>() {
            tally.0.store(result.complexity, Ordering::Relaxed);
        }
        Ok(result)
    }

    async fn execute(&self, _ctx: &ExtensionContext<'_>, _name: Option<&str>, _next: NextExecute<'_>) -> Response {
        Response::new(Value::Null)
    }
}
