//! The candidate query: index entries that match the query *and* whose record the viewer may
//! see, scored. Visibility is the scope each entry keeps (see `filter`), inside the statement
//! that ranks and limits, so a hidden record is never scored, counted or skipped over.
//!
//! Scores depend on the record's own text only (no corpus statistics, which hidden records would
//! shape), are scaled to integers so keyset paging compares them exactly, and weigh a hit in
//! the title above one in the body: PostgreSQL's `ts_rank` with title weight A (1.0) and body B
//! (0.4); on SQLite the same weights over the hits FTS5 finds per column, each saturating.
//! A page of search reads one block of the newest matches (see `find`); counting and similar
//! questions read every match.

use entity::{QuestionStatus, learning_question, outcome, outcome_question};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query, SelectStatement};
use sea_orm::{ColumnTrait, DbBackend};

use super::filter::{Filter, entry, visible};
use super::query::SearchQuery;
use crate::policy::Guarded;
use crate::viewer::Viewer;

/// Scores are kept as integers: the rank times this.
pub const SCALE: f64 = 1_000_000.0;

/// An answered question with an outcome the viewer may see, for ranking similar questions.
fn answered_with_outcome(viewer: &Viewer) -> Expr {
    let q = learning_question::Entity;
    let oq = outcome_question::Entity;
    let o = outcome::Entity;
    let mut has_outcome = Query::select();
    has_outcome
        .expr(Expr::val(1))
        .from(oq)
        .inner_join(
            o,
            Expr::col((o, outcome::Column::Id)).equals((oq, outcome_question::Column::OutcomeId)),
        )
        .and_where(Expr::col((oq, outcome_question::Column::QuestionId)).equals((entry(), Alias::new("record_id"))))
        .cond_where(outcome::Entity::visible(viewer));
    let mut answered = Query::select();
    answered
        .expr(Expr::val(1))
        .from(q)
        .and_where(Expr::col((q, learning_question::Column::Id)).equals((entry(), Alias::new("record_id"))))
        .and_where(learning_question::Column::Status.eq(QuestionStatus::Answered))
        .and_where(Expr::exists(has_outcome));
    Expr::case(Expr::exists(answered), 1).finally(0).into()
}

/// Where a statement reads its matches from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Every matching entry, in no order: for counting and similar questions.
    All,
    /// The `limit` newest matching entries with ids from `from` up to (not including) `below`,
    /// newest first. On PostgreSQL, `walk` says how: `Some(n)` walks the `n` newest entries of
    /// that range in id order and keeps those that match (bounded work, for words that many
    /// entries share); `None` asks the text index for every match in the range and keeps the
    /// newest (work in proportion to the matches, for rarer words).
    Newest {
        from: i32,
        below: i32,
        limit: u64,
        walk: Option<u64>,
    },
}

/// The entries' own columns a statement needs, read in a subquery under the entry table's name
/// so every condition on `search_entry` applies to it.
const ENTRY_COLUMNS: [&str; 6] = ["id", "kind", "record_id", "document", "visibility", "coalition_id"];

