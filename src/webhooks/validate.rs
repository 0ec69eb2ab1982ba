//! Checking a webhook's input before anything is written: the URL (form, and every address its
//! host resolves to now), the description, the filter and the coalition. Every problem is
//! reported at once.

use entity::{coalition, organisation, webhook};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::{WebhookFields, resolve, ssrf};
use crate::codes::Code;
use crate::config::WebhookSettings;
use crate::ids::NodeType;
use crate::services::write::{Check, WriteResult};

/// Longest URL, in characters.
pub const MAX_URL: usize = 2048;
/// Longest description, in characters.
pub const MAX_DESCRIPTION: usize = 500;
/// Most webhooks one organisation may have.
pub const MAX_PER_ORGANISATION: u64 = 100;

/// Record types a webhook cannot hear: it reads as a READER, and these are for admins only.
const ADMIN_ONLY: [NodeType; 3] = [NodeType::ApiToken, NodeType::Webhook, NodeType::WebhookDelivery];

/// Checks `f` (every field that is set), normalising it in place.
pub async fn fields(db: &impl ConnectionTrait, settings: &WebhookSettings, f: &mut WebhookFields) -> WriteResult<()> {
    let mut check = Check::new();
    if let Some(url) = &f.url {
        let url = url.trim().to_string();
        if let Err(why) = check_url(settings, &url).await {
            let code = match url.chars().count() {
                0 => Code::Required,
                n if n > MAX_URL => Code::TooLong,
                _ => Code::Invalid,
            };
            check.fail("url", code, why);
        }
        f.url = Some(url);
    }
    if let Some(Some(d)) = &f.description {
        let d = d.trim();
        if d.chars().count() > MAX_DESCRIPTION {
            check.fail(
                "description",
                Code::TooLong,
                format!("`description` is longer than {MAX_DESCRIPTION} characters"),
            );
        } else if d.contains('\0') {
            check.fail(
                "description",
                Code::Invalid,
                "`description` may not contain NUL characters",
            );
        }
        f.description = Some((!d.is_empty()).then(|| d.to_string()));
    }
    if let Some(types) = &mut f.entity_types {
        if types.iter().any(|t| ADMIN_ONLY.contains(t)) {
            let msg =
                "A webhook hears what a READER of its organisation may read: API tokens and webhooks are not among it";
            check.fail("entityTypes", Code::Invalid, msg);
        }
        types.sort_by_key(|t| t.name());
        types.dedup();
    }
    if let Some(actions) = &mut f.actions {
        actions.sort_by_key(|a| a.as_str());
        actions.dedup();
    }
    if let Some(Some(c)) = f.coalition
        && coalition::Entity::find_by_id(c).one(db).await?.is_none()
    {
        check.fail("coalition", Code::NotFound, "No such coalition");
    }
    check.finish()
}

/// Whether `url` may be a receiver: its form, and each address its host resolves to now.
async fn check_url(settings: &WebhookSettings, url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Err("`url` must not be empty".into());
    }
    if url.chars().count() > MAX_URL {
        return Err(format!("`url` is longer than {MAX_URL} characters"));
    }
    let parsed = ssrf::check_url(url, settings.webhook_allow_http)?;
    let allow = settings.webhook_allow_private;
    if let Some(ip) = ssrf::literal(&parsed) {
        return ssrf::refusal(ip, allow).map_or(Ok(()), Err);
    }
    let host = parsed.host_str().unwrap_or_default();
    let port = parsed.port_or_known_default().unwrap_or(443);
    resolve::lookup(host, port, allow).await.map(drop).map_err(|r| r.0)
}

/// Whether organisation `org` may get another webhook.
pub async fn organisation(db: &impl ConnectionTrait, org: i32) -> WriteResult<()> {
    let mut check = Check::new();
    match organisation::Entity::find_by_id(org).one(db).await? {
        None => check.fail("organisation", Code::NotFound, "No such organisation"),
        Some(o) if o.archived_at.is_some() => check.fail(
            "organisation",
            Code::Archived,
            "The organisation is archived: restore it before adding webhooks",
        ),
        Some(_) => {
            let n = webhook::Entity::find()
                .filter(webhook::Column::OrganisationId.eq(org))
                .count(db)
                .await?;
            if n >= MAX_PER_ORGANISATION {
                let msg = format!("An organisation has at most {MAX_PER_ORGANISATION} webhooks");
                check.fail("organisation", Code::LimitReached, msg);
            }
        }
    }
    check.finish()
}
