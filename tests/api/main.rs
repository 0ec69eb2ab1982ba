//! Integration tests: every test spawns the real service on 127.0.0.1:0 with its own database
//! (a SQLite file, or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set) and talks
//! to it over HTTP.

mod archive;
mod auth;
mod bench_seed;
mod changes;
mod codes;
mod concurrency;
mod crash;
mod cursors;
mod demo;
mod errors;
mod fixtures;
mod found_inputs;
mod generated_input;
mod graphiql;
mod health;
mod helpers;
mod http_audit;
mod http_safety;
mod http_spec;
mod input_text;
mod joined;
mod limits;
mod limits_depth;
mod limits_request;
mod mutations;
mod mutations_directory;
mod mutations_matrix;
mod nodes;
mod observability;
mod paging;
mod privacy;
mod process;
mod query_cache;
mod rate_limit;
mod read_api;
mod schema;
mod search;
mod server;
mod statements;
mod text_fields;
mod text_limits;
mod visibility;
mod webhooks;
mod writes;
