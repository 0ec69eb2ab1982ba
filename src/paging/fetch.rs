//! The SQL of a page: one statement for a root list, one statement for the pages of many
//! parents at once (ROW_NUMBER per parent), one grouped statement for their counts.

use std::collections::HashMap;

use sea_orm::sea_query::{
    ArrayType, Asterisk, Expr, ExprTrait, Func, Order, PostgresQueryBuilder, Query, SelectStatement, Value, Values,
    WindowStatement,
};
use sea_orm::{
    ConnectionTrait, DbBackend, DbErr, QueryFilter, QueryOrder, QueryResult, QuerySelect, QueryTrait, Select, Statement,
};

use super::{Keyed, PageArgs, Sort};
use crate::error::AppResult;
use crate::rows::{self, Reader};

/// One page of rows, in display order.
#[derive(Debug, Clone)]
pub struct Page<M> {
    /// The rows.
    pub items: Vec<M>,
    /// More rows follow the last one.
    pub has_next: bool,
    /// More rows precede the first one.
    pub has_previous: bool,
}

impl<M> Default for Page<M> {
    fn default() -> Self {
        Page {
            items: Vec::new(),
            has_next: false,
            has_previous: false,
        }
    }
}

impl<M> Page<M> {
    /// Builds a page from up to `limit + 1` rows read in query order.
    pub fn from_rows(mut rows: Vec<M>, args: &PageArgs) -> Self {
        let more = rows.len() as u64 > args.limit;
        rows.truncate(args.limit as usize);
        if args.backward {
            rows.reverse();
            Page {
                items: rows,
                has_next: args.before.is_some(),
                has_previous: more,
            }
        } else {
            Page {
                items: rows,
                has_next: more,
                has_previous: args.after.is_some(),
            }
        }
    }
}

/// A page of a root list. `select` already holds the viewer's visibility and the filters.
pub async fn fetch_page<E: Keyed>(
    db: &impl ConnectionTrait,
    mut select: Select<E>,
    sort: &Sort<E>,
    args: &PageArgs,
) -> AppResult<Page<E::Model>> {
    if let Some(c) = &args.after {
        select = select.filter(sort.beyond(c, true));
    }
    if let Some(c) = &args.before {
        select = select.filter(sort.beyond(c, false));
    }
    let [col, id] = sort.columns();
    let order = sort.order(args.backward);
    let select = select
        .order_by(Expr::col(col), order.clone())
        .order_by(Expr::col(id), order)
        .limit(args.limit + 1);
    let rows = db.query_all(&select.into_query()).await?;
    Ok(Page::from_rows(rows::models::<E>(&rows, "")?, args))
}

/// Pages of children for many parents in one statement. `base` selects the visible children
/// (and any join); `parent` is the column holding each row's parent id. `each` sees the rows
/// read, for the columns of other tables `base` selects.
pub async fn fetch_grouped<E: Keyed>(
    db: &impl ConnectionTrait,
    mut base: SelectStatement,
    parent: (&'static str, &'static str),
    parents: &[i32],
    sort: &Sort<E>,
    args: &PageArgs,
    each: impl FnOnce(&[QueryResult]) -> AppResult<()>,
) -> AppResult<HashMap<i32, Page<E::Model>>> {
    if let Some(c) = &args.after {
        base.cond_where(sort.beyond(c, true));
    }
    if let Some(c) = &args.before {
        base.cond_where(sort.beyond(c, false));
    }
    let stmt = match db.get_database_backend() {
        DbBackend::Postgres => lateral(base, parent, parents, sort, args),
        backend => backend.build(&windowed(base, parent, parents, sort, args)),
    };
    let read = db.query_all_raw(stmt).await?;
    each(&read)?;
    let mut rows: HashMap<i32, Vec<E::Model>> = HashMap::new();
    if let Some(first) = read.first() {
        let reader = Reader::<E>::new(first, "");
        let at = rows::index_of(first, "__parent").ok_or_else(|| DbErr::Custom("no __parent column".into()))?;
        for row in &read {
            let parent_id: i32 = row.try_get_by_index(at)?;
            rows.entry(parent_id).or_default().push(reader.read(row)?);
        }
    }
    Ok(parents
        .iter()
        .map(|p| (*p, Page::from_rows(rows.remove(p).unwrap_or_default(), args)))
        .collect())
}

