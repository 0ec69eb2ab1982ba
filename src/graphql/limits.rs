//! Query limits, checked on the parsed document before anything runs: depth, aliases,
//! selections and complexity, for one request and for a batch as a whole. Each refusal is a
//! GraphQL error with a stable `extensions.code` and `extensions.limit`; parse and validation
//! errors get a code too, and no response carries more than a bounded number of errors.
//!
//! Every refusal is ours, decided by a number we measured (or, for the parser, by the kind of
//! its error), never recognised by the wording of a library's message: async-graphql's own
//! guards either never trip (its recursion guard is set to our nesting limit, which `measure`
//! enforces first) or are not set (its complexity limit: see `batch::Meter`).

pub mod batch;
pub mod errors;
pub mod measure;
pub mod nesting;
pub mod typename;

use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Name, Pos, Request, Response, ServerError, parser};

use crate::codes::Code;
use crate::config::LimitSettings;
use crate::echo::clip;
use errors::{MAX_ERRORS, left_out_error, refusal, set_code, syntax_error, too_nested, with_code};
use measure::{Shape, measure};
use nesting::nesting;

/// How deep selection sets (of fields, fragments and inline fragments) and brackets may nest,
/// whatever the depth limit: deeper, the text is not even parsed (the parser's recursion must
/// not be trusted with a megabyte of brackets), and async-graphql's recursion guard refuses a
/// parsed document. A query within any depth limit up to 20 fits, even spelled with `edges`.
pub const MAX_NESTING: usize = 64;

/// Introspection may nest `fields`, `interfaces`, `possibleTypes` and `inputFields` at most this
/// deep; the standard introspection query nests them once.
const MAX_INTROSPECTION_LISTS: usize = 2;

/// The limits one request (or batch) is held to.
#[derive(Debug, Clone, Copy)]
pub struct QueryLimits {
    /// Deepest field nesting, connection wrappers not counted.
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
    pub fn admit(&self, request: &mut Request) -> Result<Shape, Vec<ServerError>> {
        let nested = nesting(&request.query);
        if nested > MAX_NESTING {
            return Err(vec![too_nested()]);
        }
        let doc = match request.parsed_query() {
            Ok(doc) => doc,
            Err(e) => return Err(vec![unparsed(&request.query, e)]),
        };
        let measured = measure(doc);
        if measured.too_nested {
            return Err(vec![too_nested()]);
        }
        self.check(measured.shape).map_err(|e| vec![e])?;
        validate(doc, measured.cycle)?;
        Ok(measured.shape)
    }

    /// Gives a code to the errors the executor refused the request with before any field ran
    /// (they belong to no field): validation, which includes an unknown or missing operation
    /// name. Our own refusals have their codes already.
    pub fn classify(response: &mut Response) {
        for e in response.errors.iter_mut().filter(|e| e.path.is_empty()) {
            set_code(e, Code::GraphqlValidationFailed);
        }
    }

    fn check(&self, shape: Shape) -> Result<(), ServerError> {
        if shape.depth > self.depth {
            let message = format!(
                "The query nests {} levels deep, above the limit of {} (a connection counts as one level, \
                 spelled `nodes` or `edges {{ node }}`)",
                shape.depth, self.depth
            );
            return Err(refusal(Code::QueryTooDeep, message, self.depth));
        }
        if shape.introspection_lists > MAX_INTROSPECTION_LISTS {
            let message = "Introspection nests `fields`, `interfaces`, `possibleTypes` or `inputFields` too deep";
            return Err(refusal(Code::QueryTooDeep, message.into(), MAX_INTROSPECTION_LISTS));
        }
        if shape.aliases > self.aliases {
            let message = format!(
                "The request has {} aliases, above the limit of {}",
                shape.aliases, self.aliases
            );
            return Err(refusal(Code::TooManyAliases, message, self.aliases));
        }
        if shape.selections > self.selections {
            let message = format!(
                "The request selects {} fields (fragments counted where spread), above the limit of {}",
                shape.selections, self.selections
            );
            return Err(refusal(Code::TooManySelections, message, self.selections));
        }
        Ok(())
    }
}

/// The refusal of a query that does not parse: nested deeper than the parser's own recursion
/// limit, or not GraphQL. async-graphql's error no longer says which parser error it was, so
/// the parser is asked again (only for a query that failed).
fn unparsed(query: &str, e: ServerError) -> ServerError {
    match parser::parse_query(query) {
        Err(parser::Error::RecursionLimitExceeded) => too_nested(),
        _ => with_code(syntax_error(e), Code::GraphqlParseFailed),
    }
}

/// What async-graphql's validation would miss or never reach: a fragment that spreads itself
/// (its recursion guard would trip first, in terms of depth) and directives on `__typename`.
fn validate(doc: &ExecutableDocument, cycle: Option<(&Name, Pos)>) -> Result<(), Vec<ServerError>> {
    if let Some((name, at)) = cycle {
        let message = format!(
            "Fragment \"{}\" spreads itself, directly or through other fragments",
            clip(name)
        );
        return Err(vec![with_code(
            ServerError::new(message, Some(at)),
            Code::GraphqlValidationFailed,
        )]);
    }
    let (first, count) = typename::check(doc, MAX_ERRORS);
    if count == 0 {
        return Ok(());
    }
    let mut found: Vec<_> = first
        .into_iter()
        .map(|e| with_code(e, Code::GraphqlValidationFailed))
        .collect();
    if count > found.len() {
        found.push(left_out_error(count - found.len()));
    }
    Err(found)
}
