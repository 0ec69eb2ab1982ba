//! Columns a list need not read: long texts no field of the request shows.
//!
//! The nested list asks for the title and status of 500 questions; reading their rows whole
//! brought along 1,066 bytes of context and resolution summary each, half a megabyte a request
//! that PostgreSQL sent and the server decoded only to drop. A list whose request shows none of
//! a column's fields reads a placeholder in its place (`NULL`, or `''` where the column is NOT
//! NULL), so the model keeps its shape and the column costs nothing. Which fields show which
//! column is the GraphQL layer's to say (`graphql::spare`); a page read this way is handed only
//! to that list and never primes a cache another field could read.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ColumnType, EntityTrait, IdenStatic, Iterable, QuerySelect, Select};

/// A set of columns of one entity, by their position in its column list, left unread.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Unread(u64);

impl Unread {
    /// Nothing left unread: whole rows.
    pub const NONE: Unread = Unread(0);

    /// `columns` left unread, those that can be: text columns, among the first 64.
    pub fn of<E: EntityTrait>(columns: impl IntoIterator<Item = E::Column>) -> Self {
        let mut set = 0u64;
        for column in columns {
            let text = matches!(
                column.def().get_column_type(),
                ColumnType::String(_) | ColumnType::Text | ColumnType::Char(_)
            );
            if let Some(at) = position::<E>(column)
                && text
            {
                set |= 1 << at;
            }
        }
        Unread(set)
    }

    /// The same set without `column`: a list never leaves its sort column unread, whose value
    /// makes each row's cursor.
    pub fn without<E: EntityTrait>(self, column: E::Column) -> Self {
        match position::<E>(column) {
            Some(at) => Unread(self.0 & !(1 << at)),
            None => self,
        }
    }

    /// Whether the column at `at` is left unread.
    fn has(self, at: usize) -> bool {
        at < 64 && self.0 & (1 << at) != 0
    }

    /// The rows of `E`, every column under its own name, those left unread as a placeholder.
    pub fn select<E: EntityTrait>(self) -> Select<E> {
        if self == Unread::NONE {
            return E::find();
        }
        let mut select = E::find().select_only();
        for (at, column) in E::Column::iter().enumerate() {
            select = if self.has(at) {
                let placeholder = if column.def().is_null() { "NULL" } else { "''" };
                select.column_as(Expr::cust(placeholder), column.as_str())
            } else {
                select.column(column)
            };
        }
        select
    }
}

/// Where `column` stands among the columns of `E`, if among the first 64 (the set's bits).
fn position<E: EntityTrait>(column: E::Column) -> Option<usize> {
    E::Column::iter()
        .position(|c| c.as_str() == column.as_str())
        .filter(|at| *at < 64)
}

#[cfg(test)]
mod tests {
    use entity::learning_question::{Column, Entity};
    use sea_orm::{DbBackend, QueryTrait};

    use super::*;

    #[test]
    fn unread_columns_are_placeholders_under_their_own_names() {
        let sql = Unread::of::<Entity>([Column::Context, Column::ResolutionSummary])
            .select::<Entity>()
            .build(DbBackend::Postgres)
            .to_string();
        assert!(sql.contains(r#"'' AS "context""#), "{sql}");
        assert!(sql.contains(r#"NULL AS "resolution_summary""#), "{sql}");
        assert!(sql.contains(r#""learning_question"."title""#), "{sql}");
        assert!(!sql.contains(r#""learning_question"."context""#), "{sql}");
    }

    #[test]
    fn a_sort_column_is_always_read() {
        let both = Unread::of::<Entity>([Column::Title, Column::Context]);
        assert_eq!(
            both.without::<Entity>(Column::Title),
            Unread::of::<Entity>([Column::Context])
        );
        assert_eq!(both.without::<Entity>(Column::Id), both);
    }

    #[test]
    fn only_text_columns_are_left_unread() {
        assert_eq!(Unread::of::<Entity>([Column::Id, Column::CreatedAt]), Unread::NONE);
        assert_eq!(
            Unread::NONE.select::<Entity>().build(DbBackend::Postgres),
            Entity::find().build(DbBackend::Postgres)
        );
    }
}
