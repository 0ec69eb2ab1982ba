//! `createOrganisation`, `updateOrganisation`, `archiveOrganisation`, `restoreOrganisation`.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};

use crate::graphql::enums::OrganisationKind;
use crate::graphql::ids::NodeType;
use crate::graphql::mutation::support::{id, outcome, request};
use crate::graphql::types::Organisation;
use crate::graphql::user_error::UserError;
use crate::services::write::organisations::{self as svc, OrganisationFields};

/// A new partner organisation.
#[derive(InputObject)]
pub struct CreateOrganisationInput {
    /// Stable, human-readable key: a-z, 0-9 and inner hyphens, 2 to 80 characters, unused.
    slug: String,
    /// Name; at most 200 characters.
    name: String,
    /// What kind of partner it is.
    kind: OrganisationKind,
    /// City of the main office; at most 120 characters.
    city: Option<String>,
    /// Website, an http(s) URL.
    website: Option<String>,
    /// What the organisation does; at most 10,000 characters.
    description: Option<String>,
    /// The key of the organisation in another system; unique.
    external_ref: Option<String>,
}

/// Changes to an organisation; fields left out stay as they are, null clears an optional field.
#[derive(InputObject)]
pub struct UpdateOrganisationInput {
    /// The organisation.
    id: ID,
    /// The `version` you read; the change is refused with VERSION_CONFLICT if it moved on.
    expected_version: Option<i32>,
    /// New slug, unused by any other organisation.
    slug: Option<String>,
    /// New name.
    name: Option<String>,
    /// New kind.
    kind: Option<OrganisationKind>,
    /// New city.
    city: MaybeUndefined<String>,
    /// New website, an http(s) URL.
    website: MaybeUndefined<String>,
    /// New description.
    description: MaybeUndefined<String>,
    /// New key in another system; unique.
    external_ref: MaybeUndefined<String>,
}

/// The organisation to archive.
#[derive(InputObject)]
pub struct ArchiveOrganisationInput {
    /// The organisation.
    id: ID,
}

/// The organisation to restore from the archive.
#[derive(InputObject)]
pub struct RestoreOrganisationInput {
    /// The organisation.
    id: ID,
}

/// The outcome of an organisation mutation.
#[derive(SimpleObject)]
pub struct OrganisationPayload {
    /// The organisation as it is now; null when the input was refused.
    organisation: Option<Organisation>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

fn payload(r: (Option<Organisation>, Vec<UserError>)) -> OrganisationPayload {
    OrganisationPayload {
        organisation: r.0,
        user_errors: r.1,
    }
}

/// Organisation mutations.
#[derive(Default)]
pub struct OrganisationMutation;

#[Object]
impl OrganisationMutation {
    /// Adds a partner organisation (PLATFORM_ADMIN).
    async fn create_organisation(
        &self,
        ctx: &Context<'_>,
        input: CreateOrganisationInput,
    ) -> Result<OrganisationPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = OrganisationFields {
            slug: Some(input.slug),
            name: Some(input.name),
            kind: Some(input.kind.into()),
            city: Some(input.city),
            website: Some(input.website),
            description: Some(input.description),
            external_ref: Some(input.external_ref),
        };
        Ok(payload(outcome(svc::create(db, viewer, fields).await, Organisation)?))
    }

    /// Changes an organisation's profile (ORG_ADMIN of that organisation, PLATFORM_ADMIN).
    async fn update_organisation(
        &self,
        ctx: &Context<'_>,
        input: UpdateOrganisationInput,
    ) -> Result<OrganisationPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = OrganisationFields {
            slug: input.slug,
            name: input.name,
            kind: input.kind.map(Into::into),
            city: input.city.into(),
            website: input.website.into(),
            description: input.description.into(),
            external_ref: input.external_ref.into(),
        };
        let org = id(&input.id, NodeType::Organisation)?;
        let r = svc::update(db, viewer, org, fields, input.expected_version).await;
        Ok(payload(outcome(r, Organisation)?))
    }

    /// Archives an organisation (PLATFORM_ADMIN); it stays readable, and its tokens stop working
    /// until it is restored. Archiving it again changes nothing.
    async fn archive_organisation(
        &self,
        ctx: &Context<'_>,
        input: ArchiveOrganisationInput,
    ) -> Result<OrganisationPayload> {
        let (db, viewer) = request(ctx)?;
        let r = svc::archive(db, viewer, id(&input.id, NodeType::Organisation)?).await;
        Ok(payload(outcome(r, Organisation)?))
    }

    /// Restores an archived organisation (PLATFORM_ADMIN): its tokens work again. Restoring one
    /// that is not archived changes nothing.
    async fn restore_organisation(
        &self,
        ctx: &Context<'_>,
        input: RestoreOrganisationInput,
    ) -> Result<OrganisationPayload> {
        let (db, viewer) = request(ctx)?;
        let r = svc::restore(db, viewer, id(&input.id, NodeType::Organisation)?).await;
        Ok(payload(outcome(r, Organisation)?))
    }
}
