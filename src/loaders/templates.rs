//! Statements built once per shape. Building a statement is a pure function of what it is for
//! (the viewer, what the request selects, the backend) and of the row's id; on the small lookup
//! building and dropping the statement tree (three lists of the viewer's coalitions among its
//! 50 values) was an eighth of the server's time. A template keeps the SQL and the values built
//! for a key, with the id's place among the values marked, and each use fills the id in.
//!
//! The key must hold everything the statement is built from: callers key by the whole viewer
//! (`Viewer::key`, every field), so two viewers share a template only when they are the same
//! viewer to every visibility rule.

use std::hash::Hash;
use std::sync::Arc;

use quick_cache::sync::Cache;
use sea_orm::{DbBackend, Statement, Value, Values};

/// Templates kept per kind of statement (each a few KB of SQL and its values).
const KEPT: usize = 1_000;

/// An id no row has (ids are positive): the statement is built with it, and the one value equal
/// to it is the value each use replaces.
const SENTINEL: i32 = i32::MIN + 7;

/// A built statement with the place of its id.
struct Template {
    sql: String,
    values: Vec<Value>,
    id_at: usize,
    backend: DbBackend,
}

impl Template {
    /// `stmt`, built for [`SENTINEL`], as a template: when the sentinel is exactly one of its
    /// values (anything else, and the statement is not kept).
    fn of(stmt: Statement) -> Option<Template> {
        let values = stmt.values.map(|v| v.0).unwrap_or_default();
        let mut at = values
            .iter()
            .enumerate()
            .filter(|(_, v)| matches!(v, Value::Int(Some(SENTINEL))))
            .map(|(i, _)| i);
        let (Some(id_at), None) = (at.next(), at.next()) else {
            return None;
        };
        Some(Template {
            sql: stmt.sql,
            values,
            id_at,
            backend: stmt.db_backend,
        })
    }

    /// The statement for `id`.
    fn with_id(&self, id: i32) -> Statement {
        let mut values = self.values.clone();
        values[self.id_at] = Value::Int(Some(id));
        Statement {
            sql: self.sql.clone(),
            values: Some(Values(values)),
            db_backend: self.backend,
        }
    }
}

/// Templates by key, bounded.
pub struct Templates<K> {
    kept: Cache<K, Arc<Template>>,
}

impl<K: Eq + Hash + Clone> Templates<K> {
    /// Keeps at most [`KEPT`] templates, the least used going first.
    pub fn new() -> Self {
        Templates { kept: Cache::new(KEPT) }
    }

    /// The statement `build(id)` would give, from the template of `key` (built and kept on
    /// first use).
    pub fn statement(&self, key: K, id: i32, build: impl Fn(i32) -> Statement) -> Statement {
        if let Some(template) = self.kept.get(&key) {
            return template.with_id(id);
        }
        match Template::of(build(SENTINEL)) {
            Some(template) => {
                let stmt = template.with_id(id);
                self.kept.insert(key, Arc::new(template));
                stmt
            }
            None => build(id),
        }
    }
}

impl<K: Eq + Hash + Clone> Default for Templates<K> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    use sea_orm::{DbBackend, Statement};

    use super::{SENTINEL, Templates};

    fn build(id: i32, limit: i32) -> Statement {
        let stmt = Query::select()
            .column("title")
            .from("learning_question")
            .and_where(Expr::col("id").eq(id))
            .and_where(Expr::col("coalition_id").is_in([3, 1, 2]))
            .limit(limit as u64)
            .to_owned();
        DbBackend::Postgres.build(&stmt)
    }

    #[test]
    fn a_template_gives_what_building_gives_for_every_id() {
        let templates = Templates::new();
        for id in [5, 1, 5, 99, 2, 3] {
            assert_eq!(
                templates.statement("k", id, |id| build(id, 10)),
                build(id, 10),
                "id {id}"
            );
        }
    }

    #[test]
    fn keys_keep_their_own_templates() {
        let templates = Templates::new();
        assert_eq!(templates.statement(10, 7, |id| build(id, 10)), build(7, 10));
        assert_eq!(templates.statement(20, 7, |id| build(id, 20)), build(7, 20));
        assert_eq!(
            templates.statement(10, 8, |id| build(id, 99)),
            build(8, 10),
            "kept for key 10"
        );
    }

    #[test]
    fn a_statement_whose_id_is_not_one_value_is_not_kept() {
        let templates = Templates::new();
        // The id twice: no template, each use builds.
        let twice = |id: i32| {
            let stmt = Query::select()
                .column("title")
                .from("learning_question")
                .and_where(Expr::col("id").eq(id))
                .and_where(Expr::col("parent_id").eq(id))
                .to_owned();
            DbBackend::Postgres.build(&stmt)
        };
        assert_eq!(templates.statement("k", 4, twice), twice(4));
        assert_eq!(templates.statement("k", 5, twice), twice(5));
        assert!(templates.kept.get(&"k").is_none());
        assert_ne!(SENTINEL, 4);
    }
}
