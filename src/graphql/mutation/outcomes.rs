//! Mutations of outcomes and the questions they answer.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};

use super::support::{id, outcome, patch, request};
use crate::graphql::enums::{OutcomeKind, Visibility};
use crate::graphql::ids::{NodeType, encode};
use crate::graphql::scalars::Date;
use crate::graphql::types::Outcome;
use crate::graphql::user_error::UserError;
use crate::services::write::outcomes::{self as svc, OutcomeFields};

/// A new publication of a coalition.
#[derive(InputObject)]
pub struct CreateOutcomeInput {
    /// The coalition publishing it.
    coalition: ID,
    /// What is published; REPORT when left out.
    kind: Option<OutcomeKind>,
    /// Title; at most 300 characters.
    title: String,
    /// What it says, in short.
    summary: Option<String>,
    /// Where to read or download it (http or https).
    url: Option<String>,
    /// When it was published.
    published_on: Option<Date>,
    /// Who may see it; COALITION (its coalition's members only) when left out: private by
    /// default, widen it on purpose.
    visibility: Option<Visibility>,
}

/// Changes to an outcome; fields left out stay as they are, null clears optional ones.
#[derive(InputObject)]
pub struct UpdateOutcomeInput {
    /// The outcome.
    id: ID,
    /// The `version` you read.
    expected_version: Option<i32>,
    /// New kind.
    kind: Option<OutcomeKind>,
    /// New title.
    title: Option<String>,
    /// New summary.
    summary: MaybeUndefined<String>,
    /// New URL.
    url: MaybeUndefined<String>,
    /// New publication date.
    published_on: MaybeUndefined<Date>,
    /// New visibility.
    visibility: Option<Visibility>,
}

/// The outcome to delete.
#[derive(InputObject)]
pub struct DeleteOutcomeInput {
    /// The outcome.
    id: ID,
}

/// An outcome and a question it answers.
#[derive(InputObject)]
pub struct OutcomeQuestionInput {
    /// The outcome.
    outcome: ID,
    /// The learning question, of the same coalition.
    question: ID,
}

/// The result of an outcome mutation.
#[derive(SimpleObject)]
pub struct OutcomePayload {
    /// The outcome as it is now; null when the input was refused.
    outcome: Option<Outcome>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

/// The result of deleting an outcome.
#[derive(SimpleObject)]
pub struct DeleteOutcomePayload {
    /// The ID of the deleted outcome; null when nothing was deleted.
    deleted_outcome_id: Option<ID>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

fn payload(r: (Option<Outcome>, Vec<UserError>)) -> OutcomePayload {
    OutcomePayload {
        outcome: r.0,
        user_errors: r.1,
    }
}

/// Outcome mutations.
#[derive(Default)]
pub struct OutcomeMutation;

#[Object]
impl OutcomeMutation {
    /// Publishes an outcome of a coalition your organisation is a member of (EDITOR or higher).
    async fn create_outcome(&self, ctx: &Context<'_>, input: CreateOutcomeInput) -> Result<OutcomePayload> {
        let (db, viewer) = request(ctx)?;
        let fields = OutcomeFields {
            kind: input.kind.map(Into::into),
            title: Some(input.title),
            summary: Some(input.summary),
            url: Some(input.url),
            published_on: Some(input.published_on.map(|d| d.0)),
            visibility: input.visibility.map(Into::into),
        };
        let c = id(&input.coalition, NodeType::Coalition)?;
        Ok(payload(outcome(svc::create(db, viewer, c, fields).await, Outcome)?))
    }

    /// Changes an outcome.
    async fn update_outcome(&self, ctx: &Context<'_>, input: UpdateOutcomeInput) -> Result<OutcomePayload> {
        let (db, viewer) = request(ctx)?;
        let fields = OutcomeFields {
            kind: input.kind.map(Into::into),
            title: input.title,
            summary: patch(input.summary),
            url: patch(input.url),
            published_on: patch(input.published_on).map(|d| d.map(|d| d.0)),
            visibility: input.visibility.map(Into::into),
        };
        let o = id(&input.id, NodeType::Outcome)?;
        Ok(payload(outcome(
            svc::update(db, viewer, o, fields, input.expected_version).await,
            Outcome,
        )?))
    }

    /// Deletes an outcome.
    async fn delete_outcome(&self, ctx: &Context<'_>, input: DeleteOutcomeInput) -> Result<DeleteOutcomePayload> {
        let (db, viewer) = request(ctx)?;
        let r = svc::delete(db, viewer, id(&input.id, NodeType::Outcome)?).await;
        let (deleted_outcome_id, user_errors) = outcome(r, |i| encode(NodeType::Outcome, i))?;
        Ok(DeleteOutcomePayload {
            deleted_outcome_id,
            user_errors,
        })
    }

    /// Records that an outcome answers a learning question of the same coalition.
    async fn link_question_to_outcome(&self, ctx: &Context<'_>, input: OutcomeQuestionInput) -> Result<OutcomePayload> {
        link(ctx, input, true).await
    }

    /// Forgets that an outcome answers a learning question.
    async fn unlink_question_from_outcome(
        &self,
        ctx: &Context<'_>,
        input: OutcomeQuestionInput,
    ) -> Result<OutcomePayload> {
        link(ctx, input, false).await
    }
}

async fn link(ctx: &Context<'_>, input: OutcomeQuestionInput, add: bool) -> Result<OutcomePayload> {
    let (db, viewer) = request(ctx)?;
    let (o, q) = (
        id(&input.outcome, NodeType::Outcome)?,
        id(&input.question, NodeType::LearningQuestion)?,
    );
    Ok(payload(outcome(
        svc::link_question(db, viewer, o, q, add).await,
        Outcome,
    )?))
}
