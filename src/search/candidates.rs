//! The candidate query: index entries that match the query *and* whose record the viewer may
//! see, scored. Visibility is a correlated EXISTS on the record's table with the policy's own
//! condition, inside the statement that ranks and limits, so a hidden record is never scored,
//! counted or skipped over.
//!
//! Scores depend on the record's own text only (no corpus statistics, which hidden records would
//! shape), are scaled to integers so keyset paging compares them exactly, and weigh a hit in
//! the title above one in the body: PostgreSQL's `ts_rank` with title weight A (1.0) and body B
//! (0.4); on SQLite the same weights over the hits FTS5 finds per column, each saturating.

use entity::{
    QuestionStatus, coalition, coalition_membership, contribution, learning_question, meeting, meeting_question,
    organisation, outcome, outcome_question, question_theme, theme, workgroup, workgroup_theme,
};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, DbBackend};

use super::query::SearchQuery;
use crate::ids::NodeType;
use crate::paging::Keyed;
use crate::policy::Guarded;
use crate::viewer::Viewer;

/// Scores are kept as integers: the rank times this.
pub const SCALE: f64 = 1_000_000.0;

/// Which records a search may return; every field given must hold.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only these kinds (all searchable kinds when `None`).
    pub kinds: Option<Vec<NodeType>>,
    /// Only records of this coalition: its questions, contributions, meetings, outcomes and
    /// workgroups, the coalition itself and its member organisations.
    pub coalition_id: Option<i32>,
    /// Only records on this theme: questions with it, their contributions, meetings and outcomes,
    /// workgroups with it, and the theme itself.
    pub theme_id: Option<i32>,
    /// Only learning questions in these statuses, and contributions to them.
    pub statuses: Option<Vec<QuestionStatus>>,
    /// Leave out this learning question (the one similar questions are sought for).
    pub except_question: Option<i32>,
}

pub(crate) fn entry() -> Alias {
    Alias::new("search_entry")
}

fn entry_col(c: &str) -> Expr {
    Expr::col((entry(), Alias::new(c)))
}

/// `E`'s row behind the entry exists, is visible to the viewer and meets `extra`.
fn row<E: Keyed>(viewer: &Viewer, extra: Condition) -> Condition {
    let e = E::default();
    let mut probe = Query::select();
    probe
        .expr(Expr::val(1))
        .from(e)
        .and_where(Expr::col((e, E::id_column())).equals((entry(), Alias::new("record_id"))))
        .cond_where(E::visible(viewer))
        .cond_where(extra);
    Condition::all().add(Expr::exists(probe))
}

/// A row of a join table links `from` (an outer column) to the theme.
fn has_theme(join: SelectStatement) -> Condition {
    Condition::all().add(Expr::exists(join))
}

fn question_has_theme(question: Expr, theme_id: i32) -> SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(question_theme::Entity)
        .and_where(Expr::col((question_theme::Entity, question_theme::Column::QuestionId)).eq(question))
        .and_where(question_theme::Column::ThemeId.eq(theme_id))
        .to_owned()
}

/// Questions linked through `link` (meeting_question / outcome_question) have the theme.
fn linked_question_has_theme<L: sea_orm::EntityTrait>(
    link: L,
    owner: L::Column,
    question: L::Column,
    outer: Expr,
    theme_id: i32,
) -> SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(link)
        .and_where(Expr::col((link, owner)).eq(outer))
        .and_where(Expr::exists(question_theme_of(Expr::col((link, question)), theme_id)))
        .to_owned()
}

fn question_theme_of(question: Expr, theme_id: i32) -> SelectStatement {
    question_has_theme(question, theme_id)
}

