//! Dutch full-text search over learning questions, contributions, outcomes, meetings,
//! workgroups, coalitions, organisations and themes, and similar questions. PostgreSQL searches
//! a `tsvector` built with `samenspel_dutch` (the `dutch` stemmer after `unaccent`); SQLite an
//! FTS5 table of words folded and stemmed the same way in Rust. Visibility is part of the
//! candidate query, from the scope each entry keeps; this module knows nothing of GraphQL.

pub mod candidates;
pub mod document;
pub mod filter;
pub mod find;
pub mod highlight;
pub mod index;
pub mod query;
pub mod scope;
pub mod text;

pub use candidates::SCALE;
pub use document::{KINDS, Record};
pub use filter::Filter;
pub use find::{BLOCK, Hit, Hits, Position, count, search, similar_questions};
pub use index::{backfill, refresh};
pub use query::SearchQuery;
