//! HTTP: the GraphQL endpoint as GraphQL over HTTP says, its limits and rate limit, GraphiQL and
//! the health probes, and the download of coalition archives.

pub mod accept;
pub mod archive;
pub mod client;
pub mod extract;
pub mod gate;
pub mod graphiql;
pub mod graphql;
pub mod health;
pub mod layers;
pub mod params;
pub mod rate_limit;
pub mod refusal;
pub mod reply;
pub mod ws;

pub use gate::Gate;
pub use graphql::graphql;
pub use health::{healthz, readyz};