/// Matching, visible entries with columns `id`, `kind`, `record_id` and `score` (an integer).
/// With `boost_answered`, answered questions with outcomes score half as much again.
pub fn statement(
    backend: DbBackend,
    viewer: &Viewer,
    q: &SearchQuery,
    f: &Filter,
    boost_answered: bool,
    source: Source,
) -> SelectStatement {
    let mut matched = Query::select();
    matched
        .column((entry(), Alias::new("id")))
        .column((entry(), Alias::new("kind")))
        .column((entry(), Alias::new("record_id")));
    if boost_answered {
        matched.expr_as(answered_with_outcome(viewer), Alias::new("boost"));
    } else {
        matched.expr_as(Expr::val(0), Alias::new("boost"));
    }
    let id = || Expr::col((entry(), Alias::new("id")));
    let raw = if backend == DbBackend::Postgres {
        // PostgreSQL's placeholders are numbered within each custom expression. The query is
        // parsed once, in a subquery (an InitPlan): a generic plan would otherwise parse it again
        // for every matching row (33 ms against 14 ms for 7,800 matches).
        let ts = "(SELECT websearch_to_tsquery('samenspel_dutch', $1))";
        matched
            .column((entry(), Alias::new("document")))
            .and_where(Expr::cust_with_values(
                format!("search_entry.document @@ {ts}"),
                [q.websearch()],
            ));
        match source {
            Source::Newest {
                from,
                below,
                limit,
                walk: Some(n),
            } => {
                let mut newest = Query::select();
                for c in ENTRY_COLUMNS {
                    newest.column((entry(), Alias::new(c)));
                }
                newest
                    .from(entry())
                    .and_where(id().gte(from))
                    .and_where(id().lt(below))
                    .order_by_expr(id(), Order::Desc)
                    .limit(n);
                matched
                    .from_subquery(newest, entry())
                    .order_by_expr(id(), Order::Desc)
                    .limit(limit);
            }
            Source::Newest {
                from,
                below,
                limit,
                walk: None,
            } => {
                // `id + 0`: compared and ordered by the id's value, never walked along its
                // index, so even a generic plan (which cannot see how wide the range is) asks
                // the text index for the matches.
                matched
                    .from(entry())
                    .and_where(id().add(0).gte(from))
                    .and_where(id().add(0).lt(below))
                    .order_by_expr(id().add(0), Order::Desc)
                    .limit(limit);
            }
            Source::All => {
                matched.from(entry());
            }
        }
        // Ranked outside, on the rows kept only, against the positive terms as alternatives.
        format!("ts_rank('{{0.1,0.2,0.4,1.0}}', m.document, {ts})")
    } else {
        matched
            .expr_as(Expr::cust("highlight(search_fts, 0, char(1), '')"), Alias::new("th"))
            .expr_as(Expr::cust("highlight(search_fts, 1, char(1), '')"), Alias::new("bh"))
            .from(Alias::new("search_fts"))
            .inner_join(
                entry(),
                Expr::col((entry(), Alias::new("id"))).equals((Alias::new("search_fts"), Alias::new("rowid"))),
            )
            .and_where(Expr::cust_with_values("search_fts MATCH ?", [q.fts5()]));
        if let Source::Newest { from, below, limit, .. } = source {
            // FTS5 walks its index newest first and stops at the limit.
            let rowid = || Expr::col((Alias::new("search_fts"), Alias::new("rowid")));
            matched
                .and_where(rowid().gte(from))
                .and_where(rowid().lt(below))
                .order_by_expr(rowid(), Order::Desc)
                .limit(limit);
        }
        // Hits per column: the markers FTS5 put around matched words.
        let t = "(length(m.th) - length(replace(m.th, char(1), '')))";
        let b = "(length(m.bh) - length(replace(m.bh, char(1), '')))";
        format!("({t} / ({t} + 1.0) + 0.4 * {b} / ({b} + 1.0))")
    };
    matched.cond_where(visible(viewer, f));
    let int = if backend == DbBackend::Postgres {
        "bigint"
    } else {
        "INTEGER"
    };
    let score = format!("CAST(ROUND({raw} * (1.0 + 0.5 * m.boost) * {SCALE}) AS {int})");
    let mut scored = Query::select();
    scored
        .expr_as(Expr::cust("m.id"), Alias::new("id"))
        .expr_as(Expr::cust("m.kind"), Alias::new("kind"))
        .expr_as(Expr::cust("m.record_id"), Alias::new("record_id"));
    if backend == DbBackend::Postgres {
        scored.expr_as(Expr::cust_with_values(score, [q.websearch_any()]), Alias::new("score"));
    } else {
        scored.expr_as(Expr::cust(score), Alias::new("score"));
    }
    scored.from_subquery(matched, Alias::new("m")).to_owned()
}
