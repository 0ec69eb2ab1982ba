//! Who may find an index entry: each entry keeps its record's *effective* visibility (the
//! narrowest along the record and the parents the policy checks with it) and coalition, so the
//! candidate query decides visibility from the entry's own columns, inside the statement that
//! ranks and limits. The alternative, a correlated EXISTS per kind on the record's table under
//! an OR, made PostgreSQL hash every visible contribution and question for each search (a page
//! cost that grew with the tables: 120 ms to 980 ms for one page at 100,000 contributions).
//!
//! The stored scope follows `policy::Guarded` exactly:
//! - a question and a meeting: their own level and their workgroup's, if any;
//! - a contribution: its own, its question's and that question's workgroup's;
//! - an outcome and a workgroup: their own;
//! - coalitions, organisations and themes: public.
//!
//! The coalition is the record's own, and only while every record in the chain belongs to it:
//! should they ever differ, the entry keeps no coalition, so a COALITION entry is then found by
//! platform admins only (narrower than the policy, never wider). An entry whose scope is not
//! known (NULL: written by an older version, or its record gone) is found by platform admins
//! only. A scope is written with its entry, in the write's own transaction; when a workgroup's
//! or question's scope changes, the scopes below it are rewritten in that transaction too.

use sea_orm::{ConnectionTrait, DbErr};

use crate::ids::NodeType;

/// The narrowest of the visibility columns given (NULL ones, a missing parent, left out).
fn narrowest(columns: &[&str]) -> String {
    let any = |level: &str| {
        columns
            .iter()
            .map(|c| format!("{c} = '{level}'"))
            .collect::<Vec<_>>()
            .join(" OR ")
    };
    format!(
        "CASE WHEN {} THEN 'COALITION' WHEN {} THEN 'PARTNERS' ELSE 'PUBLIC' END",
        any("COALITION"),
        any("PARTNERS")
    )
}

/// For a kind: the FROM clause joining the record (alias `r`) to its checked parents, the
/// effective visibility and the coalition; `None` for kinds outside any coalition.
fn chain(t: NodeType) -> Option<(&'static str, String, &'static str)> {
    Some(match t {
        NodeType::LearningQuestion => (
            "learning_question r LEFT JOIN workgroup w ON w.id = r.workgroup_id",
            narrowest(&["r.visibility", "w.visibility"]),
            "CASE WHEN w.id IS NULL OR w.coalition_id = r.coalition_id THEN r.coalition_id END",
        ),
        NodeType::Meeting => (
            "meeting r LEFT JOIN workgroup w ON w.id = r.workgroup_id",
            narrowest(&["r.visibility", "w.visibility"]),
            "CASE WHEN w.id IS NULL OR w.coalition_id = r.coalition_id THEN r.coalition_id END",
        ),
        NodeType::Contribution => (
            "contribution r JOIN learning_question q ON q.id = r.question_id \
             LEFT JOIN workgroup w ON w.id = q.workgroup_id",
            narrowest(&["r.visibility", "q.visibility", "w.visibility"]),
            "CASE WHEN q.coalition_id = r.coalition_id AND (w.id IS NULL OR w.coalition_id = r.coalition_id) \
             THEN r.coalition_id END",
        ),
        NodeType::Outcome => ("outcome r", narrowest(&["r.visibility"]), "r.coalition_id"),
        NodeType::Workgroup => ("workgroup r", narrowest(&["r.visibility"]), "r.coalition_id"),
        _ => return None,
    })
}

/// SQL expressions for the visibility and coalition of the record of kind `t` whose id is the
/// SQL expression `record` (a column or a numbered placeholder).
pub fn columns(t: NodeType, record: &str) -> (String, String) {
    match chain(t) {
        Some((from, visibility, coalition)) => (
            format!("(SELECT {visibility} FROM {from} WHERE r.id = {record})"),
            format!("(SELECT {coalition} FROM {from} WHERE r.id = {record})"),
        ),
        None => ("'PUBLIC'".into(), "NULL".into()),
    }
}

/// Sets the scope of the entries of kind `t` that `which` (a condition on `search_entry`)
/// selects, from their records as they are now.
async fn rescope(db: &impl ConnectionTrait, t: NodeType, which: &str) -> Result<(), DbErr> {
    let (visibility, coalition) = columns(t, "search_entry.record_id");
    let kind = t.name();
    let sql = format!(
        "UPDATE search_entry SET visibility = {visibility}, coalition_id = {coalition} \
         WHERE kind = '{kind}' AND ({which})"
    );
    db.execute_unprepared(&sql).await?;
    Ok(())
}

/// The scope an entry holds now, if it exists.
pub async fn held(
    db: &impl ConnectionTrait,
    t: NodeType,
    id: i32,
) -> Result<Option<(Option<String>, Option<i32>)>, DbErr> {
    let backend = db.get_database_backend();
    let sql = if backend == sea_orm::DbBackend::Postgres {
        "SELECT visibility, coalition_id FROM search_entry WHERE kind = $1 AND record_id = $2"
    } else {
        "SELECT visibility, coalition_id FROM search_entry WHERE kind = ? AND record_id = ?"
    };
    let values = vec![t.name().into(), id.into()];
    let row = db
        .query_one_raw(sea_orm::Statement::from_sql_and_values(backend, sql, values))
        .await?;
    row.map(|r| Ok((r.try_get("", "visibility")?, r.try_get("", "coalition_id")?)))
        .transpose()
}

/// Whether the scope of records of kind `t` is part of the scope of records below them.
pub fn reaches_below(t: NodeType) -> bool {
    matches!(t, NodeType::Workgroup | NodeType::LearningQuestion)
}

/// Rewrites the scopes of every record below the record of kind `t` with id `id`, after its own
/// scope changed: a workgroup's questions and meetings and the contributions to those
/// questions; a question's contributions.
///
/// # Errors
/// Fails when the database cannot be written.
pub async fn below(db: &impl ConnectionTrait, t: NodeType, id: i32) -> Result<(), DbErr> {
    match t {
        NodeType::Workgroup => {
            let questions = format!("SELECT id FROM learning_question WHERE workgroup_id = {id}");
            rescope(db, NodeType::LearningQuestion, &format!("record_id IN ({questions})")).await?;
            let meetings = format!("SELECT id FROM meeting WHERE workgroup_id = {id}");
            rescope(db, NodeType::Meeting, &format!("record_id IN ({meetings})")).await?;
            let contributions = format!("SELECT id FROM contribution WHERE question_id IN ({questions})");
            rescope(db, NodeType::Contribution, &format!("record_id IN ({contributions})")).await?;
        }
        NodeType::LearningQuestion => {
            let contributions = format!("SELECT id FROM contribution WHERE question_id = {id}");
            rescope(db, NodeType::Contribution, &format!("record_id IN ({contributions})")).await?;
        }
        _ => {}
    }
    Ok(())
}

/// Gives every entry without a scope one (entries written before scopes were kept).
///
/// # Errors
/// Fails when the database cannot be written.
pub async fn fill(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    for t in super::KINDS {
        rescope(db, t, "visibility IS NULL").await?;
    }
    Ok(())
}
