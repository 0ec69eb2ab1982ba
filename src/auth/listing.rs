//! Which tokens a viewer may list: a platform admin all, an organisation admin its own
//! organisation's, applied in SQL like every other read.

use entity::api_token;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, Select};

use crate::error::{AppError, AppResult};
use crate::paging::Sort;
use crate::permissions;
use crate::policy::Guarded;
use crate::services::visible;
use crate::viewer::{Role, Viewer};

/// Tokens, newest first.
pub const TOKEN_NEWEST: Sort<api_token::Entity> = Sort::new("CREATED_AT_DESC", api_token::Column::CreatedAt, true);

impl Guarded for api_token::Entity {
    fn visible(viewer: &Viewer) -> Condition {
        match viewer.token() {
            Some(t) if t.role == Role::PlatformAdmin => Condition::all(),
            Some(t) if t.role == Role::OrgAdmin && t.organisation_id.is_some() => {
                Condition::all().add(api_token::Column::OrganisationId.eq(t.organisation_id))
            }
            _ => Condition::all().add(Expr::cust("1 = 0")),
        }
    }
}

/// The tokens `viewer` may list; UNAUTHENTICATED without a token, FORBIDDEN below ORG_ADMIN.
pub fn tokens(viewer: &Viewer) -> AppResult<Select<api_token::Entity>> {
    let t = permissions::token(viewer)?;
    if !matches!(t.role, Role::PlatformAdmin | Role::OrgAdmin) {
        return Err(AppError::Forbidden(
            "Only ORG_ADMIN and PLATFORM_ADMIN tokens may list tokens".into(),
        ));
    }
    Ok(visible::<api_token::Entity>(viewer))
}
