//! sea-orm entities of the Samenspel domain: partners, coalitions, workgroups, people, learning
//! questions and what answers them. GraphQL types live in the root crate and never derive from these.

pub mod api_token;
pub mod audit_event;
pub mod change_event;
pub mod change_log;
pub mod coalition;
pub mod coalition_membership;
pub mod contribution;
pub mod enums;
pub mod learning_question;
pub mod learning_track;
pub mod meeting;
pub mod meeting_question;
pub mod organisation;
pub mod outcome;
pub mod outcome_question;
pub mod person;
pub mod question_theme;
pub mod theme;
pub mod track_session;
pub mod webhook;
pub mod webhook_delivery;
pub mod workgroup;
pub mod workgroup_membership;
pub mod workgroup_theme;

pub use enums::*;
