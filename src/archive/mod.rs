//! The coalition archive, for handing a coalition's knowledge over when it ends: one JSON
//! object a line (`format`), written from a coalition (`export`) and read into another
//! instance of either database kind (`import`), by the command line or through a short-lived
//! download link of the API (`link`, `request`).

pub mod commands;
pub mod export;
mod export_rows;
pub mod format;
pub mod import;
pub mod link;
mod load;
mod load_directory;
mod load_meetings;
mod load_work;
mod read;
pub mod records;
pub mod request;

pub use format::VERSION;
pub use link::LinkKey;
