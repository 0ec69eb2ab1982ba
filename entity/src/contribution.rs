//! An answer to a learning question: an experience, insight, tip, do, don't or resource.
//! `coalition_id` repeats the question's coalition so visibility is checked without a join.

use sea_orm::entity::prelude::*;

use crate::{Attribution, ContributionKind, Visibility};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contribution")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub question_id: i32,
    pub coalition_id: i32,
    pub kind: ContributionKind,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub author_person_id: Option<i32>,
    pub organisation_id: Option<i32>,
    pub attribution: Attribution,
    pub visibility: Visibility,
    pub external_ref: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
