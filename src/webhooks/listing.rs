//! Who may see which webhooks and deliveries, in SQL like every other read: a platform admin
//! all, an organisation's admins its own, nobody else.

use entity::{webhook, webhook_delivery};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, Select};

use crate::error::{AppError, AppResult};
use crate::paging::Sort;
use crate::permissions;
use crate::policy::Guarded;
use crate::services::visible;
use crate::viewer::{Role, Viewer};

/// Webhooks, newest first.
pub const WEBHOOK_NEWEST: Sort<webhook::Entity> = Sort::new("ID_DESC", webhook::Column::Id, true);
/// Deliveries, newest first.
pub const DELIVERY_NEWEST: Sort<webhook_delivery::Entity> = Sort::new("ID_DESC", webhook_delivery::Column::Id, true);

/// The organisation whose webhooks the viewer manages: `None` for a platform admin (all).
enum Manages {
    All,
    Organisation(i32),
    Nothing,
}

fn manages(viewer: &Viewer) -> Manages {
    match viewer.token() {
        Some(t) if t.role == Role::PlatformAdmin => Manages::All,
        Some(t) if t.role == Role::OrgAdmin => t.organisation_id.map_or(Manages::Nothing, Manages::Organisation),
        _ => Manages::Nothing,
    }
}

impl Guarded for webhook::Entity {
    fn visible(viewer: &Viewer) -> Condition {
        match manages(viewer) {
            Manages::All => Condition::all(),
            Manages::Organisation(org) => Condition::all().add(webhook::Column::OrganisationId.eq(org)),
            Manages::Nothing => Condition::all().add(Expr::cust("1 = 0")),
        }
    }
}

impl Guarded for webhook_delivery::Entity {
    fn visible(viewer: &Viewer) -> Condition {
        let org = match manages(viewer) {
            Manages::All => return Condition::all(),
            Manages::Organisation(org) => org,
            Manages::Nothing => return Condition::all().add(Expr::cust("1 = 0")),
        };
        let mut own = Query::select();
        own.expr(Expr::val(1))
            .from(webhook::Entity)
            .and_where(
                Expr::col((webhook::Entity, webhook::Column::Id))
                    .equals((webhook_delivery::Entity, webhook_delivery::Column::WebhookId)),
            )
            .and_where(Expr::col((webhook::Entity, webhook::Column::OrganisationId)).eq(org));
        Condition::all().add(Expr::exists(own))
    }

    fn visible_below(viewer: &Viewer, parent_column: &str) -> Condition {
        match parent_column {
            // Listed under a webhook the viewer sees.
            "webhook_id" => Condition::all(),
            _ => Self::visible(viewer),
        }
    }
}

/// The webhooks `viewer` may list; UNAUTHENTICATED without a token, FORBIDDEN below ORG_ADMIN.
pub fn webhooks(viewer: &Viewer) -> AppResult<Select<webhook::Entity>> {
    let t = permissions::token(viewer)?;
    if !matches!(t.role, Role::PlatformAdmin | Role::OrgAdmin) {
        return Err(AppError::Forbidden(
            "Only ORG_ADMIN and PLATFORM_ADMIN tokens manage webhooks".into(),
        ));
    }
    Ok(visible::<webhook::Entity>(viewer))
}