/// Portable plan: number each parent's rows with ROW_NUMBER() and keep the first `limit + 1`.
fn windowed<E: Keyed>(
    mut base: SelectStatement,
    parent: (&'static str, &'static str),
    parents: &[i32],
    sort: &Sort<E>,
    args: &PageArgs,
) -> SelectStatement {
    let [col, id] = sort.columns();
    let order = sort.order(args.backward);
    let mut window = WindowStatement::partition_by(parent);
    window.order_by(col, order.clone()).order_by(id, order);
    base.expr_as(Expr::col(parent), "__parent")
        .expr_window_as(Expr::cust("ROW_NUMBER()"), window, "__rn")
        .and_where(Expr::col(parent).is_in(parents.iter().copied()));
    Query::select()
        .column(Asterisk)
        .from_subquery(base, "__page")
        .and_where(Expr::col("__rn").lte(args.limit + 1))
        .order_by("__parent", Order::Asc)
        .order_by("__rn", Order::Asc)
        .to_owned()
}

/// Narrows `base` (visible children, cursors applied) to one parent's page, for a `LATERAL`
/// subquery: the rows whose `parent` column equals the outer column `of`, in the page's order,
/// `limit + 1` of them (the one more tells whether more follow).
pub fn narrow_to_page<E: Keyed>(
    base: &mut SelectStatement,
    parent: (&'static str, &'static str),
    of: (&'static str, &'static str),
    sort: &Sort<E>,
    args: &PageArgs,
) {
    let [col, id] = sort.columns();
    let order = sort.order(args.backward);
    base.and_where(Expr::col(parent).equals(of))
        .order_by(col, order.clone())
        .order_by(id, order)
        .limit(args.limit + 1);
}

/// PostgreSQL plan: for each parent id, an index scan that stops after `limit + 1` rows
/// (`unnest … CROSS JOIN LATERAL … LIMIT`), faster than numbering every child.
fn lateral<E: Keyed>(
    mut base: SelectStatement,
    parent: (&'static str, &'static str),
    parents: &[i32],
    sort: &Sort<E>,
    args: &PageArgs,
) -> Statement {
    narrow_to_page(&mut base, parent, ("__k", "pid"), sort, args);
    let (inner, Values(mut values)) = base.build(PostgresQueryBuilder);
    // The parent ids are one array parameter after the inner statement's own, so the text of
    // the statement does not change with them and stays prepared.
    let ids = parents.iter().map(|p| Value::Int(Some(*p))).collect();
    values.push(Value::Array(ArrayType::Int, Some(Box::new(ids))));
    // No outer ORDER BY: a LATERAL subquery with a LIMIT can only be joined by a nested loop,
    // which returns each parent's rows together and in the subquery's order; `fetch_grouped`
    // groups them by parent. Sorting them again cost a tenth of the statement.
    let sql = format!(
        "SELECT __t.*, __k.pid AS __parent FROM unnest(${}::int4[]) AS __k(pid) CROSS JOIN LATERAL ({inner}) AS __t",
        values.len()
    );
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

/// How many visible children each parent has, in one grouped statement.
pub async fn count_grouped(
    db: &impl ConnectionTrait,
    mut base: SelectStatement,
    parent: (&'static str, &'static str),
    parents: &[i32],
) -> AppResult<HashMap<i32, u64>> {
    base.clear_selects()
        .expr_as(Expr::col(parent), "__parent")
        .expr_as(Func::count(Expr::col(Asterisk)), "__count")
        .and_where(Expr::col(parent).is_in(parents.iter().copied()))
        .group_by_col(parent);
    let mut counts: HashMap<i32, u64> = parents.iter().map(|p| (*p, 0)).collect();
    for row in db.query_all(&base).await? {
        let parent_id: i32 = row.try_get("", "__parent")?;
        let n: i64 = row.try_get("", "__count")?;
        counts.insert(parent_id, u64::try_from(n).unwrap_or(0));
    }
    Ok(counts)
}
