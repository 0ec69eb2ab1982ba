//! `samenspel token issue | revoke | list`: how a platform admin bootstraps the first tokens.
//! Each change is audited with the role `CLI`; no command ever prints a stored secret.

use std::collections::HashMap;

use anyhow::{Context, bail};
use async_graphql::ErrorExtensions;
use chrono::{DateTime, Duration, Utc};
use entity::{api_token, organisation};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::keys::JwtKeys;
use super::service::MAX_LABEL;
use super::store::{self, MAX_DAYS, NewToken, parse_id};
use crate::error::AppError;
use crate::services::write::path::{self, Actor};
use crate::viewer::Role;

/// Reads `--role`.
pub fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(&s.to_ascii_uppercase()).ok_or_else(|| "one of PLATFORM_ADMIN, ORG_ADMIN, EDITOR, READER".to_string())
}

/// Reads `--expires-in`: days, as `90d` or `90`, at most a year.
pub fn parse_days(s: &str) -> Result<i64, String> {
    let n: i64 = s
        .trim()
        .strip_suffix('d')
        .unwrap_or(s.trim())
        .parse()
        .map_err(|_| format!("\"{s}\" is not a number of days such as 90d"))?;
    if !(1..=MAX_DAYS).contains(&n) {
        return Err(format!("a token lives 1 to {MAX_DAYS} days, not {n}"));
    }
    Ok(n)
}

/// Issues a token and returns the JWT. `org` is an organisation slug; a platform token has none.
pub async fn issue(
    db: &DatabaseConnection,
    keys: &JwtKeys,
    org: Option<&str>,
    role: Role,
    days: i64,
    label: &str,
) -> anyhow::Result<String> {
    let label = label.trim();
    if label.is_empty() || label.chars().count() > MAX_LABEL {
        bail!("--label must hold 1 to {MAX_LABEL} characters");
    }
    let organisation_id = match (role, org) {
        (Role::PlatformAdmin, Some(_)) => bail!("a PLATFORM_ADMIN token belongs to no organisation: leave out --org"),
        (Role::PlatformAdmin, None) => None,
        (_, None) => bail!("name the organisation with --org SLUG"),
        (_, Some(slug)) => {
            let o = organisation_by_slug(db, slug).await?;
            if o.archived_at.is_some() {
                bail!("organisation \"{slug}\" is archived: its tokens are refused until it is restored");
            }
            Some(o.id)
        }
    };
    let new = NewToken {
        organisation_id,
        role,
        label: label.to_string(),
        expires_at: Utc::now() + Duration::days(days),
        created_by_token_id: None,
    };
    let issued = path::run(db, Actor::Cli, "createApiToken", |w| {
        Box::pin(async move {
            let (jwt, row) = store::issue(w.db(), keys, new).await?;
            w.record(super::service::issued(&row));
            Ok((jwt, row))
        })
    })
    .await;
    let (jwt, row) = issued.map_err(|e| failed(e.into_app())).context("saving the token")?;
    tracing::info!(token_id = row.id, role = %row.role, "token issued");
    Ok(jwt)
}

/// Revokes the token with row id or global ID `id`.
pub async fn revoke(db: &DatabaseConnection, id: &str) -> anyhow::Result<()> {
    let Some(n) = parse_id(id) else {
        bail!("\"{id}\" is not a token id; `samenspel token list` shows them");
    };
    let done = path::run(db, Actor::Cli, "revokeApiToken", |w| {
        Box::pin(async move {
            let Some(token) = store::find(w.db(), n).await? else {
                return Ok(None);
            };
            let fresh = store::revoke(w.db(), n).await?;
            if fresh {
                w.record(super::service::revoked(&token));
            }
            Ok(Some((token, fresh)))
        })
    })
    .await;
    match done
        .map_err(|e| failed(e.into_app()))
        .context("saving the revocation")?
    {
        None => bail!("there is no token {n}"),
        Some((_, false)) => println!("token {n} was already revoked"),
        Some((token, true)) => println!("token {n} ({}) is revoked", token.label),
    }
    Ok(())
}

/// Prints every token as a table: never the token itself.
pub async fn list(db: &DatabaseConnection) -> anyhow::Result<()> {
    let tokens = api_token::Entity::find()
        .order_by_asc(api_token::Column::Id)
        .all(db)
        .await?;
    let slugs: HashMap<i32, String> = organisation::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.slug))
        .collect();
    let header = [
        "ID",
        "ORGANISATION",
        "ROLE",
        "LABEL",
        "CREATED",
        "EXPIRES",
        "REVOKED",
        "LAST USED",
    ];
    let mut rows = vec![header.map(String::from).to_vec()];
    for t in tokens {
        let org = t.organisation_id.and_then(|o| slugs.get(&o).cloned());
        rows.push(vec![
            t.id.to_string(),
            org.unwrap_or_else(|| "-".into()),
            t.role,
            t.label,
            when(Some(t.created_at)),
            when(Some(t.expires_at)),
            when(t.revoked_at),
            when(t.last_used_at),
        ]);
    }
    print!("{}", table(&rows));
    Ok(())
}

async fn organisation_by_slug(db: &DatabaseConnection, slug: &str) -> anyhow::Result<organisation::Model> {
    let found = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug))
        .one(db)
        .await?;
    found.with_context(|| format!("there is no organisation with slug \"{slug}\""))
}

fn when(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "-".into())
}

/// Rows as left-aligned columns.
fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..cols)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in rows {
        let cells: Vec<String> = r.iter().zip(&widths).map(|(v, w)| format!("{v:<w$}")).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

fn failed(e: AppError) -> anyhow::Error {
    match e {
        AppError::Internal(e) => anyhow::anyhow!("{e:#}"),
        other => anyhow::anyhow!(other.extend().message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_is_days_up_to_a_year() {
        assert_eq!(parse_days("90d"), Ok(90));
        assert_eq!(parse_days("365"), Ok(365));
        for bad in ["0d", "366d", "1y", "", "-5d"] {
            assert!(parse_days(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_role("editor"), Ok(Role::Editor));
        assert!(parse_role("root").is_err());
    }
}
