//! What a webhook row means: its filter, the viewer it hears events as (a READER of its
//! organisation, with the coalitions the organisation is in now), and its signing secrets.

use std::collections::HashSet;

use chrono::{Duration, Utc};
use entity::{coalition_membership, organisation, webhook};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use super::seal::Sealer;
use super::secret::Secret;
use crate::changes::Action;
use crate::changes::feed::Filter;
use crate::error::{AppError, AppResult};
use crate::ids::NodeType;
use crate::viewer::{Role, TokenViewer, Viewer};

/// The events webhook `w` asked for.
pub fn filter(w: &webhook::Model) -> Filter {
    let names: Vec<String> = serde_json::from_str(&w.entity_types).unwrap_or_default();
    let actions: Vec<String> = serde_json::from_str(&w.actions).unwrap_or_default();
    Filter {
        entity_types: names.iter().filter_map(|n| NodeType::parse(n)).collect(),
        actions: actions.iter().filter_map(|a| Action::parse(a)).collect(),
        coalition: w.coalition_id,
    }
}

/// Whether event type `entity_type` with `action` in `coalition` passes `f`.
pub fn wants(f: &Filter, entity_type: &str, action: &str, coalition: Option<i32>) -> bool {
    (f.entity_types.is_empty() || f.entity_types.iter().any(|t| t.name() == entity_type))
        && (f.actions.is_empty() || f.actions.iter().any(|a| a.as_str() == action))
        && (f.coalition.is_none() || f.coalition == coalition)
}

/// The stored form of a filter's lists.
pub fn lists(types: &[NodeType], actions: &[Action]) -> (String, String) {
    let t: Vec<&str> = types.iter().map(|t| t.name()).collect();
    let a: Vec<&str> = actions.iter().map(|a| a.as_str()).collect();
    (json(&t), json(&a))
}

fn json(v: &[&str]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

/// Whose eyes organisation `org`'s webhooks see through: a READER of the organisation with the
/// coalitions it is a member of now. `None` when the organisation is archived or gone: its
/// tokens read nothing, and neither do its webhooks.
pub async fn viewer_for(db: &impl ConnectionTrait, org: i32) -> AppResult<Option<Viewer>> {
    let live = organisation::Entity::find_by_id(org)
        .one(db)
        .await?
        .is_some_and(|o| o.archived_at.is_none());
    if !live {
        return Ok(None);
    }
    use coalition_membership::Column as C;
    let coalitions: Vec<i32> = coalition_membership::Entity::find()
        .select_only()
        .column(C::CoalitionId)
        .filter(C::OrganisationId.eq(org))
        .filter(C::LeftOn.is_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(Some(Viewer::Token(TokenViewer {
        token_id: 0,
        organisation_id: Some(org),
        role: Role::Reader,
        coalitions: coalitions.into_iter().collect::<HashSet<_>>(),
        label: "webhook".into(),
        expires_at: Utc::now() + Duration::days(1),
    })))
}

/// The secrets that sign for `w` now: the current one, and the previous one until its overlap
/// ends (left out if it can no longer be opened). An error when the current one cannot be
/// opened: it was sealed under a token secret this service no longer has.
pub fn secrets(sealer: &Sealer, w: &webhook::Model) -> AppResult<Vec<Secret>> {
    let open = |sealed: &str| {
        let bytes = sealer.open(sealed)?;
        Secret::from_bytes(&bytes).ok_or_else(|| AppError::from(anyhow::anyhow!("webhook secret of wrong length")))
    };
    let mut out = vec![open(&w.secret)?];
    if let (Some(prev), Some(until)) = (&w.previous_secret, w.previous_secret_until)
        && until > Utc::now()
    {
        match open(prev) {
            Ok(s) => out.push(s),
            Err(e) => tracing::warn!(webhook = w.id, error = ?e, "the previous webhook secret cannot be opened"),
        }
    }
    Ok(out)
}
