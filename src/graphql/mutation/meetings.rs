//! Mutations of meetings and the questions they discussed.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::support::{id, opt_id, outcome, patch, patch_id, request};
use crate::graphql::enums::{MeetingKind, Visibility};
use crate::graphql::ids::{NodeType, encode};
use crate::graphql::types::Meeting;
use crate::graphql::user_error::UserError;
use crate::services::write::meetings::{self as svc, MeetingFields};

/// A new meeting of a coalition, organised by your organisation.
#[derive(InputObject)]
pub struct CreateMeetingInput {
    /// The coalition holding it.
    coalition: ID,
    /// The workgroup holding it, of the same coalition.
    workgroup: Option<ID>,
    /// Title; at most 300 characters.
    title: String,
    /// The form of the meeting; LEARNING_SESSION when left out.
    kind: Option<MeetingKind>,
    /// When it starts.
    starts_at: DateTime<Utc>,
    /// When it ends; not before it starts.
    ends_at: Option<DateTime<Utc>>,
    /// Where it takes place.
    location: Option<String>,
    /// The work form used.
    work_form: Option<String>,
    /// The report; at most 20,000 characters.
    report: Option<String>,
    /// Who may see it; COALITION (its coalition's members only) when left out: private by
    /// default, widen it on purpose.
    visibility: Option<Visibility>,
    /// Your own system's key for it, unique within your organisation.
    external_ref: Option<String>,
}

/// Changes to a meeting; fields left out stay as they are, null clears optional ones.
#[derive(InputObject)]
pub struct UpdateMeetingInput {
    /// The meeting.
    id: ID,
    /// The `version` you read.
    expected_version: Option<i32>,
    /// New title.
    title: Option<String>,
    /// New form.
    kind: Option<MeetingKind>,
    /// New start.
    starts_at: Option<DateTime<Utc>>,
    /// New end.
    ends_at: MaybeUndefined<DateTime<Utc>>,
    /// New location.
    location: MaybeUndefined<String>,
    /// New work form.
    work_form: MaybeUndefined<String>,
    /// New report.
    report: MaybeUndefined<String>,
    /// New visibility.
    visibility: Option<Visibility>,
    /// New workgroup, of the same coalition.
    workgroup: MaybeUndefined<ID>,
}

/// The meeting to delete.
#[derive(InputObject)]
pub struct DeleteMeetingInput {
    /// The meeting.
    id: ID,
}

/// A meeting and a question it discussed.
#[derive(InputObject)]
pub struct MeetingQuestionInput {
    /// The meeting.
    meeting: ID,
    /// The learning question, of the same coalition.
    question: ID,
}

/// The meeting your organisation knows as `externalRef`, created or brought up to date.
#[derive(InputObject)]
pub struct UpsertMeetingByExternalRefInput {
    /// Your own system's key; unique within your organisation.
    external_ref: String,
    /// The coalition holding it.
    coalition: ID,
    /// Title.
    title: String,
    /// The form of the meeting.
    kind: Option<MeetingKind>,
    /// When it starts.
    starts_at: DateTime<Utc>,
    /// When it ends.
    ends_at: Option<DateTime<Utc>>,
    /// Where it takes place.
    location: Option<String>,
    /// The report.
    report: Option<String>,
    /// Who may see it; COALITION when left out on creation, unchanged when left out on
    /// update. Private by default: widen it on purpose.
    visibility: Option<Visibility>,
}

