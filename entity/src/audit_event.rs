//! One successful mutation: who (token, organisation, role), what (action, entity, global ID,
//! changed fields as a JSON array, and a changed visibility's old and new level) and when.
//! Written in the mutation's own transaction.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub token_id: Option<i32>,
    pub organisation_id: Option<i32>,
    pub role: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    #[sea_orm(column_type = "Text")]
    pub changed_fields: String,
    pub created_at: DateTimeUtc,
    /// The visibility before, when the mutation changed it.
    pub visibility_from: Option<crate::Visibility>,
    /// The visibility after, when the mutation changed it.
    pub visibility_to: Option<crate::Visibility>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
