//! Who is asking: anonymous, or the holder of an organisation token with a role.

use std::collections::HashSet;

/// The role a token carries, from most to least powerful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Everything, on every organisation.
    PlatformAdmin,
    /// Its own organisation: profile, people, tokens.
    OrgAdmin,
    /// Writes questions, contributions and meetings in its organisation's coalitions.
    Editor,
    /// Read-only integration.
    Reader,
}

/// The authenticated side of a viewer.
#[derive(Debug, Clone)]
pub struct TokenViewer {
    /// Row id of the token.
    pub token_id: i32,
    /// The organisation the token belongs to (none for a platform token).
    pub organisation_id: Option<i32>,
    /// What the token may do.
    pub role: Role,
    /// Coalitions the organisation is a current member of, read once per request.
    pub coalitions: HashSet<i32>,
}

/// Who is making the request. Decided once per request, before any resolver runs.
#[derive(Debug, Clone, Default)]
pub enum Viewer {
    /// No token: public data only.
    #[default]
    Anonymous,
    /// A valid organisation or platform token.
    Token(TokenViewer),
}

impl Viewer {
    /// A platform admin sees everything.
    pub fn is_platform_admin(&self) -> bool {
        matches!(self, Viewer::Token(t) if t.role == Role::PlatformAdmin)
    }

    /// The viewer's organisation, if any.
    pub fn organisation_id(&self) -> Option<i32> {
        match self {
            Viewer::Token(t) => t.organisation_id,
            Viewer::Anonymous => None,
        }
    }

    /// Whether the viewer is inside `coalition_id`'s safe space (member, or platform admin).
    pub fn in_coalition(&self, coalition_id: i32) -> bool {
        match self {
            Viewer::Token(t) => t.role == Role::PlatformAdmin || t.coalitions.contains(&coalition_id),
            Viewer::Anonymous => false,
        }
    }
}
