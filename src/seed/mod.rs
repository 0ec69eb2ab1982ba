//! Data that fills an empty database: the demo dataset from the source pages.

pub mod bench;
pub mod demo;

pub use demo::seed_demo;
