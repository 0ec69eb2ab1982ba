//! The change-event log, below services and schema: what an event says ([`Action`], [`Scope`]),
//! how writers wake readers ([`signal`], [`hub`]), the feed a reader pages ([`feed`]) and how old
//! events go ([`retention`]). Events are written only by the one write path
//! (`services::write::path`).

mod action;
pub mod cursor;
pub mod feed;
pub mod follow;
pub mod hub;
pub mod retention;
mod scope;
pub mod shared;
pub mod signal;
mod visible;

pub use action::Action;
pub use scope::{Level, Scope};
