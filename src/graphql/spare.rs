//! Which fields of a node show which of its long texts, so that a nested list whose request
//! shows none of a text's fields leaves the column unread (see `loaders::Unread`).
//!
//! Every field that reads a listed column, directly or through a service, must be named with
//! it: a field left out would read the placeholder (`''` or null) instead of the text. The
//! request's look-ahead counts a field wherever it appears under the list's `nodes` or
//! `edges { node }`, in fragments too and whatever their type condition or directives, so a
//! column is only ever read more often than needed, never less.

use async_graphql::Lookahead;

use super::connection::nodes_select;
use crate::loaders::Unread;
use crate::paging::Keyed;

/// The long text columns of an entity that a list may leave unread, each with the fields that
/// show it.
pub trait Spare: Keyed {
    /// Each column with every field that reads it.
    fn spare() -> &'static [(Self::Column, &'static [&'static str])] {
        &[]
    }
}

/// The columns of `E` that no field under `connection` (a list field's look-ahead) shows.
pub fn unread<E: Spare>(connection: &Lookahead<'_>) -> Unread {
    let spare = E::spare();
    if spare.is_empty() {
        return Unread::NONE;
    }
    let unshown = spare
        .iter()
        .filter(|(_, fields)| !fields.iter().any(|field| nodes_select(connection, field)))
        .map(|(column, _)| *column);
    Unread::of::<E>(unshown)
}

/// Implements `Spare` for entities with long texts: each column with the fields that read it.
macro_rules! spare {
    ($($m:ident { $($column:ident: [$($field:literal),+]),+ })+) => { $(impl Spare for entity::$m::Entity {
        fn spare() -> &'static [(Self::Column, &'static [&'static str])] {
            &[$((entity::$m::Column::$column, &[$($field),+])),+]
        }
    })+ };
}

spare! {
    learning_question { Context: ["context", "similarQuestions"], ResolutionSummary: ["resolutionSummary"] }
    coalition { Description: ["description"] }
    workgroup { Description: ["description"] }
    theme { Description: ["description"] }
    meeting { Report: ["report"] }
    learning_track { Goal: ["goal"] }
    outcome { Summary: ["summary"] }
}

/// Entities whose rows a list always reads whole.
macro_rules! whole {
    ($($m:ident),+) => { $(impl Spare for entity::$m::Entity {})+ };
}

whole!(
    organisation,
    coalition_membership,
    workgroup_membership,
    person,
    contribution,
    webhook_delivery
);
