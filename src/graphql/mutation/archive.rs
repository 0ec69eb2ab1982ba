//! `requestCoalitionExport`: a coalition's lead admins ask for a short-lived link to its archive.

use std::sync::Arc;

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::support::{id, request};
use crate::archive::request as svc;
use crate::auth::JwtKeys;
use crate::graphql::ids::NodeType;
use crate::graphql::user_error::UserError;

/// Which coalition to export.
#[derive(InputObject)]
pub struct RequestCoalitionExportInput {
    /// The coalition (a Coalition ID).
    coalition: ID,
}

/// A link to a coalition's archive.
#[derive(SimpleObject)]
pub struct RequestCoalitionExportPayload {
    /// Where to download the archive: a path on this server (resolve it against the API's
    /// origin). GET it with the same bearer token that asked for it; it answers with one JSON
    /// object a line (`application/x-ndjson`), the format `samenspel import` reads.
    url: Option<String>,
    /// When the link stops working: ten minutes after it was made.
    expires_at: Option<DateTime<Utc>>,
    /// Problems with the input; empty on success.
    user_errors: Vec<UserError>,
}

/// Archive mutations.
#[derive(Default)]
pub struct ArchiveMutation;

#[Object]
impl ArchiveMutation {
    /// Asks for a download link to the archive of a coalition: everything in it, people reduced
    /// to what their attribution allows. For its lead organisation's ORG_ADMIN and platform
    /// admins; others get FORBIDDEN. Each request is recorded in the audit log.
    async fn request_coalition_export(
        &self,
        ctx: &Context<'_>,
        input: RequestCoalitionExportInput,
    ) -> Result<RequestCoalitionExportPayload> {
        let coalition = id(&input.coalition, NodeType::Coalition)?;
        let keys = ctx.data::<Arc<JwtKeys>>()?;
        let (db, viewer) = request(ctx)?;
        let link = svc::request(db, keys.links(), viewer, coalition).await?;
        Ok(RequestCoalitionExportPayload {
            url: Some(link.url),
            expires_at: Some(link.expires_at),
            user_errors: Vec::new(),
        })
    }
}