/// The outcome of a meeting mutation.
#[derive(SimpleObject)]
pub struct MeetingPayload {
    /// The meeting as it is now; null when the input was refused.
    meeting: Option<Meeting>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

/// The outcome of an upsert.
#[derive(SimpleObject)]
pub struct UpsertMeetingPayload {
    /// The meeting as it is now; null when the input was refused.
    meeting: Option<Meeting>,
    /// True when it did not exist and was created.
    created: bool,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

/// The outcome of deleting a meeting.
#[derive(SimpleObject)]
pub struct DeleteMeetingPayload {
    /// The ID of the deleted meeting; null when nothing was deleted.
    deleted_meeting_id: Option<ID>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

fn payload(r: (Option<Meeting>, Vec<UserError>)) -> MeetingPayload {
    MeetingPayload {
        meeting: r.0,
        user_errors: r.1,
    }
}

/// Meeting mutations.
#[derive(Default)]
pub struct MeetingMutation;

#[Object]
impl MeetingMutation {
    /// Plans a meeting of a coalition your organisation is a member of (EDITOR or higher).
    async fn create_meeting(&self, ctx: &Context<'_>, input: CreateMeetingInput) -> Result<MeetingPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = MeetingFields {
            title: Some(input.title),
            kind: input.kind.map(Into::into),
            starts_at: Some(input.starts_at),
            ends_at: Some(input.ends_at),
            location: Some(input.location),
            work_form: Some(input.work_form),
            report: Some(input.report),
            visibility: input.visibility.map(Into::into),
            workgroup_id: Some(opt_id(input.workgroup.as_ref(), NodeType::Workgroup)?),
        };
        let c = id(&input.coalition, NodeType::Coalition)?;
        Ok(payload(outcome(
            svc::create(db, viewer, c, fields, input.external_ref).await,
            Meeting,
        )?))
    }

    /// Changes a meeting, e.g. to add its report.
    async fn update_meeting(&self, ctx: &Context<'_>, input: UpdateMeetingInput) -> Result<MeetingPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = MeetingFields {
            title: input.title,
            kind: input.kind.map(Into::into),
            starts_at: input.starts_at,
            ends_at: patch(input.ends_at),
            location: patch(input.location),
            work_form: patch(input.work_form),
            report: patch(input.report),
            visibility: input.visibility.map(Into::into),
            workgroup_id: patch_id(&input.workgroup, NodeType::Workgroup)?,
        };
        let m = id(&input.id, NodeType::Meeting)?;
        Ok(payload(outcome(
            svc::update(db, viewer, m, fields, input.expected_version).await,
            Meeting,
        )?))
    }

    /// Deletes a meeting.
    async fn delete_meeting(&self, ctx: &Context<'_>, input: DeleteMeetingInput) -> Result<DeleteMeetingPayload> {
        let (db, viewer) = request(ctx)?;
        let r = svc::delete(db, viewer, id(&input.id, NodeType::Meeting)?).await;
        let (deleted_meeting_id, user_errors) = outcome(r, |i| encode(NodeType::Meeting, i))?;
        Ok(DeleteMeetingPayload {
            deleted_meeting_id,
            user_errors,
        })
    }

    /// Records that a meeting discussed a learning question of the same coalition.
    async fn link_question_to_meeting(&self, ctx: &Context<'_>, input: MeetingQuestionInput) -> Result<MeetingPayload> {
        link(ctx, input, true).await
    }

    /// Forgets that a meeting discussed a learning question.
    async fn unlink_question_from_meeting(
        &self,
        ctx: &Context<'_>,
        input: MeetingQuestionInput,
    ) -> Result<MeetingPayload> {
        link(ctx, input, false).await
    }

    /// Creates or updates the meeting your organisation knows as `externalRef`; sending the same
    /// input again changes nothing.
    async fn upsert_meeting_by_external_ref(
        &self,
        ctx: &Context<'_>,
        input: UpsertMeetingByExternalRefInput,
    ) -> Result<UpsertMeetingPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = MeetingFields {
            title: Some(input.title),
            kind: input.kind.map(Into::into),
            starts_at: Some(input.starts_at),
            ends_at: Some(input.ends_at),
            location: Some(input.location),
            report: Some(input.report),
            visibility: input.visibility.map(Into::into),
            ..Default::default()
        };
        let c = id(&input.coalition, NodeType::Coalition)?;
        let r = svc::upsert(db, viewer, &input.external_ref, c, fields).await;
        let created = matches!(r, Ok((_, true)));
        let (meeting, user_errors) = outcome(r, |(m, _)| Meeting(m))?;
        Ok(UpsertMeetingPayload {
            meeting,
            created,
            user_errors,
        })
    }
}

async fn link(ctx: &Context<'_>, input: MeetingQuestionInput, add: bool) -> Result<MeetingPayload> {
    let (db, viewer) = request(ctx)?;
    let (m, q) = (
        id(&input.meeting, NodeType::Meeting)?,
        id(&input.question, NodeType::LearningQuestion)?,
    );
    Ok(payload(outcome(
        svc::link_question(db, viewer, m, q, add).await,
        Meeting,
    )?))
}
