//! A learning question answered by an outcome.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outcome_question")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub outcome_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub question_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
