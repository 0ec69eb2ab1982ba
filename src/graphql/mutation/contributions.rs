//! Mutations of contributions.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};

use super::support::{id, opt_id, outcome, patch_id, request};
use crate::graphql::enums::{Attribution, ContributionKind, Visibility};
use crate::graphql::ids::{NodeType, encode};
use crate::graphql::types::Contribution;
use crate::graphql::user_error::UserError;
use crate::services::write::contributions::{self as svc, ContributionFields};

/// A new contribution of your organisation to a learning question.
#[derive(InputObject)]
pub struct AddContributionInput {
    /// The question it answers.
    question: ID,
    /// What it offers; EXPERIENCE when left out.
    kind: Option<ContributionKind>,
    /// The text; at most 10,000 characters.
    body: String,
    /// How it is attributed outside the coalition; NAMED when left out.
    attribution: Option<Attribution>,
    /// Who may see it; the question's visibility when left out.
    visibility: Option<Visibility>,
    /// The person of your organisation who shares it.
    author: Option<ID>,
    /// Your own system's key for it, unique within your organisation.
    external_ref: Option<String>,
}

/// Changes to a contribution of your organisation; fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateContributionInput {
    /// The contribution.
    id: ID,
    /// The `version` you read.
    expected_version: Option<i32>,
    /// New kind.
    kind: Option<ContributionKind>,
    /// New text.
    body: Option<String>,
    /// New attribution.
    attribution: Option<Attribution>,
    /// New visibility.
    visibility: Option<Visibility>,
    /// New author, of your organisation; null to clear.
    author: MaybeUndefined<ID>,
}

/// The contribution to delete.
#[derive(InputObject)]
pub struct DeleteContributionInput {
    /// The contribution.
    id: ID,
}

/// The contribution your organisation knows as `externalRef`, created or brought up to date.
#[derive(InputObject)]
pub struct UpsertContributionByExternalRefInput {
    /// Your own system's key; unique within your organisation.
    external_ref: String,
    /// The question it answers.
    question: ID,
    /// What it offers.
    kind: Option<ContributionKind>,
    /// The text.
    body: String,
    /// How it is attributed outside the coalition.
    attribution: Option<Attribution>,
    /// Who may see it.
    visibility: Option<Visibility>,
}

/// The outcome of a contribution mutation.
#[derive(SimpleObject)]
pub struct ContributionPayload {
    /// The contribution as it is now; null when the input was refused.
    contribution: Option<Contribution>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

/// The outcome of an upsert.
#[derive(SimpleObject)]
pub struct UpsertContributionPayload {
    /// The contribution as it is now; null when the input was refused.
    contribution: Option<Contribution>,
    /// True when it did not exist and was created.
    created: bool,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

/// The outcome of deleting a contribution.
#[derive(SimpleObject)]
pub struct DeleteContributionPayload {
    /// The ID of the deleted contribution; null when nothing was deleted.
    deleted_contribution_id: Option<ID>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

/// Contribution mutations.
#[derive(Default)]
pub struct ContributionMutation;

#[Object]
impl ContributionMutation {
    /// Shares an experience, insight, tip, do, don't or resource on a question of a coalition your
    /// organisation is a member of (EDITOR or higher).
    async fn add_contribution(&self, ctx: &Context<'_>, input: AddContributionInput) -> Result<ContributionPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = ContributionFields {
            kind: input.kind.map(Into::into),
            body: Some(input.body),
            attribution: input.attribution.map(Into::into),
            visibility: input.visibility.map(Into::into),
            author_person_id: Some(opt_id(input.author.as_ref(), NodeType::Person)?),
        };
        let q = id(&input.question, NodeType::LearningQuestion)?;
        let (contribution, user_errors) =
            outcome(svc::add(db, viewer, q, fields, input.external_ref).await, Contribution)?;
        Ok(ContributionPayload {
            contribution,
            user_errors,
        })
    }

    /// Changes a contribution of your organisation.
    async fn update_contribution(
        &self,
        ctx: &Context<'_>,
        input: UpdateContributionInput,
    ) -> Result<ContributionPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = ContributionFields {
            kind: input.kind.map(Into::into),
            body: input.body,
            attribution: input.attribution.map(Into::into),
            visibility: input.visibility.map(Into::into),
            author_person_id: patch_id(&input.author, NodeType::Person)?,
        };
        let c = id(&input.id, NodeType::Contribution)?;
        let r = svc::update(db, viewer, c, fields, input.expected_version).await;
        let (contribution, user_errors) = outcome(r, Contribution)?;
        Ok(ContributionPayload {
            contribution,
            user_errors,
        })
    }

    /// Deletes a contribution of your organisation.
    async fn delete_contribution(
        &self,
        ctx: &Context<'_>,
        input: DeleteContributionInput,
    ) -> Result<DeleteContributionPayload> {
        let (db, viewer) = request(ctx)?;
        let r = svc::delete(db, viewer, id(&input.id, NodeType::Contribution)?).await;
        let (deleted_contribution_id, user_errors) = outcome(r, |i| encode(NodeType::Contribution, i))?;
        Ok(DeleteContributionPayload {
            deleted_contribution_id,
            user_errors,
        })
    }

    /// Creates or updates the contribution your organisation knows as `externalRef`; sending the
    /// same input again changes nothing.
    async fn upsert_contribution_by_external_ref(
        &self,
        ctx: &Context<'_>,
        input: UpsertContributionByExternalRefInput,
    ) -> Result<UpsertContributionPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = ContributionFields {
            kind: input.kind.map(Into::into),
            body: Some(input.body),
            attribution: input.attribution.map(Into::into),
            visibility: input.visibility.map(Into::into),
            author_person_id: None,
        };
        let q = id(&input.question, NodeType::LearningQuestion)?;
        let r = svc::upsert(db, viewer, &input.external_ref, q, fields).await;
        let created = matches!(r, Ok((_, true)));
        let (contribution, user_errors) = outcome(r, |(c, _)| Contribution(c))?;
        Ok(UpsertContributionPayload {
            contribution,
            created,
            user_errors,
        })
    }
}
