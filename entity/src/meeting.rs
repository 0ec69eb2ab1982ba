//! A learning session, workshop, expert meeting or knowledge-community afternoon.

use sea_orm::entity::prelude::*;

use crate::{MeetingKind, Visibility};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub coalition_id: i32,
    pub workgroup_id: Option<i32>,
    pub title: String,
    pub kind: MeetingKind,
    pub starts_at: DateTimeUtc,
    pub ends_at: Option<DateTimeUtc>,
    pub location: Option<String>,
    pub work_form: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub report: Option<String>,
    pub visibility: Visibility,
    pub organisation_id: Option<i32>,
    pub external_ref: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
