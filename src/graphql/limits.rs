//! Query limits, checked on the parsed document before anything runs: depth, aliases,
//! selections and complexity. Each refusal is a GraphQL error with a stable `extensions.code`
//! and `extensions.limit`; parse and validation errors get a code too.

pub mod measure;

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextValidation};
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{ServerError, ServerResult, ValidationResult, Variables};

use crate::config::LimitSettings;
use measure::{Shape, measure, nesting};

/// Deeper than this the text is not even parsed: the parser refuses it anyway, and its
/// recursion must not be trusted with a megabyte of brackets.
pub const MAX_NESTING: usize = 64;

/// Introspection may nest `fields`, `interfaces`, `possibleTypes` and `inputFields` at most this
/// deep; the standard introspection query nests them once.
const MAX_INTROSPECTION_LISTS: usize = 2;

/// The limits one request is held to.
#[derive(Debug, Clone, Copy)]
pub struct QueryLimits {
    /// Deepest field nesting.
    pub depth: usize,
    /// Highest complexity (see `graphql::cost`).
    pub complexity: usize,
    /// Most aliases.
    pub aliases: usize,
    /// Most field selections, fragments counted where spread.
    pub selections: usize,
}

impl From<&LimitSettings> for QueryLimits {
    fn from(s: &LimitSettings) -> Self {
        QueryLimits {
            depth: s.limit_depth,
            complexity: s.limit_complexity,
            aliases: s.limit_aliases,
            selections: s.limit_selections,
        }
    }
}

impl ExtensionFactory for QueryLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(*self)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for QueryLimits {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let nested = nesting(query);
        if nested > MAX_NESTING {
            return Err(too_deep(nested, self.depth));
        }
        match next.run(ctx, query, variables).await {
            Ok(doc) => self.check(measure(&doc)).map(|()| doc),
            // The parser gives up on deep documents with a message of its own.
            Err(_) if nested > self.depth => Err(too_deep(nested, self.depth)),
            Err(e) => Err(with_code(e, "GRAPHQL_PARSE_FAILED")),
        }
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await.map_err(|errors| {
            errors
                .into_iter()
                .map(|e| with_code(e, "GRAPHQL_VALIDATION_FAILED"))
                .collect::<Vec<_>>()
        })?;
        if result.complexity > self.complexity {
            let message = format!(
                "The query's complexity is {}, above the limit of {}: ask for smaller pages (`first`, `last`) \
                 or fewer nested lists",
                result.complexity, self.complexity
            );
            return Err(vec![refusal("QUERY_TOO_COMPLEX", message, self.complexity)]);
        }
        Ok(result)
    }
}

impl QueryLimits {
    fn check(&self, shape: Shape) -> ServerResult<()> {
        if shape.depth > self.depth {
            return Err(too_deep(shape.depth, self.depth));
        }
        if shape.introspection_lists > MAX_INTROSPECTION_LISTS {
            let message = "Introspection nests `fields`, `interfaces`, `possibleTypes` or `inputFields` too deep";
            return Err(refusal("QUERY_TOO_DEEP", message.into(), MAX_INTROSPECTION_LISTS));
        }
        if shape.aliases > self.aliases {
            let message = format!(
                "The request has {} aliases, above the limit of {}",
                shape.aliases, self.aliases
            );
            return Err(refusal("TOO_MANY_ALIASES", message, self.aliases));
        }
        if shape.selections > self.selections {
            let message = format!(
                "The request selects {} fields (fragments counted where spread), above the limit of {}",
                shape.selections, self.selections
            );
            return Err(refusal("TOO_MANY_SELECTIONS", message, self.selections));
        }
        Ok(())
    }
}

fn too_deep(depth: usize, limit: usize) -> ServerError {
    let message = format!("The query nests {depth} levels deep, above the limit of {limit}");
    refusal("QUERY_TOO_DEEP", message, limit)
}

fn refusal(code: &'static str, message: String, limit: usize) -> ServerError {
    let mut e = with_code(ServerError::new(message, None), code);
    if let Some(ext) = e.extensions.as_mut() {
        ext.set("limit", limit as u64);
    }
    e
}

/// Gives `e` the code `code` unless it has one.
fn with_code(mut e: ServerError, code: &'static str) -> ServerError {
    let ext = e.extensions.get_or_insert_with(Default::default);
    if ext.get("code").is_none() {
        ext.set("code", code);
    }
    e
}
