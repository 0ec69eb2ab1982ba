//! Webhooks: management, signed delivery to real receivers on 127.0.0.1 (verified with the
//! `standardwebhooks` npm package), retries and backoff, 410, redelivery, secret rotation, who
//! hears what, order per record, SSRF refusals, and two replicas of the binary sharing the work.

mod delivery;
mod manage;
mod python;
mod receiver;
mod replicas;
mod retries;
mod ssrf;
mod support;
mod verify;
mod visibility;
