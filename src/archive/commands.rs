//! `samenspel export` and `samenspel import`: the archive on the server's command line.

use std::io::BufReader;
use std::path::Path;

use anyhow::{Context, anyhow};
use sea_orm::DatabaseConnection;

use super::format::Counts;
use crate::changes::{Action, Scope};
use crate::error::AppError;
use crate::ids::NodeType;
use crate::services::write::WriteError;
use crate::services::write::path::{self, Actor, Change};

/// Writes the archive of coalition `slug` to `out`; the export is audited.
pub async fn export(db: &DatabaseConnection, slug: &str, out: &Path) -> anyhow::Result<()> {
    let id = super::export::coalition_id(db, slug).await.map_err(failed)?;
    let (_, bytes) = super::export::export(db, id).await.map_err(failed)?;
    std::fs::write(out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    let done = path::run(db, Actor::Cli, "exportCoalition", |w| {
        Box::pin(async move {
            let scope = Scope::PUBLIC.in_coalition(id);
            w.record(Change::new(NodeType::Coalition, id, Action::Updated, scope).audit_only());
            Ok(())
        })
    })
    .await;
    done.map_err(|e| failed(e.into_app()))?;
    let lines = bytes.iter().filter(|b| **b == b'\n').count();
    eprintln!(
        "exported coalition \"{slug}\": {} records to {}",
        lines - 1,
        out.display()
    );
    Ok(())
}

/// Loads the archive in `file`, all or nothing.
pub async fn import(db: &DatabaseConnection, file: &Path) -> anyhow::Result<()> {
    let f = std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
    match super::import::import(db, BufReader::new(f)).await {
        Ok(done) => {
            eprintln!("imported coalition \"{}\": {} records", done.slug, total(&done.counts));
            Ok(())
        }
        Err(WriteError::Invalid(problems)) => {
            let lines: Vec<String> = problems
                .iter()
                .map(|p| format!("{}: {}", p.code.as_str(), p.message))
                .collect();
            Err(anyhow!("{}\nnothing was imported", lines.join("\n")))
        }
        Err(WriteError::App(e)) => Err(failed(e).context("nothing was imported")),
    }
}

fn total(c: &Counts) -> u32 {
    c.organisations
        + c.themes
        + c.people
        + c.coalitions
        + c.memberships
        + c.workgroups
        + c.workgroup_members
        + c.questions
        + c.contributions
        + c.meetings
        + c.tracks
        + c.outcomes
}

fn failed(e: AppError) -> anyhow::Error {
    match e {
        AppError::Internal(e) => anyhow!("{e:#}"),
        other => {
            let code = other.code();
            let message = async_graphql::ErrorExtensions::extend(&other).message;
            anyhow!("{}: {message}", code.as_str())
        }
    }
}
