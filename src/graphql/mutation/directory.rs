//! Mutations of the directory: organisations, coalitions and their members, people and themes.

mod coalitions;
mod members;
mod organisations;
mod people;
mod themes;

use async_graphql::MergedObject;

/// Directory mutations, one object per record type.
#[derive(MergedObject, Default)]
pub struct DirectoryMutation(
    organisations::OrganisationMutation,
    coalitions::CoalitionMutation,
    members::MemberMutation,
    people::PersonMutation,
    themes::ThemeMutation,
);
