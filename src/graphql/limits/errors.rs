//! The errors of the limits: refusals with a stable code (and `extensions.limit`), and what one
//! response may say: at most [`MAX_ERRORS`] errors and one more that counts the rest, and no
//! message that repeats the client's input beyond a short prefix.

use async_graphql::{Response, ServerError, Value};

use super::MAX_NESTING;
use crate::codes::Code;
use crate::echo::shorten;

/// Most errors one response carries before the rest are left out.
pub const MAX_ERRORS: usize = 100;

/// Holds `response` to the bounds: its first [`MAX_ERRORS`] errors, then one saying how many
/// were left out (code `TOO_MANY_ERRORS`, `extensions.limit`); every message shortened. A
/// response that was refused with a count of its own (see `QueryLimits::admit`) keeps it.
pub fn bound(response: &mut Response) {
    let errors = &mut response.errors;
    let counted = errors.len() == MAX_ERRORS + 1 && errors.last().is_some_and(is_left_out);
    if errors.len() > MAX_ERRORS && !counted {
        let left_out = errors.len() - MAX_ERRORS;
        errors.truncate(MAX_ERRORS);
        errors.push(left_out_error(left_out));
    }
    for e in errors.iter_mut() {
        shorten_message(e);
    }
}

fn is_left_out(e: &ServerError) -> bool {
    let code = e.extensions.as_ref().and_then(|x| x.get("code"));
    matches!(code, Some(Value::String(c)) if c == Code::TooManyErrors.as_str())
}

/// The last error of a response whose other `left_out` errors were left out.
pub fn left_out_error(left_out: usize) -> ServerError {
    let message = format!(
        "{left_out} more error{} left out: a response carries at most {MAX_ERRORS}",
        if left_out == 1 { " was" } else { "s were" }
    );
    refusal(Code::TooManyErrors, message, MAX_ERRORS)
}

fn shorten_message(e: &mut ServerError) {
    if let Some(short) = shorten(&e.message) {
        e.message = short;
    }
}

/// The parser's error, said without the parser's picture of the offending line (a query of
/// 250 KB on one line would come back whole): where, and what was expected.
pub(super) fn syntax_error(mut e: ServerError) -> ServerError {
    if !e.message.trim_start().starts_with("-->") {
        return e;
    }
    let reason = e
        .message
        .lines()
        .rev()
        .find_map(|l| l.trim_start().strip_prefix("= "))
        .unwrap_or("this is not a GraphQL document");
    e.message = match e.locations.first() {
        Some(at) => format!("Syntax error at line {}, column {}: {reason}", at.line, at.column),
        None => format!("Syntax error: {reason}"),
    };
    e
}

/// The refusal of a document nested deeper than [`MAX_NESTING`], whether the bracket count,
/// the parser, our measure or async-graphql's recursion guard noticed it.
pub(super) fn too_nested() -> ServerError {
    let message = format!(
        "The query nests selections (fields, fragments and inline fragments) or brackets deeper than \
         the limit of {MAX_NESTING}"
    );
    refusal(Code::QueryTooDeep, message, MAX_NESTING)
}

pub(super) fn refusal(code: Code, message: String, limit: usize) -> ServerError {
    let mut e = ServerError::new(message, None);
    set_code(&mut e, code);
    set_limit(&mut e, limit);
    e
}

pub(super) fn with_code(mut e: ServerError, code: Code) -> ServerError {
    set_code(&mut e, code);
    e
}

/// Gives `e` the code `code` unless it has one.
pub(super) fn set_code(e: &mut ServerError, code: Code) {
    let ext = e.extensions.get_or_insert_with(Default::default);
    if ext.get("code").is_none() {
        ext.set("code", code);
    }
}

pub(super) fn set_limit(e: &mut ServerError, limit: usize) {
    e.extensions
        .get_or_insert_with(Default::default)
        .set("limit", limit as u64);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_errors_and_counts_the_rest() {
        let mut r = Response::from_errors((0..250).map(|i| ServerError::new(format!("e{i}"), None)).collect());
        bound(&mut r);
        assert_eq!(r.errors.len(), MAX_ERRORS + 1);
        assert_eq!(r.errors[MAX_ERRORS - 1].message, "e99");
        assert!(r.errors[MAX_ERRORS].message.starts_with("150 more errors"));
        let mut r = Response::from_errors(vec![ServerError::new("one", None)]);
        bound(&mut r);
        assert_eq!(r.errors.len(), 1);
        let mut counted: Vec<_> = (0..MAX_ERRORS)
            .map(|i| ServerError::new(format!("e{i}"), None))
            .collect();
        counted.push(left_out_error(79_900));
        let mut r = Response::from_errors(counted);
        bound(&mut r);
        assert!(r.errors[MAX_ERRORS].message.starts_with("79900 more errors"));
    }
}
