//! `addCoalitionMember`, `updateCoalitionMember`, `removeCoalitionMember`.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};

use super::coalitions::patch_date;
use crate::graphql::enums::MembershipRole;
use crate::graphql::ids::{NodeType, encode};
use crate::graphql::mutation::support::{id, outcome, request};
use crate::graphql::scalars::Date;
use crate::graphql::types::CoalitionMembership;
use crate::graphql::user_error::UserError;
use crate::services::write::coalitions::members::{self as svc, MemberFields};

/// An organisation joining a coalition.
#[derive(InputObject)]
pub struct AddCoalitionMemberInput {
    /// The coalition.
    coalition: ID,
    /// The organisation; it may not be a member already.
    organisation: ID,
    /// The part it plays.
    role: MembershipRole,
    /// When it joined.
    joined_on: Option<Date>,
}

/// Changes to a membership; fields left out stay as they are, null clears a date.
#[derive(InputObject)]
pub struct UpdateCoalitionMemberInput {
    /// The membership.
    id: ID,
    /// The new part the organisation plays.
    role: Option<MembershipRole>,
    /// When the organisation joined.
    joined_on: MaybeUndefined<Date>,
    /// When the organisation left; not before it joined.
    left_on: MaybeUndefined<Date>,
}

/// The membership to remove.
#[derive(InputObject)]
pub struct RemoveCoalitionMemberInput {
    /// The membership.
    id: ID,
}

/// The outcome of adding or changing a membership.
#[derive(SimpleObject)]
pub struct CoalitionMembershipPayload {
    /// The membership as it is now; null when the input was refused.
    coalition_membership: Option<CoalitionMembership>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

/// The outcome of removing a membership.
#[derive(SimpleObject)]
pub struct RemoveCoalitionMemberPayload {
    /// The ID of the membership that was removed; null when the input was refused.
    removed_membership_id: Option<ID>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

fn payload(r: (Option<CoalitionMembership>, Vec<UserError>)) -> CoalitionMembershipPayload {
    CoalitionMembershipPayload {
        coalition_membership: r.0,
        user_errors: r.1,
    }
}

/// Coalition-membership mutations.
#[derive(Default)]
pub struct MemberMutation;

#[Object]
impl MemberMutation {
    /// Adds an organisation to a coalition (PLATFORM_ADMIN, or ORG_ADMIN of an organisation that
    /// leads it).
    async fn add_coalition_member(
        &self,
        ctx: &Context<'_>,
        input: AddCoalitionMemberInput,
    ) -> Result<CoalitionMembershipPayload> {
        let (db, viewer) = request(ctx)?;
        let coalition = id(&input.coalition, NodeType::Coalition)?;
        let org = id(&input.organisation, NodeType::Organisation)?;
        let joined = input.joined_on.map(|d| d.0);
        let r = svc::add(db, viewer, coalition, org, input.role.into(), joined).await;
        Ok(payload(outcome(r, CoalitionMembership)?))
    }

    /// Changes a membership: the role, or when the organisation joined or left (PLATFORM_ADMIN,
    /// or ORG_ADMIN of an organisation that leads the coalition).
    async fn update_coalition_member(
        &self,
        ctx: &Context<'_>,
        input: UpdateCoalitionMemberInput,
    ) -> Result<CoalitionMembershipPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = MemberFields {
            role: input.role.map(Into::into),
            joined_on: patch_date(input.joined_on),
            left_on: patch_date(input.left_on),
        };
        let r = svc::update(db, viewer, id(&input.id, NodeType::CoalitionMembership)?, fields).await;
        Ok(payload(outcome(r, CoalitionMembership)?))
    }

    /// Removes an organisation from a coalition (PLATFORM_ADMIN, or ORG_ADMIN of an organisation
    /// that leads it). To keep the history, set `leftOn` with `updateCoalitionMember` instead.
    async fn remove_coalition_member(
        &self,
        ctx: &Context<'_>,
        input: RemoveCoalitionMemberInput,
    ) -> Result<RemoveCoalitionMemberPayload> {
        let (db, viewer) = request(ctx)?;
        let r = svc::remove(db, viewer, id(&input.id, NodeType::CoalitionMembership)?).await;
        let (removed_membership_id, user_errors) = outcome(r, |m| encode(NodeType::CoalitionMembership, m))?;
        Ok(RemoveCoalitionMemberPayload {
            removed_membership_id,
            user_errors,
        })
    }
}
