//! What every write shares: validation problems reported per field, optimistic locking and the
//! transaction that holds the change and its audit event together.

mod check;
pub mod coalitions;
pub mod contributions;
mod links;
mod load;
pub mod meetings;
pub mod organisations;
pub mod outcomes;
pub mod path;
pub mod people;
pub mod questions;
pub mod save;
pub mod sync;
pub mod themes;
pub mod tracks;
mod versioned;
pub mod workgroups;

/// Copies every field of `$f` that is `Some` into the active model `$am` and records its
/// client-facing name in `$changed`, so the audit log says exactly what a write set.
macro_rules! apply_fields {
    ($am:expr, $f:expr, $changed:expr; $($field:ident => $name:literal),+ $(,)?) => {
        $(if let Some(v) = &$f.$field {
            $am.$field = sea_orm::ActiveValue::Set(v.clone());
            $changed.push($name);
        })+
    };
}
pub(crate) use apply_fields;

pub use check::Check;
pub use versioned::update_versioned;

use crate::codes::{Code, Place};
use crate::error::AppError;

/// A validation problem with one input field, returned to the client in `userErrors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The input field, in the client's spelling (`title`, `startsAt`, …).
    pub field: &'static str,
    /// What is wrong, for a person.
    pub message: String,
    /// Stable code, one met in `userErrors` (see [`Place::UserError`]).
    pub code: Code,
}

impl FieldError {
    /// A new problem.
    pub fn new(field: &'static str, code: Code, message: impl Into<String>) -> Self {
        debug_assert!(code.is_in(Place::UserError), "{code:?} is no userErrors code");
        FieldError {
            field,
            message: message.into(),
            code,
        }
    }
}

/// Why a write did not happen: bad input (reported as `userErrors`), or an error (auth, fault).
#[derive(Debug)]
pub enum WriteError {
    /// The input is invalid; nothing was written.
    Invalid(Vec<FieldError>),
    /// Refused or failed; nothing was written.
    App(AppError),
}

impl<E: Into<AppError>> From<E> for WriteError {
    fn from(e: E) -> Self {
        WriteError::App(e.into())
    }
}

impl WriteError {
    /// The error of a write that takes no field input, where no field can be at fault.
    pub fn into_app(self) -> AppError {
        match self {
            WriteError::App(e) => e,
            WriteError::Invalid(problems) => {
                let what = problems
                    .iter()
                    .map(|p| p.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; ");
                AppError::bad_input(what)
            }
        }
    }
}

/// Result of a write service.
pub type WriteResult<T> = Result<T, WriteError>;

/// A single problem as a `WriteError`.
pub fn invalid(field: &'static str, code: Code, message: impl Into<String>) -> WriteError {
    WriteError::Invalid(vec![FieldError::new(field, code, message)])
}
