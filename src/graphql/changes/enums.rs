//! What a reader of the change feed filters on.

use async_graphql::{Enum, ID, InputObject};

use crate::changes::Action;
use crate::changes::feed::Filter;
use crate::error::AppResult;
use crate::ids::{NodeType, decode_as};

/// What happened to a record.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "crate::changes::Action")]
pub enum ChangeAction {
    /// The record was created.
    Created,
    /// Fields of the record changed (`changedFields` names them).
    Updated,
    /// The record was deleted; `node` is null from now on.
    Deleted,
    /// A learning question moved to another status.
    StatusChanged,
    /// Who may see the record changed. Also shown to whom could see it before, so that a
    /// reader who lost sight of it (`node` null) drops its copy.
    VisibilityChanged,
    /// The record was linked to another (a theme, a question, a session).
    Linked,
    /// A link of the record was removed.
    Unlinked,
    /// A member joined (an organisation a coalition, a person a workgroup).
    MemberAdded,
    /// A member left.
    MemberRemoved,
    /// The record was archived.
    Archived,
    /// The record was restored from the archive.
    Restored,
    /// An API token was revoked.
    Revoked,
    /// A person's personal data was erased: drop every copy of it.
    Erased,
}

/// The kinds of record the change feed reports on.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum ChangeEntityType {
    /// A partner organisation.
    Organisation,
    /// A coalition.
    Coalition,
    /// An organisation's membership of a coalition.
    CoalitionMembership,
    /// A workgroup (its members' changes are events of the workgroup).
    Workgroup,
    /// A person.
    Person,
    /// A theme.
    Theme,
    /// A learning question.
    LearningQuestion,
    /// A contribution.
    Contribution,
    /// A learning track.
    LearningTrack,
    /// A meeting.
    Meeting,
    /// An outcome.
    Outcome,
    /// An API token (seen by its organisation's admins).
    ApiToken,
    /// A webhook (seen by its organisation's admins).
    Webhook,
    /// A webhook delivery queued by hand, a ping or a redelivery (seen by the organisation's
    /// admins).
    WebhookDelivery,
}

impl From<ChangeEntityType> for NodeType {
    fn from(t: ChangeEntityType) -> Self {
        use ChangeEntityType as C;
        match t {
            C::Organisation => NodeType::Organisation,
            C::Coalition => NodeType::Coalition,
            C::CoalitionMembership => NodeType::CoalitionMembership,
            C::Workgroup => NodeType::Workgroup,
            C::Person => NodeType::Person,
            C::Theme => NodeType::Theme,
            C::LearningQuestion => NodeType::LearningQuestion,
            C::Contribution => NodeType::Contribution,
            C::LearningTrack => NodeType::LearningTrack,
            C::Meeting => NodeType::Meeting,
            C::Outcome => NodeType::Outcome,
            C::ApiToken => NodeType::ApiToken,
            C::Webhook => NodeType::Webhook,
            C::WebhookDelivery => NodeType::WebhookDelivery,
        }
    }
}

impl ChangeEntityType {
    /// The enum value of a node type the feed reports on.
    pub fn of(t: NodeType) -> Option<ChangeEntityType> {
        use ChangeEntityType as C;
        [
            C::Organisation,
            C::Coalition,
            C::CoalitionMembership,
            C::Workgroup,
            C::Person,
            C::Theme,
            C::LearningQuestion,
            C::Contribution,
            C::LearningTrack,
            C::Meeting,
            C::Outcome,
            C::ApiToken,
            C::Webhook,
            C::WebhookDelivery,
        ]
        .into_iter()
        .find(|c| NodeType::from(*c) == t)
    }
}

/// Which events to read; every field given must match.
#[derive(InputObject, Default, Clone)]
pub struct ChangeFilter {
    /// Only events about these kinds of record.
    pub entity_types: Option<Vec<ChangeEntityType>>,
    /// Only these actions.
    pub actions: Option<Vec<ChangeAction>>,
    /// Only events about records of this coalition (a Coalition ID).
    pub coalition: Option<ID>,
}

impl ChangeFilter {
    /// The service's filter.
    pub fn into_filter(self) -> AppResult<Filter> {
        Ok(Filter {
            entity_types: self
                .entity_types
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            actions: self.actions.unwrap_or_default().into_iter().map(Action::from).collect(),
            coalition: self.coalition.map(|c| decode_as(&c, NodeType::Coalition)).transpose()?,
        })
    }
}