/// The condition for entries of kind `t`, or `None` when the filter rules the kind out.
fn kind(viewer: &Viewer, t: NodeType, f: &Filter) -> Option<Condition> {
    if f.kinds.as_ref().is_some_and(|k| !k.contains(&t)) {
        return None;
    }
    let mut extra = Condition::all();
    let statuses = f.statuses.clone();
    let cond = match t {
        NodeType::LearningQuestion => {
            use learning_question::Column as C;
            if let Some(c) = f.coalition_id {
                extra = extra.add(C::CoalitionId.eq(c));
            }
            if let Some(th) = f.theme_id {
                extra = extra.add(has_theme(question_has_theme(
                    Expr::col((learning_question::Entity, C::Id)),
                    th,
                )));
            }
            if let Some(s) = statuses {
                extra = extra.add(C::Status.is_in(s));
            }
            if let Some(q) = f.except_question {
                extra = extra.add(C::Id.ne(q));
            }
            row::<learning_question::Entity>(viewer, extra)
        }
        NodeType::Contribution => {
            use contribution::Column as C;
            let question = || Expr::col((contribution::Entity, C::QuestionId));
            if let Some(c) = f.coalition_id {
                extra = extra.add(C::CoalitionId.eq(c));
            }
            if let Some(th) = f.theme_id {
                extra = extra.add(has_theme(question_has_theme(question(), th)));
            }
            if let Some(s) = statuses {
                let q = learning_question::Entity;
                let probe = Query::select()
                    .expr(Expr::val(1))
                    .from(q)
                    .and_where(Expr::col((q, learning_question::Column::Id)).eq(question()))
                    .and_where(learning_question::Column::Status.is_in(s))
                    .to_owned();
                extra = extra.add(Expr::exists(probe));
            }
            row::<contribution::Entity>(viewer, extra)
        }
        _ if statuses.is_some() || f.except_question.is_some() => return None,
        NodeType::Outcome => {
            use outcome::Column as C;
            if let Some(c) = f.coalition_id {
                extra = extra.add(C::CoalitionId.eq(c));
            }
            if let Some(th) = f.theme_id {
                use outcome_question::Column as L;
                let outer = Expr::col((outcome::Entity, C::Id));
                extra = extra.add(has_theme(linked_question_has_theme(
                    outcome_question::Entity,
                    L::OutcomeId,
                    L::QuestionId,
                    outer,
                    th,
                )));
            }
            row::<outcome::Entity>(viewer, extra)
        }
        NodeType::Meeting => {
            use meeting::Column as C;
            if let Some(c) = f.coalition_id {
                extra = extra.add(C::CoalitionId.eq(c));
            }
            if let Some(th) = f.theme_id {
                use meeting_question::Column as L;
                let outer = Expr::col((meeting::Entity, C::Id));
                extra = extra.add(has_theme(linked_question_has_theme(
                    meeting_question::Entity,
                    L::MeetingId,
                    L::QuestionId,
                    outer,
                    th,
                )));
            }
            row::<meeting::Entity>(viewer, extra)
        }
        NodeType::Workgroup => {
            use workgroup::Column as C;
            if let Some(c) = f.coalition_id {
                extra = extra.add(C::CoalitionId.eq(c));
            }
            if let Some(th) = f.theme_id {
                let w = workgroup_theme::Entity;
                let probe = Query::select()
                    .expr(Expr::val(1))
                    .from(w)
                    .and_where(Expr::col((w, workgroup_theme::Column::WorkgroupId)).equals((workgroup::Entity, C::Id)))
                    .and_where(workgroup_theme::Column::ThemeId.eq(th))
                    .to_owned();
                extra = extra.add(Expr::exists(probe));
            }
            row::<workgroup::Entity>(viewer, extra)
        }
        NodeType::Coalition => {
            if f.theme_id.is_some() {
                return None;
            }
            if let Some(c) = f.coalition_id {
                extra = extra.add(coalition::Column::Id.eq(c));
            }
            row::<coalition::Entity>(viewer, extra)
        }
        NodeType::Organisation => {
            if f.theme_id.is_some() {
                return None;
            }
            if let Some(c) = f.coalition_id {
                let m = coalition_membership::Entity;
                let probe = Query::select()
                    .expr(Expr::val(1))
                    .from(m)
                    .and_where(
                        Expr::col((m, coalition_membership::Column::OrganisationId))
                            .equals((organisation::Entity, organisation::Column::Id)),
                    )
                    .and_where(coalition_membership::Column::CoalitionId.eq(c))
                    .to_owned();
                extra = extra.add(Expr::exists(probe));
            }
            row::<organisation::Entity>(viewer, extra)
        }
        NodeType::Theme => {
            if f.coalition_id.is_some() {
                return None;
            }
            if let Some(th) = f.theme_id {
                extra = extra.add(theme::Column::Id.eq(th));
            }
            row::<theme::Entity>(viewer, extra)
        }
        _ => return None,
    };
    Some(Condition::all().add(entry_col("kind").eq(t.name())).add(cond))
}

/// The entries the viewer may find under the filter: one alternative per kind.
fn visible(viewer: &Viewer, f: &Filter) -> Condition {
    let mut any = Condition::any();
    for t in super::document::KINDS {
        if let Some(c) = kind(viewer, t, f) {
            any = any.add(c);
        }
    }
    // No kind left: `any` of nothing is true in sea-query, so say false outright.
    if any.is_empty() {
        return Condition::all().add(Expr::val(1).eq(0));
    }
    any
}

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

/// Matching, visible entries with columns `id`, `kind`, `record_id` and `score` (an integer).
/// With `boost_answered`, answered questions with outcomes score half as much again.
pub fn statement(
    backend: DbBackend,
    viewer: &Viewer,
    q: &SearchQuery,
    f: &Filter,
    boost_answered: bool,
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
    let raw = if backend == DbBackend::Postgres {
        // PostgreSQL's placeholders are numbered within each custom expression.
        let ts = "websearch_to_tsquery('samenspel_dutch', $1)";
        matched
            .expr_as(
                Expr::cust_with_values(
                    format!("ts_rank('{{0.1,0.2,0.4,1.0}}', search_entry.document, {ts})"),
                    [q.websearch_any()],
                ),
                Alias::new("raw"),
            )
            .from(entry())
            .and_where(Expr::cust_with_values(
                format!("search_entry.document @@ {ts}"),
                [q.websearch()],
            ));
        "m.raw".to_string()
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
    Query::select()
        .expr_as(Expr::cust("m.id"), Alias::new("id"))
        .expr_as(Expr::cust("m.kind"), Alias::new("kind"))
        .expr_as(Expr::cust("m.record_id"), Alias::new("record_id"))
        .expr_as(Expr::cust(score), Alias::new("score"))
        .from_subquery(matched, Alias::new("m"))
        .to_owned()
}
