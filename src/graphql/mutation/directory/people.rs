//! `createPerson`, `updatePerson`, `deletePerson`, `upsertPersonByExternalRef`.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};

use crate::graphql::enums::PersonRole;
use crate::graphql::ids::{NodeType, encode};
use crate::graphql::mutation::support::{id, opt_id, outcome, request};
use crate::graphql::types::Person;
use crate::graphql::user_error::UserError;
use crate::services::write::people::{self as svc, PersonFields};

/// A new person in your organisation.
#[derive(InputObject)]
pub struct CreatePersonInput {
    /// Name; at most 200 characters.
    name: String,
    /// Email address, seen only by admins of the organisation and platform admins.
    email: Option<String>,
    /// The role the person takes part in.
    role: PersonRole,
    /// The organisation the person belongs to: platform tokens must name it, organisation tokens
    /// must leave it out (their people belong to their own organisation).
    organisation: Option<ID>,
}

/// Changes to a person; fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdatePersonInput {
    /// The person.
    id: ID,
    /// The `version` you read; the change is refused with VERSION_CONFLICT if it moved on.
    expected_version: Option<i32>,
    /// New name.
    name: Option<String>,
    /// New email address; null clears it.
    email: MaybeUndefined<String>,
    /// New role.
    role: Option<PersonRole>,
}

/// The person to delete.
#[derive(InputObject)]
pub struct DeletePersonInput {
    /// The person.
    id: ID,
}

/// The person your organisation knows as `externalRef`, created or brought up to date.
#[derive(InputObject)]
pub struct UpsertPersonByExternalRefInput {
    /// Your own system's key; unique within your organisation.
    external_ref: String,
    /// Name.
    name: String,
    /// Email address; left out means unchanged on update.
    email: Option<String>,
    /// The role the person takes part in.
    role: PersonRole,
    /// As in `createPerson`: platform tokens name the organisation, organisation tokens leave it
    /// out.
    organisation: Option<ID>,
}

/// The outcome of a person mutation.
#[derive(SimpleObject)]
pub struct PersonPayload {
    /// The person as it is now; null when the input was refused.
    person: Option<Person>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

/// The outcome of deleting a person.
#[derive(SimpleObject)]
pub struct DeletePersonPayload {
    /// The ID of the person that was deleted; null when the input was refused.
    deleted_person_id: Option<ID>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

/// The outcome of an upsert.
#[derive(SimpleObject)]
pub struct UpsertPersonPayload {
    /// The person as it is now; null when the input was refused.
    person: Option<Person>,
    /// True when the person did not exist and was created.
    created: bool,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

fn payload(r: (Option<Person>, Vec<UserError>)) -> PersonPayload {
    PersonPayload {
        person: r.0,
        user_errors: r.1,
    }
}

/// Person mutations.
#[derive(Default)]
pub struct PersonMutation;

#[Object]
impl PersonMutation {
    /// Adds a person to your organisation (ORG_ADMIN), or to the named organisation
    /// (PLATFORM_ADMIN).
    async fn create_person(&self, ctx: &Context<'_>, input: CreatePersonInput) -> Result<PersonPayload> {
        let (db, viewer) = request(ctx)?;
        let org = opt_id(input.organisation.as_ref(), NodeType::Organisation)?;
        let fields = PersonFields {
            name: Some(input.name),
            email: Some(input.email),
            role: Some(input.role.into()),
        };
        Ok(payload(outcome(svc::create(db, viewer, org, fields).await, Person)?))
    }

    /// Changes a person (ORG_ADMIN of the person's organisation, PLATFORM_ADMIN).
    async fn update_person(&self, ctx: &Context<'_>, input: UpdatePersonInput) -> Result<PersonPayload> {
        let (db, viewer) = request(ctx)?;
        let fields = PersonFields {
            name: input.name,
            email: input.email.into(),
            role: input.role.map(Into::into),
        };
        let person = id(&input.id, NodeType::Person)?;
        Ok(payload(outcome(
            svc::update(db, viewer, person, fields, input.expected_version).await,
            Person,
        )?))
    }

    /// Deletes a person (ORG_ADMIN of the person's organisation, PLATFORM_ADMIN). Their
    /// contributions and questions stay, without their name.
    async fn delete_person(&self, ctx: &Context<'_>, input: DeletePersonInput) -> Result<DeletePersonPayload> {
        let (db, viewer) = request(ctx)?;
        let r = svc::delete(db, viewer, id(&input.id, NodeType::Person)?).await;
        let (deleted_person_id, user_errors) = outcome(r, |p| encode(NodeType::Person, p))?;
        Ok(DeletePersonPayload {
            deleted_person_id,
            user_errors,
        })
    }

    /// Creates or updates the person your organisation knows as `externalRef` (ORG_ADMIN,
    /// PLATFORM_ADMIN). Sending the same input again changes nothing, so integration scripts can
    /// sync without duplicates.
    async fn upsert_person_by_external_ref(
        &self,
        ctx: &Context<'_>,
        input: UpsertPersonByExternalRefInput,
    ) -> Result<UpsertPersonPayload> {
        let (db, viewer) = request(ctx)?;
        let org = opt_id(input.organisation.as_ref(), NodeType::Organisation)?;
        let email = input.email.map(Some);
        let fields = PersonFields {
            name: Some(input.name),
            email,
            role: Some(input.role.into()),
        };
        let r = svc::upsert(db, viewer, org, &input.external_ref, fields).await;
        let created = matches!(r, Ok((_, true)));
        let (person, user_errors) = outcome(r, |(p, _)| Person(p))?;
        Ok(UpsertPersonPayload {
            person,
            created,
            user_errors,
        })
    }
}
