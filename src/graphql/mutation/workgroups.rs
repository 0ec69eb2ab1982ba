//! Mutations of workgroups, their members and themes.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};

use super::support::{id, outcome, patch, request};
use crate::graphql::enums::{Visibility, WorkgroupKind, WorkgroupRole};
use crate::graphql::ids::NodeType;
use crate::graphql::scalars::Date;
use crate::graphql::types::{Workgroup, WorkgroupMembership};
use crate::graphql::user_error::UserError;
use crate::services::write::workgroups::{self as svc, WorkgroupFields};

/// A new workgroup, learning circle or studio in a coalition.
#[derive(InputObject)]
pub struct CreateWorkgroupInput {
    /// The coalition it belongs to.
    coalition: ID,
    /// Name; at most 200 characters.
    name: String,
    /// Its form; WORKGROUP when left out.
    kind: Option<WorkgroupKind>,
    /// The way of working.
    method: Option<String>,
    /// What it works on.
    description: Option<String>,
    /// First day.
    starts_on: Option<Date>,
    /// Last day; not before the first.
    ends_on: Option<Date>,
    /// Who may see it; COALITION (its coalition's members only) when left out: private by
    /// default, widen it on purpose.
    visibility: Option<Visibility>,
}

/// Changes to a workgroup; fields left out stay as they are, null clears optional ones.
#[derive(InputObject)]
pub struct UpdateWorkgroupInput {
    /// The workgroup.
    id: ID,
    /// The `version` you read.
    expected_version: Option<i32>,
    /// New name.
    name: Option<String>,
    /// New form.
    kind: Option<WorkgroupKind>,
    /// New way of working.
    method: MaybeUndefined<String>,
    /// New description.
    description: MaybeUndefined<String>,
    /// New first day.
    starts_on: MaybeUndefined<Date>,
    /// New last day.
    ends_on: MaybeUndefined<Date>,
    /// New visibility.
    visibility: Option<Visibility>,
}

/// The workgroup to archive.
#[derive(InputObject)]
pub struct ArchiveWorkgroupInput {
    /// The workgroup.
    id: ID,
}

/// A person in a workgroup.
#[derive(InputObject)]
pub struct WorkgroupMemberInput {
    /// The workgroup.
    workgroup: ID,
    /// The person.
    person: ID,
    /// Their part; PARTICIPANT when left out. Ignored when removing.
    role: Option<WorkgroupRole>,
}

/// A workgroup and a theme.
#[derive(InputObject)]
pub struct WorkgroupThemeInput {
    /// The workgroup.
    workgroup: ID,
    /// The theme.
    theme: ID,
}

/// The result of a workgroup mutation.
#[derive(SimpleObject)]
pub struct WorkgroupPayload {
    /// The workgroup as it is now; null when the input was refused.
    workgroup: Option<Workgroup>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

/// The result of adding a workgroup member.
#[derive(SimpleObject)]
pub struct WorkgroupMembershipPayload {
    /// The membership as it is now; null when the input was refused.
    membership: Option<WorkgroupMembership>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

fn payload(r: (Option<Workgroup>, Vec<UserError>)) -> WorkgroupPayload {
    WorkgroupPayload {
        workgroup: r.0,
        user_errors: r.1,
    }
}

fn date(v: MaybeUndefined<Date>) -> Option<Option<chrono::NaiveDate>> {
    patch(v).map(|d| d.map(|d| d.0))
}

/// Workgroup mutations.
#[derive(Default)]
pub struct WorkgroupMutation;

#[Object]
impl WorkgroupMutation {
    /// Starts a workgroup in a coalition your organisation is a member of (EDITOR or higher).
    async fn create_workgroup(&self, ctx: &Context<'_>, input: CreateWorkgroupInput) -> Result<WorkgroupPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = WorkgroupFields {
            name: Some(input.name),
            kind: input.kind.map(Into::into),
            method: Some(input.method),
            description: Some(input.description),
            starts_on: Some(input.starts_on.map(|d| d.0)),
            ends_on: Some(input.ends_on.map(|d| d.0)),
            visibility: input.visibility.map(Into::into),
        };
        let c = id(&input.coalition, NodeType::Coalition)?;
        Ok(payload(outcome(svc::create(db, viewer, c, fields).await, Workgroup)?))
    }

    /// Changes a workgroup.
    async fn update_workgroup(&self, ctx: &Context<'_>, input: UpdateWorkgroupInput) -> Result<WorkgroupPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = WorkgroupFields {
            name: input.name,
            kind: input.kind.map(Into::into),
            method: patch(input.method),
            description: patch(input.description),
            starts_on: date(input.starts_on),
            ends_on: date(input.ends_on),
            visibility: input.visibility.map(Into::into),
        };
        let w = id(&input.id, NodeType::Workgroup)?;
        Ok(payload(outcome(
            svc::update(db, viewer, w, fields, input.expected_version).await,
            Workgroup,
        )?))
    }

    /// Archives a workgroup; it stays readable.
    async fn archive_workgroup(&self, ctx: &Context<'_>, input: ArchiveWorkgroupInput) -> Result<WorkgroupPayload> {
        let (db, viewer) = request(ctx)?;
        Ok(payload(outcome(
            svc::archive(db, viewer, id(&input.id, NodeType::Workgroup)?).await,
            Workgroup,
        )?))
    }

    /// Adds a person to a workgroup, or changes their role.
    async fn add_workgroup_member(
        &self,
        ctx: &Context<'_>,
        input: WorkgroupMemberInput,
    ) -> Result<WorkgroupMembershipPayload> {
        let (db, viewer) = request(ctx)?;
        let (w, p) = (
            id(&input.workgroup, NodeType::Workgroup)?,
            id(&input.person, NodeType::Person)?,
        );
        let role = input.role.unwrap_or(WorkgroupRole::Participant).into();
        let (membership, user_errors) = outcome(svc::add_member(db, viewer, w, p, role).await, WorkgroupMembership)?;
        Ok(WorkgroupMembershipPayload {
            membership,
            user_errors,
        })
    }

    /// Takes a person out of a workgroup.
    async fn remove_workgroup_member(
        &self,
        ctx: &Context<'_>,
        input: WorkgroupMemberInput,
    ) -> Result<WorkgroupPayload> {
        let (db, viewer) = request(ctx)?;
        let (w, p) = (
            id(&input.workgroup, NodeType::Workgroup)?,
            id(&input.person, NodeType::Person)?,
        );
        Ok(payload(outcome(svc::remove_member(db, viewer, w, p).await, Workgroup)?))
    }

    /// Gives a workgroup a theme; doing it twice changes nothing.
    async fn add_workgroup_theme(&self, ctx: &Context<'_>, input: WorkgroupThemeInput) -> Result<WorkgroupPayload> {
        theme(ctx, input, true).await
    }

    /// Takes a theme off a workgroup.
    async fn remove_workgroup_theme(&self, ctx: &Context<'_>, input: WorkgroupThemeInput) -> Result<WorkgroupPayload> {
        theme(ctx, input, false).await
    }
}

async fn theme(ctx: &Context<'_>, input: WorkgroupThemeInput, add: bool) -> Result<WorkgroupPayload> {
    let (db, viewer) = request(ctx)?;
    let (w, t) = (
        id(&input.workgroup, NodeType::Workgroup)?,
        id(&input.theme, NodeType::Theme)?,
    );
    Ok(payload(outcome(
        svc::set_theme(db, viewer, w, t, add).await,
        Workgroup,
    )?))
}
