//! Paged one-to-many and many-to-many relations: many parents' pages in one statement.

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use itertools::Itertools;
use sea_orm::sea_query::{Expr, ExprTrait, SelectStatement};
use sea_orm::{Condition, EntityName, EntityTrait, IdenStatic, QueryFilter, QueryResult, QueryTrait};

use super::joined::{Along, Primed};
use super::unread::Unread;
use crate::error::AppError;
use crate::paging::{Keyed, Page, PageArgs, Sort, count_grouped, fetch_grouped};
use crate::policy::Guarded;
use crate::reads::Reads;
use crate::viewer::Viewer;

/// A relation from a parent to its children, followed through a DataLoader.
pub trait ToMany: Send + Sync + 'static {
    /// The entity of the children.
    type Child: Keyed;
    /// The column holding each child's parent id: a foreign key on the child, or the parent
    /// column of the join table.
    const PARENT: (&'static str, &'static str);
    /// For many-to-many: the join table and its column pointing at the child.
    const JOIN: Option<(&'static str, &'static str)> = None;

    /// The order of the children.
    fn sort() -> Sort<Self::Child>;

    /// Extra rules of this relation on top of the child's visibility.
    fn extra(_viewer: &Viewer) -> Condition {
        Condition::all()
    }

    /// The visible children of all parents, before paging, the columns in `unread` as
    /// placeholders. The parents are rows the viewer sees, so a child whose visibility includes
    /// its parent's (through `PARENT`) is not checked against the parent again.
    fn base(viewer: &Viewer, unread: Unread) -> SelectStatement {
        let visible = match Self::JOIN {
            None => Self::Child::visible_below(viewer, Self::PARENT.1),
            Some(_) => Self::Child::visible(viewer),
        };
        let mut stmt = unread
            .select::<Self::Child>()
            .filter(visible)
            .filter(Self::extra(viewer))
            .into_query();
        if let Some((table, child_col)) = Self::JOIN {
            let child = Self::Child::default().table_name();
            let id = <Self::Child as Keyed>::id_column().as_str();
            stmt.inner_join(table, Expr::col((table, child_col)).equals((child, id)));
        }
        stmt
    }
}

/// Pages of children, keyed by parent id, page arguments and the columns left unread, each
/// child with the row `A` brings along.
pub struct Children<R, A> {
    db: Reads,
    viewer: Arc<Viewer>,
    primed: Arc<Primed>,
    _r: PhantomData<fn() -> (R, A)>,
}

impl<R, A> Children<R, A> {
    /// A loader for one request; rows brought along go to `primed`.
    pub fn new(db: Reads, viewer: Arc<Viewer>, primed: Arc<Primed>) -> Self {
        Children {
            db,
            viewer,
            primed,
            _r: PhantomData,
        }
    }
}

pub(super) type ChildModel<R> = <<R as ToMany>::Child as EntityTrait>::Model;

impl<R: ToMany, A: Along> Loader<(i32, PageArgs, Unread)> for Children<R, A>
where
    ChildModel<R>: Sync,
{
    /// Shared, so that handing a page to the field that asked for it is not a deep copy of
    /// every row (see `Loaders::page`).
    type Value = Arc<Page<ChildModel<R>>>;
    type Error = AppError;

    async fn load(
        &self,
        keys: &[(i32, PageArgs, Unread)],
    ) -> Result<HashMap<(i32, PageArgs, Unread), Self::Value>, AppError> {
        let sort = R::sort();
        let mut out = HashMap::new();
        // Siblings almost always share their arguments: one statement per distinct argument set.
        let groups = keys.iter().map(|(p, a, u)| ((a.clone(), *u), *p)).into_group_map();
        for ((args, unread), mut parents) in groups {
            parents.sort_unstable();
            parents.dedup();
            let mut base = R::base(&self.viewer, unread);
            A::join(&mut base, &self.viewer);
            let prime = |rows: &[QueryResult]| A::prime(rows, &self.primed);
            let pages = fetch_grouped(&self.db, base, R::PARENT, &parents, &sort, &args, prime).await?;
            out.extend(
                pages
                    .into_iter()
                    .map(|(p, page)| ((p, args.clone(), unread), Arc::new(page))),
            );
        }
        Ok(out)
    }
}

/// Counts of visible children, keyed by parent id.
pub struct ChildCount<R> {
    db: Reads,
    viewer: Arc<Viewer>,
    _r: PhantomData<fn() -> R>,
}

impl<R> ChildCount<R> {
    /// A loader for one request.
    pub fn new(db: Reads, viewer: Arc<Viewer>) -> Self {
        ChildCount {
            db,
            viewer,
            _r: PhantomData,
        }
    }
}

impl<R: ToMany> Loader<i32> for ChildCount<R> {
    type Value = u64;
    type Error = AppError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, u64>, AppError> {
        count_grouped(&self.db, R::base(&self.viewer, Unread::NONE), R::PARENT, keys).await
    }
}
