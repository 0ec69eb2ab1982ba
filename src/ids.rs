//! Opaque global IDs: base64url of `Type:id`. Clients must treat them as opaque strings. This
//! module sits below both the services and the GraphQL layer, so services name records without
//! knowing GraphQL.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::echo::clip;
use crate::error::AppError;

/// Every type that implements `Node`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeType {
    Organisation,
    Coalition,
    CoalitionMembership,
    Workgroup,
    WorkgroupMembership,
    Person,
    Theme,
    LearningQuestion,
    Contribution,
    LearningTrack,
    Meeting,
    Outcome,
    AuditEvent,
    ApiToken,
    ChangeEvent,
    Webhook,
    WebhookDelivery,
}

impl NodeType {
    /// Every node type.
    pub const ALL: [NodeType; 17] = [
        NodeType::Organisation,
        NodeType::Coalition,
        NodeType::CoalitionMembership,
        NodeType::Workgroup,
        NodeType::WorkgroupMembership,
        NodeType::Person,
        NodeType::Theme,
        NodeType::LearningQuestion,
        NodeType::Contribution,
        NodeType::LearningTrack,
        NodeType::Meeting,
        NodeType::Outcome,
        NodeType::AuditEvent,
        NodeType::ApiToken,
        NodeType::ChangeEvent,
        NodeType::Webhook,
        NodeType::WebhookDelivery,
    ];

    /// Whether a change to a record of this type can change what a token may do or see: its
    /// own row, its organisation, or the coalitions that organisation is a member of.
    pub fn decides_who_sees(self) -> bool {
        matches!(
            self,
            NodeType::ApiToken | NodeType::Organisation | NodeType::Coalition | NodeType::CoalitionMembership
        )
    }

    /// The GraphQL type name.
    pub fn name(self) -> &'static str {
        match self {
            NodeType::Organisation => "Organisation",
            NodeType::Coalition => "Coalition",
            NodeType::CoalitionMembership => "CoalitionMembership",
            NodeType::Workgroup => "Workgroup",
            NodeType::WorkgroupMembership => "WorkgroupMembership",
            NodeType::Person => "Person",
            NodeType::Theme => "Theme",
            NodeType::LearningQuestion => "LearningQuestion",
            NodeType::Contribution => "Contribution",
            NodeType::LearningTrack => "LearningTrack",
            NodeType::Meeting => "Meeting",
            NodeType::Outcome => "Outcome",
            NodeType::AuditEvent => "AuditEvent",
            NodeType::ApiToken => "ApiToken",
            NodeType::ChangeEvent => "ChangeEvent",
            NodeType::Webhook => "Webhook",
            NodeType::WebhookDelivery => "WebhookDelivery",
        }
    }

    /// Reads a type name back; `None` for anything else.
    pub fn parse(name: &str) -> Option<NodeType> {
        NodeType::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// The global ID of row `id` of type `t`.
pub fn encode(t: NodeType, id: i32) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}:{id}", t.name()))
}

/// Splits a global ID into its type and row id.
pub fn decode(id: &str) -> Result<(NodeType, i32), AppError> {
    let bad = || AppError::bad_input(format!("Malformed ID \"{}\"", clip(id)));
    let bytes = URL_SAFE_NO_PAD.decode(id.trim()).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let (name, num) = text.split_once(':').ok_or_else(bad)?;
    let t = NodeType::parse(name).ok_or_else(bad)?;
    let n: i32 = num.parse().map_err(|_| bad())?;
    if n <= 0 {
        return Err(bad());
    }
    Ok((t, n))
}

/// The row id behind a global ID that must be of type `t`.
pub fn decode_as(id: &str, t: NodeType) -> Result<i32, AppError> {
    let (actual, n) = decode(id)?;
    if actual != t {
        return Err(AppError::bad_input(format!(
            "ID \"{}\" belongs to a {}, but a {} was expected",
            clip(id),
            actual.name(),
            t.name()
        )));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_garbage() {
        for t in NodeType::ALL {
            assert_eq!(decode(&encode(t, 42)).ok(), Some((t, 42)));
        }
        for bad in ["", "!!", "T3JnYW5pc2F0aW9u", "Rm9vOjE", "T3JnYW5pc2F0aW9uOi0x"] {
            assert!(matches!(decode(bad), Err(AppError::BadUserInput(_))), "{bad}");
        }
        let org = encode(NodeType::Organisation, 1);
        assert!(decode_as(&org, NodeType::Coalition).is_err());
    }
}
