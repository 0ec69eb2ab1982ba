//! Sort orders: one column plus the primary key as tie-breaker, ascending or descending.

use sea_orm::sea_query::{Expr, ExprTrait, Order};
use sea_orm::{Condition, EntityTrait, IdenStatic, ModelTrait};

use super::cursor::{Cursor, SortValue};
use super::seal::Scope;
use crate::policy::Guarded;

/// An entity with an integer `id` primary key.
pub trait Keyed: Guarded {
    /// The primary key column.
    fn id_column() -> Self::Column;
    /// The primary key of a row.
    fn id_of(model: &Self::Model) -> i32;
    /// The model of a fully set `ActiveModel` (see `rows::Reader`).
    fn model_of(active: Self::ActiveModel) -> Result<Self::Model, sea_orm::DbErr>;
}

/// An ordering of `E`: `column` then `id`, both in the same direction.
pub struct Sort<E: EntityTrait> {
    /// Name used in cursors, e.g. `CREATED_AT_DESC`.
    pub name: &'static str,
    /// The column sorted on; it must be NOT NULL.
    pub column: E::Column,
    /// Descending instead of ascending.
    pub desc: bool,
}

impl<E: Keyed> Sort<E> {
    /// A new ordering.
    pub const fn new(name: &'static str, column: E::Column, desc: bool) -> Self {
        Sort { name, column, desc }
    }

    /// The position of a row under this ordering.
    pub fn cursor(&self, model: &E::Model) -> Cursor {
        let value = SortValue::from_value(model.get(self.column)).unwrap_or(SortValue::Int(0));
        Cursor {
            value,
            id: E::id_of(model),
        }
    }

    /// The root list of `E` in this ordering, which its cursors are sealed for.
    pub fn scope(&self) -> Scope {
        Scope {
            table: E::default().table_name(),
            sort: self.name,
            parent: None,
        }
    }

    /// The direction rows are read in; reversed when paging backward.
    pub fn order(&self, reverse: bool) -> Order {
        if self.desc ^ reverse { Order::Desc } else { Order::Asc }
    }

    /// Column references, qualified with the table, for use in raw statements.
    pub fn columns(&self) -> [(&'static str, &'static str); 2] {
        let table = E::default().table_name();
        [(table, self.column.as_str()), (table, E::id_column().as_str())]
    }

    /// Rows strictly after `c` in this ordering (`later`), or strictly before it.
    pub fn beyond(&self, c: &Cursor, later: bool) -> Condition {
        let [col, id] = self.columns();
        let v = c.value.to_value();
        let up = later ^ self.desc;
        let (col_cmp, id_cmp) = if up {
            (Expr::col(col).gt(v.clone()), Expr::col(id).gt(c.id))
        } else {
            (Expr::col(col).lt(v.clone()), Expr::col(id).lt(c.id))
        };
        Condition::any()
            .add(col_cmp)
            .add(Condition::all().add(Expr::col(col).eq(v)).add(id_cmp))
    }
}

/// Implements `Keyed` for entities whose primary key is `id`.
macro_rules! keyed {
    ($($m:ident),+) => { $(impl Keyed for entity::$m::Entity {
        fn id_column() -> Self::Column { entity::$m::Column::Id }
        fn id_of(model: &Self::Model) -> i32 { model.id }
        fn model_of(active: Self::ActiveModel) -> Result<Self::Model, sea_orm::DbErr> {
            sea_orm::TryIntoModel::try_into_model(active)
        }
    })+ };
}

keyed!(
    organisation,
    coalition,
    coalition_membership,
    workgroup,
    workgroup_membership,
    person,
    theme,
    learning_question,
    contribution,
    learning_track,
    meeting,
    outcome,
    audit_event,
    api_token,
    webhook,
    webhook_delivery
);
