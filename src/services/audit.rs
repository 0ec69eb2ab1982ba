//! The audit log: one `audit_event` row per successful mutation, written in the mutation's own
//! transaction so a change and its record stand or fall together.

use chrono::Utc;
use entity::audit_event;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ConnectionTrait};

use crate::error::AppResult;
use crate::viewer::Viewer;

/// Role recorded for changes made with the `samenspel` command line, which has no token.
pub const CLI_ROLE: &str = "CLI";

/// Who made a change.
struct Actor<'a> {
    token_id: Option<i32>,
    organisation_id: Option<i32>,
    role: &'a str,
}

/// Records that `viewer` did `action` (e.g. `createApiToken`) to the `entity_type` with global
/// ID `entity_id`, changing the fields named in `changed`.
pub async fn record(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    action: &str,
    entity_type: &str,
    entity_id: &str,
    changed: &[&str],
) -> AppResult<()> {
    let actor = match viewer {
        Viewer::Token(t) => Actor {
            token_id: Some(t.token_id),
            organisation_id: t.organisation_id,
            role: t.role.as_str(),
        },
        Viewer::Anonymous => Actor {
            token_id: None,
            organisation_id: None,
            role: "ANONYMOUS",
        },
    };
    write(conn, actor, action, entity_type, entity_id, changed).await
}

/// Records a change made with the command line (`samenspel token …`).
pub async fn record_cli(
    conn: &impl ConnectionTrait,
    action: &str,
    entity_type: &str,
    entity_id: &str,
    changed: &[&str],
) -> AppResult<()> {
    let actor = Actor {
        token_id: None,
        organisation_id: None,
        role: CLI_ROLE,
    };
    write(conn, actor, action, entity_type, entity_id, changed).await
}

async fn write(
    conn: &impl ConnectionTrait,
    actor: Actor<'_>,
    action: &str,
    entity_type: &str,
    entity_id: &str,
    changed: &[&str],
) -> AppResult<()> {
    let changed_fields = serde_json::to_string(changed).map_err(anyhow::Error::from)?;
    audit_event::ActiveModel {
        id: NotSet,
        token_id: Set(actor.token_id),
        organisation_id: Set(actor.organisation_id),
        role: Set(actor.role.to_string()),
        action: Set(action.to_string()),
        entity_type: Set(entity_type.to_string()),
        entity_id: Set(entity_id.to_string()),
        changed_fields: Set(changed_fields),
        created_at: Set(Utc::now()),
    }
    .insert(conn)
    .await?;
    Ok(())
}
