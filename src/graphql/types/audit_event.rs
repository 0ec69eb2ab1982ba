//! `AuditEvent`: one successful mutation.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::{audit_event::Model, organisation};

use super::{Organisation, one};
use crate::graphql::ids::{NodeType, encode};

/// The `AuditEvent` object; documented on its GraphQL impl below.
pub struct AuditEvent(pub Model);

/// One successful mutation: who made it (token, organisation, role), what it changed and when.
/// Written in the same transaction as the change itself.
#[Object]
impl AuditEvent {
    /// Global ID.
    pub async fn id(&self) -> ID {
        encode(NodeType::AuditEvent, self.0.id)
    }
    /// The mutation, e.g. `createLearningQuestion`.
    async fn action(&self) -> &str {
        &self.0.action
    }
    /// The type of the record changed, e.g. `LearningQuestion`.
    async fn entity_type(&self) -> &str {
        &self.0.entity_type
    }
    /// The global ID of the record changed.
    async fn entity_id(&self) -> &str {
        &self.0.entity_id
    }
    /// The input fields the mutation set.
    async fn changed_fields(&self) -> Vec<String> {
        serde_json::from_str(&self.0.changed_fields).unwrap_or_default()
    }
    /// The role of the token that made the change (`CLI` for the command line).
    async fn role(&self) -> &str {
        &self.0.role
    }
    /// The global ID of the token that made the change (an `ApiToken` ID).
    async fn token_id(&self) -> Option<ID> {
        self.0.token_id.map(|t| ID(crate::auth::store::global_id(t)))
    }
    /// The organisation of the token that made the change.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        one::<organisation::Entity, _>(ctx, self.0.organisation_id, Organisation).await
    }
    /// The record's visibility before the change, when the mutation changed it.
    async fn visibility_from(&self) -> Option<crate::graphql::enums::Visibility> {
        self.0.visibility_from.map(Into::into)
    }
    /// The record's visibility after the change, when the mutation changed it: widening who may
    /// see a record is on record as what it is.
    async fn visibility_to(&self) -> Option<crate::graphql::enums::Visibility> {
        self.0.visibility_to.map(Into::into)
    }
    /// When the change was made.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}
