//! Who is asking: anonymous, or the holder of an organisation token with a role.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

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

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 4] = [Role::PlatformAdmin, Role::OrgAdmin, Role::Editor, Role::Reader];

    /// The stored and signed spelling: `PLATFORM_ADMIN`, `ORG_ADMIN`, `EDITOR`, `READER`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::PlatformAdmin => "PLATFORM_ADMIN",
            Role::OrgAdmin => "ORG_ADMIN",
            Role::Editor => "EDITOR",
            Role::Reader => "READER",
        }
    }

    /// Reads the stored spelling back; `None` for anything else.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether a holder of `self` may hand out `other`: equal or lower roles only.
    pub fn covers(self, other: Role) -> bool {
        self <= other
    }
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
    /// The label the token was given when it was issued.
    pub label: String,
    /// When the token stops working.
    pub expires_at: DateTime<Utc>,
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

    /// The token, unless anonymous.
    pub fn token(&self) -> Option<&TokenViewer> {
        match self {
            Viewer::Token(t) => Some(t),
            Viewer::Anonymous => None,
        }
    }

    /// The viewer's organisation, if any.
    pub fn organisation_id(&self) -> Option<i32> {
        match self {
            Viewer::Token(t) => t.organisation_id,
            Viewer::Anonymous => None,
        }
    }

    /// The whole of this viewer as a key: every field, so two viewers with equal keys are the
    /// same viewer to every rule in `policy.rs` (a statement built for one is the other's).
    /// Fields are named one by one: a field added to [`TokenViewer`] must be added here.
    pub fn key(&self) -> ViewerKey {
        match self {
            Viewer::Anonymous => ViewerKey::Anonymous,
            Viewer::Token(TokenViewer {
                token_id,
                organisation_id,
                role,
                coalitions,
                label,
                expires_at,
            }) => {
                let mut sorted: Vec<i32> = coalitions.iter().copied().collect();
                sorted.sort_unstable();
                ViewerKey::Token {
                    token_id: *token_id,
                    organisation_id: *organisation_id,
                    role: *role,
                    coalitions: sorted,
                    label: label.clone(),
                    expires_at: *expires_at,
                }
            }
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

/// A viewer as a key ([`Viewer::key`]): its coalitions sorted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ViewerKey {
    /// No token.
    Anonymous,
    /// A token's viewer, every field.
    Token {
        /// The token's id.
        token_id: i32,
        /// The token's organisation.
        organisation_id: Option<i32>,
        /// The token's role.
        role: Role,
        /// The organisation's coalitions, in order.
        coalitions: Vec<i32>,
        /// The token's label.
        label: String,
        /// When the token expires.
        expires_at: DateTime<Utc>,
    },
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::{Role, TokenViewer, Viewer};

    #[test]
    fn a_viewer_key_tells_every_field_apart_and_not_the_order_of_coalitions() {
        let t = TokenViewer {
            token_id: 1,
            organisation_id: Some(2),
            role: Role::Reader,
            coalitions: [3, 1, 2].into(),
            label: "sync".into(),
            expires_at: Utc::now(),
        };
        let base = Viewer::Token(t.clone());
        let same = Viewer::Token(TokenViewer {
            coalitions: [2, 3, 1].into_iter().collect(),
            ..t.clone()
        });
        assert_eq!(base.key(), same.key());
        let others = [
            Viewer::Anonymous,
            Viewer::Token(TokenViewer {
                token_id: 9,
                ..t.clone()
            }),
            Viewer::Token(TokenViewer {
                organisation_id: None,
                ..t.clone()
            }),
            Viewer::Token(TokenViewer {
                role: Role::Editor,
                ..t.clone()
            }),
            Viewer::Token(TokenViewer {
                coalitions: [3, 1].into(),
                ..t.clone()
            }),
            Viewer::Token(TokenViewer {
                label: "other".into(),
                ..t.clone()
            }),
            Viewer::Token(TokenViewer {
                expires_at: t.expires_at + chrono::Duration::seconds(1),
                ..t.clone()
            }),
        ];
        for other in others {
            assert_ne!(base.key(), other.key(), "{other:?}");
        }
    }

    #[test]
    fn roles_round_trip_and_rank() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("admin"), None);
        assert!(Role::OrgAdmin.covers(Role::Editor) && Role::OrgAdmin.covers(Role::OrgAdmin));
        assert!(!Role::OrgAdmin.covers(Role::PlatformAdmin) && !Role::Reader.covers(Role::Editor));
    }
}
