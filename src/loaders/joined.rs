//! To-one chains read in one statement. A lookup of one learning question that also asks for
//! its workgroup and coalition would otherwise take three dependent round trips (question, then
//! the two loaders); here the question's statement joins both, and the rows it brings along are
//! *primed*: the next `Loaders::one` for them answers without a statement. Likewise a page of
//! children can bring along one to-one row per child ([`Along`]): a question's contributions
//! with their organisations. And a single question's first page of contributions joins the
//! question's own statement (`LATERAL`, the loader's page subquery) and is primed for the
//! field: the small lookup is one statement.
//!
//! Priming is for reads only. Once a mutation of the request has started, primed rows are
//! neither stored nor used, so a payload always reads what its own write left behind.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::mem::Discriminant;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{LazyLock, Mutex};

use entity::{coalition, contribution, learning_question, organisation, workgroup};
use sea_orm::sea_query::{Asterisk, Expr, ExprTrait, JoinType, SelectStatement};
use sea_orm::{
    Condition, ConnectionTrait, DbBackend, EntityTrait, IdenStatic, Iterable, QueryFilter, QueryResult, QuerySelect,
};

use super::children::ChildModel;
use super::templates::Templates;
use super::unread::Unread;
use super::{Loaders, QuestionContributions, ToMany};
use crate::error::AppResult;
use crate::paging::{Keyed, Page, PageArgs, narrow_to_page};
use crate::policy::Guarded;
use crate::rows::{self, Reader, index_of};
use crate::viewer::{Viewer, ViewerKey};

/// Rows by entity type and id.
type Rows = HashMap<(TypeId, i32), Box<dyn Any + Send + Sync>>;

/// Pages of children by relation, parent id and page arguments.
type Pages = HashMap<(TypeId, i32, PageArgs), Box<dyn Any + Send + Sync>>;

/// Rows read ahead of the resolvers that will ask for them.
#[derive(Default)]
pub struct Primed {
    rows: Mutex<Rows>,
    pages: Mutex<Pages>,
    writing: AtomicBool,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Primed {
    fn lock(&self) -> std::sync::MutexGuard<'_, Rows> {
        lock(&self.rows)
    }

    /// Keeps `model`, a row of `E` the viewer may see, for the next lookup of its id.
    pub(super) fn put<E: Keyed>(&self, model: E::Model)
    where
        E::Model: Sync,
    {
        if self.writing.load(Ordering::Acquire) {
            return;
        }
        self.lock()
            .insert((TypeId::of::<E>(), E::id_of(&model)), Box::new(model));
    }

    /// Whether a row of `E` with this id is primed.
    fn has<E: Keyed>(&self, id: i32) -> bool {
        self.lock().contains_key(&(TypeId::of::<E>(), id))
    }

    /// The primed row of `E` with this id, if any (and no write has started).
    pub(super) fn get<E: Keyed>(&self, id: i32) -> Option<E::Model> {
        if self.writing.load(Ordering::Acquire) {
            return None;
        }
        let rows = self.lock();
        rows.get(&(TypeId::of::<E>(), id))?.downcast_ref::<E::Model>().cloned()
    }

    /// Keeps `page`, the children of `parent` through `R` the viewer may see, for the next
    /// lookup of that page with the same arguments.
    pub(super) fn put_page<R: ToMany>(&self, parent: i32, args: PageArgs, page: Page<ChildModel<R>>)
    where
        ChildModel<R>: Sync,
    {
        if self.writing.load(Ordering::Acquire) {
            return;
        }
        let key = (TypeId::of::<R>(), parent, args);
        lock(&self.pages).insert(key, Box::new(page));
    }

    /// The primed page of `parent`'s children through `R` with these arguments, taken out (and
    /// none once a write has started).
    pub(super) fn take_page<R: ToMany>(&self, parent: i32, args: &PageArgs) -> Option<Page<ChildModel<R>>>
    where
        ChildModel<R>: Sync,
    {
        if self.writing.load(Ordering::Acquire) {
            return None;
        }
        let key = (TypeId::of::<R>(), parent, args.clone());
        let page = lock(&self.pages).remove(&key)?;
        page.downcast::<Page<ChildModel<R>>>().ok().map(|p| *p)
    }

    /// From now on nothing is primed or read from what was.
    pub(super) fn stop(&self) {
        self.writing.store(true, Ordering::Release);
        self.lock().clear();
        lock(&self.pages).clear();
    }
}

