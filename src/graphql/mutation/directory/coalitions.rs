//! `createCoalition`, `updateCoalition`, `archiveCoalition`.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};
use chrono::NaiveDate;

use crate::graphql::enums::{CoalitionKind, LifecycleStage};
use crate::graphql::ids::NodeType;
use crate::graphql::mutation::support::{id, outcome, request};
use crate::graphql::scalars::Date;
use crate::graphql::types::Coalition;
use crate::graphql::user_error::UserError;
use crate::services::write::coalitions::{self as svc, CoalitionFields};

/// A new coalition.
#[derive(InputObject)]
pub struct CreateCoalitionInput {
    /// Stable, human-readable key: a-z, 0-9 and inner hyphens, 2 to 80 characters, unused.
    slug: String,
    /// Name; at most 200 characters.
    name: String,
    /// What form the coalition takes.
    kind: CoalitionKind,
    /// The area or neighbourhood it works in; at most 200 characters.
    area: Option<String>,
    /// The municipality it works in; at most 120 characters.
    municipality: Option<String>,
    /// Where the coalition is in its life; POTENTIAL when left out.
    stage: Option<LifecycleStage>,
    /// First day.
    starts_on: Option<Date>,
    /// Last day; not before `startsOn`.
    ends_on: Option<Date>,
    /// What the coalition works on; at most 10,000 characters.
    description: Option<String>,
}

/// Changes to a coalition; fields left out stay as they are, null clears an optional field.
#[derive(InputObject)]
pub struct UpdateCoalitionInput {
    /// The coalition.
    id: ID,
    /// The `version` you read; the change is refused with VERSION_CONFLICT if it moved on.
    expected_version: Option<i32>,
    /// New slug, unused by any other coalition.
    slug: Option<String>,
    /// New name.
    name: Option<String>,
    /// New form.
    kind: Option<CoalitionKind>,
    /// New area.
    area: MaybeUndefined<String>,
    /// New municipality.
    municipality: MaybeUndefined<String>,
    /// New lifecycle stage.
    stage: Option<LifecycleStage>,
    /// New first day.
    starts_on: MaybeUndefined<Date>,
    /// New last day; not before the first.
    ends_on: MaybeUndefined<Date>,
    /// New description.
    description: MaybeUndefined<String>,
}

/// The coalition to archive.
#[derive(InputObject)]
pub struct ArchiveCoalitionInput {
    /// The coalition.
    id: ID,
}

/// The outcome of a coalition mutation.
#[derive(SimpleObject)]
pub struct CoalitionPayload {
    /// The coalition as it is now; null when the input was refused.
    coalition: Option<Coalition>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

fn payload(r: (Option<Coalition>, Vec<UserError>)) -> CoalitionPayload {
    CoalitionPayload {
        coalition: r.0,
        user_errors: r.1,
    }
}

/// A date input that may be left out, null (clear) or set.
pub(super) fn patch_date(v: MaybeUndefined<Date>) -> Option<Option<NaiveDate>> {
    Option::<Option<Date>>::from(v).map(|d| d.map(|d| d.0))
}

/// Coalition mutations.
#[derive(Default)]
pub struct CoalitionMutation;

#[Object]
impl CoalitionMutation {
    /// Starts a coalition (PLATFORM_ADMIN).
    async fn create_coalition(&self, ctx: &Context<'_>, input: CreateCoalitionInput) -> Result<CoalitionPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = CoalitionFields {
            slug: Some(input.slug),
            name: Some(input.name),
            kind: Some(input.kind.into()),
            area: Some(input.area),
            municipality: Some(input.municipality),
            stage: input.stage.map(Into::into),
            starts_on: Some(input.starts_on.map(|d| d.0)),
            ends_on: Some(input.ends_on.map(|d| d.0)),
            description: Some(input.description),
        };
        Ok(payload(outcome(svc::create(db, viewer, fields).await, Coalition)?))
    }

    /// Changes a coalition (PLATFORM_ADMIN, or ORG_ADMIN of an organisation that leads it).
    async fn update_coalition(&self, ctx: &Context<'_>, input: UpdateCoalitionInput) -> Result<CoalitionPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = CoalitionFields {
            slug: input.slug,
            name: input.name,
            kind: input.kind.map(Into::into),
            area: input.area.into(),
            municipality: input.municipality.into(),
            stage: input.stage.map(Into::into),
            starts_on: patch_date(input.starts_on),
            ends_on: patch_date(input.ends_on),
            description: input.description.into(),
        };
        let coalition = id(&input.id, NodeType::Coalition)?;
        let r = svc::update(db, viewer, coalition, fields, input.expected_version).await;
        Ok(payload(outcome(r, Coalition)?))
    }

    /// Archives a coalition (PLATFORM_ADMIN, or ORG_ADMIN of an organisation that leads it); it
    /// stays readable. Archiving it again changes nothing.
    async fn archive_coalition(&self, ctx: &Context<'_>, input: ArchiveCoalitionInput) -> Result<CoalitionPayload> {
        let (db, viewer) = request(ctx)?;
        let r = svc::archive(db, viewer, id(&input.id, NodeType::Coalition)?).await;
        Ok(payload(outcome(r, Coalition)?))
    }
}
