//! A question a workgroup or coalition works on.

use sea_orm::entity::prelude::*;

use crate::{QuestionStatus, Visibility};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "learning_question")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub coalition_id: i32,
    pub workgroup_id: Option<i32>,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub context: String,
    pub status: QuestionStatus,
    pub asked_by_organisation_id: Option<i32>,
    pub asked_by_person_id: Option<i32>,
    pub visibility: Visibility,
    #[sea_orm(column_type = "Text", nullable)]
    pub resolution_summary: Option<String>,
    pub external_ref: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

/// The workgroup working on the question: lets one statement read both (a to-one join).
impl Related<super::workgroup::Entity> for Entity {
    fn to() -> RelationDef {
        Entity::belongs_to(super::workgroup::Entity)
            .from(Column::WorkgroupId)
            .to(super::workgroup::Column::Id)
            .into()
    }
}

/// The coalition the question belongs to: lets one statement read both (a to-one join).
impl Related<super::coalition::Entity> for Entity {
    fn to() -> RelationDef {
        Entity::belongs_to(super::coalition::Entity)
            .from(Column::CoalitionId)
            .to(super::coalition::Column::Id)
            .into()
    }
}

impl ActiveModelBehavior for ActiveModel {}
