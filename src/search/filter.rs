//! Which index entries a viewer may find under a filter: the entry's stored scope admits the
//! viewer (see `scope`), and, where the filter names a coalition, a theme or statuses, a
//! correlated EXISTS on the record's own table checks the filter.

use entity::{
    QuestionStatus, coalition, coalition_membership, contribution, learning_question, meeting, meeting_question,
    organisation, outcome, outcome_question, question_theme, theme, workgroup, workgroup_theme,
};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query, SelectStatement};

use crate::ids::NodeType;
use crate::paging::Keyed;
use crate::policy::stored_level_admits;
use crate::viewer::Viewer;

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

/// `E`'s row behind the entry meets `extra` (the filter's conditions on the record's table);
/// `None` when there are none to check.
fn row<E: Keyed>(extra: Condition) -> Option<Condition> {
    if extra.is_empty() {
        return None;
    }
    let e = E::default();
    let mut probe = Query::select();
    probe
        .expr(Expr::val(1))
        .from(e)
        .and_where(Expr::col((e, E::id_column())).equals((entry(), Alias::new("record_id"))))
        .cond_where(extra);
    Some(Condition::all().add(Expr::exists(probe)))
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
        .and_where(Expr::exists(question_has_theme(Expr::col((link, question)), theme_id)))
        .to_owned()
}

/// Whether the filter admits entries of kind `t` (`None`: it rules the kind out), and the
/// condition their records must meet when it has one.
fn kind(t: NodeType, f: &Filter) -> Option<Option<Condition>> {
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
            row::<learning_question::Entity>(extra)
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
            row::<contribution::Entity>(extra)
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
            row::<outcome::Entity>(extra)
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
            row::<meeting::Entity>(extra)
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
            row::<workgroup::Entity>(extra)
        }
        NodeType::Coalition => {
            if f.theme_id.is_some() {
                return None;
            }
            if let Some(c) = f.coalition_id {
                extra = extra.add(coalition::Column::Id.eq(c));
            }
            row::<coalition::Entity>(extra)
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
            row::<organisation::Entity>(extra)
        }
        NodeType::Theme => {
            if f.coalition_id.is_some() {
                return None;
            }
            if let Some(th) = f.theme_id {
                extra = extra.add(theme::Column::Id.eq(th));
            }
            row::<theme::Entity>(extra)
        }
        _ => return None,
    };
    Some(cond)
}

/// The entries the viewer may find under the filter: those whose stored scope admits the
/// viewer (see `scope`), of a kind the filter admits, whose record meets the filter.
pub fn visible(viewer: &Viewer, f: &Filter) -> Condition {
    let mut plain = Vec::new();
    let mut checked = Condition::any();
    for t in super::document::KINDS {
        match kind(t, f) {
            None => {}
            Some(None) => plain.push(t.name()),
            Some(Some(cond)) => checked = checked.add(Condition::all().add(entry_col("kind").eq(t.name())).add(cond)),
        }
    }
    let admitted = stored_level_admits(viewer, || entry_col("visibility"), entry_col("coalition_id"));
    if plain.len() == super::document::KINDS.len() {
        return admitted;
    }
    if !plain.is_empty() {
        checked = checked.add(entry_col("kind").is_in(plain));
    }
    // No kind left: `any` of nothing is true in sea-query, so say false outright.
    if checked.is_empty() {
        return Condition::all().add(Expr::val(1).eq(0));
    }
    Condition::all().add(admitted).add(checked)
}
