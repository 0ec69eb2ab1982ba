//! The change feed: what every write leaves in the log, who sees which event, paging without
//! gaps under concurrent writers, retention, and the `changes` subscription over
//! graphql-transport-ws.

mod feed;
mod order;
mod protocol;
mod retention;
mod subscription;
mod support;
mod visibility;
mod ws;
