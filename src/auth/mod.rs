//! Authentication: HS256 JWT bearer tokens, each backed by an `api_token` row that is checked on
//! every request, so expiry and revocation hold immediately (across PostgreSQL replicas: within a
//! second, see [`cache`]).

pub mod authenticate;
pub mod cache;
pub mod commands;
pub mod graphql;
pub mod jwt;
pub mod keys;
pub mod listing;
pub mod reject;
pub mod service;
pub mod store;

pub use authenticate::{AuthError, authenticate, token_viewer};
pub use keys::JwtKeys;
pub use reject::Rejection;
