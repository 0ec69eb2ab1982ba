//! A person's data rights (issue 13): the register of personal data, the export and the erasure
//! of a person's data, who may ask for them, their budget, and retention of the audit log.

mod access;
mod erase;
mod export;
mod register;
mod retention;
mod scan;
mod support;
