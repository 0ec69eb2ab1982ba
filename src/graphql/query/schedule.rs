//! `meetings`, `outcomes` and `learningTracks`.

use async_graphql::{Context, ID, InputObject, Object, Result};
use chrono::{DateTime, Utc};
use entity::{learning_track, meeting, outcome};

use crate::graphql::connection::{Conn, PageInput, loaders, root};
use crate::graphql::enums::OrderDirection;
use crate::graphql::ids::{NodeType, decode_as};
use crate::graphql::types::{LearningTrack, Meeting, Outcome};
use crate::paging::Sort;
use crate::services::schedule::{MeetingFilter as Plain, meetings};
use crate::services::visible;
use crate::sorts::{MEETING_STARTS, OUTCOME_TITLE, TRACK_TITLE};

/// Which meetings to list; every field given must match.
#[derive(InputObject, Default)]
pub struct MeetingFilter {
    /// Starts at or after this moment.
    starts_after: Option<DateTime<Utc>>,
    /// Starts before this moment.
    starts_before: Option<DateTime<Utc>>,
    /// Held by this coalition (a Coalition ID).
    coalition: Option<ID>,
}

/// What to sort meetings on.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq)]
pub enum MeetingOrderField {
    /// When the meeting starts.
    StartsAt,
}

/// The order of the meeting list.
#[derive(InputObject)]
pub struct MeetingOrder {
    /// What to sort on.
    field: MeetingOrderField,
    /// Which way.
    #[graphql(default)]
    direction: OrderDirection,
}

fn meeting_sort(o: Option<MeetingOrder>) -> Sort<meeting::Entity> {
    match o.map(|o| o.direction) {
        None | Some(OrderDirection::Asc) => MEETING_STARTS,
        Some(OrderDirection::Desc) => Sort::new("STARTS_AT_DESC", meeting::Column::StartsAt, true),
    }
}

/// Root fields of meetings, outcomes and learning tracks.
#[derive(Default)]
pub struct ScheduleQuery;

#[Object]
impl ScheduleQuery {
    /// Meetings, in date order unless `orderBy` says otherwise.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn meetings(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which meetings to list.")] filter: Option<MeetingFilter>,
        #[graphql(desc = "The order of the list.")] order_by: Option<MeetingOrder>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Meeting>> {
        let f = filter.unwrap_or_default();
        let plain = Plain {
            starts_after: f.starts_after,
            starts_before: f.starts_before,
            coalition_id: f.coalition.map(|id| decode_as(&id, NodeType::Coalition)).transpose()?,
        };
        let select = meetings(loaders(ctx)?.viewer(), &plain)?;
        root(
            ctx,
            select,
            &meeting_sort(order_by),
            PageInput {
                first,
                after,
                last,
                before,
            },
            Meeting,
        )
        .await
    }

    /// Published outcomes, by title.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn outcomes(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Outcome>> {
        let select = visible::<outcome::Entity>(loaders(ctx)?.viewer());
        root(
            ctx,
            select,
            &OUTCOME_TITLE,
            PageInput {
                first,
                after,
                last,
                before,
            },
            Outcome,
        )
        .await
    }

    /// Learning tracks, by title.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn learning_tracks(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<LearningTrack>> {
        let select = visible::<learning_track::Entity>(loaders(ctx)?.viewer());
        root(
            ctx,
            select,
            &TRACK_TITLE,
            PageInput {
                first,
                after,
                last,
                before,
            },
            LearningTrack,
        )
        .await
    }
}
