//! A workgroup, learning circle or learning studio inside a coalition.

use sea_orm::entity::prelude::*;

use crate::{Visibility, WorkgroupKind};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workgroup")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub coalition_id: i32,
    pub name: String,
    pub kind: WorkgroupKind,
    pub method: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub visibility: Visibility,
    pub archived_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
