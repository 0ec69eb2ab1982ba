//! The orderings of every list. Each name appears in cursors, so renaming one invalidates the
//! cursors clients hold: add new names rather than change old ones.

use entity::{
    audit_event, coalition, coalition_membership, contribution, learning_question, learning_track, meeting,
    organisation, outcome, person, theme, workgroup, workgroup_membership,
};

use crate::paging::Sort;

/// Organisations by name.
pub const ORGANISATION_NAME: Sort<organisation::Entity> = Sort::new("NAME", organisation::Column::Name, false);
/// Coalitions by name.
pub const COALITION_NAME: Sort<coalition::Entity> = Sort::new("NAME", coalition::Column::Name, false);
/// Memberships in the order they were recorded.
pub const MEMBERSHIP_ID: Sort<coalition_membership::Entity> = Sort::new("ID", coalition_membership::Column::Id, false);
/// Workgroups by name.
pub const WORKGROUP_NAME: Sort<workgroup::Entity> = Sort::new("NAME", workgroup::Column::Name, false);
/// Workgroup memberships in the order they were recorded.
pub const WORKGROUP_MEMBERSHIP_ID: Sort<workgroup_membership::Entity> =
    Sort::new("ID", workgroup_membership::Column::Id, false);
/// People by name.
pub const PERSON_NAME: Sort<person::Entity> = Sort::new("NAME", person::Column::Name, false);
/// Themes by name.
pub const THEME_NAME: Sort<theme::Entity> = Sort::new("NAME", theme::Column::Name, false);
/// Questions, newest first.
pub const QUESTION_NEWEST: Sort<learning_question::Entity> =
    Sort::new("CREATED_AT_DESC", learning_question::Column::CreatedAt, true);
/// Contributions in the order they were made, like a conversation.
pub const CONTRIBUTION_OLDEST: Sort<contribution::Entity> =
    Sort::new("CREATED_AT_ASC", contribution::Column::CreatedAt, false);
/// Learning tracks by title.
pub const TRACK_TITLE: Sort<learning_track::Entity> = Sort::new("TITLE", learning_track::Column::Title, false);
/// Meetings in date order.
pub const MEETING_STARTS: Sort<meeting::Entity> = Sort::new("STARTS_AT_ASC", meeting::Column::StartsAt, false);
/// Outcomes by title.
pub const OUTCOME_TITLE: Sort<outcome::Entity> = Sort::new("TITLE", outcome::Column::Title, false);
/// Audit events, newest first.
pub const AUDIT_NEWEST: Sort<audit_event::Entity> = Sort::new("CREATED_AT_DESC", audit_event::Column::CreatedAt, true);
