//! Searching: a page of hits (best first, then by entry id), how many hits there are, and the
//! questions most like a given text. Each hit carries its record, read through the viewer's
//! visibility, and a highlight from the record's own text.

use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, Order, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};

use super::candidates::{Source, statement};
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
    /// The entry ids of the block the hit was ranked in (see [`Position`]).
    pub block: (i32, i32),
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
    /// The entry ids of the block the row was ranked in.
    from: i32,
    below: i32,
}

/// Matches ranked together: the [`BLOCK`] newest matching entries (by entry id) below a bound.
/// Results come block by block, newest block first, best first within a block, so the work
/// of a page does not grow with the number of matches (see the README's search section).
pub const BLOCK: u64 = 200;

/// On PostgreSQL, how many of the newest entries below a block's bound are read in id order
/// first; when as many again would fill the block at the rate they matched (up to [`WALK`]
/// rows in all), the walk goes on, otherwise the text index is asked for the rest. Words that
/// many entries share fill a block within a few thousand rows; rarer ones go to the index,
/// where they are few.
const PROBE: u64 = 1024;

/// On PostgreSQL, the most entries a block's walk reads in id order.
const WALK: u64 = 8192;

/// Where a page starts: after the hit with this score and entry id, in the block of the
/// entries with ids from `from` up to (not including) `below`. A later page reads the same
/// block again by these ids, so a hit that leaves the results between pages moves no other
/// hit across a block's edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The block's lowest entry id.
    pub from: i32,
    /// One above the block's highest entry id.
    pub below: i32,
    /// The hit's score.
    pub score: i64,
    /// The hit's index entry.
    pub entry: i32,
}

/// A block of scored matches and the entry ids it spans.
struct Block {
    rows: Vec<Row>,
    from: i32,
    below: i32,
    /// No match lies below the block.
    last: bool,
}

/// Up to `limit` hits after the position `after`.
///
/// # Errors
/// Fails when the database cannot be read.
pub async fn search(
    db: &DatabaseConnection,
    viewer: &Viewer,
    q: &SearchQuery,
    f: &Filter,
    limit: u64,
    after: Option<Position>,
) -> AppResult<Hits> {
    if q.is_empty() || limit == 0 {
        return Ok(Hits::default());
    }
    let mut block = match after {
        Some(p) => span(db, viewer, q, f, p.from, p.below).await?,
        None => newest(db, viewer, q, f, i32::MAX).await?,
    };
    let mut after = after.map(|p| (p.score, p.entry));
    let mut rows: Vec<Row> = Vec::new();
    loop {
        let (from, below) = (block.from, block.below);
        block
            .rows
            .sort_by(|a, b| b.score.cmp(&a.score).then(a.entry.cmp(&b.entry)));
        let fresh = block
            .rows
            .into_iter()
            .filter(|r| after.is_none_or(|(score, entry)| r.score < score || (r.score == score && r.entry > entry)));
        rows.extend(fresh.map(|r| Row { from, below, ..r }));
        if rows.len() as u64 > limit || block.last {
            break;
        }
        after = None;
        block = newest(db, viewer, q, f, from).await?;
    }
    let has_next = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let hits = resolve(db, viewer, q, rows).await?;
    Ok(Hits { hits, has_next })
}

/// The [`BLOCK`] newest matches below `bound`.
async fn newest(db: &DatabaseConnection, viewer: &Viewer, q: &SearchQuery, f: &Filter, bound: i32) -> AppResult<Block> {
    let backend = db.get_database_backend();
    let source = |below, limit, walk| Source::Newest {
        from: 0,
        below,
        limit,
        walk,
    };
    let lowest = |rows: &[Row]| rows.iter().map(|r| r.entry).min().unwrap_or(bound);
    let mut rows = if backend == DbBackend::Postgres {
        let mut rows = fetch(
            db,
            statement(backend, viewer, q, f, false, source(bound, BLOCK, Some(PROBE))),
        )
        .await?;
        let found = rows.len() as u64;
        // The rows walked below the last match found did not match: the rest lies below it.
        if found > 0 && found < BLOCK && (BLOCK - found) * PROBE <= (WALK - PROBE) * found {
            let walk = source(lowest(&rows), BLOCK - found, Some(WALK - PROBE));
            rows.extend(fetch(db, statement(backend, viewer, q, f, false, walk)).await?);
        }
        let found = rows.len() as u64;
        if found < BLOCK {
            let rest = source(lowest(&rows), BLOCK - found, None);
            rows.extend(fetch(db, statement(backend, viewer, q, f, false, rest)).await?);
        }
        rows
    } else {
        fetch(db, statement(backend, viewer, q, f, false, source(bound, BLOCK, None))).await?
    };
    rows.truncate(BLOCK as usize);
    let from = rows.iter().map(|r| r.entry).min().unwrap_or(0);
    let below = rows.iter().map(|r| r.entry).max().map_or(0, |m| m + 1);
    let last = (rows.len() as u64) < BLOCK;
    Ok(Block {
        rows,
        from,
        below,
        last,
    })
}

/// Every match with an entry id from `from` up to `below`: a block read again for a later page.
async fn span(
    db: &DatabaseConnection,
    viewer: &Viewer,
    q: &SearchQuery,
    f: &Filter,
    from: i32,
    below: i32,
) -> AppResult<Block> {
    let width = u64::try_from(i64::from(below) - i64::from(from)).unwrap_or(0);
    // Walking the span costs its width; the text index, every match of the query.
    let walk = (width <= WALK).then_some(WALK);
    let source = Source::Newest {
        from,
        below,
        limit: WALK,
        walk,
    };
    let rows = fetch(db, statement(db.get_database_backend(), viewer, q, f, false, source)).await?;
    Ok(Block {
        rows,
        from,
        below,
        last: from <= 1,
    })
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
        .from_subquery(statement(backend, viewer, q, f, false, Source::All), Alias::new("hit"))
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
        statement(db.get_database_backend(), viewer, &q, &f, true, Source::All),
        Alias::new("hit"),
    );
    let rows = run(db, &mut page, limit).await?;
    resolve(db, viewer, &q, rows).await
}

async fn run(db: &DatabaseConnection, page: &mut SelectStatement, limit: u64) -> AppResult<Vec<Row>> {
    page.order_by_expr(Expr::cust("hit.score"), Order::Desc)
        .order_by_expr(Expr::cust("hit.id"), Order::Asc)
        .limit(limit);
    fetch(db, page.take()).await
}

/// Reads the rows of a statement with `id`, `kind`, `record_id` and `score`.
async fn fetch(db: &DatabaseConnection, statement: SelectStatement) -> AppResult<Vec<Row>> {
    let rows = db.query_all(&statement).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let kind: String = r.try_get("", "kind")?;
        let Some(kind) = NodeType::parse(&kind) else { continue };
        out.push(Row {
            entry: r.try_get("", "id")?,
            kind,
            record: r.try_get("", "record_id")?,
            score: r.try_get("", "score")?,
            from: 0,
            below: 0,
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
            block: (r.from, r.below),
        })
    });
    Ok(hits.collect())
}
