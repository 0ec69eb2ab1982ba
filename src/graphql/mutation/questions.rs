//! Mutations of learning questions.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};

use super::support::{id, ids, outcome, patch_id, request};
use crate::graphql::enums::{QuestionStatus, Visibility};
use crate::graphql::ids::NodeType;
use crate::graphql::types::LearningQuestion;
use crate::graphql::user_error::UserError;
use crate::services::write::questions::{self as svc, QuestionFields};

/// A new learning question, asked by your organisation.
#[derive(InputObject)]
pub struct CreateLearningQuestionInput {
    /// The coalition it belongs to; your organisation must be a member.
    coalition: ID,
    /// The workgroup working on it, of the same coalition.
    workgroup: Option<ID>,
    /// The question itself; at most 300 characters.
    title: String,
    /// Why it is asked and what is already known; at most 10,000 characters.
    context: String,
    /// Who may see it; COALITION (its coalition's members only) when left out: private by
    /// default, widen it on purpose.
    visibility: Option<Visibility>,
    /// Its themes.
    themes: Option<Vec<ID>>,
    /// The person of your organisation who asks it.
    asked_by_person: Option<ID>,
    /// Your own system's key for it, unique within your organisation.
    external_ref: Option<String>,
}

/// Changes to a learning question; fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateLearningQuestionInput {
    /// The question.
    id: ID,
    /// The `version` you read; the change is refused with VERSION_CONFLICT if it moved on.
    expected_version: Option<i32>,
    /// New title.
    title: Option<String>,
    /// New context.
    context: Option<String>,
    /// New workgroup, of the same coalition; null to detach.
    workgroup: MaybeUndefined<ID>,
    /// New visibility.
    visibility: Option<Visibility>,
    /// New asking person, of your organisation; null to clear.
    asked_by_person: MaybeUndefined<ID>,
}

/// A new status for a learning question.
#[derive(InputObject)]
pub struct ChangeLearningQuestionStatusInput {
    /// The question.
    id: ID,
    /// The new status.
    status: QuestionStatus,
    /// The answer in short; required to mark a question ANSWERED that has none yet.
    resolution_summary: Option<String>,
    /// The `version` you read.
    expected_version: Option<i32>,
}

/// A question and a theme.
#[derive(InputObject)]
pub struct LearningQuestionThemeInput {
    /// The question.
    question: ID,
    /// The theme.
    theme: ID,
}

/// The question your organisation knows as `externalRef`, created or brought up to date.
#[derive(InputObject)]
pub struct UpsertLearningQuestionByExternalRefInput {
    /// Your own system's key; unique within your organisation.
    external_ref: String,
    /// The coalition it belongs to.
    coalition: ID,
    /// The workgroup working on it.
    workgroup: Option<ID>,
    /// The question itself.
    title: String,
    /// Why it is asked.
    context: String,
    /// Who may see it; COALITION (its coalition's members only) when left out on creation,
    /// unchanged when left out on update. Private by default: widen it on purpose.
    visibility: Option<Visibility>,
    /// Themes, set on creation.
    themes: Option<Vec<ID>>,
}

/// The outcome of a learning-question mutation.
#[derive(SimpleObject)]
pub struct LearningQuestionPayload {
    /// The question as it is now; null when the input was refused.
    learning_question: Option<LearningQuestion>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

/// The outcome of an upsert.
#[derive(SimpleObject)]
pub struct UpsertLearningQuestionPayload {
    /// The question as it is now; null when the input was refused.
    learning_question: Option<LearningQuestion>,
    /// True when the question did not exist and was created.
    created: bool,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

fn payload(r: (Option<LearningQuestion>, Vec<UserError>)) -> LearningQuestionPayload {
    LearningQuestionPayload {
        learning_question: r.0,
        user_errors: r.1,
    }
}

/// Learning-question mutations.
#[derive(Default)]
pub struct QuestionMutation;

#[Object]
impl QuestionMutation {
    /// Asks a new learning question in a coalition your organisation is a member of (EDITOR or
    /// higher).
    async fn create_learning_question(
        &self,
        ctx: &Context<'_>,
        input: CreateLearningQuestionInput,
    ) -> Result<LearningQuestionPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = QuestionFields {
            title: Some(input.title),
            context: Some(input.context),
            workgroup_id: Some(
                input
                    .workgroup
                    .as_ref()
                    .map(|w| id(w, NodeType::Workgroup))
                    .transpose()?,
            ),
            visibility: input.visibility.map(Into::into),
            asked_by_person_id: Some(
                input
                    .asked_by_person
                    .as_ref()
                    .map(|p| id(p, NodeType::Person))
                    .transpose()?,
            ),
        };
        let coalition = id(&input.coalition, NodeType::Coalition)?;
        let themes = ids(input.themes.as_deref(), NodeType::Theme)?;
        let r = svc::create(db, viewer, coalition, fields, themes, input.external_ref).await;
        Ok(payload(outcome(r, LearningQuestion)?))
    }

