//! Root mutation fields, one object per domain, merged into `Mutation`.

mod archive;
mod contributions;
mod directory;
mod meetings;
mod outcomes;
mod privacy;
mod questions;
mod support;
mod tokens;
mod tracks;
mod webhooks;
mod workgroups;

use async_graphql::MergedObject;

/// Everything a client can change. Each mutation takes one input object and returns a payload
/// with the changed object and `userErrors`; every success is recorded in the audit log.
#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct MutationRoot(
    tokens::TokenMutation,
    directory::DirectoryMutation,
    questions::QuestionMutation,
    contributions::ContributionMutation,
    meetings::MeetingMutation,
    outcomes::OutcomeMutation,
    workgroups::WorkgroupMutation,
    tracks::TrackMutation,
    webhooks::WebhookMutation,
    archive::ArchiveMutation,
    privacy::PrivacyMutation,
);
