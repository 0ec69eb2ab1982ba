//! `UserError`: a problem with one field of a mutation's input, as every payload reports it in
//! `userErrors`. Auth problems and faults are GraphQL errors instead.

use async_graphql::SimpleObject;

use crate::codes::Code;
use crate::services::write::{FieldError, WriteError, WriteResult};

/// A problem with the input of a mutation; when a payload holds any, nothing was written.
#[derive(SimpleObject, Debug, Clone, PartialEq, Eq)]
pub struct UserError {
    /// Path to the input field at fault, relative to `input`, e.g. `["label"]`; null when the
    /// input as a whole is at fault.
    pub field: Option<Vec<String>>,
    /// What is wrong, for a person.
    pub message: String,
    /// Stable code: `REQUIRED`, `TOO_LONG`, `OUT_OF_RANGE`, `INVALID`, `DUPLICATE`, `NOT_FOUND`,
    /// `VERSION_CONFLICT`, …
    pub code: String,
}

impl UserError {
    /// A problem with `field`.
    pub fn new(field: &str, code: Code, message: impl Into<String>) -> Self {
        UserError {
            field: Some(vec![field.to_string()]),
            message: message.into(),
            code: code.as_str().to_owned(),
        }
    }
}

impl From<FieldError> for UserError {
    fn from(e: FieldError) -> Self {
        UserError::new(e.field, e.code, e.message)
    }
}

/// Splits the outcome of a write service for a payload: the result and no user errors, no
/// result and the user errors, or a GraphQL error (UNAUTHENTICATED, FORBIDDEN, …).
pub fn outcome<T>(r: WriteResult<T>) -> async_graphql::Result<(Option<T>, Vec<UserError>)> {
    match r {
        Ok(v) => Ok((Some(v), Vec::new())),
        Err(WriteError::Invalid(problems)) => Ok((None, problems.into_iter().map(UserError::from).collect())),
        Err(WriteError::App(e)) => Err(e.into()),
    }
}