    /// Changes a learning question (EDITOR or higher of a member organisation).
    async fn update_learning_question(
        &self,
        ctx: &Context<'_>,
        input: UpdateLearningQuestionInput,
    ) -> Result<LearningQuestionPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = QuestionFields {
            title: input.title,
            context: input.context,
            workgroup_id: patch_id(&input.workgroup, NodeType::Workgroup)?,
            visibility: input.visibility.map(Into::into),
            asked_by_person_id: patch_id(&input.asked_by_person, NodeType::Person)?,
        };
        let r = svc::update(
            db,
            viewer,
            id(&input.id, NodeType::LearningQuestion)?,
            fields,
            input.expected_version,
        )
        .await;
        Ok(payload(outcome(r, LearningQuestion)?))
    }

    /// Moves a learning question to another status, with a resolution summary when answered.
    async fn change_learning_question_status(
        &self,
        ctx: &Context<'_>,
        input: ChangeLearningQuestionStatusInput,
    ) -> Result<LearningQuestionPayload> {
        let (db, viewer) = request(ctx)?;
        let q = id(&input.id, NodeType::LearningQuestion)?;
        let r = svc::change_status(
            db,
            viewer,
            q,
            input.status.into(),
            input.resolution_summary,
            input.expected_version,
        )
        .await;
        Ok(payload(outcome(r, LearningQuestion)?))
    }

    /// Gives a learning question a theme; doing it twice changes nothing.
    async fn add_learning_question_theme(
        &self,
        ctx: &Context<'_>,
        input: LearningQuestionThemeInput,
    ) -> Result<LearningQuestionPayload> {
        theme(ctx, input, true).await
    }

    /// Takes a theme off a learning question.
    async fn remove_learning_question_theme(
        &self,
        ctx: &Context<'_>,
        input: LearningQuestionThemeInput,
    ) -> Result<LearningQuestionPayload> {
        theme(ctx, input, false).await
    }

    /// Creates or updates the question your organisation knows as `externalRef`. Sending the same
    /// input again changes nothing, so integration scripts can sync without duplicates.
    async fn upsert_learning_question_by_external_ref(
        &self,
        ctx: &Context<'_>,
        input: UpsertLearningQuestionByExternalRefInput,
    ) -> Result<UpsertLearningQuestionPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = QuestionFields {
            title: Some(input.title),
            context: Some(input.context),
            workgroup_id: Some(
                input
                    .workgroup
                    .as_ref()
                    .map(|w| id(w, NodeType::Workgroup))
                    .transpose()?,
            ),
            visibility: input.visibility.map(Into::into),
            asked_by_person_id: None,
        };
        let coalition = id(&input.coalition, NodeType::Coalition)?;
        let themes = ids(input.themes.as_deref(), NodeType::Theme)?;
        let r = svc::upsert(db, viewer, &input.external_ref, coalition, fields, themes).await;
        let created = matches!(r, Ok((_, true)));
        let (learning_question, user_errors) = outcome(r, |(q, _)| LearningQuestion(q))?;
        Ok(UpsertLearningQuestionPayload {
            learning_question,
            created,
            user_errors,
        })
    }
}

async fn theme(ctx: &Context<'_>, input: LearningQuestionThemeInput, add: bool) -> Result<LearningQuestionPayload> {
    let (db, viewer) = request(ctx)?;
    let q = id(&input.question, NodeType::LearningQuestion)?;
    let r = svc::set_theme(db, viewer, q, id(&input.theme, NodeType::Theme)?, add).await;
    Ok(payload(outcome(r, LearningQuestion)?))
}
