//! `createTheme`, `updateTheme`.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};

use crate::graphql::ids::NodeType;
use crate::graphql::mutation::support::{id, outcome, request};
use crate::graphql::types::Theme;
use crate::graphql::user_error::UserError;
use crate::services::write::themes::{self as svc, ThemeFields};

/// A new theme for the shared vocabulary.
#[derive(InputObject)]
pub struct CreateThemeInput {
    /// Stable, human-readable key: a-z, 0-9 and inner hyphens, 2 to 80 characters, unused.
    slug: String,
    /// Name; at most 120 characters.
    name: String,
    /// What the theme covers; at most 10,000 characters.
    description: Option<String>,
}

/// Changes to a theme; fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateThemeInput {
    /// The theme.
    id: ID,
    /// The `version` you read; the change is refused with VERSION_CONFLICT if it moved on.
    expected_version: Option<i32>,
    /// New slug, unused by any other theme.
    slug: Option<String>,
    /// New name.
    name: Option<String>,
    /// New description; null clears it.
    description: MaybeUndefined<String>,
}

/// The outcome of a theme mutation.
#[derive(SimpleObject)]
pub struct ThemePayload {
    /// The theme as it is now; null when the input was refused.
    theme: Option<Theme>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

fn payload(r: (Option<Theme>, Vec<UserError>)) -> ThemePayload {
    ThemePayload {
        theme: r.0,
        user_errors: r.1,
    }
}

/// Theme mutations.
#[derive(Default)]
pub struct ThemeMutation;

#[Object]
impl ThemeMutation {
    /// Adds a theme (EDITOR or higher of any organisation, PLATFORM_ADMIN).
    async fn create_theme(&self, ctx: &Context<'_>, input: CreateThemeInput) -> Result<ThemePayload> {
        let (db, viewer) = request(ctx)?;
        let fields = ThemeFields {
            slug: Some(input.slug),
            name: Some(input.name),
            description: Some(input.description),
        };
        Ok(payload(outcome(svc::create(db, viewer, fields).await, Theme)?))
    }

    /// Changes a theme (PLATFORM_ADMIN): every coalition using it sees the change.
    async fn update_theme(&self, ctx: &Context<'_>, input: UpdateThemeInput) -> Result<ThemePayload> {
        let (db, viewer) = request(ctx)?;
        let fields = ThemeFields {
            slug: input.slug,
            name: input.name,
            description: input.description.into(),
        };
        let theme = id(&input.id, NodeType::Theme)?;
        let r = svc::update(db, viewer, theme, fields, input.expected_version).await;
        Ok(payload(outcome(r, Theme)?))
    }
}