/// A to-one relation that a page of children brings along: the row each child points at,
/// joined into the page's statement (only where the viewer may see it) and primed.
pub trait Along: Send + Sync + 'static {
    /// Adds the join and the target's columns to the children's statement.
    fn join(stmt: &mut SelectStatement, viewer: &Viewer);
    /// Primes the target rows of the result rows of one statement.
    fn prime(rows: &[QueryResult], primed: &Primed) -> AppResult<()>;
}

/// Nothing brought along.
pub struct NoAlong;

impl Along for NoAlong {
    fn join(_: &mut SelectStatement, _: &Viewer) {}
    fn prime(_: &[QueryResult], _: &Primed) -> AppResult<()> {
        Ok(())
    }
}

/// Contributions bring their organisation.
pub struct ContributionOrganisation;

impl Along for ContributionOrganisation {
    fn join(stmt: &mut SelectStatement, viewer: &Viewer) {
        join_target::<organisation::Entity>(stmt, viewer, ("contribution", "organisation_id"));
    }
    fn prime(rows: &[QueryResult], primed: &Primed) -> AppResult<()> {
        prime_targets::<organisation::Entity>(rows, primed)
    }
}

/// Prefix of the columns of a row brought along.
const ALONG: &str = "__along_";

/// `LEFT JOIN` the row of `T` that foreign key `fk` points at, if the viewer may see it, and
/// select its columns as `__along_<column>`.
fn join_target<T: Keyed>(stmt: &mut SelectStatement, viewer: &Viewer, fk: (&'static str, &'static str)) {
    let table = T::default().table_name();
    let on = Condition::all()
        .add(Expr::col((table, T::id_column().as_str())).equals(fk))
        .add(T::visible(viewer));
    stmt.join(JoinType::LeftJoin, T::default(), on);
    for c in T::Column::iter() {
        stmt.expr_as(Expr::col((table, c.as_str())), format!("{ALONG}{}", c.as_str()));
    }
}

/// Primes the rows of `T` in the `__along_` columns of `rows`, each once (many children point
/// at the same few rows), skipping rows where the join found none.
fn prime_targets<T: Keyed>(rows: &[QueryResult], primed: &Primed) -> AppResult<()>
where
    T::Model: Sync,
{
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let reader = Reader::<T>::new(first, ALONG);
    let at = index_of(first, &format!("{ALONG}{}", T::id_column().as_str()));
    for row in rows {
        let id: Option<i32> = match at {
            Some(at) => row.try_get_by_index(at)?,
            None => row.try_get(ALONG, T::id_column().as_str())?,
        };
        if let Some(id) = id
            && !primed.has::<T>(id)
        {
            primed.put::<T>(reader.read(row)?);
        }
    }
    Ok(())
}

/// What a request will read of one learning question besides its row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct QuestionAhead {
    /// `workgroup` is selected.
    pub workgroup: bool,
    /// `coalition` is selected.
    pub coalition: bool,
    /// `contributions` is selected once, for a first page (no cursor) with these arguments;
    /// `true` when its nodes' `organisation` is selected too.
    pub contributions: Option<(PageArgs, bool)>,
}

impl QuestionAhead {
    fn any(&self) -> bool {
        self.workgroup || self.coalition || self.contributions.is_some()
    }
}

impl Loaders {
    /// Marks the start of a write in this request: primed rows are dropped and no more are kept.
    pub fn writing(&self) {
        self.primed.stop();
    }

