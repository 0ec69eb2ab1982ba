//! Mutations of learning tracks and their sessions.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};

use super::support::{id, outcome, patch, request};
use crate::graphql::ids::NodeType;
use crate::graphql::scalars::Date;
use crate::graphql::types::LearningTrack;
use crate::graphql::user_error::UserError;
use crate::services::write::tracks::{self as svc, TrackFields};

/// A new learning track of a coalition.
#[derive(InputObject)]
pub struct CreateLearningTrackInput {
    /// The coalition running it.
    coalition: ID,
    /// Title; at most 300 characters.
    title: String,
    /// What participants should be able to do afterwards.
    goal: String,
    /// First day.
    starts_on: Option<Date>,
    /// Last day; not before the first.
    ends_on: Option<Date>,
}

/// Changes to a learning track; fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateLearningTrackInput {
    /// The learning track.
    id: ID,
    /// The `version` you read.
    expected_version: Option<i32>,
    /// New title.
    title: Option<String>,
    /// New goal.
    goal: Option<String>,
    /// New first day.
    starts_on: MaybeUndefined<Date>,
    /// New last day.
    ends_on: MaybeUndefined<Date>,
}

/// A meeting as a session of a learning track.
#[derive(InputObject)]
pub struct TrackSessionInput {
    /// The learning track.
    track: ID,
    /// The meeting, of the same coalition.
    meeting: ID,
    /// Its place in the track, from 1; required when adding, ignored when removing.
    position: Option<i32>,
}

/// The result of a learning-track mutation.
#[derive(SimpleObject)]
pub struct LearningTrackPayload {
    /// The learning track as it is now; null when the input was refused.
    learning_track: Option<LearningTrack>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

fn payload(r: (Option<LearningTrack>, Vec<UserError>)) -> LearningTrackPayload {
    LearningTrackPayload {
        learning_track: r.0,
        user_errors: r.1,
    }
}

fn date(v: MaybeUndefined<Date>) -> Option<Option<chrono::NaiveDate>> {
    patch(v).map(|d| d.map(|d| d.0))
}

/// Learning-track mutations.
#[derive(Default)]
pub struct TrackMutation;

#[Object]
impl TrackMutation {
    /// Starts a learning track in a coalition your organisation is a member of (EDITOR or higher).
    async fn create_learning_track(
        &self,
        ctx: &Context<'_>,
        input: CreateLearningTrackInput,
    ) -> Result<LearningTrackPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = TrackFields {
            title: Some(input.title),
            goal: Some(input.goal),
            starts_on: Some(input.starts_on.map(|d| d.0)),
            ends_on: Some(input.ends_on.map(|d| d.0)),
        };
        let c = id(&input.coalition, NodeType::Coalition)?;
        Ok(payload(outcome(
            svc::create(db, viewer, c, fields).await,
            LearningTrack,
        )?))
    }

    /// Changes a learning track.
    async fn update_learning_track(
        &self,
        ctx: &Context<'_>,
        input: UpdateLearningTrackInput,
    ) -> Result<LearningTrackPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = TrackFields {
            title: input.title,
            goal: input.goal,
            starts_on: date(input.starts_on),
            ends_on: date(input.ends_on),
        };
        let t = id(&input.id, NodeType::LearningTrack)?;
        Ok(payload(outcome(
            svc::update(db, viewer, t, fields, input.expected_version).await,
            LearningTrack,
        )?))
    }

    /// Makes a meeting a session of a learning track at `position`, or moves it there.
    async fn add_track_session(&self, ctx: &Context<'_>, input: TrackSessionInput) -> Result<LearningTrackPayload> {
        let (db, viewer) = request(ctx)?;
        let (t, m) = (
            id(&input.track, NodeType::LearningTrack)?,
            id(&input.meeting, NodeType::Meeting)?,
        );
        let r = svc::add_session(db, viewer, t, m, input.position.unwrap_or(0)).await;
        Ok(payload(outcome(r, LearningTrack)?))
    }

    /// Takes a meeting out of a learning track.
    async fn remove_track_session(&self, ctx: &Context<'_>, input: TrackSessionInput) -> Result<LearningTrackPayload> {
        let (db, viewer) = request(ctx)?;
        let (t, m) = (
            id(&input.track, NodeType::LearningTrack)?,
            id(&input.meeting, NodeType::Meeting)?,
        );
        Ok(payload(outcome(
            svc::remove_session(db, viewer, t, m).await,
            LearningTrack,
        )?))
    }
}
