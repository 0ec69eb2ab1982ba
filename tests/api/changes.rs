//! The change feed: what every write leaves in the log, who sees which event, paging without
//! gaps under concurrent writers, retention, and the `changes` subscription over
//! graphql-transport-ws.

mod client;
mod feed;
mod order;
mod protocol;
mod replicas;
mod retention;
mod slow;
mod subscription;
mod support;
mod sync_script;
mod visibility;
mod ws;
