//! What a webhook receives: a thin JSON body (`type`, `timestamp`, `data`) that names the record,
//! its version, the changed fields and its coalition, and the organisation that made the change
//! only where the API would name it. The receiver reads the record itself with its own token.

use chrono::{DateTime, SecondsFormat, Utc};
use entity::{change_event, contribution};
use sea_orm::{ConnectionTrait, EntityTrait};
use serde_json::{Value, json};

use crate::changes::cursor;
use crate::error::AppResult;
use crate::ids::{NodeType, encode};
use crate::paging::CursorKey;
use crate::policy;
use crate::viewer::Viewer;

/// The `type` of a ping.
pub const PING: &str = "webhook.ping";

/// The `type` of an event: `learningQuestion.updated`, `coalitionMembership.memberAdded`, …
pub fn event_type(entity_type: &str, action: &str) -> String {
    let mut kind = entity_type.to_string();
    if let Some(first) = kind.get(..1) {
        kind = first.to_ascii_lowercase() + &kind[1..];
    }
    let mut verb = String::new();
    for (i, word) in action.split('_').enumerate() {
        let word = word.to_ascii_lowercase();
        match (i, word.get(..1)) {
            (0, _) | (_, None) => verb.push_str(&word),
            (_, Some(f)) => verb.push_str(&(f.to_ascii_uppercase() + &word[1..])),
        }
    }
    format!("{kind}.{verb}")
}

/// The body of event `ev` as `viewer` (the webhook's organisation) may hear it.
pub async fn event(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    cursors: &CursorKey,
    ev: &change_event::Model,
) -> AppResult<String> {
    let organisation = match ev.organisation_id {
        Some(org) if names_organisation(db, viewer, ev).await? => Some(encode(NodeType::Organisation, org)),
        _ => None,
    };
    let fields: Value = serde_json::from_str(&ev.changed_fields).unwrap_or_else(|_| json!([]));
    let body = json!({
        "type": event_type(&ev.entity_type, &ev.action),
        "timestamp": stamp(ev.occurred_at),
        "data": {
            "id": ev.node_id,
            "entityType": ev.entity_type,
            "action": ev.action,
            "version": ev.version,
            "changedFields": fields,
            "coalition": ev.scope_coalition_id.map(|c| encode(NodeType::Coalition, c)),
            "organisation": organisation,
            "event": encode(NodeType::ChangeEvent, i32::try_from(ev.id).unwrap_or(i32::MAX)),
            "cursor": cursor::encode(cursors, ev.id),
        }
    });
    Ok(body.to_string())
}

/// The body of a ping of webhook `id`.
pub fn ping(id: i32, at: DateTime<Utc>) -> String {
    json!({ "type": PING, "timestamp": stamp(at), "data": { "webhook": encode(NodeType::Webhook, id) } }).to_string()
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Whether the event may name the organisation that made it: not for a contribution whose
/// attribution hides its organisation from the viewer (ANONYMOUS, outside the coalition), nor
/// for a deleted contribution, whose attribution is gone, outside the coalition.
async fn names_organisation(db: &impl ConnectionTrait, viewer: &Viewer, ev: &change_event::Model) -> AppResult<bool> {
    if ev.entity_type != NodeType::Contribution.name() {
        return Ok(true);
    }
    Ok(match contribution::Entity::find_by_id(ev.entity_id).one(db).await? {
        Some(c) => policy::shows_organisation(viewer, &c),
        None => ev.scope_coalition_id.is_some_and(|c| viewer.in_coalition(c)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_lower_camel() {
        assert_eq!(event_type("LearningQuestion", "UPDATED"), "learningQuestion.updated");
        assert_eq!(
            event_type("LearningQuestion", "STATUS_CHANGED"),
            "learningQuestion.statusChanged"
        );
        assert_eq!(
            event_type("CoalitionMembership", "MEMBER_ADDED"),
            "coalitionMembership.memberAdded"
        );
    }
}
