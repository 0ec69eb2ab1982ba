//! A community of practice, area coalition, learning community or partnership.

use sea_orm::entity::prelude::*;

use crate::{CoalitionKind, LifecycleStage};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "coalition")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub kind: CoalitionKind,
    pub area: Option<String>,
    pub municipality: Option<String>,
    pub stage: LifecycleStage,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
    pub archived_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
