//! Samenspel: the GraphQL data hub of Dutch social-domain learning communities.

pub mod auth;
pub mod changes;
pub mod cli;
pub mod codes;
pub mod config;
pub mod db;
pub mod echo;
pub mod error;
pub mod graphql;
pub mod http;
pub mod ids;
pub mod loaders;
pub mod observe;
pub mod paging;
pub mod permissions;
pub mod policy;
pub mod privacy;
pub mod seed;
pub mod services;
pub mod sorts;
pub mod startup;
pub mod telemetry;
pub mod text;
pub mod viewer;
