//! One change to one record: what (entity, id, global ID, action, version after, changed fields),
//! who (acting organisation), when, and the visibility scope the record had, so that a deleted
//! record's event is shown exactly to whom could see the record.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "change_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub entity_type: String,
    pub entity_id: i32,
    pub node_id: String,
    pub action: String,
    pub version: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub changed_fields: String,
    pub organisation_id: Option<i32>,
    pub occurred_at: DateTimeUtc,
    pub scope_visibility: String,
    pub scope_coalition_id: Option<i32>,
    pub scope_organisation_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
