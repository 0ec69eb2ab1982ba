//! Query limits, checked on the parsed document before anything runs: depth, aliases,
//! selections and complexity. Each refusal is a GraphQL error with a stable `extensions.code`
//! and `extensions.limit`; parse and validation errors get a code too.

pub mod measure;

use async_graphql::{Request, Response, ServerError, ServerResult};

use crate::config::LimitSettings;
use measure::{Shape, measure, nesting};

/// Deeper than this the text is not even parsed: the parser refuses it anyway, and its
/// recursion must not be trusted with a megabyte of brackets.
pub const MAX_NESTING: usize = 64;

/// Introspection may nest `fields`, `interfaces`, `possibleTypes` and `inputFields` at most this
/// deep; the standard introspection query nests them once.
const MAX_INTROSPECTION_LISTS: usize = 2;

/// What async-graphql's validation says when a query is above `limit_complexity`.
const COMPLEXITY_REFUSAL: &str = "Query is too complex.";

/// How async-graphql's recursion guard (`limit_recursive_depth`) begins its refusal.
const RECURSION_REFUSAL: &str = "The recursion depth of the query cannot be greater than";

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

impl QueryLimits {
    /// Parses the request's query and holds it to the limits, before anything runs. The parsed
    /// document stays in the request, so execution does not parse it again. (This is not an
    /// async-graphql extension on purpose: any extension puts a hook around every field.)
    pub fn admit(&self, request: &mut Request) -> ServerResult<()> {
        let nested = nesting(&request.query);
        if nested > MAX_NESTING {
            return Err(too_deep(nested, self.depth));
        }
        match request.parsed_query() {
            Ok(doc) => self.check(measure(doc)),
            // The parser gives up on deep documents with a message of its own.
            Err(_) if nested > self.depth => Err(too_deep(nested, self.depth)),
            Err(e) => Err(with_code(e, "GRAPHQL_PARSE_FAILED")),
        }
    }

    /// Gives a code to the errors the executor refused the request with before any field ran
    /// (they belong to no field): the complexity limit, the recursion guard, and validation
    /// (which includes an unknown or missing operation name).
    pub fn classify(&self, response: &mut Response) {
        for e in response.errors.iter_mut().filter(|e| e.path.is_empty()) {
            if e.message == COMPLEXITY_REFUSAL {
                e.message = format!(
                    "The query's complexity is above the limit of {}: ask for smaller pages (`first`, `last`) \
                     or fewer nested lists",
                    self.complexity
                );
                set_code(e, "QUERY_TOO_COMPLEX");
                set_limit(e, self.complexity);
            } else if e.message.starts_with(RECURSION_REFUSAL) {
                // The parser's guard, which also counts fragments.
                set_code(e, "QUERY_TOO_DEEP");
                set_limit(e, self.depth);
            } else {
                set_code(e, "GRAPHQL_VALIDATION_FAILED");
            }
        }
    }

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
    let mut e = ServerError::new(message, None);
    set_code(&mut e, code);
    set_limit(&mut e, limit);
    e
}

fn with_code(mut e: ServerError, code: &'static str) -> ServerError {
    set_code(&mut e, code);
    e
}

/// Gives `e` the code `code` unless it has one.
fn set_code(e: &mut ServerError, code: &'static str) {
    let ext = e.extensions.get_or_insert_with(Default::default);
    if ext.get("code").is_none() {
        ext.set("code", code);
    }
}

fn set_limit(e: &mut ServerError, limit: usize) {
    e.extensions
        .get_or_insert_with(Default::default)
        .set("limit", limit as u64);
}
