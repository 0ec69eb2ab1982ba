//! `auditEvents`: the log of every successful mutation.

use async_graphql::{Context, ID, InputObject, Object, Result};
use entity::audit_event;
use sea_orm::{ColumnTrait, QueryFilter};

use crate::graphql::connection::{Conn, PageInput, loaders, root};
use crate::graphql::ids::{NodeType, decode_as};
use crate::graphql::types::AuditEvent;
use crate::services::visible;
use crate::sorts::AUDIT_NEWEST;
use crate::viewer::Role;
use crate::{error::AppError, permissions};

/// Which audit events to list; every field given must match.
#[derive(InputObject, Default)]
pub struct AuditEventFilter {
    /// Made by tokens of this organisation (an Organisation ID).
    organisation: Option<ID>,
    /// About this record (any global ID).
    entity_id: Option<ID>,
    /// This mutation, e.g. `updateLearningQuestion`.
    action: Option<String>,
}

/// Root field of the audit log.
#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// Successful mutations, newest first. Platform admins read every event; an organisation's
    /// admins read what its tokens did and what was done to the organisation; other roles get
    /// FORBIDDEN.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn audit_events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which events to list.")] filter: Option<AuditEventFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<AuditEvent>> {
        let viewer = loaders(ctx)?.viewer();
        let token = permissions::token(viewer)?;
        if !matches!(token.role, Role::PlatformAdmin | Role::OrgAdmin) {
            return Err(AppError::Forbidden("Only admins read the audit log".into()).into());
        }
        use audit_event::Column as C;
        let f = filter.unwrap_or_default();
        let mut select = visible::<audit_event::Entity>(viewer);
        if let Some(org) = f.organisation {
            select = select.filter(C::OrganisationId.eq(decode_as(&org, NodeType::Organisation)?));
        }
        if let Some(id) = f.entity_id {
            select = select.filter(C::EntityId.eq(id.to_string()));
        }
        if let Some(action) = f.action {
            select = select.filter(C::Action.eq(action));
        }
        root(
            ctx,
            select,
            &AUDIT_NEWEST,
            PageInput {
                first,
                after,
                last,
                before,
            },
            AuditEvent,
        )
        .await
    }
}
