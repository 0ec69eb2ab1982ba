//! Searching: a page of hits (best first, then by entry id), how many hits there are, and the
//! questions most like a given text. Each hit carries its record, read through the viewer's
//! visibility, and a highlight from the record's own text.

use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::candidates::statement;
use super::document::{Record, read_many};
use super::filter::Filter;
use super::highlight::excerpt;
use super::query::SearchQuery;
use crate::error::AppResult;
use crate::ids::NodeType;
use crate::viewer::Viewer;

/// One search result.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The index entry's id: the tie-breaker of the ordering.
    pub entry: i32,
    /// The relevance, times [`super::candidates::SCALE`].
    pub score: i64,
    /// The record found.
    pub record: Record,
    /// An excerpt with the matched words marked, HTML-escaped.
    pub highlight: String,
}

/// A page of hits.
#[derive(Debug, Clone, Default)]
pub struct Hits {
    /// The hits, best first.
    pub hits: Vec<Hit>,
    /// More hits follow.
    pub has_next: bool,
}

struct Row {
    entry: i32,
    kind: NodeType,
    record: i32,
    score: i64,
}

/// Up to `limit` hits after the position `after` (a score and entry id).
///
/// # Errors
/// Fails when the database cannot be read.
pub async fn search(
    db: &DatabaseConnection,
    viewer: &Viewer,
    q: &SearchQuery,
    f: &Filter,
    limit: u64,
    after: Option<(i64, i32)>,
) -> AppResult<Hits> {
    if q.is_empty() || limit == 0 {
        return Ok(Hits::default());
    }
    let mut page = Query::select();
    page.expr(Expr::cust("hit.*")).from_subquery(
        statement(db.get_database_backend(), viewer, q, f, false),
        Alias::new("hit"),
    );
    if let Some((score, id)) = after {
        let (s, i) = (|| Expr::cust("hit.score"), || Expr::cust("hit.id"));
        page.and_where(s().lt(score).or(s().eq(score).and(i().gt(id))));
    }
    let mut rows = run(db, &mut page, limit + 1).await?;
    let has_next = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let hits = resolve(db, viewer, q, rows).await?;
    Ok(Hits { hits, has_next })
}

/// How many hits the query has for the viewer.
///
/// # Errors
/// Fails when the database cannot be read.
pub async fn count(db: &DatabaseConnection, viewer: &Viewer, q: &SearchQuery, f: &Filter) -> AppResult<u64> {
    if q.is_empty() {
        return Ok(0);
    }
    let backend = db.get_database_backend();
    let counted = Query::select()
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .from_subquery(statement(backend, viewer, q, f, false), Alias::new("hit"))
        .to_owned();
    let row = db.query_one(&counted).await?;
    let n: i64 = row.map(|r| r.try_get("", "n")).transpose()?.unwrap_or(0);
    Ok(u64::try_from(n).unwrap_or(0))
}

/// The learning questions most like `text` (a title and its context) that the viewer may see,
/// leaving out `except`; answered questions with an outcome rank higher.
///
/// # Errors
/// Fails when the database cannot be read.
pub async fn similar_questions(
    db: &DatabaseConnection,
    viewer: &Viewer,
    text: &str,
    except: Option<i32>,
    limit: u64,
) -> AppResult<Vec<Hit>> {
    let q = SearchQuery::any_of(text);
    if q.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let f = Filter {
        kinds: Some(vec![NodeType::LearningQuestion]),
        except_question: except,
        ..Filter::default()
    };
    let mut page = Query::select();
    page.expr(Expr::cust("hit.*")).from_subquery(
        statement(db.get_database_backend(), viewer, &q, &f, true),
        Alias::new("hit"),
    );
    let rows = run(db, &mut page, limit).await?;
    resolve(db, viewer, &q, rows).await
}

async fn run(db: &DatabaseConnection, page: &mut SelectStatement, limit: u64) -> AppResult<Vec<Row>> {
    page.order_by_expr(Expr::cust("hit.score"), Order::Desc)
        .order_by_expr(Expr::cust("hit.id"), Order::Asc)
        .limit(limit);
    let rows = db.query_all(&*page).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let kind: String = r.try_get("", "kind")?;
        let Some(kind) = NodeType::parse(&kind) else { continue };
        out.push(Row {
            entry: r.try_get("", "id")?,
            kind,
            record: r.try_get("", "record_id")?,
            score: r.try_get("", "score")?,
        });
    }
    Ok(out)
}

/// Reads the records behind `rows` (through the viewer's visibility once more) and builds the
/// hits in the rows' order.
async fn resolve(db: &DatabaseConnection, viewer: &Viewer, q: &SearchQuery, rows: Vec<Row>) -> AppResult<Vec<Hit>> {
    let mut wanted: HashMap<NodeType, Vec<i32>> = HashMap::new();
    for r in &rows {
        wanted.entry(r.kind).or_default().push(r.record);
    }
    let mut records = HashMap::new();
    for (t, ids) in wanted {
        for rec in read_many(db, t, ids, Some(viewer)).await? {
            records.insert((t, rec.id()), rec);
        }
    }
    let stems = q.positive_stems();
    let hits = rows.into_iter().filter_map(|r| {
        let record = records.remove(&(r.kind, r.record))?;
        let highlight = excerpt(&record.document(), &stems);
        Some(Hit {
            entry: r.entry,
            score: r.score,
            record,
            highlight,
        })
    });
    Ok(hits.collect())
}