    /// One learning question by id (as `one` reads it), with what the request will read of it
    /// joined into the same statement and primed (where joins pay): its workgroup and coalition,
    /// and the first page of its contributions with their organisations, through the same
    /// `LATERAL` subquery the contributions' loader runs per parent.
    ///
    /// No further check is needed on the joined workgroup and coalition: a question is visible
    /// only when its workgroup is (`policy.rs`, `in_visible_workgroup`), and coalitions are
    /// public. The contributions carry their own visibility, as in their loader. The visibility
    /// tests read all of them through this path.
    pub async fn question_with(&self, id: i32, want: QuestionAhead) -> AppResult<Option<learning_question::Model>> {
        if !want.any() || !self.joins_pay() || self.primed.writing.load(Ordering::Acquire) {
            return self.one::<learning_question::Entity>(id).await;
        }
        if let Some(q) = self.primed.get::<learning_question::Entity>(id) {
            return Ok(Some(q));
        }
        let backend = self.db.get_database_backend();
        let key = (std::mem::discriminant(&backend), self.viewer.key(), want.clone());
        let build = |id| backend.build(&question_statement(&self.viewer, id, &want));
        let stmt = QUESTIONS.statement(key, id, build);
        let rows = self.db.query_all_raw(stmt).await?;
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let question = Reader::<learning_question::Entity>::new(first, "A_").read(first)?;
        prime_row::<workgroup::Entity>(first, "B_", &self.primed)?;
        prime_row::<coalition::Entity>(first, "C_", &self.primed)?;
        if let Some((args, along)) = want.contributions {
            // A question without (visible) contributions comes as one row with none.
            let rows = if first.try_get::<Option<i32>>("", "id")?.is_none() {
                &[][..]
            } else {
                &rows[..]
            };
            if along {
                ContributionOrganisation::prime(rows, &self.primed)?;
            }
            let items = rows::models::<contribution::Entity>(rows, "")?;
            self.primed
                .put_page::<QuestionContributions>(id, args.clone(), Page::from_rows(items, &args));
        }
        Ok(Some(question))
    }
}

/// Templates of [`question_statement`], by backend, viewer and what is read ahead.
type QuestionKey = (Discriminant<DbBackend>, ViewerKey, QuestionAhead);
static QUESTIONS: LazyLock<Templates<QuestionKey>> = LazyLock::new(Templates::new);

/// The statement of [`Loaders::question_with`]: question `id` if `viewer` may see it, joined
/// with its workgroup, its coalition and, when `want`ed, its first page of contributions.
fn question_statement(viewer: &Viewer, id: i32, want: &QuestionAhead) -> SelectStatement {
    let mut select = learning_question::Entity::find_by_id(id)
        .filter(learning_question::Entity::visible(viewer))
        .find_also_related(workgroup::Entity)
        .find_also_related(coalition::Entity);
    let stmt = QuerySelect::query(&mut select);
    if let Some((args, along)) = &want.contributions {
        let mut page = QuestionContributions::base(viewer, Unread::NONE);
        if *along {
            ContributionOrganisation::join(&mut page, viewer);
        }
        let (parent, of) = (QuestionContributions::PARENT, ("learning_question", "id"));
        narrow_to_page(&mut page, parent, of, &QuestionContributions::sort(), args);
        stmt.join_lateral(JoinType::LeftJoin, page, PAGE, Condition::all())
            .column((PAGE, Asterisk));
    }
    stmt.take()
}

/// Alias of the page of children joined into a question's statement.
const PAGE: &str = "__page";

/// Primes the row of `T` whose columns `row` holds under `prefix`, unless the join found none.
fn prime_row<T: Keyed>(row: &QueryResult, prefix: &str, primed: &Primed) -> AppResult<()>
where
    T::Model: Sync,
{
    let id: Option<i32> = row.try_get(prefix, T::id_column().as_str())?;
    if id.is_some() {
        primed.put::<T>(Reader::<T>::new(row, prefix).read(row)?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use entity::{Visibility, WorkgroupKind, workgroup};

    use super::Primed;

    fn workgroup(id: i32) -> workgroup::Model {
        workgroup::Model {
            id,
            coalition_id: 1,
            name: format!("Werkgroep {id}"),
            kind: WorkgroupKind::Workgroup,
            method: None,
            description: None,
            starts_on: None,
            ends_on: None,
            visibility: Visibility::Public,
            archived_at: None,
            version: 1,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn primed_rows_answer_until_a_write_starts_and_none_are_kept_after() {
        let primed = Primed::default();
        primed.put::<workgroup::Entity>(workgroup(7));
        assert_eq!(primed.get::<workgroup::Entity>(7).map(|w| w.id), Some(7));
        assert!(primed.get::<workgroup::Entity>(8).is_none());
        assert!(
            primed.get::<entity::coalition::Entity>(7).is_none(),
            "keyed by type too"
        );
        primed.stop();
        assert!(primed.get::<workgroup::Entity>(7).is_none());
        primed.put::<workgroup::Entity>(workgroup(9));
        assert!(primed.get::<workgroup::Entity>(9).is_none());
    }
}
