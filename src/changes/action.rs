//! What happened to a record, as a change event names it.

/// The verb of a change event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// The record was created.
    Created,
    /// Fields of the record changed.
    Updated,
    /// The record was deleted.
    Deleted,
    /// A learning question moved to another status.
    StatusChanged,
    /// Who may see the record changed.
    VisibilityChanged,
    /// A record was linked to another (a theme, a question, a session).
    Linked,
    /// A link was removed.
    Unlinked,
    /// An organisation or person joined a coalition or workgroup.
    MemberAdded,
    /// An organisation or person left a coalition or workgroup.
    MemberRemoved,
    /// The record was archived.
    Archived,
    /// The record was restored from the archive.
    Restored,
    /// An API token was revoked.
    Revoked,
    /// A person's personal data was erased.
    Erased,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 13] = [
        Action::Created,
        Action::Updated,
        Action::Deleted,
        Action::StatusChanged,
        Action::VisibilityChanged,
        Action::Linked,
        Action::Unlinked,
        Action::MemberAdded,
        Action::MemberRemoved,
        Action::Archived,
        Action::Restored,
        Action::Revoked,
        Action::Erased,
    ];

    /// The stored spelling, as the API shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Created => "CREATED",
            Action::Updated => "UPDATED",
            Action::Deleted => "DELETED",
            Action::StatusChanged => "STATUS_CHANGED",
            Action::VisibilityChanged => "VISIBILITY_CHANGED",
            Action::Linked => "LINKED",
            Action::Unlinked => "UNLINKED",
            Action::MemberAdded => "MEMBER_ADDED",
            Action::MemberRemoved => "MEMBER_REMOVED",
            Action::Archived => "ARCHIVED",
            Action::Restored => "RESTORED",
            Action::Revoked => "REVOKED",
            Action::Erased => "ERASED",
        }
    }

    /// Reads the stored spelling back.
    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// Whether the event must also reach whom could see the record before: a deletion, a
    /// narrowed visibility and an erasure tell every holder of a copy to drop it.
    pub fn reaches_former_readers(self) -> bool {
        matches!(self, Action::Deleted | Action::VisibilityChanged | Action::Erased)
    }
}
