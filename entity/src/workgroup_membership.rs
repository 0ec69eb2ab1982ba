//! A person taking part in a workgroup.

use sea_orm::entity::prelude::*;

use crate::WorkgroupRole;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workgroup_membership")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub workgroup_id: i32,
    pub person_id: i32,
    pub role: WorkgroupRole,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
