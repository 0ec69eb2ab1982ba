//! `exportPersonData` and `erasePerson`: a person's data rights (AVG/GDPR art. 15, 17 and 20),
//! for the admins of the person's own organisation and platform admins.

use async_graphql::{Context, ID, InputObject, Json, Object, Result, SimpleObject};

use crate::graphql::ids::{NodeType, encode};
use crate::graphql::mutation::support::{id, outcome, request};
use crate::graphql::types::Person;
use crate::graphql::user_error::UserError;
use crate::privacy::{Privacy, erase, export};

/// The person whose data to export.
#[derive(InputObject)]
pub struct ExportPersonDataInput {
    /// The person (a Person ID).
    person: ID,
}

/// The person whose data to erase.
#[derive(InputObject)]
pub struct ErasePersonInput {
    /// The person (a Person ID).
    person: ID,
}

/// A person's data, as one JSON document.
#[derive(SimpleObject)]
pub struct ExportPersonDataPayload {
    /// The document: `format`, `generatedAt`, `purposes` and `retention` of each part, then
    /// `person`, `memberships`, `contributions` (whatever their attribution), `questions` they
    /// asked and `auditEvents` about them. Null when the input was refused.
    data: Option<Json<serde_json::Value>>,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

/// What an erasure did.
#[derive(SimpleObject)]
pub struct ErasePersonPayload {
    /// The person's row as it is now: no email or external reference, a placeholder for the
    /// name, and `erasedAt` set. Null when the input was refused.
    person: Option<Person>,
    /// The ID of the erased person; its change event is ERASED.
    erased_person_id: Option<ID>,
    /// Contributions that no longer name the person; NAMED ones became ORGANISATION (ANONYMOUS
    /// without an organisation). Their content stays.
    contributions_detached: i32,
    /// Learning questions that no longer name who asked them.
    questions_detached: i32,
    /// Workgroups the person left.
    memberships_removed: i32,
    /// What was wrong with the input; empty on success.
    user_errors: Vec<UserError>,
}

/// Privacy mutations.
#[derive(Default)]
pub struct PrivacyMutation;

#[Object]
impl PrivacyMutation {
    /// Everything Samenspel holds about a person, as one JSON document (ORG_ADMIN of the
    /// person's organisation, PLATFORM_ADMIN; a person of another organisation is NOT_FOUND).
    /// Audited; each token may export and erase a limited number of times an hour
    /// (RATE_LIMITED).
    async fn export_person_data(
        &self,
        ctx: &Context<'_>,
        input: ExportPersonDataInput,
    ) -> Result<ExportPersonDataPayload> {
        let (db, viewer) = request(ctx)?;
        let privacy = ctx.data::<Privacy>()?;
        let person = id(&input.person, NodeType::Person)?;
        let (data, user_errors) = outcome(export::export(db, viewer, privacy, person).await, Json)?;
        Ok(ExportPersonDataPayload { data, user_errors })
    }

    /// Erases a person's data (ORG_ADMIN of the person's organisation, PLATFORM_ADMIN; a person
    /// of another organisation is NOT_FOUND): name, email and external reference go, their
    /// contributions and questions stay without them, they leave their workgroups, and partner
    /// systems hear of it through an ERASED change event. Erasing an erased person again erases
    /// what was added since, and changes nothing when nothing was. Counts against the same
    /// hourly budget as `exportPersonData`.
    async fn erase_person(&self, ctx: &Context<'_>, input: ErasePersonInput) -> Result<ErasePersonPayload> {
        let (db, viewer) = request(ctx)?;
        let privacy = ctx.data::<Privacy>()?;
        let person = id(&input.person, NodeType::Person)?;
        let (erased, user_errors) = outcome(erase::erase(db, viewer, privacy, person).await, |e| e)?;
        let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
        Ok(ErasePersonPayload {
            erased_person_id: erased.as_ref().map(|e| encode(NodeType::Person, e.person.id)),
            contributions_detached: erased.as_ref().map_or(0, |e| count(e.contributions)),
            questions_detached: erased.as_ref().map_or(0, |e| count(e.questions)),
            memberships_removed: erased.as_ref().map_or(0, |e| count(e.memberships)),
            person: erased.map(|e| Person(e.person)),
            user_errors,
        })
    }
}
